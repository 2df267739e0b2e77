//! Site settings that are set once and then shared by every node (the public URL): the first
//! writer wins, the others read what it wrote.

use crate::{Store, StoreError};

impl Store {
    /// Stores `value` under `key` unless a value is there already; returns the stored value
    /// (this one, or the earlier one). Two nodes starting at once both get the same answer.
    pub async fn set_meta_once(&self, key: &str, value: &str) -> Result<String, StoreError> {
        sqlx::query(
            "insert into site_meta (key, value) values ($1, $2) on conflict (key) do nothing",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(self.meta(key).await?.unwrap_or_else(|| value.to_owned()))
    }
}
