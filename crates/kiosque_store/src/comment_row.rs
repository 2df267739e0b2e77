//! A comment as the store reads it, apart from the queries (`comments.rs`), so that what
//! only holds comments (the group-commit queue) depends on nothing else of the store.

use kiosque_domain::comment::CommentStatus;
use kiosque_domain::{ArticleId, CommentId, UserId};
use sqlx::Row;

use crate::StoreError;

type Result<T> = std::result::Result<T, StoreError>;

/// A comment with what pages show of its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub id: CommentId,
    pub article_id: ArticleId,
    /// `None` once the author deleted their account, and for an imported guest's comment.
    pub author_id: Option<UserId>,
    /// The account's name, or the imported guest's; `None` once the account was deleted.
    pub author_name: Option<String>,
    pub parent_id: Option<CommentId>,
    pub body: String,
    pub status: CommentStatus,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub moderation_reason: Option<String>,
}

pub(crate) const COMMENT_COLUMNS: &str = "c.id, c.article_id, c.author_id, \
     coalesce(u.display_name, c.guest_name) as author_name, c.parent_id, c.body, c.status, \
     c.created_at, c.edited_at, c.moderation_reason";

pub(crate) fn comment_from_row(r: &sqlx::any::AnyRow) -> Result<CommentRow> {
    let status: String = r.try_get("status")?;
    Ok(CommentRow {
        id: CommentId(r.try_get("id")?),
        article_id: ArticleId(r.try_get("article_id")?),
        author_id: r.try_get::<Option<i64>, _>("author_id")?.map(UserId),
        author_name: r.try_get("author_name")?,
        parent_id: r.try_get::<Option<i64>, _>("parent_id")?.map(CommentId),
        body: r.try_get("body")?,
        status: CommentStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("comment status {status:?}")))?,
        created_at: r.try_get("created_at")?,
        edited_at: r.try_get("edited_at")?,
        moderation_reason: r.try_get("moderation_reason")?,
    })
}
