//! The one store interface over SQLite and PostgreSQL.

use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use kiosque_domain::change::Key;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor, Row};

pub use crate::db::Backend;
use crate::db::Tx;
use crate::StoreError;

type Result<T> = std::result::Result<T, StoreError>;

/// How long a writer waits for its turn on SQLite before giving up, like the pool's own
/// acquire timeout.
const WRITE_GATE_TIMEOUT: Duration = Duration::from_secs(10);

/// The result of an upsert: the row's id and whether it was created (false: updated). Articles
/// carry their `ArticleId`; videos still a plain number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upserted<Id = i64> {
    pub id: Id,
    pub created: bool,
    /// The public path of what was written.
    pub path: String,
}

/// A handle on the database; cheap to clone (it wraps a pool).
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    local: Arc<LocalWrites>,
    /// Connections handed out by the pool: every query and transaction takes one, so this
    /// counts the database work of the process (`/metrics`, and the tests proving a cached
    /// page costs none).
    acquires: Arc<AtomicU64>,
    /// SQLite has one writer at a time. Writers of this process queue here, in order, before
    /// they take a connection: waiting inside SQLite (`busy_timeout`) would hold a pooled
    /// connection while it sleeps and retries, and a burst of writers (members posting
    /// comments) then took every connection from the readers rendering pages.
    write_gate: Arc<tokio::sync::Mutex<()>>,
    /// Comments waiting for the next group commit (SQLite).
    comment_batch: Arc<crate::comment_queue::CommentBatch>,
    /// Whether the site keeps old addresses, as last looked up (`imported.rs`).
    pub(crate) legacy_seen: Arc<std::sync::Mutex<Option<(std::time::Instant, bool)>>>,
}

/// Writes committed by this process: followers of the change log (the page cache) check the
/// counter before serving, so a node reads its own writes at once; writes by other processes
/// are picked up by polling `changes_since`.
struct LocalWrites {
    count: AtomicU64,
    /// Every follower (page cache, search index) watches this to wake early.
    notify: tokio::sync::watch::Sender<u64>,
}

impl Default for LocalWrites {
    fn default() -> Self {
        LocalWrites {
            count: AtomicU64::new(0),
            notify: tokio::sync::watch::channel(0).0,
        }
    }
}

