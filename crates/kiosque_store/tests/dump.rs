//! The site's dump covers the whole schema: every table is dumped or left out on purpose, and
//! the dumped ones come in an order a load can insert them in (a row's references first).

use kiosque_store::{DUMP_LATE, DUMP_LEFT_OUT, DUMP_TABLES};
use sqlx::Row;

#[tokio::test]
async fn every_table_is_placed_and_references_come_first() {
    let db = kiosque_test_utils::sqlite().await;
    assert_eq!(
        db.store.unplaced_tables().await.expect("tables"),
        Vec::<String>::new(),
        "a new table must be dumped (DUMP_TABLES) or left out (DUMP_LEFT_OUT)"
    );
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db.url).await.expect("connect");
    let position = |t: &str| DUMP_TABLES.iter().position(|(name, _)| *name == t);
    for (i, (table, _)) in DUMP_TABLES.iter().enumerate() {
        let fks = sqlx::query(&format!(
            "select \"table\" as target, \"from\" as col from pragma_foreign_key_list('{table}')"
        ))
        .fetch_all(&pool)
        .await
        .expect("foreign keys");
        for fk in fks {
            let target: String = fk.try_get("target").expect("target");
            let column: String = fk.try_get("col").expect("column");
            assert!(
                !DUMP_LEFT_OUT.contains(&target.as_str()),
                "{table}.{column} refers to {target}, which is left out of the dump"
            );
            let at = position(&target).unwrap_or_else(|| panic!("{target} is not dumped"));
            let late = DUMP_LATE.contains(&(table, column.as_str()));
            assert!(
                at < i || late,
                "{table}.{column} refers to {target}, which is loaded after it"
            );
        }
    }
}
