//! What a member's personal slots need, each in one indexed read: the session with its user
//! and their reply-mail choice, and the inputs of an article's comment mode. The web layer
//! keeps the answers in memory (`kiosque_web::members`) and drops them when the change log
//! touches `Key::User`, `Key::Article` or `Key::Nav`; these reads run only on a miss.

use kiosque_domain::{ArticleId, ArticleStatus, CommentMode, SectionId};
use sqlx::Row;

use crate::accounts::{user_from_row, USER_COLUMNS};
use crate::db::now_ms;
use crate::{Store, StoreError, UserRow};

type Result<T> = std::result::Result<T, StoreError>;

/// A live session, as the slots show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionMember {
    pub user: UserRow,
    pub csrf: String,
    /// When the session ends (ms): a cached copy checks it against the clock.
    pub expires_at: i64,
    /// Whether the member asked to be told of replies by e-mail (the form's box).
    pub notify_replies: bool,
}

/// What an article's comment mode is computed from, with the clock (it may close after days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModeInputs {
    pub published: bool,
    pub article_mode: CommentMode,
    pub published_at: Option<i64>,
    pub section_id: SectionId,
    /// The section's own mode, if it set one (stored text; unknown text counts as none).
    pub section_mode: Option<CommentMode>,
    pub close_after_days: Option<i64>,
}

impl Store {
    /// The member of a live session: the same rule as [`Store::session_user`] (not expired,
    /// account open), with the session's end and the reply-mail choice, in one read.
    pub async fn session_member(&self, id_hash: &str) -> Result<Option<SessionMember>> {
        let columns = USER_COLUMNS
            .split(", ")
            .map(|c| format!("u.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let row = sqlx::query(&format!(
            "select s.csrf_token, s.expires_at as session_expires_at, \
               u.notify_replies as session_notify, {columns} \
             from sessions s join users u on u.id = s.user_id \
             where s.id_hash = $1 and s.expires_at > $2 and u.deactivated_at is null"
        ))
        .bind(id_hash)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(SessionMember {
                user: user_from_row(&r)?,
                csrf: r.try_get("csrf_token")?,
                expires_at: r.try_get("session_expires_at")?,
                notify_replies: r.try_get::<i64, _>("session_notify")? == 1,
            })
        })
        .transpose()
    }

    /// The inputs of an article's comment mode (its own mode, status, publication time, and
    /// its section's settings), without reading the article's body.
    pub async fn comment_mode_inputs(&self, id: ArticleId) -> Result<Option<ModeInputs>> {
        let row = sqlx::query(
            "select a.status, a.comment_mode, a.published_at, a.section_id, \
               s.comment_mode as section_mode, s.comments_close_after_days \
             from articles a join sections s on s.id = a.section_id where a.id = $1",
        )
        .bind(id.get())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            let status: String = r.try_get("status")?;
            let mode: String = r.try_get("comment_mode")?;
            let section_mode: Option<String> = r.try_get("section_mode")?;
            Ok(ModeInputs {
                published: ArticleStatus::parse(&status) == Some(ArticleStatus::Published),
                article_mode: CommentMode::parse(&mode)
                    .ok_or_else(|| StoreError::Corrupt(format!("comment mode {mode:?}")))?,
                published_at: r.try_get("published_at")?,
                section_id: SectionId(r.try_get("section_id")?),
                section_mode: section_mode.as_deref().and_then(CommentMode::parse),
                close_after_days: r.try_get("comments_close_after_days")?,
            })
        })
        .transpose()
    }
}
