//! What a member does to a comment, from under it on the article page (with or without the
//! script) or from its own page: edit or delete their own, report another's.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kiosque_domain::comment::{self, CommentError, CommentStatus, ReportReason};
use kiosque_domain::typography::typeset;
use kiosque_domain::{CommentId, CommentMode};
use kiosque_store::{ArticleView, CommentRow};
use serde::Deserialize;

use super::common::{app_error, mode_now, parse_id, published_article, refuse, wants_json};
use super::menu::Viewer;
use super::page::render_page;
use crate::auth::{MaybeMember, Member};
use crate::extract::ClientIp;
use crate::form::Form;
use crate::handlers::account::send_mail;
use crate::limits::Action as Limit;
use crate::pages::CommentItem;
use crate::respond::see_other;
use crate::views;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditForm {
    csrf: String,
    body: String,
    /// "article" when sent from under the comment on the article page: back there after.
    depuis: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    csrf: String,
    depuis: String,
}

/// The author's own comment, or a clear refusal.
async fn own_comment(
    state: &AppState,
    member: &Member,
    id: CommentId,
) -> Result<CommentRow, AppError> {
    let c = state.store().comment(id).await?.ok_or(AppError::NotFound)?;
    if c.author_id != Some(member.user.id) {
        return Err(AppError::BadRequest(CommentError::NotYours.to_string()));
    }
    Ok(c)
}

/// The member behind a comment action, once logged in with a valid form.
fn acting_member(
    maybe: &MaybeMember,
    headers: &HeaderMap,
    csrf: &str,
    back: String,
) -> Result<Member, AppError> {
    let Some(member) = maybe.member.clone() else {
        return Err(AppError::LoginRequired(back));
    };
    maybe.check_csrf(headers, csrf)?;
    Ok(member)
}

pub async fn edit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<EditForm>,
) -> Response {
    let json = wants_json(&headers);
    match edit_inner(&state, maybe, &headers, &id, form, json).await {
        Ok(r) => r,
        Err(e) => app_error(json, e),
    }
}

async fn edit_inner(
    state: &AppState,
    maybe: MaybeMember,
    headers: &HeaderMap,
    id: &str,
    form: EditForm,
    json: bool,
) -> Result<Response, AppError> {
    let id: CommentId = parse_id(id)?;
    let member = acting_member(&maybe, headers, &form.csrf, format!("/commentaires/{id}"))?;
    let c = own_comment(state, &member, id).await?;
    let now = chrono::Utc::now().timestamp_millis();
    if member.user.is_banned(now) {
        return Err(AppError::Denied(CommentError::Banned.to_string()));
    }
    if !matches!(c.status, CommentStatus::Published | CommentStatus::Pending)
        || !comment::can_edit(c.created_at, now, state.config().comment_edit_window_ms)
    {
        return Err(AppError::BadRequest(
            CommentError::EditWindowOver.to_string(),
        ));
    }
    let body = match comment::validate_body(&form.body) {
        Ok(b) => b,
        Err(e) if json => return Ok(refuse(true, StatusCode::BAD_REQUEST, e.to_string())),
        Err(e) => {
            let error = Some(e.to_string());
            return render_page(state, maybe, id, None, error, StatusCode::BAD_REQUEST).await;
        }
    };
    let article = published_article(state, c.article_id).await?;
    let hold = edit_is_held(state, &c, &body, article.as_ref()).await?;
    let edited = state.store().edit_comment(id, &body, hold).await?;
    if json {
        return edited_json(state, &member, &edited, article.as_ref()).await;
    }
    let back = match article.filter(|_| form.depuis == "article") {
        // A held edit is no longer in the thread: back to the comment area, where its note is.
        Some(a) if edited.status == CommentStatus::Published => {
            format!("{}#commentaire-{id}", a.path())
        }
        Some(a) => format!("{}#ecrire", a.path()),
        None => format!("/commentaires/{id}?ok=modifie"),
    };
    Ok(see_other(maybe.jar, &back))
}

/// The script's answer to an edit: the comment as the author now sees it (its HTML with their
/// actions) when it stays published, and what to tell them.
async fn edited_json(
    state: &AppState,
    member: &Member,
    c: &CommentRow,
    article: Option<&ArticleView>,
) -> Result<Response, AppError> {
    let published = c.status == CommentStatus::Published;
    let html = match article.filter(|_| published) {
        Some(a) => {
            let viewer = Viewer::of(
                Some(member),
                a.id,
                mode_now(state, a).await?,
                state.config().comment_edit_window_ms,
            );
            let mut view = views::comment(c);
            view.actions = Some(viewer.actions_for(c)?);
            Some(CommentItem { c: &view }.render()?)
        }
        None => None,
    };
    let message = if published {
        crate::i18n::t("cm-msg-edited")
    } else {
        crate::i18n::t("cm-msg-edited-held")
    };
    Ok(axum::Json(serde_json::json!({
        "id": c.id,
        "status": c.status.as_str(),
        "message": typeset(&message),
        "html": html,
    }))
    .into_response())
}

