//! `/media/…`: the media store's files, served by any node whatever its disk holds (or a
//! redirect to the public base URL in front of the store, when one is configured).
//!
//! Paths are unique to their content (a new upload gets a new name), so a file is cached for a
//! year and marked immutable. One byte range at a time is served (206 with `Content-Range`):
//! browsers seek in videos and podcast apps resume downloads with it; several ranges at once
//! are refused (416), so a request never costs more than reading the file once.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use object_store::{GetOptions, GetRange, ObjectMeta, ObjectStoreExt};

use crate::AppState;

const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";

pub async fn serve(
    State(state): State<AppState>,
    Path(path): Path<String>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    let Some(location) = location_of(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if let Some(base) = &state.config().media_public_url {
        let target = format!("{}/{location}", base.trim_end_matches('/'));
        return match HeaderValue::from_str(&target) {
            Ok(target) => (
                StatusCode::FOUND,
                [
                    (header::LOCATION, target),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static(CACHE_FOREVER),
                    ),
                ],
            )
                .into_response(),
            Err(_) => StatusCode::NOT_FOUND.into_response(),
        };
    }
    match answer(&state, &location, &method, &headers).await {
        Ok(response) => response,
        Err(object_store::Error::NotFound { .. }) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::warn!(path = %location, error = %e, "the media store failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The site's Content-Security-Policy, allowing images and sound from the media's public base
/// URL when `/media/` redirects there (a policy applies to where a redirect leads).
pub fn csp_with(csp: &str, media_public_url: Option<&str>) -> HeaderValue {
    let origin = media_public_url.and_then(|u| {
        let (scheme, rest) = u.split_once("://")?;
        let host = rest.split('/').next()?;
        (!host.is_empty()).then(|| format!("{scheme}://{host}"))
    });
    let policy = match origin {
        Some(origin) => csp
            .replace("img-src 'self'", &format!("img-src 'self' {origin}"))
            .replace("media-src 'self'", &format!("media-src 'self' {origin}")),
        None => csp.to_owned(),
    };
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// Only plain relative paths name a file of the store.
fn location_of(path: &str) -> Option<object_store::path::Path> {
    let safe = !path.is_empty()
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains('\\'));
    safe.then(|| object_store::path::Path::parse(path).ok())
        .flatten()
}

async fn answer(
    state: &AppState,
    location: &object_store::path::Path,
    method: &Method,
    headers: &HeaderMap,
) -> Result<Response, object_store::Error> {
    let store = state.media().object_store();
    let wants_range = headers.contains_key(header::RANGE);
    let conditional = headers.contains_key(header::IF_NONE_MATCH)
        || headers.contains_key(header::IF_MODIFIED_SINCE);
    // The plain GET, by far the most common, is one request to the store; a HEAD, a range or a
    // conditional request first reads the file's size and version.
    if !wants_range && !conditional && method != Method::HEAD {
        let got = store.get(location).await?;
        let meta = got.meta.clone();
        let body = Body::from_stream(got.into_stream());
        return Ok(with_headers(
            StatusCode::OK,
            &meta,
            location,
            meta.size,
            body,
            None,
        ));
    }
    let meta = store.head(location).await?;
    if not_modified(headers, &meta) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        set_validators(response.headers_mut(), &meta);
        return Ok(response);
    }
    let range = match headers.get(header::RANGE) {
        Some(value) if if_range_holds(headers, &meta) => match parse_range(value, meta.size) {
            Ok(range) => range,
            Err(()) => {
                let mut response = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
                insert(
                    response.headers_mut(),
                    header::CONTENT_RANGE,
                    &format!("bytes */{}", meta.size),
                );
                return Ok(response);
            }
        },
        _ => None,
    };
    let (status, length) = match &range {
        Some(r) => (StatusCode::PARTIAL_CONTENT, r.end - r.start),
        None => (StatusCode::OK, meta.size),
    };
    if method == Method::HEAD {
        return Ok(with_headers(
            status,
            &meta,
            location,
            length,
            Body::empty(),
            range,
        ));
    }
    let options = GetOptions {
        range: range.clone().map(GetRange::Bounded),
        ..GetOptions::default()
    };
    let got = store.get_opts(location, options).await?;
    let body = Body::from_stream(got.into_stream());
    Ok(with_headers(status, &meta, location, length, body, range))
}

fn with_headers(
    status: StatusCode,
    meta: &ObjectMeta,
    location: &object_store::path::Path,
    length: u64,
    body: Body,
    range: Option<std::ops::Range<u64>>,
) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kiosque_media::mime_of_path(location.as_ref())),
    );
    insert(h, header::CONTENT_LENGTH, &length.to_string());
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_FOREVER),
    );
    if let Some(r) = range {
        insert(
            h,
            header::CONTENT_RANGE,
            &format!("bytes {}-{}/{}", r.start, r.end - 1, meta.size),
        );
    }
    set_validators(h, meta);
    response
}

