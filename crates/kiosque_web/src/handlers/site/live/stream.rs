//! `GET /direct/{id}/flux`: a live blog's changes as server-sent events. A `posts` event
//! carries what changed (new and edited posts rendered, deleted ones named, "L'essentiel" as it
//! is, whether the live blog closed). On connection the stream first sends what changed since
//! the page's rev (`?depuis=`), then forwards the node's shared batches (`live_feed.rs`): no
//! query per stream and change.

use std::convert::Infallible;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::sse::Event;
use axum::response::{IntoResponse, Response};
use kiosque_domain::{ArticleId, ArticleStatus};
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;

use crate::live_feed::{changes_since, Renderer, Watch};
use crate::{AppError, AppState};

/// Changes a new stream replays at most.
const CATCH_UP: i64 = 100;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StreamQuery {
    /// Read as text: a malformed value means "from now", not a bare 400.
    depuis: String,
}

pub async fn stream(
    State(state): State<AppState>,
    crate::extract::ClientIp(client): crate::extract::ClientIp,
    Path(id): Path<String>,
    Query(q): Query<StreamQuery>,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    let id: ArticleId = id.parse().map_err(|_| AppError::NotFound)?;
    // Before any query: a client past its share of streams costs nothing more.
    let slot = state
        .stream_limits()
        .open(client)
        .inspect_err(|_| state.metrics().load.refused("streams"))?;
    let store = state.store();
    let article = store.article_meta(id).await?.ok_or(AppError::NotFound)?;
    if article.status != ArticleStatus::Published {
        return Err(AppError::NotFound);
    }
    let blog = store.live_blog(id).await?.ok_or(AppError::NotFound)?;
    let Some(watch) = state.live_feed().watch(id, blog.rev) else {
        // The registry is out of order: the reader keeps the page and its reload link.
        let mut res = axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
        return Ok(res);
    };
    // A browser that reconnects names the last event it got (its rev), newer than the page's.
    // Without a usable rev the reader starts from now. The catch-up is the only work a stream
    // does alone, so it is bounded: a page more than CATCH_UP changes behind gets the latest
    // CATCH_UP (its "older posts" and a reload give the rest), whatever rev it names.
    let since = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or(&q.depuis)
        .trim()
        .parse::<i64>()
        .map_or(blog.rev, |r| r.clamp(blog.rev - CATCH_UP, blog.rev));
    let feed = Feed {
        watch,
        _slot: slot,
        renderer: state.live_renderer(),
        closing: state.live().closing(),
        article: id,
        rev: since,
        first: true,
    };
    let stream = futures_util::stream::unfold(feed, |mut f| async move {
        let ev = f.next_event().await?;
        Some((Ok::<_, Infallible>(ev), f))
    });
    Ok(crate::respond::event_stream(stream))
}

/// One reader's stream.
struct Feed {
    watch: Watch,
    /// This reader's place among the streams of its address and of the node.
    _slot: crate::stream_limits::StreamSlot,
    renderer: Renderer,
    closing: tokio::sync::watch::Receiver<bool>,
    article: ArticleId,
    /// The newest rev this reader has.
    rev: i64,
    first: bool,
}

impl Feed {
    /// The next event; `None` once the server closes.
    async fn next_event(&mut self) -> Option<Event> {
        loop {
            if *self.closing.borrow() {
                return None;
            }
            if self.first {
                self.first = false;
                // What changed between the page's render and this connection.
                if let Some(ev) = self.catch_up().await {
                    return Some(ev);
                }
                continue;
            }
            let received = tokio::select! {
                r = self.watch.rx.recv() => r,
                _ = self.closing.changed() => return None,
            };
            match received {
                Ok(batch) if batch.article == self.article.get() && batch.rev > self.rev => {
                    self.rev = batch.rev;
                    return Some(posts_event(&batch.data, batch.rev));
                }
                Ok(_) => {}
                // This reader fell behind the shared channel: it reads its own catch-up, once.
                Err(RecvError::Lagged(_)) => {
                    if let Some(ev) = self.catch_up().await {
                        return Some(ev);
                    }
                }
                Err(RecvError::Closed) => return None,
            }
        }
    }

    /// Everything after this reader's rev, if anything changed.
    async fn catch_up(&mut self) -> Option<Event> {
        match changes_since(&self.renderer, self.article, self.rev).await {
            Ok(Some((rev, data))) if rev > self.rev => {
                self.rev = rev;
                Some(posts_event(&data, rev))
            }
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(error = %e, "live blog catch-up");
                None
            }
        }
    }
}

fn posts_event(data: &str, rev: i64) -> Event {
    Event::default()
        .event("posts")
        .id(rev.to_string())
        .data(data)
}
