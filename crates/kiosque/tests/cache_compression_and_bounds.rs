//! Issue 13, items 2 and 5, on both backends: pages, feeds, the sitemap and the stylesheet go
//! out in brotli or gzip when the reader's browser accepts them, each form decompressing to the
//! very bytes of the plain one, with its own ETag and its own 304; the stylesheet and scripts
//! are linked under fingerprinted names cached for a year; and the page cache keeps only
//! canonical URLs (`?page=000001` is `?page=1` is the plain page, `?utm_source=` is ignored,
//! 6,000 page numbers make no new entries) within its byte bound.

use std::io::Read;

use kiosque_test_utils::both_backends;
use kiosque_test_utils::raw_http::{fetch, metric};
use kiosque_test_utils::server::{fixture_article, Site};

fn gunzip(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut out)
        .expect("a valid gzip stream");
    out
}

fn unbrotli(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(body, 4096)
        .read_to_end(&mut out)
        .expect("a valid brotli stream");
    out
}

async fn every_encoding_decompresses_to_the_same_page(site: Site) {
    let server = site.start();
    let article = fixture_article(&server).await;
    let front = server.get("/").await;
    let css = front
        .body
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|h| h.starts_with("/static/kiosque.") && h.ends_with(".css"))
        .expect("the stylesheet's link")
        .to_owned();
    assert_ne!(css, "/static/kiosque.css", "a fingerprinted name");
    let base = &server.base;
    // The sitemap index is too small to gain from compression: one of its sitemaps is not.
    let index = server.get("/sitemap.xml").await.body;
    let sitemap = index
        .split("<loc>")
        .nth(1)
        .and_then(|s| s.split("</loc>").next())
        .and_then(|u| u.strip_prefix(base.as_str()))
        .expect("a sitemap")
        .to_owned();
    for path in [
        "/",
        article.path.as_str(),
        "/monde",
        "/rss.xml",
        "/atom.xml",
        "/feed.json",
        sitemap.as_str(),
        css.as_str(),
    ] {
        // A change meanwhile (the most-read ranking) may render the page again: compare
        // forms fetched between two equal plain ones.
        let mut tries = 0;
        let (plain, gz, br) = loop {
            let plain = fetch(base, "GET", path, &[]).await;
            let gz = fetch(base, "GET", path, &[("accept-encoding", "gzip")]).await;
            let br = fetch(
                base,
                "GET",
                path,
                &[("accept-encoding", "gzip, deflate, br")],
            )
            .await;
            let again = fetch(base, "GET", path, &[]).await;
            tries += 1;
            if again.body == plain.body || tries == 3 {
                break (plain, gz, br);
            }
        };
        assert_eq!(plain.status, 200, "{path}");
        assert_eq!(plain.header("content-encoding"), None, "{path}");
        assert_eq!(gz.header("content-encoding"), Some("gzip"), "{path}");
        assert_eq!(gunzip(&gz.body), plain.body, "{path}: gzip");
        assert_eq!(br.header("content-encoding"), Some("br"), "{path}");
        assert_eq!(unbrotli(&br.body), plain.body, "{path}: brotli");
        assert!(br.body.len() * 2 < plain.body.len(), "{path}: compressed");
        // q-values: a refused brotli gives gzip.
        let refused = fetch(base, "GET", path, &[("accept-encoding", "br;q=0, gzip")]).await;
        assert_eq!(refused.header("content-encoding"), Some("gzip"), "{path}");
        for r in [&plain, &gz, &br] {
            let vary = r.header("vary").unwrap_or_default();
            assert!(vary.contains("Accept-Encoding"), "{path}: {vary}");
        }
        let tags = [&plain, &gz, &br].map(|r| r.header("etag").expect("etag").to_owned());
        assert!(
            tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2],
            "{path}: {tags:?}"
        );
        // Each form's ETag revalidates that form only.
        for (accept, tag) in [("identity", &tags[0]), ("gzip", &tags[1]), ("br", &tags[2])] {
            let again = fetch(
                base,
                "GET",
                path,
                &[("accept-encoding", accept), ("if-none-match", tag)],
            )
            .await;
            assert_eq!(again.status, 304, "{path} {accept}");
            assert_eq!(again.header("etag"), Some(tag.as_str()), "{path}");
        }
        let other = fetch(
            base,
            "GET",
            path,
            &[("accept-encoding", "br"), ("if-none-match", &tags[1])],
        )
        .await;
        assert_eq!(
            other.status, 200,
            "{path}: a gzip ETag does not revalidate brotli"
        );
        // HEAD answers the same headers as GET.
        let head = fetch(base, "HEAD", path, &[("accept-encoding", "br")]).await;
        assert_eq!(head.status, 200, "{path}");
        assert!(head.body.is_empty());
        for name in [
            "etag",
            "content-encoding",
            "content-type",
            "vary",
            "cache-control",
        ] {
            assert_eq!(head.header(name), br.header(name), "{path}: HEAD {name}");
        }
    }
    // The fingerprinted stylesheet is kept a year; its plain name still answers, briefly.
    let kept = fetch(base, "GET", &css, &[]).await;
    assert_eq!(
        kept.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let old = fetch(base, "GET", "/static/kiosque.css", &[]).await;
    assert_eq!(old.status, 200);
    assert_eq!(old.body, kept.body);
    assert_eq!(old.header("cache-control"), Some("public, max-age=3600"));
    // Media files are compressed formats already: left as they are.
    assert!(!front.body.contains("/static/comments.js"));
}

