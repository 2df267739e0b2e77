//! A fresh database per test, on SQLite or PostgreSQL.

use kiosque_store::Store;

/// A store on a fresh database, with whatever must outlive it (the SQLite temp folder).
pub struct TestDb {
    pub store: Store,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = kiosque_store::sqlite_url(&dir.path().join("test.db"));
    let store = Store::open(&url).await.expect("open sqlite store");
    TestDb {
        store,
        url,
        _dir: Some(dir),
    }
}

/// A fresh, migrated PostgreSQL database; `None` (skip) when no server is configured.
pub async fn postgres() -> Option<TestDb> {
    let url = fresh_postgres_url().await?;
    let store = Store::open(&url).await.expect("open postgres store");
    Some(TestDb {
        store,
        url,
        _dir: None,
    })
}

/// The URL of a new, empty PostgreSQL database; `None` when `TEST_DATABASE_URL` is not set
/// (and `KIOSQUE_REQUIRE_PG` is not either).
pub async fn fresh_postgres_url() -> Option<String> {
    use sqlx::Connection;
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        assert!(
            std::env::var("KIOSQUE_REQUIRE_PG").is_err(),
            "KIOSQUE_REQUIRE_PG is set but TEST_DATABASE_URL is not"
        );
        eprintln!("skipping the PostgreSQL half: TEST_DATABASE_URL is not set");
        return None;
    };
    sqlx::any::install_default_drivers();
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let name = format!(
        "kiosque_test_{}_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_micros(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let mut conn = sqlx::AnyConnection::connect(&admin_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    sqlx::query(&format!("create database {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    let _ = conn.close().await;
    let (base, _) = admin_url.rsplit_once('/').expect("database url has a path");
    Some(format!("{base}/{name}"))
}

/// The rows of a query returning one integer column (`select count(*) …`), read straight from
/// the database at `url`: what a test counts after a command wrote it.
pub async fn numbers(url: &str, sql: &str) -> Vec<i64> {
    use sqlx::{Connection, Row};
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url)
        .await
        .unwrap_or_else(|e| panic!("connect to {url}: {e}"));
    let rows = sqlx::query(sql)
        .fetch_all(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.iter()
        .map(|r| {
            r.try_get::<i64, _>(0)
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        })
        .collect()
}

/// One number: `select count(*) …`.
pub async fn number(url: &str, sql: &str) -> i64 {
    numbers(url, sql)
        .await
        .first()
        .copied()
        .unwrap_or_else(|| panic!("{sql}: no row"))
}
