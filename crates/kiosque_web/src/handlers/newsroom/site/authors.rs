//! Authors (`/admin/auteurs`): the list, and each author's name, bio and photo.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_store::AuthorProfile;
use serde::Deserialize;

use super::common::{id_of, non_empty, refusal, Desk, OkQuery};
use crate::form::Form;
use crate::handlers::newsroom::articles::AdminNav;
use crate::views::Pagination;
use crate::{AppError, AppState};

const AUTHORS_PER_PAGE: i64 = 100;

pub struct AuthorItem {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub published: i64,
    pub has_bio: bool,
    pub has_photo: bool,
}

#[derive(Template)]
#[template(path = "admin/authors.html")]
pub struct AuthorsPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub authors: Vec<AuthorItem>,
    pub total: i64,
    pub pagination: Pagination,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AuthorsQuery {
    page: Option<String>,
}

pub async fn authors(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<AuthorsQuery>,
) -> Result<Response, AppError> {
    let page = crate::handlers::site::page_number(q.page.as_deref())?;
    let (rows, total) = state
        .store()
        .authors_admin((page - 1) * AUTHORS_PER_PAGE, AUTHORS_PER_PAGE)
        .await?;
    let title = crate::i18n::t("nr-title-authors");
    desk.page(&state, &title, StatusCode::OK, |layout| AuthorsPage {
        layout,
        nav: desk.nav(),
        authors: rows
            .into_iter()
            .map(|a| AuthorItem {
                id: a.id,
                has_bio: a.bio.is_some(),
                has_photo: a.photo.is_some(),
                slug: a.slug,
                name: a.name,
                published: a.published,
            })
            .collect(),
        total,
        pagination: Pagination::new("/admin/auteurs", page, total, AUTHORS_PER_PAGE),
    })
    .await
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AuthorForm {
    pub csrf: String,
    pub name: String,
    pub bio: String,
    pub photo: String,
}

#[derive(Template)]
#[template(path = "admin/author.html")]
pub struct AuthorPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub id: i64,
    /// The name as stored (the heading), whatever the form holds.
    pub name: String,
    pub public_href: String,
    pub published: i64,
    pub form: AuthorForm,
    /// The stored photo, as the public page shows it.
    pub photo_src: Option<String>,
}

/// The URL of a media path's file, if the media library has it or the media store does (as
/// the database records it).
async fn media_src(state: &AppState, path: &str) -> Result<Option<String>, AppError> {
    let Ok(path) = kiosque_store::media_path_of(path) else {
        return Ok(None);
    };
    let rel = path.trim_start_matches('/').to_owned();
    let in_library = !state
        .store()
        .media_by_paths(std::slice::from_ref(&rel))
        .await?
        .is_empty();
    let stored = in_library
        || !state
            .store()
            .media_files(std::slice::from_ref(&rel))
            .await?
            .is_empty()
        || crate::media_record::adopt(state, &rel).await?;
    Ok(stored.then(|| format!("/media/{rel}")))
}

async fn author_page(
    state: &AppState,
    desk: &Desk,
    a: &AuthorProfile,
    form: AuthorForm,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let photo_src = match &a.photo {
        Some(p) => media_src(state, p).await?,
        None => None,
    };
    let title = crate::i18n::t1("nr-title-author", "name", &a.name);
    desk.page(state, &title, status, |layout| AuthorPage {
        layout,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice,
        error,
        id: a.id,
        name: a.name.clone(),
        public_href: format!("/auteur/{}", a.slug),
        published: a.published,
        form,
        photo_src,
    })
    .await
}

async fn profile(state: &AppState, id: &str) -> Result<AuthorProfile, AppError> {
    state
        .store()
        .author_profile(id_of(id)?)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn author(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<String>,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    let a = profile(&state, &id).await?;
    let form = AuthorForm {
        csrf: String::new(),
        name: a.name.clone(),
        // No bio or photo yet: empty fields to fill.
        bio: a.bio.clone().unwrap_or_default(),
        photo: a.photo.clone().unwrap_or_default(),
    };
    let notice = match q.ok.as_deref() {
        Some("enregistre") => Some(crate::i18n::t("nr-author-saved")),
        _ => None,
    };
    author_page(&state, &desk, &a, form, notice, None, StatusCode::OK).await
}

pub async fn update_author(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<AuthorForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let a = profile(&state, &id).await?;
    // A photo must be an image the site has: a path of the media library (or a file of the
    // media folder), so that the public page never shows a broken image.
    let photo = non_empty(&form.photo);
    let refused = match photo {
        Some(p) => match kiosque_store::media_path_of(p) {
            Err(m) => Some(m),
            Ok(_) if media_src(&state, p).await?.is_none() => {
                Some(crate::i18n::t1("nr-author-photo-unknown", "path", p))
            }
            Ok(_) => None,
        },
        None => None,
    };
    let result = match refused {
        Some(m) => Err(m),
        None => match state
            .store()
            .update_author(a.id, &form.name, non_empty(&form.bio), photo)
            .await
        {
            Ok(()) => Ok(()),
            Err(e) => Err(refusal(e)?),
        },
    };
    match result {
        Ok(()) => {
            tracing::info!(
                author = a.id,
                user = desk.0.actor.user_id.get(),
                "author updated"
            );
            Ok(desk.done(&format!("/admin/auteurs/{}?ok=enregistre", a.id)))
        }
        Err(message) => {
            author_page(
                &state,
                &desk,
                &a,
                form,
                None,
                Some(message),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}
