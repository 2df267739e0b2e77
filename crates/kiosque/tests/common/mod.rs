//! Starts the real `kiosque` binary on a free loopback port, on SQLite or PostgreSQL, and talks
//! HTTP to it. The server is stopped (SIGTERM) when the handle drops.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_kiosque");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where a test's site keeps its data: a temp folder, and a fresh PostgreSQL database when the
/// backend is PostgreSQL.
pub struct Site {
    pub dir: tempfile::TempDir,
    pub database_url: Option<String>,
}

impl Site {
    /// `None` when the PostgreSQL half is skipped (no TEST_DATABASE_URL).
    pub async fn new(backend: Backend) -> Option<Site> {
        let database_url = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(kiosque_test_utils::fresh_postgres_url().await?),
        };
        Some(Site {
            dir: tempfile::tempdir().expect("temp dir"),
            database_url,
        })
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// A `kiosque` command on this site's data.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.arg("--data-dir").arg(self.data_dir());
        cmd.env_remove("DATABASE_URL")
            .env_remove("KIOSQUE_LISTEN")
            .env_remove("KIOSQUE_DATA_DIR")
            .env("KIOSQUE_LOG", "warn");
        if let Some(url) = &self.database_url {
            cmd.env("DATABASE_URL", url);
        }
        cmd
    }

    pub fn start(&self) -> Server {
        self.start_with(&[])
    }

    /// Starts the server with every rate-limit quota multiplied by 1000, so that tests that are
    /// not about rate limits can send as many requests as they need from 127.0.0.1.
    pub fn start_relaxed(&self) -> Server {
        self.start_with(&["--rate-limit-factor", "1000"])
    }

    /// Starts the server with extra `serve` arguments.
    pub fn start_with(&self, args: &[&str]) -> Server {
        let mut child = self
            .command()
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start kiosque serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the first line");
        let base = line
            .trim()
            .strip_prefix("Kiosque is serving on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        Server {
            child: Some(child),
            base,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(20))
                .build()
                .expect("client"),
            data_dir: self.data_dir(),
        }
    }

    /// Runs `kiosque user create` with these arguments, the password on standard input.
    pub fn create_user(&self, args: &[&str], password: &str) -> std::process::Output {
        use std::io::Write;
        let mut child = self
            .command()
            .args(["user", "create"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kiosque user create");
        {
            let mut stdin = child.stdin.take().expect("stdin");
            // The command may refuse its arguments before reading: a closed pipe is fine.
            let _ = writeln!(stdin, "{password}");
        }
        child
            .wait_with_output()
            .expect("wait for kiosque user create")
    }

    pub fn store_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| kiosque_store::sqlite_url(&self.data_dir().join("kiosque.db")))
    }
}

pub struct Server {
    child: Option<Child>,
    pub base: String,
    pub http: reqwest::Client,
    /// The site's data folder (its mail goes to `outbox/` inside).
    pub data_dir: PathBuf,
}

pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: Option<String>,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    async fn read(res: reqwest::Response, what: &str) -> Page {
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let status = res.status().as_u16();
        let location = header("location");
        let content_type = header("content-type");
        let headers = res.headers().clone();
        let body = res
            .text()
            .await
            .unwrap_or_else(|e| panic!("{what}: body: {e}"));
        Page {
            status,
            location,
            content_type,
            headers,
            body,
        }
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every `Set-Cookie` header of the response.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }

    /// The text a reader sees, typography undone and white space collapsed (see [`norm`]).
    pub fn text(&self) -> String {
        norm(&self.html().root_element().text().collect::<String>())
    }

    /// The text of the page's `main` element, as [`Page::text`].
    pub fn main_text(&self) -> String {
        let html = self.html();
        select(&html, "main")
            .first()
            .map(|m| norm(&m.text().collect::<String>()))
            .unwrap_or_default()
    }

    /// Whether the page shows this text (compared after [`norm`] on both sides).
    pub fn shows(&self, needle: &str) -> bool {
        self.text().contains(&norm(needle))
    }

    /// The value of the first `csrf` hidden input of the page.
    pub fn csrf(&self) -> Option<String> {
        let html = self.html();
        select(&html, "input[name=csrf]")
            .first()
            .and_then(|i| i.value().attr("value"))
            .map(str::to_owned)
    }

    /// The JSON body of an API answer.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl Server {
    pub async fn get(&self, path: &str) -> Page {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        Page::read(res, path).await
    }

    /// A content API request, with this key as a bearer token (or none).
    pub async fn api(&self, path: &str, key: Option<&str>) -> Page {
        let mut req = self.http.get(format!("{}{path}", self.base));
        if let Some(k) = key {
            req = req.bearer_auth(k);
        }
        let res = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path} (api): {e}"));
        Page::read(res, path).await
    }

    /// GETs an API path until `done` holds for its JSON (indexing follows writes within about
    /// a second); at most about 5 s. Returns the last JSON seen.
    pub async fn api_json_until(
        &self,
        path: &str,
        key: &str,
        done: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let mut json = self.api(path, Some(key)).await.json();
        for _ in 0..50 {
            if done(&json) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            json = self.api(path, Some(key)).await.json();
        }
        json
    }

    /// A new visitor, with an empty cookie jar. Its requests may wait longer than the plain
    /// client's: password hashing is slow in a debug build, and rate-limit tests send many
    /// log-ins at once.
    pub fn browser(&self) -> Browser {
        Browser {
            base: self.base.clone(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(60))
                .build()
                .expect("client"),
            cookies: Mutex::new(BTreeMap::new()),
        }
    }

    /// Every mail of the outbox, oldest first.
    pub fn mails(&self) -> Vec<Mail> {
        read_outbox(&self.data_dir.join("outbox"))
    }

    /// The mail sent to this address, oldest first.
    pub fn mails_to(&self, address: &str) -> Vec<Mail> {
        self.mails()
            .into_iter()
            .filter(|m| m.to.eq_ignore_ascii_case(address))
            .collect()
    }

    /// The newest mail sent to this address.
    pub fn last_mail_to(&self, address: &str) -> Mail {
        self.mails_to(address)
            .pop()
            .unwrap_or_else(|| panic!("no mail to {address}"))
    }

    /// Fills and sends the sign-up form in this browser.
    pub async fn sign_up(&self, b: &Browser, name: &str, email: &str, password: &str) -> Page {
        let csrf = b.csrf("/compte/inscription").await;
        b.post(
            "/compte/inscription",
            &[
                ("csrf", csrf.as_str()),
                ("display_name", name),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    /// Fills and sends the log-in form in this browser (which must be logged out).
    pub async fn log_in(&self, b: &Browser, email: &str, password: &str, back: &str) -> Page {
        let csrf = b.csrf("/compte/connexion").await;
        b.post(
            "/compte/connexion",
            &[
                ("csrf", csrf.as_str()),
                ("email", email),
                ("password", password),
                ("retour", back),
            ],
        )
        .await
    }

    /// Follows the link of the newest sign-up mail to this address.
    pub async fn confirm(&self, email: &str) {
        let mail = self.last_mail_to(email);
        assert_eq!(mail.subject, "Confirmez votre adresse e-mail", "{mail:?}");
        let link = mail
            .link("/compte/verifier?jeton=")
            .unwrap_or_else(|| panic!("no verify link in {mail:?}"));
        let page = self.browser().get(&link).await;
        assert_eq!(page.status, 200, "{}", page.body);
    }

    /// A member who signed up on the site, confirmed their address and is logged in.
    pub async fn member(&self, name: &str, email: &str) -> Member {
        let m = self.unverified_member(name, email).await;
        self.confirm(email).await;
        m
    }

    /// A member who signed up and is logged in, without having confirmed their address.
    pub async fn unverified_member(&self, name: &str, email: &str) -> Member {
        let b = self.browser();
        let page = self.sign_up(&b, name, email, PASSWORD).await;
        assert_eq!(page.status, 200, "sign-up of {email}: {}", page.main_text());
        let page = self.log_in(&b, email, PASSWORD, "/").await;
        assert_eq!(page.status, 303, "log-in of {email}: {}", page.main_text());
        Member {
            browser: b,
            name: name.to_owned(),
            email: email.to_owned(),
            password: PASSWORD.to_owned(),
        }
    }

    /// An account made with `kiosque user create` (verified, with these extra arguments such as
    /// `--role moderator`), logged in.
    pub async fn staff(&self, site: &Site, name: &str, email: &str, args: &[&str]) -> Member {
        let mut all = vec!["--email", email, "--name", name];
        all.extend_from_slice(args);
        let out = site.create_user(&all, PASSWORD);
        assert!(
            out.status.success(),
            "user create {email}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let b = self.browser();
        let page = self.log_in(&b, email, PASSWORD, "/").await;
        assert_eq!(page.status, 303, "log-in of {email}: {}", page.main_text());
        Member {
            browser: b,
            name: name.to_owned(),
            email: email.to_owned(),
            password: PASSWORD.to_owned(),
        }
    }

    /// Sends SIGTERM and waits: the exit status of a graceful shutdown.
    pub fn stop(&mut self) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("running");
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        for _ in 0..200 {
            if let Some(status) = child.try_wait().expect("wait") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        panic!("the server did not stop within 10 s of SIGTERM");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub fn select<'a>(html: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e}"));
    html.select(&sel).collect()
}

pub fn text(el: &scraper::ElementRef<'_>) -> String {
    el.text().collect::<String>().trim().to_owned()
}

/// Undoes the display typography (no-break spaces, typographic apostrophes) so tests can
/// compare with the stored text.
pub fn plain(s: &str) -> String {
    s.replace("«\u{a0}", "\"")
        .replace("\u{a0}»", "\"")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .replace('’', "'")
}

/// Undoes the display typography and collapses white space, so that a page's text and an
/// expected message compare whatever spaces and apostrophes the page uses.
pub fn norm(s: &str) -> String {
    plain(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A strong password accepted by the site, used for every test account.
pub const PASSWORD: &str = "Mésange bleue sur le balcon 42";

/// One mail of the outbox (its plain-text copy).
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Mail {
    /// The path and query of the first link in the body whose path and query start with
    /// `prefix` (such as `/compte/verifier?jeton=`), up to the end of its token.
    pub fn link(&self, prefix: &str) -> Option<String> {
        let at = self.body.find(prefix)?;
        let token: String = self.body[at + prefix.len()..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        (!token.is_empty()).then(|| format!("{prefix}{token}"))
    }
}

fn read_outbox(dir: &Path) -> Vec<Mail> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let at = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .expect("mail file time");
            (at, p)
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|(_, p)| {
            let text = std::fs::read_to_string(&p).expect("read a mail");
            let (head, body) = text
                .split_once("\n\n")
                .unwrap_or_else(|| panic!("no blank line in {}", p.display()));
            let field = |name: &str| {
                head.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map(|v| v.trim().to_owned())
                    .unwrap_or_else(|| panic!("no {name} in {}", p.display()))
            };
            Mail {
                to: field("To:"),
                subject: field("Subject:"),
                body: body.to_owned(),
            }
        })
        .collect()
}

/// A browser: keeps the cookies the site sets and sends them back; follows no redirect.
pub struct Browser {
    pub base: String,
    http: reqwest::Client,
    cookies: Mutex<BTreeMap<String, String>>,
}

impl Browser {
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().expect("cookies").get(name).cloned()
    }

    /// Puts a cookie in the jar, as if the site (or someone else) had set it.
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .lock()
            .expect("cookies")
            .insert(name.to_owned(), value.to_owned());
    }

    pub fn forget_cookie(&self, name: &str) {
        self.cookies.lock().expect("cookies").remove(name);
    }

    fn cookie_header(&self) -> Option<String> {
        let jar = self.cookies.lock().expect("cookies");
        (!jar.is_empty()).then(|| {
            jar.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    fn keep_cookies(&self, headers: &reqwest::header::HeaderMap) {
        let mut jar = self.cookies.lock().expect("cookies");
        for value in headers.get_all("set-cookie") {
            let Ok(value) = value.to_str() else { continue };
            let mut parts = value.split(';').map(str::trim);
            let Some((name, val)) = parts.next().and_then(|nv| nv.split_once('=')) else {
                continue;
            };
            let expired = parts.any(|a| a.eq_ignore_ascii_case("max-age=0"));
            if expired || val.is_empty() {
                jar.remove(name);
            } else {
                jar.insert(name.to_owned(), val.to_owned());
            }
        }
    }

    /// Sends a request with the jar's cookies and keeps the cookies of the answer.
    pub async fn send(&self, req: reqwest::RequestBuilder, what: &str) -> reqwest::Response {
        let req = match self.cookie_header() {
            Some(c) => req.header("cookie", c),
            None => req,
        };
        let res = req.send().await.unwrap_or_else(|e| panic!("{what}: {e}"));
        self.keep_cookies(res.headers());
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

/// A query parameter of a URL or path, percent-decoded.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The demo's fixture article, as linked from the front page: its path and id.
pub struct Article {
    pub path: String,
    pub id: i64,
}

pub async fn fixture_article(server: &Server) -> Article {
    let front = server.get("/").await;
    let html = front.html();
    let path = select(&html, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.starts_with("/monde/syrie-poutine-appelle-al-assad") && h.ends_with(".html"))
        .expect("the front page links to the fixture article")
        .to_owned();
    let id = path
        .rsplit('_')
        .next()
        .and_then(|s| s.strip_suffix(".html"))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no id in {path}"));
    Article { path, id }
}

pub fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../kiosque_import/tests/fixtures/000_0cb8e20bd6220873.txt")
}

/// Runs one async test body on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(site) = $crate::common::Site::new($crate::common::Backend::Sqlite).await {
                        super::$name(site).await;
                    }
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(site) = $crate::common::Site::new($crate::common::Backend::Postgres).await {
                        super::$name(site).await;
                    }
                }
            )*
        }
    };
}
