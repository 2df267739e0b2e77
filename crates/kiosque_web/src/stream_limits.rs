//! How many live streams (server-sent events: comments, live blogs) each client address and
//! the whole node hold open. A stream holds a connection and a task for as long as the page
//! is open, so one client opening thousands would take the node's connections and memory from
//! everyone else: past the per-address bound it gets 429 with `Retry-After`, past the node's
//! bound 503. Addresses are those the rate limits count (trusted proxies believed, an IPv6
//! client by its /64).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use crate::error::AppError;

/// Seconds a refused client is told to wait: long enough for a page to be closed.
const RETRY_AFTER: u64 = 30;

pub struct StreamLimits {
    per_address: usize,
    total: usize,
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    by_address: HashMap<String, usize>,
    total: usize,
}

/// One open stream's place; given back when the stream ends (the response body is dropped).
pub struct StreamSlot {
    limits: Arc<StreamLimits>,
    key: String,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        if let Ok(mut open) = self.limits.open.lock() {
            open.total = open.total.saturating_sub(1);
            if let Some(n) = open.by_address.get_mut(&self.key) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    open.by_address.remove(&self.key);
                }
            }
        }
    }
}

impl StreamLimits {
    pub fn new(per_address: usize, total: usize) -> Self {
        StreamLimits {
            per_address: per_address.max(1),
            total: total.max(1),
            open: Mutex::default(),
        }
    }

    /// A place for one more stream from `client`, or the refusal to answer with.
    pub fn open(self: &Arc<Self>, client: IpAddr) -> Result<StreamSlot, AppError> {
        let key = crate::limits::address_key(client);
        let mut open = self
            .open
            .lock()
            .map_err(|_| AppError::Internal("stream limits poisoned".into()))?;
        if open.total >= self.total {
            return Err(AppError::Overloaded);
        }
        let n = open.by_address.entry(key.clone()).or_insert(0);
        if *n >= self.per_address {
            return Err(AppError::RateLimited(RETRY_AFTER));
        }
        *n += 1;
        open.total += 1;
        Ok(StreamSlot {
            limits: self.clone(),
            key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_past_its_share_is_refused_until_one_closes() {
        let limits = Arc::new(StreamLimits::new(2, 100));
        let a: IpAddr = "192.0.2.1".parse().expect("address");
        let first = limits.open(a).expect("a place");
        let _second = limits.open(a).expect("a place");
        assert!(matches!(limits.open(a), Err(AppError::RateLimited(_))));
        // Another address is not concerned.
        assert!(limits.open("192.0.2.2".parse().expect("address")).is_ok());
        drop(first);
        assert!(limits.open(a).is_ok());
    }

    #[test]
    fn an_ipv6_client_counts_by_its_slash_64() {
        let limits = Arc::new(StreamLimits::new(1, 100));
        let _one = limits
            .open("2001:db8::1".parse().expect("address"))
            .expect("a place");
        assert!(limits
            .open("2001:db8::2".parse().expect("address"))
            .is_err());
        assert!(limits
            .open("2001:db8:0:1::1".parse().expect("address"))
            .is_ok());
    }

    #[test]
    fn the_node_bound_answers_unavailable() {
        let limits = Arc::new(StreamLimits::new(5, 1));
        let _one = limits
            .open("192.0.2.1".parse().expect("address"))
            .expect("a place");
        assert!(matches!(
            limits.open("192.0.2.9".parse().expect("address")),
            Err(AppError::Overloaded)
        ));
    }
}
