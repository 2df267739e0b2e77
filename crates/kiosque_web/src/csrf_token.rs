//! Anonymous CSRF tokens (log-in, sign-up, reset forms) that do not depend on which cookie a
//! browser ended up with: each token is signed with the site's key (shared by every node,
//! kept in the database) and carries its expiry. Two tabs opened at once each get their own
//! token and cookie; whichever cookie the browser keeps, both forms still post, because the
//! check is "a valid token in the form, and a valid token in the `SameSite=Strict` cookie"
//! (which a cross-site request never carries), not "the same token twice".

use std::sync::OnceLock;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long a form may stay open before posting it needs a reload.
const LIFETIME_SECS: i64 = 7 * 86_400;

static KEY: OnceLock<Vec<u8>> = OnceLock::new();

/// Installs the site's key (the first call wins; every node reads the same one from the
/// database). Without it, a process-local key is made: fine for one node.
pub fn install_key(key: &str) {
    let _ = KEY.set(key.as_bytes().to_vec());
}

fn random_hex<const N: usize>() -> String {
    let mut bytes = [0u8; N];
    // As for session ids: refusing to hand out predictable tokens is the only safe answer.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    hex::encode(bytes)
}

fn key() -> &'static [u8] {
    KEY.get_or_init(|| random_hex::<32>().into_bytes())
}

fn mac(payload: &str) -> Option<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key()).ok()?;
    mac.update(payload.as_bytes());
    Some(mac)
}

/// A new token: `expiry.nonce.signature`, all hex.
pub fn issue(now_secs: i64) -> String {
    let payload = format!("{:x}.{}", now_secs + LIFETIME_SECS, random_hex::<16>());
    let sig = mac(&payload)
        .map(|m| hex::encode(m.finalize().into_bytes()))
        .unwrap_or_default();
    format!("{payload}.{sig}")
}

/// A new key for a site, to store once.
pub fn new_key() -> String {
    random_hex::<32>()
}

/// Whether this token was issued by the site (any node) and has not expired.
pub fn is_valid(token: &str, now_secs: i64) -> bool {
    if token.len() > 200 {
        return false;
    }
    let Some((payload, sig)) = token.rsplit_once('.') else {
        return false;
    };
    let Some((expiry, _nonce)) = payload.split_once('.') else {
        return false;
    };
    let Ok(expiry) = i64::from_str_radix(expiry, 16) else {
        return false;
    };
    let (Some(mac), Ok(sig)) = (mac(payload), hex::decode(sig)) else {
        return false;
    };
    // Constant time: the comparison tells nothing about how close a forgery came.
    expiry >= now_secs && mac.verify_slice(&sig).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_signed_and_expire() {
        let t = issue(1_000);
        assert!(is_valid(&t, 1_000));
        assert_ne!(t, issue(1_000));
        assert!(!is_valid(&t, 1_000 + LIFETIME_SECS + 1));
        // The last digit changed (to one it is not: a fixed "0" left a token ending in 0 valid).
        let last = if t.ends_with('0') { "1" } else { "0" };
        let forged = format!("{}{last}", &t[..t.len() - 1]);
        assert!(!is_valid(&forged, 1_000));
        let later = t.replacen(&format!("{:x}", 1_000 + LIFETIME_SECS), "fffffff", 1);
        assert!(!is_valid(&later, 1_000));
        for bad in ["", "abc", "a.b", "a.b.c", &"f".repeat(64)] {
            assert!(!is_valid(bad, 0), "{bad}");
        }
    }
}
