//! What a member does to a comment from its page: edit or delete their own, report another's.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::comment::{self, CommentError, CommentStatus, ReportReason};
use kiosque_domain::{CommentId, CommentMode};
use kiosque_store::CommentRow;
use serde::Deserialize;

use super::common::{mode_now, parse_id, published_article};
use super::page::render_page;
use crate::auth::{MaybeMember, Member};
use crate::form::Form;
use crate::handlers::account::send_mail;
use crate::respond::see_other;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditForm {
    csrf: String,
    body: String,
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
) -> Result<Response, AppError> {
    let id: CommentId = parse_id(&id)?;
    let member = acting_member(&maybe, &headers, &form.csrf, format!("/commentaires/{id}"))?;
    let c = own_comment(&state, &member, id).await?;
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
        Err(e) => {
            let error = Some(e.to_string());
            return render_page(&state, maybe, id, None, error, StatusCode::BAD_REQUEST).await;
        }
    };
    let hold = edit_is_held(&state, &c, &body).await?;
    state.store().edit_comment(id, &body, hold).await?;
    Ok(see_other(
        maybe.jar,
        &format!("/commentaires/{id}?ok=modifie"),
    ))
}

/// An edit is read again where the article is pre-moderated, or when it brings a banned word.
async fn edit_is_held(state: &AppState, c: &CommentRow, body: &str) -> Result<bool, AppError> {
    let banned = state.store().banned_words().await?;
    let premoderated = match published_article(state, c.article_id).await? {
        Some(a) => mode_now(state, &a).await? == CommentMode::PreModerated,
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
    Form(form): Form<crate::extract::CsrfForm>,
) -> Result<Response, AppError> {
    let id: CommentId = parse_id(&id)?;
    let member = acting_member(&maybe, &headers, &form.csrf, format!("/commentaires/{id}"))?;
    let c = own_comment(&state, &member, id).await?;
    state.store().delete_comment(c.id).await?;
    let back = match published_article(&state, c.article_id).await? {
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
    let reason = ReportReason::parse(&form.reason)
        .ok_or_else(|| "Choisissez le motif du signalement.".to_owned())?;
    let details = form.details.trim();
    if details.chars().count() > 1000 {
        return Err("Les précisions sont limitées à 1 000 caractères.".into());
    }
    Ok((reason, details))
}

pub async fn report(
    State(state): State<AppState>,
    maybe: MaybeMember,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<ReportForm>,
) -> Result<Response, AppError> {
    let id: CommentId = parse_id(&id)?;
    let back = format!("/commentaires/{id}#signaler");
    let member = acting_member(&maybe, &headers, &form.csrf, back)?;
    let (reason, details) = match read_report(&form) {
        Ok(r) => r,
        Err(error) => {
            let error = Some(error);
            return render_page(&state, maybe, id, None, error, StatusCode::BAD_REQUEST).await;
        }
    };
    let c = state.store().comment(id).await?.ok_or(AppError::NotFound)?;
    if c.author_id == Some(member.user.id) {
        return Err(AppError::BadRequest(
            "On ne signale pas son propre commentaire.".into(),
        ));
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
    send_mail(
        state,
        &member.user.email,
        "Votre signalement de contenu illicite",
        &format!(
            "Bonjour {},\n\nNous avons bien reçu votre signalement du commentaire n° {id} \
             pour contenu illicite. Notre équipe de modération va l’examiner ; vous recevrez \
             un e-mail vous informant de sa décision.\n",
            member.user.display_name
        ),
    )
    .await;
}
