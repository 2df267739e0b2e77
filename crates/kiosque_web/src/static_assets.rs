//! The stylesheet and the scripts: built into the binary, compressed once (brotli and gzip at
//! their best levels) the first time they are asked for, and served under a name carrying a
//! hash of their content (`/static/kiosque.3f2a9c1d.css`) with a one-year immutable
//! `Cache-Control`: a new build changes the name, so browsers never hold a stale copy and never
//! ask again for the current one. The plain names keep answering, with a short cache, for
//! pages cached before a deploy.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::body::Body;
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::Digest;

use crate::cache::{compress_static, Encoding, Precompressed};

const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";

/// Every asset: its plain name, type and content.
const FILES: &[(&str, &str, &str)] = &[
    ("kiosque.css", CSS, include_str!("../static/kiosque.css")),
    ("comments.js", JS, include_str!("../static/comments.js")),
    ("editor.js", JS, include_str!("../static/editor.js")),
    ("picker.js", JS, include_str!("../static/picker.js")),
    ("compose.js", JS, include_str!("../static/compose.js")),
    ("focal.js", JS, include_str!("../static/focal.js")),
    ("seo.js", JS, include_str!("../static/seo.js")),
    ("live.js", JS, include_str!("../static/live.js")),
];

struct Asset {
    content_type: &'static str,
    source: &'static str,
    /// Made at the first request for the file.
    forms: OnceLock<Precompressed>,
    etag: HeaderValue,
    fingerprinted: String,
}

struct Assets {
    by_name: HashMap<&'static str, usize>,
    by_fingerprint: HashMap<String, usize>,
    list: Vec<Asset>,
}

fn assets() -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let mut a = Assets {
            by_name: HashMap::new(),
            by_fingerprint: HashMap::new(),
            list: Vec::new(),
        };
        for (i, (name, content_type, source)) in FILES.iter().enumerate() {
            let hash = hex::encode(&sha2::Sha256::digest(source.as_bytes())[..4]);
            let fingerprinted = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                None => format!("{name}.{hash}"),
            };
            a.by_name.insert(name, i);
            a.by_fingerprint.insert(fingerprinted.clone(), i);
            a.list.push(Asset {
                content_type,
                source,
                forms: OnceLock::new(),
                etag: HeaderValue::from_str(&format!("\"{hash}\""))
                    .unwrap_or_else(|_| HeaderValue::from_static("\"0\"")),
                fingerprinted,
            });
        }
        a
    })
}

/// The address pages link an asset by: its fingerprinted name (`url("kiosque.css")`).
pub fn url(name: &str) -> String {
    let a = assets();
    match a.by_name.get(name) {
        Some(&i) => format!("/static/{}", a.list[i].fingerprinted),
        None => format!("/static/{name}"),
    }
}

/// `GET /static/{file}`: an asset by its fingerprinted name (cached for a year) or its plain
/// name (for an hour).
pub async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let a = assets();
    let (i, immutable) = match (a.by_fingerprint.get(&file), a.by_name.get(file.as_str())) {
        (Some(&i), _) => (i, true),
        (None, Some(&i)) => (i, false),
        (None, None) => return crate::AppError::NotFound.into_response(),
    };
    let asset = &a.list[i];
    let forms = asset.forms.get_or_init(|| compress_static(asset.source));
    let (encoding, body) = forms.pick(Encoding::negotiate(headers.get(header::ACCEPT_ENCODING)));
    let etag = encoding.etag(&asset.etag);
    let cache_control = HeaderValue::from_static(if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    });
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| crate::cache::etag_matches(v, &etag));
    let mut res = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(body.clone()))
    };
    let h = res.headers_mut();
    if !fresh {
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        if let Some(ce) = encoding.header() {
            h.insert(header::CONTENT_ENCODING, ce);
        }
    }
    h.insert(header::ETAG, etag);
    h.insert(header::CACHE_CONTROL, cache_control);
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_has_a_fingerprinted_address() {
        let css = url("kiosque.css");
        assert!(
            css.starts_with("/static/kiosque.") && css.ends_with(".css"),
            "{css}"
        );
        assert_eq!(css.len(), "/static/kiosque..css".len() + 8);
        for (name, _, _) in FILES {
            assert_ne!(url(name), format!("/static/{name}"));
        }
    }
}
