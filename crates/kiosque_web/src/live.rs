//! Live updates: a follower of the change log announces which articles' threads changed, and
//! each open server-sent-events stream sends its reader the comments that appeared since.

use kiosque_domain::change::Key;
use tokio::sync::broadcast;

pub struct Live {
    threads: broadcast::Sender<i64>,
    /// Set when the server shuts down: open streams end, so graceful shutdown does not wait on
    /// readers who keep a page open.
    closing: tokio::sync::watch::Sender<bool>,
}

impl Live {
    pub fn new() -> Self {
        let (threads, _) = broadcast::channel(1024);
        let (closing, _) = tokio::sync::watch::channel(false);
        Live { threads, closing }
    }

    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Called by the follower for every `comments:{article}` key it sees.
    pub fn thread_changed(&self, article_id: i64) {
        // No receiver is fine: nobody is watching.
        let _ = self.threads.send(article_id);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.threads.subscribe()
    }

    /// Comment streams open on this node.
    pub fn streams(&self) -> usize {
        self.threads.receiver_count()
    }
}

/// Follows the change log for the live streams: each thread a change touched
/// ([`Key::Comments`]) is announced to the streams open on its article.
pub async fn follow(live: std::sync::Arc<Live>, store: kiosque_store::Store, cursor: i64) {
    kiosque_jobs::follow::follow(store, "live comments", cursor, move |changes| {
        for key in changes.iter().flat_map(|c| &c.keys) {
            if let Key::Comments(article) = key {
                live.thread_changed(article.get());
            }
        }
        std::future::ready(Ok::<(), std::convert::Infallible>(()))
    })
    .await;
}
