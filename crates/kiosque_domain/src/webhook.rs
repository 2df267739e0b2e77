//! Webhooks: which article changes are events, how a delivery is signed, and when a failed
//! delivery is tried again. Sending lives elsewhere; these are the rules.

use std::sync::OnceLock;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::ArticleStatus;

/// What happened to an article, as receivers see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    Published,
    Updated,
    Unpublished,
}

impl Event {
    pub const ALL: [Event; 3] = [Event::Published, Event::Updated, Event::Unpublished];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::Published => "article.published",
            Event::Updated => "article.updated",
            Event::Unpublished => "article.unpublished",
        }
    }

    pub fn parse(s: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// What the newsroom calls the event, in the site's language.
    pub fn label(self) -> &'static str {
        // The site's language is installed once, at start, before anything is shown: labels
        // are worded once and kept, so callers hold them like the constants they were.
        static LABELS: OnceLock<[String; 3]> = OnceLock::new();
        &LABELS.get_or_init(|| Event::ALL.map(Event::word))[self as usize]
    }

    fn word(self) -> String {
        match self {
            Event::Published => kiosque_i18n::t("nr-event-published"),
            Event::Updated => kiosque_i18n::t("nr-event-updated"),
            Event::Unpublished => kiosque_i18n::t("nr-event-unpublished"),
        }
    }

    /// The event a write makes, from the article's status before (`None`: it is new) and after.
    /// Changes that readers never saw (a draft edited) are no event.
    pub fn of_write(before: Option<ArticleStatus>, after: ArticleStatus) -> Option<Event> {
        let was = before == Some(ArticleStatus::Published);
        let is = after == ArticleStatus::Published;
        match (was, is) {
            (false, true) => Some(Event::Published),
            (true, true) => Some(Event::Updated),
            (true, false) => Some(Event::Unpublished),
            (false, false) => None,
        }
    }
}

/// The value of the `Kiosque-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256>` of
/// `"<t>.<body>"` under the webhook's secret. The time inside the signed text lets receivers
/// refuse replays of an old delivery.
pub fn signature(secret: &str, unix_seconds: i64, body: &[u8]) -> String {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    mac.update(unix_seconds.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!(
        "t={unix_seconds},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

/// Checks a signature header as a receiver would (used by our tests and documented for
/// partners): constant-time comparison of the MAC.
pub fn verify_signature(secret: &str, header: &str, body: &[u8]) -> bool {
    let mut t = None;
    let mut v1 = None;
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", v)) => t = v.parse::<i64>().ok(),
            Some(("v1", v)) => v1 = hex::decode(v).ok(),
            _ => {}
        }
    }
    let (Some(t), Some(v1)) = (t, v1) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.verify_slice(&v1).is_ok()
}

/// How many times a delivery is tried before it is marked failed.
pub const MAX_ATTEMPTS: i64 = 8;

/// The wait before the next try after `attempts` failed ones: `base`, then ×4 each time
/// (30 s, 2 min, 8 min, 32 min, about 2 h, 8 h, 32 h with the default base), so a receiver
/// down for a day still gets its events. `None` once the attempts are spent.
pub fn retry_delay_ms(attempts: i64, base_ms: i64) -> Option<i64> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let exp = u32::try_from(attempts.saturating_sub(1).max(0)).unwrap_or(u32::MAX);
    Some(base_ms.saturating_mul(4_i64.saturating_pow(exp)))
}

/// Why a webhook URL is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    Invalid,
    Credentials,
    TooLong,
    /// The host is, or resolves to, an address of this machine or its private network.
    Private,
}

/// What the admin reads, in the site's language.
impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            UrlError::Invalid => kiosque_i18n::t("err-webhook-url-invalid"),
            UrlError::Credentials => kiosque_i18n::t("err-webhook-url-credentials"),
            UrlError::TooLong => kiosque_i18n::t("err-webhook-url-too-long"),
            UrlError::Private => kiosque_i18n::t("err-webhook-url-private"),
        })
    }
}

