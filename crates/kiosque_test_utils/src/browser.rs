//! A visitor of the subprocess server: a reqwest client with a cookie jar, and a logged-in
//! account built on it.

use std::time::Duration;

use crate::cookies::Jar;
use crate::page::Page;

/// A browser: keeps the cookies the site sets and sends them back; follows no redirect.
pub struct Browser {
    pub base: String,
    http: reqwest::Client,
    cookies: Jar,
}

impl Browser {
    /// A new visitor of the site at `base`, with an empty cookie jar. Its requests may wait
    /// long: password hashing is slow in a debug build, and rate-limit tests send many log-ins
    /// at once.
    pub fn new(base: &str) -> Browser {
        Browser {
            base: base.to_owned(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(60))
                .build()
                .expect("client"),
            cookies: Jar::default(),
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

    /// Sends a request with the jar's cookies and keeps the cookies of the answer.
    pub async fn send(&self, req: reqwest::RequestBuilder, what: &str) -> reqwest::Response {
        let req = match self.cookies.header() {
            Some(c) => req.header("cookie", c),
            None => req,
        };
        let res = req.send().await.unwrap_or_else(|e| panic!("{what}: {e}"));
        self.cookies.keep(res.headers());
        res
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The underlying client, to build requests that [`Browser::send`] then sends.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub async fn get(&self, path: &str) -> Page {
        let what = format!("GET {path}");
        let res = self.send(self.http.get(self.url(path)), &what).await;
        Page::read(res, &what).await
    }

    /// GETs a page until `done` holds for it (the server follows some changes within a few
    /// hundred milliseconds); at most about 5 s. Returns the last page seen.
    pub async fn get_until(&self, path: &str, done: impl Fn(&Page) -> bool) -> Page {
        let mut page = self.get(path).await;
        for _ in 0..50 {
            if done(&page) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            page = self.get(path).await;
        }
        page
    }

    /// POSTs a form (`application/x-www-form-urlencoded`).
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let what = format!("POST {path}");
        let res = self
            .send(self.http.post(self.url(path)).form(form), &what)
            .await;
        Page::read(res, &what).await
    }

    /// POSTs a form as the comment script does, asking for a JSON answer.
    pub async fn post_json(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let what = format!("POST {path} (JSON)");
        let res = self
            .send(
                self.http
                    .post(self.url(path))
                    .header("accept", "application/json")
                    .form(form),
                &what,
            )
            .await;
        Page::read(res, &what).await
    }

    /// The CSRF token of the form of a page (GET, which also sets the anonymous token cookie).
    pub async fn csrf(&self, path: &str) -> String {
        let page = self.get(path).await;
        assert_eq!(page.status, 200, "GET {path} for its form: {}", page.body);
        page.csrf()
            .unwrap_or_else(|| panic!("no csrf field in {path}: {}", page.body))
    }
}

/// A logged-in account and its browser.
pub struct Member {
    pub browser: Browser,
    pub name: String,
    pub email: String,
    pub password: String,
}

impl Member {
    /// The session's CSRF token, from a page rendered for the member.
    pub async fn csrf(&self) -> String {
        self.browser.csrf("/compte").await
    }

    /// The member's account id, from their data export.
    pub async fn id(&self) -> i64 {
        let page = self.browser.get("/compte/export").await;
        assert_eq!(page.status, 200, "export: {}", page.body);
        page.json()["account"]["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("no account id in {}", page.body))
    }
}
