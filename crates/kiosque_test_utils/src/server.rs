//! Starts the real `kiosque` binary on a free loopback port, on SQLite or PostgreSQL, and talks
//! HTTP to it. The server is stopped (SIGTERM) when the handle drops. For the stories that need
//! a process: the command line, several processes on one database, shutdown. Route tests run
//! faster in-process ([`crate::app`]).
//!
//! Only the `kiosque` crate's tests know where its executable is
//! (`env!("CARGO_BIN_EXE_kiosque")`): [`both_backends!`](crate::both_backends) tells this
//! module for them, and a test that starts a [`Site`] by hand calls [`use_binary`] first.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

pub use crate::browser::{Browser, Member};
pub use crate::fixtures::{fixture_path, PASSWORD};
pub use crate::mail::Mail;
pub use crate::page::{norm, plain, query_param, select, text, Page};

static BINARY: OnceLock<PathBuf> = OnceLock::new();

/// Tells the harness where the `kiosque` executable is (the first call wins: every test of a
/// crate passes the same path).
pub fn use_binary(path: &str) {
    let _ = BINARY.set(PathBuf::from(path));
}

fn binary() -> &'static Path {
    BINARY.get().map(PathBuf::as_path).expect(
        "the kiosque executable is unknown: call \
         use_binary(env!(\"CARGO_BIN_EXE_kiosque\")) first (both_backends! does)",
    )
}

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
            Backend::Postgres => Some(crate::db::fresh_postgres_url().await?),
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
        let mut cmd = Command::new(binary());
        cmd.arg("--data-dir").arg(self.data_dir());
        cmd.env_remove("DATABASE_URL")
            .env_remove("KIOSQUE_LISTEN")
            .env_remove("KIOSQUE_DATA_DIR")
            .env("KIOSQUE_LOG", "warn")
            // Processing the demo's photographs costs seconds of CPU at every first start: only
            // the tests about them ask for them (`--demo-photos`).
            .env(
                "KIOSQUE_DEMO_PHOTOS",
                self.dir.path().join("no-demo-photos"),
            )
            // The demo podcast's generated sounds fill the media folder, which tests about
            // uploads expect empty: only the podcast tests ask for them (`--demo-sounds true`).
            .env("KIOSQUE_DEMO_SOUNDS", "false")
            // On PostgreSQL a node needs its public URL (or one stored); each test node uses
            // its own address, as on SQLite.
            .env("KIOSQUE_PUBLIC_URL_FROM_LISTEN", "true");
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

    /// [`Site::start_relaxed`] with the operator's metrics on a free port
    /// ([`Server::metrics_url`]).
    pub fn start_relaxed_with_metrics(&self) -> Server {
        self.start_with(&[
            "--rate-limit-factor",
            "1000",
            "--metrics-listen",
            "127.0.0.1:0",
        ])
    }

    /// Starts the server with extra `serve` arguments.
    pub fn start_with(&self, args: &[&str]) -> Server {
        self.start_with_env(args, &[])
    }

    /// Starts the server with extra `serve` arguments and environment variables.
    pub fn start_with_env(&self, args: &[&str], envs: &[(String, String)]) -> Server {
        let mut child = self
            .command()
            .envs(envs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start kiosque serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut stdout = BufReader::new(stdout);
        let mut line = String::new();
        stdout.read_line(&mut line).expect("read the first line");
        let base = line
            .trim()
            .strip_prefix("Kiosque is serving on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        // Asked for with port 0, the metrics' address is the second line.
        let metrics = args.contains(&"--metrics-listen").then(|| {
            let mut line = String::new();
            stdout.read_line(&mut line).expect("read the second line");
            line.trim()
                .strip_prefix("Metrics are served on ")
                .unwrap_or_else(|| panic!("unexpected second line: {line:?}"))
                .to_owned()
        });
        Server {
            child: Some(child),
            base,
            metrics,
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
    /// `http://…/metrics` when started with `--metrics-listen` (give it `127.0.0.1:0`).
    pub metrics: Option<String>,
    pub http: reqwest::Client,
    /// The site's data folder (its mail goes to `outbox/` inside).
    pub data_dir: PathBuf,
}

impl Server {
    /// The operator's `/metrics` address; the server must have been started with
    /// `--metrics-listen 127.0.0.1:0`.
    pub fn metrics_url(&self) -> String {
        self.metrics
            .clone()
            .expect("started without --metrics-listen")
    }

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

    /// A new visitor, with an empty cookie jar.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// Every mail of the outbox, oldest first.
    pub fn mails(&self) -> Vec<Mail> {
        crate::mail::read_outbox(&self.data_dir.join("outbox"))
    }

    /// The mail sent to this address, oldest first.
    pub fn mails_to(&self, address: &str) -> Vec<Mail> {
        crate::mail::mails_to(&self.data_dir.join("outbox"), address)
    }

    /// The newest mail sent to this address, waiting up to ten seconds for the first: the
    /// mail queue sends in the background, later than the answer of the request that queued
    /// it, and later still on a loaded machine.
    pub fn last_mail_to(&self, address: &str) -> Mail {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            if let Some(mail) = self.mails_to(address).pop() {
                return mail;
            }
            if std::time::Instant::now() > deadline {
                panic!("no mail to {address} within 10 s");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// Fills and sends the sign-up form in this browser (accepting the moderation charter).
    pub async fn sign_up(&self, b: &Browser, name: &str, email: &str, password: &str) -> Page {
        let csrf = b.csrf("/compte/inscription").await;
        b.post(
            "/compte/inscription",
            &[
                ("csrf", csrf.as_str()),
                ("display_name", name),
                ("email", email),
                ("password", password),
                ("charte", "1"),
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
        self.logged_in(b, name, email).await
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
        self.logged_in(self.browser(), name, email).await
    }

    /// Logs this account in with the test password, in this browser.
    async fn logged_in(&self, b: Browser, name: &str, email: &str) -> Member {
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

/// The demo's fixture article, as linked from the front page: its path and id.
#[derive(Debug, Clone)]
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

/// Runs one async test body, `async fn name(site: Site)`, on SQLite and on PostgreSQL, with
/// the `kiosque` executable of the calling crate's tests.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        $crate::both_backends!(@on on_sqlite, Sqlite, $($name),*);
        $crate::both_backends!(@on on_postgres, Postgres, $($name),*);
    };
    (@on $module:ident, $backend:ident, $($name:ident),*) => {
        mod $module {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $crate::server::use_binary(env!("CARGO_BIN_EXE_kiosque"));
                    let backend = $crate::server::Backend::$backend;
                    if let Some(site) = $crate::server::Site::new(backend).await {
                        super::$name(site).await;
                    }
                }
            )*
        }
    };
}
