//! The page a browser gets when the node is at capacity (503, `Retry-After: 1`), apart from
//! the bounds that answer it (`overload.rs`, `stream_limits.rs`), so the error mapping can use it.

use std::sync::OnceLock;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// The page a browser gets when the node is at capacity: rendered once (the language is fixed
/// for the life of the process), so refusing costs no rendering.
pub(crate) fn busy_page() -> Response {
    static PAGE: OnceLock<String> = OnceLock::new();
    let html = PAGE.get_or_init(|| {
        use askama::Template;
        crate::pages::ErrorPage::new(
            &crate::i18n::t("site-error-busy"),
            &crate::i18n::t("site-error-busy-text"),
        )
        .render()
        .unwrap_or_else(|_| crate::i18n::t("site-error-busy"))
    });
    let mut res = (StatusCode::SERVICE_UNAVAILABLE, html.clone()).into_response();
    let h = res.headers_mut();
    use axum::http::{header, HeaderValue};
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    res
}
