//! Tags (`/admin/mots-cles`): the list, searchable, and renaming one (its address stays).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::common::{id_of, non_empty, refusal, Desk};
use crate::form::Form;
use crate::handlers::newsroom::articles::AdminNav;
use crate::respond::encode_query;
use crate::views::Pagination;
use crate::{AppError, AppState};

const TAGS_PER_PAGE: i64 = 100;

pub struct TagItem {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub published: i64,
}

#[derive(Template)]
#[template(path = "admin/tags.html")]
pub struct TagsPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub tags: Vec<TagItem>,
    pub total: i64,
    pub q: String,
    pub pagination: Pagination,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TagsQuery {
    q: String,
    page: Option<String>,
    ok: Option<String>,
}

async fn tags_page(
    state: &AppState,
    desk: &Desk,
    q: &TagsQuery,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let page = crate::handlers::site::page_number(q.page.as_deref())?;
    let (rows, total) = state
        .store()
        .tags_admin(non_empty(&q.q), (page - 1) * TAGS_PER_PAGE, TAGS_PER_PAGE)
        .await?;
    let base = format!("/admin/mots-cles?q={}", encode_query(q.q.trim()));
    let mut pagination = Pagination::new(&base, page, total, TAGS_PER_PAGE);
    pagination.prev = pagination.prev.map(|h| h.replace("?page=", "&page="));
    pagination.next = pagination.next.map(|h| h.replace("?page=", "&page="));
    let title = crate::i18n::t("nr-title-tags");
    desk.page(state, &title, status, |layout| TagsPage {
        layout,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice: match q.ok.as_deref() {
            Some("renomme") => Some(crate::i18n::t("nr-tags-done-renamed")),
            _ => None,
        },
        error,
        tags: rows
            .into_iter()
            .map(|t| TagItem {
                id: t.id,
                slug: t.slug,
                name: t.name,
                published: t.published,
            })
            .collect(),
        total,
        q: q.q.trim().to_owned(),
        pagination,
    })
    .await
}

pub async fn tags(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<TagsQuery>,
) -> Result<Response, AppError> {
    tags_page(&state, &desk, &q, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RenameTagForm {
    csrf: String,
    name: String,
}

pub async fn rename_tag(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<RenameTagForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let id = id_of(&id)?;
    match state.store().rename_tag(id, &form.name).await {
        Ok(()) => {
            tracing::info!(tag = id, user = desk.0.actor.user_id.get(), "tag renamed");
            Ok(desk.done("/admin/mots-cles?ok=renomme"))
        }
        Err(e) => {
            let message = refusal(e)?;
            tags_page(
                &state,
                &desk,
                &TagsQuery::default(),
                Some(message),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}
