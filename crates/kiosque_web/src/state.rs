use std::sync::Arc;

use kiosque_store::Store;

use crate::cache::PageCache;
use crate::config::SiteConfig;
use crate::limits::Limits;

/// What every handler may use. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    config: SiteConfig,
    cache: PageCache,
    limits: Limits,
    live: crate::live::Live,
}

impl AppState {
    /// Builds the state and starts following the change log (page cache, live comments).
    /// Must be called inside a Tokio runtime.
    pub async fn start(
        store: Store,
        config: SiteConfig,
    ) -> Result<Self, kiosque_store::StoreError> {
        let cache = PageCache::new(store.last_change_id().await?, store.local_writes());
        let limits = Limits::new(config.rate_limit_factor);
        let state = Self {
            inner: Arc::new(Inner {
                store,
                config,
                cache,
                limits,
                live: crate::live::Live::new(),
            }),
        };
        crate::cache::spawn_follower(state.clone());
        if let Some(s) = &state.inner.config.search {
            crate::search::spawn_indexer(
                state.store().clone(),
                s.index.clone(),
                s.rebuild,
                s.cursor_file.clone(),
            );
        }
        Ok(state)
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The folder the media library's files live in (`/media/…` URLs map into it).
    pub fn media_dir(&self) -> &std::path::Path {
        &self.inner.config.media_dir
    }

    pub fn search(&self) -> Option<&std::sync::Arc<kiosque_search::SearchIndex>> {
        self.inner.config.search.as_ref().map(|s| &s.index)
    }

    pub fn config(&self) -> &SiteConfig {
        &self.inner.config
    }

    pub(crate) fn cache(&self) -> &PageCache {
        &self.inner.cache
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// Ends live streams; call when shutdown begins.
    pub fn begin_shutdown(&self) {
        self.inner.live.close();
    }

    pub(crate) fn live(&self) -> &crate::live::Live {
        &self.inner.live
    }
}
