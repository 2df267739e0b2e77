//! The site's own pages in the newsroom (`/admin/pages`, admins only): the legal notice, the
//! privacy policy, the moderation charter and the contact page, each with a title and a body in
//! the editor's syntax. Their public URLs (`/pages/{slug}`) never change.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use kiosque_domain::markup;
use kiosque_store::{SitePageRow, StoreError};
use serde::Deserialize;

use super::articles::AdminNav;
use super::page::admin_page;
use super::{when_by, RequireAdmin};
use crate::form::Form;
use crate::pages::Layout;
use crate::respond::see_other;
use crate::{AppError, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/pages", get(list))
        .route("/admin/pages/{slug}", get(edit).post(save))
}

pub struct PageItem {
    pub slug: String,
    pub title: String,
    /// When and by whom the page was last edited; `None` while it holds its template text.
    pub edited: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/site_pages.html")]
pub struct SitePagesPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub pages: Vec<PageItem>,
}

fn edited(p: &SitePageRow) -> Option<String> {
    p.updated_at.map(|at| when_by(at, p.updated_by.as_deref()))
}

pub async fn list(
    State(state): State<AppState>,
    RequireAdmin(member, jar): RequireAdmin,
) -> Result<Response, AppError> {
    let pages = state
        .store()
        .site_pages()
        .await?
        .into_iter()
        .map(|p| PageItem {
            edited: edited(&p),
            slug: p.slug,
            title: p.title,
        })
        .collect();
    let title = crate::i18n::t("nr-title-site-pages");
    admin_page(&state, &title, StatusCode::OK, jar, |layout| {
        SitePagesPage {
            layout,
            nav: AdminNav::of(&member, "pages"),
            pages,
        }
    })
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageForm {
    pub csrf: String,
    pub title: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "admin/site_page.html")]
pub struct SitePageEdit {
    pub layout: Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub slug: String,
    /// The title as stored (the heading), whatever the form holds.
    pub heading: String,
    pub edited: Option<String>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub form: PageForm,
    pub help: &'static str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OkQuery {
    ok: Option<String>,
}

async fn stored(state: &AppState, slug: &str) -> Result<SitePageRow, AppError> {
    state
        .store()
        .site_page(slug)
        .await?
        .ok_or(AppError::NotFound)
}

#[allow(clippy::too_many_arguments)]
async fn edit_page(
    state: &AppState,
    admin: RequireAdmin,
    page: &SitePageRow,
    form: PageForm,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let RequireAdmin(member, jar) = admin;
    let title = crate::i18n::t1("nr-title-site-page", "title", &page.title);
    admin_page(state, &title, status, jar, |layout| SitePageEdit {
        layout,
        nav: AdminNav::of(&member, "pages"),
        csrf: member.csrf.clone(),
        slug: page.slug.clone(),
        heading: page.title.clone(),
        edited: edited(page),
        notice,
        error,
        form,
        help: markup::help(),
    })
    .await
}

pub async fn edit(
    State(state): State<AppState>,
    admin: RequireAdmin,
    Path(slug): Path<String>,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    let page = stored(&state, &slug).await?;
    let form = PageForm {
        csrf: String::new(),
        title: page.title.clone(),
        body: page.body.clone(),
    };
    let notice = q.ok.is_some().then(|| crate::i18n::t("nr-pages-saved"));
    edit_page(&state, admin, &page, form, notice, None, StatusCode::OK).await
}

pub async fn save(
    State(state): State<AppState>,
    admin: RequireAdmin,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(form): Form<PageForm>,
) -> Result<Response, AppError> {
    admin.check_csrf(&headers, &form.csrf)?;
    let page = stored(&state, &slug).await?;
    match state
        .store()
        .save_site_page(&slug, &form.title, &form.body, admin.0.user.id)
        .await
    {
        Ok(()) => Ok(see_other(admin.1, &format!("/admin/pages/{slug}?ok=1"))),
        // The text is shown again with the reason, so nothing typed is lost.
        Err(StoreError::Invalid(m)) => {
            edit_page(
                &state,
                admin,
                &page,
                form,
                None,
                Some(m),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
