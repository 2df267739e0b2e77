//! The old site's addresses, kept by an import from another platform (WordPress's `/?p=123`,
//! `/2016/12/23/slug/`, a page's `/about/`): a request the site does not answer is looked up
//! among them and answered with a permanent redirect to the article or page that took over,
//! so that links and search engines follow. Only the front page with `?p=`/`?page_id=` is
//! looked up first, since the front page answers whatever its query.
//!
//! A tower service rather than a `from_fn` middleware: every request of the site passes here,
//! and the answered ones cost only a look at their status (no boxed future, no cloned state).

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use futures_util::future::BoxFuture;
use kiosque_store::Store;

/// Wraps the site's routes.
#[derive(Clone)]
pub struct LegacyLayer {
    store: Arc<Store>,
}

impl LegacyLayer {
    pub fn new(store: Store) -> Self {
        LegacyLayer {
            store: Arc::new(store),
        }
    }
}

impl<S> tower::Layer<S> for LegacyLayer {
    type Service = Legacy<S>;

    fn layer(&self, inner: S) -> Legacy<S> {
        Legacy {
            inner,
            store: self.store.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Legacy<S> {
    inner: S,
    store: Arc<Store>,
}

impl<S> tower::Service<Request> for Legacy<S>
where
    S: tower::Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + Unpin + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = LegacyFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return LegacyFuture::Answering(self.inner.call(req));
        }
        if req.uri().path() == "/" {
            if let Some(key) = query_key(req.uri().query()) {
                // Looked up before the front page, which would answer anyway.
                let store = self.store.clone();
                let mut inner = self.inner.clone();
                return LegacyFuture::Looking(Box::pin(async move {
                    match lookup(&store, &key).await {
                        Some(to) => Ok(moved(&to)),
                        None => inner.call(req).await,
                    }
                }));
            }
            return LegacyFuture::Answering(self.inner.call(req));
        }
        // A clone of the URI shares its bytes: nothing is copied.
        let uri = req.uri().clone();
        LegacyFuture::Watching {
            inner: self.inner.call(req),
            uri: Some(uri),
            store: self.store.clone(),
        }
    }
}

/// Where a request stands.
pub enum LegacyFuture<F> {
    /// Nothing to look up: the site's answer as it is.
    Answering(F),
    /// The site's answer, looked at for a 404.
    Watching {
        inner: F,
        uri: Option<Uri>,
        store: Arc<Store>,
    },
    /// Looking the address up.
    Looking(BoxFuture<'static, Result<Response, Infallible>>),
}

impl<F> Future for LegacyFuture<F>
where
    F: Future<Output = Result<Response, Infallible>> + Unpin,
{
    type Output = Result<Response, Infallible>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        loop {
            match this {
                LegacyFuture::Answering(inner) => return Pin::new(inner).poll(cx),
                LegacyFuture::Looking(fut) => return fut.as_mut().poll(cx),
                LegacyFuture::Watching { inner, uri, store } => {
                    let Poll::Ready(Ok(res)) = Pin::new(inner).poll(cx) else {
                        return Poll::Pending;
                    };
                    let Some(uri) = uri.take().filter(|_| res.status() == StatusCode::NOT_FOUND)
                    else {
                        return Poll::Ready(Ok(res));
                    };
                    let store = store.clone();
                    *this = LegacyFuture::Looking(Box::pin(async move {
                        Ok(match lookup(&store, uri.path()).await {
                            Some(to) => moved(&to),
                            None => res,
                        })
                    }));
                }
            }
        }
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

async fn lookup(store: &Store, path: &str) -> Option<String> {
    match store.legacy_redirect(path).await {
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
