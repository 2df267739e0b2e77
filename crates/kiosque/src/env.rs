//! What every subcommand needs to reach the data: the data folder, the media folder, the
//! database URL.

use std::path::{Path, PathBuf};

use anyhow::Context;
use kiosque_store::Store;

/// Everything a subcommand needs to reach the data.
pub struct Env {
    pub data_dir: PathBuf,
    /// The media store: `--media-url`, or the data folder's `media` folder.
    pub media: kiosque_media::MediaStorage,
    /// Where streamed uploads are staged while they arrive (local, whatever the store).
    pub staging_dir: PathBuf,
    pub database_url: String,
}

impl Env {
    pub fn new(
        data_dir: &Path,
        database_url: Option<&str>,
        media_url: Option<&str>,
    ) -> anyhow::Result<Self> {
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
        let location = match media_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => kiosque_media::MediaLocation::parse(url).context("--media-url")?,
            None => kiosque_media::MediaLocation::Folder(data_dir.join("media")),
        };
        let media = location.open().context("--media-url")?;
        let database_url = match database_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_owned(),
            _ => kiosque_store::sqlite_url(&data_dir.join("kiosque.db")),
        };
        Ok(Env {
            data_dir: data_dir.to_owned(),
            media,
            staging_dir: data_dir.join("staging"),
            database_url,
        })
    }

    pub fn backend_name(&self) -> &'static str {
        if self.database_url.starts_with("sqlite:") {
            "SQLite"
        } else {
            "PostgreSQL"
        }
    }

    /// Records the files of the media store that the database does not know yet (copied there
    /// by hand, by `aws s3 sync`, or written before the database recorded files), so that
    /// pages and feeds, which ask the database, see them.
    pub async fn adopt_media_files(&self, store: &Store) -> anyhow::Result<usize> {
        let listed = self
            .media
            .list_all()
            .await
            .context("cannot list the media store")?;
        let files: Vec<kiosque_store::MediaFile> = listed
            .into_iter()
            .map(|(path, bytes)| kiosque_store::MediaFile {
                mime: kiosque_media::mime_of_path(&path).to_owned(),
                bytes: i64::try_from(bytes).unwrap_or(i64::MAX),
                path,
            })
            .collect();
        Ok(store.adopt_media_files(&files).await?)
    }

    pub async fn open_store(&self) -> anyhow::Result<Store> {
        Store::open(&self.database_url)
            .await
            .with_context(|| format!("cannot open the {} database", self.backend_name()))
    }
}
