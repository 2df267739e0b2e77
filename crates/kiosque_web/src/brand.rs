//! The site's icons and brand images, built into the binary: the favicon (`/favicon.ico`, which
//! browsers ask for at that path whatever the page says), the SVG icon, the touch icon, the
//! card shown when a page without an image is shared (`og:image`) and the publisher logo of
//! the JSON-LD. They are drawn in `static/brand/*.svg` and rendered to PNG and ICO by
//! `scripts/render-brand.mjs`; the rendered files are committed, so a build needs no renderer.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::AppError;
use crate::AppState;

/// (path under `/static/`, content type, bytes).
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "icons/favicon.ico",
        "image/x-icon",
        include_bytes!("../static/icons/favicon.ico"),
    ),
    (
        "icons/icon.svg",
        "image/svg+xml",
        include_bytes!("../static/icons/icon.svg"),
    ),
    (
        "icons/apple-touch-icon.png",
        "image/png",
        include_bytes!("../static/icons/apple-touch-icon.png"),
    ),
    (
        "brand/og.png",
        "image/png",
        include_bytes!("../static/brand/og.png"),
    ),
    (
        "brand/logo.png",
        "image/png",
        include_bytes!("../static/brand/logo.png"),
    ),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/favicon.ico", get(|| async { file("icons/favicon.ico") }))
        // iOS asks for it at the root when a page names none (e.g. a feed or a PDF link).
        .route(
            "/apple-touch-icon.png",
            get(|| async { file("icons/apple-touch-icon.png") }),
        )
        .route(
            "/static/icons/{name}",
            get(|Path(name): Path<String>| async move { file(&format!("icons/{name}")) }),
        )
        .route(
            "/static/brand/{name}",
            get(|Path(name): Path<String>| async move { file(&format!("brand/{name}")) }),
        )
}

fn file(path: &str) -> Response {
    match FILES.iter().find(|(p, _, _)| *p == path) {
        Some((_, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                // They change only with a new release; a day is a fair compromise.
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            *bytes,
        )
            .into_response(),
        None => AppError::NotFound.into_response(),
    }
}
