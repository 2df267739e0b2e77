//! The site in-process: a store on a fresh database, the web layer's state and router over it,
//! and clients that call the router directly. Nothing runs in the background (no page-cache
//! follower, no search indexer, no scheduler, no webhook sender): the page cache still sees
//! this process's own writes before serving, which is all a route test needs.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU16, Ordering};

use kiosque_store::Store;
use kiosque_web::{AppState, SiteConfig};

pub use crate::client::{request, Client, HOST};
pub use crate::fixtures::PASSWORD;
pub use crate::mail::Mail;
pub use crate::page::{norm, plain, query_param, select, text, Page};
use crate::TestDb;

pub struct App {
    pub store: Store,
    pub state: AppState,
    router: axum::Router,
    /// Where the outbox mailer writes.
    outbox: PathBuf,
    /// Each client connects from its own port, as separate browsers would.
    next_port: AtomicU16,
    _dir: tempfile::TempDir,
    _db: TestDb,
}

impl App {
    /// The site on a fresh SQLite database.
    pub async fn sqlite() -> App {
        App::on(crate::sqlite().await).await
    }

    /// The site on a fresh PostgreSQL database; `None` (skip) when no server is configured.
    pub async fn postgres() -> Option<App> {
        Some(App::on(crate::postgres().await?).await)
    }

    /// The site on this database (content may be written to `db.store` before or after).
    pub async fn on(db: TestDb) -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = test_config(dir.path());
        let outbox = dir.path().join("outbox");
        let state = AppState::new(db.store.clone(), config)
            .await
            .expect("the web state");
        App {
            store: db.store.clone(),
            router: kiosque_web::router(state.clone()),
            state,
            outbox,
            next_port: AtomicU16::new(40000),
            _dir: dir,
            _db: db,
        }
    }

    /// A new visitor, with an empty cookie jar, from 127.0.0.1.
    pub fn client(&self) -> Client {
        let port = self.next_port.fetch_add(1, Ordering::Relaxed);
        Client::new(
            self.router.clone(),
            SocketAddr::from(([127, 0, 0, 1], port)),
        )
    }

    /// Every mail sent, oldest first.
    pub fn mails(&self) -> Vec<Mail> {
        crate::mail::read_outbox(&self.outbox)
    }

    /// The newest mail sent to this address.
    pub fn last_mail_to(&self, address: &str) -> Mail {
        crate::mail::mails_to(&self.outbox, address)
            .pop()
            .unwrap_or_else(|| panic!("no mail to {address}"))
    }
}

/// The configuration of a test site under `dir`: mail to `dir/outbox`, media in `dir/media`,
/// rate limits relaxed (×1000) so tests not about them can send what they need, no search
/// index, the system clock; the rest as the binary's defaults.
pub fn test_config(dir: &Path) -> SiteConfig {
    let media_dir = dir.join("media");
    std::fs::create_dir_all(&media_dir).expect("media folder");
    SiteConfig {
        media: kiosque_media::MediaStorage::local(&media_dir).expect("media folder"),
        media_public_url: None,
        staging_dir: dir.join("staging"),
        public_url: format!("http://{HOST}"),
        mailer: kiosque_mail::Mailer::outbox(&dir.join("outbox"), "Kiosque <noreply@kiosque.test>")
            .expect("outbox mailer"),
        rate_limit_factor: 1000,
        comment_edit_window_ms: 15 * 60_000,
        report_threshold: 3,
        search: None,
        api_requests_per_minute: 600,
        feed_full_content: false,
        clock: kiosque_jobs::Clock::System,
        trusted_proxies: Default::default(),
        load: Default::default(),
        page_cache_bytes: 256 << 20,
    }
}

/// Runs one async test body, `async fn name(app: App)`, on SQLite and on PostgreSQL (when
/// `TEST_DATABASE_URL` names a server).
#[macro_export]
macro_rules! app_tests {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::app::App::sqlite().await).await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = $crate::app::App::postgres().await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}
