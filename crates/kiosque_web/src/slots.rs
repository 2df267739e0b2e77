//! The header's account slot: every page's header holds the link to "Mon espace" between two
//! markers, and a logged-in member gets their own link (their name) in its place, on the way
//! out. Pages thus stay the same bytes for everyone until the last moment: the page cache keeps
//! the visitor's version and fills the slot per request (`cache.rs`), and personal pages, which
//! no cache keeps, are filled here by [`personal_pages`].
//!
//! A visitor's request (no session cookie) costs nothing: no lookup, the bytes as rendered.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::future::BoxFuture;
use kiosque_store::SessionMember;

/// Where the account slot starts, and where it ends: the visitor's link sits between.
pub const ACCOUNT_START: &str = "<!--kiosque:slot account-->";
pub const ACCOUNT_END: &str = "<!--/kiosque:slot account-->";

/// Largest personal page body rewritten; anything bigger goes out as rendered.
const MAX_BODY: usize = 4 * 1024 * 1024;

/// The member's own header link. The web layer registers it, so that infrastructure never
/// calls up into a handler.
pub trait AccountFiller: Send + Sync {
    /// The fragment that replaces the visitor's link for the `personal` request, or `None` for
    /// a visitor: the page then goes out unchanged.
    fn fill<'a>(
        &'a self,
        personal: &'a Personal,
    ) -> BoxFuture<'a, Result<Option<String>, Response>>;
}

/// Who is asking, as the personal slots see them: the request's cookies, and its session once
/// a filler has looked it up. A member's page has several fillers (the header's link, the
/// comment area); the session is looked up once for all of them.
pub struct Personal {
    headers: HeaderMap,
    session: tokio::sync::OnceCell<Option<Session>>,
}

/// A live session: its member, and the SHA-256 of its token (what the store knows it by).
pub struct Session {
    pub member: Arc<SessionMember>,
    pub hash: String,
}

impl Personal {
    /// The request's cookies only (HTTP/2 clients may split them over several headers).
    pub fn of(headers: &HeaderMap) -> Self {
        let mut kept = HeaderMap::new();
        for cookie in headers.get_all(header::COOKIE) {
            kept.append(header::COOKIE, cookie.clone());
        }
        Personal {
            headers: kept,
            session: tokio::sync::OnceCell::new(),
        }
    }

    /// A visitor: no cookies.
    pub fn visitor() -> Self {
        Personal::of(&HeaderMap::new())
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The request's session, from `lookup` the first time it is asked for.
    pub async fn session<E, F, Fut>(&self, lookup: F) -> Result<Option<&Session>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Option<Session>, E>>,
    {
        Ok(self.session.get_or_try_init(lookup).await?.as_ref())
    }
}

/// The account slot of a body, markers included: (start, end).
pub fn find_account(body: &[u8]) -> Option<(usize, usize)> {
    let find = |needle: &[u8], from: usize| {
        body.get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let start = find(ACCOUNT_START.as_bytes(), 0)?;
    let end = find(ACCOUNT_END.as_bytes(), start)? + ACCOUNT_END.len();
    Some((start, end))
}

/// Whether a request may be a member's: it carries a session cookie. Anything else is a
/// visitor, answered without asking the filler.
pub fn may_be_member(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|c| {
            let c = c.trim_start();
            c.starts_with("kiosque_session=") || c.starts_with("__Host-kiosque_session=")
        })
}

/// Fills the account slot of personal pages (account pages, the newsroom, error pages): those
/// answered `Cache-Control: no-store` as HTML. Cached public pages are filled by the page
/// cache, which also accounts for the slot in their ETag.
pub async fn personal_pages(
    State(filler): State<Arc<dyn AccountFiller>>,
    req: Request,
    next: Next,
) -> Response {
    if !may_be_member(req.headers()) {
        return next.run(req).await;
    }
    let personal = Personal::of(req.headers());
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    let no_store = res
        .headers()
        .get(header::CACHE_CONTROL)
        .is_some_and(|v| v.as_bytes() == b"no-store");
    if !html || !no_store {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "personal page body could not be buffered");
            return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let Some((start, end)) = find_account(&body) else {
        return Response::from_parts(parts, Body::from(body));
    };
    let fragment = match filler.fill(&personal).await {
        Ok(Some(f)) => f,
        Ok(None) => return Response::from_parts(parts, Body::from(body)),
        Err(res) => return res,
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(splice(&body, start, end, &fragment)))
}

/// `body` with `start..end` replaced by `fragment`.
pub fn splice(body: &[u8], start: usize, end: usize, fragment: &str) -> Bytes {
    let mut out = Vec::with_capacity(body.len() + fragment.len());
    out.extend_from_slice(&body[..start]);
    out.extend_from_slice(fragment.as_bytes());
    out.extend_from_slice(&body[end..]);
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_slot_is_found_and_replaced() {
        let body =
            b"<a>x</a><!--kiosque:slot account--><a>Mon espace</a><!--/kiosque:slot account--><p>";
        let (start, end) = find_account(body).expect("slot");
        assert_eq!(
            &splice(body, start, end, "<a>Alice</a>")[..],
            b"<a>x</a><a>Alice</a><p>"
        );
        assert_eq!(find_account(b"<!--kiosque:slot account--> no end"), None);
        assert_eq!(find_account(b"<p>rien</p>"), None);
    }

    use axum::http::HeaderValue;

    #[test]
    fn only_a_session_cookie_makes_a_member() {
        let mut h = HeaderMap::new();
        assert!(!may_be_member(&h));
        h.append(header::COOKIE, HeaderValue::from_static("kiosque_csrf=abc"));
        assert!(!may_be_member(&h));
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; kiosque_session=x"),
        );
        assert!(may_be_member(&h));
    }

    #[tokio::test]
    async fn the_session_is_looked_up_once_per_request() {
        let personal = Personal::of(&HeaderMap::new());
        let lookups = std::sync::atomic::AtomicUsize::new(0);
        for _ in 0..3 {
            let found = personal
                .session(|| async {
                    lookups.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    Ok::<_, ()>(None)
                })
                .await;
            assert!(matches!(found, Ok(None)));
        }
        assert_eq!(lookups.load(std::sync::atomic::Ordering::Relaxed), 1);
    }
}
