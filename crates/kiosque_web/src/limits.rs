//! Rate limits on log-in, sign-up, password reset, comments, subscriptions and the content
//! API, per client address and per account. The counts live behind [`Counters`]: in memory
//! on a one-node SQLite site, in the database on PostgreSQL, so that every node of a site
//! counts the same tries. An IPv6 client is counted by its /64, the block one subscriber
//! usually holds whole: rotating addresses within it gains nothing.
//!
//! The per-account log-in limit is keyed on the account *and* the address, with a longer
//! quota behind the short one (a back-off: a minute's wait, then an hour's): wrong passwords
//! from an attacker's address slow that address down, never the owner typing theirs elsewhere.

use std::net::IpAddr;

use crate::limit_counters::{Counters, Quota};

/// A refusal: a quota is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Limited {
    /// Too many tries; the page says to wait a few minutes.
    #[error("too many requests")]
    TooMany,
    /// Too many requests; the next one is allowed after this many seconds.
    #[error("rate limited for {0} s")]
    RetryAfter(u64),
}

/// What is being limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    LogIn,
    SignUp,
    Reset,
    Comment,
    /// A newsletter subscription (each may send a confirmation mail).
    Subscribe,
    /// A report of a comment: a few a member may send in good faith, not a flood.
    Report,
}

const MINUTE: u64 = 60;
const HOUR: u64 = 3600;

pub struct Limits {
    counters: Box<dyn Counters>,
    factor: u32,
    api_per_minute: u32,
}

/// The key an address is counted under: an IPv4 address itself, an IPv6 address's /64.
pub fn address_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

impl Limits {
    /// The default quotas, multiplied by `factor` (tests and load tests raise it), counted by
    /// `counters`.
    pub fn new(factor: u32, api_per_minute: u32, counters: Box<dyn Counters>) -> Self {
        Limits {
            counters,
            factor: factor.max(1),
            api_per_minute: api_per_minute.max(1),
        }
    }

    fn quota(&self, name: &'static str, n: u32, window_secs: u64) -> Quota {
        Quota {
            name,
            n: n.saturating_mul(self.factor),
            window_secs,
        }
    }

    /// Counts one attempt; refuses with 429 when a quota is spent. `account` is the e-mail
    /// typed (log-in, reset), the member's id (comments) or the address subscribed.
    pub async fn check(
        &self,
        action: Action,
        ip: IpAddr,
        account: Option<&str>,
    ) -> Result<(), Limited> {
        let addr = address_key(ip);
        let mut hits = Vec::with_capacity(3);
        let (ip_quota, account_quotas): (Quota, Vec<(Quota, String)>) = match action {
            Action::LogIn => (
                self.quota("login-ip", 20, MINUTE),
                account
                    .map(|a| {
                        let who = format!("{} {addr}", a.to_lowercase());
                        vec![
                            (self.quota("login-account", 5, MINUTE), who.clone()),
                            (self.quota("login-account-hour", 15, HOUR), who),
                        ]
                    })
                    .unwrap_or_default(),
            ),
            Action::SignUp => (self.quota("signup-ip", 10, HOUR), Vec::new()),
            Action::Reset => (
                self.quota("reset-ip", 10, HOUR),
                account
                    .map(|a| vec![(self.quota("reset-account", 3, HOUR), a.to_lowercase())])
                    .unwrap_or_default(),
            ),
            Action::Comment => (
                self.quota("comment-ip", 20, MINUTE),
                account
                    .map(|a| vec![(self.quota("comment-account", 5, MINUTE), a.to_owned())])
                    .unwrap_or_default(),
            ),
            Action::Subscribe => (
                self.quota("subscribe-ip", 20, HOUR),
                account
                    .map(|a| vec![(self.quota("subscribe-address", 5, HOUR), a.to_lowercase())])
                    .unwrap_or_default(),
            ),
            Action::Report => (
                self.quota("report-ip", 30, HOUR),
                account
                    .map(|a| vec![(self.quota("report-account", 10, HOUR), a.to_owned())])
                    .unwrap_or_default(),
            ),
        };
        hits.push((ip_quota, addr.clone()));
        hits.extend(account_quotas);
        match self.counters.hit(&hits).await {
            None => Ok(()),
            Some(_) => {
                tracing::warn!(?action, %addr, "rate limit reached");
                Err(Limited::TooMany)
            }
        }
    }