fn insert(headers: &mut HeaderMap, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

/// The file's ETag (the store's, quoted as HTTP wants it) and its `Last-Modified`.
fn set_validators(headers: &mut HeaderMap, meta: &ObjectMeta) {
    if let Some(etag) = etag(meta) {
        insert(headers, header::ETAG, &etag);
    }
    insert(
        headers,
        header::LAST_MODIFIED,
        &meta
            .last_modified
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string(),
    );
}

fn etag(meta: &ObjectMeta) -> Option<String> {
    let tag = meta.e_tag.as_deref()?;
    Some(if tag.starts_with('"') || tag.starts_with("W/") {
        tag.to_owned()
    } else {
        format!("\"{tag}\"")
    })
}

fn not_modified(headers: &HeaderMap, meta: &ObjectMeta) -> bool {
    if let Some(wanted) = headers.get(header::IF_NONE_MATCH) {
        let Some(current) = etag(meta) else {
            return false;
        };
        let wanted = wanted.to_str().unwrap_or("");
        return wanted.trim() == "*"
            || wanted
                .split(',')
                .any(|t| t.trim().trim_start_matches("W/") == current.trim_start_matches("W/"));
    }
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| chrono::DateTime::parse_from_rfc2822(v).ok())
        .is_some_and(|since| meta.last_modified.timestamp() <= since.timestamp())
}

/// `If-Range` with another version than the stored one asks for the whole file.
fn if_range_holds(headers: &HeaderMap, meta: &ObjectMeta) -> bool {
    match headers.get(header::IF_RANGE).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(v) if v.starts_with('"') || v.starts_with("W/") => etag(meta).as_deref() == Some(v),
        Some(v) => chrono::DateTime::parse_from_rfc2822(v)
            .is_ok_and(|d| meta.last_modified.timestamp() <= d.timestamp()),
    }
}

/// One range of `bytes=…` within a file of `size` bytes, as `start..end`; `Ok(None)` for a
/// header this server ignores (another unit), `Err` when unsatisfiable or several ranges.
fn parse_range(value: &HeaderValue, size: u64) -> Result<Option<std::ops::Range<u64>>, ()> {
    let value = value.to_str().map_err(|_| ())?.trim();
    let Some(spec) = value.strip_prefix("bytes=") else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Err(());
    }
    let (first, last) = spec.trim().split_once('-').ok_or(())?;
    let (first, last) = (first.trim(), last.trim());
    let range = if first.is_empty() {
        // The last N bytes.
        let n: u64 = last.parse().map_err(|_| ())?;
        if n == 0 {
            return Err(());
        }
        size.saturating_sub(n)..size
    } else {
        let start: u64 = first.parse().map_err(|_| ())?;
        let end = if last.is_empty() {
            size
        } else {
            let last: u64 = last.parse().map_err(|_| ())?;
            if last < start {
                return Err(());
            }
            (last + 1).min(size)
        };
        start..end
    };
    if range.start >= size || range.is_empty() {
        return Err(());
    }
    Ok(Some(range))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(v: &'static str, size: u64) -> Result<Option<std::ops::Range<u64>>, ()> {
        parse_range(&HeaderValue::from_static(v), size)
    }

    #[test]
    fn ranges_are_read_as_rfc_9110_says() {
        assert_eq!(range("bytes=0-99", 1000), Ok(Some(0..100)));
        assert_eq!(range("bytes=900-", 1000), Ok(Some(900..1000)));
        assert_eq!(range("bytes=-100", 1000), Ok(Some(900..1000)));
        assert_eq!(range("bytes=-5000", 1000), Ok(Some(0..1000)));
        assert_eq!(range("bytes=990-5000", 1000), Ok(Some(990..1000)));
        assert_eq!(range("items=0-1", 1000), Ok(None));
        assert_eq!(range("bytes=1000-", 1000), Err(()));
        assert_eq!(range("bytes=5-1", 1000), Err(()));
        assert_eq!(range("bytes=0-1,5-6", 1000), Err(()));
        assert_eq!(range("bytes=abc", 1000), Err(()));
        assert_eq!(range("bytes=-0", 1000), Err(()));
    }

    #[test]
    fn only_plain_paths_name_a_file() {
        assert!(location_of("2016/12/23/a.jpg").is_some());
        for bad in [
            "",
            "../a.jpg",
            "a//b.jpg",
            "a/./b.jpg",
            "a\\b.jpg",
            "/a.jpg",
        ] {
            assert!(location_of(bad).is_none(), "{bad}");
        }
    }
}
