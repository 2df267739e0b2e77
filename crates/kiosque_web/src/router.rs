//! Every route of the site, in one place.

use axum::http::{header, HeaderName, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use axum::middleware;

use crate::cache;
use crate::handlers::{ops, site};
use crate::AppState;

const STYLESHEET: &str = include_str!("../static/kiosque.css");

/// Strict by default: no inline script or style, nothing from other origins. Pages need nothing
/// more; a feature that does must say so here.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                   media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
                   frame-ancestors 'none'";

pub fn router(state: AppState) -> Router {
    let media = ServeDir::new(state.media_dir());
    // ---- the public site, behind the page cache
    let site = Router::new()
        .route("/", get(site::front::show))
        .route("/videos", get(site::video::index))
        .route("/videos/{file}", get(site::video::show))
        .route("/tag/{slug}", get(site::tag::show))
        .route("/{section}", get(site::section::show))
        .route("/{section}/{file}", get(site::article::show))
        .route_layer(middleware::from_fn_with_state(state.clone(), cache::layer));
    Router::new()
        // ---- operations
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        // ---- assets
        .route("/static/kiosque.css", get(stylesheet))
        .nest_service("/media", media)
        .merge(site)
        .fallback(crate::error::not_found)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .with_state(state)
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
}
