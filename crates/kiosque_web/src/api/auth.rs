//! API keys: the middleware that checks them on every request (and the read scope on the
//! read-only routes), and the making of new ones.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use kiosque_domain::api_scope::Scope;

use super::caller::Caller;
use super::write_error::WriteError;
use crate::error::ApiError;
use crate::{AppError, AppState};

/// Checks the bearer key, counts the request against the key's quota, and notes its use.
pub(super) async fn require_key(
    State(state): State<AppState>,
    crate::extract::ClientIp(ip): crate::extract::ClientIp,
    req: Request,
    next: Next,
) -> Response {
    // A refused key counts against the address: guessing keys, or a broken client looping,
    // gets 429 after a while instead of a database lookup per request for ever.
    async fn refuse(state: &AppState, ip: std::net::IpAddr) -> Response {
        match state.limits().check_api_bad_key(ip).await {
            Ok(()) => ApiError(AppError::Unauthorized).into_response(),
            Err(e) => ApiError::from(e).into_response(),
        }
    }
    let key = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200);
    let Some(key) = key else {
        return refuse(&state, ip).await;
    };
    let caller = match state
        .store()
        .api_caller(&crate::auth::hash_secret(key))
        .await
    {
        Ok(Some(caller)) => caller,
        Ok(None) => return refuse(&state, ip).await,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let id = caller.key_id;
    if let Err(e) = state.limits().check_api(id).await {
        return ApiError::from(e).into_response();
    }
    state.note_api_key_use(id);
    let mut req = req;
    req.extensions_mut().insert(Caller(caller));
    let mut res = next.run(req).await;
    // Answers depend on the key (and may be refused to another): no shared caches.
    res.headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("private, max-age=0"));
    res
}

/// The read-only routes need `content:read`; a key made for writing only is refused there.
pub(super) async fn require_read(req: Request, next: Next) -> Response {
    let allowed = req
        .extensions()
        .get::<Caller>()
        .is_some_and(|c| c.0.scopes.has(Scope::ContentRead));
    if !allowed {
        return WriteError::scope(Scope::ContentRead).into_response();
    }
    next.run(req).await
}

/// A new API key: what is shown once to the admin, and what is stored (hash, prefix).
pub fn new_key() -> (String, String, String) {
    let key = format!("kq_{}", crate::auth::random_token());
    let hash = crate::auth::hash_secret(&key);
    let prefix = key.chars().take(11).collect();
    (key, hash, prefix)
}
