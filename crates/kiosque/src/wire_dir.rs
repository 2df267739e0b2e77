//! `serve --wire-dir DIR`: a folder the agencies' feeds drop ninjs items into (by FTP, rsync,
//! a script). Every few seconds, each `*.json` file in it is claimed (moved into
//! `DIR/.claimed/` under a name of this process's, which one node alone can do when several
//! share the folder), imported, and moved to `DIR/done/`, or to `DIR/failed/` with a
//! `.error.txt` beside it saying why it is no item. A file still being written is left for
//! the next round: it is claimed only once its size held still between two looks. When the
//! database or the media store fails, the file goes back into the folder for the next round;
//! a file left claimed by a node that stopped goes back after a while.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use kiosque_media::MediaStorage;
use kiosque_store::Store;

/// How often the folder is looked at.
const EVERY: Duration = Duration::from_secs(2);

/// How long a claimed file may wait before it counts as left by a node that stopped.
const STALE: Duration = Duration::from_secs(300);

pub fn spawn(store: Store, media: MediaStorage, dir: PathBuf) {
    tokio::spawn(async move {
        let mut sizes: HashMap<PathBuf, u64> = HashMap::new();
        let mut claims = 0u64;
        if let Err(e) = requeue_stale(&dir).await {
            tracing::warn!(folder = %dir.display(), error = %e, "wire folder: claimed files");
        }
        loop {
            if let Err(e) = round(&store, &media, &dir, &mut sizes, &mut claims).await {
                tracing::warn!(folder = %dir.display(), error = %format!("{e:#}"), "wire folder");
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}

/// Puts back into the folder the files claimed long ago (by a node that stopped midway).
async fn requeue_stale(dir: &Path) -> std::io::Result<()> {
    let Ok(mut entries) = tokio::fs::read_dir(dir.join(".claimed")).await else {
        return Ok(());
    };
    while let Some(e) = entries.next_entry().await? {
        let age = e
            .metadata()
            .await?
            .modified()?
            .elapsed()
            .unwrap_or_default();
        if age < STALE {
            continue;
        }
        let name = e.file_name().to_string_lossy().into_owned();
        // `{pid}-{n}-{name}`: the original name after the second dash.
        let original = name.splitn(3, '-').nth(2).unwrap_or(&name).to_owned();
        tokio::fs::rename(e.path(), dir.join(original)).await?;
    }
    Ok(())
}

async fn round(
    store: &Store,
    media: &MediaStorage,
    dir: &Path,
    sizes: &mut HashMap<PathBuf, u64>,
    claims: &mut u64,
) -> anyhow::Result<()> {
    let mut ready = Vec::new();
    let mut seen = HashMap::new();
    let mut entries = tokio::fs::read_dir(dir).await?;
    while let Some(e) = entries.next_entry().await? {
        let path = e.path();
        let json = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("json"));
        // Gone meanwhile (another node claimed it): not this round's.
        let Ok(meta) = e.metadata().await else {
            continue;
        };
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
        *claims += 1;
        one(store, media, dir, &path, *claims).await?;
    }
    Ok(())
}

/// How a claimed file ends.
enum Outcome {
    Done,
    /// No item: the reason, kept beside it.
    Refused(String),
    /// The database or the media store failed: tried again next round.
    Retry,
}

/// Claims, imports and files away one item. Only a failure of the folder itself is an error.
async fn one(
    store: &Store,
    media: &MediaStorage,
    dir: &Path,
    path: &Path,
    claim: u64,
) -> anyhow::Result<()> {
    let Some(name) = path.file_name() else {
        return Ok(());
    };
    let claimed_dir = dir.join(".claimed");
    tokio::fs::create_dir_all(&claimed_dir).await?;
    // A name of this process's: a file of the same name claimed by another node stays its.
    let mut own = std::ffi::OsString::from(format!("{}-{claim}-", std::process::id()));
    own.push(name);
    let claimed = claimed_dir.join(own);
    if tokio::fs::rename(path, &claimed).await.is_err() {
        // Another node took it.
        return Ok(());
    }
    let limit = kiosque_import::ninjs::MAX_ITEM_BYTES;
    let outcome = match crate::wire::read_bounded(&claimed, limit).await {
        Ok(Some(bytes)) => match kiosque_import::ninjs::parse(&bytes) {
            // Pictures delivered with the item are beside it in the folder.
            Ok(item) => match crate::wire::ingest(store, media, &item, dir).await {
                Ok(done) => {
                    tracing::info!(uri = %item.uri, ?done, pubstatus = item.pubstatus.as_str(), "wire item");
                    Outcome::Done
                }
                Err(e) => {
                    tracing::warn!(
                        file = %path.display(),
                        error = %format!("{e:#}"),
                        "wire item not stored: tried again next round"
                    );
                    Outcome::Retry
                }
            },
            Err(e) => Outcome::Refused(format!("{e} ({})", e.code())),
        },
        Ok(None) => Outcome::Refused(format!("over {limit} bytes (ninjs_too_large)")),
        Err(e) => Outcome::Refused(e.to_string()),
    };
    let (to, error) = match outcome {
        Outcome::Done => (dir.join("done"), None),
        Outcome::Retry => {
            tokio::fs::rename(&claimed, path).await?;
            return Ok(());
        }
        Outcome::Refused(why) => {
            tracing::warn!(file = %path.display(), error = %why, "wire item refused");
            (dir.join("failed"), Some(format!("{why}\n")))
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
