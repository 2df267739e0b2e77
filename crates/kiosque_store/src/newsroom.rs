//! The newsroom's articles: their list, their metadata, creation and saves with optimistic
//! locking, and the sections where each journalist may publish.

use kiosque_domain::{ArticleDraft, ArticleId, ArticleStatus, SectionId, UserId};
use sqlx::Row;

use crate::api::Params;
use crate::articles::write_article;
use crate::db::{now_ms, Tx};
use crate::revisions::{insert_revision, Conflict};
use crate::{Store, StoreError, Upserted};

type Result<T> = std::result::Result<T, StoreError>;

/// What the newsroom needs beyond the public view: version, creator, schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMeta {
    pub id: ArticleId,
    pub version: i64,
    pub status: ArticleStatus,
    pub section_id: SectionId,
    pub created_by: Option<UserId>,
    pub scheduled_at: Option<i64>,
    pub modified_at: i64,
}

/// The outcome of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Ok { version: i64, path: String },
    Conflict(Conflict),
}

/// An article in the newsroom's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsroomRow {
    pub id: ArticleId,
    pub title: String,
    pub status: ArticleStatus,
    pub section_name: String,
    pub created_by: Option<String>,
    pub modified_at: i64,
    pub published_at: Option<i64>,
    pub scheduled_at: Option<i64>,
}

/// Filters of the newsroom's list; all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewsroomFilter {
    pub status: Option<ArticleStatus>,
    pub section: Option<String>,
    /// Byline (author slug).
    pub author: Option<String>,
    /// Only articles created by this user (a contributor sees their own).
    pub created_by: Option<UserId>,
    /// Words of the title.
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NewsroomSort {
    #[default]
    Modified,
    Published,
    Title,
}

pub(crate) fn status_of(s: &str) -> Result<ArticleStatus> {
    ArticleStatus::parse(s).ok_or_else(|| StoreError::Corrupt(format!("article status {s:?}")))
}

impl Store {
    pub async fn article_meta(&self, id: ArticleId) -> Result<Option<ArticleMeta>> {
        let Some(r) = sqlx::query(
            "select id, version, status, section_id, created_by, scheduled_at, modified_at \
             from articles where id = $1",
        )
        .bind(id.get())
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        Ok(Some(ArticleMeta {
            id: ArticleId(r.try_get("id")?),
            version: r.try_get("version")?,
            status: status_of(&r.try_get::<String, _>("status")?)?,
            section_id: SectionId(r.try_get("section_id")?),
            created_by: r.try_get::<Option<i64>, _>("created_by")?.map(UserId),
            scheduled_at: r.try_get("scheduled_at")?,
            modified_at: r.try_get("modified_at")?,
        }))
    }

    /// Creates a draft written in the newsroom, with its first revision.
    pub async fn create_article(
        &self,
        draft: &ArticleDraft,
        by: UserId,
    ) -> Result<Upserted<ArticleId>> {
        let mut draft = draft.clone();
        draft.source_key = None;
        draft.status = ArticleStatus::Draft;
        draft.published_at = None;
        draft.updated_at = None;
        draft.validate()?;
        let mut tx = self.begin_write().await?;
        let up = write_article(&mut tx, &draft, None).await?;
        sqlx::query("update articles set created_by = $1 where id = $2")
            .bind(by.get())
            .bind(up.id.get())
            .execute(&mut *tx)
            .await?;
        insert_revision(&mut tx, up.id, 1, "save", by, &draft).await?;
        tx.commit().await?;
        self.committed();
        Ok(up)
    }

    /// Saves new content over version `expected`. If someone saved meanwhile, nothing is
    /// overwritten: the content is kept as a "conflict" revision and [`Saved::Conflict`] says so.
    /// Status and dates are not the editor's to change here (the workflow actions are); an edit
    /// of a published article stamps its "updated at".
    pub async fn save_article(
        &self,
        id: ArticleId,
        draft: &ArticleDraft,
        expected: i64,
        by: UserId,
        kind: &str,
    ) -> Result<Saved> {
        let mut tx = self.begin_write().await?;
        // The version moves first, conditionally: on PostgreSQL a concurrent save of the same
        // version waits for this row lock, then finds the version changed and takes the
        // conflict path (a read-then-compare would let both through).
        let claimed = claim_version(&mut tx, id, expected).await?;
        let (version, draft) = with_stored_state(&mut tx, id, draft).await?;
        draft.validate()?;
        if !claimed {
            // What someone typed is kept; a restore (a copy of an existing revision) is not.
            let kept = if kind == "restore" {
                0
            } else {
                insert_revision(&mut tx, id, version, "conflict", by, &draft).await?
            };
            tx.commit().await?;
            return Ok(Saved::Conflict(Conflict {
                current_version: version,
                kept_revision: kept,
            }));
        }
        let up = write_article(&mut tx, &draft, Some(id)).await?;
        insert_revision(&mut tx, id, version, kind, by, &draft).await?;
        tx.commit().await?;
        self.committed();
        Ok(Saved::Ok {
            version,
            path: up.path,
        })
    }

