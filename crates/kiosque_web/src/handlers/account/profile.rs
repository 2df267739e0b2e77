//! The reader's account (`/compte`): profile, changes, my comments, data export, account deletion.

use crate::form::Form;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kiosque_domain::account;
use kiosque_domain::comment::CommentStatus;
use kiosque_domain::dates;
use kiosque_store::{StoreError, TokenPurpose};
use serde::Deserialize;

use super::pages::{typeset, Field, FormPage, MyComment, MyCommentsPage, ProfilePage};
use super::send_mail;
use super::signup::TokenQuery;
use crate::auth::{self, MaybeMember, Member};
use crate::extract::RequireMember;
use crate::i18n::{t, t1, t2};
use crate::layout::layout;
use crate::respond::{personal, see_other};
use crate::views::Here;
use crate::{AppError, AppState};

/// E-mail change links last a day.
const EMAIL_CHANGE_HOURS: i64 = 24;

fn as_maybe(member: &Member, jar: &axum_extra::extract::CookieJar) -> MaybeMember {
    MaybeMember {
        member: Some(member.clone()),
        jar: jar.clone(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileQuery {
    envoye: Option<String>,
    ok: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    RequireMember(member, jar): RequireMember,
    Query(q): Query<ProfileQuery>,
) -> Result<Response, AppError> {
    let u = &member.user;
    let notice = match (q.envoye.is_some(), q.ok.as_deref()) {
        (true, _) => Some(t("acc-notice-resent")),
        (_, Some("nom")) => Some(t("acc-notice-name")),
        (_, Some("mot-de-passe")) => Some(t("acc-notice-password")),
        (_, Some("email")) => Some(t("acc-notice-email")),
        (_, Some("notifications")) => Some(t("acc-notice-notifications")),
        _ => None,
    };
    let notify_replies = state.store().notify_replies(u.id).await?;
    let page = ProfilePage {
        layout: layout(
            &state,
            &t1("site-title", "title", &t("acc-profile-title")),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        notice: notice.as_deref().map(typeset),
        display_name: u.display_name.clone(),
        email: u.email.clone(),
        verified: u.is_verified(),
        roles: u
            .roles
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join(", "),
        can_moderate: u.roles.can_moderate(),
        in_newsroom: kiosque_domain::newsroom::Actor::of_roles(u.id, u.roles.clone()).in_newsroom(),
        is_admin: u.roles.is_admin(),
        notify_replies,
        csrf: member.csrf.clone(),
    };
    Ok(personal(StatusCode::OK, jar, page.render()?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileForm {
    csrf: String,
    display_name: String,
    email: String,
    password: String,
    new_password: String,
}

/// The three profile forms differ only in their fields.
#[derive(Clone, Copy)]
pub enum Change {
    Name,
    Email,
    Password,
}

impl Change {
    fn path(self) -> &'static str {
        match self {
            Change::Name => "/compte/nom",
            Change::Email => "/compte/email",
            Change::Password => "/compte/mot-de-passe",
        }
    }
}

async fn change_page(
    state: &AppState,
    member: &Member,
    jar: axum_extra::extract::CookieJar,
    change: Change,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let current = Field::new("password", &t("acc-current-password"), "password")
        .autocomplete("current-password");
    let (heading, fields) = match change {
        Change::Name => (
            t("acc-link-name"),
            vec![Field::new("display_name", &t("acc-display-name"), "text")
                .value(&member.user.display_name)
                .autocomplete("nickname")],
        ),
        Change::Email => (
            t("acc-link-email"),
            vec![
                Field::new("email", &t("acc-new-email"), "email").autocomplete("email"),
                current,
            ],
        ),
        Change::Password => (
            t("acc-link-password"),
            vec![
                current,
                Field::new("new_password", &t("acc-new-password"), "password")
                    .autocomplete("new-password")
                    .hint(&t1("acc-password-hint", "min", account::MIN_PASSWORD_CHARS)),
            ],
        ),
    };
    let page = FormPage {
        layout: layout(
            state,
            &t1("site-title", "title", &heading),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        heading,
        intro: None,
        error,
        action: change.path().into(),
        csrf: member.csrf.clone(),
        hidden: Vec::new(),
        fields,
        submit: t("acc-save"),
        links: vec![("/compte".into(), t("acc-back-to-account"))],
    };
    Ok(personal(status, jar, page.typeset().render()?))
}

pub async fn change_show(
    state: AppState,
    RequireMember(member, jar): RequireMember,
    change: Change,
) -> Result<Response, AppError> {
    change_page(&state, &member, jar, change, None, StatusCode::OK).await
}

/// What became of a profile change: the answer once done, or what the member must correct.
type Outcome = Result<Result<Response, String>, AppError>;

pub async fn change_submit(
    state: AppState,
    RequireMember(member, jar): RequireMember,
    headers: HeaderMap,
    form: ProfileForm,
    change: Change,
) -> Result<Response, AppError> {
    as_maybe(&member, &jar).check_csrf(&headers, &form.csrf)?;
    let outcome = match change {
        Change::Name => change_name(&state, &member, jar.clone(), &form).await?,
        Change::Email => change_email(&state, &member, jar.clone(), &form).await?,
        Change::Password => change_password(&state, &member, jar.clone(), &form).await?,
    };
    match outcome {
        Ok(done) => Ok(done),
        Err(msg) => {
            change_page(
                &state,
                &member,
                jar,
                change,
                Some(msg),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

async fn change_name(
    state: &AppState,
    member: &Member,
    jar: axum_extra::extract::CookieJar,
    form: &ProfileForm,
) -> Outcome {
    let name = match account::normalize_display_name(&form.display_name) {
        Ok(n) => n,
        Err(e) => return Ok(Err(e.to_string())),
    };
    state
        .store()
        .update_user(member.user.id, Some(&name), None, None, false)
        .await?;
    Ok(Ok(see_other(jar, "/compte?ok=nom")))
}

async fn change_email(
    state: &AppState,
    member: &Member,
    jar: axum_extra::extract::CookieJar,
    form: &ProfileForm,
) -> Outcome {
    let u = &member.user;
    let email = match account::normalize_email(&form.email) {
        Ok(e) => e,
        Err(e) => return Ok(Err(e.to_string())),
    };
    if !auth::verify_password(form.password.clone(), Some(u.password_hash.clone())).await {
        return Ok(Err(t("acc-wrong-password")));
    }
    // The same answer whether the address is taken or not; only a free address gets the
    // confirmation link.
    if state.store().user_by_email(&email).await?.is_none() {
        send_email_confirmation(state, member, &email).await?;
    }
    let answer = super::notice(
        state,
        jar,
        StatusCode::OK,
        &t("acc-confirm-new-email"),
        vec![t1("acc-confirm-new-email-text", "email", &email)],
        vec![("/compte".into(), t("acc-back-to-account"))],
    )
    .await?;
    Ok(Ok(answer))
}

/// Sends the link that makes `email` the account's address once opened.
async fn send_email_confirmation(
    state: &AppState,
    member: &Member,
    email: &str,
) -> Result<(), AppError> {
    let u = &member.user;
    let token = auth::random_token();
    let expires = chrono::Utc::now().timestamp_millis() + EMAIL_CHANGE_HOURS * 3_600_000;
    state
        .store()
        .create_token(
            &auth::hash_secret(&token),
            u.id,
            TokenPurpose::ChangeEmail,
            Some(email),
            expires,
        )
        .await?;
    let link = state
        .config()
        .link(&format!("/compte/email/confirmer?jeton={token}"));
    let text = format!(
        "{}\n\n{}\n\n{link}\n",
        t1("mail-acc-hello-name", "name", &u.display_name),
        t1("mail-acc-email-text", "hours", EMAIL_CHANGE_HOURS),
    );
    send_mail(state, email, &t("mail-acc-email-subject"), &text).await;
    Ok(())
}

async fn change_password(
    state: &AppState,
    member: &Member,
    jar: axum_extra::extract::CookieJar,
    form: &ProfileForm,
) -> Outcome {
    let u = &member.user;
    if !auth::verify_password(form.password.clone(), Some(u.password_hash.clone())).await {
        return Ok(Err(t("acc-wrong-current-password")));
    }
    if let Err(e) = account::check_password(&form.new_password, &[&u.email, &u.display_name]) {
        return Ok(Err(e.to_string()));
    }
    let hash = auth::hash_password(form.new_password.clone()).await?;
    state
        .store()
        .update_user(u.id, None, None, Some(&hash), false)
        .await?;
    // The other sessions end: whoever knew the old password is logged out.
    state
        .store()
        .delete_user_sessions(u.id, Some(&member.session_hash))
        .await?;
    state.store().delete_user_tokens(u.id).await?;
    Ok(Ok(see_other(jar, "/compte?ok=mot-de-passe")))
}

pub async fn name_show(State(s): State<AppState>, m: RequireMember) -> Result<Response, AppError> {
    change_show(s, m, Change::Name).await
}
pub async fn email_show(State(s): State<AppState>, m: RequireMember) -> Result<Response, AppError> {
    change_show(s, m, Change::Email).await
}
pub async fn password_show(
    State(s): State<AppState>,
    m: RequireMember,
) -> Result<Response, AppError> {
    change_show(s, m, Change::Password).await
}
pub async fn name_submit(
    State(s): State<AppState>,
    m: RequireMember,
    h: HeaderMap,
    Form(f): Form<ProfileForm>,
) -> Result<Response, AppError> {
    change_submit(s, m, h, f, Change::Name).await
}
pub async fn email_submit(
    State(s): State<AppState>,
    m: RequireMember,
    h: HeaderMap,
    Form(f): Form<ProfileForm>,
) -> Result<Response, AppError> {
    change_submit(s, m, h, f, Change::Email).await
}
pub async fn password_submit(
    State(s): State<AppState>,
    m: RequireMember,
    h: HeaderMap,
    Form(f): Form<ProfileForm>,
) -> Result<Response, AppError> {
    change_submit(s, m, h, f, Change::Password).await
}

/// The link of an e-mail change: the new address becomes the account's.
pub async fn email_confirm(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let used = if q.jeton.len() == 64 {
        state
            .store()
            .use_token(&auth::hash_secret(&q.jeton), TokenPurpose::ChangeEmail)
            .await?
    } else {
        None
    };
    let result = match used {
        Some((user_id, Some(email))) => {
            // The browser that opened the link stays logged in if it is the account's own.
            let keep = maybe
                .member
                .as_ref()
                .filter(|m| m.user.id == user_id)
                .map(|m| m.session_hash.clone());
            match state
                .store()
                .confirm_email_change(user_id, &email, keep.as_deref())
                .await
            {
                Ok(old) => {
                    tell_old_address(&state, &old, &email).await;
                    Ok(())
                }
                Err(StoreError::Conflict { .. }) => Err(()),
                Err(e) => return Err(e.into()),
            }
        }
        _ => Err(()),
    };
    match result {
        Ok(()) => Ok(see_other(maybe.jar, "/compte?ok=email")),
        Err(()) => {
            super::notice(
                &state,
                maybe.jar,
                StatusCode::BAD_REQUEST,
                &t("acc-link-expired"),
                vec![t("acc-email-confirm-invalid-text")],
                vec![("/compte".into(), t("acc-profile-title"))],
            )
            .await
        }
    }
}

/// The old address hears of the change: if it was not its owner's doing, they know whom to
/// ask (the account's other sessions and links were ended with it).
async fn tell_old_address(state: &AppState, old: &str, new: &str) {
    let text = format!(
        "{}\n\n{}\n",
        t1("mail-acc-email-changed-text", "email", new),
        t("mail-acc-email-changed-not-you"),
    );
    send_mail(state, old, &t("mail-acc-email-changed-subject"), &text).await;
}

pub async fn my_comments(
    State(state): State<AppState>,
    RequireMember(member, jar): RequireMember,
) -> Result<Response, AppError> {
    let items = state
        .store()
        .user_comments(member.user.id)
        .await?
        .into_iter()
        .map(|(c, title, path)| MyComment {
            id: c.id,
            article_title: typeset(&title),
            article_href: path,
            date: t2(
                "acc-comment-date",
                "date",
                &dates::paris_date(c.created_at),
                "time",
                &dates::paris_time(c.created_at),
            ),
            datetime: dates::iso(c.created_at),
            status: typeset(c.status.label()),
            body: c.body.split("\n\n").map(str::to_owned).collect(),
            reason: c.moderation_reason.clone(),
            visible: matches!(
                c.status,
                CommentStatus::Published | CommentStatus::Pending | CommentStatus::Hidden
            ),
        })
        .collect();
    let page = MyCommentsPage {
        layout: layout(
            &state,
            &t1("site-title", "title", &t("acc-my-comments")),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        items,
    };
    Ok(personal(StatusCode::OK, jar, page.render()?))
}

/// Everything Kiosque holds about the member, as JSON (GDPR, right of access and portability).
pub async fn export(
    State(state): State<AppState>,
    RequireMember(member, _): RequireMember,
) -> Result<Response, AppError> {
    let u = &member.user;
    let comments: Vec<serde_json::Value> = state
        .store()
        .user_comments(u.id)
        .await?
        .into_iter()
        .map(|(c, title, path)| {
            serde_json::json!({
                "id": c.id,
                "article": { "id": c.article_id.get(), "title": title, "path": path },
                "parent_id": c.parent_id,
                "body": c.body,
                "status": c.status.as_str(),
                "created_at": dates::iso(c.created_at),
                "edited_at": c.edited_at.map(dates::iso),
                "moderation_reason": c.moderation_reason,
            })
        })
        .collect();
    let charter_accepted_at = state.store().charter_accepted_at(u.id).await?;
    let notify_replies = state.store().notify_replies(u.id).await?;
    let doc = serde_json::json!({
        "account": {
            "id": u.id,
            "email": u.email,
            "display_name": u.display_name,
            "roles": u.roles.to_stored(),
            "email_verified_at": u.email_verified_at.map(dates::iso),
            "created_at": dates::iso(u.created_at),
            "banned_until": u.banned_until.map(dates::iso),
            "ban_reason": u.ban_reason,
            "charter_accepted_at": charter_accepted_at.map(dates::iso),
            "reply_emails": notify_replies,
        },
        "comments": comments,
        "exported_at": dates::iso(chrono::Utc::now().timestamp_millis()),
    });
    let body = serde_json::to_string_pretty(&doc).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut res = (StatusCode::OK, body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The file's name is in the reader's language; a catalogue that gave one a header cannot
    // carry still downloads the file, under the browser's own name for it.
    let disposition = format!("attachment; filename=\"{}\"", t("acc-export-filename"));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition)
            .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
    );
    Ok(res)
}

async fn delete_page(
    state: &AppState,
    member: &Member,
    jar: axum_extra::extract::CookieJar,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let heading = t("acc-link-delete");
    let page = FormPage {
        layout: layout(
            state,
            &t1("site-title", "title", &heading),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        heading,
        intro: Some(t("acc-delete-intro")),
        error,
        action: "/compte/supprimer".into(),
        csrf: member.csrf.clone(),
        hidden: Vec::new(),
        fields: vec![
            Field::new("password", &t("acc-delete-password"), "password")
                .autocomplete("current-password"),
        ],
        submit: t("acc-delete-submit"),
        links: vec![("/compte".into(), t("acc-cancel"))],
    };
    Ok(personal(status, jar, page.typeset().render()?))
}

pub async fn delete_show(
    State(state): State<AppState>,
    RequireMember(member, jar): RequireMember,
) -> Result<Response, AppError> {
    delete_page(&state, &member, jar, None, StatusCode::OK).await
}

pub async fn delete_submit(
    State(state): State<AppState>,
    RequireMember(member, jar): RequireMember,
    headers: HeaderMap,
    Form(form): Form<ProfileForm>,
) -> Result<Response, AppError> {
    as_maybe(&member, &jar).check_csrf(&headers, &form.csrf)?;
    if !auth::verify_password(
        form.password.clone(),
        Some(member.user.password_hash.clone()),
    )
    .await
    {
        return delete_page(
            &state,
            &member,
            jar,
            Some(t("acc-wrong-password")),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    state.store().delete_user(member.user.id).await?;
    tracing::info!(user.id = member.user.id.get(), "account deleted");
    let jar = jar.remove(auth::removal_cookie(auth::session_cookie_name(
        state.config().secure_cookies(),
    )));
    super::notice(
        &state,
        jar,
        StatusCode::OK,
        &t("acc-deleted"),
        vec![t("acc-deleted-text")],
        vec![("/".into(), t("site-error-home"))],
    )
    .await
}
