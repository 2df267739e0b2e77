//! Where kept pages live: a `moka` cache weighed in bytes (its TinyLFU policy evicts what is
//! seldom read once the bound is reached), a reverse index from each change key to the entries
//! built from it (so that a change drops exactly those, in time proportional to them, not to
//! the cache), and the renders in flight (concurrent requests for a cold page share one).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use kiosque_domain::change::Key;
use moka::notification::RemovalCause;
use tokio::sync::OnceCell;

/// Bytes to keep, without the spare capacity a buffer grown by doubling leaves (up to half of
/// it), which an entry's weight would not count: 23 MB over 65 MB of kept pages, measured.
pub(crate) fn tight(mut v: Vec<u8>) -> axum::body::Bytes {
    v.shrink_to_fit();
    axum::body::Bytes::from(v)
}

/// What the store needs of an entry.
pub(crate) trait Weighed: Send + Sync + 'static {
    fn deps(&self) -> &[Key];
    /// Bytes held, as counted against the bound.
    fn weight(&self) -> u32;
}

/// A render in flight, and the invalidation epoch when it started.
pub(crate) struct Flight<V> {
    pub cell: Arc<OnceCell<Arc<V>>>,
    epoch: u64,
}

/// Entries the policy evicted, waiting to leave the index.
type Evicted<V> = Arc<Mutex<Vec<(Arc<str>, Arc<V>)>>>;

/// Invalidations remembered for [`Entries::keep`]'s check.
const REMEMBERED: usize = 4096;

struct Index {
    by_dep: HashMap<Key, HashSet<Arc<str>>>,
    /// Bumped by every invalidation.
    epoch: u64,
    /// What the last invalidations touched, oldest first, the newest at `epoch`. A render that
    /// started before one touching what it was built from may have read the old data: it is
    /// served to its waiters but not kept. Changes elsewhere do not stop it from being kept
    /// (with comments arriving every few milliseconds, no page would be kept otherwise).
    recent: VecDeque<Vec<Key>>,
}

impl Index {
    /// Whether an invalidation after `since` touched one of `deps`; true when `since` is too
    /// old to tell.
    fn touched_after(&self, since: u64, deps: &[Key]) -> bool {
        let Some(newer) = self.epoch.checked_sub(since) else {
            return true;
        };
        let Ok(newer) = usize::try_from(newer) else {
            return true;
        };
        if newer > self.recent.len() {
            return true;
        }
        self.recent
            .iter()
            .rev()
            .take(newer)
            .any(|touched| touched.iter().any(|k| deps.contains(k)))
    }
}

pub(crate) struct Entries<V: Weighed> {
    map: moka::sync::Cache<Arc<str>, Arc<V>>,
    /// Held while an entry is kept or dropped, so the map and the index agree.
    index: Mutex<Index>,
    /// Entries the policy evicted, to take out of the index at the next keep or invalidation
    /// (the listener runs inside moka's own calls, where taking `index` could deadlock).
    evicted: Evicted<V>,
    flights: Mutex<HashMap<Arc<str>, Flight<V>>>,
    /// Entries a change dropped in the last second, for [`Entries::stale_while_rendering`].
    stale: Option<moka::sync::Cache<Arc<str>, Arc<V>>>,
}

/// How long a dropped entry may still be served while its new render runs.
const STALE_FOR: std::time::Duration = std::time::Duration::from_secs(1);

impl<V: Weighed> Entries<V> {
    /// Entries bounded to `max_bytes`, without stale copies.
    pub(crate) fn new(max_bytes: u64) -> Self {
        Self::with_stale(max_bytes, 0)
    }

