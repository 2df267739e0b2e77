//! Streamed uploads (videos, audio): written chunk by chunk to a local staging file (never held
//! in memory, and measurable before anything is kept), then copied into the media store under
//! a fresh dated name. The staging file is deleted whatever happens; the stored file is deleted
//! again unless the caller records it ([`StoredFile::keep`]).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::storage::{dated_path, random_tag, MediaStorage};
use crate::MediaError;

/// Fresh names tried: a collision needs the same stem, day and four random characters.
const NAME_ATTEMPTS: usize = 16;

/// A local file deleted when dropped.
#[derive(Debug)]
pub(crate) struct TempFile(pub(crate) PathBuf);

impl TempFile {
    /// A new hidden file in `dir` (created if missing), opened for writing.
    pub(crate) async fn create(dir: &Path) -> std::io::Result<(tokio::fs::File, TempFile)> {
        tokio::fs::create_dir_all(dir).await?;
        loop {
            let path = dir.join(format!(".upload-{}{}.part", random_tag(), random_tag()));
            match tokio::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .await
            {
                Ok(file) => return Ok((file, TempFile(path))),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_file(&self.0) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(file = %self.0.display(), error = %e, "could not delete a staging file");
            }
        }
    }
}

/// A file in the media store, deleted (in the background) when dropped unless kept.
#[derive(Debug)]
pub(crate) struct StoredFile {
    storage: MediaStorage,
    /// `/2026/05/01/alep-ab12.mp4`.
    pub(crate) path: String,
    kept: bool,
}

impl StoredFile {
    pub(crate) fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for StoredFile {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        let storage = self.storage.clone();
        let rel = self.path.trim_start_matches('/').to_owned();
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    if let Err(e) = storage.delete(&rel).await {
                        tracing::warn!(path = %rel, error = %e, "could not delete a refused upload");
                    }
                });
            }
            Err(_) => {
                tracing::warn!(path = %rel, "a refused upload stays: no runtime to delete it")
            }
        }
    }
}

/// Copies `temp` into the store as `YYYY/MM/DD/{stem}-{tag}.{ext}`, drawing another tag while
/// the name is taken.
pub(crate) async fn store_staged(
    storage: &MediaStorage,
    temp: &TempFile,
    day: NaiveDate,
    stem: &str,
    ext: &str,
    mut tags: impl FnMut() -> String,
) -> Result<StoredFile, MediaError> {
    for _ in 0..NAME_ATTEMPTS {
        let rel = dated_path(day, &format!("{stem}-{}", tags()), "", ext);
        match storage.put_file(&rel, &temp.0).await {
            Ok(_) => {
                return Ok(StoredFile {
                    storage: storage.clone(),
                    path: format!("/{rel}"),
                    kept: false,
                })
            }
            Err(MediaError::Storage(object_store::Error::AlreadyExists { .. })) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(MediaError::Storage(object_store::Error::AlreadyExists {
        path: stem.to_owned(),
        source: "no free name".into(),
    }))
}
