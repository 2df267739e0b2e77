//! The personal part of the comment area, filled into cached article pages.

use askama::Template;
use axum::http::HeaderMap;
use kiosque_domain::comment::{self, CommentError, Posting};
use kiosque_domain::{dates, ArticleId, CommentMode};

use super::common::{mode_now, published_article, standing};
use crate::auth::{self, Member};
use crate::pages::{CommentSlot, SlotState};
use crate::respond::encode_query;
use crate::{AppError, AppState};

/// The comment area as the page cache's slot filler.
pub struct CommentArea(pub AppState);

impl crate::cache::SlotFiller for CommentArea {
    fn fill<'a>(
        &'a self,
        personal: &'a HeaderMap,
        article: i64,
        path: &'a str,
    ) -> futures_util::future::BoxFuture<'a, Result<String, axum::response::Response>> {
        Box::pin(async move {
            slot(&self.0, personal, ArticleId(article), path)
                .await
                .map_err(axum::response::IntoResponse::into_response)
        })
    }
}

/// The personal part of the comment area, rendered for each request into the cached page.
async fn slot(
    state: &AppState,
    headers: &HeaderMap,
    article_id: ArticleId,
    path: &str,
) -> Result<String, AppError> {
    let member = auth::member_from_headers(state, headers).await?;
    let mut pending = Vec::new();
    let state_view = match member {
        None => SlotState::Visitor {
            back: encode_query(&format!("{path}#commentaires")),
        },
        Some(m) => {
            pending = state
                .store()
                .own_pending_comments(article_id, m.user.id)
                .await?
                .into_iter()
                .map(|c| c.body.chars().take(200).collect::<String>())
                .collect();
            let mode = match published_article(state, article_id).await? {
                Some(a) => mode_now(state, &a).await?,
                None => CommentMode::Closed,
            };
            member_state(&m, article_id, mode)
        }
    };
    Ok(CommentSlot {
        state: state_view,
        pending,
    }
    .render()?)
}

/// What a member sees: the form, or why they may not post.
fn member_state(m: &Member, article_id: ArticleId, mode: CommentMode) -> SlotState {
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
        },
    }
}
