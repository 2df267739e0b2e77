//! The old site's addresses, kept by an import from another platform (WordPress's `/?p=123`,
//! `/2016/12/23/slug/`, a page's `/about/`): a request the site does not answer is looked up
//! among them and answered with a permanent redirect to the article or page that took over,
//! so that links and search engines follow. Requests the site answers pay nothing but the
//! check of their status; only the front page with `?p=`/`?page_id=` is looked up first,
//! since the front page answers whatever its query.

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    if req.uri().path() == "/" {
        if let Some(key) = query_key(req.uri().query()) {
            if let Some(to) = lookup(&state, &key).await {
                return moved(&to);
            }
        }
        return next.run(req).await;
    }
    // A clone of the URI shares its bytes: nothing is copied for the requests answered.
    let uri = req.uri().clone();
    let res = next.run(req).await;
    if res.status() != StatusCode::NOT_FOUND {
        return res;
    }
    match lookup(&state, uri.path()).await {
        Some(to) => moved(&to),
        None => res,
    }
}

/// The key of WordPress's plain permalinks: `/?p=123` (posts) and `/?page_id=12` (pages).
fn query_key(query: Option<&str>) -> Option<String> {
    query?.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        let numeric =
            !value.is_empty() && value.len() <= 20 && value.bytes().all(|b| b.is_ascii_digit());
        (numeric && (name == "p" || name == "page_id")).then(|| format!("/?{name}={value}"))
    })
}

async fn lookup(state: &AppState, path: &str) -> Option<String> {
    match state.store().legacy_redirect(path).await {
        Ok(found) => found,
        Err(e) => {
            // The reader still gets the page's answer (a 404): an old link is not worth a 500.
            tracing::warn!(path, error = %e, "old address not looked up");
            None
        }
    }
}

fn moved(to: &str) -> Response {
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
}

#[cfg(test)]
mod tests {
    use super::query_key;

    #[test]
    fn plain_permalinks_are_read_from_the_query() {
        assert_eq!(query_key(Some("p=123")).as_deref(), Some("/?p=123"));
        assert_eq!(
            query_key(Some("utm_source=x&page_id=7")).as_deref(),
            Some("/?page_id=7")
        );
        assert_eq!(query_key(Some("page=2")), None);
        assert_eq!(query_key(Some("p=abc")), None);
        assert_eq!(query_key(Some("p=")), None);
        assert_eq!(query_key(None), None);
    }
}
