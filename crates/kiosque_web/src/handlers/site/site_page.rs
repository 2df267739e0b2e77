//! The site's own pages at fixed URLs (`/pages/mentions-legales`, `/pages/confidentialite`,
//! `/pages/charte`, `/pages/contact`), linked from every page's footer and edited by admins.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::typography::typeset;
use kiosque_domain::{dates, markup};
use kiosque_store::StoreError;

use crate::cache::Deps;
use crate::pages::{render_page, Layout};
use crate::views::{self, BlockView, Figures, Here};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "site/page.html")]
pub struct SitePage {
    pub layout: Layout,
    pub title: String,
    pub body: Vec<BlockView>,
    /// (label, ISO date) of the last edit; none for the template text.
    pub updated: Option<(String, String)>,
}

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let page = state
        .store()
        .site_page(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    // Saving checks the text, so a stored body always parses.
    let blocks = markup::parse(&page.body)
        .map_err(|e| StoreError::Corrupt(format!("site page {slug}: {e}")))?;
    let figures = Figures::of_blocks(state.store(), None, &blocks).await?;
    let layout = crate::layout::layout(
        &state,
        &crate::i18n::t1("site-title", "title", &page.title),
        None,
        Some(format!("/pages/{slug}")),
        Here::Elsewhere,
    )
    .await?;
    render_page(
        &SitePage {
            layout,
            title: typeset(&page.title),
            body: views::blocks(&blocks, &figures),
            updated: page
                .updated_at
                .map(|at| (dates::paris_date(at), dates::iso(at))),
        },
        Deps::new([Key::Pages, Key::Nav]),
    )
}