impl std::fmt::Debug for Store {
    // Never print the URL: it may hold a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

tokio::task_local! {
    /// Connections taken by the task inside [`count_queries`].
    static SCOPE_ACQUIRES: std::cell::Cell<u64>;
}

/// Runs `work` and counts the database connections it took (every query or transaction takes
/// one): the web layer reports them per route, so a test or an operator sees what a request
/// cost the database, apart from the background jobs'. The pool takes connections in the
/// caller's task, so whatever `work` spawns is not counted.
pub async fn count_queries<F: std::future::Future>(work: F) -> (F::Output, u64) {
    SCOPE_ACQUIRES
        .scope(std::cell::Cell::new(0), async move {
            let out = work.await;
            (out, SCOPE_ACQUIRES.with(std::cell::Cell::get))
        })
        .await
}

fn note_acquire(total: &AtomicU64) {
    total.fetch_add(1, Ordering::Relaxed);
    // Outside a counted scope (background jobs) only the total moves.
    let _ = SCOPE_ACQUIRES.try_with(|n| n.set(n.get() + 1));
}

/// The SQLite URL of a database file, created if missing.
pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

impl Store {
    /// Opens the database at `url` (`sqlite://…` or `postgres://…`) and runs pending migrations.
    pub async fn open(url: &str) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Invalid(
                "DATABASE_URL must start with sqlite:// or postgres://".into(),
            ));
        };
        let options = AnyConnectOptions::from_str(url).map_err(StoreError::Database)?;
        let acquires = Arc::new(AtomicU64::new(0));
        // A connection is handed out either fresh (after_connect) or from the idle ones
        // (before_acquire): counting both counts every acquisition.
        let (on_connect, on_acquire) = (acquires.clone(), acquires.clone());
        let mut pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .before_acquire(move |_conn, _meta| {
                note_acquire(&on_acquire);
                Box::pin(async { Ok(true) })
            });
        let sqlite = backend == Backend::Sqlite;
        pool = pool.after_connect(move |conn, _meta| {
            note_acquire(&on_connect);
            Box::pin(async move {
                if sqlite {
                    // WAL lets readers (the server) and a writer (an import run beside it) work at
                    // once. synchronous=FULL because an acknowledged write must survive a power
                    // cut, not only a crash of the process; writes are rare on a news site.
                    // Each connection keeps its own page cache (2 MiB by default, eight times
                    // over); the operating system's file cache already holds the pages, so a
                    // small one per connection costs a read from memory, not from disk.
                    //
                    // Without statistics SQLite's planner took `status = 'published'` for
                    // selective and read every published article through that index to find
                    // a few by id (8.5 ms instead of 0.1 ms for a page's related articles on a
                    // 100,000-article site): `optimize` at open gathers them where missing or
                    // stale, within a bounded number of rows per index.
                    conn.execute(
                        "pragma journal_mode = wal; pragma synchronous = full; \
                         pragma foreign_keys = on; pragma busy_timeout = 10000; \
                         pragma cache_size = -512; \
                         pragma analysis_limit = 1000; pragma optimize = 0x10002;",
                    )
                    .await?;
                }
                Ok(())
            })
        });
        let pool = pool.connect_with(options).await?;
        let store = Store {
            pool,
            backend,
            local: Arc::default(),
            acquires,
            write_gate: Arc::default(),
            comment_batch: Arc::default(),
            legacy_seen: Arc::default(),
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Begins a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads first and writes later cannot
    /// wait for another writer (the server and a CLI import, say) and fails with "database is
    /// locked" instead of waiting out `busy_timeout`.
    ///
    /// On SQLite the writers of this process first queue on the write gate, so only one of
    /// them holds a connection at a time; the wait is bounded like the pool's.
    pub(crate) async fn begin_write(&self) -> Result<Tx<'static>> {
        Ok(match self.backend {
            Backend::Sqlite => {
                let gate = self.write_turn().await?;
                Tx::new(self.pool.begin_with("BEGIN IMMEDIATE").await?, Some(gate))
            }
            Backend::Postgres => Tx::new(self.pool.begin().await?, None),
        })
    }

    /// This process's turn to write on SQLite: writers queue in order, the wait bounded like
    /// the pool's.
    pub(crate) async fn write_turn(&self) -> Result<tokio::sync::OwnedMutexGuard<()>> {
        tokio::time::timeout(WRITE_GATE_TIMEOUT, self.write_gate.clone().lock_owned())
            .await
            .map_err(|_| StoreError::Database(sqlx::Error::PoolTimedOut))
    }

    pub(crate) fn comment_batch(&self) -> &crate::comment_queue::CommentBatch {
        &self.comment_batch
    }

    /// True once [`Store::close`] ran: background followers stop instead of logging errors.
    pub fn is_closed(&self) -> bool {
        self.pool.is_closed()
    }

    pub(crate) fn committed(&self) {
        let n = self.local.count.fetch_add(1, Ordering::Release) + 1;
        self.local.notify.send_replace(n);
    }

    /// How many times this process took a database connection (each query or transaction
    /// takes one): what a request cost the database, read before and after it.
    pub fn queries_started(&self) -> u64 {
        self.acquires.load(Ordering::Relaxed)
    }

    /// How many writes this process has committed; changes whenever it writes.
    pub fn local_writes(&self) -> u64 {
        self.local.count.load(Ordering::Acquire)
    }

    /// A receiver that changes whenever this process commits a write. Each follower of the
    /// change log keeps one and waits on it or a timer, whichever comes first.
    pub fn watch_local_writes(&self) -> tokio::sync::watch::Receiver<u64> {
        self.local.notify.subscribe()
    }

    /// Changes after `after`, oldest first. A key this build does not know (written by a newer
    /// one during a rolling upgrade) is logged and skipped: the rest of the change still applies.
    pub async fn changes_since(&self, after: i64, limit: i64) -> Result<Vec<Change>> {
        sqlx::query("select id, touches from changes where id > $1 order by id limit $2")
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                let (keys, unknown) =
                    kiosque_domain::change::decode(&r.try_get::<String, _>("touches")?);
                for u in unknown {
                    tracing::warn!(change = id, error = %u, "change-log key skipped");
                }
                Ok(Change { id, keys })
            })
            .collect()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs the embedded migrations of this backend.
    pub async fn migrate(&self) -> Result<()> {
        crate::migrations::migrator(self.backend)
            .run(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn close(&self) {
        if let Err(e) = self.optimize().await {
            tracing::warn!(error = %e, "cannot refresh the query planner's statistics");
        }
        self.pool.close().await;
    }

    /// Refreshes the SQLite query planner's statistics where the data changed much since they
    /// were gathered (after a bulk load, at close); PostgreSQL's autovacuum does it there.
    pub async fn optimize(&self) -> Result<()> {
        if self.backend == Backend::Sqlite {
            sqlx::query("pragma optimize").execute(&self.pool).await?;
        }
        Ok(())
    }

    /// A cheap query proving the database answers (readiness).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("select 1").execute(&self.pool).await?;
        Ok(())
    }

    // ---------------------------------------------------------------- site meta

    pub async fn meta(&self, key: &str) -> Result<Option<String>> {
        let row = sqlx::query("select value from site_meta where key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("value")).transpose()?)
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        sqlx::query(
            "insert into site_meta (key, value) values ($1, $2) \
             on conflict (key) do update set value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn count_articles(&self) -> Result<i64> {
        Ok(sqlx::query("select count(*) as n from articles")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?)
    }

    /// The id of the newest change, for followers of the change log.
    pub async fn last_change_id(&self) -> Result<i64> {
        Ok(sqlx::query("select coalesce(max(id), 0) as n from changes")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?)
    }
}

/// One row of the change log: what a committed write touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: i64,
    pub keys: Vec<Key>,
}
