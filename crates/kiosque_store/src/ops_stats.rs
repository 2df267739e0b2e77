//! What an operator watches from outside (the connection pool, the webhook queue; the mail
//! queue's counts live beside it, `mail_queue_counts`), and the roles one node holds for all.

use sqlx::Row;

use crate::db::now_ms;
use crate::mail_queue::QueueCounts;
use crate::{Store, StoreError};

/// The database pool of this process, as `/metrics` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    /// Connections open, idle or in use.
    pub open: u32,
    pub idle: u32,
    /// The most the pool opens; requests wait beyond it.
    pub max: u32,
}

impl Store {
    pub fn pool_stats(&self) -> PoolStats {
        PoolStats {
            open: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            max: self.pool.options().get_max_connections(),
        }
    }

    /// Deliveries still to be made (`queued`: pending, retries included) and given up.
    pub async fn webhook_queue_counts(&self) -> Result<QueueCounts, StoreError> {
        let r = sqlx::query(
            "select cast(coalesce(sum(case when status = 'pending' then 1 else 0 end), 0) as bigint) \
               as queued, \
               cast(coalesce(sum(case when status = 'failed' then 1 else 0 end), 0) as bigint) \
               as failed from webhook_deliveries where status in ('pending', 'failed')",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(QueueCounts {
            queued: r.try_get("queued")?,
            failed: r.try_get("failed")?,
        })
    }

    /// Takes `role` for `holder`, or renews it, for `lease_ms`: true when `holder` has it.
    /// Another holder's role is taken only once its lease has run out, so a node that stops
    /// hands its work on within one lease.
    pub async fn hold_role(
        &self,
        role: &str,
        holder: &str,
        lease_ms: i64,
    ) -> Result<bool, StoreError> {
        let now = now_ms();
        let row = sqlx::query(
            "insert into node_roles (role, holder, until_ms) values ($1, $2, $3) \
             on conflict (role) do update set holder = excluded.holder, \
               until_ms = excluded.until_ms \
             where node_roles.holder = excluded.holder or node_roles.until_ms < $4 \
             returning holder",
        )
        .bind(role)
        .bind(holder)
        .bind(now + lease_ms)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }
}
