//! Health and readiness endpoints for load balancers and orchestrators.

use axum::extract::State;
use axum::http::StatusCode;

use crate::AppState;

/// The process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// How long the media store may take to answer the readiness probe.
const MEDIA_PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// The process can serve: its database answers, and so does its media store (one cheap
/// listing, bounded in time), without which pages would show images no one can load.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if let Err(e) = state.store().ping().await {
        tracing::warn!(error = %e, "not ready");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable");
    }
    match state.media().probe(MEDIA_PROBE_TIMEOUT).await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "not ready: the media store does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "media store unavailable")
        }
    }
}
