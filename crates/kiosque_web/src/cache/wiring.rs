//! What the cache middleware is given by the router.

use std::sync::Arc;

use kiosque_store::Store;

use super::follow::PageCache;
use super::fragment::FragmentRenderer;
use super::page::SlotFiller;
use crate::slots::AccountFiller;

/// What the cache middleware is given, behind one `Arc`: axum clones a route's middleware
/// state for every request, and one shared count costs less than a count per part (the parts'
/// counts, shared by both cores, took about 5% of a cached page's time).
#[derive(Clone)]
pub struct CacheLayer(Arc<CacheParts>);

impl CacheLayer {
    pub fn new(parts: CacheParts) -> Self {
        CacheLayer(Arc::new(parts))
    }
}

impl std::ops::Deref for CacheLayer {
    type Target = CacheParts;

    fn deref(&self) -> &CacheParts {
        &self.0
    }
}

/// What the cache middleware needs: the cache, the store whose log it follows, the fillers
/// of the comment area and of the header's account link, the renderer of pages' pieces.
pub struct CacheParts {
    pub cache: Arc<PageCache>,
    pub store: Store,
    pub filler: Arc<dyn SlotFiller>,
    pub account: Arc<dyn AccountFiller>,
    pub fragments: Arc<dyn FragmentRenderer>,
    /// Paths whose handler reads query parameters of its own (the search page): a request to
    /// one of them with a query goes through uncached, its query untouched. Everywhere else
    /// only `?page=` reaches the handler.
    pub own_query: &'static [&'static str],
}
