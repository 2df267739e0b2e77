//! Posting a comment, with a group commit on SQLite. Every commit there waits for the disk
//! (`synchronous = full`: an acknowledged comment survives a power cut), which caps one writer
//! at a few hundred commits a second; a busy thread gets more comments than that. Members'
//! comments therefore queue here: whoever gets the write gate first commits every comment
//! waiting at that moment in one transaction (one disk flush), each comment in its own
//! savepoint so a refused one leaves the others in, and answers each poster. Nobody is
//! acknowledged before the transaction holding their comment has committed.
//!
//! PostgreSQL groups concurrent commits itself, so it keeps one transaction per comment.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::comment::{self, CommentStatus};
use kiosque_domain::{ArticleId, CommentId, UserId};
use sqlx::Row;
use tokio::sync::OwnedMutexGuard;

use crate::comment_queue::{NewComment, Waiting};
use crate::comments::comment_in;
use crate::db::{log_change, now_ms, Backend, Tx};
use crate::{CommentRow, Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// Writes a new comment, its change-log row and its reply notice inside `tx`.
pub(crate) async fn insert_comment(tx: &mut Tx<'_>, new: &NewComment) -> Result<CommentRow> {
    let NewComment {
        article_id,
        author_id,
        parent_id,
        ref body,
        status,
    } = *new;
    if let Some(parent) = parent_id {
        // Read inside the transaction, so that the parent cannot change before the insert.
        let p = comment_in(tx, parent).await?;
        comment::check_reply(
            article_id.get(),
            p.map(|p| comment::Parent {
                article_id: p.article_id.get(),
                parent_id: p.parent_id.map(CommentId::get),
                status: p.status,
            }),
        )
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    }
    let row = sqlx::query(
        "insert into comments (article_id, author_id, parent_id, body, status, created_at, \
           shown_at) \
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
    )
    .bind(article_id.get())
    .bind(author_id.get())
    .bind(parent_id.map(CommentId::get))
    .bind(body.as_str())
    .bind(status.as_str())
    .bind(now_ms())
    .bind((status == CommentStatus::Published).then(now_ms))
    .fetch_one(&mut **tx)
    .await?;
    let id = CommentId(row.try_get("id")?);
    log_change(
        tx,
        Kind::Comment,
        &[
            Key::Comments(article_id),
            Key::Comment(id),
            Key::User(author_id),
        ],
    )
    .await?;
    if status == CommentStatus::Published {
        crate::notices::queue_reply_notice(tx, id, parent_id).await?;
    }
    comment_in(tx, id).await?.ok_or(StoreError::NotFound)
}

impl Store {
    /// Stores a new comment (its body already validated by the domain) with the given status.
    /// A reply must answer a published top-level comment of the same article.
    pub async fn post_comment(
        &self,
        article_id: ArticleId,
        author_id: UserId,
        parent_id: Option<CommentId>,
        body: &str,
        status: CommentStatus,
    ) -> Result<CommentRow> {
        let comment = NewComment {
            article_id,
            author_id,
            parent_id,
            body: body.to_owned(),
            status,
        };
        if self.backend() == Backend::Sqlite {
            return self.post_comment_grouped(comment).await;
        }
        let mut tx = self.begin_write().await?;
        let stored = insert_comment(&mut tx, &comment).await?;
        tx.commit().await?;
        self.committed();
        Ok(stored)
    }

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
