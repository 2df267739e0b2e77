//! The middleware in front of the public site's routes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::uri::PathAndQuery;
use axum::http::{Method, Uri};
use axum::middleware::Next;
use axum::response::Response;

use super::assemble::assemble;
use super::deps::CacheOutcome;
use super::key::{canonical, Canonical};
use super::page::{churning, into_cached, CachedPage};
use super::respond::{respond, Asked};
use super::wiring::CacheLayer;

pub async fn layer(State(layer): State<CacheLayer>, mut req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    let cache = &layer.cache;
    cache.banner.ensure(&layer.store).await;
    cache.sync(&layer.store, false).await;
    let asked = Asked::of(&req);
    let path = asked.path.clone();
    let own_query = layer.own_query.contains(&path.as_str());
    let page = match canonical(&path, req.uri().query(), own_query) {
        Canonical::Key { page } => page,
        Canonical::Pass { query } => {
            set_query(&mut req, query.as_deref());
            // Not cached, but the page may still have slots to fill.
            let res = assemble(&layer, None, &path, next, req).await;
            return match into_cached(res, false, false, &*layer.filler, &path).await {
                Ok(page) => respond(&layer, &page, &asked).await,
                Err(res) => res,
            };
        }
    };
    let key = Canonical::key(&path, page);
    set_query(&mut req, page.map(|n| format!("page={n}")).as_deref());
    // The entry serves GET and HEAD alike: it is rendered whole (hyper sends no body to HEAD).
    *req.method_mut() = Method::GET;
    let entries = &cache.entries;
    // A page that does not read `?page=` is kept once, under its plain path.
    let found = page
        .and_then(|_| entries.get(&path).filter(|p| !p.paginated))
        .or_else(|| entries.get(&key));
    if let Some(found) = found {
        return answer(&layer, &found, &asked, CacheOutcome::Hit).await;
    }
    // A visitor does not wait for the render a change started (a new comment every few
    // milliseconds would make every reader wait): they get the page the change dropped,
    // less than a second old, until that render is kept.
    if !asked.has_session() {
        if let Some(stale) = entries.stale_while_rendering(&key) {
            return answer(&layer, &stale, &asked, CacheOutcome::Stale).await;
        }
    }
    let flight = entries.flight(&key);
    let churning = churning(
        entries.dropped_lately(&key).as_deref(),
        chrono::Utc::now().timestamp(),
    );
    // Whether this request rendered the page (a miss) or waited for another's render.
    let rendered = AtomicBool::new(false);
    let result = flight
        .cell
        .get_or_try_init(|| {
            rendered.store(true, Ordering::Relaxed);
            let (layer, path, key) = (layer.clone(), path.clone(), key.clone());
            async move {
                let res = assemble(&layer, Some(&key), &path, next, req).await;
                into_cached(res, true, churning, &*layer.filler, &path).await
            }
        })
        .await
        .cloned();
    let rendered = rendered.load(Ordering::Relaxed);
    let page_found = match result {
        Ok(found) => found,
        Err(response) => {
            entries.land(&key, &flight);
            return response;
        }
    };
    if rendered {
        let home = if page.is_some() && !page_found.paginated {
            &path
        } else {
            &key
        };
        entries.keep(home, page_found.clone(), &flight);
    }
    entries.land(&key, &flight);
    let outcome = if rendered {
        CacheOutcome::Miss
    } else {
        CacheOutcome::Hit
    };
    answer(&layer, &page_found, &asked, outcome).await
}

async fn answer(
    layer: &CacheLayer,
    page: &Arc<CachedPage>,
    asked: &Asked,
    outcome: CacheOutcome,
) -> Response {
    let mut res = respond(layer, page, asked).await;
    res.extensions_mut().insert(outcome);
    res
}

/// The request as the handler must see it: its path, and this query only.
fn set_query(req: &mut Request, query: Option<&str>) {
    let pq = match query {
        Some(q) => format!("{}?{q}", req.uri().path()),
        None => req.uri().path().to_owned(),
    };
    let Ok(pq) = PathAndQuery::try_from(pq) else {
        return;
    };
    let mut parts = req.uri().clone().into_parts();
    parts.path_and_query = Some(pq);
    if let Ok(uri) = Uri::from_parts(parts) {
        *req.uri_mut() = uri;
    }
}
