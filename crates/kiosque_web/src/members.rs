//! What a member's personal slots are filled from, kept in memory: their session (user, CSRF
//! token, reply-mail choice), the inputs of an article's comment mode, and their own comments
//! on an article. A member's hit on a cached page thus costs no database query.
//!
//! The change log keeps it exact, as it does the page cache: every entry names the keys it was
//! read under (`Key::User`, `Key::Article`, `Key::Section`, `Key::Nav`, `Key::Comments`), and
//! each key has a generation number here; applying a change that touches a key forgets its
//! generation, which makes every entry read under it stale at once (checked on use, once per
//! batch applied, so no scan of the entries). The log is applied before a slot is filled when
//! this process wrote since (a node reads its own writes), and every 250 ms by a follower
//! (other nodes' writes): a log-out, a ban, a deletion or a moderation decision reaches every
//! node within that.
//!
//! A read that raced a change must not be kept: each fill notes the count of applied batches
//! before reading, and drops what it stored if a batch was applied meanwhile (a batch is
//! counted before its keys are forgotten, so one of the two checks always sees it).
//!
//! Only what the database answered is kept: an unknown session token is not remembered (it is
//! one indexed read each time), so made-up cookies cannot fill memory. Every map is bounded.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use kiosque_domain::change::Key;
use kiosque_domain::{ArticleId, UserId};
use kiosque_store::{CommentRow, ModeInputs, SessionMember, Store, StoreError};
use moka::sync::Cache;

/// Sessions kept (about 1 kB each: the user's row and the token).
const SESSIONS: u64 = 100_000;
/// Articles whose comment mode inputs are kept (a few dozen bytes each).
const ARTICLES: u64 = 50_000;
/// (article, member) pairs whose own comments are kept.
const OWN: u64 = 100_000;
/// Generations of the keys entries depend on. Losing one only makes its entries read again.
const GENERATIONS: u64 = 500_000;
/// Changes read from the log at a time.
const SYNC_BATCH: i64 = 1000;

/// A value and the generation of each key it was read under.
struct Entry<T> {
    deps: Vec<(Key, u64)>,
    value: Arc<T>,
    /// The count of finished batches when its generations were last found current (+1, so
    /// that 0 means never): until another batch finishes, none of them can have been forgotten.
    checked: AtomicU64,
}

pub struct MemberCache {
    generations: Cache<Key, u64, Hasher>,
    next_generation: AtomicU64,
    /// Batches of the log applied that touched a key followed here.
    batches: AtomicU64,
    /// Batches applied in full: counted after their keys are forgotten (see `is_current`).
    finished: AtomicU64,
    sessions: Cache<String, Arc<Entry<SessionMember>>, Hasher>,
    articles: Cache<ArticleId, Arc<Entry<Option<ModeInputs>>>, Hasher>,
    own: Cache<(ArticleId, UserId), Arc<Entry<Vec<CommentRow>>>, Hasher>,
    /// The last change id applied; the lock also serialises catching up.
    applied: tokio::sync::Mutex<i64>,
    /// `Store::local_writes` when the log was last read.
    local_seen: AtomicU64,
}

/// The maps' hasher: a member's hit reads about ten entries, and SipHash was a tenth of the
/// hit's own time. Keys are ids and token digests, which a client cannot aim at collisions
/// with; the seed is random per process all the same.
type Hasher = foldhash::fast::RandomState;

fn bounded<K, V>(entries: u64) -> Cache<K, V, Hasher>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    Cache::builder()
        .max_capacity(entries)
        .build_with_hasher(Hasher::default())
}

/// Whether a change key can make an entry here stale.
fn followed(key: &Key) -> bool {
    matches!(
        key,
        Key::User(_) | Key::Article(_) | Key::Section(_) | Key::Nav | Key::Comments(_)
    )
}

