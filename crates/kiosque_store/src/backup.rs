//! A consistent copy of the database while the server writes, for `kiosque backup`.

use std::path::Path;

use crate::db::Backend;
use crate::{Store, StoreError};

impl Store {
    /// Writes a copy of the SQLite database to `to` (which must not exist), as it stood at one
    /// moment: `VACUUM INTO` reads in one transaction, so writes committed meanwhile (WAL) are
    /// either wholly in the copy or wholly out of it, and it never blocks the server's writes.
    /// PostgreSQL has its own tools for this (`pg_dump`): `StoreError::Invalid` says so.
    pub async fn snapshot_into(&self, to: &Path) -> Result<(), StoreError> {
        if self.backend() != Backend::Sqlite {
            return Err(StoreError::Invalid(
                "the database is PostgreSQL: back it up with pg_dump (see the README's \"Backups\")"
                    .into(),
            ));
        }
        let to = to
            .to_str()
            .ok_or_else(|| StoreError::Invalid(format!("{} is not UTF-8", to.display())))?;
        sqlx::query("vacuum into $1")
            .bind(to)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
