//! The cache's place in the change log: it applies every change to its entries, at once for
//! this process's own writes and by polling for the others'.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use kiosque_domain::change::Key;
use kiosque_store::Store;

use super::entries::Entries;
use super::fragment::{KeptFragment, Skeleton};
use super::page::CachedPage;
use super::renders::Renders;
use crate::banner::Banner;

/// Changes read from the log at a time.
const SYNC_BATCH: i64 = 1000;

pub struct PageCache {
    pub(crate) entries: Entries<CachedPage>,
    /// Pages with pieces, as their handler rendered them (markers in place of the pieces).
    pub(crate) skeletons: Entries<Skeleton>,
    /// The pieces, each under its own keys: a new comment drops its thread, not the article.
    pub(crate) fragments: Entries<KeptFragment>,
    pub(crate) renders: Renders,
    /// The last change id applied; the lock also serialises catching up.
    applied: tokio::sync::Mutex<i64>,
    /// `Store::local_writes` when the log was last read.
    local_seen: AtomicU64,
    /// The active breaking-news alert, reloaded when the log touches `Key::Alert`.
    pub banner: Banner,
}

impl PageCache {
    /// A cache holding at most `max_bytes` of pages (bodies, their compressed forms, headers),
    /// skeletons and pieces: half for the pages served, an eighth for the pages a change just
    /// dropped, a quarter for the skeletons (the size of a page, uncompressed), an eighth for
    /// the pieces.
    pub fn new(last_change_id: i64, local_writes: u64, max_bytes: u64) -> Self {
        PageCache {
            entries: Entries::with_stale(max_bytes / 2, max_bytes / 8),
            skeletons: Entries::new(max_bytes / 4),
            fragments: Entries::new(max_bytes / 8),
            renders: Renders::default(),
            applied: tokio::sync::Mutex::new(last_change_id),
            local_seen: AtomicU64::new(local_writes),
            banner: Banner::default(),
        }
    }

    /// Applies the change log up to now. Cheap when nothing was written by this process and
    /// `force` is false: one atomic load.
    pub async fn sync(&self, store: &Store, force: bool) {
        let local = store.local_writes();
        if !force && local == self.local_seen.load(Ordering::Acquire) {
            return;
        }
        let mut applied = self.applied.lock().await;
        // Another request may have applied the log while this one waited for the lock.
        if !force && self.local_seen.load(Ordering::Acquire) >= local {
            return;
        }
        loop {
            let changes = match store.changes_since(*applied, SYNC_BATCH).await {
                Ok(c) => c,
                Err(e) => {
                    // Serving slightly stale pages beats failing; the next sync retries.
                    tracing::warn!(error = %e, "cannot read the change log");
                    return;
                }
            };
            let Some(last) = changes.last().map(|c| c.id) else {
                break;
            };
            let read = changes.len();
            let touched: HashSet<Key> = changes.into_iter().flat_map(|c| c.keys).collect();
            // The parts before the pages: a page assembled in between from a stale part
            // began before the pages' invalidation, so it is not kept.
            self.fragments.invalidate(&touched);
            self.skeletons.invalidate(&touched);
            self.entries.invalidate(&touched);
            if touched.contains(&Key::Alert) {
                self.banner.reload(store).await;
            }
            *applied = last;
            // A short batch means the log was read to its end as of that query. Later writes
            // are for the next sync: looping until the log is quiet would never end under a
            // steady stream of comments, and every reader would wait on this lock.
            if (read as i64) < SYNC_BATCH {
                break;
            }
        }
        // Every local write counted before this sync began had committed, so the reads above
        // saw it.
        self.local_seen.fetch_max(local, Ordering::AcqRel);
    }

    /// Entries kept (pages, skeletons, pieces) and the bytes they weigh, for `/metrics`.
    pub(crate) fn usage(&self) -> (usize, usize) {
        [
            self.entries.usage(),
            self.skeletons.usage(),
            self.fragments.usage(),
        ]
        .into_iter()
        .fold((0, 0), |(n, b), (n2, b2)| (n + n2, b + b2))
    }

    /// The last change of the log this node's pages follow.
    pub(crate) async fn applied(&self) -> i64 {
        *self.applied.lock().await
    }
}

/// Follows the change log for writes made by other processes, until the store is closed.
pub async fn follow(cache: Arc<PageCache>, store: Store) {
    let s = store.clone();
    kiosque_jobs::follow::every(store, kiosque_jobs::follow::POLL, true, move || {
        let (cache, store) = (cache.clone(), s.clone());
        async move {
            cache.sync(&store, true).await;
            kiosque_jobs::follow::Pace::Wait
        }
    })
    .await;
}
