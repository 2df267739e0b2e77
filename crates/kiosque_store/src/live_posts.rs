//! The posts of a live blog, in `live_posts`, each change kept in `live_post_revisions`.
//! Every write takes the live blog's row first (its `rev` grows by one, which also orders
//! concurrent writes on one live blog), checks inside the transaction that the person may write
//! there and that the live blog is open, and appends `Key::Live(article)` to the change log: the
//! page cache drops the live blog's pages and the live streams fetch what changed, once per
//! node. A deleted post keeps its row, marked, so that streams can tell open pages to remove it.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::live::{LiveError, PostDraft};
use kiosque_domain::{ArticleId, Block, SectionId, UserId};
use sqlx::Row;

use crate::db::{log_change, now_ms, Tx};
use crate::live_blogs::{check_writer, refused};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A post as pages show it.
#[derive(Debug, Clone, PartialEq)]
pub struct LivePost {
    pub id: i64,
    pub article_id: ArticleId,
    pub title: String,
    pub body: Vec<Block>,
    pub important: bool,
    pub key_point: bool,
    /// The author's display name; `None` for the operator or a deleted account.
    pub author: Option<String>,
    pub created_at: i64,
    pub updated_at: Option<i64>,
    pub deleted: bool,
    /// The live blog's `rev` at this post's last change.
    pub rev: i64,
}

/// One change of a post: who, when, what it became.
#[derive(Debug, Clone, PartialEq)]
pub struct LivePostRevision {
    /// `create`, `edit` or `delete`.
    pub action: String,
    pub title: String,
    pub body: Vec<Block>,
    pub important: bool,
    pub key_point: bool,
    pub author: Option<String>,
    pub at: i64,
}

/// A page of posts, newest first, with how many are online.
#[derive(Debug, Clone, PartialEq)]
pub struct LivePostPage {
    pub posts: Vec<LivePost>,
    pub total: i64,
}

/// What a live blog's page shows of its posts: a page of them, how many there are, and the key
/// points, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct LivePageData {
    pub page: LivePostPage,
    pub key_points: Vec<LivePost>,
}

const POST_COLUMNS_ONLY: &str = "p.id, p.article_id, p.title, p.body, p.important, \
     p.key_point, p.created_at, p.updated_at, p.deleted_at, p.rev, u.display_name as author_name";
const POST_FROM: &str = "from live_posts p left join users u on u.id = p.author_id";

fn body_of(json: &str) -> Result<Vec<Block>> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("live post body: {e}")))
}

fn post_from_row(r: &sqlx::any::AnyRow) -> Result<LivePost> {
    Ok(LivePost {
        id: r.try_get("id")?,
        article_id: ArticleId(r.try_get("article_id")?),
        title: r.try_get("title")?,
        body: body_of(&r.try_get::<String, _>("body")?)?,
        important: r.try_get::<i64, _>("important")? != 0,
        key_point: r.try_get::<i64, _>("key_point")? != 0,
        author: r.try_get("author_name")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        deleted: r.try_get::<Option<i64>, _>("deleted_at")?.is_some(),
        rev: r.try_get("rev")?,
    })
}

/// Takes the live blog's next rev for a write by `by`, after checking that it exists and that
/// `by` may write on it; a new post (`posting`) also needs it open. Edits and deletions stay
/// possible once it is closed: a closed live blog is an ordinary page, and pages get corrected.
async fn next_rev(
    tx: &mut Tx<'_>,
    by: Option<UserId>,
    article: ArticleId,
    posting: bool,
) -> Result<i64> {
    // The article's row lock first: its section (which decides the right to write) cannot
    // move between the check below and this write's commit.
    crate::editor_actions::lock_article(tx, article).await?;
    let Some(row) = sqlx::query(
        "select lb.closed_at, a.section_id from live_blogs lb \
         join articles a on a.id = lb.article_id where lb.article_id = $1",
    )
    .bind(article.get())
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Err(refused(LiveError::NotLive));
    };
    check_writer(tx, by, SectionId(row.try_get("section_id")?)).await?;
    if posting && row.try_get::<Option<i64>, _>("closed_at")?.is_some() {
        return Err(refused(LiveError::Closed));
    }
    let rev: i64 =
        sqlx::query("update live_blogs set rev = rev + 1 where article_id = $1 returning rev")
            .bind(article.get())
            .fetch_one(&mut **tx)
            .await?
            .try_get("rev")?;
    Ok(rev)
}

