//! A bounded queue in front of rendering. Pages the cache answers cost microseconds; a page
//! rendered costs milliseconds and database connections, so past some number of renders at once
//! more of them only make every one slower. At most `rendering` requests run their handler at
//! the same time, at most `render_queue` wait for a place and none longer than `render_wait`;
//! the others get 503 with `Retry-After: 1` at once (a short page, or the API's JSON error),
//! and the node keeps answering cached pages, assets and health checks meanwhile: they never
//! pass through here (see the router). Only reads (GET, HEAD) wait here: a form or an upload
//! arrives at its sender's pace, and holding a place while a slow client sends its body would
//! let that client stop the node's rendering; writes are bounded by the rate limits and the
//! database pool instead.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{ApiError, AppError};
use crate::load::LoadLimits;

pub struct Overload {
    /// `None`: no bound.
    permits: Option<Arc<Semaphore>>,
    waiting: AtomicUsize,
    queue: usize,
    wait: Duration,
    metrics: Arc<crate::metrics::Metrics>,
}

impl Overload {
    pub fn new(limits: &LoadLimits, metrics: Arc<crate::metrics::Metrics>) -> Self {
        Overload {
            metrics,
            permits: (limits.rendering > 0).then(|| Arc::new(Semaphore::new(limits.rendering))),
            waiting: AtomicUsize::new(0),
            queue: limits.render_queue,
            wait: limits.render_wait,
        }
    }
}

/// One place in the waiting line, left when the wait ends, however it ends (the client may
/// hang up while it waits).
struct InLine<'a>(&'a AtomicUsize);

impl Drop for InLine<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Overload {
    /// A place to render (`None` when there is no bound), or `Err` when the node is at
    /// capacity: the waiting line is full, or the wait was too long.
    async fn enter(&self) -> Result<Option<OwnedSemaphorePermit>, ()> {
        let Some(permits) = &self.permits else {
            return Ok(None);
        };
        if let Ok(p) = permits.clone().try_acquire_owned() {
            return Ok(Some(p));
        }
        let line = InLine(&self.waiting);
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.queue {
            return Err(());
        }
        let got = tokio::time::timeout(self.wait, permits.clone().acquire_owned()).await;
        drop(line);
        match got {
            Ok(Ok(p)) => Ok(Some(p)),
            _ => Err(()),
        }
    }
}

/// The middleware: waits for a place to render, or refuses at once.
pub async fn layer(State(o): State<Arc<Overload>>, req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let Ok(place) = o.enter().await else {
        return refuse(&o, &req);
    };
    let res = next.run(req).await;
    drop(place);
    res
}

fn refuse(o: &Overload, req: &Request) -> Response {
    o.metrics.load.refused("render");
    if req.uri().path().starts_with("/api/") {
        ApiError(AppError::Overloaded).into_response()
    } else {
        AppError::Overloaded.into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(rendering: usize, queue: usize, wait_ms: u64) -> Overload {
        Overload::new(
            &LoadLimits {
                rendering,
                render_queue: queue,
                render_wait: Duration::from_millis(wait_ms),
                ..LoadLimits::default()
            },
            Arc::default(),
        )
    }

    #[tokio::test]
    async fn past_the_places_and_the_line_the_answer_is_immediate() {
        let o = bound(1, 0, 10_000);
        let held = o.enter().await.expect("a place");
        let start = std::time::Instant::now();
        assert!(o.enter().await.is_err());
        assert!(
            start.elapsed() < Duration::from_millis(500),
            "refused at once"
        );
        drop(held);
        assert!(o.enter().await.is_ok(), "a place given back is taken again");
    }

    #[tokio::test]
    async fn a_request_waits_its_turn_but_not_for_long() {
        let o = Arc::new(bound(1, 4, 50));
        let held = o.enter().await.expect("a place");
        let start = std::time::Instant::now();
        assert!(o.enter().await.is_err(), "no place within the wait");
        assert!(start.elapsed() >= Duration::from_millis(50));
        assert_eq!(o.waiting.load(Ordering::Acquire), 0, "the line is left");
        // A place freed during the wait is taken.
        let waiter = {
            let o = o.clone();
            tokio::spawn(async move { o.enter().await.is_ok() })
        };
        tokio::time::sleep(Duration::from_millis(10)).await;
        drop(held);
        assert!(waiter.await.expect("task"));
    }

    #[tokio::test]
    async fn no_bound_lets_everything_through() {
        let o = bound(0, 0, 0);
        let a = o.enter().await;
        let b = o.enter().await;
        assert!(a.is_ok() && b.is_ok());
    }
}
