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

use super::articles::AdminNav;
use super::page::admin_page;
use super::{mail_text, when};
use crate::auth::{MaybeMember, Member};
use crate::extract::RequireMember;
use crate::handlers::account::pages::{Field, FormPage};
use crate::handlers::account::send_mail;
use crate::i18n::{t, t1, t2, t3};
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
            .unwrap_or_else(|| t("nr-mod-deleted-account")),
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
                let by = by.unwrap_or_else(|| t("nr-mod-report-by-deleted"));
                let line = t3(
                    "nr-mod-report-line",
                    "reason",
                    reason.label(),
                    "by",
                    &by,
                    "date",
                    &when(at),
                );
                let line = match details {
                    Some(d) => t2("nr-mod-report-details", "report", &line, "details", &d),
                    None => line,
                };
                french(&line)
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
        Some("decision") => Some(t("nr-mod-done-decision")),
        Some("membre") => Some(t("nr-mod-done-member")),
        Some("mots") => Some(t("nr-mod-done-words")),
        _ => None,
    };
    let title = t("nr-title-moderation");
    let nav = AdminNav::of(&moderator.0, "moderation");
    admin_page(&state, &title, StatusCode::OK, moderator.1, |layout| {
        ModerationPage {
            layout,
            nav,
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
    // A statement of reasons to the author of a comment refused or removed (Digital Services Act).
    if decision != Moderation::Approve {
        tell_author(&state, id, &c, decision, reason).await?;
    }
    tell_reporters(&state, id, reporters, decision, reason).await;
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
            .ok_or_else(|| AppError::BadRequest(t("nr-mod-choose-decision")))?;
        let reason = self.reason.trim();
        if decision != Moderation::Approve && reason.is_empty() {
            return Err(AppError::BadRequest(t("nr-mod-reason-needed")));
        }
        if reason.chars().count() > 1000 {
            return Err(AppError::BadRequest(t("nr-mod-reason-1000")));
        }
        Ok((decision, reason))
    }
}

/// The subject and text of the mail telling a comment's author that it was refused or
/// removed, and why. `None` for an approval, which is no news to the author.
fn author_mail(
    name: &str,
    id: CommentId,
    body: &str,
    decision: Moderation,
    reason: &str,
    link: &str,
) -> Option<(String, String)> {
    let (subject, what) = match decision {
        Moderation::Approve => return None,
        Moderation::Reject => (
            t("mail-mod-rejected-subject"),
            t1("mail-mod-rejected", "id", id.get()),
        ),
        Moderation::Remove => (
            t("mail-mod-removed-subject"),
            t1("mail-mod-removed", "id", id.get()),
        ),
    };
    let text = mail_text(&[
        t1("mail-nr-hello", "name", name),
        what,
        t1("mail-mod-reason", "reason", reason),
        t1("mail-mod-your-comment", "body", body),
        t2(
            "mail-mod-contest",
            "page",
            &t("acc-my-comments"),
            "link",
            link,
        ),
    ]);
    Some((subject, text))
}

/// Mails the decision and its reason to the comment's author, if the account still exists.
pub(crate) async fn tell_author(
    state: &AppState,
    id: CommentId,
    c: &CommentRow,
    decision: Moderation,
    reason: &str,
) -> Result<(), AppError> {
    let Some(author_id) = c.author_id else {
        return Ok(());
    };
    let Some(author) = state.store().user_by_id(author_id).await? else {
        return Ok(());
    };
    let link = state.config().link("/compte/commentaires");
    if let Some((subject, text)) =
        author_mail(&author.display_name, id, &c.body, decision, reason, &link)
    {
        send_mail(state, &author.email, &subject, &text).await;
    }
    Ok(())
}

/// The text of the mail telling someone who reported a comment as illegal what was decided.
fn reporter_mail(id: CommentId, decision: Moderation, reason: &str) -> String {
    let what = match decision {
        Moderation::Approve => t1("mail-mod-report-kept", "id", id.get()),
        Moderation::Reject => t1("mail-mod-report-rejected", "id", id.get()),
        Moderation::Remove => t1("mail-mod-report-removed", "id", id.get()),
    };
    let mut paragraphs = vec![t("mail-nr-hello-anonymous"), what];
    if !reason.is_empty() {
        paragraphs.push(t1("mail-mod-reason", "reason", reason));
    }
    mail_text(&paragraphs)
}

/// Members who reported the comment as illegal get the answer.
pub(crate) async fn tell_reporters(
    state: &AppState,
    id: CommentId,
    reporters: Vec<(String, ReportReason)>,
    decision: Moderation,
    reason: &str,
) {
    let text = reporter_mail(id, decision, reason);
    let subject = t("mail-mod-report-subject");
    for (email, _) in reporters
        .into_iter()
        .filter(|(_, r)| *r == ReportReason::Illegal)
    {
        send_mail(state, &email, &subject, &text).await;
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
        return Err(AppError::BadRequest(t("nr-mod-reason-500")));
    }
    if user_id == moderator.0.user.id {
        return Err(AppError::BadRequest(t("nr-mod-not-yourself")));
    }
    let target = state
        .store()
        .user_by_id(user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if target.roles.can_moderate() && !moderator.0.user.roles.is_admin() {
        return Err(AppError::Denied(t("nr-mod-admin-only")));
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
        _ => return Err(AppError::BadRequest(t("nr-mod-choose-duration"))),
    };
    Ok(Some(now + days * 86_400_000))
}

/// The text of the mail telling a member until when they may not comment, and why.
fn ban_mail(name: &str, until: i64, permanent: bool, reason: &str) -> String {
    let until = if permanent {
        t("mail-mod-ban-for-good")
    } else {
        t1("mail-mod-ban-until", "date", &dates::paris_date(until))
    };
    let reason = if reason.is_empty() {
        t("mail-mod-ban-no-reason")
    } else {
        reason.to_owned()
    };
    mail_text(&[
        t1("mail-nr-hello", "name", name),
        t2("mail-mod-ban", "until", &until, "reason", &reason),
    ])
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
        &t("mail-mod-ban-subject"),
        &ban_mail(&target.display_name, until, permanent, reason),
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
    let title = t("nr-title-words");
    let words_label = t("nr-mod-words-field");
    admin_page(state, &title, status, moderator.1.clone(), |layout| {
        FormPage {
            layout,
            heading: t("nr-mod-words"),
            intro: Some(t("nr-mod-words-intro")),
            error,
            action: "/admin/moderation/mots-interdits".into(),
            csrf: moderator.0.csrf.clone(),
            hidden: Vec::new(),
            fields: vec![Field {
                required: false,
                ..Field::new("words", &words_label, "textarea").value(&words)
            }],
            submit: t("nr-save"),
            links: vec![("/admin/moderation".into(), t("nr-journal-back"))],
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
            Some(t("nr-mod-words-limit")),
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
            action: journal_action(&action),
            by: by.unwrap_or_else(|| t("nr-journal-system")),
            comment,
            user,
            // A decision without a stated reason: the mail says none was given.
            reason: reason.unwrap_or_default(),
        })
        .collect();
    let title = t("nr-title-journal");
    let nav = AdminNav::of(&moderator.0, "moderation");
    admin_page(&state, &title, StatusCode::OK, moderator.1, |layout| {
        JournalPage { layout, nav, rows }
    })
    .await
}

/// What the journal calls an action of the log; an action this build does not know (written
/// by a newer one) shows as stored.
fn journal_action(action: &str) -> String {
    match action {
        "approve" => t("nr-journal-approve"),
        "reject" => t("nr-journal-reject"),
        "remove" => t("nr-journal-remove"),
        "ban" => t("nr-journal-ban"),
        "unban" => t("nr-journal-unban"),
        "auto_hide" => t("nr-journal-auto-hide"),
        "banned_words" => t("nr-journal-banned-words"),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_author_reads_the_decision_its_reason_and_where_to_find_it() {
        let (subject, text) = author_mail(
            "Claire",
            CommentId(12),
            "Un avis.",
            Moderation::Remove,
            "Hors sujet.",
            "https://kiosque.test/compte/commentaires",
        )
        .expect("a removal is mailed");
        assert_eq!(subject, "Votre commentaire a été retiré");
        assert!(text.starts_with("Bonjour Claire,\n\n"), "{text:?}");
        assert!(
            text.contains("Votre commentaire n°\u{a0}12 a été retiré par l’équipe de modération."),
            "{text:?}"
        );
        assert!(text.contains("Motif\u{a0}: Hors sujet.\n\n"), "{text:?}");
        assert!(text.contains("«\u{a0}Un avis.\u{a0}»"), "{text:?}");
        assert!(
            text.contains("«\u{a0}Mes commentaires\u{a0}»\u{a0}: https://kiosque.test/compte/commentaires\nSi vous pensez"),
            "{text:?}"
        );
        assert!(text.ends_with("la contester.\n"), "{text:?}");
        assert!(author_mail("C", CommentId(1), "x", Moderation::Approve, "", "l").is_none());
    }

    #[test]
    fn reporters_read_the_outcome_and_the_reason_when_there_is_one() {
        let text = reporter_mail(CommentId(7), Moderation::Approve, "");
        assert_eq!(
            text,
            "Bonjour,\n\nVous aviez signalé le commentaire n°\u{a0}7 pour contenu illicite. \
             Après examen, l’équipe de modération l’a maintenu en ligne.\n"
        );
        let text = reporter_mail(CommentId(7), Moderation::Reject, "Injurieux.");
        assert!(
            text.ends_with("l’a refusé.\n\nMotif\u{a0}: Injurieux.\n"),
            "{text:?}"
        );
    }

    #[test]
    fn a_ban_says_until_when_and_why() {
        let text = ban_mail("Paul", 0, true, "");
        assert_eq!(
            text,
            "Bonjour Paul,\n\nVotre compte ne peut plus publier de commentaires jusqu’à nouvel \
             ordre.\nMotif\u{a0}: non précisé\n"
        );
        let text = ban_mail("Paul", 0, false, "Spam.");
        assert!(
            text.contains("commentaires jusqu’au 01/01/1970.\nMotif\u{a0}: Spam.\n"),
            "{text:?}"
        );
    }

    #[test]
    fn the_journal_names_known_actions_and_shows_others_as_stored() {
        assert_eq!(journal_action("unban"), "Levée de suspension");
        assert_eq!(journal_action("something_new"), "something_new");
    }
}
