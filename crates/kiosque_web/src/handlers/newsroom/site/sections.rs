//! Sections (`/admin/rubriques`): the tree, creating one, renaming, moving it under another
//! and its position among its siblings.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_store::SectionAdminRow;
use serde::Deserialize;

use super::common::{id_of, non_empty, position_of, refusal, Desk, OkQuery};
use crate::form::Form;
use crate::handlers::newsroom::articles::AdminNav;
use crate::{AppError, AppState};

/// A section in the back office's tree.
pub struct SectionItem {
    pub id: kiosque_domain::SectionId,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub parent: Option<String>,
    pub position: i64,
    pub published: i64,
    pub children: i64,
}

fn item(row: &SectionAdminRow, all: &[SectionAdminRow]) -> SectionItem {
    let s = &row.section;
    SectionItem {
        id: s.id,
        slug: s.slug.clone(),
        name: s.name.clone(),
        // No description yet: an empty field to fill.
        description: s.description.clone().unwrap_or_default(),
        parent: s.parent_id.and_then(|p| {
            all.iter()
                .find(|r| r.section.id == p)
                .map(|r| r.section.name.clone())
        }),
        position: s.position,
        published: row.published,
        children: row.children,
    }
}

/// The tree in reading order: each top-level section (by position) followed by its children.
fn tree(all: &[SectionAdminRow]) -> Vec<SectionItem> {
    let mut out = Vec::with_capacity(all.len());
    for top in all.iter().filter(|r| r.section.parent_id.is_none()) {
        out.push(item(top, all));
        for child in all
            .iter()
            .filter(|r| r.section.parent_id == Some(top.section.id))
        {
            out.push(item(child, all));
        }
    }
    // Anything deeper (older data) still shows, at the end.
    for r in all {
        if !out.iter().any(|i| i.id == r.section.id) {
            out.push(item(r, all));
        }
    }
    out
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct NewSectionForm {
    pub csrf: String,
    pub slug: String,
    pub name: String,
    pub parent: String,
    pub description: String,
}

#[derive(Template)]
#[template(path = "admin/sections.html")]
pub struct SectionsPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub tree: Vec<SectionItem>,
    /// Top-level sections, which may hold others: (id, name, chosen in the form).
    pub parents: Vec<(kiosque_domain::SectionId, String, bool)>,
    pub form: NewSectionForm,
}

async fn sections_page(
    state: &AppState,
    desk: &Desk,
    notice: Option<String>,
    error: Option<String>,
    form: NewSectionForm,
    status: StatusCode,
) -> Result<Response, AppError> {
    let all = state.store().sections_admin().await?;
    let title = crate::i18n::t("nr-title-sections");
    desk.page(state, &title, status, |layout| SectionsPage {
        layout,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice,
        error,
        tree: tree(&all),
        parents: all
            .iter()
            .filter(|r| r.section.parent_id.is_none())
            .map(|r| {
                let chosen = form.parent == r.section.id.to_string();
                (r.section.id, r.section.name.clone(), chosen)
            })
            .collect(),
        form,
    })
    .await
}

pub async fn sections(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    let notice = match q.ok.as_deref() {
        Some("cree") => Some(crate::i18n::t("nr-section-created")),
        _ => None,
    };
    sections_page(
        &state,
        &desk,
        notice,
        None,
        NewSectionForm::default(),
        StatusCode::OK,
    )
    .await
}

/// The parent chosen in a form: empty is the top level.
fn parent_of(raw: &str) -> Result<Option<kiosque_domain::SectionId>, String> {
    match non_empty(raw) {
        None => Ok(None),
        Some(p) => p
            .parse()
            .map(Some)
            .map_err(|_| crate::i18n::t("nr-section-no-parent")),
    }
}

