//! Comments: threads as pages show them, a member's own comments, edits, and the sections'
//! comment settings. Posting is in `comment_post`; reports, decisions and bans in `moderation`.

use sqlx::Row;

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{ArticleId, CommentId, SectionId, UserId};

pub use crate::comment_row::CommentRow;
pub(crate) use crate::comment_row::{comment_from_row, COMMENT_COLUMNS};
use crate::db::{log_change, now_ms, placeholders, Tx};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A page of a thread and the figures around it.
#[derive(Debug, Clone)]
pub struct ThreadPage {
    /// Top-level comments of the page, then their published replies.
    pub comments: Vec<CommentRow>,
    /// Published comments of the whole article.
    pub published: i64,
    /// Top-level comments readers see, for pagination.
    pub top_level: i64,
    /// The newest comment id of the article (0 without any), from which live updates continue.
    pub last_id: CommentId,
}

pub(crate) async fn comment_in(tx: &mut Tx<'_>, id: CommentId) -> Result<Option<CommentRow>> {
    sqlx::query(&format!(
        "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
         where c.id = $1"
    ))
    .bind(id.get())
    .fetch_optional(&mut **tx)
    .await?
    .as_ref()
    .map(comment_from_row)
    .transpose()
}

impl Store {
    pub async fn comment(&self, id: CommentId) -> Result<Option<CommentRow>> {
        sqlx::query(&format!(
            "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
             where c.id = $1"
        ))
        .bind(id.get())
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(comment_from_row)
        .transpose()
    }

    /// One page of an article's thread, as readers see it: `limit` top-level comments from
    /// `offset` (published ones, and taken-down ones that keep published replies), oldest first,
    /// followed by the published replies to them. Long threads are read a page at a time.
    pub async fn article_comments_page(
        &self,
        article_id: ArticleId,
        offset: i64,
        limit: i64,
    ) -> Result<ThreadPage> {
        let visible_top = "c.article_id = $1 and c.parent_id is null and (c.status = 'published' \
             or exists (select 1 from comments r where r.parent_id = c.id and r.status = 'published'))";
        let mut rows: Vec<CommentRow> = sqlx::query(&format!(
            "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
             where {visible_top} order by c.created_at, c.id limit $2 offset $3"
        ))
        .bind(article_id.get())
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(comment_from_row)
        .collect::<Result<_>>()?;
        if !rows.is_empty() {
            let parents = placeholders(2, rows.len());
            let sql = format!(
                "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
                 where c.article_id = $1 and c.status = 'published' and c.parent_id in ({parents}) \
                 order by c.created_at, c.id"
            );
            let mut q = sqlx::query(&sql).bind(article_id.get());
            for r in &rows {
                q = q.bind(r.id.get());
            }
            let replies = q
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(comment_from_row)
                .collect::<Result<Vec<_>>>()?;
            rows.extend(replies);
        }
        let counts = sqlx::query(&format!(
            "select \
               (select count(*) from comments c where c.article_id = $1 and c.status = 'published') as published, \
               (select count(*) from comments c where {visible_top}) as top_level, \
               (select coalesce(max(c.id), 0) from comments c where c.article_id = $1) as last_id"
        ))
        .bind(article_id.get())
        .fetch_one(&self.pool)
        .await?;
        Ok(ThreadPage {
            comments: rows,
            published: counts.try_get("published")?,
            top_level: counts.try_get("top_level")?,
            last_id: CommentId(counts.try_get("last_id")?),
        })
    }

    /// A member's own comments on an article that readers do not see yet (pending, hidden).
    pub async fn own_pending_comments(
        &self,
        article_id: ArticleId,
        author_id: UserId,
    ) -> Result<Vec<CommentRow>> {
        sqlx::query(&format!(
            "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
             where c.article_id = $1 and c.author_id = $2 and c.status in ('pending', 'hidden') \
             order by c.created_at"
        ))
        .bind(article_id.get())
        .bind(author_id.get())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(comment_from_row)
        .collect()
    }

    /// A member's own comments on an article that are still on the site or waiting (published,
    /// pending, hidden): what they may edit or delete under the thread, and their held ones.
    pub async fn own_comments(
        &self,
        article_id: ArticleId,
        author_id: UserId,
    ) -> Result<Vec<CommentRow>> {
        sqlx::query(&format!(
            "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
             where c.article_id = $1 and c.author_id = $2 \
               and c.status in ('published', 'pending', 'hidden') \
             order by c.created_at, c.id"
        ))
        .bind(article_id.get())
        .bind(author_id.get())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(comment_from_row)
        .collect()
    }