/// A webhook URL as stored: absolute http(s), with a host, no credentials, not absurdly long.
pub fn normalize_url(raw: &str) -> Result<String, UrlError> {
    let raw = raw.trim();
    if raw.len() > 2_000 {
        return Err(UrlError::TooLong);
    }
    let url = url::Url::parse(raw).map_err(|_| UrlError::Invalid)?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(UrlError::Invalid);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlError::Credentials);
    }
    Ok(url.to_string())
}

/// Whether a webhook may be sent to this address: never to this machine, its private or
/// link-local networks (the cloud's metadata service at 169.254.169.254), multicast, or the
/// unspecified address (which connects to this machine). IPv6 forms of IPv4 addresses (mapped,
/// compatible, NAT64, 6to4) are judged by the IPv4 address they carry.
pub fn forbidden_ip(ip: std::net::IpAddr) -> bool {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = embedded_v4(v6) {
                return forbidden_v4(v4);
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                // unique local fc00::/7, link-local fe80::/10, site-local fec0::/10
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || (first & 0xffc0) == 0xfec0
                // documentation 2001:db8::/32
                || (first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

fn forbidden_v4(v4: std::net::Ipv4Addr) -> bool {
    let [a, b, ..] = v4.octets();
    v4.is_loopback()
        || v4.is_private()
        || v4.is_link_local()
        || v4.is_multicast()
        || v4.is_unspecified()
        || v4.is_broadcast()
        || v4.is_documentation()
        // "this network" 0.0.0.0/8, shared address space 100.64.0.0/10 (carrier NAT),
        // benchmarking 198.18.0.0/15, reserved 240.0.0.0/4
        || a == 0
        || (a == 100 && (b & 0xc0) == 64)
        || (a == 198 && (b & 0xfe) == 18)
        || a >= 240
}

/// The IPv4 address an IPv6 address stands for, if it is one of the forms that carry one.
fn embedded_v4(v6: std::net::Ipv6Addr) -> Option<std::net::Ipv4Addr> {
    let s = v6.segments();
    let tail = std::net::Ipv4Addr::new(
        (s[6] >> 8) as u8,
        (s[6] & 0xff) as u8,
        (s[7] >> 8) as u8,
        (s[7] & 0xff) as u8,
    );
    if let Some(v4) = v6.to_ipv4_mapped() {
        return Some(v4);
    }
    // ::a.b.c.d (deprecated "compatible" form), but not :: and ::1 themselves.
    if s[..6].iter().all(|x| *x == 0) && !(s[6] == 0 && s[7] <= 1) {
        return Some(tail);
    }
    // NAT64 64:ff9b::/96
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6].iter().all(|x| *x == 0) {
        return Some(tail);
    }
    // 6to4 2002:a.b.c.d::/48
    if s[0] == 0x2002 {
        return Some(std::net::Ipv4Addr::new(
            (s[1] >> 8) as u8,
            (s[1] & 0xff) as u8,
            (s[2] >> 8) as u8,
            (s[2] & 0xff) as u8,
        ));
    }
    None
}

/// The Standard Webhooks signing key of a webhook secret (<https://www.standardwebhooks.com/>):
/// the base64 text after `whsec_`, decoded. Kiosque's secrets are `whsec_` and 64 hex digits,
/// which are valid base64 (48 bytes), so the secret shown once in the back office is used as
/// is by the Standard Webhooks libraries. A secret that is not base64 signs with its bytes.
pub fn standard_key(secret: &str) -> Vec<u8> {
    use base64::Engine;
    let text = secret.strip_prefix("whsec_").unwrap_or(secret);
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap_or_else(|_| secret.as_bytes().to_vec())
}

/// The Standard Webhooks `webhook-signature` header: `v1,<base64 HMAC-SHA256>` of
/// `"{id}.{timestamp}.{body}"` under [`standard_key`].
pub fn standard_signature(secret: &str, id: &str, unix_seconds: i64, body: &[u8]) -> String {
    use base64::Engine;
    let mut mac = match Hmac::<Sha256>::new_from_slice(&standard_key(secret)) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(unix_seconds.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ArticleStatus::*;

    #[test]
    fn each_label_is_kept_for_its_own_event() {
        for event in Event::ALL {
            assert_eq!(event.label(), event.word(), "{event:?}");
        }
        assert_eq!(Event::Unpublished.label(), "Article dépublié");
    }

    #[test]
    fn only_changes_readers_saw_are_events() {
        assert_eq!(Event::of_write(None, Published), Some(Event::Published));
        assert_eq!(
            Event::of_write(Some(Draft), Published),
            Some(Event::Published)
        );
        assert_eq!(
            Event::of_write(Some(Published), Published),
            Some(Event::Updated)
        );
        assert_eq!(
            Event::of_write(Some(Published), Unpublished),
            Some(Event::Unpublished)
        );
        assert_eq!(
            Event::of_write(Some(Published), Draft),
            Some(Event::Unpublished)
        );
        assert_eq!(Event::of_write(Some(Draft), InReview), None);
        assert_eq!(Event::of_write(None, Draft), None);
    }

    #[test]
    fn a_signature_verifies_and_a_tampered_body_does_not() {
        let sig = signature("s3cret", 1_700_000_000, b"{\"a\":1}");
        assert!(sig.starts_with("t=1700000000,v1="));
        assert!(verify_signature("s3cret", &sig, b"{\"a\":1}"));
        assert!(!verify_signature("s3cret", &sig, b"{\"a\":2}"));
        assert!(!verify_signature("other", &sig, b"{\"a\":1}"));
        assert!(!verify_signature("s3cret", "v1=zz", b"{\"a\":1}"));
    }

    #[test]
    fn signature_matches_a_reference_hmac() {
        // HMAC-SHA256("key", "1.The quick brown fox"), computed independently with
        // `printf '1.The quick brown fox' | openssl dgst -sha256 -hmac key`.
        let sig = signature("key", 1, b"The quick brown fox");
        assert_eq!(
            sig,
            "t=1,v1=1ef269d2a2a1f8d397e0e25c3e3013fb5687509234565e6e49ea45a138768457"
        );
    }

    #[test]
    fn retries_back_off_then_stop() {
        assert_eq!(retry_delay_ms(1, 30_000), Some(30_000));
        assert_eq!(retry_delay_ms(2, 30_000), Some(120_000));
        assert_eq!(retry_delay_ms(3, 30_000), Some(480_000));
        assert_eq!(retry_delay_ms(MAX_ATTEMPTS, 30_000), None);
    }

    #[test]
    fn internal_addresses_are_forbidden() {
        for a in [
            "127.0.0.1",
            "127.1.2.3",
            "0.0.0.0",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "224.0.0.1",
            "255.255.255.255",
            "100.64.0.1",
            "::1",
            "::",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "fc00::1",
            "fd12::1",
            "fe80::1",
            "ff02::1",
        ] {
            let ip: std::net::IpAddr = a.parse().expect("an address");
            assert!(forbidden_ip(ip), "{a}");
        }
        for a in [
            "93.184.216.34",
            "8.8.8.8",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            let ip: std::net::IpAddr = a.parse().expect("an address");
            assert!(!forbidden_ip(ip), "{a}");
        }
    }

    #[test]
    fn the_standard_signature_matches_the_specification_example() {
        // The example of the Standard Webhooks specification's reference implementations.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            standard_signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn urls_are_checked() {
        assert_eq!(
            normalize_url(" https://partner.example/hook ").as_deref(),
            Ok("https://partner.example/hook")
        );
        assert_eq!(normalize_url("ftp://x.example/"), Err(UrlError::Invalid));
        assert_eq!(normalize_url("/relative"), Err(UrlError::Invalid));
        assert_eq!(
            normalize_url("https://u:p@x.example/"),
            Err(UrlError::Credentials)
        );
        assert_eq!(
            normalize_url(&format!("https://x.example/{}", "a".repeat(2_100))),
            Err(UrlError::TooLong)
        );
    }
}
