//! The personal parts of the comment area, filled into cached article pages: the area above
//! the thread (the form, or why not) and the actions under each comment.

use std::sync::Arc;

use askama::Template;
use kiosque_domain::comment::{self, CommentError, CommentStatus, Posting};
use kiosque_domain::{dates, ArticleId, CommentId, CommentMode};
use kiosque_store::CommentRow;

use super::common::{mode_of, standing};
use super::menu::Viewer;
use crate::auth::{self, Member};
use crate::cache::Slot;
use crate::pages::{CommentSlot, SlotState};
use crate::respond::encode_query;
use crate::slots::Personal;
use crate::{AppError, AppState};

/// The comment area as the page cache's slot filler.
pub struct CommentArea(pub AppState);

impl crate::cache::SlotFiller for CommentArea {
    fn fill<'a>(
        &'a self,
        personal: &'a Personal,
        slots: &'a [Slot],
        path: &'a str,
    ) -> futures_util::future::BoxFuture<'a, Result<Vec<String>, axum::response::Response>> {
        Box::pin(async move {
            fill(&self.0, personal, slots, path)
                .await
                .map_err(axum::response::IntoResponse::into_response)
        })
    }
}

/// What one reader's fragments are made of, read once per request from the node's memory
/// (`members.rs`): a hit costs no query.
struct Reader {
    member: Option<Member>,
    /// Whether the member asked for reply e-mails (the form's box).
    notify: bool,
    /// The article of the page's comment area, and its mode now (members only).
    article: Option<(ArticleId, CommentMode)>,
    /// The member's own comments on the article.
    own: Arc<Vec<CommentRow>>,
}

impl Reader {
    fn own(&self, id: CommentId) -> Option<&CommentRow> {
        self.own.iter().find(|c| c.id == id)
    }
}

async fn fill(
    state: &AppState,
    personal: &Personal,
    slots: &[Slot],
    path: &str,
) -> Result<Vec<String>, AppError> {
    let (member, notify) = match auth::member_cached(state, personal).await? {
        Some((m, notify)) => (Some(m), notify),
        None => (None, false),
    };
    let article_id = slots
        .iter()
        .find(|s| s.kind == "comments")
        .map(|s| ArticleId(s.id));
    let mut reader = Reader {
        member,
        notify,
        article: None,
        own: Arc::default(),
    };
    if let (Some(m), Some(id)) = (&reader.member, article_id) {
        let members = state.members();
        let inputs = members.mode_inputs(state.store(), id).await?;
        let mode = mode_of(inputs.as_ref(), chrono::Utc::now().timestamp_millis());
        reader.article = Some((id, mode));
        reader.own = members.own_comments(state.store(), id, m.user.id).await?;
    }
    let viewer = match reader.article {
        Some((id, mode)) => Viewer::of(
            reader.member.as_ref(),
            id,
            mode,
            state.config().comment_edit_window_ms,
        ),
        None => Viewer::Visitor,
    };
    let mut out = Vec::with_capacity(slots.len());
    for s in slots {
        out.push(match s.kind.as_str() {
            "comments" => area(&reader, ArticleId(s.id), path)?,
            kind @ ("comment" | "reply") => {
                let id = CommentId(s.id);
                viewer.actions(id, kind == "reply", reader.own(id))?
            }
            // A marker this build does not know (left by a newer one): nothing personal.
            _ => String::new(),
        });
    }
    Ok(out)
}

/// The personal part of the comment area above the thread.
fn area(reader: &Reader, article_id: ArticleId, path: &str) -> Result<String, AppError> {
    let mut pending = Vec::new();
    let state_view = match (&reader.member, reader.article) {
        (Some(m), Some((_, mode))) => {
            let mut own: Vec<&CommentRow> = reader
                .own
                .iter()
                .filter(|c| matches!(c.status, CommentStatus::Pending | CommentStatus::Hidden))
                .collect();
            own.sort_by_key(|c| (c.created_at, c.id));
            pending = own
                .into_iter()
                .map(|c| c.body.chars().take(200).collect::<String>())
                .collect();
            member_state(m, article_id, mode, reader.notify)
        }
        _ => SlotState::Visitor {
            back: encode_query(&format!("{path}#commentaires")),
            signup_back: encode_query(&format!("{path}#ecrire")),
        },
    };
    Ok(CommentSlot {
        state: state_view,
        pending,
    }
    .render()?)
}

/// What a member sees: the form, or why they may not post.
fn member_state(m: &Member, article_id: ArticleId, mode: CommentMode, notify: bool) -> SlotState {
    // The area of a closed article says so to everyone, before any word on their account.
    if mode == CommentMode::Closed {
        return SlotState::Closed;
    }
    let now = chrono::Utc::now().timestamp_millis();
    match comment::posting(standing(m), now, mode, false) {
        Posting::Refused(CommentError::Banned) => SlotState::Banned {
            until: m
                .user
                .banned_until
                .filter(|u| *u < now + 50 * 365 * 86_400_000)
                .map(dates::paris_date),
        },
        Posting::Refused(CommentError::Unverified) => SlotState::Unverified {
            name: m.user.display_name.clone(),
        },
        Posting::Refused(_) => SlotState::Closed,
        decision => SlotState::Form {
            name: m.user.display_name.clone(),
            csrf: m.csrf.clone(),
            article_id,
            premoderated: decision == Posting::Hold,
            notify,
        },
    }
}
