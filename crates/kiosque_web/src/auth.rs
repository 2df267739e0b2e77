//! Who is asking: sessions (a random secret in an `HttpOnly` cookie, its SHA-256 in the
//! database), CSRF tokens, password hashing, and the extractors handlers use.
//!
//! CSRF: a logged-in member's forms carry their session's token; anonymous forms (log-in,
//! sign-up, reset) carry a token that must equal the `kiosque_csrf` cookie (double submit).
//! Every state-changing request must also not come from another site (`Origin`,
//! `Sec-Fetch-Site`).

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use kiosque_store::UserRow;
use sha2::{Digest, Sha256};

use crate::slots::{Personal, Session};
use crate::{AppError, AppState};

pub const SESSION_COOKIE: &str = "kiosque_session";
pub const CSRF_COOKIE: &str = "kiosque_csrf";
/// The names used with an https public URL: a `__Host-` cookie is only accepted by browsers
/// when `Secure`, with `Path=/` and no `Domain`, so no other site (a subdomain, a network
/// attacker over http) can set or shadow it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-kiosque_session";
pub const SECURE_CSRF_COOKIE: &str = "__Host-kiosque_csrf";

/// The session cookie's name: prefixed when the site is served over https.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The anonymous CSRF cookie's name: prefixed when the site is served over https.
pub fn csrf_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_CSRF_COOKIE
    } else {
        CSRF_COOKIE
    }
}
/// Sessions last 30 days.
pub const SESSION_DAYS: i64 = 30;

/// A random token: 32 bytes from the OS, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source does not fail on the platforms we run on; if it ever did, refusing
    // to hand out predictable tokens is the only safe answer.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    hex::encode(bytes)
}

/// What is stored for a secret: its SHA-256, so a copy of the database gives no live secret.
pub fn hash_secret(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    let mut out = [0u8; 64];
    // Into a buffer of exactly the digest's hex length (which cannot fail): several times
    // faster than `hex::encode`'s char by char, and this runs on each member's hit of a page.
    match hex::encode_to_slice(digest, &mut out)
        .ok()
        .and_then(|()| std::str::from_utf8(&out).ok())
    {
        Some(hex) => hex.to_owned(),
        None => hex::encode(digest),
    }
}

/// Hashes a password with argon2id (off the async threads: it is deliberately slow).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("argon2: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("hashing task: {e}")))?
}

/// Checks a password against a stored hash; `None` checks against a dummy hash so that an
/// unknown address takes as long as a known one.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
        PasswordHash::new(&stored)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::encode_b64(b"kiosque-dummy-salt").ok();
        salt.and_then(|s| {
            Argon2::default()
                .hash_password(b"not a password", &s)
                .ok()
                .map(|h| h.to_string())
        })
        // Hashing a constant cannot fail in practice; should it, an empty hash still makes
        // every log-in with an unknown address fail (only its timing would differ).
        .unwrap_or_default()
    })
}

/// The member behind a request, if logged in.
#[derive(Clone, Debug)]
pub struct Member {
    pub user: UserRow,
    pub csrf: String,
    pub session_hash: String,
}

/// The request's member, if any, and its cookies.
pub struct MaybeMember {
    pub member: Option<Member>,
    pub jar: CookieJar,
}

impl FromRequestParts<AppState> for MaybeMember {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let jar = CookieJar::from_headers(&parts.headers);
        let member = member_from_headers(state, &parts.headers).await?;
        Ok(MaybeMember { member, jar })
    }
}

