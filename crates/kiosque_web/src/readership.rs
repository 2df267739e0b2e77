//! Counting readers' views for "Les plus lus", without a cookie or a tracker.
//!
//! A middleware in front of the page cache sees every article page served, from the cache or
//! rendered, and adds one to that article's count in this node's memory when the request is a
//! reader's (`kiosque_domain::readership::is_reader_view`: a browser's GET, no prefetch, no
//! crawler). A follower adds the counts to the database in one batch every [`FLUSH_EVERY`],
//! so a request never waits on a write and several nodes add to the same rows.
//!
//! The ranking changes the pages that list it, which stay cached: every [`RERANK_EVERY`] the
//! follower reads the ranking again and, only if it changed, logs `Key::MostRead`, which drops
//! the pages listing it. A change key rather than a timer on the pages themselves, because the
//! page cache has no time-to-live (pages live until a change touches them) and a key lets every
//! node drop them at once; the period bounds how often busy pages are rendered again, at the
//! price of a list up to that period old.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use kiosque_domain::readership::{is_reader_view, Request as Seen};
use kiosque_domain::ArticleId;
use kiosque_store::{Store, StoreError};

/// How often a node adds its counts to the database.
pub const FLUSH_EVERY: Duration = Duration::from_secs(30);
/// How often the ranking is read again to see whether the pages listing it must change.
pub const RERANK_EVERY: Duration = Duration::from_secs(10 * 60);
/// The window of "Les plus lus": views of the last two days.
pub const WINDOW_MS: i64 = 48 * 3_600_000;
/// How many articles "Les plus lus" lists.
pub const MOST_READ_LEN: i64 = 5;
/// Distinct articles counted between two flushes at most: memory stays bounded whatever the
/// traffic (a flood of distinct ids is dropped rather than kept).
const MAX_PENDING: usize = 100_000;

/// This node's counts since the last flush, and the ranking pages were last told about.
#[derive(Default)]
pub struct Views {
    pending: Mutex<HashMap<ArticleId, i64>>,
    ranking: tokio::sync::Mutex<Option<Vec<ArticleId>>>,
}

impl Views {
    /// One reader's view of an article.
    pub fn hit(&self, id: ArticleId) {
        let Ok(mut pending) = self.pending.lock() else {
            return;
        };
        if pending.len() >= MAX_PENDING && !pending.contains_key(&id) {
            return;
        }
        *pending.entry(id).or_default() += 1;
    }

    /// Adds the counts to the database; on failure they are kept for the next flush.
    pub async fn flush(&self, store: &Store) -> Result<(), StoreError> {
        let batch: Vec<(ArticleId, i64)> = match self.pending.lock() {
            Ok(mut p) => p.drain().collect(),
            Err(_) => return Ok(()),
        };
        let now = chrono::Utc::now().timestamp_millis();
        if let Err(e) = store.add_views(&batch, now).await {
            if let Ok(mut p) = self.pending.lock() {
                for (id, n) in batch {
                    *p.entry(id).or_default() += n;
                }
            }
            return Err(e);
        }
        Ok(())
    }

    /// Reads the ranking and logs `Key::MostRead` when it differs from the one pages were
    /// last rendered with (as far as this node knows).
    pub async fn rerank(&self, store: &Store) -> Result<(), StoreError> {
        let mut known = self.ranking.lock().await;
        let ranking = ranking(store).await?;
        if known.as_ref() != Some(&ranking) {
            store.touch_most_read().await?;
            *known = Some(ranking);
        }
        Ok(())
    }

    /// Notes the ranking as this node starts, without logging it: this node has rendered
    /// nothing with another, and logging it would drop, on every node, the pages listing it
    /// each time a node starts (a page its first reader had just had kept among them).
    pub async fn baseline(&self, store: &Store) -> Result<(), StoreError> {
        let mut known = self.ranking.lock().await;
        if known.is_none() {
            *known = Some(ranking(store).await?);
        }
        Ok(())
    }
}

