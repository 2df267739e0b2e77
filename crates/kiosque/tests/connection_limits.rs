//! Issue 13, item 6 and the fan-out of item 3, on both backends: a client that does not send
//! its headers in time is cut off; one address holds at most 8 live streams (the 9th gets 429
//! with Retry-After, a closed one frees its place, a trusted proxy's clients count one by
//! one); a new comment reaches every open stream from one shared read of the database, however
//! many streams there are; past the bound on rendering, readers get 503 with Retry-After at
//! once while cached pages and health checks keep answering.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server::{fixture_article, Site};
use kiosque_test_utils::streams::{metric, next_event_of, open_stream, stream_client};

/// Connects to the server and sends `sent`; returns how long the server took to close the
/// connection (`None`: still open after `patience`).
fn closed_after(base: &str, sent: &[u8], patience: Duration) -> Option<Duration> {
    let addr = base.trim_start_matches("http://");
    let mut tcp = TcpStream::connect(addr).expect("connect");
    tcp.write_all(sent).expect("send");
    tcp.set_read_timeout(Some(patience)).expect("timeout");
    let start = Instant::now();
    let mut sink = Vec::new();
    match tcp.read_to_end(&mut sink) {
        Ok(_) => Some(start.elapsed()),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => Some(start.elapsed()),
        Err(_) => None,
    }
}

async fn a_client_that_sends_no_headers_is_cut_off(site: Site) {
    let server = site.start_with(&["--header-read-timeout", "1"]);
    let base = server.base.clone();
    let cases: [(&str, &[u8]); 2] = [
        ("nothing", b""),
        (
            "half the headers",
            b"GET / HTTP/1.1\r\nHost: kiosque.test\r\nUser-Ag",
        ),
    ];
    for (what, sent) in cases {
        let base = base.clone();
        let took =
            tokio::task::spawn_blocking(move || closed_after(&base, sent, Duration::from_secs(8)))
                .await
                .expect("thread");
        let took = took.unwrap_or_else(|| panic!("{what}: the connection stayed open"));
        assert!(
            took < Duration::from_secs(5),
            "{what}: closed after {took:?}"
        );
    }
    // A reader who sends a whole request is served as before.
    assert_eq!(server.get("/").await.status, 200);
}

