//! What every part of the store writes with: the backend, the transaction type, the clock
//! and the change log.

use kiosque_domain::change::{Key, Kind};

use crate::StoreError;

/// A write transaction. On SQLite it also holds the process's write gate (see
/// [`crate::Store::begin_write`]) until it commits, rolls back or is dropped.
pub(crate) struct Tx<'a> {
    inner: sqlx::Transaction<'a, sqlx::Any>,
    _gate: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl<'a> Tx<'a> {
    pub(crate) fn new(
        inner: sqlx::Transaction<'a, sqlx::Any>,
        gate: Option<tokio::sync::OwnedMutexGuard<()>>,
    ) -> Self {
        Tx { inner, _gate: gate }
    }

    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        self.inner.commit().await
    }

    pub(crate) async fn rollback(self) -> Result<(), sqlx::Error> {
        self.inner.rollback().await
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = sqlx::AnyConnection;

    fn deref(&self) -> &sqlx::AnyConnection {
        &self.inner
    }
}

impl std::ops::DerefMut for Tx<'_> {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.inner
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// `n` numbered parameters from `$first`, for an `in (…)` list: `$3, $4, $5`.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Appends the change-log row of a write, inside its transaction.
pub(crate) async fn log_change(
    tx: &mut Tx<'_>,
    kind: Kind,
    keys: &[Key],
) -> Result<(), StoreError> {
    // Followers read the log by id. On PostgreSQL ids are taken at insert, not at commit, so a
    // later id could commit first and a follower would skip the earlier one for good. A lock held
    // until commit makes log ids commit in order (SQLite already serialises writers).
    if tx.backend_name().eq_ignore_ascii_case("postgresql") {
        sqlx::query("select pg_advisory_xact_lock(7431) as locked")
            .fetch_one(&mut **tx)
            .await?;
    }
    sqlx::query("insert into changes (kind, touches, at) values ($1, $2, $3)")
        .bind(kind.as_str())
        .bind(kiosque_domain::change::encode(keys))
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_numbered_from_the_first() {
        assert_eq!(super::placeholders(3, 3), "$3, $4, $5");
        assert_eq!(super::placeholders(1, 1), "$1");
        assert_eq!(super::placeholders(2, 0), "");
    }
}