/// "Les plus lus" now.
async fn ranking(store: &Store) -> Result<Vec<ArticleId>, StoreError> {
    let now = chrono::Utc::now().timestamp_millis();
    Ok(store
        .most_read(now - WINDOW_MS, MOST_READ_LEN)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect())
}

/// Flushes the counts every [`FLUSH_EVERY`] and re-reads the ranking every [`RERANK_EVERY`],
/// until the store is closed.
pub async fn follow(views: std::sync::Arc<Views>, store: Store) {
    if let Err(e) = views.baseline(&store).await {
        tracing::warn!(error = %e, "cannot read the most read articles");
    }
    let mut since_rerank = RERANK_EVERY;
    let s = store.clone();
    kiosque_jobs::follow::every(store, FLUSH_EVERY, false, move || {
        let (views, store) = (views.clone(), s.clone());
        since_rerank += FLUSH_EVERY;
        let rerank = since_rerank >= RERANK_EVERY;
        if rerank {
            since_rerank = Duration::ZERO;
        }
        async move {
            if let Err(e) = views.flush(&store).await {
                tracing::warn!(error = %e, "cannot add view counts; kept for the next flush");
            }
            if rerank {
                if let Err(e) = views.rerank(&store).await {
                    tracing::warn!(error = %e, "cannot read the most read articles");
                }
            }
            kiosque_jobs::follow::Pace::Wait
        }
    })
    .await;
}

/// The article a path is the permalink of: `/{section}/{slug}_{id}.html`, the section not
/// one of the site's own route names.
fn article_of(path: &str) -> Option<ArticleId> {
    let mut parts = path.strip_prefix('/')?.split('/');
    let (section, file) = (parts.next()?, parts.next()?);
    if parts.next().is_some() || kiosque_domain::slug::RESERVED_SECTION_SLUGS.contains(&section) {
        return None;
    }
    kiosque_domain::slug::parse_permalink_file(file).map(|(_, id)| ArticleId(id))
}

/// The middleware in front of the page cache: counts readers' views of article pages that
/// were served (a 200, or a 304 to a reader coming back), from the cache or not.
pub async fn count(
    State(views): State<std::sync::Arc<Views>>,
    req: Request,
    next: Next,
) -> Response {
    let article = article_of(req.uri().path()).filter(|_| {
        let h = req.headers();
        let text = |name: &str| h.get(name).and_then(|v| v.to_str().ok());
        is_reader_view(&Seen {
            is_get: req.method() == Method::GET,
            user_agent: h.get(header::USER_AGENT).and_then(|v| v.to_str().ok()),
            purpose: text("sec-purpose")
                .or_else(|| text("purpose"))
                .or_else(|| text("x-purpose"))
                .or_else(|| text("x-moz")),
            fetch_dest: text("sec-fetch-dest"),
        })
    });
    let res = next.run(req).await;
    if let Some(id) = article {
        if matches!(res.status(), StatusCode::OK | StatusCode::NOT_MODIFIED) {
            views.hit(id);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_article_permalinks_are_counted() {
        assert_eq!(
            article_of("/monde/syrie-poutine_12.html"),
            Some(ArticleId(12))
        );
        assert_eq!(article_of("/videos/louvre_12.html"), None);
        assert_eq!(article_of("/tag/syrie"), None);
        assert_eq!(article_of("/monde"), None);
        assert_eq!(article_of("/monde/rss.xml"), None);
        assert_eq!(article_of("/a/b/c_1.html"), None);
    }

    #[test]
    fn counts_add_up_until_flushed() {
        let v = Views::default();
        v.hit(ArticleId(1));
        v.hit(ArticleId(1));
        v.hit(ArticleId(2));
        let p = v.pending.lock().expect("lock");
        assert_eq!(p.get(&ArticleId(1)), Some(&2));
        assert_eq!(p.get(&ArticleId(2)), Some(&1));
    }
}
