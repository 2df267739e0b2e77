//! Live updates: a follower of the change log sees which articles' threads changed, reads
//! each one's new comments once for every stream open on it (`comment_feed.rs`), and each open
//! server-sent-events stream sends its reader the comments its page lacks.

use std::collections::BTreeMap;
use std::sync::Arc;

use kiosque_domain::change::Key;
use kiosque_domain::{ArticleId, CommentId};

use crate::comment_feed::CommentFeed;

pub struct Live {
    feed: Arc<CommentFeed>,
    /// Set when the server shuts down: open streams end, so graceful shutdown does not wait on
    /// readers who keep a page open.
    closing: tokio::sync::watch::Sender<bool>,
}

impl Live {
    pub fn new() -> Self {
        let (closing, _) = tokio::sync::watch::channel(false);
        Live {
            feed: Arc::default(),
            closing,
        }
    }

    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// The comment streams' shared reads.
    pub fn feed(&self) -> &Arc<CommentFeed> {
        &self.feed
    }

    /// Comment streams open on this node.
    pub fn streams(&self) -> usize {
        self.feed.streams()
    }
}

/// Follows the change log for the live streams: each thread a change touched
/// ([`Key::Comments`]) is read once per batch of changes, if some stream on this node watches
/// it.
pub async fn follow(
    live: Arc<Live>,
    store: kiosque_store::Store,
    cursor: i64,
    metrics: Arc<crate::metrics::Metrics>,
) {
    let reader = store.clone();
    kiosque_jobs::follow::follow(store, "live comments", cursor, move |changes| {
        // Each touched thread, with the comments its changes named.
        let mut threads: BTreeMap<ArticleId, Vec<CommentId>> = BTreeMap::new();
        for change in &changes {
            let named: Vec<CommentId> = change
                .keys
                .iter()
                .filter_map(|k| match k {
                    Key::Comment(id) => Some(*id),
                    _ => None,
                })
                .collect();
            for k in &change.keys {
                if let Key::Comments(a) = k {
                    threads.entry(*a).or_default().extend(&named);
                }
            }
        }
        let (live, store, metrics) = (live.clone(), reader.clone(), metrics.clone());
        async move {
            for (article, named) in threads {
                if live.feed.refresh(&store, article, &named).await? {
                    metrics.load.stream_fetch("comments");
                }
            }
            Ok::<(), kiosque_store::StoreError>(())
        }
    })
    .await;
}
