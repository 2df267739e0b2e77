//! Users and roles (`/admin/utilisateurs`), for admins: the list, invitations by e-mail, roles
//! and the sections where journalists publish, deactivation.

use crate::form::Form;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::account::{self, Role, Roles};
use kiosque_store::{StoreError, TokenPurpose};
use serde::Deserialize;

use super::articles::AdminNav;
use super::page::admin_page;
use super::{mail_text, when, RequireAdmin};
use crate::handlers::account::send_mail;
use crate::respond::{encode_query, see_other};
use crate::views::Pagination;
use crate::{auth, AppError, AppState};

const PER_PAGE: i64 = 50;
/// An invitation link lasts a week: staff do not always read their mail the same day.
const INVITE_DAYS: i64 = 7;
/// The roles an admin hands out (everyone is a member).
const STAFF_ROLES: [Role; 5] = [
    Role::Contributor,
    Role::Journalist,
    Role::Editor,
    Role::Moderator,
    Role::Admin,
];

pub struct UserView {
    pub id: kiosque_domain::UserId,
    pub name: String,
    pub email: String,
    pub roles: String,
    pub created: String,
    pub state: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub users: Vec<UserView>,
    pub total: i64,
    pub q: String,
    pub role: String,
    pub roles: Vec<(&'static str, String)>,
    pub sections: Vec<(String, String)>,
    pub pagination: Pagination,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    role: String,
    page: Option<String>,
    ok: Option<String>,
}

fn state_label(u: &kiosque_store::UserRow, now: i64) -> String {
    crate::i18n::t(if u.deactivated_at.is_some() {
        "nr-user-state-deactivated"
    } else if u.is_banned(now) {
        "nr-user-state-suspended"
    } else if !u.is_verified() {
        "nr-user-state-unverified"
    } else {
        "nr-user-state-active"
    })
}

fn roles_label(r: &Roles) -> String {
    let staff: Vec<String> = r
        .iter()
        .filter(|x| *x != Role::Member)
        .map(|x| x.label().to_string())
        .collect();
    if staff.is_empty() {
        crate::i18n::t("nr-user-member")
    } else {
        staff.join(", ")
    }
}

fn user_view(u: &kiosque_store::UserRow, now: i64) -> UserView {
    UserView {
        id: u.id,
        name: u.display_name.clone(),
        email: u.email.clone(),
        roles: roles_label(&u.roles),
        created: when(u.created_at),
        state: state_label(u, now),
    }
}

/// Links to the other pages of the list, keeping the search and the role.
fn list_pagination(q: &ListQuery, page: i64, total: i64) -> Pagination {
    let base = format!(
        "/admin/utilisateurs?q={}&role={}",
        encode_query(q.q.trim()),
        encode_query(q.role.trim())
    );
    let mut pagination = Pagination::new(&base, page, total, PER_PAGE);
    pagination.prev = pagination.prev.map(|h| h.replace("?page=", "&page="));
    pagination.next = pagination.next.map(|h| h.replace("?page=", "&page="));
    pagination
}

async fn list_page(
    state: &AppState,
    admin: &RequireAdmin,
    q: &ListQuery,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let page = crate::handlers::site::page_number(q.page.as_deref())?;
    let role = Role::parse(q.role.trim());
    let (users, total) = state
        .store()
        .list_users(Some(&q.q), role, (page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    let now = chrono::Utc::now().timestamp_millis();
    let sections = state.store().sections().await?;
    let title = crate::i18n::t("nr-title-users");
    admin_page(state, &title, status, admin.1.clone(), |layout| UsersPage {
        layout,
        nav: AdminNav::of(&admin.0, "users"),
        csrf: admin.0.csrf.clone(),
        notice: match q.ok.as_deref() {
            Some("invite") => Some(crate::i18n::t("nr-user-done-invite")),
            _ => None,
        },
        error,
        users: users.iter().map(|u| user_view(u, now)).collect(),
        total,
        q: q.q.trim().to_owned(),
        role: q.role.trim().to_owned(),
        roles: STAFF_ROLES
            .iter()
            .map(|r| (r.as_str(), r.label().to_string()))
            .collect(),
        sections: sections.into_iter().map(|s| (s.slug, s.name)).collect(),
        pagination: list_pagination(q, page, total),
    })
    .await
}

pub async fn list(
    State(state): State<AppState>,
    admin: RequireAdmin,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    list_page(&state, &admin, &q, None, StatusCode::OK).await
}

/// Reads a form whose checkboxes repeat (`roles`, `sections`) as pairs. A field the form did
/// not send reads as empty, as an empty text field would.
fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

fn all<'a>(pairs: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    pairs
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn roles_of(pairs: &[(String, String)]) -> Result<Roles, AppError> {
    let mut roles = Roles::member();
    for r in all(pairs, "roles") {
        let role = Role::parse(r)
            .ok_or_else(|| AppError::BadRequest(crate::i18n::t("nr-user-unknown-role")))?;
        roles = roles.with(role);
    }
    Ok(roles)
}

/// The first of `sections` (slugs) that names no section.
async fn unknown_section(
    state: &AppState,
    sections: &[String],
) -> Result<Option<String>, AppError> {
    let known = state.store().sections().await?;
    Ok(sections
        .iter()
        .find(|s| !known.iter().any(|k| &k.slug == *s))
        .cloned())
}

/// Someone to invite, as the form describes them.
struct Invitation {
    email: String,
    name: String,
    roles: Roles,
    sections: Vec<String>,
}

/// The invitation the form describes, or why it is refused (shown above the list).
async fn invitation_of(
    state: &AppState,
    pairs: &[(String, String)],
) -> Result<Result<Invitation, String>, AppError> {
    let email = match account::normalize_email(field(pairs, "email")) {
        Ok(e) => e,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let name = match account::normalize_display_name(field(pairs, "name")) {
        Ok(n) => n,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let roles = roles_of(pairs)?;
    let sections: Vec<String> = all(pairs, "sections").map(str::to_owned).collect();
    if let Some(bad) = unknown_section(state, &sections).await? {
        return Ok(Err(crate::i18n::t1(
            "nr-user-unknown-section",
            "name",
            &bad,
        )));
    }
    if state.store().user_by_email(&email).await?.is_some() {
        return Ok(Err(crate::i18n::t1(
            "nr-user-exists-change",
            "email",
            &email,
        )));
    }
    Ok(Ok(Invitation {
        email,
        name,
        roles,
        sections,
    }))
}

/// Invites someone: an account with the chosen roles and no password, and a link by e-mail to
/// choose one.
pub async fn invite(
    State(state): State<AppState>,
    admin: RequireAdmin,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    admin.check_csrf(&headers, field(&pairs, "csrf"))?;
    let inv = match invitation_of(&state, &pairs).await? {
        Ok(inv) => inv,
        Err(message) => return refuse_invite(&state, &admin, message).await,
    };
    // No password until the invitee chooses one: "!" is no valid hash, so nothing logs in.
    let user = match state
        .store()
        .create_user(&inv.email, &inv.name, "!", &inv.roles, true)
        .await
    {
        Ok(u) => u,
        Err(StoreError::Conflict { .. }) => {
            let message = crate::i18n::t1("nr-user-exists", "email", &inv.email);
            return refuse_invite(&state, &admin, message).await;
        }
        Err(e) => return Err(e.into()),
    };
    if !inv.sections.is_empty() {
        state
            .store()
            .set_publish_sections(user.id, &inv.sections)
            .await?;
    }
    let link = invitation_link(&state, user.id).await?;
    send_invitation(&state, &admin, &inv, &link).await;
    tracing::info!(
        user = user.id.get(),
        admin = admin.0.user.id.get(),
        "staff invited"
    );
    Ok(see_other(admin.1, "/admin/utilisateurs?ok=invite"))
}

/// The list again, with why the invitation was refused.
async fn refuse_invite(
    state: &AppState,
    admin: &RequireAdmin,
    message: String,
) -> Result<Response, AppError> {
    let q = ListQuery::default();
    list_page(state, admin, &q, Some(message), StatusCode::BAD_REQUEST).await
}

/// A one-time link for the invitee to choose a password, valid [`INVITE_DAYS`] days.
async fn invitation_link(
    state: &AppState,
    user_id: kiosque_domain::UserId,
) -> Result<String, AppError> {
    let token = auth::random_token();
    let expires = chrono::Utc::now().timestamp_millis() + INVITE_DAYS * 86_400_000;
    state
        .store()
        .create_token(
            &auth::hash_secret(&token),
            user_id,
            TokenPurpose::Reset,
            None,
            expires,
        )
        .await?;
    Ok(state
        .config()
        .link(&format!("/compte/reinitialiser?jeton={token}")))
}

/// The text of the invitation: who invites, to which roles, the link to choose a password
/// and where the newsroom is.
fn invitation_text(name: &str, admin: &str, roles: &Roles, link: &str, newsroom: &str) -> String {
    use crate::i18n::{t1, t2};
    mail_text(&[
        t1("mail-nr-hello", "name", name),
        t2(
            "mail-invite-intro",
            "admin",
            admin,
            "roles",
            &roles_label(roles),
        ),
        t1("mail-invite-link", "days", INVITE_DAYS),
        link.to_owned(),
        t1("mail-invite-then", "newsroom", newsroom),
    ])
}

async fn send_invitation(state: &AppState, admin: &RequireAdmin, inv: &Invitation, link: &str) {
    let text = invitation_text(
        &inv.name,
        &admin.0.user.display_name,
        &inv.roles,
        link,
        &state.config().link("/admin"),
    );
    send_mail(
        state,
        &inv.email,
        &crate::i18n::t("mail-invite-subject"),
        &text,
    )
    .await;
}

#[derive(Template)]
#[template(path = "admin/user.html")]
pub struct UserPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub user: UserView,
    pub is_self: bool,
    pub deactivated: bool,
    /// (value, label, checked)
    pub roles: Vec<(&'static str, String, bool)>,
    pub sections: Vec<(String, String, bool)>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UserQuery {
    ok: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    admin: RequireAdmin,
    Path(id): Path<String>,
    Query(q): Query<UserQuery>,
) -> Result<Response, AppError> {
    let id: kiosque_domain::UserId = id.parse().map_err(|_| AppError::NotFound)?;
    let user = state
        .store()
        .user_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let allowed = state.store().publish_sections(id).await?;
    let now = chrono::Utc::now().timestamp_millis();
    let sections = state.store().sections().await?;
    let title = crate::i18n::t("nr-title-user");
    admin_page(&state, &title, StatusCode::OK, admin.1, |layout| UserPage {
        layout,
        nav: AdminNav::of(&admin.0, "users"),
        csrf: admin.0.csrf.clone(),
        notice: match q.ok.as_deref() {
            Some("roles") => Some(crate::i18n::t("nr-user-done-roles")),
            Some("desactive") => Some(crate::i18n::t("nr-user-done-deactivated")),
            Some("reactive") => Some(crate::i18n::t("nr-user-done-reactivated")),
            _ => None,
        },
        is_self: id == admin.0.user.id,
        deactivated: user.deactivated_at.is_some(),
        roles: STAFF_ROLES
            .iter()
            .map(|r| (r.as_str(), r.label().to_string(), user.roles.has(*r)))
            .collect(),
        sections: sections
            .into_iter()
            .map(|s| {
                let on = allowed.contains(&s.id);
                (s.slug, s.name, on)
            })
            .collect(),
        user: user_view(&user, now),
    })
    .await
}

/// Changes roles and publishing sections. An admin cannot take away their own admin role
/// (the site would risk having none).
pub async fn update(
    State(state): State<AppState>,
    admin: RequireAdmin,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    admin.check_csrf(&headers, field(&pairs, "csrf"))?;
    let id: kiosque_domain::UserId = id.parse().map_err(|_| AppError::NotFound)?;
    state
        .store()
        .user_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let roles = roles_of(&pairs)?;
    if id == admin.0.user.id && !roles.is_admin() {
        return Err(AppError::BadRequest(crate::i18n::t("nr-user-own-admin")));
    }
    let sections: Vec<String> = all(&pairs, "sections").map(str::to_owned).collect();
    if let Some(bad) = unknown_section(&state, &sections).await? {
        return Err(AppError::BadRequest(crate::i18n::t1(
            "nr-user-unknown-section",
            "name",
            &bad,
        )));
    }
    state.store().set_roles(id, &roles).await?;
    state.store().set_publish_sections(id, &sections).await?;
    tracing::info!(user = id.get(), roles = %roles.to_stored(), admin = admin.0.user.id.get(), "roles changed");
    Ok(see_other(
        admin.1,
        &format!("/admin/utilisateurs/{id}?ok=roles"),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ActivationForm {
    csrf: String,
    action: String,
}

pub async fn activation(
    State(state): State<AppState>,
    admin: RequireAdmin,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<ActivationForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&headers, &form.csrf)?;
    let id: kiosque_domain::UserId = id.parse().map_err(|_| AppError::NotFound)?;
    let deactivate = match form.action.as_str() {
        "desactiver" => true,
        "reactiver" => false,
        _ => return Err(AppError::BadRequest(crate::i18n::t("nr-unknown-action"))),
    };
    if deactivate && id == admin.0.user.id {
        return Err(AppError::BadRequest(crate::i18n::t(
            "nr-user-own-deactivate",
        )));
    }
    state.store().set_deactivated(id, deactivate).await?;
    tracing::info!(
        user = id.get(),
        deactivate,
        admin = admin.0.user.id.get(),
        "account activation"
    );
    Ok(see_other(
        admin.1,
        &format!(
            "/admin/utilisateurs/{id}?ok={}",
            if deactivate { "desactive" } else { "reactive" }
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invitation_says_who_invites_to_what_and_for_how_long() {
        let roles = Roles::member().with(Role::Journalist);
        let text = invitation_text(
            "Léa",
            "Admin",
            &roles,
            "https://kiosque.test/compte/reinitialiser?jeton=abc",
            "https://kiosque.test/admin",
        );
        assert!(
            text.starts_with(
                "Bonjour Léa,\n\nAdmin vous invite à rejoindre Kiosque (Journaliste).\n\n"
            ),
            "{text:?}"
        );
        assert!(text.contains("(valable 7 jours, une seule fois)\u{a0}:\n\nhttps://kiosque.test/compte/reinitialiser?jeton=abc\n\n"), "{text:?}");
        assert!(
            text.ends_with("accéder à la rédaction\u{a0}: https://kiosque.test/admin\n"),
            "{text:?}"
        );
    }
}