fn body_json(draft: &PostDraft) -> Result<String> {
    serde_json::to_string(&draft.body).map_err(|e| StoreError::Invalid(e.to_string()))
}

async fn keep_revision(
    tx: &mut Tx<'_>,
    post: i64,
    action: &str,
    draft: &PostDraft,
    by: Option<UserId>,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "insert into live_post_revisions \
         (post_id, action, title, body, important, key_point, author_id, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(post)
    .bind(action)
    .bind(&draft.title)
    .bind(body_json(draft)?)
    .bind(i64::from(draft.important))
    .bind(i64::from(draft.key_point))
    .bind(by.map(|u| u.get()))
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The live blog and the current text of a post that is still online.
async fn post_in(tx: &mut Tx<'_>, post: i64) -> Result<(ArticleId, PostDraft)> {
    let row = sqlx::query(
        "select article_id, title, body, important, key_point from live_posts \
         where id = $1 and deleted_at is null",
    )
    .bind(post)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok((
        ArticleId(row.try_get("article_id")?),
        PostDraft {
            title: row.try_get("title")?,
            body: body_of(&row.try_get::<String, _>("body")?)?,
            important: row.try_get::<i64, _>("important")? != 0,
            key_point: row.try_get::<i64, _>("key_point")? != 0,
        },
    ))
}

impl Store {
    /// Posts on an open live blog for `by` (`None`: the operator); the new post's id.
    pub async fn add_live_post(
        &self,
        by: Option<UserId>,
        article: ArticleId,
        draft: &PostDraft,
    ) -> Result<i64> {
        self.add_live_post_at(by, article, draft, now_ms()).await
    }

    /// [`Store::add_live_post`] dated `at` (ms): the demo's posts were written before it was
    /// loaded.
    pub async fn add_live_post_at(
        &self,
        by: Option<UserId>,
        article: ArticleId,
        draft: &PostDraft,
        at: i64,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let rev = next_rev(&mut tx, by, article, true).await?;
        let id: i64 = sqlx::query(
            "insert into live_posts (article_id, title, body, important, key_point, author_id, \
             created_at, rev) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(article.get())
        .bind(&draft.title)
        .bind(body_json(draft)?)
        .bind(i64::from(draft.important))
        .bind(i64::from(draft.key_point))
        .bind(by.map(|u| u.get()))
        .bind(at)
        .bind(rev)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        keep_revision(&mut tx, id, "create", draft, by, at).await?;
        log_change(&mut tx, Kind::Live, &[Key::Live(article)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(id)
    }

    /// Replaces a post's title, body and flags, for `by`.
    pub async fn edit_live_post(
        &self,
        by: Option<UserId>,
        post: i64,
        draft: &PostDraft,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let (article, _) = post_in(&mut tx, post).await?;
        let rev = next_rev(&mut tx, by, article, false).await?;
        let now = now_ms();
        sqlx::query(
            "update live_posts set title = $1, body = $2, important = $3, key_point = $4, \
             updated_at = $5, rev = $6 where id = $7",
        )
        .bind(&draft.title)
        .bind(body_json(draft)?)
        .bind(i64::from(draft.important))
        .bind(i64::from(draft.key_point))
        .bind(now)
        .bind(rev)
        .bind(post)
        .execute(&mut *tx)
        .await?;
        keep_revision(&mut tx, post, "edit", draft, by, now).await?;
        log_change(&mut tx, Kind::Live, &[Key::Live(article)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Takes a post offline, for `by`; its history stays.
    pub async fn delete_live_post(&self, by: Option<UserId>, post: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let (article, last) = post_in(&mut tx, post).await?;
        let rev = next_rev(&mut tx, by, article, false).await?;
        let now = now_ms();
        sqlx::query("update live_posts set deleted_at = $1, rev = $2 where id = $3")
            .bind(now)
            .bind(rev)
            .bind(post)
            .execute(&mut *tx)
            .await?;
        keep_revision(&mut tx, post, "delete", &last, by, now).await?;
        log_change(&mut tx, Kind::Live, &[Key::Live(article)]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Posts online, newest first: `limit` of them after skipping `offset`.
    pub async fn live_posts(
        &self,
        article: ArticleId,
        offset: i64,
        limit: i64,
    ) -> Result<LivePostPage> {
        let posts = sqlx::query(&format!(
            "select {POST_COLUMNS_ONLY} {POST_FROM} where p.article_id = $1 and p.deleted_at is null \
             order by p.created_at desc, p.id desc limit $2 offset $3"
        ))
        .bind(article.get())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(post_from_row)
        .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query(
            "select count(*) as n from live_posts where article_id = $1 and deleted_at is null",
        )
        .bind(article.get())
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        Ok(LivePostPage { posts, total })
    }

    /// A page of posts (`limit` after skipping `offset`), their count and the key points: the
    /// page and the key points in one query (each query is a round trip to the database's
    /// thread), the count apart, from the index alone (a window count would read every post).
    pub async fn live_page(
        &self,
        article: ArticleId,
        offset: i64,
        limit: i64,
    ) -> Result<LivePageData> {
        let rows = sqlx::query(&format!(
            "select * from (select {POST_COLUMNS_ONLY}, cast(0 as bigint) as list {POST_FROM} \
               where p.article_id = $1 and p.deleted_at is null \
               order by p.created_at desc, p.id desc limit $2 offset $3) page_posts \
             union all \
             select * from (select {POST_COLUMNS_ONLY}, cast(1 as bigint) as list {POST_FROM} \
               where p.article_id = $1 and p.deleted_at is null and p.key_point = 1 \
               order by p.created_at desc, p.id desc limit 20) key_points"
        ))
        .bind(article.get())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let (mut posts, mut key_points) = (Vec::new(), Vec::new());
        for r in &rows {
            let post = post_from_row(r)?;
            if r.try_get::<i64, _>("list")? == 0 {
                posts.push(post);
            } else {
                key_points.push(post);
            }
        }
        // A union keeps no order of its own.
        let newest_first =
            |a: &LivePost, b: &LivePost| (b.created_at, b.id).cmp(&(a.created_at, a.id));
        posts.sort_by(newest_first);
        key_points.sort_by(newest_first);
        let total = self.live_posts(article, 0, 0).await?.total;
        Ok(LivePageData {
            page: LivePostPage { posts, total },
            key_points,
        })
    }

    /// The key points ("L'essentiel") online, newest first.
    pub async fn live_key_points(&self, article: ArticleId) -> Result<Vec<LivePost>> {
        sqlx::query(&format!(
            "select {POST_COLUMNS_ONLY} {POST_FROM} where p.article_id = $1 and p.deleted_at is null \
             and p.key_point = 1 order by p.created_at desc, p.id desc limit 20"
        ))
        .bind(article.get())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(post_from_row)
        .collect()
    }

    /// Every post changed after `rev` (written, edited or deleted), oldest change first.
    pub async fn live_changes_since(&self, article: ArticleId, rev: i64) -> Result<Vec<LivePost>> {
        sqlx::query(&format!(
            "select {POST_COLUMNS_ONLY} {POST_FROM} where p.article_id = $1 and p.rev > $2 \
             order by p.rev limit 500"
        ))
        .bind(article.get())
        .bind(rev)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(post_from_row)
        .collect()
    }

    /// One post, deleted or not.
    pub async fn live_post(&self, post: i64) -> Result<Option<LivePost>> {
        sqlx::query(&format!(
            "select {POST_COLUMNS_ONLY} {POST_FROM} where p.id = $1"
        ))
        .bind(post)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(post_from_row)
        .transpose()
    }

    /// A post's history, newest first.
    pub async fn live_post_revisions(&self, post: i64) -> Result<Vec<LivePostRevision>> {
        sqlx::query(
            "select r.action, r.title, r.body, r.important, r.key_point, r.created_at, \
             u.display_name as author_name from live_post_revisions r \
             left join users u on u.id = r.author_id where r.post_id = $1 order by r.id desc",
        )
        .bind(post)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(LivePostRevision {
                action: r.try_get("action")?,
                title: r.try_get("title")?,
                body: body_of(&r.try_get::<String, _>("body")?)?,
                important: r.try_get::<i64, _>("important")? != 0,
                key_point: r.try_get::<i64, _>("key_point")? != 0,
                author: r.try_get("author_name")?,
                at: r.try_get("created_at")?,
            })
        })
        .collect()
    }
}
