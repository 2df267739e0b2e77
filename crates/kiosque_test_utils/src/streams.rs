//! Live streams (server-sent events) and the node's figures, as the tests of the bounds under
//! load (issue 13) read them: opening a stream with no overall time limit, waiting for its
//! next event of one kind, and reading one sample of `/metrics`.

use std::time::Duration;

use crate::server::Server;

/// A client for streams: no overall timeout (a stream stays open), a connect timeout only.
pub fn stream_client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .pool_max_idle_per_host(0)
        .build()
        .expect("client")
}

/// GETs `path` on `server` as a stream, with extra headers (a proxy's `X-Forwarded-For`).
pub async fn open_stream(
    client: &reqwest::Client,
    server: &Server,
    path: &str,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = client.get(format!("{}{path}", server.base));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send()
        .await
        .unwrap_or_else(|e| panic!("GET {path} (stream): {e}"))
}

/// The data (as JSON) of the next event named `kind` on `res`, within `within`; `None` when
/// none came. `pending` keeps what was read past that event, for the next call.
pub async fn next_event_of(
    res: &mut reqwest::Response,
    pending: &mut String,
    kind: &str,
    within: Duration,
) -> Option<serde_json::Value> {
    let until = tokio::time::Instant::now() + within;
    loop {
        while let Some(end) = pending.find("\n\n") {
            let block: String = pending.drain(..end + 2).collect();
            let name = block
                .lines()
                .find_map(|l| l.strip_prefix("event:"))
                .map(str::trim);
            if name == Some(kind) {
                let data: String = block
                    .lines()
                    .filter_map(|l| l.strip_prefix("data:"))
                    .map(str::trim_start)
                    .collect();
                return serde_json::from_str(&data).ok();
            }
        }
        match tokio::time::timeout_at(until, res.chunk()).await {
            Ok(Ok(Some(bytes))) => {
                pending.push_str(&String::from_utf8_lossy(&bytes).replace("\r\n", "\n"));
            }
            _ => return None,
        }
    }
}

/// The value of one sample in a `/metrics` page, by its name and labels as written there
/// (`kiosque_stream_fetches_total{kind="comments"}`); 0 when the node has not counted it yet.
pub async fn metric(metrics_url: &str, sample: &str) -> f64 {
    let text = reqwest::get(metrics_url)
        .await
        .expect("GET /metrics")
        .text()
        .await
        .expect("metrics text");
    text.lines()
        .filter_map(|l| l.strip_prefix(sample))
        .filter_map(|rest| rest.trim().parse::<f64>().ok())
        .next()
        .unwrap_or(0.0)
}