async fn a_ninth_stream_from_one_address_waits_its_turn(site: Site) {
    let server = site.start_with(&[
        "--rate-limit-factor",
        "1000",
        "--trusted-proxy",
        "127.0.0.2",
    ]);
    let article = fixture_article(&server).await;
    let path = format!("/articles/{}/commentaires/flux", article.id);
    let client = stream_client();
    let mut open = Vec::new();
    for i in 0..8 {
        let res = open_stream(&client, &server, &path, &[]).await;
        assert_eq!(res.status(), 200, "stream {i}");
        open.push(res);
    }
    let ninth = open_stream(&client, &server, &path, &[]).await;
    assert_eq!(ninth.status(), 429);
    let retry = ninth
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    assert!(retry.is_some_and(|s| s > 0), "Retry-After: {retry:?}");
    // The forwarding headers of a client that is not a trusted proxy change nothing.
    let forged = open_stream(
        &client,
        &server,
        &path,
        &[("x-forwarded-for", "203.0.113.9")],
    )
    .await;
    assert_eq!(forged.status(), 429);
    // Live blogs' streams count in the same share.
    let live = open_stream(&client, &server, "/direct/1/flux", &[]).await;
    assert_eq!(live.status(), 429);

    // Behind a trusted proxy, each client it names has its own share.
    let proxy = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().ok())
        .build()
        .expect("client");
    let first = [("x-forwarded-for", "203.0.113.5")];
    let mut proxied = Vec::new();
    for i in 0..8 {
        let res = open_stream(&proxy, &server, &path, &first).await;
        assert_eq!(res.status(), 200, "proxied stream {i}");
        proxied.push(res);
    }
    let res = open_stream(&proxy, &server, &path, &first).await;
    assert_eq!(res.status(), 429, "the proxy's client past its share");
    let other = open_stream(
        &proxy,
        &server,
        &path,
        &[("x-forwarded-for", "203.0.113.6")],
    )
    .await;
    assert_eq!(other.status(), 200, "another client behind the same proxy");

    // A reader closes a page: its place is free again.
    drop(open.pop());
    let mut again = None;
    for _ in 0..50 {
        let res = open_stream(&client, &server, &path, &[]).await;
        if res.status() == 200 {
            again = Some(res);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(again.is_some(), "a closed stream frees its place");
}

async fn a_new_comment_is_read_once_for_every_stream(site: Site) {
    let server = site.start_relaxed_with_metrics();
    let metrics = server.metrics_url();
    let fetches = "kiosque_stream_fetches_total{kind=\"comments\"}";
    let article = fixture_article(&server).await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let path = format!("/articles/{}/commentaires/flux", article.id);
    let client = stream_client();
    let mut streams = Vec::new();
    for _ in 0..6 {
        let res = open_stream(&client, &server, &path, &[]).await;
        assert_eq!(res.status(), 200);
        streams.push((res, String::new()));
    }
    // The streams' first reads (each its own catch-up) are behind them.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = metric(&metrics, fetches).await;

    for round in 0..2 {
        let csrf = paul.csrf().await;
        let article_id = article.id.to_string();
        let text = format!("Le commentaire numéro {round}.");
        let sent = paul
            .browser
            .post(
                "/commentaires",
                &[
                    ("csrf", csrf.as_str()),
                    ("article_id", article_id.as_str()),
                    ("parent_id", ""),
                    ("body", text.as_str()),
                ],
            )
            .await;
        assert_eq!(sent.status, 303, "{}", sent.main_text());
        for (i, (res, pending)) in streams.iter_mut().enumerate() {
            let data = next_event_of(res, pending, "comment", Duration::from_secs(10))
                .await
                .unwrap_or_else(|| panic!("stream {i} got no comment {round}"));
            assert!(
                data["html"].as_str().is_some_and(|h| h.contains(&text)),
                "stream {i}: {data}"
            );
        }
    }
    let reads = metric(&metrics, fetches).await - before;
    // Two comments, six streams: one read per comment (two if a comment's change is seen in two
    // batches), never one per stream.
    assert!(
        (2.0..=4.0).contains(&reads),
        "{reads} reads for 2 comments and 6 streams"
    );
}

async fn past_the_render_bound_readers_are_told_to_come_back(site: Site) {
    let server = site.start_with(&[
        "--rate-limit-factor",
        "1000",
        "--max-rendering",
        "1",
        "--render-queue",
        "0",
    ]);
    // A page in the cache before the rush.
    assert_eq!(server.get("/").await.status, 200);
    let client = stream_client();
    let base = server.base.clone();
    let rush: Vec<_> = (0..40)
        .map(|i| {
            let (client, base) = (client.clone(), base.clone());
            tokio::spawn(async move {
                let path = if i % 2 == 0 {
                    format!("/recherche?q=syrie{i}")
                } else {
                    format!("/compte/connexion?retour=/{i}")
                };
                client.get(format!("{base}{path}")).send().await
            })
        })
        .collect();
    // Meanwhile the cached page, the stylesheet and the health check answer.
    for path in ["/", "/static/kiosque.css", "/healthz"] {
        assert_eq!(server.get(path).await.status, 200, "{path}");
    }
    let mut busy = 0;
    for task in rush {
        let res = task.await.expect("task").expect("answer");
        match res.status().as_u16() {
            200 => {}
            503 => {
                busy += 1;
                assert_eq!(
                    res.headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok()),
                    Some("1")
                );
                let html = res.text().await.expect("body");
                assert!(html.contains("Le site est très sollicité"), "{html}");
            }
            other => panic!("status {other}"),
        }
    }
    assert!(
        busy > 0,
        "forty renders at once, one place: some are refused"
    );
    // The API says it in its JSON shape.
    let api: Vec<_> = (0..30)
        .map(|i| {
            let (client, base) = (client.clone(), base.clone());
            tokio::spawn(async move {
                client
                    .get(format!("{base}/api/v1/articles?page={i}"))
                    .send()
                    .await
            })
        })
        .collect();
    for task in api {
        let res = task.await.expect("task").expect("answer");
        if res.status() == 503 {
            let body = res.text().await.expect("body");
            let json: serde_json::Value = serde_json::from_str(&body).expect("json");
            assert_eq!(json["error"]["code"], "overloaded", "{json}");
        }
    }
}

both_backends!(
    a_client_that_sends_no_headers_is_cut_off,
    a_ninth_stream_from_one_address_waits_its_turn,
    a_new_comment_is_read_once_for_every_stream,
    past_the_render_bound_readers_are_told_to_come_back,
);
