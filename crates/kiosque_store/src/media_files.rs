//! The files of the media store that the site may link to: whether a file exists, its size and
//! type are read here, never from a node's disk, so that every node answers alike.

use std::collections::HashMap;

use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A stored file: `2016/12/23/photo-ab12.jpg` (no leading slash), its size and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    pub path: String,
    pub bytes: i64,
    pub mime: String,
}

/// The most rows one statement inserts (SQLite allows 32766 parameters).
const BATCH: usize = 500;

impl Store {
    /// Records files just written to the media store (a second record of a path updates it).
    pub async fn record_media_files(&self, files: &[MediaFile]) -> Result<()> {
        self.insert_media_files(files, true).await
    }

    /// Records files found in the media store that are not recorded yet (a scan of the store:
    /// files copied there by hand or by `aws s3 sync`). Returns how many were new.
    pub async fn adopt_media_files(&self, files: &[MediaFile]) -> Result<usize> {
        let known = self.media_files_known().await?;
        let new: Vec<MediaFile> = files
            .iter()
            .filter(|f| !known.contains_key(&f.path))
            .cloned()
            .collect();
        self.insert_media_files(&new, false).await?;
        Ok(new.len())
    }

    async fn insert_media_files(&self, files: &[MediaFile], replace: bool) -> Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        for chunk in files.chunks(BATCH) {
            let values = (0..chunk.len())
                .map(|i| {
                    format!(
                        "(${}, ${}, ${}, ${})",
                        4 * i + 1,
                        4 * i + 2,
                        4 * i + 3,
                        4 * i + 4
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            let conflict = if replace {
                "do update set bytes = excluded.bytes, mime = excluded.mime"
            } else {
                "do nothing"
            };
            let sql = format!(
                "insert into media_files (path, bytes, mime, created_at) values {values} \
                 on conflict (path) {conflict}"
            );
            let mut q = sqlx::query(&sql);
            for f in chunk {
                q = q
                    .bind(f.path.trim_start_matches('/').to_owned())
                    .bind(f.bytes)
                    .bind(f.mime.clone())
                    .bind(now);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Forgets a file deleted from the media store.
    pub async fn forget_media_file(&self, path: &str) -> Result<()> {
        sqlx::query("delete from media_files where path = $1")
            .bind(path.trim_start_matches('/').to_owned())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The recorded files among `paths` (with or without their leading slash), by path
    /// without it.
    pub async fn media_files(&self, paths: &[String]) -> Result<HashMap<String, MediaFile>> {
        let mut found = HashMap::new();
        for chunk in paths.chunks(BATCH) {
            let placeholders = (1..=chunk.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql =
                format!("select path, bytes, mime from media_files where path in ({placeholders})");
            let mut q = sqlx::query(&sql);
            for p in chunk {
                q = q.bind(p.trim_start_matches('/').to_owned());
            }
            for row in q.fetch_all(&self.pool).await? {
                let file = MediaFile {
                    path: row.try_get("path")?,
                    bytes: row.try_get("bytes")?,
                    mime: row.try_get("mime")?,
                };
                found.insert(file.path.clone(), file);
            }
        }
        Ok(found)
    }

    async fn media_files_known(&self) -> Result<HashMap<String, ()>> {
        let rows = sqlx::query("select path from media_files")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get::<String, _>("path")?, ())))
            .collect()
    }
}
