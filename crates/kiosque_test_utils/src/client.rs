//! A browser that calls the router in-process: no socket, no server process. It keeps cookies,
//! and fills in the CSRF token of forms itself, like a person submitting a form they were shown.

use std::net::SocketAddr;
use std::sync::Mutex;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderValue, Method, Request};
use axum::Router;
use tower::ServiceExt;

use crate::cookies::{Jar, SESSION_COOKIE};
use crate::page::Page;

/// The host name the in-process site answers as (its public URL is `http://` + this).
pub const HOST: &str = "kiosque.test";

pub struct Client {
    router: Router,
    addr: SocketAddr,
    cookies: Jar,
    /// The `csrf` field of the last HTML page that had one.
    csrf: Mutex<Option<String>>,
}

impl Client {
    /// A visitor with an empty cookie jar, connecting from `addr` (what rate limits count).
    pub fn new(router: Router, addr: SocketAddr) -> Client {
        Client {
            router,
            addr,
            cookies: Jar::default(),
            csrf: Mutex::new(None),
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.get(name)
    }

    /// Puts a cookie in the jar, as if the site (or someone else) had set it.
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies.set(name, value);
    }

    pub fn forget_cookie(&self, name: &str) {
        self.cookies.remove(name);
    }

    /// The CSRF token the next form will carry: that of the last HTML page with a form.
    pub fn csrf(&self) -> Option<String> {
        self.csrf.lock().expect("csrf").clone()
    }

    pub async fn get(&self, path: &str) -> Page {
        self.send(request(Method::GET, path).body(Body::empty()))
            .await
    }

    /// POSTs a form as a browser on the site's own page would: same-origin headers, and the
    /// CSRF token of the last page when the form has no `csrf` field. A test that wants to
    /// send a wrong or empty token passes its own `csrf` field.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let mut fields = form.to_vec();
        let token;
        if !form.iter().any(|(name, _)| *name == "csrf") {
            token = self.csrf().unwrap_or_else(|| {
                panic!("POST {path}: no CSRF token known yet; GET the page of the form first")
            });
            fields.push(("csrf", &token));
        }
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let req = request(Method::POST, path)
            .header(header::ORIGIN, format!("http://{HOST}"))
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body));
        self.send(req).await
    }

    /// Sends any request (built with [`request`]) with the jar's cookies and the client's
    /// address, and reads the whole answer: not for endless streams such as live comments.
    pub async fn send(&self, req: Result<Request<Body>, axum::http::Error>) -> Page {
        let mut req = req.expect("a well-formed request");
        let what = format!("{} {}", req.method(), req.uri());
        if let Some(c) = self.cookies.header() {
            let value = HeaderValue::from_str(&c).expect("cookie header");
            req.headers_mut().insert(header::COOKIE, value);
        }
        req.extensions_mut().insert(ConnectInfo(self.addr));
        let res = match self.router.clone().oneshot(req).await {
            Ok(res) => res,
            Err(never) => match never {},
        };
        let (parts, body) = res.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_else(|e| panic!("{what}: body: {e}"));
        self.keep(&parts.headers);
        let page = Page::new(
            parts.status.as_u16(),
            parts.headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        );
        if let Some(token) = page.is_html().then(|| page.csrf()).flatten() {
            *self.csrf.lock().expect("csrf") = Some(token);
        }
        page
    }

    /// Keeps the answer's cookies. A new or ended session makes the remembered token stale
    /// (members' forms carry their session's token, visitors' that of their cookie).
    fn keep(&self, headers: &axum::http::HeaderMap) {
        let session = self.cookies.get(SESSION_COOKIE);
        self.cookies.keep(headers);
        if self.cookies.get(SESSION_COOKIE) != session {
            *self.csrf.lock().expect("csrf") = None;
        }
    }
}

/// A request to a path of the in-process site, with its `Host`, to finish with `.body(…)`.
pub fn request(method: Method, path: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, HOST)
}
