//! `POST /commentaires`: a new comment or a reply, from a plain form (answered with a redirect
//! or an HTML error page) or from the script (answered with JSON).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kiosque_domain::comment::{self, CommentError, Posting};
use kiosque_domain::typography::typeset;
use kiosque_domain::CommentId;
use kiosque_store::{ArticleView, CommentRow};
use serde::Deserialize;

use super::common::{app_error, mode_now, published_article, refuse, standing, wants_json};
use super::menu::Viewer;
use crate::auth::MaybeMember;
use crate::extract::ClientIp;
use crate::form::Form;
use crate::limits::Action;
use crate::pages::CommentItem;
use crate::respond::see_other;
use crate::views;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PostForm {
    csrf: String,
    article_id: String,
    parent_id: String,
    body: String,
    /// "1" when the form offers the reply-notification box (unticked boxes send nothing).
    choix_notification: String,
    /// "1": e-mail me when someone replies.
    notifier: String,
}

/// The posting rule's answer: whether the comment is held, or the refusal and its status.
fn decide(
    standing: comment::Standing,
    mode: kiosque_domain::CommentMode,
    hits_banned_word: bool,
) -> Result<bool, (StatusCode, CommentError)> {
    let now = chrono::Utc::now().timestamp_millis();
    match comment::posting(standing, now, mode, hits_banned_word) {
        Posting::Publish => Ok(false),
        Posting::Hold => Ok(true),
        Posting::Refused(e) => {
            let status = match e {
                CommentError::Banned | CommentError::Unverified => StatusCode::FORBIDDEN,
                _ => StatusCode::BAD_REQUEST,
            };
            Err((status, e))
        }
    }
}

/// `POST /commentaires`: a new comment or a reply.
pub async fn post(
    State(state): State<AppState>,
    maybe: MaybeMember,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<PostForm>,
) -> Response {
    let json = wants_json(&headers);
    match post_inner(&state, maybe, ip, &headers, form, json).await {
        Ok(r) => r,
        Err(e) => app_error(json, e),
    }
}

async fn post_inner(
    state: &AppState,
    maybe: MaybeMember,
    ip: std::net::IpAddr,
    headers: &HeaderMap,
    form: PostForm,
    json: bool,
) -> Result<Response, AppError> {
    let article = article_of(state, &form.article_id).await?;
    let Some(member) = maybe.member.clone() else {
        return Err(AppError::LoginRequired(format!(
            "{}#commentaires",
            article.path()
        )));
    };
    maybe.check_csrf(headers, &form.csrf)?;
    state
        .limits()
        .check(Action::Comment, ip, Some(&member.user.id.to_string()))
        .await?;
    let standing = standing(&member);
    let mode = mode_now(state, &article).await?;
    // Refused members hear so before anything about their text: a banned word never refuses.
    if let Err((status, e)) = decide(standing, mode, false) {
        return Ok(refuse(json, status, e.to_string()));
    }
    let body = match comment::validate_body(&form.body) {
        Ok(b) => b,
        Err(e) => return Ok(refuse(json, StatusCode::BAD_REQUEST, e.to_string())),
    };
    let parent_id = parent_of(&form.parent_id)?;
    let banned = state.store().banned_words().await?;
    let hits_banned_word = comment::has_banned_word(&body, &banned);
    let held = match decide(standing, mode, hits_banned_word) {
        Ok(held) => held,
        Err((status, e)) => return Ok(refuse(json, status, e.to_string())),
    };
    let c = store_comment(state, article.id, member.user.id, parent_id, &body, held).await?;
    remember_notification_choice(state, &member, &form).await?;
    if json {
        let viewer = Viewer::of(
            Some(&member),
            article.id,
            mode,
            state.config().comment_edit_window_ms,
        );
        return posted_json(&c, held, &viewer);
    }
    // A held comment is not on the page yet: back to the form, where its note is shown.
    let anchor = if held {
        "ecrire".to_owned()
    } else {
        format!("commentaire-{}", c.id)
    };
    Ok(see_other(
        maybe.jar,
        &format!("{}#{anchor}", article.path()),
    ))
}

/// The comment form's "e-mail me about replies" box, remembered as the member's choice (also
/// on their account page) once their comment is accepted.
async fn remember_notification_choice(
    state: &AppState,
    member: &crate::auth::Member,
    form: &PostForm,
) -> Result<(), AppError> {
    if form.choix_notification != "1" {
        return Ok(());
    }
    let wanted = form.notifier == "1";
    if state.store().notify_replies(member.user.id).await? != wanted {
        state
            .store()
            .set_notify_replies(member.user.id, wanted)
            .await?;
    }
    Ok(())
}

/// Stores the comment, published or held.
async fn store_comment(
    state: &AppState,
    article_id: kiosque_domain::ArticleId,
    author_id: kiosque_domain::UserId,
    parent_id: Option<CommentId>,
    body: &str,
    held: bool,
) -> Result<CommentRow, AppError> {
    let status = if held {
        comment::CommentStatus::Pending
    } else {
        comment::CommentStatus::Published
    };
    let c = state
        .store()
        .post_comment(article_id, author_id, parent_id, body, status)
        .await?;
    tracing::info!(
        comment.id = c.id.get(),
        article.id = article_id.get(),
        held,
        "comment posted"
    );
    Ok(c)
}

/// The published article a form names, or a clear refusal.
async fn article_of(state: &AppState, raw: &str) -> Result<ArticleView, AppError> {
    let unknown = || AppError::BadRequest(crate::i18n::t("cm-err-unknown-article"));
    let id: kiosque_domain::ArticleId = raw.trim().parse().map_err(|_| unknown())?;
    published_article(state, id).await?.ok_or_else(unknown)
}

fn parent_of(raw: &str) -> Result<Option<CommentId>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        p => p
            .parse::<CommentId>()
            .map(Some)
            .map_err(|_| AppError::BadRequest(crate::i18n::t("cm-err-unknown-comment"))),
    }
}

/// The script's answer: the comment's rendered HTML once published, and what to tell the reader.
fn posted_json(c: &CommentRow, held: bool, viewer: &Viewer) -> Result<Response, AppError> {
    let message = if held {
        crate::i18n::t("cm-msg-posted-held")
    } else {
        crate::i18n::t("cm-msg-posted")
    };
    let html = if held {
        None
    } else {
        let mut view = views::comment(c);
        view.actions = Some(viewer.actions_for(c)?);
        Some(CommentItem { c: &view }.render()?)
    };
    Ok((
        StatusCode::CREATED,
        axum::Json(serde_json::json!({
            "id": c.id,
            "parent_id": c.parent_id,
            "status": c.status.as_str(),
            "message": typeset(&message),
            "html": html,
        })),
    )
        .into_response())
}
