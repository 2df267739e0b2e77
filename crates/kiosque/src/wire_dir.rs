//! `serve --wire-dir DIR`: a folder the agencies' feeds drop ninjs items into (by FTP, rsync,
//! a script). Every few seconds, each `*.json` file in it is claimed (moved into
//! `DIR/.claimed/`, which one node alone can do when several share the folder), imported, and
//! moved to `DIR/done/`, or to `DIR/failed/` with a `.error.txt` beside it saying why. A file
//! still being written is left for the next round: it is claimed only once its size held
//! still between two looks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use kiosque_media::MediaStorage;
use kiosque_store::Store;

/// How often the folder is looked at.
const EVERY: Duration = Duration::from_secs(2);

pub fn spawn(store: Store, media: MediaStorage, dir: PathBuf) {
    tokio::spawn(async move {
        let mut sizes: HashMap<PathBuf, u64> = HashMap::new();
        loop {
            if let Err(e) = round(&store, &media, &dir, &mut sizes).await {
                tracing::warn!(folder = %dir.display(), error = %format!("{e:#}"), "wire folder");
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}

async fn round(
    store: &Store,
    media: &MediaStorage,
    dir: &Path,
    sizes: &mut HashMap<PathBuf, u64>,
) -> anyhow::Result<()> {
    let mut ready = Vec::new();
    let mut seen = HashMap::new();
    let mut entries = tokio::fs::read_dir(dir).await?;
    while let Some(e) = entries.next_entry().await? {
        let path = e.path();
        let json = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("json"));
        let meta = e.metadata().await?;
        if !json || !meta.is_file() {
            continue;
        }
        if sizes.get(&path) == Some(&meta.len()) {
            ready.push(path.clone());
        }
        seen.insert(path, meta.len());
    }
    *sizes = seen;
    ready.sort();
    for path in ready {
        sizes.remove(&path);
        one(store, media, dir, &path).await?;
    }
    Ok(())
}

/// Claims, imports and files away one item. Only a failure of the folder itself is an error.
async fn one(store: &Store, media: &MediaStorage, dir: &Path, path: &Path) -> anyhow::Result<()> {
    let Some(name) = path.file_name() else {
        return Ok(());
    };
    let claimed_dir = dir.join(".claimed");
    tokio::fs::create_dir_all(&claimed_dir).await?;
    let claimed = claimed_dir.join(name);
    if tokio::fs::rename(path, &claimed).await.is_err() {
        // Another node took it.
        return Ok(());
    }
    // Pictures delivered with the item are beside it in the folder, not in `.claimed/`.
    let outcome = match tokio::fs::read(&claimed).await {
        Ok(bytes) => match kiosque_import::ninjs::parse(&bytes) {
            Ok(item) => crate::wire::ingest(store, media, &item, dir)
                .await
                .map(|done| (item, done)),
            Err(e) => Err(anyhow::anyhow!("{} ({})", e, e.code())),
        },
        Err(e) => Err(e.into()),
    };
    let (to, error) = match outcome {
        Ok((item, done)) => {
            tracing::info!(uri = %item.uri, ?done, pubstatus = item.pubstatus.as_str(), "wire item");
            (dir.join("done"), None)
        }
        Err(e) => {
            tracing::warn!(file = %path.display(), error = %format!("{e:#}"), "wire item refused");
            (dir.join("failed"), Some(format!("{e:#}\n")))
        }
    };
    tokio::fs::create_dir_all(&to).await?;
    tokio::fs::rename(&claimed, to.join(name)).await?;
    if let Some(error) = error {
        let mut note = name.to_os_string();
        note.push(".error.txt");
        tokio::fs::write(to.join(note), error).await?;
    }
    Ok(())
}