async fn the_cache_keeps_canonical_urls_within_its_bound(site: Site) {
    let server = site.start_with(&["--metrics-listen", "127.0.0.1:0", "--page-cache-mb", "1"]);
    let metrics = server.metrics_url();
    let base = &server.base;
    let hits = || {
        metric(
            &metrics,
            "kiosque_page_cache_requests_total",
            &[("outcome", "hit")],
        )
    };
    let misses = || {
        metric(
            &metrics,
            "kiosque_page_cache_requests_total",
            &[("outcome", "miss")],
        )
    };
    let entries = || metric(&metrics, "kiosque_page_cache_entries", &[]);

    let mut plain = fetch(base, "GET", "/monde", &[]).await;
    assert_eq!(plain.status, 200);
    // The plain page is kept before the spellings are tried: a render during which a background
    // write (a job of the freshly started node) touched the log is served but not kept.
    let mut kept = false;
    for _ in 0..10 {
        let h = hits().await;
        let again = fetch(base, "GET", "/monde", &[]).await;
        if hits().await > h {
            plain = again;
            kept = true;
            break;
        }
    }
    assert!(kept, "the plain page is kept and served from the cache");
    let (h0, m0) = (hits().await, misses().await);
    // The same page in other spellings: hits on the plain page's entry, the same bytes.
    for spelling in [
        "/monde?page=1",
        "/monde?page=01",
        "/monde?page=000001",
        "/monde?utm_source=x",
        "/monde?fbclid=abc&utm_medium=social",
        "/monde?utm_source=x&page=1",
    ] {
        let r = fetch(base, "GET", spelling, &[]).await;
        assert_eq!(r.status, 200, "{spelling}");
        assert_eq!(r.header("etag"), plain.header("etag"), "{spelling}");
        assert_eq!(r.body, plain.body, "{spelling}");
    }
    assert_eq!(hits().await - h0, 6.0);
    assert_eq!(misses().await, m0, "no new render");
    // A parameter never reaches the page: it cannot be echoed into cached bytes.
    let marked = fetch(base, "GET", "/monde?utm_source=MARQUEUR", &[]).await;
    assert!(!String::from_utf8_lossy(&marked.body).contains("MARQUEUR"));
    // Non-canonical values are still refused as before.
    for bad in ["/monde?page=abc", "/monde?page=0", "/monde?page=9999"] {
        assert_eq!(fetch(base, "GET", bad, &[]).await.status, 404, "{bad}");
    }

    // 6,000 page numbers on pages that do not paginate, and past the last page of one that
    // does: no entry each.
    let front = fetch(base, "GET", "/", &[]).await;
    let before = entries().await;
    for n in 2..=6000 {
        let r = fetch(base, "GET", &format!("/?page={n}"), &[]).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.body, front.body, "/?page={n} is the front page");
    }
    for n in 50..=250 {
        let r = fetch(base, "GET", &format!("/monde?page={n:06}"), &[]).await;
        assert_eq!(r.status, 404, "/monde?page={n}");
    }
    assert!(
        entries().await <= before + 1.0,
        "{} entries after {before}",
        entries().await
    );

    // Every page of the site read: the cache stays under its megabyte.
    let links: Vec<String> = String::from_utf8_lossy(&front.body)
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with('/') && !h.starts_with("/static") && !h.starts_with("/media"))
        .map(str::to_owned)
        .collect();
    for link in &links {
        fetch(base, "GET", link, &[]).await;
    }
    let bytes = metric(&metrics, "kiosque_page_cache_bytes", &[]).await;
    assert!(
        bytes > 0.0 && bytes <= (1 << 20) as f64,
        "{bytes} bytes kept"
    );
}

both_backends!(
    every_encoding_decompresses_to_the_same_page,
    the_cache_keeps_canonical_urls_within_its_bound,
);
