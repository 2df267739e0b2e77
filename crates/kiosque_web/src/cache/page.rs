//! One kept page: its shared bytes with the markers of the personal slots, the visitor's page
//! in every encoding, and what it was built from.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::future::BoxFuture;
use kiosque_domain::change::Key;

use super::deps::{Deps, Paginated};
use super::encode::{self, Precompressed};
use super::entries::Weighed;
use crate::banner;
use crate::slots::{self, Personal};

/// Largest page body kept.
pub(crate) const MAX_BODY: usize = 4 * 1024 * 1024;

/// One personal slot of a cached page, where it left the marker
/// `<!--kiosque:slot {kind} {id}-->`: the comment area of an article (`comments 12`), the
/// actions under one comment (`comment 40`, `reply 41`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub kind: String,
    pub id: i64,
    /// The marker's bytes in the page.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Fills a cached page's personal slots for one request. The web layer registers it (the
/// comment area under an article), so the cache never calls up into a handler.
pub trait SlotFiller: Send + Sync {
    /// The reader's fragment for each of the page's `slots` (in order, one each) on the page
    /// at `path`, for the `personal` request (its cookies); an error response is sent as it
    /// is. A request without a session cookie is a visitor: the cache asks once,
    /// when it keeps the page, with no headers, and keeps the visitor's page whole.
    fn fill<'a>(
        &'a self,
        personal: &'a Personal,
        slots: &'a [Slot],
        path: &'a str,
    ) -> BoxFuture<'a, Result<Vec<String>, Response>>;
}

pub(crate) struct CachedPage {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The bytes members' pages are made from: a kept page's are the visitor's page (the
    /// slots hold a visitor's fragments, which a member's replace), one copy for both; a page
    /// not kept holds the slots' markers.
    pub shared: Bytes,
    /// The ETag of `shared`, the visitor's page for a kept page.
    pub etag: HeaderValue,
    /// A visitor's page (`shared`), in every encoding; `None` for a page not kept (its
    /// visitors are served like members).
    pub visitor: Option<Precompressed>,
    /// Whether the body is text worth compressing.
    pub compress: bool,
    pub deps: Vec<Key>,
    /// Where the personal parts go in `shared` (the comment area, each comment's actions), in
    /// page order.
    pub slots: Vec<Slot>,
    /// The header's account link, markers included: (start, end).
    pub account: Option<(usize, usize)>,
    /// Where the breaking-news banner goes: (start, end) of its marker.
    pub banner: Option<(usize, usize)>,
    /// When this representation was rendered, in whole seconds (HTTP dates have no more).
    pub rendered_at: i64,
    /// `rendered_at` as an HTTP date, formatted once.
    pub rendered_date: Option<HeaderValue>,
    /// The handler read `?page=` (see [`Paginated`]).
    pub paginated: bool,
}

impl Weighed for CachedPage {
    fn deps(&self) -> &[Key] {
        &self.deps
    }

    fn weight(&self) -> u32 {
        // The visitor's identity body is the shared one.
        let visitor = self
            .visitor
            .as_ref()
            .map_or(0, |v| v.len() - v.identity.len());
        let headers: usize = self
            .headers
            .iter()
            .map(|(k, v)| k.as_str().len() + v.len() + 32)
            .sum();
        let bytes = self.shared.len()
            + visitor
            + headers
            + self.slots.len() * 64
            + self.deps.len() * 24
            + 256;
        u32::try_from(bytes).unwrap_or(u32::MAX)
    }
}

/// The marker a page leaves where a reader's own part goes: `<!--kiosque:slot {kind} {id}-->`.
const SLOT_MARKER: &str = "<!--kiosque:slot ";

/// Every `{prefix}{kind} {rest}-->` comment of a body, in order: (start, end, kind, rest),
/// the kind lowercase ASCII letters. The slots and the pieces' markers are both found so.
pub(crate) fn scan_markers<'a>(
    body: &'a [u8],
    prefix: &str,
) -> Vec<(usize, usize, &'a str, &'a str)> {
    let marker = prefix.as_bytes();
    let mut found = Vec::new();
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
            .filter(|(kind, _)| !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_lowercase()));
        if let Some((kind, rest)) = parsed {
            found.push((start, end, kind, rest.trim()));
        }
        from = end;
    }
    found
}

