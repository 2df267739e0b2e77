//! What an operator relies on (issue 14, items 5 and 6), on both backends: `/metrics` on its
//! own address parses as Prometheus text and counts requests by route, cache hits and misses,
//! open live streams, the database pool, the change-log lag and the queues, and the public site
//! does not serve it; the live-comment stream tells proxies not to buffer; logs come as one JSON
//! object per line with `KIOSQUE_LOG_FORMAT=json`, and a wrong value is refused; without SMTP,
//! several nodes write their mail into one outbox, and another takes over when it stops.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use kiosque_test_utils::both_backends;
use kiosque_test_utils::newsletters::{confirmation_mails, subscribe};
use kiosque_test_utils::server::{fixture_article, Server, Site};

/// The scrape's samples as the Prometheus parser reads them.
async fn scrape(url: &str) -> Vec<prometheus_parse::Sample> {
    let res = reqwest::get(url).await.expect("GET /metrics");
    assert_eq!(res.status(), 200);
    let kind = res.headers()[reqwest::header::CONTENT_TYPE]
        .to_str()
        .expect("content type")
        .to_owned();
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    let text = res.text().await.expect("body");
    let lines = text.lines().map(|l| Ok(l.to_owned()));
    prometheus_parse::Scrape::parse(lines)
        .expect("the Prometheus text format")
        .samples
}

/// The value of the sample named `name` whose labels include `labels`.
fn value(samples: &[prometheus_parse::Sample], name: &str, labels: &[(&str, &str)]) -> f64 {
    let sample = samples
        .iter()
        .find(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .unwrap_or_else(|| panic!("no sample {name} {labels:?}"));
    match sample.value {
        prometheus_parse::Value::Counter(v)
        | prometheus_parse::Value::Gauge(v)
        | prometheus_parse::Value::Untyped(v) => v,
        ref other => panic!("{name} is not a number: {other:?}"),
    }
}

async fn metrics_tell_an_operator_what_the_node_does(site: Site) {
    let server = site.start_with(&["--metrics-listen", "127.0.0.1:0"]);
    let metrics = server.metrics_url();
    // A miss then a hit, and a URL no route knows.
    assert_eq!(server.get("/").await.status, 200);
    assert_eq!(server.get("/").await.status, 200);
    assert_eq!(server.get("/a/b/c").await.status, 404);
    // Figures are the operator's: the public site has no such page.
    assert_eq!(server.get("/metrics").await.status, 404);
    // A reader keeps the comments of an article open.
    let article = fixture_article(&server).await;
    let stream = server
        .http
        .get(format!(
            "{}/articles/{}/commentaires/flux",
            server.base, article.id
        ))
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), 200);
    assert_eq!(stream.headers()["x-accel-buffering"], "no");

    let samples = scrape(&metrics).await;
    let front = [("route", "/"), ("method", "GET"), ("status", "200")];
    assert!(value(&samples, "kiosque_http_requests_total", &front) >= 2.0);
    let unknown = [("route", "unmatched"), ("status", "404")];
    assert!(value(&samples, "kiosque_http_requests_total", &unknown) >= 1.0);
    // Routes are counted by their pattern, never by the URL a client chose.
    assert!(!samples
        .iter()
        .any(|s| s.labels.get("route") == Some("/a/b/c")));
    assert!(
        value(
            &samples,
            "kiosque_http_request_duration_seconds_count",
            &[("route", "/")]
        ) >= 2.0
    );
    assert!(
        value(
            &samples,
            "kiosque_page_cache_requests_total",
            &[("outcome", "miss")]
        ) >= 1.0
    );
    assert!(
        value(
            &samples,
            "kiosque_page_cache_requests_total",
            &[("outcome", "hit")]
        ) >= 1.0
    );
    assert!(value(&samples, "kiosque_page_cache_entries", &[]) >= 1.0);
    assert!(value(&samples, "kiosque_page_cache_bytes", &[]) > 1000.0);
    assert_eq!(
        value(&samples, "kiosque_live_streams", &[("kind", "comments")]),
        1.0
    );
    assert_eq!(
        value(&samples, "kiosque_live_streams", &[("kind", "live_blog")]),
        0.0
    );
    assert!(value(&samples, "kiosque_db_pool_connections", &[("state", "max")]) >= 1.0);
    assert!(
        value(
            &samples,
            "kiosque_db_pool_connections",
            &[("state", "open")]
        ) >= 1.0
    );
    assert_eq!(value(&samples, "kiosque_database_up", &[]), 1.0);
    assert!(
        value(
            &samples,
            "kiosque_change_log_lag",
            &[("follower", "page_cache")]
        ) >= 0.0
    );
    assert!(
        value(
            &samples,
            "kiosque_change_log_lag",
            &[("follower", "search_index")]
        ) >= 0.0
    );
    for queue in ["mail", "webhooks"] {
        for state in ["queued", "failed"] {
            value(
                &samples,
                "kiosque_queue_depth",
                &[("queue", queue), ("state", state)],
            );
        }
    }
    // A subscription queues a confirmation, which leaves the queue once written.
    subscribe(&server.browser(), "metrique@exemple.fr", &["daily"]).await;
    drop(stream);
    let mut closed = false;
    for _ in 0..50 {
        let samples = scrape(&metrics).await;
        if value(&samples, "kiosque_live_streams", &[("kind", "comments")]) == 0.0
            && value(
                &samples,
                "kiosque_queue_depth",
                &[("queue", "mail"), ("state", "queued")],
            ) == 0.0
        {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        closed,
        "the closed stream and the sent mail are no longer counted"
    );
    // The health checks are served on the operator's address too.
    let ready = reqwest::get(metrics.replace("/metrics", "/readyz"))
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);
}

