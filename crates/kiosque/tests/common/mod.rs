//! Starts the real `kiosque` binary on a free loopback port, on SQLite or PostgreSQL, and talks
//! HTTP to it. The server is stopped (SIGTERM) when the handle drops.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
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
        let mut child = self
            .command()
            .args(["serve", "--listen", "127.0.0.1:0"])
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
        }
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
}

pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
}

impl Page {
    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
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
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let status = res.status().as_u16();
        let location = header("location");
        let content_type = header("content-type");
        let body = res.text().await.expect("body");
        Page {
            status,
            location,
            content_type,
            body,
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
