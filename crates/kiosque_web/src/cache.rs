//! The page cache: rendered public pages, kept until a change touches what they were built from.
//!
//! A handler names the data its page depends on (`Deps`: `article:42`, `section:3`, `videos`,
//! `nav`, …). Every write in the store appends the keys it touched to the change log; the cache
//! follows that log and drops exactly the pages whose dependencies were touched. It follows the
//! log in two ways: at once, before serving, when this process has committed a write (so a node
//! always reads its own writes), and by polling for writes of other processes (an import run
//! beside the server, other app nodes on the same PostgreSQL).
//!
//! Concurrent requests for the same cold page wait for a single render. Only pages that vary on
//! nothing but their URL are cached; personal parts of a page must come from elsewhere.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::future::BoxFuture;
use kiosque_domain::change::Key;
use kiosque_store::Store;
use tokio::sync::OnceCell;

use crate::banner::{self, Banner};
use crate::slots::{self, AccountFiller};

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

/// One personal slot of a cached page, where it left the marker
/// `<!--kiosque:slot {kind} {id}-->`: the comment area of an article (`comments 12`), the
/// actions under one comment (`comment 40`, `reply 41`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub kind: String,
    pub id: i64,
    /// The marker's bytes in the page.
    start: usize,
    end: usize,
}

/// Fills a cached page's personal slots for one request. The web layer registers it (the
/// comment area under an article), so the cache never calls up into a handler.
pub trait SlotFiller: Send + Sync {
    /// The reader's fragment for each of the page's `slots` (in order, one each) on the page
    /// at `path`, from the request's `personal` headers (its cookies); an error response is
    /// sent as it is.
    fn fill<'a>(
        &'a self,
        personal: &'a HeaderMap,
        slots: &'a [Slot],
        path: &'a str,
    ) -> BoxFuture<'a, Result<Vec<String>, Response>>;
}

/// What the cache middleware needs: the cache, the store whose log it follows, the fillers
/// of the comment area and of the header's account link.
#[derive(Clone)]
pub struct CacheLayer {
    pub cache: Arc<PageCache>,
    pub store: Store,
    pub filler: Arc<dyn SlotFiller>,
    pub account: Arc<dyn AccountFiller>,
}

/// Whether the page cache answered a request (a hit) or rendered it (a miss); the cache layer
/// sets it on its responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheOutcome {
    Hit,
    Miss,
}

/// Above this many pages the cache starts again from empty: a crude bound, enough while the
/// cacheable URL space is small (each article, section page and video once).
const MAX_ENTRIES: usize = 50_000;
/// Largest page body kept.
const MAX_BODY: usize = 4 * 1024 * 1024;
/// Changes read from the log at a time.
const SYNC_BATCH: i64 = 1000;

struct CachedPage {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    etag: HeaderValue,
    deps: HashSet<Key>,
    /// Where the personal parts go (the comment area, each comment's actions), in page order.
    slots: Vec<Slot>,
    /// The header's account link, markers included: (start, end).
    account: Option<(usize, usize)>,
    /// Where the breaking-news banner goes: (start, end) of its marker.
    banner: Option<(usize, usize)>,
    /// When this representation was rendered, in whole seconds (HTTP dates have no more).
    rendered_at: i64,
}

/// An HTTP date: `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(secs: i64) -> Option<HeaderValue> {
    let t = chrono::DateTime::from_timestamp(secs, 0)?;
    HeaderValue::from_str(&t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()).ok()
}

fn parse_http_date(v: &HeaderValue) -> Option<i64> {
    let s = v.to_str().ok()?;
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.timestamp())
}

/// The marker a page leaves where a reader's own part goes: `<!--kiosque:slot {kind} {id}-->`.
const SLOT_MARKER: &str = "<!--kiosque:slot ";

