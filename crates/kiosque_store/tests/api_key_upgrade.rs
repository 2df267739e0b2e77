//! Keys made before scopes existed keep working after the upgrade, read-only, owned by the
//! admin who made them: a key is added to the databases shipped on 2026-11-26 (the upgrade
//! fixtures, never regenerated) the way that release stored it, then the current build opens
//! them.

use kiosque_domain::api_scope::{Scope, Scopes};
use kiosque_store::Store;
use sqlx::{Connection, Row};

const SQLITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/20261126000005.sqlite"
);
const POSTGRES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/20261126000005.postgres.sql"
);
const HASH: &str = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
/// The old release's insert, the first account as the key's maker.
const OLD_KEY: &str = "insert into api_keys (name, key_hash, prefix, created_by, created_at) \
     select 'Application mobile', 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90', \
     'kq_a1b2c3d4', min(id), 1764000000000 from users";
const MAKER: &str = "select min(id) as id from users";

async fn check(store: &Store, maker: i64) {
    let caller = store
        .api_caller(HASH)
        .await
        .expect("lookup")
        .expect("the old key still opens the API");
    assert_eq!(caller.scopes, Scopes::new([Scope::ContentRead]));
    assert_eq!(caller.owner.map(|u| u.get()), Some(maker));
    let listed = store.api_keys().await.expect("keys");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].scopes.to_stored(), "content:read");
    assert!(listed[0].owner.is_some());
}

#[tokio::test]
async fn an_older_sqlite_key_reads_after_the_upgrade() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("kiosque.db");
    std::fs::copy(SQLITE, &path).expect("copy the fixture");
    let url = kiosque_store::sqlite_url(&path);
    let mut conn = sqlx::SqliteConnection::connect(&url)
        .await
        .expect("connect");
    sqlx::query(OLD_KEY)
        .execute(&mut conn)
        .await
        .expect("old key");
    let maker: i64 = sqlx::query(MAKER)
        .fetch_one(&mut conn)
        .await
        .expect("maker")
        .get("id");
    conn.close().await.expect("close");
    let store = Store::open(&url).await.expect("upgrade");
    check(&store, maker).await;
}

#[tokio::test]
async fn an_older_postgres_key_reads_after_the_upgrade() {
    let Some(url) = kiosque_test_utils::fresh_postgres_url().await else {
        return;
    };
    let dump = std::fs::read_to_string(POSTGRES).expect("read the fixture");
    let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
    sqlx::raw_sql(&dump)
        .execute(&mut conn)
        .await
        .expect("restore the fixture");
    // The dump leaves the connection with an empty search path.
    let public = |sql: &str| {
        sql.replace("into api_keys", "into public.api_keys")
            .replace("from users", "from public.users")
    };
    sqlx::query(&public(OLD_KEY))
        .execute(&mut conn)
        .await
        .expect("old key");
    let maker: i64 = sqlx::query(&public(MAKER))
        .fetch_one(&mut conn)
        .await
        .expect("maker")
        .get("id");
    conn.close().await.expect("close");
    let store = Store::open(&url).await.expect("upgrade");
    check(&store, maker).await;
}
