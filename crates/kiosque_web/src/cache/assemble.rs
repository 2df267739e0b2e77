//! A page made from its kept parts: the skeleton its handler rendered, with each piece
//! (`fragment.rs`) taken from the kept pieces or rendered now. A new comment drops the
//! thread and the assembled page, never the skeleton: the next reader's request renders the
//! thread alone and splices it in.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::deps::{Deps, Paginated};
use super::entries::tight;
use super::fragment::{find_markers, KeptFragment, Marker, Skeleton};
use super::page::{read_page, ReadPage};
use super::wiring::CacheLayer;

/// The page for `req` with its pieces filled in. With a `key` (a page the cache keeps), the
/// skeleton is looked for and kept under it, and the pieces among the kept ones; without, the
/// handler renders and nothing is kept. Responses that are not cacheable pages (no `Deps`,
/// not a 200) come back untouched, their body unread (live streams pass here).
pub(crate) async fn assemble(
    layer: &CacheLayer,
    key: Option<&str>,
    path: &str,
    next: Next,
    req: Request,
) -> Response {
    let cache = &layer.cache;
    if let Some(kept) = key.and_then(|k| cache.skeletons.get(k)) {
        return match fill(layer, &kept, path, true).await {
            Ok(res) => res,
            Err(res) => res,
        };
    }
    let flight = key.map(|k| (k, cache.skeletons.flight(k)));
    let land = || {
        if let Some((k, f)) = &flight {
            cache.skeletons.land(k, f);
        }
    };
    cache.renders.page();
    let skeleton = match skeleton_of(next.run(req).await).await {
        Ok(s) => s,
        Err(res) => {
            land();
            return res;
        }
    };
    let res = fill(layer, &skeleton, path, key.is_some()).await;
    // Kept only once its pieces rendered: a thread page past the last (404) keeps nothing.
    if let (Some((k, f)), Ok(_)) = (&flight, &res) {
        cache.skeletons.keep(k, Arc::new(skeleton.packed()), f);
    }
    land();
    match res {
        Ok(res) => res,
        Err(res) => res,
    }
}

/// The handler's answer as a skeleton, when it is a cacheable page with markers; otherwise the
/// answer itself (its body, when read, put back whole).
async fn skeleton_of(res: Response) -> Result<Skeleton, Response> {
    let ReadPage {
        parts,
        body,
        deps,
        paginated,
    } = read_page(res).await?;
    let markers = find_markers(&body);
    if markers.is_empty() {
        return Err(Response::from_parts(parts, Body::from(body)));
    }
    Ok(Skeleton {
        status: parts.status,
        headers: parts.headers,
        body,
        packed: false,
        deps: deps.0,
        paginated,
        markers,
    })
}

/// The skeleton with its pieces spliced in, as a page response carrying the skeleton's and the
/// pieces' keys, so that the assembled page is dropped when either changes.
async fn fill(
    layer: &CacheLayer,
    skeleton: &Skeleton,
    path: &str,
    keep: bool,
) -> Result<Response, Response> {
    let mut deps = skeleton.deps.clone();
    let mut pieces = Vec::with_capacity(skeleton.markers.len());
    for m in &skeleton.markers {
        let piece = piece(layer, m, path, keep).await?;
        deps.extend(piece.deps.iter().copied());
        pieces.push(piece);
    }
    let plain = skeleton.plain().map_err(|e| {
        tracing::error!(error = %e, "a kept page skeleton does not inflate");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    })?;
    let extra: usize = pieces.iter().map(|p| p.html.len()).sum();
    let mut body = Vec::with_capacity(plain.len() + extra);
    let mut at = 0;
    for (m, p) in skeleton.markers.iter().zip(&pieces) {
        body.extend_from_slice(&plain[at..m.start]);
        body.extend_from_slice(&p.html);
        at = m.end;
    }
    body.extend_from_slice(&plain[at..]);
    let mut res = Response::new(Body::from(Bytes::from(body)));
    *res.status_mut() = skeleton.status;
    *res.headers_mut() = skeleton.headers.clone();
    res.extensions_mut().insert(Deps(deps));
    if skeleton.paginated {
        res.extensions_mut().insert(Paginated);
    }
    Ok(res)
}

/// One piece, kept or rendered now (and kept, unless a change came while it rendered).
async fn piece(
    layer: &CacheLayer,
    m: &Marker,
    path: &str,
    keep: bool,
) -> Result<Arc<KeptFragment>, Response> {
    let cache = &layer.cache;
    let key = m.key();
    if !keep {
        cache.renders.fragment(&m.kind);
        let f = layer.fragments.render(&m.kind, &m.args, path).await?;
        return Ok(Arc::new(KeptFragment {
            html: tight(f.html.into_bytes()),
            deps: f.deps,
        }));
    }
    if let Some(kept) = cache.fragments.get(&key) {
        return Ok(kept);
    }
    let flight = cache.fragments.flight(&key);
    cache.renders.fragment(&m.kind);
    let rendered = layer.fragments.render(&m.kind, &m.args, path).await;
    let result = rendered.map(|f| {
        Arc::new(KeptFragment {
            html: tight(f.html.into_bytes()),
            deps: f.deps,
        })
    });
    if let Ok(f) = &result {
        cache.fragments.keep(&key, f.clone(), &flight);
    }
    cache.fragments.land(&key, &flight);
    result
}
