//! What the comment handlers share: the article's comment mode now, the published article, a
//! comment id from the path, a member's standing for the posting rule, and the answers to the
//! comment script (JSON) or to a plain form.

use kiosque_domain::comment::{self, Standing};
use kiosque_domain::CommentMode;
use kiosque_store::ArticleView;

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::auth::Member;
use crate::error::{code_for, json_error};
use crate::{AppError, AppState};

fn strictest(a: CommentMode, b: CommentMode) -> CommentMode {
    let rank = |m: CommentMode| match m {
        CommentMode::Open => 0,
        CommentMode::PreModerated => 1,
        CommentMode::Closed => 2,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

/// The mode in force now: the article's own, made stricter by its section's default, and closed
/// once the section's age limit has passed.
pub(super) async fn mode_now(
    state: &AppState,
    article: &ArticleView,
) -> Result<CommentMode, AppError> {
    let (section_mode, close_days) = state
        .store()
        .section_comment_settings(article.section.id)
        .await?;
    let base = strictest(
        article.comment_mode,
        // A section without its own mode (`None`) leaves the article's; the default, open, is
        // the least strict, so `strictest` keeps the article's mode then.
        section_mode
            .as_deref()
            .and_then(CommentMode::parse)
            .unwrap_or_default(),
    );
    Ok(comment::effective_mode(
        base,
        article.published_at,
        close_days,
        chrono::Utc::now().timestamp_millis(),
    ))
}

/// The same mode as [`mode_now`], from inputs kept in memory (`members.rs`): an article that
/// is not published is closed.
pub(super) fn mode_of(inputs: Option<&kiosque_store::ModeInputs>, now_ms: i64) -> CommentMode {
    match inputs.filter(|i| i.published) {
        None => CommentMode::Closed,
        Some(i) => comment::effective_mode(
            strictest(i.article_mode, i.section_mode.unwrap_or_default()),
            i.published_at,
            i.close_after_days,
            now_ms,
        ),
    }
}

pub(super) async fn published_article(
    state: &AppState,
    id: kiosque_domain::ArticleId,
) -> Result<Option<ArticleView>, AppError> {
    Ok(state
        .store()
        .article(id)
        .await?
        .filter(|a| a.status == kiosque_domain::ArticleStatus::Published))
}

// Generic over the id it names (an article's or a comment's), all read the same way.
pub(super) fn parse_id<T: From<i64>>(raw: &str) -> Result<T, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(T::from)
        .ok_or(AppError::NotFound)
}

/// What the posting rule needs to know of a member.
pub(super) fn standing(member: &Member) -> Standing {
    Standing {
        verified: member.user.is_verified(),
        banned_until: member.user.banned_until,
    }
}

pub(super) fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// Errors of the comment form: an HTML page without JavaScript, JSON with it.
pub(super) fn refuse(json: bool, status: StatusCode, message: String) -> Response {
    if json {
        json_error(status, code_for(status), &message)
    } else if status == StatusCode::BAD_REQUEST {
        AppError::BadRequest(message).into_response()
    } else {
        AppError::Denied(message).into_response()
    }
}

pub(super) fn app_error(json: bool, e: AppError) -> Response {
    if !json {
        return e.into_response();
    }
    let message = match &e {
        AppError::Csrf => crate::i18n::t("cm-err-csrf"),
        AppError::TooManyRequests => crate::i18n::t("cm-err-too-many"),
        AppError::LoginRequired(_) => crate::i18n::t("cm-err-login"),
        _ => e
            .user_message()
            .unwrap_or_else(|| crate::i18n::t("cm-err-unknown")),
    };
    // A script cannot follow the redirection to the log-in page: it says so instead.
    let status = match e.status_code() {
        StatusCode::SEE_OTHER => StatusCode::UNAUTHORIZED,
        s => s,
    };
    json_error(status, code_for(status), &message)
}
