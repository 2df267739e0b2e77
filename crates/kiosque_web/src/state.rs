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
    cache: Arc<PageCache>,
    limits: Limits,
    live: Arc<crate::live::Live>,
    /// The live blogs' streams (one fetch per change, shared by every stream).
    live_feed: Arc<crate::live_feed::LiveFeed>,
    /// Readers' views counted on this node, not yet in the database.
    views: Arc<crate::readership::Views>,
    /// When each API key's use was last written down (at most once a minute per key).
    api_key_uses: std::sync::Mutex<std::collections::HashMap<i64, std::time::Instant>>,
    /// Sends what the durable mail queue holds (account mail, newsletters).
    postman: Arc<kiosque_jobs::postman::Postman>,
    /// This node's figures for `/metrics`.
    metrics: Arc<crate::metrics::Metrics>,
    /// What members' slots are filled from (sessions, comment modes, own comments).
    members: Arc<crate::members::MemberCache>,
    /// Live streams open, per client address and in all.
    stream_limits: Arc<crate::stream_limits::StreamLimits>,
    /// The bounded queue in front of rendering.
    overload: Arc<crate::overload::Overload>,
}

impl AppState {
    /// Builds the state. Nothing runs in the background until [`AppState::spawn_followers`]:
    /// a router over this state answers requests in-process as it is.
    pub async fn new(store: Store, config: SiteConfig) -> Result<Self, kiosque_store::StoreError> {
        let cache = Arc::new(PageCache::new(
            store.last_change_id().await?,
            store.local_writes(),
            config.page_cache_bytes,
        ));
        // Every node signs anonymous CSRF tokens with the same key, kept in the database.
        let key = store
            .set_meta_once("csrf_key", &crate::csrf_token::new_key())
            .await?;
        crate::csrf_token::install_key(&key);
        // On PostgreSQL a site may run on several nodes: they count the same tries.
        let counters: Box<dyn crate::limit_counters::Counters> = match store.backend() {
            kiosque_store::Backend::Postgres => {
                Box::new(crate::limit_counters::DbCounters::new(store.clone()))
            }
            kiosque_store::Backend::Sqlite => {
                Box::new(crate::limit_counters::MemoryCounters::default())
            }
        };
        let limits = Limits::new(
            config.rate_limit_factor,
            config.api_requests_per_minute,
            counters,
        );
        let postman = Arc::new(kiosque_jobs::postman::Postman::new(
            store.clone(),
            config.mailer.clone(),
            &config.public_url,
        ));
        let members = Arc::new(crate::members::MemberCache::new(
            store.last_change_id().await?,
            store.local_writes(),
        ));
        let stream_limits = Arc::new(crate::stream_limits::StreamLimits::new(
            config.load.streams_per_address,
            config.load.streams,
        ));
        let metrics: Arc<crate::metrics::Metrics> = Arc::default();
        let overload = Arc::new(crate::overload::Overload::new(
            &config.load,
            metrics.clone(),
        ));
        let state = Self {
            inner: Arc::new(Inner {
                members,
                store,
                config,
                cache,
                limits,
                live: Arc::new(crate::live::Live::new()),
                live_feed: Arc::default(),
                views: Arc::default(),
                api_key_uses: Default::default(),
                postman,
                metrics,
                stream_limits,
                overload,
            }),
        };
        Ok(state)
    }

    /// Starts what the web layer follows in the background, each on its own: the page cache
    /// (writes of other processes), the live comment streams (threads that changed), and the
    /// trimming of the rate-limit tables. They stop when the store is closed.
    pub async fn spawn_followers(&self) -> Result<(), kiosque_store::StoreError> {
        let store = self.store().clone();
        tokio::spawn(crate::cache::follow(
            self.inner.cache.clone(),
            store.clone(),
        ));
        tokio::spawn(crate::members::follow(
            self.inner.members.clone(),
            store.clone(),
        ));
        tokio::spawn(crate::live::follow(
            self.inner.live.clone(),
            store.clone(),
            store.last_change_id().await?,
            self.inner.metrics.clone(),
        ));
        tokio::spawn(crate::live_feed::follow(
            self.inner.live_feed.clone(),
            self.live_renderer(),
            store.last_change_id().await?,
            self.inner.metrics.clone(),
        ));
        tokio::spawn(crate::readership::follow(
            self.inner.views.clone(),
            store.clone(),
        ));
        let state = self.clone();
        tokio::spawn(kiosque_jobs::follow::every(
            store,
            std::time::Duration::from_secs(60),
            false,
            move || {
                let state = state.clone();
                async move {
                    state.limits().shrink().await;
                    kiosque_jobs::follow::Pace::Wait
                }
            },
        ));
        Ok(())
    }

    /// This node's sender of the mail queue; the binary runs it in the background
    /// (`kiosque_jobs::postman::spawn`), requests hand it the messages they queue.
    pub fn postman(&self) -> &Arc<kiosque_jobs::postman::Postman> {
        &self.inner.postman
    }

    /// This node's figures; the binary serves them with [`crate::metrics_http::router`].
    pub fn metrics(&self) -> &Arc<crate::metrics::Metrics> {
        &self.inner.metrics
    }

    /// What members' personal slots are filled from, kept exact by the change log.
    pub(crate) fn members(&self) -> &crate::members::MemberCache {
        &self.inner.members
    }

    pub(crate) fn page_cache(&self) -> &Arc<PageCache> {
        &self.inner.cache
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The media store (`/media/…` URLs map into it).
    pub fn media(&self) -> &kiosque_media::MediaStorage {
        &self.inner.config.media
    }

    /// The local folder where streamed uploads are staged.
    pub fn staging_dir(&self) -> &std::path::Path {
        &self.inner.config.staging_dir
    }

    pub fn search(&self) -> Option<&std::sync::Arc<kiosque_search::SearchIndex>> {
        self.inner.config.search.as_ref()
    }

    pub fn config(&self) -> &SiteConfig {
        &self.inner.config
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

    pub(crate) fn views(&self) -> &Arc<crate::readership::Views> {
        &self.inner.views
    }

    /// Adds the views counted on this node to the database and, if "Les plus lus" changed,
    /// tells the pages listing it. The follower does so on its own timer; shutdown and tests
    /// call it to have it now.
    pub async fn flush_views(&self) -> Result<(), kiosque_store::StoreError> {
        self.inner.views.flush(&self.inner.store).await?;
        self.inner.views.rerank(&self.inner.store).await
    }

    pub(crate) fn live(&self) -> &crate::live::Live {
        &self.inner.live
    }

    /// What the live blogs' streams render with.
    pub(crate) fn live_renderer(&self) -> crate::live_feed::Renderer {
        crate::live_feed::Renderer {
            store: self.inner.store.clone(),
        }
    }

    pub(crate) fn live_feed(&self) -> &Arc<crate::live_feed::LiveFeed> {
        &self.inner.live_feed
    }

    pub(crate) fn stream_limits(&self) -> &Arc<crate::stream_limits::StreamLimits> {
        &self.inner.stream_limits
    }

    pub(crate) fn overload(&self) -> &Arc<crate::overload::Overload> {
        &self.inner.overload
    }
}
