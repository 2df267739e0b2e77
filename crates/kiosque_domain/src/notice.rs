//! Reply notifications: who is told by e-mail that someone replied to their comment, how often,
//! and the signed one-click unsubscribe link that works without logging in.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::UserId;

/// The `site_meta` key of the secret that signs unsubscribe links.
pub const SECRET_KEY: &str = "reply_notice_secret";

/// At most one e-mail per thread and member in this time.
pub const THROTTLE_MS: i64 = 3_600_000;

/// What the rule needs to know of the parent comment's author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: UserId,
    /// They asked to be told (the comment form's box, or their account page).
    pub wants_notices: bool,
    /// Only confirmed addresses get mail they did not ask for by the action itself.
    pub verified: bool,
    pub deactivated: bool,
}

/// Whether a published reply by `replier` is worth an e-mail to the parent's author.
/// `None` when the parent's author deleted their account. Throttling is decided apart, at
/// sending time ([`throttled`]).
pub fn should_notify(replier: Option<UserId>, parent_author: Option<Recipient>) -> bool {
    match parent_author {
        Some(r) => r.wants_notices && r.verified && !r.deactivated && replier != Some(r.user_id),
        None => false,
    }
}

/// Whether the last e-mail about this thread, at `last_sent_at`, is too recent for another.
pub fn throttled(last_sent_at: Option<i64>, now_ms: i64) -> bool {
    last_sent_at.is_some_and(|last| now_ms - last < THROTTLE_MS)
}

fn mac(secret: &str, user: UserId) -> Hmac<Sha256> {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    // The purpose is part of the signed text, so a signature made for something else one day
    // cannot unsubscribe anyone.
    mac.update(b"reply-notices/unsubscribe/");
    mac.update(user.get().to_string().as_bytes());
    mac
}

/// The signature of a member's unsubscribe link (hex HMAC-SHA256 under the site's secret).
pub fn unsubscribe_signature(secret: &str, user: UserId) -> String {
    hex::encode(mac(secret, user).finalize().into_bytes())
}

/// Checks an unsubscribe link's signature, in constant time.
pub fn check_unsubscribe(secret: &str, user: UserId, signature: &str) -> bool {
    let Ok(bytes) = hex::decode(signature) else {
        return false;
    };
    mac(secret, user).verify_slice(&bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipient(wants: bool) -> Recipient {
        Recipient {
            user_id: UserId(1),
            wants_notices: wants,
            verified: true,
            deactivated: false,
        }
    }

    #[test]
    fn only_willing_others_are_told() {
        assert!(should_notify(Some(UserId(2)), Some(recipient(true))));
        assert!(!should_notify(Some(UserId(2)), Some(recipient(false))));
        assert!(
            !should_notify(Some(UserId(1)), Some(recipient(true))),
            "not to oneself"
        );
        assert!(!should_notify(Some(UserId(2)), None));
        let unverified = Recipient {
            verified: false,
            ..recipient(true)
        };
        assert!(!should_notify(Some(UserId(2)), Some(unverified)));
        let closed = Recipient {
            deactivated: true,
            ..recipient(true)
        };
        assert!(!should_notify(Some(UserId(2)), Some(closed)));
    }

    #[test]
    fn one_mail_an_hour_per_thread() {
        assert!(!throttled(None, 10));
        assert!(throttled(Some(0), THROTTLE_MS - 1));
        assert!(!throttled(Some(0), THROTTLE_MS));
    }

    #[test]
    fn unsubscribe_links_are_signed_per_member() {
        let sig = unsubscribe_signature("secret", UserId(7));
        assert_eq!(sig.len(), 64);
        assert!(check_unsubscribe("secret", UserId(7), &sig));
        assert!(!check_unsubscribe("secret", UserId(8), &sig));
        assert!(!check_unsubscribe("other", UserId(7), &sig));
        assert!(!check_unsubscribe("secret", UserId(7), "zz"));
        assert!(!check_unsubscribe("secret", UserId(7), ""));
    }
}
