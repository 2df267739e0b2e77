use std::path::PathBuf;
use std::sync::Arc;

use kiosque_store::Store;

use crate::cache::PageCache;

/// What every handler may use. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    media_dir: PathBuf,
    cache: PageCache,
}

impl AppState {
    /// Builds the state and starts following the change log (for the page cache).
    /// Must be called inside a Tokio runtime.
    pub async fn start(
        store: Store,
        media_dir: PathBuf,
    ) -> Result<Self, kiosque_store::StoreError> {
        let cache = PageCache::new(store.last_change_id().await?, store.local_writes());
        let state = Self {
            inner: Arc::new(Inner {
                store,
                media_dir,
                cache,
            }),
        };
        crate::cache::spawn_follower(state.clone());
        Ok(state)
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The folder the media library's files live in (`/media/…` URLs map into it).
    pub fn media_dir(&self) -> &std::path::Path {
        &self.inner.media_dir
    }

    pub(crate) fn cache(&self) -> &PageCache {
        &self.inner.cache
    }
}