impl MemberCache {
    pub fn new(last_change_id: i64, local_writes: u64) -> Self {
        MemberCache {
            // Least recently used, not TinyLFU: a new key's generation must always be kept,
            // or entries read under it would never be valid.
            generations: Cache::builder()
                .max_capacity(GENERATIONS)
                .eviction_policy(moka::policy::EvictionPolicy::lru())
                .build_with_hasher(Hasher::default()),
            next_generation: AtomicU64::new(1),
            batches: AtomicU64::new(0),
            finished: AtomicU64::new(0),
            sessions: bounded(SESSIONS),
            articles: bounded(ARTICLES),
            own: bounded(OWN),
            applied: tokio::sync::Mutex::new(last_change_id),
            local_seen: AtomicU64::new(local_writes),
        }
    }

    /// Whether no key the entry was read under changed since. Checked once per batch of the
    /// log rather than on every use: a member's hit reads three entries under six keys, and
    /// between changes (most of the time) one atomic load answers. The count read before the
    /// check is the one noted: a batch finishing meanwhile makes the next use check again.
    fn is_current<T>(&self, entry: &Entry<T>) -> bool {
        let finished = self.finished.load(Ordering::Acquire) + 1;
        if entry.checked.load(Ordering::Acquire) == finished {
            return true;
        }
        let current = entry
            .deps
            .iter()
            .all(|(key, generation)| self.generations.get(key) == Some(*generation));
        if current {
            entry.checked.store(finished, Ordering::Release);
        }
        current
    }

    fn stamp<T>(&self, keys: &[Key], value: T) -> Arc<Entry<T>> {
        let deps = keys
            .iter()
            .map(|k| {
                let generation = self
                    .generations
                    .get_with(*k, || self.next_generation.fetch_add(1, Ordering::Relaxed));
                (*k, generation)
            })
            .collect();
        Arc::new(Entry {
            deps,
            value: Arc::new(value),
            checked: AtomicU64::new(0),
        })
    }

    /// The member of a session (by the SHA-256 of its token), if it is live now.
    pub async fn session(
        &self,
        store: &Store,
        hash: &str,
    ) -> Result<Option<Arc<SessionMember>>, StoreError> {
        self.sync(store, false).await;
        let now = chrono::Utc::now().timestamp_millis();
        if let Some(e) = self.sessions.get(hash).filter(|e| self.is_current(e)) {
            return Ok((e.value.expires_at > now).then(|| e.value.clone()));
        }
        let before = self.batches.load(Ordering::Acquire);
        let Some(found) = store.session_member(hash).await? else {
            return Ok(None);
        };
        let entry = self.stamp(&[Key::User(found.user.id)], found);
        let value = entry.value.clone();
        self.sessions.insert(hash.to_owned(), entry);
        if self.batches.load(Ordering::Acquire) != before {
            self.sessions.invalidate(hash);
        }
        Ok(Some(value))
    }

    /// The inputs of an article's comment mode; `None` for an unknown article.
    pub async fn mode_inputs(
        &self,
        store: &Store,
        article: ArticleId,
    ) -> Result<Option<ModeInputs>, StoreError> {
        self.sync(store, false).await;
        if let Some(e) = self.articles.get(&article).filter(|e| self.is_current(e)) {
            return Ok(*e.value);
        }
        let before = self.batches.load(Ordering::Acquire);
        let found = store.comment_mode_inputs(article).await?;
        let mut keys = vec![Key::Article(article), Key::Nav];
        // A section's settings are logged under the navigation's key today; its own key too,
        // should a later write name only that.
        keys.extend(found.map(|f| Key::Section(f.section_id)));
        self.articles.insert(article, self.stamp(&keys, found));
        if self.batches.load(Ordering::Acquire) != before {
            self.articles.invalidate(&article);
        }
        Ok(found)
    }