pub async fn create_section(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Form(form): Form<NewSectionForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let result = match parent_of(&form.parent) {
        Err(m) => Err(m),
        Ok(parent) => match state
            .store()
            .create_section(&form.slug, &form.name, parent, non_empty(&form.description))
            .await
        {
            Ok(s) => Ok(s),
            Err(e) => Err(refusal(e)?),
        },
    };
    match result {
        Ok(s) => {
            tracing::info!(section = s.id.get(), slug = %s.slug, user = desk.0.actor.user_id.get(), "section created");
            Ok(desk.done(&format!("/admin/rubriques/{}?ok=cree", s.id)))
        }
        Err(message) => {
            sections_page(
                &state,
                &desk,
                None,
                Some(message),
                form,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "admin/section.html")]
pub struct SectionPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub s: SectionItem,
    pub public_href: String,
    /// Top-level sections it may go under: (id, name, its parent now).
    pub parents: Vec<(kiosque_domain::SectionId, String, bool)>,
    pub top_level: bool,
}

/// The section's page again, with the reason its form was refused.
async fn refused(
    state: &AppState,
    desk: &Desk,
    id: kiosque_domain::SectionId,
    message: String,
) -> Result<Response, AppError> {
    section_page(
        state,
        desk,
        id,
        None,
        Some(message),
        StatusCode::BAD_REQUEST,
    )
    .await
}

async fn section_page(
    state: &AppState,
    desk: &Desk,
    id: kiosque_domain::SectionId,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let all = state.store().sections_admin().await?;
    let row = all
        .iter()
        .find(|r| r.section.id == id)
        .ok_or(AppError::NotFound)?;
    let s = item(row, &all);
    let title = crate::i18n::t1("nr-title-section", "name", &s.name);
    desk.page(state, &title, status, |layout| SectionPage {
        layout,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice,
        error,
        public_href: crate::views::section_href(&s.slug),
        parents: all
            .iter()
            .filter(|r| r.section.parent_id.is_none() && r.section.id != id)
            .map(|r| {
                (
                    r.section.id,
                    r.section.name.clone(),
                    row.section.parent_id == Some(r.section.id),
                )
            })
            .collect(),
        top_level: row.section.parent_id.is_none(),
        s,
    })
    .await
}

pub async fn section(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<String>,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    let id = id_of(&id)?;
    let notice = match q.ok.as_deref() {
        Some("cree") => Some(crate::i18n::t("nr-section-created")),
        Some("renomme") => Some(crate::i18n::t("nr-section-done-renamed")),
        Some("deplace") => Some(crate::i18n::t("nr-section-done-moved")),
        Some("position") => Some(crate::i18n::t("nr-section-done-position")),
        _ => None,
    };
    section_page(&state, &desk, id, notice, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RenameSectionForm {
    csrf: String,
    name: String,
    description: String,
}

pub async fn rename_section(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<RenameSectionForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let id = id_of(&id)?;
    match state
        .store()
        .rename_section(id, &form.name, non_empty(&form.description))
        .await
    {
        Ok(()) => {
            tracing::info!(
                section = id.get(),
                user = desk.0.actor.user_id.get(),
                "section renamed"
            );
            Ok(desk.done(&format!("/admin/rubriques/{id}?ok=renomme")))
        }
        Err(e) => {
            let message = refusal(e)?;
            refused(&state, &desk, id, message).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MoveSectionForm {
    csrf: String,
    parent: String,
}

pub async fn move_section(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<MoveSectionForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let id = id_of(&id)?;
    let result = match parent_of(&form.parent) {
        Err(m) => Err(m),
        Ok(parent) => match state.store().move_section(id, parent).await {
            Ok(()) => Ok(()),
            Err(e) => Err(refusal(e)?),
        },
    };
    match result {
        Ok(()) => {
            tracing::info!(section = id.get(), parent = %form.parent, user = desk.0.actor.user_id.get(), "section moved");
            Ok(desk.done(&format!("/admin/rubriques/{id}?ok=deplace")))
        }
        Err(message) => refused(&state, &desk, id, message).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PositionForm {
    csrf: String,
    position: String,
}

pub async fn position_section(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<PositionForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let id = id_of(&id)?;
    let section = state
        .store()
        .site_section(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let result = match position_of(&form.position, &section.name) {
        Err(m) => Err(m),
        Ok(p) => match state.store().set_section_positions(&[(id, p)]).await {
            Ok(()) => Ok(()),
            Err(e) => Err(refusal(e)?),
        },
    };
    match result {
        Ok(()) => Ok(desk.done(&format!("/admin/rubriques/{id}?ok=position"))),
        Err(message) => refused(&state, &desk, id, message).await,
    }
}
