//! What the live comment streams of one node read, once per change and article: the comments
//! published after a point, each with the time it was shown (published or approved), so that
//! every stream can pick from the one shared read what its own page lacks.

use sqlx::Row;

use kiosque_domain::{ArticleId, CommentId};

use crate::comments::{comment_from_row, CommentRow, COMMENT_COLUMNS};
use crate::{Store, StoreError};

impl Store {
    /// Published comments of an article with an id after `after` or shown since `shown_since`
    /// (unix ms), oldest first, at most 200, each with when it was shown (0 when unknown).
    pub async fn comments_shown_after(
        &self,
        article_id: ArticleId,
        after: CommentId,
        shown_since: i64,
    ) -> Result<Vec<(CommentRow, i64)>, StoreError> {
        sqlx::query(&format!(
            "select {COMMENT_COLUMNS}, coalesce(c.shown_at, 0) as shown_at_ms \
             from comments c left join users u on u.id = c.author_id \
             where c.article_id = $1 and c.status = 'published' \
               and (c.id > $2 or c.shown_at >= $3) order by c.id limit 200"
        ))
        .bind(article_id.get())
        .bind(after.get())
        .bind(shown_since)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((comment_from_row(r)?, r.try_get::<i64, _>("shown_at_ms")?)))
        .collect()
    }
}