    /// The newsroom's article list, with the total count.
    pub async fn newsroom_articles(
        &self,
        f: &NewsroomFilter,
        sort: NewsroomSort,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<NewsroomRow>, i64)> {
        let order = match sort {
            NewsroomSort::Modified => "a.modified_at desc, a.id desc",
            NewsroomSort::Published => "a.published_at desc, a.id desc",
            NewsroomSort::Title => "lower(a.title), a.id",
        };
        let mut p = Params::new();
        let conds = newsroom_conditions(f, &mut p);
        let sql = format!(
            "select a.id, a.title, a.status, s.name as section_name, u.display_name as created_by, \
               a.modified_at, a.published_at, a.scheduled_at \
             from articles a join sections s on s.id = a.section_id \
             left join users u on u.id = a.created_by{conds} order by {order} \
             limit {} offset {}",
            p.int(limit),
            p.int(offset)
        );
        let rows = p
            .bind(sqlx::query(&sql))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(NewsroomRow {
                    id: ArticleId(r.try_get("id")?),
                    title: r.try_get("title")?,
                    status: status_of(&r.try_get::<String, _>("status")?)?,
                    section_name: r.try_get("section_name")?,
                    created_by: r.try_get("created_by")?,
                    modified_at: r.try_get("modified_at")?,
                    published_at: r.try_get("published_at")?,
                    scheduled_at: r.try_get("scheduled_at")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut p = Params::new();
        let conds = newsroom_conditions(f, &mut p);
        let count_sql = format!(
            "select count(*) as n from articles a join sections s on s.id = a.section_id{conds}"
        );
        let total: i64 = p
            .bind(sqlx::query(&count_sql))
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        Ok((rows, total))
    }

    /// The sections (ids) where a journalist may publish.
    pub async fn publish_sections(&self, user: UserId) -> Result<Vec<SectionId>> {
        sqlx::query("select section_id from user_sections where user_id = $1 order by section_id")
            .bind(user.get())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok(SectionId(r.try_get("section_id")?)))
            .collect()
    }

    /// Replaces the sections where a journalist may publish (by slug; unknown slugs refused).
    pub async fn set_publish_sections(&self, user: UserId, slugs: &[String]) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("delete from user_sections where user_id = $1")
            .bind(user.get())
            .execute(&mut *tx)
            .await?;
        for slug in slugs {
            let id: i64 = sqlx::query("select id from sections where slug = $1")
                .bind(slug)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| StoreError::UnknownSection(slug.to_owned()))?
                .try_get("id")?;
            sqlx::query(
                "insert into user_sections (user_id, section_id) values ($1, $2) \
                 on conflict do nothing",
            )
            .bind(user.get())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

fn newsroom_conditions(f: &NewsroomFilter, p: &mut Params) -> String {
    let mut conds = String::from(" where 1 = 1");
    if let Some(s) = f.status {
        conds.push_str(&format!(" and a.status = {}", p.text(s.as_str())));
    }
    if let Some(s) = &f.section {
        conds.push_str(&format!(" and s.slug = {}", p.text(s)));
    }
    if let Some(s) = &f.author {
        conds.push_str(&format!(
            " and a.id in (select aa.article_id from article_authors aa \
               join authors au on au.id = aa.author_id where au.slug = {})",
            p.text(s)
        ));
    }
    if let Some(t) = &f.text {
        let pattern = format!("%{}%", t.to_lowercase().replace(['%', '_'], ""));
        conds.push_str(&format!(" and lower(a.title) like {}", p.text(&pattern)));
    }
    if let Some(u) = f.created_by {
        conds.push_str(&format!(" and a.created_by = {}", p.int(u.get())));
    }
    conds
}

/// The editor's content, completed with what the editor does not change (status, dates, import
/// key) as stored, and the version now stored.
pub(crate) async fn with_stored_state(
    tx: &mut Tx<'_>,
    id: ArticleId,
    draft: &ArticleDraft,
) -> Result<(i64, ArticleDraft)> {
    let Some(row) = sqlx::query(
        "select version, status, published_at, published_time_known, updated_at, source_key \
         from articles where id = $1",
    )
    .bind(id.get())
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Err(StoreError::NotFound);
    };
    let version: i64 = row.try_get("version")?;
    let status = status_of(&row.try_get::<String, _>("status")?)?;
    let mut draft = draft.clone();
    draft.source_key = row.try_get("source_key")?;
    draft.status = status;
    draft.published_at = row.try_get("published_at")?;
    draft.published_time_known = row.try_get::<i64, _>("published_time_known")? != 0;
    draft.updated_at = if status == ArticleStatus::Published {
        Some(now_ms())
    } else {
        row.try_get("updated_at")?
    };
    Ok((version, draft))
}

/// The optimistic lock: moves the article's version on if it is still `expected`, and says
/// whether it was. Done first in a write transaction, it takes the row lock on PostgreSQL, so
/// a concurrent save of the same version waits, then finds the version changed.
pub(crate) async fn claim_version(tx: &mut Tx<'_>, id: ArticleId, expected: i64) -> Result<bool> {
    Ok(
        sqlx::query("update articles set version = version + 1 where id = $1 and version = $2")
            .bind(id.get())
            .bind(expected)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1,
    )
}
