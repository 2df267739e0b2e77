use std::path::PathBuf;
use std::sync::Arc;

use kiosque_store::Store;

/// What every handler may use. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    media_dir: PathBuf,
}

impl AppState {
    pub fn new(store: Store, media_dir: PathBuf) -> Self {
        Self {
            inner: Arc::new(Inner { store, media_dir }),
        }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The folder the media library's files live in (`/media/…` URLs map into it).
    pub fn media_dir(&self) -> &std::path::Path {
        &self.inner.media_dir
    }
}