/// Every well-formed slot marker of a page, in order (found once, when the page is kept).
pub(crate) fn find_slots(body: &[u8]) -> Vec<Slot> {
    scan_markers(body, SLOT_MARKER)
        .into_iter()
        .filter_map(|(start, end, kind, id)| {
            Some(Slot {
                kind: kind.to_owned(),
                id: id.parse::<i64>().ok()?,
                start,
                end,
            })
        })
        .collect()
}

/// A cacheable page's response, its body read whole.
pub(crate) struct ReadPage {
    pub parts: axum::http::response::Parts,
    pub body: Bytes,
    pub deps: Deps,
    pub paginated: bool,
}

/// The response as a page the cache may keep: a 200 whose handler attached its `Deps`, not
/// known to be larger than a kept page. Anything else comes back as it is, its body unread
/// (live streams pass here).
pub(crate) async fn read_page(res: Response) -> Result<ReadPage, Response> {
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
    if too_large(&res) {
        return Err(res);
    }
    let paginated = res.extensions().get::<Paginated>().is_some();
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => Ok(ReadPage {
            parts,
            body,
            deps,
            paginated,
        }),
        Err(e) => {
            tracing::error!(error = %e, "page body could not be buffered");
            Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
    }
}

/// Whether a page changes so often that its next version is compressed at the fast levels:
/// the version a change just dropped (`dropped`, kept a second) was itself rendered in the
/// last second or two. A thread taking comments every few milliseconds is re-rendered for each
/// and each version serves for moments, so the best levels' time outweighs their few bytes; a
/// page that changes now and then keeps the best levels.
pub(crate) fn churning(dropped: Option<&CachedPage>, now_s: i64) -> bool {
    dropped.is_some_and(|p| p.rendered_at >= now_s - 1)
}

/// A response as a page the cache may serve: a 200 whose handler attached its `Deps`. Anything
/// else comes back as it is. When `keep`, the visitor's page is filled now, once, for every
/// later request, and compressed once per form a client asks for (at the fast levels when
/// `churning`).
pub(crate) async fn into_cached(
    res: Response,
    keep: bool,
    churning: bool,
    filler: &dyn SlotFiller,
    path: &str,
) -> Result<Arc<CachedPage>, Response> {
    let ReadPage {
        parts,
        body,
        deps,
        paginated,
    } = read_page(res).await?;
    let etag = etag_of(&body);
    let mut headers = parts.headers;
    headers.insert(header::ETAG, etag.clone());
    headers.remove(header::CONTENT_LENGTH);
    let compress = encode::compressible(headers.get(header::CONTENT_TYPE));
    let mut slots = find_slots(&body);
    let (shared, etag) = if keep && !slots.is_empty() {
        let fragments = filler.fill(&Personal::visitor(), &slots, path).await?;
        if fragments.len() != slots.len() {
            // The slots' places in the kept page would be wrong.
            tracing::error!(
                slots = slots.len(),
                fragments = fragments.len(),
                "the slot filler answered for another number of slots"
            );
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
        fill_slots(&body, &etag, &mut slots, fragments)
    } else if keep {
        // Kept, perhaps for long: in an allocation of its own size, not the one the handler's
        // rendering grew (the copy is a small part of a render). Filled pages are built so.
        (Bytes::copy_from_slice(&body), etag)
    } else {
        (body, etag)
    };
    let (gzip_level, brotli_quality) = if churning {
        (encode::FAST_GZIP, encode::FAST_BROTLI)
    } else {
        (encode::PAGE_GZIP, encode::PAGE_BROTLI)
    };
    let visitor = keep
        .then(|| Precompressed::on_demand(shared.clone(), compress, gzip_level, brotli_quality));
    let banner = banner::find(&shared);
    let rendered_at = chrono::Utc::now().timestamp();
    Ok(Arc::new(CachedPage {
        status: parts.status,
        headers,
        slots,
        account: slots::find_account(&shared),
        banner,
        rendered_at,
        rendered_date: http_date(rendered_at),
        shared,
        etag,
        visitor,
        compress,
        deps: deps.0,
        paginated,
    }))
}

/// Whether a response's body is known to be larger than a kept page may be: it is then served
/// as it is, never kept (a sitemap of 50,000 addresses is about 5 MB).
pub(crate) fn too_large(res: &Response) -> bool {
    use axum::body::HttpBody;
    let hint = res.body().size_hint();
    hint.exact().unwrap_or(hint.lower()) > MAX_BODY as u64
}

/// An HTTP date: `Sun, 06 Nov 1994 08:49:37 GMT`.
pub(crate) fn http_date(secs: i64) -> Option<HeaderValue> {
    let t = chrono::DateTime::from_timestamp(secs, 0)?;
    HeaderValue::from_str(&t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()).ok()
}

/// A strong ETag for a body.
pub(crate) fn etag_of(body: &[u8]) -> HeaderValue {
    let mut hasher = std::hash::DefaultHasher::new();
    body.hash(&mut hasher);
    HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish()))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

