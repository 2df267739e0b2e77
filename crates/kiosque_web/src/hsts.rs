//! `Strict-Transport-Security` when the site's public URL is https: browsers then never try
//! plain http again (no downgrade, no cookie sent in clear). Not sent on an http site (local
//! runs), nor on a request a trusted proxy says came over plain http (RFC 6797 §7.2).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// A year; no `includeSubDomains`, which would bind every other host of the newspaper's domain.
const HSTS: &str = "max-age=31536000";

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let secure_site = state.config().secure_cookies();
    let over_http = secure_site
        && req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .and_then(|c| {
                state
                    .config()
                    .trusted_proxies
                    .https(c.0.ip(), req.headers())
            })
            == Some(false);
    let mut res = next.run(req).await;
    if secure_site && !over_http {
        res.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    res
}
