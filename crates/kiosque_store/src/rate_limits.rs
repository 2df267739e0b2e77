//! Rate-limit counters shared by the nodes of a site, in `rate_limits`: one row per quota and
//! key with the hits of its current window and of the previous one. A limited request costs
//! one statement, an upsert of all the quotas it counts against, which returns their counts;
//! the web layer turns them into a sliding estimate and decides.

use sqlx::Row;

use crate::{Store, StoreError};

/// One quota to count a hit against: its key (quota name and who) and its window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitHit {
    pub key: String,
    pub window_ms: i64,
}

/// A quota's counts once the hit is added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitCount {
    /// Hits in the current window, this one included.
    pub hits: i64,
    /// Hits in the window before (0 if it was older).
    pub prev_hits: i64,
    /// The current window's number (unix ms / window length).
    pub window: i64,
}

impl Store {
    /// Counts one hit against each quota, at `now` (unix ms), in one statement; the counts come
    /// back in the order of `hits`. The keys must differ.
    pub async fn count_limit_hits(
        &self,
        hits: &[LimitHit],
        now: i64,
    ) -> Result<Vec<LimitCount>, StoreError> {
        if hits.is_empty() {
            return Ok(Vec::new());
        }
        let values: Vec<String> = (0..hits.len())
            .map(|i| format!("(${}, ${}, 1, 0, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
            .collect();
        // A node whose clock is a little behind counts into the newest window instead of
        // resetting it; a window more than one behind starts afresh.
        let sql = format!(
            "insert into rate_limits (key, win, hits, prev_hits, expires_at) values {} \
             on conflict (key) do update set \
             prev_hits = case when rate_limits.win >= excluded.win then rate_limits.prev_hits \
                              when rate_limits.win = excluded.win - 1 then rate_limits.hits \
                              else 0 end, \
             hits = case when rate_limits.win >= excluded.win then rate_limits.hits + 1 \
                         else 1 end, \
             win = case when rate_limits.win > excluded.win then rate_limits.win \
                        else excluded.win end, \
             expires_at = case when rate_limits.expires_at > excluded.expires_at \
                               then rate_limits.expires_at else excluded.expires_at end \
             returning key, win, hits, prev_hits",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for h in hits {
            let window_ms = h.window_ms.max(1);
            let win = now.div_euclid(window_ms);
            q = q
                .bind(h.key.clone())
                .bind(win)
                .bind((win + 2).saturating_mul(window_ms));
        }
        let rows = q.fetch_all(&self.pool).await?;
        let mut counts = Vec::with_capacity(hits.len());
        for h in hits {
            let row = rows
                .iter()
                .find(|r| r.try_get::<String, _>("key").ok().as_deref() == Some(&h.key))
                .ok_or_else(|| StoreError::Corrupt(format!("no rate-limit count for {}", h.key)))?;
            counts.push(LimitCount {
                hits: row.try_get("hits")?,
                prev_hits: row.try_get("prev_hits")?,
                window: row.try_get("win")?,
            });
        }
        Ok(counts)
    }

    /// Deletes the counters whose windows are over, so the table holds only recent keys.
    pub async fn trim_limit_counts(&self, now: i64) -> Result<u64, StoreError> {
        Ok(sqlx::query("delete from rate_limits where expires_at < $1")
            .bind(now)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }
}
