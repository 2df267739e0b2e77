//! What a handler attaches to its response for the page cache.

use kiosque_domain::change::Key;

/// The data a response was built from, attached to it by the handler. A response without
/// `Deps` is never cached.
#[derive(Clone, Debug, Default)]
pub struct Deps(pub Vec<Key>);

impl Deps {
    pub fn new(keys: impl IntoIterator<Item = Key>) -> Self {
        Deps(keys.into_iter().collect())
    }

    pub fn with(mut self, key: Key) -> Self {
        self.0.push(key);
        self
    }

    pub fn extend(mut self, keys: impl IntoIterator<Item = Key>) -> Self {
        self.0.extend(keys);
        self
    }
}

/// Set by a handler whose page reads `?page=`: only such pages are kept once per page number.
/// A page without it is the same bytes whatever the number, so the cache keeps it once, under
/// its plain path, and answers every `?page=` of that path from there.
#[derive(Clone, Copy, Debug)]
pub struct Paginated;

/// Whether the page cache answered a request (a hit), rendered it (a miss), or served a
/// visitor the page a change had just dropped while its new render ran (stale); the cache
/// layer sets it on its responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheOutcome {
    Hit,
    Miss,
    Stale,
}
