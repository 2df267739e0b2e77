//! A webhook receiver for tests: an HTTP endpoint on a free loopback port that records what it
//! is sent, and the back-office step that subscribes it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};

use crate::browser::Member;
use crate::page::select;

/// What the test receiver got: (headers, body).
#[derive(Clone, Default)]
pub struct Received {
    pub calls: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    /// Answer 500 to this many requests first.
    pub fail_first: Arc<Mutex<usize>>,
}

async fn receive(State(r): State<Received>, headers: HeaderMap, body: Bytes) -> StatusCode {
    r.calls
        .lock()
        .expect("calls")
        .push((headers, String::from_utf8_lossy(&body).into_owned()));
    let mut fail = r.fail_first.lock().expect("fail");
    if *fail > 0 {
        *fail -= 1;
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::NO_CONTENT
    }
}

/// A receiver on a free loopback port, failing its first `fail_first` requests; it stops with
/// the test's runtime. Returns its URL.
pub async fn receiver(fail_first: usize) -> (String, Received) {
    let r = Received::default();
    *r.fail_first.lock().expect("fail") = fail_first;
    let app = axum::Router::new()
        .route("/hook", axum::routing::post(receive))
        .with_state(r.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/hook"), r)
}

impl Received {
    /// Waits (at most about 10 s) until `n` requests have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<(HeaderMap, String)> {
        for _ in 0..200 {
            if self.calls.lock().expect("calls").len() >= n {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.calls.lock().expect("calls").clone()
    }

    /// The `kiosque-event` header of every request so far, in order.
    pub fn events(&self) -> Vec<String> {
        self.calls
            .lock()
            .expect("calls")
            .iter()
            .map(|(h, _)| {
                h.get("kiosque-event")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    }
}

/// Registers a webhook in the back office as `admin`; returns its id and signing secret.
pub async fn register(admin: &Member, url: &str, events: &[&str]) -> (i64, String) {
    let csrf = admin.browser.csrf("/admin/webhooks").await;
    let mut form = vec![("csrf", csrf.as_str()), ("url", url)];
    for e in events {
        form.push(("events", e));
    }
    let page = admin.browser.post("/admin/webhooks", &form).await;
    assert_eq!(page.status, 201, "{}", page.main_text());
    let html = page.html();
    let secret = select(&html, "input.new-secret")
        .first()
        .and_then(|i| i.value().attr("value"))
        .expect("the secret is shown once")
        .to_owned();
    let id = select(&html, "tr[data-webhook]")
        .iter()
        .filter_map(|r| r.value().attr("data-webhook"))
        .filter_map(|v| v.parse().ok())
        .max()
        .expect("the webhook is listed");
    (id, secret)
}
