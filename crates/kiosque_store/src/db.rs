//! What every part of the store writes with: the backend, the transaction type, the clock
//! and the change log.

use kiosque_domain::change::{Key, Kind};

use crate::StoreError;

pub(crate) type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
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
