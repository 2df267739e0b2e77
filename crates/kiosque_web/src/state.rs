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
    /// When each API key's use was last written down (at most once a minute per key).
    api_key_uses: std::sync::Mutex<std::collections::HashMap<i64, std::time::Instant>>,
}

impl AppState {
    /// Builds the state and starts following the change log (page cache, live comments).
    /// Must be called inside a Tokio runtime.
    pub async fn start(
        store: Store,
        config: SiteConfig,
    ) -> Result<Self, kiosque_store::StoreError> {
        let cache = PageCache::new(store.last_change_id().await?, store.local_writes());
        let limits = Limits::new(config.rate_limit_factor, config.api_requests_per_minute);
        let state = Self {
            inner: Arc::new(Inner {
                store,
                config,
                cache,
                limits,
                live: crate::live::Live::new(),
                api_key_uses: Default::default(),
            }),
        };
        crate::cache::spawn_follower(state.clone());
        crate::clock::spawn_scheduler(state.store().clone(), state.inner.config.clock.clone());
        crate::webhooks::spawn_sender(
            state.store().clone(),
            state.inner.config.public_url.clone(),
            state.inner.config.webhook_retry_base_ms,
        );
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

    /// Notes that an API key was used, for the back office; a write at most once a minute per
    /// key, off the request's path.
    pub(crate) fn note_api_key_use(&self, key_id: i64) {
        let now = std::time::Instant::now();
        {
            let Ok(mut uses) = self.inner.api_key_uses.lock() else {
                return;
            };
            if uses
                .get(&key_id)
                .is_some_and(|t| now.duration_since(*t) < std::time::Duration::from_secs(60))
            {
                return;
            }
            if uses.len() > 10_000 {
                uses.clear();
            }
            uses.insert(key_id, now);
        }
        let store = self.store().clone();
        tokio::spawn(async move {
            if let Err(e) = store.touch_api_key(key_id).await {
                tracing::warn!(error = %e, "cannot note an api key's use");
            }
        });
    }

    /// Ends live streams; call when shutdown begins.
    pub fn begin_shutdown(&self) {
        self.inner.live.close();
    }

    pub(crate) fn live(&self) -> &crate::live::Live {
        &self.inner.live
    }
}
