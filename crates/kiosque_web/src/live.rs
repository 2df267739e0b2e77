//! Live updates: the change-log follower announces which articles' threads changed, and each
//! open server-sent-events stream sends its reader the comments that appeared since.

use tokio::sync::broadcast;

pub struct Live {
    threads: broadcast::Sender<i64>,
}

impl Live {
    pub fn new() -> Self {
        let (threads, _) = broadcast::channel(1024);
        Live { threads }
    }

    /// Called by the follower for every `comments:{article}` key it sees.
    pub fn thread_changed(&self, article_id: i64) {
        // No receiver is fine: nobody is watching.
        let _ = self.threads.send(article_id);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<i64> {
        self.threads.subscribe()
    }
}