/// The member of a session cookie in these headers, if any.
pub async fn member_from_headers(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Member>, AppError> {
    let name = session_cookie_name(state.config().secure_cookies());
    let Some(token) = session_token(headers, name) else {
        return Ok(None);
    };
    let hash = hash_secret(token);
    Ok(state
        .store()
        .session_user(&hash)
        .await?
        .map(|(user, csrf)| Member {
            user,
            csrf,
            session_hash: hash,
        }))
}

/// The session of the request's cookie, from the node's memory when it holds it (kept exact
/// by the change log, `members.rs`), looked up once per request whichever slot asks first:
/// what the personal slots of cached pages are filled from, without a query on a hit.
pub async fn session_cached<'p>(
    state: &AppState,
    personal: &'p Personal,
) -> Result<Option<&'p Session>, AppError> {
    personal
        .session(|| async {
            let name = session_cookie_name(state.config().secure_cookies());
            let Some(token) = session_token(personal.headers(), name) else {
                return Ok(None);
            };
            let hash = hash_secret(token);
            let member = state.members().session(state.store(), &hash).await?;
            Ok::<_, AppError>(member.map(|member| Session { member, hash }))
        })
        .await
}

/// The member of the request's session, with their reply-mail choice (see [`session_cached`]).
pub async fn member_cached(
    state: &AppState,
    personal: &Personal,
) -> Result<Option<(Member, bool)>, AppError> {
    Ok(session_cached(state, personal).await?.map(|s| {
        let member = Member {
            user: s.member.user.clone(),
            csrf: s.member.csrf.clone(),
            session_hash: s.hash.clone(),
        };
        (member, s.member.notify_replies)
    }))
}

/// The value of the last cookie called `name`, if it has a session token's length. Read
/// without parsing every cookie: this runs on each member's hit of a cached page, and a token
/// (hex) is never percent-encoded.
fn session_token<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .filter(|(n, _)| *n == name)
        .map(|(_, value)| value)
        .next_back()
        .filter(|value| value.len() == 64)
}

