//! Serving the site's connections with bounds a bad client cannot wear down: at most
//! `max_connections` at once (past it, new ones wait in the kernel's backlog: the node never
//! runs out of file descriptors), the request's headers within `header_read_timeout` (a
//! connection that sends none, or half, is closed; a kept-alive connection waits that long for
//! its next request), and a connection on which nothing moves for `idle_timeout` while no
//! request is being handled (a client that stops reading its answer) is closed. Shutdown is
//! graceful: no new connection, each open one finishes the request it serves.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    pub header_read_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
}

/// The default connection bound: 10,000, or fewer when the process may not open that many
/// files (a quarter of them kept for the database, the media and the logs).
pub fn default_max_connections() -> usize {
    let open_files = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|limits| {
            limits
                .lines()
                .find(|l| l.starts_with("Max open files"))
                .and_then(|l| l.split_whitespace().nth(3)?.parse::<usize>().ok())
        });
    match open_files {
        Some(n) => (n / 4 * 3).clamp(64, 10_000),
        None => 10_000,
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then waits for open connections to
/// finish what they serve; `on_shutdown` runs when shutdown begins (the live streams end).
pub async fn serve(
    listener: TcpListener,
    app: axum::Router,
    bounds: Bounds,
    shutdown: impl Future<Output = ()>,
    on_shutdown: impl FnOnce(),
) {
    let max = bounds
        .max_connections
        .clamp(1, Semaphore::MAX_PERMITS.min(u32::MAX as usize));
    let places = Arc::new(Semaphore::new(max));
    let (stop, stopping) = watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(bounds.header_read_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        // A place first, then the connection: past the bound, clients wait in the backlog.
        let place = tokio::select! {
            p = places.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(c) => c,
                Err(e) => {
                    // Out of file descriptors, or the peer left before we took it: wait a
                    // little rather than spin.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = tcp.set_nodelay(true);
        let http = http.clone();
        let app = app.clone();
        let stopping = stopping.clone();
        let idle = bounds.idle_timeout;
        tokio::spawn(async move {
            connection(http, app, tcp, peer, idle, stopping).await;
            drop(place);
        });
    }
    drop(listener);
    on_shutdown();
    stop.send_replace(true);
    // Every place back: every connection closed.
    let _ = places.acquire_many(max as u32).await;
}

/// What moves on one connection: when a byte last went either way, and how many requests
/// are being handled (a long render is not idleness).
struct Activity {
    start: Instant,
    last_ms: AtomicU64,
    busy: AtomicUsize,
}

impl Activity {
    fn touch(&self) {
        let ms = self.start.elapsed().as_millis() as u64;
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    fn idle_for(&self) -> Duration {
        let now = self.start.elapsed().as_millis() as u64;
        Duration::from_millis(now.saturating_sub(self.last_ms.load(Ordering::Relaxed)))
    }
}

/// A request being handled on the connection; dropped with its handler.
struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::AcqRel);
        self.0.touch();
    }
}

async fn connection(
    http: hyper::server::conn::http1::Builder,
    app: axum::Router,
    tcp: TcpStream,
    peer: SocketAddr,
    idle: Duration,
    mut stopping: watch::Receiver<bool>,
) {
    let activity = Arc::new(Activity {
        start: Instant::now(),
        last_ms: AtomicU64::new(0),
        busy: AtomicUsize::new(0),
    });
    let io = TokioIo::new(Watched {
        inner: tcp,
        activity: activity.clone(),
    });
    let seen = activity.clone();
    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        let read = Arc::new(AtomicBool::new(hyper::body::Body::is_end_stream(
            req.body(),
        )));
        let mut req = req.map(|inner| {
            axum::body::Body::new(Tracked {
                inner,
                read: read.clone(),
            })
        });
        req.extensions_mut().insert(ConnectInfo(peer));
        seen.busy.fetch_add(1, Ordering::AcqRel);
        let busy = Busy(seen.clone());
        let app = app.clone();
        async move {
            let mut res = app.oneshot(req).await;
            drop(busy);
            // Answered without reading the request's body (a refused upload): hyper closes
            // the connection after the answer. Saying so keeps the client from sending its
            // next request on a connection about to close.
            if let (Ok(res), false) = (&mut res, read.load(Ordering::Acquire)) {
                res.headers_mut().insert(
                    axum::http::header::CONNECTION,
                    axum::http::HeaderValue::from_static("close"),
                );
            }
            res
        }
    });
    let conn = http.serve_connection(io, service);
    tokio::pin!(conn);
    let mut closing = *stopping.borrow();
    if closing {
        conn.as_mut().graceful_shutdown();
    }
    loop {
        let quiet = activity.idle_for();
        let wait = idle.saturating_sub(quiet);
        tokio::select! {
            r = conn.as_mut() => {
                if let Err(e) = r {
                    tracing::debug!(error = %e, "connection ended");
                }
                return;
            }
            _ = stopping.changed(), if !closing => {
                closing = true;
                conn.as_mut().graceful_shutdown();
            }
            () = tokio::time::sleep(wait) => {
                if activity.busy.load(Ordering::Acquire) == 0 && activity.idle_for() >= idle {
                    tracing::debug!(%peer, "idle connection closed");
                    return;
                }
                if activity.busy.load(Ordering::Acquire) > 0 {
                    // A request is being handled: look again a while later.
                    activity.touch();
                }
            }
        }
    }
}

/// The connection's socket, noting each byte that moves.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        r
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        r
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// A request body that tells when it was read to its end.
struct Tracked {
    inner: hyper::body::Incoming,
    read: Arc<AtomicBool>,
}

impl hyper::body::Body for Tracked {
    type Data = hyper::body::Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        let r = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(r, Poll::Ready(None)) || self.inner.is_end_stream() {
            self.read.store(true, Ordering::Release);
        }
        r
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.inner.size_hint()
    }
}
