//! Every table of a site as rows of JSON, and back, for `kiosque export` and `kiosque import
//! site`. A row is an object of its columns (integers and texts: the schema has nothing
//! else), read in the order of its primary key compared byte by byte, so that the same site
//! dumps to the same bytes on SQLite and PostgreSQL.
//!
//! What is dumped is listed ([`TABLES`], in an order where a row's references come before
//! it), and so is what is not ([`LEFT_OUT`]: sessions, tokens, API keys, queues and logs of
//! this node's work). A table in neither list stops the dump: a new table must be placed.
//! Secrets (password hashes, the site's signing keys, webhook secrets) are left out unless
//! asked for.

use std::collections::HashMap;

use futures_util::TryStreamExt;
use serde_json::{Map, Value};
use sqlx::{Column, Row};

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{ArticleId, VideoId};

use crate::db::{log_change, Backend, Tx};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// The dumped tables, referenced before referencing, with their primary key.
pub const TABLES: &[(&str, &[&str])] = &[
    ("site_meta", &["key"]),
    ("sections", &["id"]),
    ("tags", &["id"]),
    ("authors", &["id"]),
    ("users", &["id"]),
    ("articles", &["id"]),
    ("videos", &["id"]),
    ("article_tags", &["article_id", "tag_id"]),
    ("article_authors", &["article_id", "author_id"]),
    ("article_revisions", &["id"]),
    ("corrections", &["id"]),
    ("user_sections", &["user_id", "section_id"]),
    ("comments", &["id"]),
    ("comment_edits", &["id"]),
    ("comment_reports", &["id"]),
    ("moderation_log", &["id"]),
    ("banned_words", &["word"]),
    ("webhooks", &["id"]),
    ("media", &["id"]),
    ("media_revisions", &["id"]),
    ("media_files", &["path"]),
    ("video_revisions", &["id"]),
    ("site_pages", &["slug"]),
    ("article_views", &["article_id", "hour"]),
    ("front_slots", &["place", "slot"]),
    ("alerts", &["id"]),
    ("live_blogs", &["article_id"]),
    ("live_posts", &["id"]),
    ("live_post_revisions", &["id"]),
    ("newsletters", &["id"]),
    ("newsletter_subscribers", &["id"]),
    (
        "newsletter_subscriptions",
        &["subscriber_id", "newsletter_id"],
    ),
    ("newsletter_editions", &["id"]),
    ("podcast_shows", &["id"]),
    ("audio_entries", &["id"]),
    ("legacy_paths", &["path"]),
    ("wire_items", &["uri"]),
];

/// Tables a site is whole without: what only this node's work or a person's session needs,
/// and API keys, which are never exported.
pub const LEFT_OUT: &[&str] = &[
    "_sqlx_migrations",
    "changes",
    "sessions",
    "tokens",
    "api_keys",
    "webhook_deliveries",
    "webhook_attempts",
    "mail_queue",
    "rate_limits",
    "node_roles",
    "reply_notices",
    "reply_notice_throttle",
    "sqlite_stat1",
    "sqlite_stat4",
];

/// References to rows that may be loaded later: of the same table, later in key order (a
/// section moved under a newer one), or of a table that refers back (an article's video,
/// which belongs to an article). Loaded empty, then set once every row is in.
pub const LATE: &[(&str, &str)] = &[
    ("sections", "parent_id"),
    ("comments", "parent_id"),
    ("articles", "hero_video_id"),
];

/// `site_meta` keys that sign things: a site imported without secrets makes its own.
const SECRET_META: &[&str] = &["csrf_key", "reply_notice_secret"];

/// Tables a site is empty without: an import goes only into a site where these hold nothing.
const CONTENT: &[&str] = &[
    "articles", "users", "sections", "comments", "media", "videos",
];

/// Keys per change-log row when a load tells the followers what it wrote.
const CHANGE_KEYS: usize = 500;

/// A column's type, as the binding of its values needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnType {
    Integer,
    Text,
}

