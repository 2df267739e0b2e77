//! Several nodes, one site: two `kiosque serve` processes on one database (PostgreSQL, or one
//! SQLite file), each with its own empty data folder, their media on a real S3-compatible
//! server (`TEST_S3_ENDPOINT`, started by scripts/test.sh): media, freshness, shared log-in
//! limits and both nodes' metrics.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::nodes::{account, log_in_via};
use kiosque_test_utils::s3::{endpoint, S3Media};
use kiosque_test_utils::server::{Server, Site, PASSWORD};
use kiosque_test_utils::uploads::{small_jpeg, upload_from_editor, PickerUpload};

const ARGS: [&str; 3] = ["--no-demo", "--rate-limit-factor", "1000"];

/// A second node of `site`: the same database, a data folder of its own (empty disk).
fn second_node(site: &Site, media: &S3Media) -> (Site, Server) {
    let other = Site {
        dir: tempfile::tempdir().expect("temp dir"),
        database_url: Some(site.store_url()),
    };
    let server = media.start(&other, &ARGS);
    (other, server)
}

async fn bytes_of(server: &Server, path: &str, range: Option<&str>) -> (u16, Vec<u8>) {
    let mut req = reqwest::Client::new().get(format!("{}{path}", server.base));
    if let Some(r) = range {
        req = req.header("range", r);
    }
    let res = req.send().await.expect("a media answer");
    let status = res.status().as_u16();
    (status, res.bytes().await.expect("bytes").to_vec())
}

