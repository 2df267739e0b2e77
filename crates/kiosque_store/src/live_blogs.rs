//! Live blogs, in `live_blogs`: which articles are live blogs, open or closed, and the lists of
//! `/direct`. Opening or closing one touches the article's pages and lists (its "En direct"
//! badge) and `Key::LiveBlogs`; its posts live in `live_posts` (see `live_posts.rs`).
//! Writes made for a person check, inside the transaction, that they may write on the live blog
//! (`kiosque_domain::live::may_write`); the command line and the demo write as the operator.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::live::{may_write, LiveError};
use kiosque_domain::{ArticleId, SectionId, UserId};
use sqlx::Row;

use crate::articles::listing_keys;
use crate::db::{log_change, now_ms, Tx};
use crate::media_rights::actor_in;
use crate::rows::{card_from_row, ARTICLE_CARD_COLUMNS};
use crate::views::ArticleCard;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A live blog's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveBlog {
    pub article_id: ArticleId,
    pub open: bool,
    pub coverage_start: i64,
    /// When it was closed; `None` while open.
    pub coverage_end: Option<i64>,
    /// Grows with every post written, edited or deleted, and when it opens or closes.
    pub rev: i64,
}

/// A live blog in the list of `/direct`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedLiveBlog {
    pub card: ArticleCard,
    pub blog: LiveBlog,
    /// Posts online.
    pub posts: i64,
    pub last_post_at: Option<i64>,
}

pub(crate) fn blog_from_row(r: &sqlx::any::AnyRow) -> Result<LiveBlog> {
    let closed: Option<i64> = r.try_get("closed_at")?;
    Ok(LiveBlog {
        article_id: ArticleId(r.try_get("article_id")?),
        open: closed.is_none(),
        coverage_start: r.try_get("coverage_start")?,
        coverage_end: closed,
        rev: r.try_get("rev")?,
    })
}

/// The refusal of a live-blog rule, worded for the person.
pub(crate) fn refused(e: LiveError) -> StoreError {
    StoreError::Invalid(e.message())
}

/// Refuses a person who may not write on a live blog of `section`.
pub(crate) async fn check_writer(
    tx: &mut Tx<'_>,
    by: Option<UserId>,
    section: SectionId,
) -> Result<()> {
    if let Some(by) = by {
        if !may_write(&actor_in(tx, by).await?, section) {
            return Err(StoreError::Forbidden);
        }
    }
    Ok(())
}

/// The keys a change of a live blog's state touches: its pages, the lists that show its badge,
/// and `/direct`.
async fn state_keys(tx: &mut Tx<'_>, id: ArticleId, section: SectionId) -> Result<Vec<Key>> {
    let mut keys = vec![
        Key::Article(id),
        Key::Live(id),
        Key::LiveBlogs,
        Key::Section(section),
        Key::Front,
    ];
    keys.extend(listing_keys(tx, id).await?);
    Ok(keys)
}

async fn section_of(tx: &mut Tx<'_>, id: ArticleId) -> Result<SectionId> {
    // Under the article's row lock: the section that decides the right to write cannot move
    // before this transaction commits (a section change racing an open or a close).
    crate::editor_actions::lock_article(tx, id).await?;
    let row = sqlx::query("select section_id from articles where id = $1")
        .bind(id.get())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(SectionId(row.try_get("section_id")?))
}

impl Store {
    /// Makes an article a live blog, or opens a closed one again, for `by` (`None`: the
    /// operator). The coverage starts now unless it had started already.
    pub async fn open_live_blog(&self, by: Option<UserId>, id: ArticleId) -> Result<()> {
        self.open_live_blog_at(by, id, now_ms()).await
    }

    /// [`Store::open_live_blog`] with the coverage starting at `start` (ms) for a new live
    /// blog: the demo's began before it was loaded.
    pub async fn open_live_blog_at(
        &self,
        by: Option<UserId>,
        id: ArticleId,
        start: i64,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let section = section_of(&mut tx, id).await?;
        check_writer(&mut tx, by, section).await?;
        let now = now_ms();
        let existing = sqlx::query("select closed_at from live_blogs where article_id = $1")
            .bind(id.get())
            .fetch_optional(&mut *tx)
            .await?;
        match existing {
            Some(r) => {
                if r.try_get::<Option<i64>, _>("closed_at")?.is_none() {
                    // Already open: nothing to write.
                    return Ok(());
                }
                sqlx::query(
                    "update live_blogs set closed_at = null, rev = rev + 1 where article_id = $1",
                )
                .bind(id.get())
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query(
                    "insert into live_blogs (article_id, coverage_start, created_by, created_at) \
                     values ($1, $2, $3, $4)",
                )
                .bind(id.get())
                .bind(start)
                .bind(by.map(|u| u.get()))
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
        let keys = state_keys(&mut tx, id, section).await?;
        log_change(&mut tx, Kind::Live, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Closes a live blog for `by`: "Ce direct est terminé", its page stays. Whether it was
    /// open.
    pub async fn close_live_blog(&self, by: Option<UserId>, id: ArticleId) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let section = section_of(&mut tx, id).await?;
        check_writer(&mut tx, by, section).await?;
        let Some(row) = sqlx::query("select closed_at from live_blogs where article_id = $1")
            .bind(id.get())
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Err(refused(LiveError::NotLive));
        };
        if row.try_get::<Option<i64>, _>("closed_at")?.is_some() {
            return Ok(false);
        }
        sqlx::query("update live_blogs set closed_at = $1, rev = rev + 1 where article_id = $2")
            .bind(now_ms())
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        let keys = state_keys(&mut tx, id, section).await?;
        log_change(&mut tx, Kind::Live, &keys).await?;
        tx.commit().await?;
        self.committed();
        Ok(true)
    }

    /// The live blog an article is, if it is one.
    pub async fn live_blog(&self, id: ArticleId) -> Result<Option<LiveBlog>> {
        sqlx::query(
            "select article_id, coverage_start, closed_at, rev from live_blogs \
             where article_id = $1",
        )
        .bind(id.get())
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(blog_from_row)
        .transpose()
    }

    /// Published live blogs: the open ones (newest coverage first), then the closed ones
    /// (most recently closed first), at most `limit` of each.
    pub async fn live_blogs(&self, limit: i64) -> Result<Vec<ListedLiveBlog>> {
        let mut out = Vec::new();
        for (filter, order) in [
            ("lb.closed_at is null", "lb.coverage_start desc"),
            ("lb.closed_at is not null", "lb.closed_at desc"),
        ] {
            let sql = format!(
                "select {ARTICLE_CARD_COLUMNS}, lb.article_id, lb.coverage_start, lb.closed_at, \
                   lb.rev, \
                   (select count(*) from live_posts p \
                    where p.article_id = lb.article_id and p.deleted_at is null) as post_count, \
                   (select max(p.created_at) from live_posts p \
                    where p.article_id = lb.article_id and p.deleted_at is null) as last_post \
                 from live_blogs lb join articles a on a.id = lb.article_id \
                 join sections s on s.id = a.section_id \
                 where a.status = 'published' and {filter} \
                 order by {order}, a.id desc limit $1"
            );
            for r in sqlx::query(&sql).bind(limit).fetch_all(&self.pool).await? {
                out.push(ListedLiveBlog {
                    card: card_from_row(&r)?,
                    blog: blog_from_row(&r)?,
                    posts: r.try_get("post_count")?,
                    last_post_at: r.try_get("last_post")?,
                });
            }
        }
        Ok(out)
    }
}
