//! What a reader may do under each comment, as they see it: a visitor gets links to the
//! comment's page; a member gets the reply form in place (others' comments) or "Modifier ·
//! Supprimer" (their own). Cached pages hold a slot marker there; the comment area fills it per
//! request, and posting, editing and the live stream render it for the member they answer.

use askama::Template;
use kiosque_domain::comment::{self, CommentStatus};
use kiosque_domain::{ArticleId, CommentId, CommentMode, UserId};
use kiosque_store::CommentRow;

use super::common::standing;
use crate::auth::Member;

/// Who reads the thread, and what their standing allows.
pub(super) enum Viewer {
    Visitor,
    Member {
        user_id: UserId,
        csrf: String,
        article_id: ArticleId,
        /// Verified, not banned, comments open: replies are offered.
        may_reply: bool,
        /// Not banned: edits are offered within the window.
        may_edit: bool,
        window_ms: i64,
    },
}

impl Viewer {
    pub(super) fn of(
        member: Option<&Member>,
        article_id: ArticleId,
        mode: CommentMode,
        window_ms: i64,
    ) -> Viewer {
        let Some(m) = member else {
            return Viewer::Visitor;
        };
        let now = chrono::Utc::now().timestamp_millis();
        let may_reply = mode != CommentMode::Closed
            && !matches!(
                comment::posting(standing(m), now, mode, false),
                comment::Posting::Refused(_)
            );
        Viewer::Member {
            user_id: m.user.id,
            csrf: m.csrf.clone(),
            article_id,
            may_reply,
            may_edit: !m.user.is_banned(now),
            window_ms,
        }
    }

    /// The actions under one comment. `own` is the comment itself when the viewer wrote it
    /// (its text fills the edit form).
    pub(super) fn actions(
        &self,
        id: CommentId,
        is_reply: bool,
        own: Option<&CommentRow>,
    ) -> Result<String, askama::Error> {
        let who = match (self, own) {
            (Viewer::Visitor, _) => Who::Visitor,
            (
                Viewer::Member {
                    user_id,
                    csrf,
                    may_edit,
                    window_ms,
                    ..
                },
                Some(c),
            ) if c.author_id == Some(*user_id) => {
                let now = chrono::Utc::now().timestamp_millis();
                Who::Own {
                    csrf,
                    body: &c.body,
                    can_edit: *may_edit
                        && matches!(c.status, CommentStatus::Published | CommentStatus::Pending)
                        && comment::can_edit(c.created_at, now, *window_ms),
                }
            }
            (
                Viewer::Member {
                    csrf,
                    article_id,
                    may_reply,
                    ..
                },
                _,
            ) => Who::Other {
                csrf,
                article_id: *article_id,
                can_reply: *may_reply && !is_reply,
            },
        };
        CommentMenu { id, is_reply, who }.render()
    }

    /// The actions under a comment whose row is at hand (posted, edited, sent live).
    pub(super) fn actions_for(&self, c: &CommentRow) -> Result<String, askama::Error> {
        self.actions(c.id, c.parent_id.is_some(), Some(c))
    }
}

enum Who<'a> {
    Visitor,
    Other {
        csrf: &'a str,
        article_id: ArticleId,
        can_reply: bool,
    },
    Own {
        csrf: &'a str,
        body: &'a str,
        can_edit: bool,
    },
}

#[derive(Template)]
#[template(path = "site/comment_actions.html")]
struct CommentMenu<'a> {
    id: CommentId,
    is_reply: bool,
    who: Who<'a>,
}
