//! Extractors shared by every area of the site: the client's address, the logged-in member
//! a page requires, and a form that carries only its CSRF token.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use crate::auth::{MaybeMember, Member};
use crate::{AppError, AppState};

/// The client's address (for rate limits), from the connection, or from the forwarding
/// headers when the connection comes from a trusted proxy (`--trusted-proxy`).
///
/// A request without one is refused: the server is always served with connection info, so
/// its absence is a wiring fault, and defaulting it would put every such client in one shared
/// rate-limit bucket.
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match parts.extensions.get::<ConnectInfo<SocketAddr>>() {
            Some(c) => Ok(ClientIp(
                state
                    .config()
                    .trusted_proxies
                    .client(c.0.ip(), &parts.headers),
            )),
            None => Err(AppError::Internal(
                "the client's address is unknown: serve the router with connection info".into(),
            )),
        }
    }
}

/// A logged-in member, or a redirect to the log-in page that comes back here.
pub struct RequireMember(pub Member, pub CookieJar);

impl FromRequestParts<AppState> for RequireMember {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let maybe = MaybeMember::from_request_parts(parts, state).await?;
        match maybe.member {
            Some(m) => Ok(RequireMember(m, maybe.jar)),
            None => Err(AppError::LoginRequired(
                parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_else(|| "/".into()),
            )),
        }
    }
}

/// A form whose only field is its CSRF token (resend a mail, log out, delete).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CsrfForm {
    pub csrf: String,
}
