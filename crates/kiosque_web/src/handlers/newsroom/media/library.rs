//! The library (`/admin/medias`), newest first and searchable, and its JSON list
//! (`/admin/medias.json`) for the article editor's image picker.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kiosque_domain::typography::french;
use kiosque_media::Limits;
use serde::Deserialize;

use super::common::{item_view, snippet, thumb_path, MediaItemView, MediaTexts, RequireMediaUser};
use crate::handlers::newsroom::articles::AdminNav;
use crate::handlers::newsroom::page::admin_page;
use crate::pages::Layout;
use crate::respond::encode_query;
use crate::views::Pagination;
use crate::{AppError, AppState};

/// Images per page of the library.
pub const PER_PAGE: i64 = 24;
/// Images in one answer of the JSON list.
const JSON_LIMIT: i64 = 24;

#[derive(Template)]
#[template(path = "admin/medias.html")]
pub struct MediaLibraryPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub error: Option<String>,
    pub form: MediaTexts,
    pub q: String,
    pub total: i64,
    pub items: Vec<MediaItemView>,
    pub pagination: Pagination,
    pub max_megabytes: usize,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LibraryQuery {
    q: Option<String>,
    page: Option<String>,
}

impl LibraryQuery {
    pub(super) fn text(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }

    pub(super) fn page(&self) -> Result<i64, AppError> {
        crate::handlers::site::page_number(self.page.as_deref())
    }
}

/// Links to the other pages of a list, keeping the search.
fn pagination(q: Option<&str>, current: i64, total_items: i64) -> Pagination {
    let total = ((total_items + PER_PAGE - 1) / PER_PAGE).max(1);
    let link = |p: i64| {
        let mut params = Vec::new();
        if let Some(q) = q {
            params.push(format!("q={}", encode_query(q)));
        }
        if p > 1 {
            params.push(format!("page={p}"));
        }
        if params.is_empty() {
            "/admin/medias".to_owned()
        } else {
            format!("/admin/medias?{}", params.join("&"))
        }
    };
    Pagination {
        current,
        total,
        prev: (current > 1).then(|| link(current - 1)),
        next: (current < total).then(|| link(current + 1)),
    }
}

pub(super) async fn library_page(
    state: &AppState,
    user: &RequireMediaUser,
    query: &LibraryQuery,
    status: StatusCode,
    error: Option<String>,
    form: MediaTexts,
) -> Result<Response, AppError> {
    let page = query.page()?;
    let q = query.text();
    let (rows, total) = state
        .store()
        .media_list(q, (page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    if page > 1 && rows.is_empty() {
        return Err(AppError::NotFound);
    }
    let title = crate::i18n::t("nr-title-media");
    admin_page(state, &title, status, user.1.clone(), |layout| {
        MediaLibraryPage {
            layout,
            nav: AdminNav::of(&user.0, "media"),
            csrf: user.0.csrf.clone(),
            error: error.map(|e| french(&e)),
            form,
            // No search given shows as an empty search field.
            q: q.unwrap_or_default().to_owned(),
            total,
            items: rows.iter().map(item_view).collect(),
            pagination: pagination(q, page, total),
            max_megabytes: Limits::default().max_bytes >> 20,
        }
    })
    .await
}

/// `GET /admin/medias`: the library, newest first, searchable, with the upload form.
pub async fn library(
    State(state): State<AppState>,
    user: RequireMediaUser,
    Query(query): Query<LibraryQuery>,
) -> Result<Response, AppError> {
    library_page(
        &state,
        &user,
        &query,
        StatusCode::OK,
        None,
        MediaTexts::default(),
    )
    .await
}

/// An image as the editor's picker reads it, with the body line that inserts it.
pub(super) fn item_json(row: &kiosque_store::MediaRow) -> serde_json::Value {
    serde_json::json!({
        "id": row.id,
        "path": format!("/{}", row.path),
        "alt": row.alt,
        "caption": row.caption,
        "credit": row.credit,
        "width": row.width,
        "height": row.height,
        "thumb": format!("/media/{}", thumb_path(row)),
        "snippet": snippet(row),
    })
}

/// `GET /admin/medias.json?q=…&page=…`: the library for the editor's image picker.
pub async fn list_json(
    State(state): State<AppState>,
    user: RequireMediaUser,
    Query(query): Query<LibraryQuery>,
) -> Result<Response, AppError> {
    let page = query.page()?;
    let (rows, total) = state
        .store()
        .media_list(query.text(), (page - 1) * JSON_LIMIT, JSON_LIMIT)
        .await?;
    let items: Vec<serde_json::Value> = rows.iter().map(item_json).collect();
    let body = serde_json::json!({ "items": items, "total": total, "page": page });
    let mut res = (user.1, axum::Json(body)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_the_search() {
        let p = pagination(Some("été à Paris"), 2, 60);
        assert_eq!(p.total, 3);
        assert_eq!(
            p.prev.as_deref(),
            Some("/admin/medias?q=%C3%A9t%C3%A9%20%C3%A0%20Paris")
        );
        assert_eq!(
            p.next.as_deref(),
            Some("/admin/medias?q=%C3%A9t%C3%A9%20%C3%A0%20Paris&page=3")
        );
        let p = pagination(None, 1, 0);
        assert_eq!((p.total, p.prev, p.next), (1, None, None));
    }
}