    /// Entries bounded to `max_bytes`, and the entries changes dropped in the last second
    /// bounded to `stale_bytes` (none when 0).
    pub(crate) fn with_stale(max_bytes: u64, stale_bytes: u64) -> Self {
        let evicted: Evicted<V> = Arc::default();
        let listen = evicted.clone();
        let map = moka::sync::Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|k: &Arc<str>, v: &Arc<V>| {
                v.weight()
                    .saturating_add(u32::try_from(k.len()).unwrap_or(u32::MAX))
            })
            .eviction_listener(move |k, v, cause| {
                // Explicit removals and replacements are the index's own doing.
                if matches!(cause, RemovalCause::Size | RemovalCause::Expired) {
                    if let Ok(mut e) = listen.lock() {
                        e.push(((*k).clone(), v));
                    }
                }
            })
            .build();
        Entries {
            map,
            index: Mutex::new(Index {
                by_dep: HashMap::new(),
                epoch: 0,
                recent: VecDeque::new(),
            }),
            evicted,
            flights: Mutex::default(),
            stale: (stale_bytes > 0).then(|| {
                moka::sync::Cache::builder()
                    .max_capacity(stale_bytes)
                    .weigher(|_: &Arc<str>, v: &Arc<V>| v.weight())
                    .time_to_live(STALE_FOR)
                    .build()
            }),
        }
    }

    /// The entry a change dropped less than a second ago, if a render of `key` that began
    /// after that change is under way: a visitor may be served it rather than wait for that
    /// render (at most one render behind). `None` when nothing renders `key` now, so a
    /// request after a change with no render running always renders the new data itself.
    pub(crate) fn stale_while_rendering(&self, key: &str) -> Option<Arc<V>> {
        let stale = self.stale.as_ref()?;
        let rendering = self
            .flights
            .lock()
            .is_ok_and(|f| f.get(key).is_some_and(|f| !f.cell.initialized()));
        if !rendering {
            return None;
        }
        stale.get(key)
    }

    pub(crate) fn get(&self, key: &str) -> Option<Arc<V>> {
        self.map.get(key)
    }

    /// The entry a change dropped less than a second ago, whatever renders now.
    pub(crate) fn dropped_lately(&self, key: &str) -> Option<Arc<V>> {
        self.stale.as_ref()?.get(key)
    }

    /// The render in flight for `key`, joined or started.
    pub(crate) fn flight(&self, key: &str) -> Flight<V> {
        let epoch = self.index.lock().map_or(u64::MAX, |i| i.epoch);
        let Ok(mut flights) = self.flights.lock() else {
            return Flight {
                cell: Arc::default(),
                epoch: u64::MAX,
            };
        };
        let f = flights.entry(Arc::from(key)).or_insert_with(|| Flight {
            cell: Arc::default(),
            epoch,
        });
        Flight {
            cell: f.cell.clone(),
            epoch: f.epoch,
        }
    }

    /// The flight for `key` is over (kept or not): later requests look in the map again.
    pub(crate) fn land(&self, key: &str, flight: &Flight<V>) {
        if let Ok(mut flights) = self.flights.lock() {
            if flights
                .get(key)
                .is_some_and(|f| Arc::ptr_eq(&f.cell, &flight.cell))
            {
                flights.remove(key);
            }
        }
    }

    /// Keeps `value` under `key`, unless a change to what it was built from was applied since
    /// `flight` started.
    pub(crate) fn keep(&self, key: &str, value: Arc<V>, flight: &Flight<V>) {
        let Ok(mut index) = self.index.lock() else {
            return;
        };
        self.drain_evicted(&mut index);
        if index.touched_after(flight.epoch, value.deps()) {
            return;
        }
        let key: Arc<str> = Arc::from(key);
        if let Some(old) = self.map.remove(&key) {
            unindex(&mut index, &key, old.deps());
        }
        for dep in value.deps() {
            index.by_dep.entry(*dep).or_default().insert(key.clone());
        }
        if let Some(stale) = &self.stale {
            stale.invalidate(&key);
        }
        self.map.insert(key, value);
    }

    /// Drops every entry built from one of `touched`, and lets no render in flight be kept.
    pub(crate) fn invalidate(&self, touched: &HashSet<Key>) {
        let Ok(mut index) = self.index.lock() else {
            return;
        };
        self.drain_evicted(&mut index);
        index.epoch += 1;
        index.recent.push_back(touched.iter().copied().collect());
        if index.recent.len() > REMEMBERED {
            index.recent.pop_front();
        }
        // A request after this change must not wait for a render that began before it.
        if let Ok(mut flights) = self.flights.lock() {
            flights.clear();
        }
        let doomed: HashSet<Arc<str>> = touched
            .iter()
            .filter_map(|k| index.by_dep.remove(k))
            .flatten()
            .collect();
        for key in doomed {
            if let Some(old) = self.map.remove(&key) {
                unindex(&mut index, &key, old.deps());
                if let Some(stale) = &self.stale {
                    stale.insert(key, old);
                }
            }
        }
    }

    fn drain_evicted(&self, index: &mut Index) {
        let gone = match self.evicted.lock() {
            Ok(mut e) => std::mem::take(&mut *e),
            Err(_) => return,
        };
        for (key, old) in gone {
            match self.map.get(&key) {
                // Kept again since: only the keys the new entry no longer has go.
                Some(now) => {
                    let keep: HashSet<&Key> = now.deps().iter().collect();
                    let stale: Vec<Key> = old
                        .deps()
                        .iter()
                        .filter(|d| !keep.contains(d))
                        .copied()
                        .collect();
                    unindex(index, &key, &stale);
                }
                None => unindex(index, &key, old.deps()),
            }
        }
    }

    /// Entries kept and their bytes, for `/metrics` (exact: pending policy work is done first).
    pub(crate) fn usage(&self) -> (usize, usize) {
        self.map.run_pending_tasks();
        let (mut n, mut bytes) = (self.map.entry_count(), self.map.weighted_size());
        if let Some(stale) = &self.stale {
            stale.run_pending_tasks();
            n += stale.entry_count();
            bytes += stale.weighted_size();
        }
        (
            usize::try_from(n).unwrap_or(usize::MAX),
            usize::try_from(bytes).unwrap_or(usize::MAX),
        )
    }

    #[cfg(test)]
    pub(crate) fn indexed(&self) -> usize {
        self.index
            .lock()
            .map(|i| i.by_dep.values().map(HashSet::len).sum())
            .unwrap_or_default()
    }
}

