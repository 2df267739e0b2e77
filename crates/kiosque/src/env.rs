//! What every subcommand needs to reach the data: the data folder, the media folder, the
//! database URL.

use std::path::{Path, PathBuf};

use anyhow::Context;
use kiosque_store::Store;

/// Everything a subcommand needs to reach the data.
pub struct Env {
    pub data_dir: PathBuf,
    pub media_dir: PathBuf,
    pub database_url: String,
}

impl Env {
    pub fn new(data_dir: &Path, database_url: Option<&str>) -> anyhow::Result<Self> {
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
        let media_dir = data_dir.join("media");
        std::fs::create_dir_all(&media_dir)
            .with_context(|| format!("cannot create {}", media_dir.display()))?;
        let database_url = match database_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_owned(),
            _ => kiosque_store::sqlite_url(&data_dir.join("kiosque.db")),
        };
        Ok(Env {
            data_dir: data_dir.to_owned(),
            media_dir,
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

    pub async fn open_store(&self) -> anyhow::Result<Store> {
        Store::open(&self.database_url)
            .await
            .with_context(|| format!("cannot open the {} database", self.backend_name()))
    }
}
