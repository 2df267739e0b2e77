//! `GET /admin/videos`: the list of videos, newest first.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kiosque_domain::typography::french;
use kiosque_store::VideoAdminRow;
use serde::Deserialize;

use super::checks::{embed_host, format_duration};
use super::form::require_media;
use crate::handlers::newsroom::articles::{AdminNav, Newsroom};
use crate::handlers::newsroom::when;
use crate::layout::layout;
use crate::respond::personal;
use crate::views::{Here, Pagination};
use crate::{AppError, AppState};

/// Videos per page of the list.
const PER_PAGE: i64 = 30;

pub struct VideoRowView {
    pub id: i64,
    pub title: String,
    /// The poster's smallest variant, when the poster is in the media library.
    pub poster: Option<String>,
    /// The video's own day, when the newsroom gave it.
    pub day: String,
    pub section: String,
    pub duration: String,
    pub source: String,
    pub published: String,
    pub public_path: String,
}

fn source_label(v: &VideoAdminRow) -> String {
    match (&v.file_path, &v.embed_url) {
        (Some(f), _) if f.ends_with(".webm") => crate::i18n::t("nr-videos-webm"),
        (Some(_), _) => crate::i18n::t("nr-videos-mp4"),
        (None, Some(u)) => crate::i18n::t1("nr-videos-link", "host", &embed_host(u)),
        (None, None) => crate::i18n::t("nr-videos-archive"),
    }
}

#[derive(Template)]
#[template(path = "admin/videos.html")]
pub struct VideosPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub rows: Vec<VideoRowView>,
    pub total: i64,
    pub pagination: Pagination,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    page: Option<String>,
}

/// `GET /admin/videos`: every video, newest first.
pub async fn list(
    State(state): State<AppState>,
    n: Newsroom,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    require_media(&n)?;
    let page = crate::handlers::site::page_number(q.page.as_deref())?;
    let (rows, total) = state
        .store()
        .admin_videos((page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    if page > 1 && rows.is_empty() {
        return Err(AppError::NotFound);
    }
    let posters: Vec<String> = rows
        .iter()
        .filter_map(|v| v.poster.as_ref().map(|p| p.path.clone()))
        .collect();
    let thumbs: std::collections::HashMap<String, String> = state
        .store()
        .media_by_paths(&posters)
        .await?
        .into_iter()
        .map(|m| {
            let thumb = m
                .variants
                .iter()
                .min_by_key(|(w, _)| *w)
                .map_or(m.path.clone(), |(_, p)| p.clone());
            (format!("/{}", m.path), format!("/media/{thumb}"))
        })
        .collect();
    let rows = rows
        .iter()
        .map(|v| VideoRowView {
            id: v.id,
            title: french(&v.title),
            poster: v
                .poster
                .as_ref()
                .and_then(|p| thumbs.get(&format!("/{}", p.path.trim_start_matches('/'))))
                .cloned(),
            day: v
                .details
                .recorded_at
                .map(kiosque_domain::dates::paris_date)
                .unwrap_or_default(),
            // No section or duration: the list shows nothing in that column.
            section: v.section.as_ref().map(|s| s.1.clone()).unwrap_or_default(),
            duration: v.duration_seconds.map(format_duration).unwrap_or_default(),
            source: source_label(v),
            published: when(v.published_at),
            public_path: v.path(),
        })
        .collect();
    let page = VideosPage {
        layout: layout(
            &state,
            &crate::i18n::t("nr-title-videos"),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        nav: AdminNav::of(&n.member, "videos"),
        rows,
        total,
        pagination: Pagination::new("/admin/videos", page, total, PER_PAGE),
    };
    Ok(personal(StatusCode::OK, n.jar, page.render()?))
}
