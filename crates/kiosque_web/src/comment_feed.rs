//! The live comment streams' fan-out on one node. When a thread changes, the follower of the
//! change log reads the new comments of that article once, if some stream on this node watches
//! it, and sends the rows on the article's own broadcast channel; each stream then picks what
//! its page lacks and renders it with its reader's actions (rendering needs no database). So a
//! comment costs each node one query, whether two readers or two thousand have the article open.
//! An article's channel is made with its first stream and dropped with its last.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use kiosque_domain::{ArticleId, CommentId};
use kiosque_store::{CommentRow, Store, StoreError};
use tokio::sync::broadcast;

/// New comments read by one query; a fuller read is followed by another.
const READ_LIMIT: usize = 200;

/// Comments read in one go, each with when it was shown (unix ms).
pub type Batch = Arc<Vec<(CommentRow, i64)>>;

struct Hub {
    tx: broadcast::Sender<Batch>,
    /// The newest comment id read so far.
    last: CommentId,
    streams: usize,
}

#[derive(Default)]
pub struct CommentFeed {
    hubs: Mutex<HashMap<i64, Hub>>,
}

/// A stream's registration on its article: dropped with the stream.
pub struct Watch {
    pub rx: broadcast::Receiver<Batch>,
    feed: Arc<CommentFeed>,
    article: i64,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Ok(mut hubs) = self.feed.hubs.lock() {
            if let Some(hub) = hubs.get_mut(&self.article) {
                hub.streams = hub.streams.saturating_sub(1);
                if hub.streams == 0 {
                    hubs.remove(&self.article);
                }
            }
        }
    }
}

impl CommentFeed {
    /// Registers a stream whose page has the comments up to `last`. Call it before the
    /// stream's own first read: whatever is published after that read reaches it here.
    pub fn watch(self: &Arc<Self>, article: ArticleId, last: CommentId) -> Option<Watch> {
        let mut hubs = self.hubs.lock().ok()?;
        let hub = hubs.entry(article.get()).or_insert_with(|| Hub {
            tx: broadcast::channel(64).0,
            last,
            streams: 0,
        });
        hub.streams += 1;
        // A stream that starts further back than the others widens the next read.
        hub.last = hub.last.min(last);
        Some(Watch {
            rx: hub.tx.subscribe(),
            feed: self.clone(),
            article: article.get(),
        })
    }

    /// Comment streams open on this node.
    pub fn streams(&self) -> usize {
        self.hubs
            .lock()
            .map_or(0, |h| h.values().map(|hub| hub.streams).sum())
    }

    /// Reads what is new on a watched article, once, and hands it to its streams; `false`
    /// when nobody on this node watches it (nothing read). `named` are the comments the
    /// changes touched: one approved after newer ones were published is found among them,
    /// whatever its id (the change log says which; no clock is compared).
    pub async fn refresh(
        &self,
        store: &Store,
        article: ArticleId,
        named: &[CommentId],
    ) -> Result<bool, StoreError> {
        let Some(mut last) = self
            .hubs
            .lock()
            .ok()
            .and_then(|h| h.get(&article.get()).map(|hub| hub.last))
        else {
            return Ok(false);
        };
        let mut older: Vec<CommentId> = named.iter().copied().filter(|id| *id <= last).collect();
        loop {
            let rows = store.comments_shown_after(article, last, &older).await?;
            older.clear();
            let new = rows.iter().filter(|(c, _)| c.id > last).count();
            if let Some(newest) = rows.iter().map(|(c, _)| c.id).max() {
                last = last.max(newest);
            }
            let Ok(mut hubs) = self.hubs.lock() else {
                return Ok(true);
            };
            let Some(hub) = hubs.get_mut(&article.get()) else {
                return Ok(true);
            };
            hub.last = hub.last.max(last);
            if !rows.is_empty() {
                // No receiver is fine: the last reader just left.
                let _ = hub.tx.send(Arc::new(rows));
            }
            if new < READ_LIMIT {
                return Ok(true);
            }
        }
    }
}