/// An edit is read again where the article is pre-moderated, or when it brings a banned word.
async fn edit_is_held(
    state: &AppState,
    c: &CommentRow,
    body: &str,
    article: Option<&ArticleView>,
) -> Result<bool, AppError> {
    let banned = state.store().banned_words().await?;
    let premoderated = match article {
        Some(a) => mode_now(state, a).await? == CommentMode::PreModerated,
        None => false,
    };
    Ok(c.status == CommentStatus::Published
        && (premoderated || comment::has_banned_word(body, &banned)))
}

pub async fn delete(
    State(state): State<AppState>,
    maybe: MaybeMember,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<DeleteForm>,
) -> Response {
    let json = wants_json(&headers);
    match delete_inner(&state, maybe, &headers, &id, form, json).await {
        Ok(r) => r,
        Err(e) => app_error(json, e),
    }
}

async fn delete_inner(
    state: &AppState,
    maybe: MaybeMember,
    headers: &HeaderMap,
    id: &str,
    form: DeleteForm,
    json: bool,
) -> Result<Response, AppError> {
    let id: CommentId = parse_id(id)?;
    let member = acting_member(&maybe, headers, &form.csrf, format!("/commentaires/{id}"))?;
    let c = own_comment(state, &member, id).await?;
    state.store().delete_comment(c.id).await?;
    if json {
        // What stays in place of a comment that keeps its replies: the placeholder.
        let html = match state.store().comment(c.id).await? {
            Some(gone) => {
                let mut view = views::comment(&gone);
                view.actions = Some(String::new());
                Some(CommentItem { c: &view }.render()?)
            }
            None => None,
        };
        return Ok(axum::Json(serde_json::json!({
            "id": c.id,
            "message": typeset(&crate::i18n::t("cm-msg-deleted")),
            "html": html,
        }))
        .into_response());
    }
    let back = match published_article(state, c.article_id).await? {
        // Under the thread, back where the comment was: its parent's place for a reply.
        Some(a) if form.depuis == "article" => match c.parent_id {
            Some(p) => format!("{}#commentaire-{p}", a.path()),
            None => format!("{}#commentaires", a.path()),
        },
        Some(a) => format!("{}#commentaires", a.path()),
        None => "/compte/commentaires".to_owned(),
    };
    Ok(see_other(maybe.jar, &back))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReportForm {
    csrf: String,
    reason: String,
    details: String,
}

/// The reason and details of a report, or what the reader must correct.
fn read_report(form: &ReportForm) -> Result<(ReportReason, &str), String> {
    let reason =
        ReportReason::parse(&form.reason).ok_or_else(|| crate::i18n::t("cm-err-report-reason"))?;
    let details = form.details.trim();
    if details.chars().count() > 1000 {
        return Err(crate::i18n::t("cm-err-report-details"));
    }
    Ok((reason, details))
}

pub async fn report(
    State(state): State<AppState>,
    maybe: MaybeMember,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<ReportForm>,
) -> Result<Response, AppError> {
    let id: CommentId = parse_id(&id)?;
    let back = format!("/commentaires/{id}#signaler");
    let member = acting_member(&maybe, &headers, &form.csrf, back)?;
    state
        .limits()
        .check(Limit::Report, ip, Some(&member.user.id.to_string()))
        .await?;
    let (reason, details) = match read_report(&form) {
        Ok(r) => r,
        Err(error) => {
            let error = Some(error);
            return render_page(&state, maybe, id, None, error, StatusCode::BAD_REQUEST).await;
        }
    };
    let c = state.store().comment(id).await?.ok_or(AppError::NotFound)?;
    if c.author_id == Some(member.user.id) {
        return Err(AppError::BadRequest(crate::i18n::t("cm-err-own-report")));
    }
    if c.status != CommentStatus::Published {
        return Err(AppError::NotFound);
    }
    let threshold = state.config().report_threshold;
    let details = (!details.is_empty()).then_some(details);
    state
        .store()
        .report_comment(id, member.user.id, reason, details, threshold)
        .await?;
    if reason == ReportReason::Illegal {
        acknowledge_illegal(&state, &member, id).await;
    }
    Ok(see_other(
        maybe.jar,
        &format!("/commentaires/{id}?ok=signale"),
    ))
}

/// The Digital Services Act asks for an acknowledgement, then an answer with the decision.
async fn acknowledge_illegal(state: &AppState, member: &Member, id: CommentId) {
    let body = crate::i18n::t2(
        "mail-illegal-report-body",
        "name",
        &member.user.display_name,
        "id",
        id.get(),
    );
    send_mail(
        state,
        &member.user.email,
        &crate::i18n::t("mail-illegal-report-subject"),
        &format!("{body}\n"),
    )
    .await;
}