    /// The member's own comments on an article (published, pending, hidden), oldest first.
    pub async fn own_comments(
        &self,
        store: &Store,
        article: ArticleId,
        user: UserId,
    ) -> Result<Arc<Vec<CommentRow>>, StoreError> {
        self.sync(store, false).await;
        let key = (article, user);
        if let Some(e) = self.own.get(&key).filter(|e| self.is_current(e)) {
            return Ok(e.value.clone());
        }
        let before = self.batches.load(Ordering::Acquire);
        let found = store.own_comments(article, user).await?;
        let entry = self.stamp(&[Key::Comments(article), Key::User(user)], found);
        let value = entry.value.clone();
        self.own.insert(key, entry);
        if self.batches.load(Ordering::Acquire) != before {
            self.own.invalidate(&key);
        }
        Ok(value)
    }

    /// Forgets the generations of the keys a batch of changes touched.
    fn apply(&self, touched: &HashSet<Key>) {
        let keys: Vec<&Key> = touched.iter().filter(|k| followed(k)).collect();
        if keys.is_empty() {
            return;
        }
        // Counted first: a fill that read before this batch sees the count move (see above).
        self.batches.fetch_add(1, Ordering::AcqRel);
        for k in keys {
            self.generations.invalidate(k);
        }
        // Counted last: an entry found current before this point is checked again.
        self.finished.fetch_add(1, Ordering::AcqRel);
    }

    /// Applies the change log up to now. Cheap when this process wrote nothing since the last
    /// time and `force` is false: one atomic load.
    pub async fn sync(&self, store: &Store, force: bool) {
        let local = store.local_writes();
        if !force && local == self.local_seen.load(Ordering::Acquire) {
            return;
        }
        let mut applied = self.applied.lock().await;
        if !force && self.local_seen.load(Ordering::Acquire) >= local {
            return;
        }
        loop {
            let changes = match store.changes_since(*applied, SYNC_BATCH).await {
                Ok(c) => c,
                Err(e) => {
                    // Everything read before stays as exact as the log we could read; the next
                    // sync retries.
                    tracing::warn!(error = %e, "members' cache cannot read the change log");
                    return;
                }
            };
            let Some(last) = changes.last().map(|c| c.id) else {
                break;
            };
            let read = changes.len();
            let touched: HashSet<Key> = changes.into_iter().flat_map(|c| c.keys).collect();
            self.apply(&touched);
            *applied = last;
            if (read as i64) < SYNC_BATCH {
                break;
            }
        }
        self.local_seen.fetch_max(local, Ordering::AcqRel);
    }
}

/// Follows the change log for other processes' writes, until the store is closed.
pub async fn follow(cache: Arc<MemberCache>, store: Store) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_touched_key_makes_its_entries_stale_and_only_those() {
        let cache = MemberCache::new(0, 0);
        let a = cache.stamp(&[Key::User(UserId(1))], 1);
        let b = cache.stamp(&[Key::User(UserId(2)), Key::Nav], 2);
        assert!(cache.is_current(&a) && cache.is_current(&b));
        cache.apply(&HashSet::from([Key::User(UserId(1)), Key::Front]));
        assert!(!cache.is_current(&a));
        assert!(cache.is_current(&b));
        // Read again under the same key: current again, with a new generation.
        let a2 = cache.stamp(&[Key::User(UserId(1))], 1);
        assert!(cache.is_current(&a2) && !cache.is_current(&a));
        cache.apply(&HashSet::from([Key::Nav]));
        assert!(!cache.is_current(&b));
        // Checked once per batch: a batch of other keys leaves it current, and noted so.
        cache.apply(&HashSet::from([Key::User(UserId(3))]));
        assert!(cache.is_current(&a2));
        assert_eq!(
            a2.checked.load(Ordering::Relaxed),
            cache.finished.load(Ordering::Relaxed) + 1
        );
        assert!(!cache.is_current(&b) && !cache.is_current(&a));
        // A batch of keys followed elsewhere only is not counted.
        let before = cache.batches.load(Ordering::Relaxed);
        cache.apply(&HashSet::from([Key::Front, Key::MostRead]));
        assert_eq!(cache.batches.load(Ordering::Relaxed), before);
    }
}
