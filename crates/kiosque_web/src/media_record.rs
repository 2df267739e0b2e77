//! What the database records of the files a node writes to the media store: every node then
//! knows they exist (pages, feeds, enclosures) without looking at any disk.

use kiosque_media::{mime_of_path, StoredImage};
use kiosque_store::{MediaFile, Store, StoreError};

/// Records an uploaded image's original and variants (also for the command line's imports).
pub async fn record_image(store: &Store, stored: &StoredImage) -> Result<(), StoreError> {
    let files: Vec<MediaFile> = stored
        .sizes
        .iter()
        .map(|(path, bytes)| MediaFile {
            path: path.clone(),
            bytes: i64::try_from(*bytes).unwrap_or(i64::MAX),
            mime: mime_of_path(path).to_owned(),
        })
        .collect();
    store.record_media_files(&files).await
}

/// Records one streamed file (a video, an audio episode): `/2026/05/01/a.mp4`.
pub(crate) async fn record_file(store: &Store, path: &str, bytes: u64) -> Result<(), StoreError> {
    store
        .record_media_files(&[MediaFile {
            path: path.trim_start_matches('/').to_owned(),
            bytes: i64::try_from(bytes).unwrap_or(i64::MAX),
            mime: mime_of_path(path).to_owned(),
        }])
        .await
}

/// A file the newsroom names that the database does not know yet (copied into the media store
/// by hand): asked of the store itself, shared by every node, and recorded if it is there.
pub(crate) async fn adopt(state: &crate::AppState, rel: &str) -> Result<bool, StoreError> {
    let Ok(Some(bytes)) = state.media().size(rel).await else {
        return Ok(false);
    };
    record_file(state.store(), rel, bytes).await?;
    Ok(true)
}