async fn an_image_uploaded_on_one_node_is_served_by_the_other(site: Site) {
    let Some(endpoint) = endpoint() else { return };
    let media = S3Media::new(&endpoint);
    let a = media.start(&site, &ARGS);
    let (_b_site, b) = second_node(&site, &media);

    let j = a
        .staff(
            &site,
            "Julie Journaliste",
            "julie@kiosque.test",
            &["--role", "journalist"],
        )
        .await;
    let csrf = j.browser.csrf("/admin/medias").await;
    let original = small_jpeg(700, 350);
    let up = upload_from_editor(
        &j.browser,
        PickerUpload {
            csrf: &csrf,
            file_name: "alep.jpg",
            mime: "image/jpeg",
            bytes: original.clone(),
            alt: "Des civils évacués d’Alep",
            caption: "Évacuation",
            credit: "AFP",
        },
    )
    .await;
    assert!(up.status < 300, "{}", up.body);
    let path = up.json()["path"].as_str().expect("a path").to_owned();
    let src = format!("/media/{}", path.trim_start_matches('/'));

    // B has never seen the file on its disk: it serves the store's bytes.
    let (status, bytes) = bytes_of(&b, &src, None).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, original, "B serves the very bytes uploaded on A");
    assert!(
        !b.data_dir
            .join("media")
            .join(path.trim_start_matches('/'))
            .exists(),
        "nothing on B's disk"
    );
    let res = reqwest::get(format!("{}{src}", b.base)).await.expect("get");
    let h = res.headers();
    assert_eq!(h["content-type"], "image/jpeg");
    assert!(h["cache-control"]
        .to_str()
        .unwrap_or("")
        .contains("immutable"));
    assert!(h.contains_key("etag") && h.contains_key("last-modified"));

    // Its variants too, as B's newsroom page of the image lists them.
    let editor = a.staff(&site, "Édith", "edith@kiosque.test", &["--role", "editor"]);
    let editor = editor.await;
    let list = editor.browser.get("/admin/medias").await;
    assert_eq!(list.status, 200);
    let on_b = b.get(&src.replace(".jpg", "-320w.webp")).await;
    assert_eq!(on_b.status, 200, "the 320w variant is served by B");
    assert_eq!(b.get("/media/2016/01/01/absent.jpg").await.status, 404);

    // A change made on A reaches B's cached pages within a second.
    assert_eq!(b.get("/").await.status, 200, "B's front page, now cached");
    let csrf = editor.browser.csrf("/admin/alerte").await;
    let sent = editor
        .browser
        .post(
            "/admin/alerte",
            &[
                ("csrf", &csrf),
                ("text", "Évacuation d’Alep en cours"),
                ("link", ""),
                ("expires", "1h"),
            ],
        )
        .await;
    assert!(sent.status < 400, "{}", sent.body);
    let started = std::time::Instant::now();
    loop {
        if b.get("/").await.body.contains("Évacuation d’Alep en cours") {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "B's page is still stale after a second"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    // A range of it: 206 with the asked bytes.
    let (status, part) = bytes_of(&b, &src, Some("bytes=10-19")).await;
    assert_eq!(status, 206);
    assert_eq!(part, original[10..20].to_vec());

    // Both nodes are ready; a node whose S3 server does not answer is not.
    assert_eq!(a.get("/readyz").await.status, 200);
    assert_eq!(b.get("/readyz").await.status, 200);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = closed.local_addr().expect("an address").port();
    drop(closed);
    let dead = S3Media {
        endpoint: format!("http://127.0.0.1:{port}"),
        url: media.url.clone(),
    };
    let other = Site {
        dir: tempfile::tempdir().expect("temp dir"),
        database_url: Some(site.store_url()),
    };
    let c = dead.start(&other, &ARGS);
    let ready = c.get("/readyz").await;
    assert_eq!(ready.status, 503, "{}", ready.body);
    assert!(ready.body.contains("media"), "{}", ready.body);
}

/// The demo's podcast, written by node A into the S3 store while it loads: node B, whose disk
/// is empty, plays it with range requests (browsers seek, podcast apps resume).
async fn audio_written_by_one_node_plays_in_ranges_on_the_other(site: Site) {
    let Some(endpoint) = endpoint() else { return };
    let media = S3Media::new(&endpoint);
    let _a = media.start(
        &site,
        &["--rate-limit-factor", "1000", "--demo-sounds", "true"],
    );
    let (_b_site, b) = second_node(&site, &media);
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let episode = store
        .latest_episodes(1)
        .await
        .expect("episodes")
        .pop()
        .expect("the demo's podcast has episodes");
    let path = episode.file_path.expect("an uploaded file");
    let size = episode.file_bytes.expect("its size");
    let src = format!("/media/{}", path.trim_start_matches('/'));

    let (status, whole) = bytes_of(&b, &src, None).await;
    assert_eq!(status, 200);
    assert_eq!(whole.len() as i64, size, "the size the feed declares");
    let res = reqwest::Client::new()
        .get(format!("{}{src}", b.base))
        .header("range", "bytes=100-")
        .send()
        .await
        .expect("a range");
    assert_eq!(res.status().as_u16(), 206);
    assert_eq!(
        res.headers()["content-range"],
        format!("bytes 100-{}/{size}", size - 1).as_str()
    );
    assert_eq!(res.headers()["accept-ranges"], "bytes");
    let tail = res.bytes().await.expect("bytes");
    assert_eq!(tail.as_ref(), &whole[100..]);
    let (status, _) = bytes_of(&b, &src, Some(&format!("bytes={size}-"))).await;
    assert_eq!(status, 416, "a range past the end");
    store.close().await;
}

/// A media URL the node cannot use stops it at once, saying why.
async fn a_bad_media_url_is_refused_with_a_clear_message(site: Site) {
    for url in [
        "ftp://media.example.net/x",
        "s3://Bad_Bucket/x",
        "s3://bucket/../x",
    ] {
        let out = site
            .command()
            .args(["--media-url", url, "migrate"])
            .output()
            .expect("run kiosque");
        assert!(!out.status.success(), "{url} accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("--media-url") && stderr.contains("media URL"),
            "{url}: {stderr}"
        );
    }
}

/// With a public base URL (a CDN in front of the bucket), `/media/…` redirects there, and the
/// pages' policy lets images and sound come from it.
async fn media_redirect_to_their_public_base_url(site: Site) {
    let server = site.start_with(&[
        "--no-demo",
        "--media-public-url",
        "https://cdn.example.net/prod/",
    ]);
    let res = server.get("/media/2026/12/03/alep-ab12.jpg").await;
    assert_eq!(res.status, 302);
    assert_eq!(
        res.location.as_deref(),
        Some("https://cdn.example.net/prod/2026/12/03/alep-ab12.jpg")
    );
    assert_eq!(server.get("/media/../kiosque.db").await.status, 404);
    let home = server.get("/").await;
    let csp = home.headers["content-security-policy"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        csp.contains("img-src 'self' https://cdn.example.net"),
        "{csp}"
    );
    assert!(
        csp.contains("media-src 'self' https://cdn.example.net"),
        "{csp}"
    );
}

/// The rest of the "done when", on the same two-node setup (PostgreSQL, the S3 server,
/// two data folders): a log-in limit reached across both nodes answers 429 on either, and both
/// nodes' `/metrics` parse as Prometheus text and count what they refused.
async fn two_nodes_share_log_in_limits_and_report_metrics(site: Site) {
    let Some(endpoint) = endpoint() else { return };
    // Limits are shared through PostgreSQL; a SQLite site counts in memory on its one node.
    if site.database_url.is_none() {
        return;
    }
    let media = S3Media::new(&endpoint);
    let owner = "redaction@exemple.fr";
    account(&site, owner, PASSWORD);
    let a = media.start(&site, &["--no-demo", "--metrics-listen", "127.0.0.1:0"]);
    let other = Site {
        dir: tempfile::tempdir().expect("temp dir"),
        database_url: Some(site.store_url()),
    };
    let b = media.start(&other, &["--no-demo", "--metrics-listen", "127.0.0.1:0"]);
    // Five tries a minute per account and address: three on A, two on B…
    for (i, node) in [&a, &a, &a, &b, &b].into_iter().enumerate() {
        assert_eq!(
            log_in_via(node, None, owner, "pas le bon").await,
            400,
            "try {i}"
        );
    }
    // …and the right password is refused on either until the minute is over.
    assert_eq!(log_in_via(&a, None, owner, PASSWORD).await, 429);
    assert_eq!(log_in_via(&b, None, owner, PASSWORD).await, 429);
    for metrics in [a.metrics_url(), b.metrics_url()] {
        let text = reqwest::get(&metrics)
            .await
            .expect("GET /metrics")
            .text()
            .await
            .expect("a body");
        let scrape = prometheus_parse::Scrape::parse(text.lines().map(|l| Ok(l.to_owned())))
            .expect("the Prometheus text format");
        assert!(
            scrape.samples.iter().any(|s| {
                s.metric == "kiosque_http_requests_total" && s.labels.get("status") == Some("429")
            }),
            "{metrics} counted its refusal: {text}"
        );
    }
}

both_backends!(
    two_nodes_share_log_in_limits_and_report_metrics,
    media_redirect_to_their_public_base_url,
    a_bad_media_url_is_refused_with_a_clear_message,
    an_image_uploaded_on_one_node_is_served_by_the_other,
    audio_written_by_one_node_plays_in_ranges_on_the_other,
);
