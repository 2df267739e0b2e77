//! Comment moderation (`/admin/moderation`): the queue of pending, hidden and reported
//! comments, decisions with a statement of reasons, bans, banned words and the audit trail.

use crate::form::Form;
use askama::Template;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::comment::ReportReason;
use kiosque_domain::dates;
use kiosque_domain::typography::french;
use kiosque_store::Moderation;
use serde::Deserialize;

use crate::auth::{MaybeMember, Member};
use crate::extract::RequireMember;
use crate::handlers::account::pages::{Field, FormPage};
use crate::handlers::account::send_mail;
use crate::layout::layout;
use crate::pages::{JournalPage, JournalRow, ModerationPage, QueueView};
use crate::respond::{personal, see_other};
use crate::views::Here;
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

fn when(ms: i64) -> String {
    format!("{} à {}", dates::paris_date(ms), dates::paris_time(ms))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct QueueQuery {
    ok: Option<String>,
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
        .map(|i| QueueView {
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
        })
        .collect();
    let notice = match q.ok.as_deref() {
        Some("decision") => Some("Décision enregistrée.".to_owned()),
        Some("membre") => Some("Mesure appliquée au membre.".to_owned()),
        Some("mots") => Some("Liste des mots interdits enregistrée.".to_owned()),
        _ => None,
    };
    let page = ModerationPage {
        layout: layout(&state, "Modération — Kiosque", None, None, Here::Elsewhere).await?,
        notice,
        csrf: moderator.0.csrf.clone(),
        items,
    };
    Ok(personal(StatusCode::OK, moderator.1, page.render()?))
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
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let decision = Moderation::parse(&form.decision)
        .ok_or_else(|| AppError::BadRequest("Choisissez une décision.".into()))?;
    let reason = form.reason.trim();
    if decision != Moderation::Approve && reason.is_empty() {
        return Err(AppError::BadRequest(
            "Indiquez le motif : il est communiqué à l’auteur du commentaire.".into(),
        ));
    }
    if reason.chars().count() > 1000 {
        return Err(AppError::BadRequest(
            "Le motif est limité à 1 000 caractères.".into(),
        ));
    }
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
        comment.id = id,
        decision = decision.as_str(),
        moderator.id = moderator.0.user.id,
        "moderation decision"
    );
    let outcome = match decision {
        Moderation::Approve => "maintenu en ligne",
        Moderation::Reject => "refusé",
        Moderation::Remove => "retiré",
    };
    // A statement of reasons to the author of a comment refused or removed (Digital Services Act).
    if decision != Moderation::Approve {
        if let Some(author) = match c.author_id {
            Some(a) => store.user_by_id(a).await?,
            None => None,
        } {
            let link = state.config().link("/compte/commentaires");
            send_mail(
                &state,
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
        }
    }
    // Members who reported illegal content get the answer.
    for (email, why) in reporters
        .into_iter()
        .filter(|(_, r)| *r == ReportReason::Illegal)
    {
        let _ = why;
        send_mail(
            &state,
            &email,
            "Suite donnée à votre signalement",
            &format!(
                "Bonjour,\n\nVous aviez signalé le commentaire n° {id} pour contenu illicite. \
                 Après examen, l’équipe de modération l’a {outcome}.{}\n",
                if reason.is_empty() {
                    String::new()
                } else {
                    format!("\n\nMotif : {reason}")
                }
            ),
        )
        .await;
    }
    let back = crate::auth::safe_return(Some(&form.retour));
    let back = if back == "/" {
        "/admin/moderation?ok=decision".to_owned()
    } else {
        back
    };
    Ok(see_other(moderator.1, &back))
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
    let user_id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let now = chrono::Utc::now().timestamp_millis();
    let until = match form.duration.as_str() {
        "1" | "7" | "30" => Some(now + form.duration.parse::<i64>().unwrap_or(1) * 86_400_000),
        // "For good": far beyond any account's life, and still a plain number.
        "permanent" => Some(now + 100 * 365 * 86_400_000),
        "lift" => None,
        _ => return Err(AppError::BadRequest("Choisissez une durée.".into())),
    };
    let reason = form.reason.trim();
    if reason.chars().count() > 500 {
        return Err(AppError::BadRequest(
            "Le motif est limité à 500 caractères.".into(),
        ));
    }
    if user_id == moderator.0.user.id {
        return Err(AppError::BadRequest(
            "Vous ne pouvez pas vous suspendre vous-même.".into(),
        ));
    }
    let target = state
        .store()
        .user_by_id(user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if target.roles.can_moderate() && !moderator.0.user.roles.is_admin() {
        return Err(AppError::Denied(
            "Seul un administrateur peut suspendre un membre de l’équipe.".into(),
        ));
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
    if let Some(u) = until {
        send_mail(
            &state,
            &target.email,
            "Votre compte Kiosque est suspendu",
            &format!(
                "Bonjour {},\n\nVotre compte ne peut plus publier de commentaires jusqu’au {}.\n\
                 Motif : {}\n",
                target.display_name,
                if form.duration == "permanent" {
                    "nouvel ordre".to_owned()
                } else {
                    dates::paris_date(u)
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
    Ok(see_other(moderator.1, "/admin/moderation?ok=membre"))
}

async fn words_page(
    state: &AppState,
    moderator: &RequireModerator,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let words = state.store().banned_words().await?.join("\n");
    let page = FormPage {
        layout: layout(state, "Mots interdits — Kiosque", None, None, Here::Elsewhere).await?,
        heading: "Mots interdits".into(),
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
        submit: "Enregistrer".into(),
        links: vec![("/admin/moderation".into(), "Retour à la file d’attente".into())],
    };
    Ok(personal(
        status,
        moderator.1.clone(),
        page.typeset().render()?,
    ))
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
            Some("Au plus 2 000 mots de 60 caractères chacun.".into()),
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
            reason: reason.unwrap_or_default(),
        })
        .collect();
    let page = JournalPage {
        layout: layout(
            &state,
            "Journal de modération — Kiosque",
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        rows,
    };
    Ok(personal(StatusCode::OK, moderator.1, page.render()?))
}
