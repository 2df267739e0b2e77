//! The newsroom's writes and reads: articles created and saved with optimistic locking, their
//! revisions, scheduling, corrections, journalists' sections, and the media library.

use kiosque_domain::{ArticleDraft, ArticleStatus};
use sqlx::Row;

use crate::api::Params;
use crate::hooks::enqueue_article_event;
use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{ArticleId, MediaId, SectionId};

use crate::articles::{listing_keys, write_article};
use crate::db::{log_change, now_ms, Tx};
use crate::views::ArticleView;
use crate::{Store, StoreError, Upserted};

type Result<T> = std::result::Result<T, StoreError>;

/// What the newsroom needs beyond the public view: version, creator, schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMeta {
    pub id: i64,
    pub version: i64,
    pub status: ArticleStatus,
    pub section_id: i64,
    pub created_by: Option<i64>,
    pub scheduled_at: Option<i64>,
    pub modified_at: i64,
}

/// A save refused because the article changed since the editor loaded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The version now stored.
    pub current_version: i64,
    /// The refused content, kept as a revision so nothing typed is lost.
    pub kept_revision: i64,
}

/// The outcome of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Ok { version: i64, path: String },
    Conflict(Conflict),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRow {
    pub id: i64,
    pub version: i64,
    pub kind: String,
    pub author: Option<String>,
    pub author_id: Option<i64>,
    pub created_at: i64,
}

/// An article in the newsroom's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsroomRow {
    pub id: i64,
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
    pub created_by: Option<i64>,
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

/// An image of the media library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRow {
    pub id: i64,
    pub path: String,
    pub mime: String,
    pub width: i64,
    pub height: i64,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// (width, path), narrowest first.
    pub variants: Vec<(u32, String)>,
    pub placeholder: String,
    pub created_at: i64,
}

/// A new image, as the upload handler stored its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMedia {
    pub path: String,
    pub mime: String,
    pub width: i64,
    pub height: i64,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub variants: Vec<(u32, String)>,
    pub placeholder: String,
}

fn status_of(s: &str) -> Result<ArticleStatus> {
    ArticleStatus::parse(s).ok_or_else(|| StoreError::Corrupt(format!("article status {s:?}")))
}

async fn insert_revision(
    tx: &mut Tx<'_>,
    article: i64,
    version: i64,
    kind: &str,
    author: i64,
    draft: &ArticleDraft,
) -> Result<i64> {
    let content = serde_json::to_string(draft).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let row = sqlx::query(
        "insert into article_revisions (article_id, version, kind, author_id, created_at, content) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(article)
    .bind(version)
    .bind(kind)
    .bind(author)
    .bind(now_ms())
    .bind(content)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get("id")?)
}

fn media_from_row(r: &sqlx::any::AnyRow) -> Result<MediaRow> {
    let variants: String = r.try_get("variants")?;
    Ok(MediaRow {
        id: r.try_get("id")?,
        path: r.try_get("path")?,
        mime: r.try_get("mime")?,
        width: r.try_get("width")?,
        height: r.try_get("height")?,
        alt: r.try_get("alt")?,
        caption: r.try_get("caption")?,
        credit: r.try_get("credit")?,
        variants: serde_json::from_str(&variants)
            .map_err(|e| StoreError::Corrupt(format!("media variants: {e}")))?,
        placeholder: r.try_get("placeholder")?,
        created_at: r.try_get("created_at")?,
    })
}

const MEDIA_COLUMNS: &str =
    "id, path, mime, width, height, alt, caption, credit, variants, placeholder, created_at";

impl ArticleView {
    /// The article's content as the editor edits it.
    pub fn to_draft(&self) -> ArticleDraft {
        ArticleDraft {
            source_key: None,
            section: self.section.slug.clone(),
            title: self.title.clone(),
            standfirst: self.standfirst.clone(),
            hero: self.hero.clone(),
            hero_video: self.hero_video.as_ref().map(|v| v.id),
            body: self.body.clone(),
            tags: self.tags.iter().map(|t| t.name.clone()).collect(),
            authors: self.authors.iter().map(|a| a.name.clone()).collect(),
            status: self.status,
            published_at: self.published_at,
            published_time_known: self.published_time_known,
            updated_at: self.updated_at,
            comment_mode: self.comment_mode,
        }
    }
}