    /// Counts one API request of a key; refuses with 429 and the seconds until the next
    /// request would be allowed.
    pub async fn check_api(&self, key_id: i64) -> Result<(), Limited> {
        let q = Quota {
            name: "api-key",
            n: self.api_per_minute,
            window_secs: MINUTE,
        };
        match self.counters.hit(&[(q, key_id.to_string())]).await {
            None => Ok(()),
            Some(wait) => Err(Limited::RetryAfter(wait)),
        }
    }

    /// Counts one request refused for its key; past the quota the address gets 429 instead of
    /// 401, with the seconds to wait.
    pub async fn check_api_bad_key(&self, ip: IpAddr) -> Result<(), Limited> {
        let addr = address_key(ip);
        let q = self.quota("api-bad-key-ip", 30, MINUTE);
        match self.counters.hit(&[(q, addr.clone())]).await {
            None => Ok(()),
            Some(wait) => {
                tracing::warn!(%addr, "too many requests with a bad api key");
                Err(Limited::RetryAfter(wait))
            }
        }
    }

    /// Forgets counts whose quota is full again, so memory (or the table) does not grow with
    /// every address seen.
    pub async fn shrink(&self) {
        self.counters.trim().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limit_counters::MemoryCounters;

    fn limits(api: u32) -> Limits {
        Limits::new(1, api, Box::new(MemoryCounters::default()))
    }

    #[tokio::test]
    async fn account_quota_is_spent_then_refused() {
        let limits = limits(60);
        let ip: IpAddr = [127, 0, 0, 1].into();
        for _ in 0..5 {
            assert!(limits
                .check(Action::LogIn, ip, Some("a@b.fr"))
                .await
                .is_ok());
        }
        assert!(matches!(
            limits.check(Action::LogIn, ip, Some("a@b.fr")).await,
            Err(Limited::TooMany)
        ));
        // Another account from the same address still may try.
        assert!(limits
            .check(Action::LogIn, ip, Some("c@d.fr"))
            .await
            .is_ok());
    }

    #[tokio::test]
    async fn wrong_passwords_from_one_address_do_not_lock_the_owner_out() {
        let limits = limits(60);
        let attacker: IpAddr = [203, 0, 113, 9].into();
        let owner: IpAddr = [198, 51, 100, 7].into();
        for _ in 0..5 {
            let _ = limits
                .check(Action::LogIn, attacker, Some("admin@b.fr"))
                .await;
        }
        assert!(limits
            .check(Action::LogIn, attacker, Some("admin@b.fr"))
            .await
            .is_err());
        assert!(limits
            .check(Action::LogIn, owner, Some("Admin@b.fr"))
            .await
            .is_ok());
    }

    #[tokio::test]
    async fn an_ipv6_client_is_counted_by_its_slash_64() {
        let limits = limits(60);
        for i in 0..20u16 {
            let ip = IpAddr::V6([0x2001, 0xdb8, 1, 2, i, 0, 0, 1].into());
            assert!(limits.check(Action::LogIn, ip, None).await.is_ok(), "{i}");
        }
        let other_address_same_block = IpAddr::V6([0x2001, 0xdb8, 1, 2, 0xffff, 9, 9, 9].into());
        assert!(limits
            .check(Action::LogIn, other_address_same_block, None)
            .await
            .is_err());
        let next_block = IpAddr::V6([0x2001, 0xdb8, 1, 3, 0, 0, 0, 1].into());
        assert!(limits.check(Action::LogIn, next_block, None).await.is_ok());
        assert_eq!(
            address_key("::ffff:192.0.2.1".parse().expect("ip")),
            "192.0.2.1"
        );
    }

    #[tokio::test]
    async fn api_quota_is_per_key_and_says_when_to_retry() {
        let limits = limits(3);
        for _ in 0..3 {
            assert!(limits.check_api(1).await.is_ok());
        }
        match limits.check_api(1).await {
            Err(Limited::RetryAfter(s)) => assert!((1..=21).contains(&s), "{s}"),
            other => panic!("expected a rate limit, got {other:?}"),
        }
        assert!(limits.check_api(2).await.is_ok());
    }
}
