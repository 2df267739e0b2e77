//! Comment moderation (`/admin/moderation`): the queue of pending, hidden and reported
//! comments, decisions with a statement of reasons, bans, banned words and the audit trail.

use crate::form::Form;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::comment::ReportReason;
use kiosque_domain::typography::french;
use kiosque_domain::{dates, CommentId};
use kiosque_store::{CommentRow, Moderation, QueueItem, UserRow};
use serde::Deserialize;

use super::page::admin_page;
use super::when;
use crate::auth::{MaybeMember, Member};
use crate::extract::RequireMember;
use crate::handlers::account::pages::{Field, FormPage};
use crate::handlers::account::send_mail;
use crate::pages::{JournalPage, JournalRow, ModerationPage, QueueView};
use crate::respond::see_other;
use crate::{AppError, AppState};

/// A member who may moderate (moderator, editor, admin); others get 403.
pub struct RequireModerator(pub Member, pub axum_extra::extract::CookieJar);

impl FromRequestParts<AppState> for RequireModerator {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let RequireMember(member, jar) = RequireMember::from_request_parts(parts, state).await?;
        if !member.user.roles.can_moderate() {
            return Err(AppError::Forbidden);
        }
        Ok(RequireModerator(member, jar))
    }
}

impl RequireModerator {
    fn check_csrf(&self, headers: &HeaderMap, token: &str) -> Result<(), AppError> {
        MaybeMember {
            member: Some(self.0.clone()),
            jar: self.1.clone(),
        }
        .check_csrf(headers, token)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct QueueQuery {
    ok: Option<String>,
}

/// A comment of the queue, with its edits and reports.
fn queue_view(i: QueueItem) -> QueueView {
    QueueView {
        id: i.comment.id,
        status: french(i.comment.status.label()),
        author: i
            .comment
            .author_name
            .clone()
            .unwrap_or_else(|| "Compte supprimé".into()),
        author_id: i.comment.author_id,
        article_title: french(&i.article_title),
        article_href: i.article_path,
        date: when(i.comment.created_at),
        body: i.comment.body.split("\n\n").map(str::to_owned).collect(),
        edits: i.edits.into_iter().map(|(b, at)| (when(at), b)).collect(),
        reports: i
            .reports
            .into_iter()
            .map(|(reason, details, by, at)| {
                let mut s = format!(
                    "{} — par {}, {}",
                    reason.label(),
                    by.unwrap_or_else(|| "compte supprimé".into()),
                    when(at)
                );
                if let Some(d) = details {
                    s.push_str(&format!(" : « {d} »"));
                }
                french(&s)
            })
            .collect(),
    }
}

pub async fn queue(
    State(state): State<AppState>,
    moderator: RequireModerator,
    Query(q): Query<QueueQuery>,
) -> Result<Response, AppError> {
    let items = state
        .store()
        .moderation_queue(200)
        .await?
        .into_iter()
        .map(queue_view)
        .collect();
    let notice = match q.ok.as_deref() {
        Some("decision") => Some("Décision enregistrée.".to_owned()),
        Some("membre") => Some("Mesure appliquée au membre.".to_owned()),
        Some("mots") => Some("Liste des mots interdits enregistrée.".to_owned()),
        _ => None,
    };
    let title = crate::i18n::t("nr-title-moderation");
    admin_page(&state, &title, StatusCode::OK, moderator.1, |layout| {
        ModerationPage {
            layout,
            notice,
            csrf: moderator.0.csrf.clone(),
            items,
        }
    })
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    csrf: String,
    decision: String,
    reason: String,
    retour: String,
}

pub async fn decide(
    State(state): State<AppState>,
    moderator: RequireModerator,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, AppError> {
    moderator.check_csrf(&headers, &form.csrf)?;
    let id: CommentId = id.parse().map_err(|_| AppError::NotFound)?;
    let (decision, reason) = form.decision()?;
    let store = state.store();
    store.comment(id).await?.ok_or(AppError::NotFound)?;
    let reporters = store.open_reporters(id).await?;
    let c = store
        .moderate(
            id,
            moderator.0.user.id,
            decision,
            (!reason.is_empty()).then_some(reason),
        )
        .await?;
    tracing::info!(
        comment.id = id.get(),
        decision = decision.as_str(),
        moderator.id = moderator.0.user.id.get(),
        "moderation decision"
    );
    let outcome = match decision {
        Moderation::Approve => "maintenu en ligne",
        Moderation::Reject => "refusé",
        Moderation::Remove => "retiré",
    };
    // A statement of reasons to the author of a comment refused or removed (Digital Services Act).
    if decision != Moderation::Approve {
        tell_author(&state, id, &c, outcome, reason).await?;
    }
    tell_reporters(&state, id, reporters, outcome, reason).await;
    let back = crate::auth::safe_return(Some(&form.retour));
    let back = if back == "/" {
        "/admin/moderation?ok=decision".to_owned()
    } else {
        back
    };
    Ok(see_other(moderator.1, &back))
}

impl DecisionForm {
    /// The decision and its trimmed reason, which every decision but approval needs.
    fn decision(&self) -> Result<(Moderation, &str), AppError> {
        let decision = Moderation::parse(&self.decision)
            .ok_or_else(|| AppError::BadRequest(crate::i18n::t("nr-mod-choose-decision")))?;
        let reason = self.reason.trim();
        if decision != Moderation::Approve && reason.is_empty() {
            return Err(AppError::BadRequest(crate::i18n::t("nr-mod-reason-needed")));
        }
        if reason.chars().count() > 1000 {
            return Err(AppError::BadRequest(crate::i18n::t("nr-mod-reason-1000")));
        }
        Ok((decision, reason))
    }
}

/// Mails the decision and its reason to the comment's author, if the account still exists.
async fn tell_author(
    state: &AppState,
    id: CommentId,
    c: &CommentRow,
    outcome: &str,
    reason: &str,
) -> Result<(), AppError> {
    let Some(author_id) = c.author_id else {
        return Ok(());
    };
    let Some(author) = state.store().user_by_id(author_id).await? else {
        return Ok(());
    };
    let link = state.config().link("/compte/commentaires");
    send_mail(
        state,
        &author.email,
        &format!("Votre commentaire a été {outcome}"),
        &format!(
            "Bonjour {},\n\nVotre commentaire n° {id} a été {outcome} par l’équipe de \
             modération.\n\nMotif : {reason}\n\nVotre commentaire :\n« {} »\n\nVous \
             retrouvez cette décision dans « Mes commentaires » : {link}\nSi vous \
             pensez qu’il s’agit d’une erreur, vous pouvez répondre à ce message pour \
             la contester.\n",
            author.display_name, c.body
        ),
    )
    .await;
    Ok(())
}

/// Members who reported the comment as illegal get the answer.
async fn tell_reporters(
    state: &AppState,
    id: CommentId,
    reporters: Vec<(String, ReportReason)>,
    outcome: &str,
    reason: &str,
) {
    let reason = if reason.is_empty() {
        String::new()
    } else {
        format!("\n\nMotif : {reason}")
    };
    for (email, _) in reporters
        .into_iter()
        .filter(|(_, r)| *r == ReportReason::Illegal)
    {
        send_mail(
            state,
            &email,
            "Suite donnée à votre signalement",
            &format!(
                "Bonjour,\n\nVous aviez signalé le commentaire n° {id} pour contenu illicite. \
                 Après examen, l’équipe de modération l’a {outcome}.{reason}\n"
            ),
        )
        .await;
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BanForm {
    csrf: String,
    duration: String,
    reason: String,
}

pub async fn ban(
    State(state): State<AppState>,
    moderator: RequireModerator,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<BanForm>,
) -> Result<Response, AppError> {
    moderator.check_csrf(&headers, &form.csrf)?;
    if !moderator.0.user.roles.can_ban() {
        return Err(AppError::Forbidden);
    }
    let user_id: kiosque_domain::UserId = id.parse().map_err(|_| AppError::NotFound)?;
    let until = ban_until(&form.duration, chrono::Utc::now().timestamp_millis())?;
    let reason = form.reason.trim();
    if reason.chars().count() > 500 {
        return Err(AppError::BadRequest(crate::i18n::t("nr-mod-reason-500")));
    }
    if user_id == moderator.0.user.id {
        return Err(AppError::BadRequest(crate::i18n::t("nr-mod-not-yourself")));
    }
    let target = state
        .store()
        .user_by_id(user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if target.roles.can_moderate() && !moderator.0.user.roles.is_admin() {
        return Err(AppError::Denied(crate::i18n::t("nr-mod-admin-only")));
    }
    state
        .store()
        .ban_user(
            user_id,
            moderator.0.user.id,
            until,
            (!reason.is_empty()).then_some(reason),
        )
        .await?;
    if let Some(until) = until {
        let permanent = form.duration == "permanent";
        tell_banned(&state, &target, until, permanent, reason).await;
    }
    Ok(see_other(moderator.1, "/admin/moderation?ok=membre"))
}

/// When a ban chosen in the form ends; `None` lifts it.
fn ban_until(duration: &str, now: i64) -> Result<Option<i64>, AppError> {
    let days: i64 = match duration {
        "1" => 1,
        "7" => 7,
        "30" => 30,
        // "For good": far beyond any account's life, and still a plain number.
        "permanent" => 100 * 365,
        "lift" => return Ok(None),
        _ => {
            return Err(AppError::BadRequest(crate::i18n::t(
                "nr-mod-choose-duration",
            )))
        }
    };
    Ok(Some(now + days * 86_400_000))
}

/// Mails the banned member until when, and why.
async fn tell_banned(
    state: &AppState,
    target: &UserRow,
    until: i64,
    permanent: bool,
    reason: &str,
) {
    send_mail(
        state,
        &target.email,
        "Votre compte Kiosque est suspendu",
        &format!(
            "Bonjour {},\n\nVotre compte ne peut plus publier de commentaires jusqu’au {}.\n\
             Motif : {}\n",
            target.display_name,
            if permanent {
                "nouvel ordre".to_owned()
            } else {
                dates::paris_date(until)
            },
            if reason.is_empty() {
                "non précisé"
            } else {
                reason
            }
        ),
    )
    .await;
}

async fn words_page(
    state: &AppState,
    moderator: &RequireModerator,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let words = state.store().banned_words().await?.join("\n");
    let title = crate::i18n::t("nr-title-words");
    admin_page(state, &title, status, moderator.1.clone(), |layout| {
        FormPage {
            layout,
            heading: crate::i18n::t("nr-mod-words"),
        intro: Some(french(
            "Un commentaire qui contient l’un de ces mots (sans tenir compte des majuscules ni des \
             accents) est mis en attente de modération au lieu d’être publié. Un mot par ligne.",
        )),
        error,
        action: "/admin/moderation/mots-interdits".into(),
        csrf: moderator.0.csrf.clone(),
        hidden: Vec::new(),
        fields: vec![Field {
            required: false,
            ..Field::new("words", "Mots", "textarea").value(&words)
        }],
        submit: crate::i18n::t("nr-save"),
        links: vec![("/admin/moderation".into(), "Retour à la file d’attente".into())],
        }
        .typeset()
    })
    .await
}

pub async fn words_show(
    State(state): State<AppState>,
    moderator: RequireModerator,
) -> Result<Response, AppError> {
    words_page(&state, &moderator, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WordsForm {
    csrf: String,
    words: String,
}

pub async fn words_submit(
    State(state): State<AppState>,
    moderator: RequireModerator,
    headers: HeaderMap,
    Form(form): Form<WordsForm>,
) -> Result<Response, AppError> {
    moderator.check_csrf(&headers, &form.csrf)?;
    let mut words: Vec<String> = form
        .words
        .lines()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    if words.len() > 2000 || words.iter().any(|w| w.chars().count() > 60) {
        return words_page(
            &state,
            &moderator,
            Some(crate::i18n::t("nr-mod-words-limit")),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    state
        .store()
        .set_banned_words(&words, moderator.0.user.id)
        .await?;
    Ok(see_other(moderator.1, "/admin/moderation?ok=mots"))
}

pub async fn journal(
    State(state): State<AppState>,
    moderator: RequireModerator,
) -> Result<Response, AppError> {
    let rows = state
        .store()
        .moderation_log(500)
        .await?
        .into_iter()
        .map(|(action, by, comment, user, reason, at)| JournalRow {
            date: when(at),
            action: match action.as_str() {
                "approve" => "Publication",
                "reject" => "Refus",
                "remove" => "Retrait",
                "ban" => "Suspension",
                "unban" => "Levée de suspension",
                "auto_hide" => "Masquage automatique (signalements)",
                "banned_words" => "Mots interdits modifiés",
                other => other,
            }
            .to_owned(),
            by: by.unwrap_or_else(|| "système".into()),
            comment,
            user,
            // A decision without a stated reason: the mail says none was given.
            reason: reason.unwrap_or_default(),
        })
        .collect();
    let title = crate::i18n::t("nr-title-journal");
    admin_page(&state, &title, StatusCode::OK, moderator.1, |layout| {
        JournalPage { layout, rows }
    })
    .await
}
