//! What the live comment streams of one node read, once per change and article: the comments
//! published after a point, each with the time it was shown (published or approved), so that
//! every stream can pick from the one shared read what its own page lacks.

use sqlx::Row;

use kiosque_domain::{ArticleId, CommentId};

use crate::comments::{comment_from_row, CommentRow, COMMENT_COLUMNS};
use crate::db::placeholders;
use crate::{Store, StoreError};

/// Comments read at most in one query.
const READ_LIMIT: i64 = 200;

impl Store {
    /// Published comments of an article with an id after `after` (at most 200, oldest
    /// first), then those among `named` (comments a change touched: one approved after newer
    /// ones were published has an older id), each with when it was shown (0 when unknown).
    pub async fn comments_shown_after(
        &self,
        article_id: ArticleId,
        after: CommentId,
        named: &[CommentId],
    ) -> Result<Vec<(CommentRow, i64)>, StoreError> {
        let select = format!(
            "select {COMMENT_COLUMNS}, coalesce(c.shown_at, 0) as shown_at_ms \
             from comments c left join users u on u.id = c.author_id \
             where c.article_id = $1 and c.status = 'published'"
        );
        let mut rows = sqlx::query(&format!("{select} and c.id > $2 order by c.id limit $3"))
            .bind(article_id.get())
            .bind(after.get())
            .bind(READ_LIMIT)
            .fetch_all(&self.pool)
            .await?;
        let limit = usize::try_from(READ_LIMIT).unwrap_or(usize::MAX);
        for chunk in named.chunks(limit) {
            let sql = format!(
                "{select} and c.id in ({}) order by c.id",
                placeholders(2, chunk.len())
            );
            let mut q = sqlx::query(&sql).bind(article_id.get());
            for id in chunk {
                q = q.bind(id.get());
            }
            rows.extend(q.fetch_all(&self.pool).await?);
        }
        rows.iter()
            .map(|r| Ok((comment_from_row(r)?, r.try_get::<i64, _>("shown_at_ms")?)))
            .collect()
    }
}
