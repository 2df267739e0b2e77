//! What the cache had rendered, for `/metrics`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Renders counted for `/metrics`: whole pages by their handler, pieces by kind. A test reads
/// them to tell a page that was assembled again from one that was rendered again.
#[derive(Default)]
pub struct Renders {
    pages: AtomicU64,
    fragments: Mutex<BTreeMap<String, u64>>,
}

impl Renders {
    pub(crate) fn page(&self) {
        self.pages.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn fragment(&self, kind: &str) {
        if let Ok(mut f) = self.fragments.lock() {
            *f.entry(kind.to_owned()).or_default() += 1;
        }
    }

    /// Pages rendered by their handler, and pieces rendered by kind, since the start.
    pub(crate) fn totals(&self) -> (u64, Vec<(String, u64)>) {
        let fragments = self
            .fragments
            .lock()
            .map(|f| f.iter().map(|(k, n)| (k.clone(), *n)).collect())
            .unwrap_or_default();
        (self.pages.load(Ordering::Relaxed), fragments)
    }
}