impl Store {
    pub async fn article_meta(&self, id: i64) -> Result<Option<ArticleMeta>> {
        let Some(r) = sqlx::query(
            "select id, version, status, section_id, created_by, scheduled_at, modified_at \
             from articles where id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        Ok(Some(ArticleMeta {
            id: r.try_get("id")?,
            version: r.try_get("version")?,
            status: status_of(&r.try_get::<String, _>("status")?)?,
            section_id: r.try_get("section_id")?,
            created_by: r.try_get("created_by")?,
            scheduled_at: r.try_get("scheduled_at")?,
            modified_at: r.try_get("modified_at")?,
        }))
    }

    /// Creates a draft written in the newsroom, with its first revision.
    pub async fn create_article(&self, draft: &ArticleDraft, by: i64) -> Result<Upserted> {
        let mut draft = draft.clone();
        draft.source_key = None;
        draft.status = ArticleStatus::Draft;
        draft.published_at = None;
        draft.updated_at = None;
        draft.validate()?;
        let mut tx = self.begin_write().await?;
        let up = write_article(&mut tx, &draft, None).await?;
        sqlx::query("update articles set created_by = $1 where id = $2")
            .bind(by)
            .bind(up.id)
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
        id: i64,
        draft: &ArticleDraft,
        expected: i64,
        by: i64,
        kind: &str,
    ) -> Result<Saved> {
        let mut tx = self.begin_write().await?;
        // The version moves first, conditionally: on PostgreSQL a concurrent save of the same
        // version waits for this row lock, then finds the version changed and takes the
        // conflict path (a read-then-compare would let both through).
        let claimed =
            sqlx::query("update articles set version = version + 1 where id = $1 and version = $2")
                .bind(id)
                .bind(expected)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
        let Some(row) = sqlx::query(
            "select version, status, published_at, published_time_known, updated_at, source_key \
             from articles where id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
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

    /// Keeps the editor's working copy without touching the article (which may be online):
    /// one autosave per article and person, replaced each time.
    pub async fn autosave(&self, id: i64, draft: &ArticleDraft, by: i64) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let version: i64 = sqlx::query("select version from articles where id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_get("version")?;
        sqlx::query(
            "delete from article_revisions where article_id = $1 and author_id = $2 \
               and kind = 'autosave'",
        )
        .bind(id)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        let rev = insert_revision(&mut tx, id, version, "autosave", by, draft).await?;
        tx.commit().await?;
        Ok(rev)
    }

    /// The person's autosave of this article, if newer than the article's last save.
    pub async fn pending_autosave(&self, id: i64, by: i64) -> Result<Option<RevisionRow>> {
        let revs = self.revisions(id).await?;
        let last_save = revs
            .iter()
            .filter(|r| r.kind != "autosave" && r.kind != "conflict")
            .map(|r| r.id)
            .max()
            .unwrap_or(0);
        Ok(revs
            .into_iter()
            .find(|r| r.kind == "autosave" && r.author_id == Some(by) && r.id > last_save))
    }

    /// Every revision of an article, newest first.
    pub async fn revisions(&self, id: i64) -> Result<Vec<RevisionRow>> {
        sqlx::query(
            "select r.id, r.version, r.kind, r.author_id, u.display_name as author, r.created_at \
             from article_revisions r left join users u on u.id = r.author_id \
             where r.article_id = $1 order by r.id desc",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(RevisionRow {
                id: r.try_get("id")?,
                version: r.try_get("version")?,
                kind: r.try_get("kind")?,
                author: r.try_get("author")?,
                author_id: r.try_get("author_id")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
    }

    /// One revision's content.
    pub async fn revision(&self, article: i64, rev: i64) -> Result<Option<ArticleDraft>> {
        let Some(r) =
            sqlx::query("select content from article_revisions where id = $1 and article_id = $2")
                .bind(rev)
                .bind(article)
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        let content: String = r.try_get("content")?;
        serde_json::from_str(&content)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(format!("revision {rev}: {e}")))
    }

    /// Publishes, takes down or sends for review (status only), checked against the article's
    /// status as read in the same transaction: `from` must still hold, so two people acting
    /// at once cannot both succeed from a stale screen. Publishing stamps the first publication
    /// time (`at`, default now); scheduling sets when.
    pub async fn change_status(
        &self,
        id: i64,
        from: ArticleStatus,
        to: ArticleStatus,
        scheduled_at: Option<i64>,
    ) -> Result<String> {
        let mut tx = self.begin_write().await?;
        let path = transition(&mut tx, id, from, to, scheduled_at, now_ms()).await?;
        tx.commit().await?;
        self.committed();
        Ok(path)
    }

    /// Publishes every scheduled article whose time has come (at `now`, the scheduler's clock),
    /// each at its scheduled time. Returns their ids. Safe to run on several nodes at once.
    pub async fn publish_due(&self, now: i64) -> Result<Vec<i64>> {
        let due: Vec<(i64, i64)> = sqlx::query(
            "select id, scheduled_at from articles \
             where status = 'scheduled' and scheduled_at <= $1 order by scheduled_at, id",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("scheduled_at")?)))
        .collect::<Result<_>>()?;
        let mut published = Vec::new();
        for (id, at) in due {
            let mut tx = self.begin_write().await?;
            match transition(
                &mut tx,
                id,
                ArticleStatus::Scheduled,
                ArticleStatus::Published,
                None,
                at,
            )
            .await
            {
                Ok(_) => {
                    tx.commit().await?;
                    self.committed();
                    published.push(id);
                }
                // Another node published it (or someone unscheduled it) meanwhile.
                Err(StoreError::Conflict { .. }) => {}
                // One bad row must not hold back the others; it is retried next round.
                Err(e) => tracing::warn!(article = id, error = %e, "cannot publish a due article"),
            }
        }
        Ok(published)
    }

    /// Adds a correction note, shown on the public page from now on.
    pub async fn add_correction(&self, id: i64, body: &str, by: i64) -> Result<()> {
        let body = body.trim();
        if body.is_empty() || body.chars().count() > kiosque_domain::newsroom::MAX_CORRECTION_CHARS
        {
            return Err(StoreError::Invalid(
                "Le rectificatif doit compter de 1 à 2 000 caractères.".into(),
            ));
        }
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into corrections (article_id, body, author_id, created_at) \
             values ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(body)
        .bind(by)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        // A correction is an update readers and partners must hear about.
        sqlx::query("update articles set updated_at = $1 where id = $2 and status = 'published'")
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        log_change(&mut tx, Kind::Correction, &[Key::Article(ArticleId(id))]).await?;
        enqueue_article_event(
            &mut tx,
            id,
            Some(ArticleStatus::Published),
            ArticleStatus::Published,
        )
        .await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Correction notes of an article, oldest first: (text, time).
    pub async fn corrections(&self, id: i64) -> Result<Vec<(String, i64)>> {
        sqlx::query("select body, created_at from corrections where article_id = $1 order by id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("body")?, r.try_get("created_at")?)))
            .collect()
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
                    id: r.try_get("id")?,
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
    pub async fn publish_sections(&self, user: i64) -> Result<Vec<i64>> {
        sqlx::query("select section_id from user_sections where user_id = $1 order by section_id")
            .bind(user)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok(r.try_get("section_id")?))
            .collect()
    }

    /// Replaces the sections where a journalist may publish (by slug; unknown slugs refused).
    pub async fn set_publish_sections(&self, user: i64, slugs: &[String]) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("delete from user_sections where user_id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?;
        for slug in slugs {
            let id: i64 = sqlx::query("select id from sections where slug = $1")
                .bind(slug)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| StoreError::Invalid(format!("no section {slug:?}")))?
                .try_get("id")?;
            sqlx::query(
                "insert into user_sections (user_id, section_id) values ($1, $2) \
                 on conflict do nothing",
            )
            .bind(user)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    // ------------------------------------------------------------ media library

    pub async fn insert_media(&self, m: &NewMedia, by: i64) -> Result<i64> {
        let variants =
            serde_json::to_string(&m.variants).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "insert into media (path, mime, width, height, alt, caption, credit, variants, \
               placeholder, uploaded_by, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id",
        )
        .bind(&m.path)
        .bind(&m.mime)
        .bind(m.width)
        .bind(m.height)
        .bind(m.alt.as_deref())
        .bind(m.caption.as_deref())
        .bind(m.credit.as_deref())
        .bind(variants)
        .bind(&m.placeholder)
        .bind(by)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        log_change(&mut tx, Kind::Media, &[Key::Media(MediaId(id))]).await?;
        tx.commit().await?;
        self.committed();
        Ok(id)
    }

    pub async fn media(&self, id: i64) -> Result<Option<MediaRow>> {
        sqlx::query(&format!("select {MEDIA_COLUMNS} from media where id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(media_from_row)
            .transpose()
    }

    /// Images whose original is at one of these paths (pages look up their figures' variants).
    pub async fn media_by_paths(&self, paths: &[String]) -> Result<Vec<MediaRow>> {
        if paths.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = (1..=paths.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("select {MEDIA_COLUMNS} from media where path in ({placeholders})");
        let mut q = sqlx::query(&sql);
        for p in paths {
            q = q.bind(p.trim_start_matches('/').to_owned());
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(media_from_row)
            .collect()
    }

    /// The library, newest first, optionally searched in alt text, caption, credit and path.
    pub async fn media_list(
        &self,
        text: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<MediaRow>, i64)> {
        let pattern = text
            .map(|t| format!("%{}%", t.trim().to_lowercase().replace(['%', '_'], "")))
            .filter(|p| p != "%%");
        let cond = if pattern.is_some() {
            " where lower(coalesce(alt, '') || ' ' || coalesce(caption, '') || ' ' || \
               coalesce(credit, '') || ' ' || path) like $3"
        } else {
            ""
        };
        let sql = format!(
            "select {MEDIA_COLUMNS} from media{cond} order by created_at desc, id desc \
             limit $1 offset $2"
        );
        let mut q = sqlx::query(&sql).bind(limit).bind(offset);
        if let Some(p) = &pattern {
            q = q.bind(p.clone());
        }
        let rows = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(media_from_row)
            .collect::<Result<Vec<_>>>()?;
        let count_sql = format!(
            "select count(*) as n from media{}",
            cond.replace("$3", "$1")
        );
        let mut q = sqlx::query(&count_sql);
        if let Some(p) = &pattern {
            q = q.bind(p.clone());
        }
        let total: i64 = q.fetch_one(&self.pool).await?.try_get("n")?;
        Ok((rows, total))
    }

    /// Alt text, caption and credit of an image. Pages showing it are refreshed.
    pub async fn update_media(
        &self,
        id: i64,
        alt: Option<&str>,
        caption: Option<&str>,
        credit: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done =
            sqlx::query("update media set alt = $1, caption = $2, credit = $3 where id = $4")
                .bind(alt)
                .bind(caption)
                .bind(credit)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        log_change(&mut tx, Kind::Media, &[Key::Media(MediaId(id))]).await?;
        tx.commit().await?;
        self.committed();
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
        conds.push_str(&format!(" and a.created_by = {}", p.int(u)));
    }
    conds
}

/// Moves an article from `from` to `to` inside a transaction; `Conflict` if its status is no
/// longer `from`. Logs the change and the webhook event.
async fn transition(
    tx: &mut Tx<'_>,
    id: i64,
    from: ArticleStatus,
    to: ArticleStatus,
    scheduled_at: Option<i64>,
    publish_at: i64,
) -> Result<String> {
    let Some(row) = sqlx::query(
        "select a.status, a.slug, a.section_id, s.slug as section_slug \
         from articles a join sections s on s.id = a.section_id where a.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Err(StoreError::NotFound);
    };
    let before = status_of(&row.try_get::<String, _>("status")?)?;
    if before != from {
        return Err(StoreError::Conflict {
            constraint: "article status".into(),
        });
    }
    let now = now_ms();
    // The status test is repeated in the update: on PostgreSQL two transitions of one article
    // (two nodes' schedulers, an editor unscheduling) serialise on the row and the second one
    // finds the status changed, instead of both succeeding from the same read.
    let done = sqlx::query(
        "update articles set status = $1, modified_at = $2, scheduled_at = $3, \
           published_at = case when $4 = 1 and published_at is null then $5 \
                          else published_at end \
         where id = $6 and status = $7",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(if to == ArticleStatus::Scheduled {
        scheduled_at
    } else {
        None
    })
    .bind(i64::from(to == ArticleStatus::Published))
    .bind(publish_at)
    .bind(id)
    .bind(from.as_str())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict {
            constraint: "article status".into(),
        });
    }
    let section: i64 = row.try_get("section_id")?;
    let mut keys = vec![
        Key::Article(ArticleId(id)),
        Key::Section(SectionId(section)),
        Key::Front,
    ];
    keys.extend(listing_keys(tx, id).await?);
    log_change(tx, Kind::Article, &keys).await?;
    enqueue_article_event(tx, id, Some(before), to).await?;
    Ok(kiosque_domain::slug::article_path(
        &row.try_get::<String, _>("section_slug")?,
        &row.try_get::<String, _>("slug")?,
        id,
    ))
}