async fn logs_come_as_json_when_asked(site: Site) {
    let mut child = site
        .command()
        .env("KIOSQUE_LOG", "info")
        .env("KIOSQUE_LOG_FORMAT", "json")
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kiosque serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut serving = None;
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("a log line");
        let entry: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("not one JSON object per line ({e}): {line}"));
        if entry["fields"]["message"] == "serving" {
            serving = Some(entry);
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let serving = serving.expect("the \"serving\" line");
    assert_eq!(serving["level"], "INFO");
    assert!(serving["timestamp"].is_string());
    assert!(serving["fields"]["database"].is_string());

    let refused = site
        .command()
        .env("KIOSQUE_LOG_FORMAT", "xml")
        .args(["serve", "--listen", "127.0.0.1:0"])
        .output()
        .expect("run kiosque");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("KIOSQUE_LOG_FORMAT") && said.contains("json"),
        "{said}"
    );
}

/// A node on the same database as `site`, with its own data folder (another machine).
fn other_machine(site: &Site) -> (Site, Server) {
    let other = Site {
        dir: tempfile::tempdir().expect("temp dir"),
        database_url: site.database_url.clone(),
    };
    let server = other.start_relaxed();
    (other, server)
}

async fn nodes_without_smtp_write_one_outbox(site: Site) {
    // Nodes on separate machines share PostgreSQL; on SQLite they share a data folder, and
    // so its outbox, already.
    if site.database_url.is_none() {
        return;
    }
    let mut a = site.start_relaxed();
    let (_other, b) = other_machine(&site);
    subscribe(&b.browser(), "un@exemple.fr", &["daily"]).await;
    let mut found = false;
    for _ in 0..100 {
        if !confirmation_mails(&a, "un@exemple.fr").is_empty() {
            found = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        found,
        "the mail asked on B is in A's outbox, which holds the site's mail"
    );
    assert!(
        b.mails_to("un@exemple.fr").is_empty(),
        "B wrote no outbox of its own"
    );
    // A stops: B takes the outbox over once A's hold has run out.
    a.stop();
    subscribe(&b.browser(), "deux@exemple.fr", &["daily"]).await;
    let mut found = false;
    for _ in 0..300 {
        if !confirmation_mails(&b, "deux@exemple.fr").is_empty() {
            found = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(found, "B sends once A is gone");
}

both_backends!(
    metrics_tell_an_operator_what_the_node_does,
    logs_come_as_json_when_asked,
    nodes_without_smtp_write_one_outbox,
);