fn unindex(index: &mut Index, key: &Arc<str>, deps: &[Key]) {
    for dep in deps {
        if let Some(set) = index.by_dep.get_mut(dep) {
            set.remove(key);
            if set.is_empty() {
                index.by_dep.remove(dep);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiosque_domain::ArticleId;

    struct E(Vec<Key>, u32);
    impl Weighed for E {
        fn deps(&self) -> &[Key] {
            &self.0
        }
        fn weight(&self) -> u32 {
            self.1
        }
    }

    fn keep(e: &Entries<E>, key: &str, deps: &[Key], weight: u32) {
        let f = e.flight(key);
        e.keep(key, Arc::new(E(deps.to_vec(), weight)), &f);
        e.land(key, &f);
    }

    #[test]
    fn invalidation_drops_exactly_the_touched_entries() {
        let e = Entries::new(1 << 20);
        keep(&e, "/a", &[Key::Article(ArticleId(1)), Key::Nav], 10);
        keep(&e, "/b", &[Key::Article(ArticleId(2)), Key::Nav], 10);
        keep(&e, "/", &[Key::Front, Key::Videos], 10);
        e.invalidate(&HashSet::from([Key::Article(ArticleId(1))]));
        assert!(e.get("/a").is_none());
        assert!(e.get("/b").is_some() && e.get("/").is_some());
        e.invalidate(&HashSet::from([Key::Nav, Key::Videos]));
        assert!(e.get("/b").is_none() && e.get("/").is_none());
        assert_eq!(e.indexed(), 0);
    }

    #[test]
    fn a_render_that_began_before_a_change_to_its_data_is_not_kept() {
        let e = Entries::new(1 << 20);
        let f = e.flight("/a");
        e.invalidate(&HashSet::from([Key::Nav]));
        e.invalidate(&HashSet::from([Key::Front]));
        e.keep("/a", Arc::new(E(vec![Key::Nav], 1)), &f);
        assert!(e.get("/a").is_none(), "it may have read the old navigation");
        // A change elsewhere while it rendered does not stop it from being kept.
        let f = e.flight("/b");
        e.invalidate(&HashSet::from([Key::Front]));
        e.keep("/b", Arc::new(E(vec![Key::Nav], 1)), &f);
        assert!(e.get("/b").is_some());
        // Too many changes since it began to tell: not kept.
        let f = e.flight("/c");
        for _ in 0..=REMEMBERED {
            e.invalidate(&HashSet::from([Key::Front]));
        }
        e.keep("/c", Arc::new(E(vec![Key::Nav], 1)), &f);
        assert!(e.get("/c").is_none());
    }

    #[test]
    fn the_bound_is_in_bytes_and_the_index_follows_evictions() {
        let e = Entries::new(100_000);
        for i in 0..1000 {
            keep(&e, &format!("/p{i}"), &[Key::Nav], 1000);
        }
        let (entries, bytes) = e.usage();
        assert!(bytes <= 100_000, "{bytes}");
        assert!(entries <= 100, "{entries}");
        // The index forgets what the policy evicted at the next keep or change.
        e.invalidate(&HashSet::from([Key::Front]));
        assert_eq!(e.indexed(), entries);
        e.invalidate(&HashSet::from([Key::Nav]));
        assert_eq!(e.usage().0, 0);
    }

    #[test]
    fn a_dropped_entry_is_served_only_while_a_new_render_runs() {
        let e = Entries::with_stale(1 << 20, 1 << 16);
        keep(&e, "/a", &[Key::Nav], 10);
        e.invalidate(&HashSet::from([Key::Nav]));
        assert!(e.get("/a").is_none());
        // Nothing renders it: the next request renders the new data.
        assert!(e.stale_while_rendering("/a").is_none());
        let f = e.flight("/a");
        assert!(e.stale_while_rendering("/a").is_some(), "while it renders");
        e.keep("/a", Arc::new(E(vec![Key::Nav], 10)), &f);
        e.land("/a", &f);
        assert!(
            e.stale_while_rendering("/a").is_none(),
            "the new one is kept"
        );
        // Without stale copies (pieces, skeletons), never.
        let plain = Entries::new(1 << 20);
        keep(&plain, "/a", &[Key::Nav], 10);
        plain.invalidate(&HashSet::from([Key::Nav]));
        let _f = plain.flight("/a");
        assert!(plain.stale_while_rendering("/a").is_none());
    }
}
