//! Rate limits on log-in, sign-up, password reset and comment posting, per IP address and per
//! account. They live in each node's memory: a determined attacker spread over several nodes
//! gets a few more tries, which is acceptable for limits meant to slow guessing and spam.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota};

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
    /// A comment report (enough of them hide a comment).
    Report,
}

pub struct Limits {
    login_ip: DefaultKeyedRateLimiter<IpAddr>,
    login_account: DefaultKeyedRateLimiter<String>,
    signup_ip: DefaultKeyedRateLimiter<IpAddr>,
    reset_ip: DefaultKeyedRateLimiter<IpAddr>,
    reset_account: DefaultKeyedRateLimiter<String>,
    comment_ip: DefaultKeyedRateLimiter<IpAddr>,
    comment_account: DefaultKeyedRateLimiter<String>,
    subscribe_ip: DefaultKeyedRateLimiter<IpAddr>,
    subscribe_address: DefaultKeyedRateLimiter<String>,
    report_ip: DefaultKeyedRateLimiter<IpAddr>,
    report_account: DefaultKeyedRateLimiter<String>,
    /// Content API requests, per key id.
    api_key: DefaultKeyedRateLimiter<i64>,
    /// Requests with a missing or unknown API key, per address (key guessing, floods).
    api_bad_key_ip: DefaultKeyedRateLimiter<IpAddr>,
}

fn per_minute(n: u32, factor: u32) -> Quota {
    let n = NonZeroU32::new(n.saturating_mul(factor.max(1))).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(n)
}

fn per_hour(n: u32, factor: u32) -> Quota {
    let n = NonZeroU32::new(n.saturating_mul(factor.max(1))).unwrap_or(NonZeroU32::MIN);
    Quota::per_hour(n)
}

impl Limits {
    /// The default quotas, multiplied by `factor` (tests and load tests raise it).
    pub fn new(factor: u32, api_per_minute: u32) -> Self {
        Limits {
            login_ip: DefaultKeyedRateLimiter::keyed(per_minute(20, factor)),
            login_account: DefaultKeyedRateLimiter::keyed(per_minute(5, factor)),
            signup_ip: DefaultKeyedRateLimiter::keyed(per_hour(10, factor)),
            reset_ip: DefaultKeyedRateLimiter::keyed(per_hour(10, factor)),
            reset_account: DefaultKeyedRateLimiter::keyed(per_hour(3, factor)),
            comment_ip: DefaultKeyedRateLimiter::keyed(per_minute(20, factor)),
            comment_account: DefaultKeyedRateLimiter::keyed(per_minute(5, factor)),
            subscribe_ip: DefaultKeyedRateLimiter::keyed(per_hour(20, factor)),
            subscribe_address: DefaultKeyedRateLimiter::keyed(per_hour(5, factor)),
            report_ip: DefaultKeyedRateLimiter::keyed(per_hour(30, factor)),
            report_account: DefaultKeyedRateLimiter::keyed(per_hour(10, factor)),
            api_key: DefaultKeyedRateLimiter::keyed(per_minute(api_per_minute, 1)),
            api_bad_key_ip: DefaultKeyedRateLimiter::keyed(per_minute(30, factor)),
        }
    }

    /// Counts one attempt; refuses with 429 when a quota is spent. `account` is the e-mail
    /// typed (log-in, reset) or the member's id (comments).
    pub fn check(&self, action: Action, ip: IpAddr, account: Option<&str>) -> Result<(), Limited> {
        let account = account.map(str::to_owned);
        let ok = match action {
            Action::LogIn => {
                self.login_ip.check_key(&ip).is_ok()
                    && account.is_none_or(|a| self.login_account.check_key(&a).is_ok())
            }
            Action::SignUp => self.signup_ip.check_key(&ip).is_ok(),
            Action::Reset => {
                self.reset_ip.check_key(&ip).is_ok()
                    && account.is_none_or(|a| self.reset_account.check_key(&a).is_ok())
            }
            Action::Comment => {
                self.comment_ip.check_key(&ip).is_ok()
                    && account.is_none_or(|a| self.comment_account.check_key(&a).is_ok())
            }
            Action::Subscribe => {
                self.subscribe_ip.check_key(&ip).is_ok()
                    && account.is_none_or(|a| self.subscribe_address.check_key(&a).is_ok())
            }
            Action::Report => {
                self.report_ip.check_key(&ip).is_ok()
                    && account.is_none_or(|a| self.report_account.check_key(&a).is_ok())
            }
        };
        if ok {
            Ok(())
        } else {
            tracing::warn!(?action, %ip, "rate limit reached");
            Err(Limited::TooMany)
        }
    }

    /// Counts one API request of a key; refuses with 429 and the seconds until the next
    /// request would be allowed.
    pub fn check_api(&self, key_id: i64) -> Result<(), Limited> {
        use governor::clock::{Clock, DefaultClock};
        self.api_key.check_key(&key_id).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            Limited::RetryAfter(wait.as_secs() + 1)
        })
    }

    /// Counts one request refused for its key; past the quota the address gets 429 instead of
    /// 401, with the seconds to wait.
    pub fn check_api_bad_key(&self, ip: IpAddr) -> Result<(), Limited> {
        use governor::clock::{Clock, DefaultClock};
        self.api_bad_key_ip.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            tracing::warn!(%ip, "too many requests with a bad api key");
            Limited::RetryAfter(wait.as_secs() + 1)
        })
    }

    /// Forgets keys whose quota is full again, so memory does not grow with every address seen.
    pub fn shrink(&self) {
        self.login_ip.retain_recent();
        self.login_account.retain_recent();
        self.signup_ip.retain_recent();
        self.reset_ip.retain_recent();
        self.reset_account.retain_recent();
        self.comment_ip.retain_recent();
        self.comment_account.retain_recent();
        self.subscribe_ip.retain_recent();
        self.subscribe_address.retain_recent();
        self.api_key.retain_recent();
        self.api_bad_key_ip.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_quota_is_spent_then_refused() {
        let limits = Limits::new(1, 60);
        let ip: IpAddr = [127, 0, 0, 1].into();
        for _ in 0..5 {
            assert!(limits.check(Action::LogIn, ip, Some("a@b.fr")).is_ok());
        }
        assert!(matches!(
            limits.check(Action::LogIn, ip, Some("a@b.fr")),
            Err(Limited::TooMany)
        ));
        // Another account from the same address still may try.
        assert!(limits.check(Action::LogIn, ip, Some("c@d.fr")).is_ok());
    }

    #[test]
    fn api_quota_is_per_key_and_says_when_to_retry() {
        let limits = Limits::new(1, 3);
        for _ in 0..3 {
            assert!(limits.check_api(1).is_ok());
        }
        match limits.check_api(1) {
            Err(Limited::RetryAfter(s)) => assert!((1..=21).contains(&s), "{s}"),
            other => panic!("expected a rate limit, got {other:?}"),
        }
        assert!(limits.check_api(2).is_ok());
    }
}
