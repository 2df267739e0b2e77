//! Where rate-limit counts are kept: in this process's memory (one node: SQLite sites), or in
//! the database, shared by every node of a PostgreSQL site. Both answer the same question:
//! count one hit against these quotas, and say whether one of them is spent.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

use futures_util::future::BoxFuture;
use governor::clock::{Clock, DefaultClock};
use governor::DefaultKeyedRateLimiter;
use kiosque_store::{LimitHit, Store};

/// A quota: at most `n` hits per `window_secs` for one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    /// The quota's name, part of every stored key (`login-ip`, `api-key`…).
    pub name: &'static str,
    pub n: u32,
    pub window_secs: u64,
}

/// Counts hits against quotas.
pub trait Counters: Send + Sync {
    /// Counts one hit against each quota for its key, in order; the seconds to wait when one of
    /// them is spent (`None`: allowed).
    fn hit<'a>(&'a self, hits: &'a [(Quota, String)]) -> BoxFuture<'a, Option<u64>>;
    /// Forgets counts whose windows are over.
    fn trim(&self) -> BoxFuture<'_, ()>;
}

/// Counts in this process's memory (governor's GCRA: a burst of `n`, refilled evenly).
#[derive(Default)]
pub struct MemoryCounters {
    limiters: Mutex<HashMap<&'static str, Arc<DefaultKeyedRateLimiter<String>>>>,
}

impl MemoryCounters {
    fn limiter(&self, q: Quota) -> Option<Arc<DefaultKeyedRateLimiter<String>>> {
        let mut map = self.limiters.lock().ok()?;
        Some(
            map.entry(q.name)
                .or_insert_with(|| {
                    let n = NonZeroU32::new(q.n).unwrap_or(NonZeroU32::MIN);
                    let period = std::time::Duration::from_secs(q.window_secs.max(1)) / n.get();
                    let quota = governor::Quota::with_period(period)
                        .unwrap_or_else(|| governor::Quota::per_second(n))
                        .allow_burst(n);
                    Arc::new(DefaultKeyedRateLimiter::keyed(quota))
                })
                .clone(),
        )
    }
}

impl Counters for MemoryCounters {
    fn hit<'a>(&'a self, hits: &'a [(Quota, String)]) -> BoxFuture<'a, Option<u64>> {
        let refused = hits.iter().find_map(|(q, key)| {
            let limiter = self.limiter(*q)?;
            limiter.check_key(key).err().map(|not_until| {
                not_until
                    .wait_time_from(DefaultClock::default().now())
                    .as_secs()
                    + 1
            })
        });
        Box::pin(std::future::ready(refused))
    }

    fn trim(&self) -> BoxFuture<'_, ()> {
        if let Ok(map) = self.limiters.lock() {
            for limiter in map.values() {
                limiter.retain_recent();
            }
        }
        Box::pin(std::future::ready(()))
    }
}

/// Counts in the database: every node sees the same counts. One upsert per limited request
/// (all its quotas at once); the decision uses a sliding estimate over the current and the
/// previous window, so a quota does not refill all at once when a window turns.
pub struct DbCounters {
    store: Store,
}

impl DbCounters {
    pub fn new(store: Store) -> Self {
        DbCounters { store }
    }
}

/// Whether a quota is spent given its counts, and the seconds until the current window ends.
pub(crate) fn sliding_verdict(
    q: Quota,
    hits: i64,
    prev_hits: i64,
    window: i64,
    now: i64,
) -> Option<u64> {
    let window_ms = (q.window_secs.max(1) * 1000) as i64;
    let into = (now - window * window_ms).clamp(0, window_ms);
    let left = (window_ms - into) as f64 / window_ms as f64;
    let estimate = hits as f64 + prev_hits as f64 * left;
    (estimate > f64::from(q.n)).then(|| ((window_ms - into) / 1000) as u64 + 1)
}

impl Counters for DbCounters {
    fn hit<'a>(&'a self, hits: &'a [(Quota, String)]) -> BoxFuture<'a, Option<u64>> {
        Box::pin(async move {
            let now = chrono::Utc::now().timestamp_millis();
            let rows: Vec<LimitHit> = hits
                .iter()
                .map(|(q, key)| LimitHit {
                    key: format!("{}:{key}", q.name),
                    window_ms: (q.window_secs.max(1) * 1000) as i64,
                })
                .collect();
            match self.store.count_limit_hits(&rows, now).await {
                Ok(counts) => hits.iter().zip(counts).find_map(|((q, _), c)| {
                    sliding_verdict(*q, c.hits, c.prev_hits, c.window, now)
                }),
                // A database that does not answer fails the request's own work anyway; the
                // limit does not add a second error.
                Err(e) => {
                    tracing::warn!(error = %e, "cannot count a rate-limited request");
                    None
                }
            }
        })
    }

    fn trim(&self) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            let now = chrono::Utc::now().timestamp_millis();
            if let Err(e) = self.store.trim_limit_counts(now).await {
                tracing::warn!(error = %e, "cannot delete old rate-limit counts");
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: Quota = Quota {
        name: "t",
        n: 5,
        window_secs: 60,
    };

    #[test]
    fn the_previous_window_weighs_less_as_the_current_one_goes_on() {
        // Window 10 starts at 600 000 ms.
        assert_eq!(sliding_verdict(Q, 5, 0, 10, 600_000), None);
        assert!(sliding_verdict(Q, 6, 0, 10, 600_000).is_some());
        // The previous window was full: early in this one, one more is refused…
        assert!(sliding_verdict(Q, 1, 5, 10, 601_000).is_some());
        // …and late in it, allowed.
        assert_eq!(sliding_verdict(Q, 1, 5, 10, 659_000), None);
        // The wait is the rest of the window.
        assert_eq!(sliding_verdict(Q, 6, 0, 10, 630_000), Some(31));
    }

    #[test]
    fn memory_counters_refuse_past_the_burst() {
        let c = MemoryCounters::default();
        let hits = [(Q, "a".to_owned())];
        for _ in 0..5 {
            assert_eq!(
                futures_util::FutureExt::now_or_never(c.hit(&hits)),
                Some(None)
            );
        }
        let wait = futures_util::FutureExt::now_or_never(c.hit(&hits)).flatten();
        assert!(wait.is_some_and(|s| (1..=13).contains(&s)), "{wait:?}");
    }
}