/// Every well-formed slot marker of a page, in order (found once, when the page is kept).
fn find_slots(body: &[u8]) -> Vec<Slot> {
    let marker = SLOT_MARKER.as_bytes();
    let mut slots = Vec::new();
    let mut from = 0;
    while let Some(at) = body[from..].windows(marker.len()).position(|w| w == marker) {
        let start = from + at;
        let rest = &body[start + marker.len()..];
        let Some(close) = rest.windows(3).position(|w| w == b"-->") else {
            break;
        };
        let end = start + marker.len() + close + 3;
        let parsed = std::str::from_utf8(&rest[..close])
            .ok()
            .and_then(|inner| inner.trim().split_once(' '))
            .and_then(|(kind, id)| {
                let ok = !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_lowercase());
                Some((ok.then_some(kind)?, id.trim().parse::<i64>().ok()?))
            });
        if let Some((kind, id)) = parsed {
            slots.push(Slot {
                kind: kind.to_owned(),
                id,
                start,
                end,
            });
        }
        from = end;
    }
    slots
}

type Cell = Arc<OnceCell<Arc<CachedPage>>>;

pub struct PageCache {
    entries: RwLock<HashMap<String, Cell>>,
    /// The last change id applied; the lock also serialises catching up.
    applied: tokio::sync::Mutex<i64>,
    /// `Store::local_writes` when the log was last read.
    local_seen: AtomicU64,
    /// The active breaking-news alert, reloaded when the log touches `Key::Alert`.
    pub banner: Banner,
}

