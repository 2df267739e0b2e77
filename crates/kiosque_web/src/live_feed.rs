//! The live blogs' streams on one node. A follower of the change log sees `Key::Live(article)`
//! and, if some reader on this node watches that live blog, reads what changed since the last
//! rev it knows — once, for everyone — renders it once, and sends the result on one broadcast
//! channel; every open stream only forwards the shared bytes. So a post costs each node one
//! query and one render, whether ten readers or ten thousand have the page open. The number of
//! open streams is bounded (a semaphore): past it, a reader gets 503 and keeps the page's
//! reload link.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use askama::Template;
use kiosque_domain::change::Key;
use kiosque_domain::ArticleId;
use kiosque_store::LivePost;
use tokio::sync::broadcast;

use crate::error::AppError;
use crate::live_render::{key_points, post_views, EssentialsFragment, PostFragment};

/// What rendering a post needs: the store (its library images and stored files).
#[derive(Clone)]
pub struct Renderer {
    pub store: kiosque_store::Store,
}

/// What changed on one live blog, rendered: the `data` of a `posts` event, shared by every
/// stream open on it.
pub struct Batch {
    pub article: i64,
    /// The live blog's rev after these changes.
    pub rev: i64,
    pub data: Arc<str>,
}

struct Watched {
    rev: i64,
    streams: usize,
}

pub struct LiveFeed {
    tx: broadcast::Sender<Arc<Batch>>,
    watched: Mutex<HashMap<i64, Watched>>,
}

/// A stream's registration: its receiver and its place in the watch count (given back when the
/// stream ends). How many streams a node and an address hold is bounded before, by
/// `stream_limits.rs`, for the comment and the live-blog streams alike.
pub struct Watch {
    pub rx: broadcast::Receiver<Arc<Batch>>,
    feed: Arc<LiveFeed>,
    article: i64,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Ok(mut w) = self.feed.watched.lock() {
            if let Some(entry) = w.get_mut(&self.article) {
                entry.streams = entry.streams.saturating_sub(1);
                if entry.streams == 0 {
                    w.remove(&self.article);
                }
            }
        }
    }
}

impl Default for LiveFeed {
    fn default() -> Self {
        let (tx, _) = broadcast::channel(256);
        LiveFeed {
            tx,
            watched: Mutex::new(HashMap::new()),
        }
    }
}

impl LiveFeed {
    /// Live-blog streams open on this node.
    pub fn streams(&self) -> usize {
        self.tx.receiver_count()
    }

    /// Registers a stream on a live blog whose rev is `current` (read by the caller); `None`
    /// only when the registry's lock was poisoned by a panic.
    pub fn watch(self: &Arc<Self>, article: ArticleId, current: i64) -> Option<Watch> {
        // Subscribed before the registration: nothing the follower sends after it is missed.
        let rx = self.tx.subscribe();
        let mut w = self.watched.lock().ok()?;
        w.entry(article.get())
            .or_insert(Watched {
                rev: current,
                streams: 0,
            })
            .streams += 1;
        Some(Watch {
            rx,
            feed: self.clone(),
            article: article.get(),
        })
    }

    fn watched_rev(&self, article: i64) -> Option<i64> {
        self.watched.lock().ok()?.get(&article).map(|w| w.rev)
    }

    /// Reads, renders and sends what changed on a watched live blog since the rev this node
    /// last sent.
    /// `false` when nobody on this node watches it (nothing read).
    async fn refresh(&self, r: &Renderer, article: ArticleId) -> Result<bool, AppError> {
        let Some(since) = self.watched_rev(article.get()) else {
            return Ok(false);
        };
        let Some((rev, data)) = changes_since(r, article, since).await? else {
            return Ok(true);
        };
        if let Ok(mut w) = self.watched.lock() {
            if let Some(entry) = w.get_mut(&article.get()) {
                entry.rev = entry.rev.max(rev);
            }
        }
        // No receiver is fine: the last reader just left.
        let _ = self.tx.send(Arc::new(Batch {
            article: article.get(),
            rev,
            data: data.into(),
        }));
        Ok(true)
    }
}

/// The `posts` event of everything that changed on a live blog after `since`: the posts
/// (rendered, or marked deleted), "L'essentiel" as it is now, and whether the live blog was
/// closed. `None` when the article is no longer a live blog.
pub async fn changes_since(
    r: &Renderer,
    article: ArticleId,
    since: i64,
) -> Result<Option<(i64, String)>, AppError> {
    let store = &r.store;
    let Some(blog) = store.live_blog(article).await? else {
        return Ok(None);
    };
    let changed = store.live_changes_since(article, since).await?;
    let points = store.live_key_points(article).await?;
    Ok(Some((
        blog.rev,
        render_changes(r, &changed, &points, &blog).await?,
    )))
}

async fn render_changes(
    r: &Renderer,
    changed: &[LivePost],
    points: &[LivePost],
    blog: &kiosque_store::LiveBlog,
) -> Result<String, AppError> {
    let coverage_start = blog.coverage_start;
    let (views, _) = post_views(&r.store, changed, coverage_start).await?;
    let mut posts = Vec::with_capacity(changed.len());
    for (post, view) in changed.iter().zip(&views) {
        posts.push(if post.deleted {
            serde_json::json!({ "id": post.id, "rev": post.rev, "deleted": true })
        } else {
            serde_json::json!({
                "id": post.id,
                "rev": post.rev,
                "html": PostFragment { p: view }.render()?,
            })
        });
    }
    let essentials = EssentialsFragment {
        points: &key_points(points, coverage_start),
    }
    .render()?;
    Ok(serde_json::json!({
        "rev": blog.rev,
        "posts": posts,
        "essentials": essentials,
        "closed": (!blog.open).then(|| crate::i18n::t("live-closed")),
    })
    .to_string())
}

/// Follows the change log for the live blogs' streams: each live blog a change touched is
/// refreshed once per batch, if someone on this node watches it.
pub async fn follow(
    feed: Arc<LiveFeed>,
    renderer: Renderer,
    cursor: i64,
    metrics: Arc<crate::metrics::Metrics>,
) {
    let store = renderer.store.clone();
    kiosque_jobs::follow::follow(store, "live blogs", cursor, move |changes| {
        let (feed, r, metrics) = (feed.clone(), renderer.clone(), metrics.clone());
        async move {
            let mut blogs: Vec<ArticleId> = changes
                .iter()
                .flat_map(|c| &c.keys)
                .filter_map(|k| match k {
                    Key::Live(a) => Some(*a),
                    _ => None,
                })
                .collect();
            blogs.sort_unstable();
            blogs.dedup();
            for a in blogs {
                if feed.refresh(&r, a).await? {
                    metrics.load.stream_fetch("live_blog");
                }
            }
            Ok::<(), AppError>(())
        }
    })
    .await;
}