impl MaybeMember {
    /// The CSRF token to put in a form, and the jar to send back (with a new anonymous token
    /// cookie when there was none).
    pub fn csrf(&self, state: &AppState) -> (String, CookieJar) {
        if let Some(m) = &self.member {
            return (m.csrf.clone(), self.jar.clone());
        }
        // A fresh signed token for every form; the cookie is set once and then kept, and any
        // valid one goes with any valid form token (see `csrf_token`).
        let secure = state.config().secure_cookies();
        let now = chrono::Utc::now().timestamp();
        let token = crate::csrf_token::issue(now);
        if self
            .anonymous_cookie()
            .is_some_and(|c| crate::csrf_token::is_valid(c, now))
        {
            return (token, self.jar.clone());
        }
        let cookie = Cookie::build((csrf_cookie_name(secure), token.clone()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(secure)
            .build();
        (token, self.jar.clone().add(cookie))
    }

    /// The anonymous CSRF cookie, under either name (the site may have moved to https).
    fn anonymous_cookie(&self) -> Option<&str> {
        self.jar
            .get(SECURE_CSRF_COOKIE)
            .or_else(|| self.jar.get(CSRF_COOKIE))
            .map(|c| c.value())
    }

    /// Refuses a form whose token does not match (and any cross-site request).
    pub fn check_csrf(&self, headers: &HeaderMap, token: &str) -> Result<(), AppError> {
        check_same_site(headers)?;
        let ok = match &self.member {
            Some(m) => !token.is_empty() && constant_eq(m.csrf.as_bytes(), token.as_bytes()),
            // The `SameSite=Strict` cookie proves the request comes from the site's own pages;
            // the signed token in the form, that the form was the site's.
            None => {
                let now = chrono::Utc::now().timestamp();
                self.anonymous_cookie()
                    .is_some_and(|c| crate::csrf_token::is_valid(c, now))
                    && crate::csrf_token::is_valid(token, now)
            }
        };
        if ok {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Browsers say where a request comes from; a form posted from another site is refused.
pub fn check_same_site(headers: &HeaderMap) -> Result<(), AppError> {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return Err(AppError::Csrf);
    }
    if let (Some(origin), Some(host)) = (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
        if origin != "null" && origin_host != host {
            return Err(AppError::Csrf);
        }
    }
    Ok(())
}

/// The session cookie for a new session secret.
pub fn session_cookie(secret: String, secure: bool) -> Cookie<'static> {
    Cookie::build((session_cookie_name(secure), secret))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time_days(SESSION_DAYS))
        .build()
}

/// A cookie that removes `name` (a `__Host-` one is only accepted `Secure`).
pub fn removal_cookie(name: &'static str) -> Cookie<'static> {
    Cookie::build((name, ""))
        .path("/")
        .secure(name.starts_with("__Host-"))
        .max_age(time_days(0))
        .build()
}

fn time_days(days: i64) -> time::Duration {
    time::Duration::days(days)
}

/// A local path to return to after logging in; anything else (another site, `//host`) is
/// replaced by the home page.
pub fn safe_return(path: Option<&str>) -> String {
    local_return(path).unwrap_or_else(|| "/".to_owned())
}

/// The path itself when it stays on this site (a path from its root, not `//host`, no
/// backslash or control character, bounded), `None` otherwise: what sign-up carries through the
/// verification link.
pub fn local_return(path: Option<&str>) -> Option<String> {
    match path {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && p.len() <= 512
                && !p.contains('\\')
                && !p.chars().any(char::is_control) =>
        {
            Some(p.to_owned())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_token_is_the_last_cookie_of_its_exact_name() {
        let token = "a".repeat(64);
        let other = "b".repeat(64);
        let mut h = HeaderMap::new();
        assert_eq!(session_token(&h, SESSION_COOKIE), None);
        h.append(
            header::COOKIE,
            format!("xkiosque_session={other}; kiosque_csrf=z")
                .parse()
                .expect("header"),
        );
        assert_eq!(session_token(&h, SESSION_COOKIE), None);
        h.append(
            header::COOKIE,
            format!("kiosque_session={other};kiosque_session={token}")
                .parse()
                .expect("header"),
        );
        assert_eq!(session_token(&h, SESSION_COOKIE), Some(token.as_str()));
        assert_eq!(session_token(&h, SECURE_SESSION_COOKIE), None);
        let short = HeaderMap::from_iter([(
            header::COOKIE,
            "kiosque_session=abc".parse().expect("header"),
        )]);
        assert_eq!(session_token(&short, SESSION_COOKIE), None);
    }

    #[test]
    fn a_secret_hashes_to_its_sha256_in_hex() {
        assert_eq!(
            hash_secret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let a = random_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token());
        assert_eq!(hash_secret("x").len(), 64);
        assert_ne!(hash_secret(&a), a);
    }

    #[test]
    fn return_paths_stay_on_the_site() {
        assert_eq!(
            safe_return(Some("/monde/x_1.html#commentaires")),
            "/monde/x_1.html#commentaires"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "javascript:x",
        ] {
            assert_eq!(safe_return(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_return(None), "/");
        assert_eq!(local_return(Some("https://evil.example")), None);
        assert_eq!(local_return(Some("//evil.example/x")), None);
        assert_eq!(local_return(Some("")), None);
        assert_eq!(
            local_return(Some("/monde/x_1.html#ecrire")).as_deref(),
            Some("/monde/x_1.html#ecrire")
        );
    }

    #[test]
    fn cross_site_posts_are_refused() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "kiosque.local".parse().expect("header"));
        h.insert(
            header::ORIGIN,
            "https://kiosque.local".parse().expect("header"),
        );
        assert!(check_same_site(&h).is_ok());
        h.insert(
            header::ORIGIN,
            "https://evil.example".parse().expect("header"),
        );
        assert!(check_same_site(&h).is_err());
        let mut h = HeaderMap::new();
        h.insert("sec-fetch-site", "cross-site".parse().expect("header"));
        assert!(check_same_site(&h).is_err());
    }

    #[tokio::test]
    async fn passwords_hash_and_verify() {
        let h = hash_password("Mésange bleue 42".into())
            .await
            .expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("Mésange bleue 42".into(), Some(h.clone())).await);
        assert!(!verify_password("autre".into(), Some(h)).await);
        assert!(!verify_password("autre".into(), None).await);
    }
}
