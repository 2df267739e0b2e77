//! Test databases: a temporary SQLite file, and a fresh PostgreSQL database per test when
//! `TEST_DATABASE_URL` names a server (the test command starts one). With `KIOSQUE_REQUIRE_PG=1`
//! (set by the test command) a missing PostgreSQL fails the run instead of skipping.

use kiosque_store::Store;

pub struct TestDb {
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = kiosque_store::sqlite_url(&dir.path().join("test.db"));
    let store = Store::open(&url).await.expect("open sqlite store");
    TestDb {
        store,
        _dir: Some(dir),
    }
}

/// A new, empty, migrated PostgreSQL database; `None` (skip) when no server is configured.
pub async fn postgres() -> Option<TestDb> {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        assert!(
            std::env::var("KIOSQUE_REQUIRE_PG").is_err(),
            "KIOSQUE_REQUIRE_PG is set but TEST_DATABASE_URL is not"
        );
        eprintln!("skipping PostgreSQL half: TEST_DATABASE_URL is not set");
        return None;
    };
    let url = fresh_pg_database(&admin_url).await;
    let store = Store::open(&url).await.expect("open postgres store");
    Some(TestDb { store, _dir: None })
}

pub async fn fresh_pg_database(admin_url: &str) -> String {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let name = format!(
        "kiosque_test_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_nanos()
    );
    let mut conn = sqlx::AnyConnection::connect(admin_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    sqlx::query(&format!("create database {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    let (base, _) = admin_url.rsplit_once('/').expect("database url has a path");
    format!("{base}/{name}")
}