impl PageCache {
    pub fn new(last_change_id: i64, local_writes: u64) -> Self {
        PageCache {
            entries: RwLock::new(HashMap::new()),
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
            self.invalidate(&touched);
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

    fn invalidate(&self, touched: &HashSet<Key>) {
        let Ok(mut entries) = self.entries.write() else {
            return;
        };
        entries.retain(|_, cell| match cell.get() {
            Some(page) => !page.deps.iter().any(|d| touched.contains(d)),
            // A render in flight may have read the data before this change: let its waiters
            // have it, but do not keep it.
            None => false,
        });
    }

    fn cell(&self, key: &str) -> Cell {
        if let Some(cell) = self.entries.read().ok().and_then(|e| e.get(key).cloned()) {
            return cell;
        }
        let Ok(mut entries) = self.entries.write() else {
            return Arc::default();
        };
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.entry(key.to_owned()).or_default().clone()
    }

    /// Drops an empty cell left by a response that was not cacheable (a 404), so that unknown
    /// URLs do not accumulate.
    fn forget(&self, key: &str, cell: &Cell) {
        if let Ok(mut entries) = self.entries.write() {
            if entries
                .get(key)
                .is_some_and(|c| Arc::ptr_eq(c, cell) && !c.initialized())
            {
                entries.remove(key);
            }
        }
    }

    /// Pages kept and the bytes of their bodies, for `/metrics`.
    pub(crate) fn usage(&self) -> (usize, usize) {
        self.entries.read().map_or((0, 0), |e| {
            let bytes = e
                .values()
                .filter_map(|c| c.get())
                .map(|p| p.body.len())
                .sum();
            (e.len(), bytes)
        })
    }

    /// The last change of the log this node's pages follow.
    pub(crate) async fn applied(&self) -> i64 {
        *self.applied.lock().await
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.read().map(|e| e.len()).unwrap_or_default()
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

/// Only URLs whose query is empty or a page number are cached, so that arbitrary query strings
/// cannot fill the cache.
fn cache_key(req: &Request) -> Option<String> {
    let uri = req.uri();
    match uri.query() {
        None => Some(uri.path().to_owned()),
        Some(q)
            if q.strip_prefix("page=").is_some_and(|n| {
                !n.is_empty() && n.len() < 7 && n.bytes().all(|b| b.is_ascii_digit())
            }) =>
        {
            Some(format!("{}?{q}", uri.path()))
        }
        Some(_) => None,
    }
}

/// The middleware in front of the public site's routes.
pub async fn layer(State(layer): State<CacheLayer>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    let cache = &layer.cache;
    cache.banner.ensure(&layer.store).await;
    cache.sync(&layer.store, false).await;
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let if_modified_since = req.headers().get(header::IF_MODIFIED_SINCE).cloned();
    // Only what the personal slot needs: who is asking, and where.
    let mut personal = HeaderMap::new();
    // HTTP/2 clients may split cookies over several headers.
    for cookie in req.headers().get_all(header::COOKIE) {
        personal.append(header::COOKIE, cookie.clone());
    }
    let path = req.uri().path().to_owned();
    let Some(key) = cache_key(&req) else {
        // Not cached, but the page may still have a slot to fill.
        return match into_cached(next.run(req).await).await {
            Ok(page) => {
                respond(
                    &layer,
                    &page,
                    if_none_match.as_ref(),
                    if_modified_since.as_ref(),
                    &personal,
                    &path,
                )
                .await
            }
            Err(res) => res,
        };
    };
    let cell = cache.cell(&key);
    // Whether this request rendered the page (a miss) or found it (a hit), for `/metrics`.
    let rendered = std::sync::atomic::AtomicBool::new(false);
    let result = cell
        .get_or_try_init(|| {
            rendered.store(true, Ordering::Relaxed);
            async move { into_cached(next.run(req).await).await }
        })
        .await;
    match result {
        Ok(page) => {
            let mut res = respond(
                &layer,
                page,
                if_none_match.as_ref(),
                if_modified_since.as_ref(),
                &personal,
                &path,
            )
            .await;
            res.extensions_mut()
                .insert(if rendered.load(Ordering::Relaxed) {
                    CacheOutcome::Miss
                } else {
                    CacheOutcome::Hit
                });
            res
        }
        Err(response) => {
            cache.forget(&key, &cell);
            response
        }
    }
}

async fn into_cached(res: Response) -> Result<Arc<CachedPage>, Response> {
    // Redirects are not kept: any slug before an article's id answers 301, so caching them
    // would let arbitrary URLs fill the cache; computing one is a single indexed read.
    let cacheable = res.status() == StatusCode::OK;
    let Some(deps) = res
        .extensions()
        .get::<Deps>()
        .cloned()
        .filter(|_| cacheable)
    else {
        return Err(res);
    };
    let (parts, body) = res.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "page body could not be buffered");
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    let mut hasher = std::hash::DefaultHasher::new();
    body.hash(&mut hasher);
    let etag = HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish()))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
    let mut headers = parts.headers;
    headers.insert(header::ETAG, etag.clone());
    Ok(Arc::new(CachedPage {
        status: parts.status,
        headers,
        slots: find_slots(&body),
        account: slots::find_account(&body),
        banner: banner::find(&body),
        rendered_at: chrono::Utc::now().timestamp(),
        body,
        etag,
        deps: deps.0.into_iter().collect(),
    }))
}

async fn respond(
    layer: &CacheLayer,
    page: &CachedPage,
    if_none_match: Option<&HeaderValue>,
    if_modified_since: Option<&HeaderValue>,
    personal: &HeaderMap,
    path: &str,
) -> Response {
    let (body, etag, member, modified) = match personalise(layer, page, personal, path).await {
        Ok(b) => b,
        Err(response) => return response,
    };
    let private = member || (!page.slots.is_empty() && personal.contains_key(header::COOKIE));
    let not_modified = match if_none_match {
        Some(v) => etag_matches(v, &etag),
        None => {
            !private
                && if_modified_since
                    .and_then(parse_http_date)
                    .is_some_and(|since| modified <= since)
        }
    };
    if page.status == StatusCode::OK && not_modified {
        return not_modified_response(page, etag, private, modified);
    }
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = page.status;
    *res.headers_mut() = page.headers.clone();
    res.headers_mut().insert(header::ETAG, etag);
    // A page is as new as its render: the cache drops it when what it shows changes.
    if let (Some(lm), false) = (http_date(modified), private) {
        res.headers_mut().insert(header::LAST_MODIFIED, lm);
    }
    if !page.slots.is_empty() || page.account.is_some() {
        // The same URL answers visitors and members differently: shared caches must keep
        // them apart.
        res.headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Cookie"));
    }
    if private {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    res
}

/// The body and ETag for this reader, whether a member's header link was filled in, and when
/// what the page shows last changed (its render, or the banner's last change), in seconds. A page
/// with personal slots is the shared bytes around the reader's own fragments, and its ETag
/// covers them all; a visitor of a page without a comment area gets the cached bytes as they
/// are.
async fn personalise(
    layer: &CacheLayer,
    page: &CachedPage,
    personal: &HeaderMap,
    path: &str,
) -> Result<(Bytes, HeaderValue, bool, i64), Response> {
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut member = false;
    let mut modified = page.rendered_at;
    if let Some((start, end)) = page.banner {
        let (fragment, changed_ms) = layer
            .cache
            .banner
            .fill(chrono::Utc::now().timestamp_millis());
        // Rounded up: a change in the second the page was rendered must still be newer than
        // the `Last-Modified` a client saw then.
        modified = modified.max(changed_ms.saturating_add(999).div_euclid(1000));
        if let Some(fragment) = fragment {
            edits.push((start, end, fragment));
        }
    }
    if let Some((start, end)) = page.account.filter(|_| slots::may_be_member(personal)) {
        if let Some(link) = layer.account.fill(personal).await? {
            edits.push((start, end, link));
            member = true;
        }
    }
    if !page.slots.is_empty() {
        let fragments = layer.filler.fill(personal, &page.slots, path).await?;
        if fragments.len() != page.slots.len() {
            tracing::error!(
                slots = page.slots.len(),
                fragments = fragments.len(),
                "the slot filler answered for another number of slots"
            );
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
        edits.extend(
            page.slots
                .iter()
                .zip(fragments)
                .map(|(slot, fragment)| (slot.start, slot.end, fragment)),
        );
    }
    if edits.is_empty() {
        return Ok((page.body.clone(), page.etag.clone(), false, modified));
    }
    edits.sort_by_key(|(start, _, _)| *start);
    let mut hasher = std::hash::DefaultHasher::new();
    page.etag.as_bytes().hash(&mut hasher);
    let mut body =
        Vec::with_capacity(page.body.len() + edits.iter().map(|e| e.2.len()).sum::<usize>());
    let mut at = 0;
    for (start, end, fragment) in &edits {
        fragment.hash(&mut hasher);
        body.extend_from_slice(&page.body[at..*start]);
        body.extend_from_slice(fragment.as_bytes());
        at = *end;
    }
    body.extend_from_slice(&page.body[at..]);
    // A hex string is always a valid header value; the page's own ETag is the fallback anyway.
    let etag = HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish()))
        .unwrap_or_else(|_| page.etag.clone());
    Ok((Bytes::from(body), etag, member, modified))
}

/// 304 with the validators, and the cache policy the full answer would have had.
fn not_modified_response(
    page: &CachedPage,
    etag: HeaderValue,
    private: bool,
    modified: i64,
) -> Response {
    let mut res = StatusCode::NOT_MODIFIED.into_response();
    res.headers_mut().insert(header::ETAG, etag);
    if let Some(lm) = http_date(modified) {
        res.headers_mut().insert(header::LAST_MODIFIED, lm);
    }
    if private {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    } else if let Some(cc) = page.headers.get(header::CACHE_CONTROL) {
        res.headers_mut().insert(header::CACHE_CONTROL, cc.clone());
    }
    res
}

fn etag_matches(if_none_match: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(list) = if_none_match.to_str() else {
        return false;
    };
    let ours = etag.as_bytes();
    list.split(',').map(str::trim).any(|t| {
        t == "*"
            || t.as_bytes() == ours
            || t.strip_prefix("W/").is_some_and(|w| w.as_bytes() == ours)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(deps: &[Key]) -> Arc<CachedPage> {
        Arc::new(CachedPage {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(b"x"),
            etag: HeaderValue::from_static("\"1\""),
            deps: deps.iter().copied().collect(),
            slots: Vec::new(),
            account: None,
            banner: None,
            rendered_at: 0,
        })
    }

    #[test]
    fn invalidation_drops_exactly_the_touched_pages() {
        let cache = PageCache::new(0, 0);
        use kiosque_domain::ArticleId;
        for (key, deps) in [
            ("/a", &[Key::Article(ArticleId(1)), Key::Nav][..]),
            ("/b", &[Key::Article(ArticleId(2)), Key::Nav][..]),
            ("/", &[Key::Front, Key::Videos][..]),
        ] {
            let cell = cache.cell(key);
            assert!(cell.set(page(deps)).is_ok());
        }
        cache.invalidate(&HashSet::from([Key::Article(ArticleId(1))]));
        assert_eq!(cache.len(), 2);
        assert!(cache.entries.read().expect("lock").get("/a").is_none());
        cache.invalidate(&HashSet::from([Key::Nav, Key::Videos]));
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn http_dates_round_trip() {
        let v = http_date(784_111_777).expect("date");
        assert_eq!(v.to_str().expect("ascii"), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(parse_http_date(&v), Some(784_111_777));
        assert_eq!(parse_http_date(&HeaderValue::from_static("hier")), None);
    }

    #[test]
    fn slots_are_found() {
        let body = b"<p>a</p><!--kiosque:slot comments 42--><p>b</p>";
        let slots = find_slots(body);
        assert_eq!(slots.len(), 1);
        let (start, end, id) = (slots[0].start, slots[0].end, slots[0].id);
        assert_eq!(id, 42);
        assert_eq!(slots[0].kind, "comments");
        assert_eq!(&body[start..end], b"<!--kiosque:slot comments 42-->");
        assert!(find_slots(b"<p>no slot</p>").is_empty());
        assert!(find_slots(b"<!--kiosque:slot comments x-->").is_empty());
        let many = b"<!--kiosque:slot comments 1--><p><!--kiosque:slot comment 7--></p>\
                     <!--kiosque:slot bad x--><!--kiosque:slot reply 8-->";
        let found: Vec<(String, i64)> = find_slots(many)
            .into_iter()
            .map(|s| (s.kind, s.id))
            .collect();
        assert_eq!(
            found,
            [
                ("comments".to_owned(), 1),
                ("comment".to_owned(), 7),
                ("reply".to_owned(), 8)
            ]
        );
    }

    #[test]
    fn etags_match_lists_and_weak_forms() {
        let ours = HeaderValue::from_static("\"abc\"");
        for (given, expect) in [
            ("\"abc\"", true),
            ("W/\"abc\"", true),
            ("\"x\", \"abc\"", true),
            ("*", true),
            ("\"abd\"", false),
        ] {
            assert_eq!(
                etag_matches(&HeaderValue::from_static(given), &ours),
                expect,
                "{given}"
            );
        }
    }

    #[test]
    fn only_plain_and_paginated_urls_are_cache_keys() {
        let key = |uri: &str| {
            cache_key(
                &Request::builder()
                    .uri(uri)
                    .body(Body::empty())
                    .expect("request"),
            )
        };
        assert_eq!(key("/monde").as_deref(), Some("/monde"));
        assert_eq!(key("/monde?page=2").as_deref(), Some("/monde?page=2"));
        assert_eq!(key("/monde?page=abc"), None);
        assert_eq!(key("/monde?utm_source=x"), None);
        assert_eq!(key("/monde?page=99999999"), None);
    }
}
