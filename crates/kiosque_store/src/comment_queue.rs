//! Comments waiting for the next group commit on SQLite (`comment_post.rs` says why and how).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use kiosque_domain::comment::CommentStatus;
use kiosque_domain::{ArticleId, CommentId, UserId};
use tokio::sync::oneshot;

use crate::comment_row::CommentRow;
use crate::StoreError;

type Result<T> = std::result::Result<T, StoreError>;

/// Comments committed together at most: a transaction stays short even under a flood.
const MAX_BATCH: usize = 256;

/// A comment to store, as its poster gave it.
#[derive(Debug, Clone)]
pub(crate) struct NewComment {
    pub article_id: ArticleId,
    pub author_id: UserId,
    pub parent_id: Option<CommentId>,
    pub body: String,
    pub status: CommentStatus,
}

pub(crate) struct Waiting {
    ticket: u64,
    pub comment: NewComment,
    pub reply: oneshot::Sender<Result<CommentRow>>,
}

/// Comments waiting for the next group commit.
#[derive(Default)]
pub(crate) struct CommentBatch {
    next_ticket: AtomicU64,
    waiting: Mutex<Vec<Waiting>>,
}

/// A poster's place in the queue; leaving (the request was dropped) before a batch took the
/// comment takes it out, so a comment nobody waits for is not stored later.
pub(crate) struct Place<'a> {
    batch: &'a CommentBatch,
    ticket: u64,
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        if let Ok(mut w) = self.batch.waiting.lock() {
            w.retain(|x| x.ticket != self.ticket);
        }
    }
}

impl CommentBatch {
    pub(crate) fn join(
        &self,
        comment: NewComment,
    ) -> (Place<'_>, oneshot::Receiver<Result<CommentRow>>) {
        let ticket = self.next_ticket.fetch_add(1, Ordering::Relaxed);
        let (reply, answer) = oneshot::channel();
        if let Ok(mut w) = self.waiting.lock() {
            w.push(Waiting {
                ticket,
                comment,
                reply,
            });
        }
        (
            Place {
                batch: self,
                ticket,
            },
            answer,
        )
    }

    pub(crate) fn take(&self) -> Vec<Waiting> {
        match self.waiting.lock() {
            Ok(mut w) => {
                let n = w.len().min(MAX_BATCH);
                w.drain(..n).collect()
            }
            Err(_) => Vec::new(),
        }
    }
}