    /// Published comment counts per article, for lists and pages.
    pub async fn comment_counts(&self, article_ids: &[ArticleId]) -> Result<Vec<(ArticleId, i64)>> {
        if article_ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = (1..=article_ids.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "select article_id, count(*) as n from comments \
             where status = 'published' and article_id in ({placeholders}) group by article_id"
        );
        let mut q = sqlx::query(&sql);
        for id in article_ids {
            q = q.bind(id.get());
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((ArticleId(r.try_get("article_id")?), r.try_get("n")?)))
            .collect()
    }

    /// All comments of a member, newest first, whatever their status (for "my comments" and the
    /// data export), with the article's title and path.
    pub async fn user_comments(
        &self,
        author_id: UserId,
    ) -> Result<Vec<(CommentRow, String, String)>> {
        sqlx::query(&format!(
            "select {COMMENT_COLUMNS}, a.title as article_title, a.slug as article_slug, \
               s.slug as section_slug \
             from comments c left join users u on u.id = c.author_id \
             join articles a on a.id = c.article_id join sections s on s.id = a.section_id \
             where c.author_id = $1 order by c.created_at desc, c.id desc"
        ))
        .bind(author_id.get())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let c = comment_from_row(r)?;
            let path = kiosque_domain::slug::article_path(
                &r.try_get::<String, _>("section_slug")?,
                &r.try_get::<String, _>("article_slug")?,
                c.article_id.get(),
            );
            Ok((c, r.try_get("article_title")?, path))
        })
        .collect()
    }

    /// Published comments of an article for live updates: newer than `after`, or made visible
    /// since `shown_since` (approved after newer ones were posted).
    pub async fn comments_after(
        &self,
        article_id: ArticleId,
        after: CommentId,
        shown_since: i64,
    ) -> Result<Vec<CommentRow>> {
        // Two reads, newer ids first: under a flood of comments, one read ordered by id and
        // cut at 200 returned the oldest recent comments again and never the new ones.
        let select = format!(
            "select {COMMENT_COLUMNS} from comments c left join users u on u.id = c.author_id \
             where c.article_id = $1 and c.status = 'published'"
        );
        let mut rows = sqlx::query(&format!("{select} and c.id > $2 order by c.id limit 200"))
            .bind(article_id.get())
            .bind(after.get())
            .fetch_all(&self.pool)
            .await?;
        rows.extend(
            sqlx::query(&format!(
                "{select} and c.id <= $2 and c.shown_at >= $3 order by c.id limit 200"
            ))
            .bind(article_id.get())
            .bind(after.get())
            .bind(shown_since)
            .fetch_all(&self.pool)
            .await?,
        );
        rows.iter().map(comment_from_row).collect()
    }

    /// The author edits their comment: the old text is kept for moderators. With `hold`, the
    /// edited comment waits for review (it now contains a banned word).
    pub async fn edit_comment(&self, id: CommentId, body: &str, hold: bool) -> Result<CommentRow> {
        let mut tx = self.begin_write().await?;
        let old = comment_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        let now = now_ms();
        sqlx::query("insert into comment_edits (comment_id, body, edited_at) values ($1, $2, $3)")
            .bind(id.get())
            .bind(&old.body)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("update comments set body = $1, edited_at = $2 where id = $3")
            .bind(body)
            .bind(now)
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        if hold {
            sqlx::query("update comments set status = 'pending' where id = $1")
                .bind(id.get())
                .execute(&mut *tx)
                .await?;
        }
        log_change(
            &mut tx,
            Kind::Comment,
            &[Key::Comments(old.article_id), Key::Comment(id)],
        )
        .await?;
        let c = comment_in(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        self.committed();
        Ok(c)
    }

    /// Section settings for comments: (default mode, close after days).
    pub async fn section_comment_settings(
        &self,
        section_id: SectionId,
    ) -> Result<(Option<String>, Option<i64>)> {
        let r = sqlx::query(
            "select comment_mode, comments_close_after_days from sections where id = $1",
        )
        .bind(section_id.get())
        .fetch_one(&self.pool)
        .await?;
        Ok((
            r.try_get("comment_mode")?,
            r.try_get("comments_close_after_days")?,
        ))
    }

    pub async fn set_section_comment_settings(
        &self,
        slug: &str,
        mode: Option<kiosque_domain::CommentMode>,
        close_after_days: Option<i64>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update sections set comment_mode = $1, comments_close_after_days = $2 where slug = $3",
        )
        .bind(mode.map(|m| m.as_str()))
        .bind(close_after_days)
        .bind(slug)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        log_change(&mut tx, Kind::Section, &[Key::Front, Key::Nav]).await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }
}
