//! One answer from one kept page: the reader's body (the visitor's precompressed bytes, or the
//! shared bytes with a member's fragments, compressed now), its validators, a 304 when the
//! client has it.

use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};

use super::encode::{compress_now, Encoding};
use super::page::{http_date, CachedPage};
use super::pieces::{splice_pieces, Pieces};
use super::wiring::CacheLayer;
use crate::slots::{self, Personal};

/// What of a request an answer depends on.
pub(crate) struct Asked {
    pub if_none_match: Option<HeaderValue>,
    pub if_modified_since: Option<HeaderValue>,
    /// Only what the personal slots need: who is asking.
    pub personal: Personal,
    pub path: String,
    pub encoding: Encoding,
}

impl Asked {
    pub(crate) fn of<B>(req: &Request<B>) -> Self {
        let personal = Personal::of(req.headers());
        Asked {
            if_none_match: req.headers().get(header::IF_NONE_MATCH).cloned(),
            if_modified_since: req.headers().get(header::IF_MODIFIED_SINCE).cloned(),
            personal,
            path: req.uri().path().to_owned(),
            encoding: Encoding::negotiate(req.headers().get(header::ACCEPT_ENCODING)),
        }
    }

    /// Whether the request carries a session cookie (a member, signed in or not any more):
    /// they may have just written something, so they never get a page a change dropped.
    pub(crate) fn has_session(&self) -> bool {
        self.personal
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .any(|v| {
                v.to_str()
                    .is_ok_and(|c| c.contains(crate::auth::SESSION_COOKIE))
            })
    }
}

/// The body for this reader.
struct Answer {
    body: Pieces,
    etag: HeaderValue,
    encoding: Encoding,
    /// A member's header link was filled in.
    member: bool,
    /// When what the page shows last changed (its render, or the banner's last change), s.
    modified: i64,
}

pub(crate) async fn respond(layer: &CacheLayer, page: &CachedPage, asked: &Asked) -> Response {
    let a = match answer(layer, page, asked).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    let private = a.member
        || (!page.slots.is_empty() && asked.personal.headers().contains_key(header::COOKIE));
    let not_modified = match &asked.if_none_match {
        Some(v) => etag_matches(v, &a.etag),
        None => {
            !private
                && asked
                    .if_modified_since
                    .as_ref()
                    .and_then(parse_http_date)
                    .is_some_and(|since| a.modified <= since)
        }
    };
    let vary = vary(page);
    if page.status == StatusCode::OK && not_modified {
        let mut res = not_modified_response(page, a.etag, private, a.modified);
        if let Some(v) = vary {
            res.headers_mut().insert(header::VARY, v);
        }
        return res;
    }
    let mut res = Response::new(a.body.into_body());
    *res.status_mut() = page.status;
    *res.headers_mut() = page.headers.clone();
    let h = res.headers_mut();
    h.insert(header::ETAG, a.etag);
    if let Some(ce) = a.encoding.header() {
        h.insert(header::CONTENT_ENCODING, ce);
    }
    // A page is as new as its render: the cache drops it when what it shows changes.
    if !private {
        let date = if a.modified == page.rendered_at {
            page.rendered_date.clone()
        } else {
            http_date(a.modified)
        };
        if let Some(lm) = date {
            h.insert(header::LAST_MODIFIED, lm);
        }
    }
    if let Some(v) = vary {
        h.insert(header::VARY, v);
    }
    if private {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    res
}

/// What shared caches must key the answer on: the cookie where the same URL answers visitors
/// and members differently, the encoding where the body is compressed.
fn vary(page: &CachedPage) -> Option<HeaderValue> {
    let cookie = !page.slots.is_empty() || page.account.is_some();
    match (cookie, page.compress) {
        (true, true) => Some(HeaderValue::from_static("Cookie, Accept-Encoding")),
        (true, false) => Some(HeaderValue::from_static("Cookie")),
        (false, true) => Some(HeaderValue::from_static("Accept-Encoding")),
        (false, false) => None,
    }
}

/// A visitor of a kept page gets its precompressed bytes (with the banner, when one shows,
/// spliced in and compressed now); a member gets the shared bytes with their own fragments,
/// compressed now at a fast level. Each encoding has its own ETag.
async fn answer(layer: &CacheLayer, page: &CachedPage, asked: &Asked) -> Result<Answer, Response> {
    let mut modified = page.rendered_at;
    let mut banner = None;
    if page.banner.is_some() {
        let (fragment, changed_ms) = layer
            .cache
            .banner
            .fill(chrono::Utc::now().timestamp_millis());
        // Rounded up: a change in the second the page was rendered must still be newer than
        // the `Last-Modified` a client saw then.
        modified = modified.max(changed_ms.saturating_add(999).div_euclid(1000));
        banner = fragment;
    }
    let may_be_member = slots::may_be_member(asked.personal.headers());
    if let Some(v) = page.visitor.as_ref().filter(|_| !may_be_member) {
        let (body, etag, encoding) = match (banner, page.banner) {
            (Some(fragment), Some((start, end))) => {
                let (body, tag) =
                    splice_pieces(&v.identity, &page.etag, vec![(start, end, fragment)]);
                let (encoding, body) = compress_now(body, asked.encoding, page.compress);
                (body, encoding.etag(&tag), encoding)
            }
            _ => {
                let (encoding, body) = v.pick(asked.encoding);
                (
                    Pieces::whole(body.clone()),
                    encoding.etag(&page.etag),
                    encoding,
                )
            }
        };
        return Ok(Answer {
            body,
            etag,
            encoding,
            member: false,
            modified,
        });
    }
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut member = false;
    if let (Some((start, end)), Some(fragment)) = (page.banner, banner) {
        edits.push((start, end, fragment));
    }
    if let Some((start, end)) = page.account.filter(|_| may_be_member) {
        if let Some(link) = layer.account.fill(&asked.personal).await? {
            edits.push((start, end, link));
            member = true;
        }
    }
    if !page.slots.is_empty() {
        let fragments = layer
            .filler
            .fill(&asked.personal, &page.slots, &asked.path)
            .await?;
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
    let (body, tag) = if edits.is_empty() {
        (Pieces::whole(page.shared.clone()), page.etag.clone())
    } else {
        splice_pieces(&page.shared, &page.etag, edits)
    };
    let (encoding, body) = compress_now(body, asked.encoding, page.compress);
    Ok(Answer {
        body,
        etag: encoding.etag(&tag),
        encoding,
        member,
        modified,
    })
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

pub(crate) fn etag_matches(if_none_match: &HeaderValue, etag: &HeaderValue) -> bool {
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

fn parse_http_date(v: &HeaderValue) -> Option<i64> {
    let s = v.to_str().ok()?;
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_round_trip() {
        let v = http_date(784_111_777).expect("date");
        assert_eq!(v.to_str().expect("ascii"), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(parse_http_date(&v), Some(784_111_777));
        assert_eq!(parse_http_date(&HeaderValue::from_static("hier")), None);
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
            ("\"abc-br\"", false),
        ] {
            assert_eq!(
                etag_matches(&HeaderValue::from_static(given), &ours),
                expect,
                "{given}"
            );
        }
    }
}
