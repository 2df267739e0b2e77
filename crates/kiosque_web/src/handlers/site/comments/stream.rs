//! `GET /articles/{id}/commentaires/flux`: newly published comments as server-sent events.

use std::collections::{HashSet, VecDeque};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::sse::Event;
use kiosque_domain::CommentId;
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;

use super::common::{mode_now, parse_id, published_article};
use super::menu::Viewer;
use crate::auth::MaybeMember;
use crate::comment_feed::{Batch, Watch};
use crate::extract::ClientIp;
use crate::pages::CommentItem;
use crate::stream_limits::StreamSlot;
use crate::views;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StreamQuery {
    /// Read as text: a malformed value means "from the start", not a bare 400.
    depuis: String,
    /// When the page was rendered (unix ms); comments shown since then are sent whatever
    /// their id (approved after newer ones).
    vu: String,
}

/// `GET /articles/{id}/commentaires/flux`: server-sent events, one `comment` event per newly
/// published comment (its rendered HTML), starting after `depuis`. New comments come from the
/// node's one read per change and article (`comment_feed.rs`), not from a query per stream.
pub async fn stream(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    maybe: MaybeMember,
    Path(id): Path<String>,
    Query(q): Query<StreamQuery>,
) -> Result<axum::response::Response, AppError> {
    let article_id = parse_id(&id)?;
    // Before any query: a client past its share of streams costs nothing more.
    let slot = state
        .stream_limits()
        .open(client)
        .inspect_err(|_| state.metrics().load.refused("streams"))?;
    let article = published_article(&state, article_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Each comment arrives with the actions this reader has under it (their own comment from
    // another tab: "Modifier · Supprimer").
    let viewer = Viewer::of(
        maybe.member.as_ref(),
        article_id,
        mode_now(&state, &article).await?,
        state.config().comment_edit_window_ms,
    );
    let last = CommentId(q.depuis.trim().parse::<i64>().unwrap_or(0).max(0));
    let watch = state
        .live()
        .feed()
        .watch(article_id, last)
        .ok_or_else(|| AppError::Internal("comment feed poisoned".into()))?;
    let feed = Feed {
        viewer,
        closing: state.live().closing(),
        watch,
        _slot: slot,
        state,
        article_id,
        last,
        shown_since: q
            .vu
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|v| *v > 0)
            .unwrap_or_else(|| chrono::Utc::now().timestamp_millis()),
        sent: HashSet::new(),
        queue: VecDeque::new(),
        first: true,
    };
    let stream = futures_util::stream::unfold(feed, |mut f| async move {
        let ev = f.next_event().await?;
        Some((Ok(ev), f))
    });
    Ok(crate::respond::event_stream(stream))
}

/// One reader's feed of an article's comments.
struct Feed {
    viewer: Viewer,
    closing: tokio::sync::watch::Receiver<bool>,
    state: AppState,
    watch: Watch,
    _slot: StreamSlot,
    article_id: kiosque_domain::ArticleId,
    last: CommentId,
    /// Comments shown (approved) after the page was rendered are sent too, whatever
    /// their id.
    shown_since: i64,
    sent: HashSet<CommentId>,
    queue: VecDeque<Event>,
    first: bool,
}

impl Feed {
    /// The next event to send; `None` once the server closes or the announcements stop.
    async fn next_event(&mut self) -> Option<Event> {
        loop {
            if let Some(ev) = self.queue.pop_front() {
                return Some(ev);
            }
            if *self.closing.borrow() {
                return None;
            }
            if self.first {
                // What was published between the page's render and this connection: the one
                // read this stream makes alone.
                self.first = false;
                self.look().await;
                continue;
            }
            let received = tokio::select! {
                r = self.watch.rx.recv() => r,
                _ = self.closing.changed() => return None,
            };
            match received {
                Ok(batch) => self.pick(&batch),
                // This reader fell behind the shared channel: it reads its own, once.
                Err(RecvError::Lagged(_)) => self.look().await,
                Err(RecvError::Closed) => return None,
            }
        }
    }

    /// Queues the comments published since the last look, read for this stream alone.
    async fn look(&mut self) {
        let rows = match self
            .state
            .store()
            .comments_after(self.article_id, self.last, self.shown_since)
            .await
        {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = %e, "live comments");
                return;
            }
        };
        for c in &rows {
            self.queue_comment(c);
        }
    }

    /// Queues, from a read shared by every stream of the article, what this page lacks: the
    /// same choice `comments_after` makes in the database.
    fn pick(&mut self, batch: &Batch) {
        for (c, shown_at) in batch.iter() {
            if c.id > self.last || *shown_at >= self.shown_since {
                self.queue_comment(c);
            }
        }
    }

    fn queue_comment(&mut self, c: &kiosque_store::CommentRow) {
        self.last = self.last.max(c.id);
        if !self.sent.insert(c.id) {
            return;
        }
        // A comment that cannot be rendered is logged and not sent: an empty fragment
        // would show readers a blank comment.
        let mut view = views::comment(c);
        let html = match self.viewer.actions_for(c).and_then(|actions| {
            view.actions = Some(actions);
            CommentItem { c: &view }.render()
        }) {
            Ok(html) => html,
            Err(e) => {
                tracing::error!(comment = c.id.get(), error = %e, "live comment not rendered");
                return;
            }
        };
        let data = serde_json::json!({ "id": c.id, "parent_id": c.parent_id, "html": html });
        self.queue.push_back(
            Event::default()
                .event("comment")
                .id(c.id.to_string())
                .data(data.to_string()),
        );
    }
}