/// `body` with each slot's marker replaced by its fragment, an ETag covering the page's own and
/// the fragments, and each slot moved to where its fragment now is.
fn fill_slots(
    body: &[u8],
    etag: &HeaderValue,
    slots: &mut [Slot],
    fragments: Vec<String>,
) -> (Bytes, HeaderValue) {
    let mut placed = Vec::with_capacity(slots.len());
    // Slots are in page order: each one moves by what the ones before it added or removed.
    let mut shift: isize = 0;
    for (slot, fragment) in slots.iter().zip(&fragments) {
        let start = slot.start.saturating_add_signed(shift);
        placed.push((start, start + fragment.len()));
        shift += fragment.len() as isize - (slot.end - slot.start) as isize;
    }
    let edits = slots
        .iter()
        .zip(fragments)
        .map(|(s, f)| (s.start, s.end, f))
        .collect();
    for (slot, (start, end)) in slots.iter_mut().zip(placed) {
        slot.start = start;
        slot.end = end;
    }
    splice_all(body, etag, edits)
}

/// `body` with each `(start, end)` replaced by its fragment (sorted here), and an ETag covering
/// the page's own and the fragments.
pub(crate) fn splice_all(
    body: &[u8],
    etag: &HeaderValue,
    mut edits: Vec<(usize, usize, String)>,
) -> (Bytes, HeaderValue) {
    edits.sort_by_key(|(start, _, _)| *start);
    let tag = super::pieces::fragments_tag(etag, &edits);
    let mut out = Vec::with_capacity(body.len() + edits.iter().map(|e| e.2.len()).sum::<usize>());
    let mut at = 0;
    for (start, end, fragment) in &edits {
        out.extend_from_slice(&body[at..*start]);
        out.extend_from_slice(fragment.as_bytes());
        at = *end;
    }
    out.extend_from_slice(&body[at..]);
    (Bytes::from(out), tag)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_body_past_the_bound_is_not_buffered() {
        let big = Response::new(axum::body::Body::from(vec![b'a'; MAX_BODY + 1]));
        assert!(too_large(&big));
        let small = Response::new(axum::body::Body::from("<p>page</p>"));
        assert!(!too_large(&small));
    }

    #[test]
    fn a_page_changed_twice_within_a_second_or_two_is_churning() {
        let rendered = |at: i64| CachedPage {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            shared: Bytes::new(),
            etag: HeaderValue::from_static("\"x\""),
            visitor: None,
            compress: true,
            deps: Vec::new(),
            slots: Vec::new(),
            account: None,
            banner: None,
            rendered_at: at,
            rendered_date: None,
            paginated: false,
        };
        let now = 1_800_000_000;
        // Nothing dropped lately: a first render, or a change after a quiet while.
        assert!(!churning(None, now));
        // The dropped version was rendered this second or the last: the thread is busy.
        assert!(churning(Some(&rendered(now)), now));
        assert!(churning(Some(&rendered(now - 1)), now));
        // It had served for longer: best levels again.
        assert!(!churning(Some(&rendered(now - 2)), now));
        assert!(!churning(Some(&rendered(now - 3600)), now));
    }

    #[test]
    fn splicing_replaces_in_page_order() {
        let (out, tag) = splice_all(
            b"a<1>b<2>c",
            &HeaderValue::from_static("\"x\""),
            vec![(5, 8, "TWO".into()), (1, 4, "ONE".into())],
        );
        assert_eq!(&out[..], b"aONEbTWOc");
        assert_ne!(tag, "\"x\"");
    }
}
