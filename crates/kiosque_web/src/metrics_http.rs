//! The operator's address (`kiosque serve --metrics-listen`): `/metrics` in the Prometheus text
//! format, and the health checks; and the middleware that counts every request of the site.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::cache::CacheOutcome;
use crate::metrics::{DatabaseFigures, Figures};
use crate::AppState;

/// Counts every request by its route's pattern (`/{section}/{file}`, never the URL itself, so
/// that the number of series stays bounded) and its status, and the cache's hits and misses.
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = req.method().clone();
    let (res, queries) = kiosque_store::count_queries(next.run(req)).await;
    state.metrics().observe_queries(&route, queries);
    state.metrics().observe(
        &route,
        &method,
        res.status(),
        started.elapsed().as_secs_f64(),
        res.extensions().get::<CacheOutcome>().copied(),
    );
    res
}

/// The operator's address: `/metrics`, and the health checks again for a probe that should not
/// go through the public listener.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .route("/healthz", get(crate::handlers::ops::healthz))
        .route("/readyz", get(crate::handlers::ops::readyz))
        .with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Response {
    let store = state.store();
    let (cache_entries, cache_bytes) = state.page_cache().usage();
    // Read before this scrape's own queries below.
    let db_acquires = store.queries_started();
    let (page_renders, fragment_renders) = state.page_cache().renders.totals();
    // The database's figures: a scrape still answers when it is down, saying so.
    let database = async {
        Ok::<_, kiosque_store::StoreError>(DatabaseFigures {
            last_change: store.last_change_id().await?,
            page_cache_at: state.page_cache().applied().await,
            mail: store.mail_queue_counts().await?,
            webhooks: store.webhook_queue_counts().await?,
        })
    }
    .await
    .inspect_err(|e| tracing::warn!(error = %e, "metrics: the database did not answer"))
    .ok();
    let figures = Figures {
        cache_entries,
        cache_bytes,
        comment_streams: state.live().streams(),
        live_blog_streams: state.live_feed().streams(),
        pool: store.pool_stats(),
        db_acquires,
        page_renders,
        fragment_renders,
        database,
    };
    match state.metrics().encode(&figures) {
        Ok(text) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
            )],
            text,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "metrics could not be encoded");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
