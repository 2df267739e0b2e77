//! Requests whose answer is read as bytes, with the headers a test chooses (`Accept-Encoding`,
//! `If-None-Match`): what a browser or a proxy sends, and what it gets on the wire. Also one
//! figure from a node's `/metrics`.

use reqwest::header::HeaderMap;

/// An answer as it came: status, headers, body bytes (never decompressed).
pub struct Raw {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Raw {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// `method` (GET or HEAD) `base + path` with `headers`.
pub async fn fetch(base: &str, method: &str, path: &str, headers: &[(&str, &str)]) -> Raw {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = client.request(method, format!("{base}{path}"));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.unwrap_or_else(|e| panic!("{path}: {e}"));
    Raw {
        status: res.status().as_u16(),
        headers: res.headers().clone(),
        body: res.bytes().await.expect("body").to_vec(),
    }
}

/// The number on the first line of a Prometheus text scrape at `url` whose metric is `name`
/// and whose labels include every `k="v"` of `labels` (0 when there is none).
pub async fn metric(url: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    let text = reqwest::get(url)
        .await
        .expect("GET /metrics")
        .text()
        .await
        .expect("metrics text");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter(|l| {
            l.split(['{', ' '])
                .next()
                .is_some_and(|metric| metric == name)
        })
        .find(|l| {
            labels
                .iter()
                .all(|(k, v)| l.contains(&format!("{k}=\"{v}\"")))
        })
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}