impl Store {
    /// The tables of the database that are neither dumped nor left out.
    pub async fn unplaced_tables(&self) -> Result<Vec<String>> {
        let sql = match self.backend() {
            Backend::Sqlite => "select name from sqlite_master where type = 'table'",
            Backend::Postgres => {
                "select table_name::text as name from information_schema.tables \
                 where table_schema = current_schema() and table_type = 'BASE TABLE'"
            }
        };
        let names: Vec<String> = sqlx::query(sql)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| r.try_get("name"))
            .collect::<std::result::Result<_, _>>()?;
        Ok(names
            .into_iter()
            .filter(|n| !TABLES.iter().any(|(t, _)| t == n) && !LEFT_OUT.contains(&n.as_str()))
            .collect())
    }

    /// Starts a dump: every table is then read as it stood at this one moment, while the
    /// server goes on writing (a read-only transaction; on PostgreSQL, repeatable read).
    pub async fn begin_dump(&self, with_secrets: bool) -> Result<Dumper> {
        let mut tx = self.pool.begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("set transaction isolation level repeatable read, read only")
                .execute(&mut *tx)
                .await?;
        }
        Ok(Dumper {
            tx,
            backend: self.backend(),
            with_secrets,
        })
    }

    /// The schema's version: the last migration applied.
    pub async fn schema_version(&self) -> Result<i64> {
        Ok(
            sqlx::query("select max(version) as v from _sqlx_migrations where success")
                .fetch_one(&self.pool)
                .await?
                .try_get::<Option<i64>, _>("v")?
                .unwrap_or(0),
        )
    }

    /// Whether the site holds no content: no article, account, section, comment, image or
    /// video (what the migrations put in a new site does not count).
    pub async fn holds_no_content(&self) -> Result<bool> {
        for table in CONTENT {
            let n: i64 = sqlx::query(&format!("select count(*) as n from {table}"))
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?;
            if n > 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Starts loading a dump: one transaction for the whole site, which replaces what the
    /// migrations put in the dumped tables (the template pages, the signing keys).
    pub async fn begin_load(&self) -> Result<Loader> {
        if !self.holds_no_content().await? {
            return Err(StoreError::Invalid(
                "the site already holds content: import into an empty site".into(),
            ));
        }
        let mut tx = self.begin_write().await?;
        // Children first, so that no reference is left dangling while the tables empty.
        for (table, _) in TABLES.iter().rev() {
            sqlx::query(&format!("delete from {table}"))
                .execute(&mut *tx)
                .await?;
        }
        Ok(Loader {
            store: self.clone(),
            tx,
            types: HashMap::new(),
            late: Vec::new(),
        })
    }
}

/// The type of each column of `table`, read on `conn` (inside the load's transaction: on
/// SQLite it holds the only connection that may write).
async fn column_types(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    table: &str,
) -> Result<HashMap<String, ColumnType>> {
    let sql = match backend {
        Backend::Sqlite => format!("select name, type from pragma_table_info('{table}')"),
        Backend::Postgres => format!(
            "select column_name::text as name, data_type::text as type \
             from information_schema.columns \
             where table_schema = current_schema() and table_name = '{table}'"
        ),
    };
    sqlx::query(&sql)
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| {
            let ty: String = r.try_get("type")?;
            let ty = if ty.to_ascii_lowercase().contains("int") {
                ColumnType::Integer
            } else {
                ColumnType::Text
            };
            Ok((r.try_get("name")?, ty))
        })
        .collect()
}

/// The primary key of a dumped table; only names from [`TABLES`] reach SQL.
fn key_of(table: &str) -> Result<&'static [&'static str]> {
    TABLES
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, key)| *key)
        .ok_or_else(|| StoreError::Invalid(format!("{table} is not a table of a site's dump")))
}

/// A column's value: an integer, a text or null.
fn value_of(row: &sqlx::any::AnyRow, i: usize) -> Result<Value> {
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return Ok(v.map_or(Value::Null, Value::from));
    }
    if let Ok(v) = row.try_get::<Option<i32>, _>(i) {
        return Ok(v.map_or(Value::Null, Value::from));
    }
    let v: Option<String> = row.try_get(i)?;
    Ok(v.map_or(Value::Null, Value::from))
}

/// Takes the secrets out of a row; `false` leaves the whole row out.
fn redact(table: &str, row: &mut Map<String, Value>) -> bool {
    match table {
        "users" => {
            // Each person sets a new password through "forgotten password".
            row.insert("password_hash".into(), Value::from(""));
            true
        }
        "site_meta" => !row
            .get("key")
            .and_then(Value::as_str)
            .is_some_and(|k| SECRET_META.contains(&k)),
        "webhooks" => {
            // Without its secret a receiver cannot check deliveries: it waits, off, for a
            // new one.
            row.insert("secret".into(), Value::from(""));
            row.insert("active".into(), Value::from(0));
            true
        }
        _ => true,
    }
}

/// A dump being read, in one read transaction.
pub struct Dumper {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    with_secrets: bool,
}

impl Dumper {
    /// Calls `each` with every row of `table`, in key order; how many rows there were.
    pub async fn table(
        &mut self,
        table: &str,
        mut each: impl FnMut(Map<String, Value>) -> std::io::Result<()>,
    ) -> Result<u64> {
        let key = key_of(table)?;
        let types = column_types(&mut self.tx, self.backend, table).await?;
        let order: Vec<String> = key
            .iter()
            .map(|c| match (self.backend, types.get(*c)) {
                // PostgreSQL sorts text by the locale's rules; SQLite byte by byte.
                (Backend::Postgres, Some(ColumnType::Text)) => format!("{c} collate \"C\""),
                _ => (*c).to_owned(),
            })
            .collect();
        let sql = format!("select * from {table} order by {}", order.join(", "));
        let mut rows = sqlx::query(&sql).fetch(&mut *self.tx);
        let mut n = 0;
        while let Some(row) = rows.try_next().await? {
            let mut map = Map::new();
            for (i, column) in row.columns().iter().enumerate() {
                map.insert(column.name().to_owned(), value_of(&row, i)?);
            }
            if !self.with_secrets && !redact(table, &mut map) {
                continue;
            }
            each(map).map_err(|e| StoreError::Invalid(format!("writing {table}: {e}")))?;
            n += 1;
        }
        Ok(n)
    }

