//! Group commit for comments on SQLite. Every commit there waits for the disk
//! (`synchronous = full`: an acknowledged comment survives a power cut), which caps one writer
//! at a few hundred commits a second; a busy thread gets more comments than that. Members'
//! comments therefore queue here: whoever gets the write gate first commits every comment
//! waiting at that moment in one transaction (one disk flush), each comment in its own
//! savepoint so a refused one leaves the others in, and answers each poster. Nobody is
//! acknowledged before the transaction holding their comment has committed.
//!
//! PostgreSQL groups concurrent commits itself, so it keeps one transaction per comment.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use kiosque_domain::comment::CommentStatus;
use kiosque_domain::{ArticleId, CommentId, UserId};
use tokio::sync::{oneshot, OwnedMutexGuard};

use crate::comments::insert_comment;
use crate::db::Tx;
use crate::{CommentRow, Store, StoreError};

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

struct Waiting {
    ticket: u64,
    comment: NewComment,
    reply: oneshot::Sender<Result<CommentRow>>,
}

/// Comments waiting for the next group commit.
#[derive(Default)]
pub(crate) struct CommentBatch {
    next_ticket: AtomicU64,
    waiting: Mutex<Vec<Waiting>>,
}

/// A poster's place in the queue; leaving (the request was dropped) before a batch took the
/// comment takes it out, so a comment nobody waits for is not stored later.
struct Place<'a> {
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
    fn join(&self, comment: NewComment) -> (Place<'_>, oneshot::Receiver<Result<CommentRow>>) {
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

    fn take(&self) -> Vec<Waiting> {
        match self.waiting.lock() {
            Ok(mut w) => {
                let n = w.len().min(MAX_BATCH);
                w.drain(..n).collect()
            }
            Err(_) => Vec::new(),
        }
    }
}

impl Store {
    /// Stores `comment` with the next group commit; see the module's text.
    pub(crate) async fn post_comment_grouped(&self, comment: NewComment) -> Result<CommentRow> {
        let batch = self.comment_batch();
        let (_place, mut answer) = batch.join(comment);
        loop {
            tokio::select! {
                biased;
                done = &mut answer => {
                    return done.map_err(|_| lost())?;
                }
                gate = self.write_turn() => {
                    let gate = gate?;
                    let waiting = batch.take();
                    if waiting.is_empty() {
                        // Another poster's batch took this comment and has answered: the
                        // answer is read on the next turn of the loop.
                        drop(gate);
                        continue;
                    }
                    // The batch runs on its own task: if this poster's request is dropped
                    // halfway, the others in the batch still get their answer.
                    let store = self.clone();
                    let run = tokio::spawn(async move { store.commit_batch(gate, waiting).await });
                    if run.await.is_err() {
                        return Err(lost());
                    }
                }
            }
        }
    }

    /// One transaction for every comment of `waiting`, then each poster's answer. The write
    /// gate is let go only after the answers are sent.
    async fn commit_batch(&self, gate: OwnedMutexGuard<()>, waiting: Vec<Waiting>) {
        let mut tx = match self.pool.begin_with("BEGIN IMMEDIATE").await {
            Ok(t) => Tx::new(t, Some(gate)),
            Err(e) => return fail_all(waiting, &e),
        };
        let mut answers = Vec::with_capacity(waiting.len());
        for w in waiting {
            let stored = match one_in_savepoint(&mut tx, &w.comment).await {
                Ok(stored) => stored,
                Err(e) => {
                    // The savepoint statements themselves failed: the transaction is unusable.
                    let mut rest: Vec<Waiting> = vec![w];
                    rest.extend(answers.into_iter().map(|(w, _)| w));
                    return fail_all(rest, &e);
                }
            };
            answers.push((w, stored));
        }
        if let Err(e) = tx.commit().await {
            return fail_all(answers.into_iter().map(|(w, _)| w).collect(), &e);
        }
        self.committed();
        for (w, stored) in answers {
            // A poster who left gets no answer; their comment is stored like any other.
            let _ = w.reply.send(stored);
        }
    }
}

/// Inserts one comment behind a savepoint: a refused comment (a reply to a comment that is
/// gone, say) is rolled back alone. The outer error means the transaction itself failed.
async fn one_in_savepoint(
    tx: &mut Tx<'_>,
    comment: &NewComment,
) -> std::result::Result<Result<CommentRow>, sqlx::Error> {
    sqlx::query("savepoint one_comment")
        .execute(&mut **tx)
        .await?;
    let stored = insert_comment(tx, comment).await;
    if stored.is_err() {
        sqlx::query("rollback to one_comment")
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("release one_comment")
        .execute(&mut **tx)
        .await?;
    Ok(stored)
}

fn fail_all(waiting: Vec<Waiting>, e: &sqlx::Error) {
    tracing::warn!(error = %e, comments = waiting.len(), "group commit of comments failed");
    for w in waiting {
        let _ = w
            .reply
            .send(Err(StoreError::Database(sqlx::Error::Protocol(format!(
                "group commit failed: {e}"
            )))));
    }
}

fn lost() -> StoreError {
    StoreError::Database(sqlx::Error::WorkerCrashed)
}
