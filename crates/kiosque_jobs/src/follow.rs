//! The two shapes of background work in a node. Each stops by itself once the store is closed
//! (the server is shutting down), instead of logging errors from a closed pool.

use std::future::Future;
use std::time::Duration;

use kiosque_store::{Change, Store};

/// How often the change log is read for writes of other processes (an import beside the
/// server, other nodes on the same PostgreSQL). This process's own writes wake followers at once.
pub const POLL: Duration = Duration::from_millis(250);
/// Changes read from the log at a time.
pub const BATCH: i64 = 1000;

/// What a step of [`every`] asks for next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Wait for the period, or for a write of this process, whichever comes first.
    Wait,
    /// Run again at once (there is more work).
    Again,
}

/// Runs `step` now, then after each `period`; with `on_write`, also as soon as this process
/// commits a write.
pub async fn every<F, Fut>(store: Store, period: Duration, on_write: bool, mut step: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Pace>,
{
    let mut writes = store.watch_local_writes();
    loop {
        if store.is_closed() {
            return;
        }
        if step().await == Pace::Again {
            continue;
        }
        if on_write {
            // A closed channel cannot happen while `store` is alive; the timeout bounds it anyway.
            let _ = tokio::time::timeout(period, writes.changed()).await;
        } else {
            tokio::time::sleep(period).await;
        }
    }
}

/// Follows the change log after `cursor`: hands each batch of changes to `apply`, in order, and
/// moves past a batch only once `apply` succeeded, so a failed batch is tried again at the next
/// tick (appliers must therefore be idempotent).
pub async fn follow<F, Fut, E>(store: Store, name: &'static str, mut cursor: i64, mut apply: F)
where
    F: FnMut(Vec<Change>) -> Fut,
    Fut: Future<Output = Result<(), E>>,
    E: std::fmt::Display,
{
    let mut writes = store.watch_local_writes();
    loop {
        tokio::select! {
            () = tokio::time::sleep(POLL) => {},
            _ = writes.changed() => {},
        }
        // Read until a short batch: the log's end as of that read.
        loop {
            if store.is_closed() {
                return;
            }
            let changes = match store.changes_since(cursor, BATCH).await {
                Ok(c) => c,
                Err(e) => {
                    tracing::warn!(follower = name, error = %e, "cannot read the change log");
                    break;
                }
            };
            let Some(last) = changes.last().map(|c| c.id) else {
                break;
            };
            let full = changes.len() as i64 == BATCH;
            if let Err(e) = apply(changes).await {
                tracing::warn!(follower = name, error = %e, "changes not applied; retrying");
                break;
            }
            cursor = last;
            if !full {
                break;
            }
        }
    }
}