    /// Ends the read.
    pub async fn finish(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

/// A dump being loaded, in one transaction.
pub struct Loader {
    store: Store,
    tx: Tx<'static>,
    types: HashMap<String, HashMap<String, ColumnType>>,
    /// (table, key column value, column, value) set once every row is in.
    late: Vec<(&'static str, i64, &'static str, i64)>,
}

impl Loader {
    /// Inserts one row of `table`.
    pub async fn row(&mut self, table: &str, mut row: Map<String, Value>) -> Result<()> {
        let (name, _) = TABLES
            .iter()
            .find(|(t, _)| *t == table)
            .ok_or_else(|| StoreError::Invalid(format!("{table} is not a table of a site")))?;
        if !self.types.contains_key(*name) {
            let types = column_types(&mut self.tx, self.store.backend(), name).await?;
            self.types.insert((*name).to_owned(), types);
        }
        let types = &self.types[*name];
        for (t, column) in LATE {
            if t == name {
                if let (Some(Value::Number(v)), Some(id)) =
                    (row.get(*column), row.get("id").and_then(Value::as_i64))
                {
                    if let Some(v) = v.as_i64() {
                        self.late.push((*t, id, *column, v));
                        row.insert((*column).to_owned(), Value::Null);
                    }
                }
            }
        }
        let columns: Vec<&String> = row.keys().collect();
        if let Some(unknown) = columns.iter().find(|c| !types.contains_key(c.as_str())) {
            return Err(StoreError::Invalid(format!(
                "{table} has no column {unknown}: the export comes from a newer Kiosque"
            )));
        }
        let names: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
        let sql = format!(
            "insert into {name} ({}) values ({})",
            names.join(", "),
            crate::db::placeholders(1, names.len())
        );
        let mut q = sqlx::query(&sql);
        for c in &columns {
            let v = &row[c.as_str()];
            q = match (types[c.as_str()], v) {
                (ColumnType::Integer, Value::Null) => q.bind(None::<i64>),
                (ColumnType::Integer, Value::Number(n)) => q.bind(n.as_i64().ok_or_else(|| {
                    StoreError::Invalid(format!("{table}.{c}: {n} is not an integer"))
                })?),
                (ColumnType::Text, Value::Null) => q.bind(None::<String>),
                (ColumnType::Text, Value::String(s)) => q.bind(s.clone()),
                (_, other) => {
                    return Err(StoreError::Invalid(format!(
                        "{table}.{c}: {other} is not of the column's type"
                    )))
                }
            };
        }
        q.execute(&mut *self.tx).await?;
        Ok(())
    }

    /// Sets the late references, moves PostgreSQL's id sequences past the rows loaded, and
    /// commits.
    pub async fn finish(mut self) -> Result<()> {
        for (table, id, column, value) in std::mem::take(&mut self.late) {
            sqlx::query(&format!("update {table} set {column} = $1 where id = $2"))
                .bind(value)
                .bind(id)
                .execute(&mut *self.tx)
                .await?;
        }
        // Every node's search index follows the change log: tell it of every article and
        // video loaded (the log itself is not exported).
        for (table, kind) in [("articles", Kind::Article), ("videos", Kind::Video)] {
            let ids: Vec<i64> = sqlx::query(&format!("select id from {table} order by id"))
                .fetch_all(&mut *self.tx)
                .await?
                .iter()
                .map(|r| r.try_get("id"))
                .collect::<std::result::Result<_, _>>()?;
            for chunk in ids.chunks(CHANGE_KEYS) {
                let keys: Vec<Key> = chunk
                    .iter()
                    .map(|id| match kind {
                        Kind::Video => Key::Video(VideoId(*id)),
                        _ => Key::Article(ArticleId(*id)),
                    })
                    .collect();
                log_change(&mut self.tx, kind, &keys).await?;
            }
        }
        if self.store.backend() == Backend::Postgres {
            for (table, key) in TABLES {
                if *key != ["id"] {
                    continue;
                }
                sqlx::query(&format!(
                    "select setval(pg_get_serial_sequence('{table}', 'id'), \
                       coalesce((select max(id) from {table}), 0) + 1, false)"
                ))
                .execute(&mut *self.tx)
                .await?;
            }
        }
        self.tx.commit().await?;
        self.store.committed();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{LEFT_OUT, TABLES};

    #[test]
    fn no_table_is_both_dumped_and_left_out() {
        for (t, key) in TABLES {
            assert!(!LEFT_OUT.contains(t), "{t}");
            assert!(!key.is_empty(), "{t}");
        }
    }
}
