//! The public site, served by the real binary on both backends: what a reader sees.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{plain, select, text, Site};

const FIXTURE_TITLE: &str =
    "Syrie : Poutine appelle Al-Assad afin de le féliciter pour la reprise d'Alep";

/// The fixture article's path, as linked from the front page.
async fn fixture_path(server: &common::Server) -> String {
    let front = server.get("/").await;
    let html = front.html();
    select(&html, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.starts_with("/monde/syrie-poutine-appelle-al-assad") && h.ends_with(".html"))
        .expect("the front page links to the fixture article")
        .to_owned()
}

async fn front_page_shows_the_news(site: Site) {
    let server = site.start();
    let page = server.get("/").await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    let html = page.html();
    assert_eq!(
        select(&html, "html")[0].value().attr("lang"),
        Some("fr"),
        "French by default"
    );
    assert_eq!(select(&html, "h1").len(), 1, "one h1");
    assert_eq!(select(&html, "main").len(), 1);
    assert!(!select(&html, "nav").is_empty());
    // A lead story, latest news, and a block per section.
    assert_eq!(select(&html, "article.lead h2 a").len(), 1);
    assert!(select(&html, "section[aria-labelledby^=rubrique-]").len() >= 4);
    // The video rail lists the fixture's 30 videos, newest first.
    let rail = select(&html, "section.rail li a");
    assert_eq!(rail.len(), 30);
    assert_eq!(
        plain(&text(&rail[0])).trim_start_matches('▶'),
        "Nouvelle-Calédonie : 50 détenus attaquent l'État en justice"
    );
    let _ = fixture_path(&server).await;
}

async fn article_page_has_the_anatomy_of_the_fixture(site: Site) {
    let server = site.start();
    let path = fixture_path(&server).await;
    let page = server.get(&path).await;
    assert_eq!(page.status, 200);
    let html = page.html();

    let h1 = select(&html, "h1");
    assert_eq!(h1.len(), 1);
    assert_eq!(plain(&text(&h1[0])), FIXTURE_TITLE);
    // French typography at display: a no-break space before the colon, a typographic apostrophe.
    assert!(text(&h1[0]).contains("Syrie\u{a0}:"), "{}", text(&h1[0]));
    assert!(text(&h1[0]).contains("d’Alep"));

    let standfirst = select(&html, "article .standfirst");
    assert_eq!(standfirst.len(), 1);
    assert!(plain(&text(&standfirst[0])).starts_with("\"Ce succès a été rendu possible"));

    // The hero image's file is lost: no figure at all, neither an empty box nor a broken <img>.
    assert!(select(&html, "article figure").is_empty());
    assert!(select(&html, ".media-placeholder").is_empty());
    assert!(select(&html, "article img").is_empty());
    // French quotation marks at display.
    assert!(text(&standfirst[0]).starts_with("«\u{a0}Ce succès"));

    let published = select(&html, "time.published");
    assert_eq!(published.len(), 1);
    assert!(text(&published[0]).starts_with("Publié le 23/12/2016"));
    assert!(published[0]
        .value()
        .attr("datetime")
        .unwrap_or_default()
        .starts_with("2016-12-23T"));

    let intertitles: Vec<String> = select(&html, ".article-body h2")
        .iter()
        .map(|h| plain(&text(h)))
        .collect();
    assert_eq!(intertitles, ["\"Un pas très important\" vers la paix"]);
    assert_eq!(select(&html, ".article-body p").len(), 5);
    let body = plain(&text(&select(&html, ".article-body")[0]));
    for boilerplate in [
        "À regarder",
        "Commentaires",
        "Connectez-vous",
        "Déjà un compte",
    ] {
        assert!(!body.contains(boilerplate), "{boilerplate} in the body");
    }

    let rail = select(&html, "section.rail li a");
    assert_eq!(rail.len(), 30);
    assert_eq!(
        plain(&text(&rail[29])).trim_start_matches('▶'),
        "La lutte sans relâche contre les chauffards"
    );

    let comments = select(&html, "section#commentaires");
    assert_eq!(comments.len(), 1);
    assert_eq!(
        text(&select(&html, "section#commentaires h2")[0]),
        "Commentaires"
    );
    let invite = plain(&text(&comments[0]));
    assert!(
        invite.contains("Connectez-vous ou créez votre espace"),
        "{invite}"
    );
    assert!(invite.contains("Déjà un compte ? Se connecter"), "{invite}");

    let tags: Vec<_> = select(&html, "ul.tags a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert_eq!(tags, ["/tag/syrie"]);
    let tag_page = server.get("/tag/syrie").await;
    assert_eq!(tag_page.status, 200);
    assert!(tag_page.body.contains(&path));

    let canonical = select(&html, "link[rel=canonical]");
    assert_eq!(
        canonical[0].value().attr("href"),
        Some(format!("{}{path}", server.base).as_str()),
        "the canonical URL is the absolute permalink"
    );
}

async fn stale_slugs_redirect_permanently(site: Site) {
    let server = site.start();
    let path = fixture_path(&server).await;
    let id = path
        .rsplit('_')
        .next()
        .and_then(|s| s.strip_suffix(".html"))
        .expect("id");
    for stale in [
        format!("/monde/ancien-titre_{id}.html"),
        format!("/france/syrie-poutine_{id}.html"),
    ] {
        let page = server.get(&stale).await;
        assert_eq!(page.status, 301, "{stale}");
        assert_eq!(page.location.as_deref(), Some(path.as_str()), "{stale}");
    }
}

async fn unknown_and_malformed_paths_are_404(site: Site) {
    let server = site.start();
    for path in [
        "/rubrique-inconnue",
        "/monde/inconnu_999999.html",
        "/monde/inconnu_abc.html",
        "/monde/inconnu.html",
        "/monde/inconnu_0.html",
        "/monde/inconnu_99999999999999999999999.html",
        "/monde?page=abc",
        "/monde?page=0",
        "/monde?page=9999",
        "/videos/inconnue_424242.html",
        "/tag/inconnu",
        "/a/b/c",
    ] {
        let page = server.get(path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(
            page.content_type
                .as_deref()
                .unwrap_or_default()
                .starts_with("text/html"),
            "{path}"
        );
        assert!(page.body.contains("Page introuvable"), "{path}");
        assert!(
            page.body.contains("href=\"/\""),
            "a 404 links back home: {path}"
        );
    }
}

async fn section_pages_paginate(site: Site) {
    let server = site.start();
    let first = server.get("/monde").await;
    assert_eq!(first.status, 200);
    let html = first.html();
    assert_eq!(plain(&text(&select(&html, "h1")[0])), "Monde");
    // The section opens with its lead story, then the list: ten articles in all.
    let cards1: Vec<String> = select(&html, "article.lead h2 a, ul.cards article h2 a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert_eq!(cards1.len(), 10, "ten articles a page");
    let next = select(&html, "a[rel=next]");
    assert_eq!(next[0].value().attr("href"), Some("/monde?page=2"));

    let second = server.get("/monde?page=2").await;
    assert_eq!(second.status, 200);
    let html2 = second.html();
    let cards2: Vec<String> = select(&html2, "ul.cards article h2 a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(!cards2.is_empty());
    assert!(
        cards2.iter().all(|c| !cards1.contains(c)),
        "no article twice"
    );
    assert_eq!(
        select(&html2, "a[rel=prev]")[0].value().attr("href"),
        Some("/monde")
    );
    // A child section's articles are listed in its parent, and it has its own page.
    let europe = server.get("/europe").await;
    assert_eq!(europe.status, 200);
    let europe_cards: Vec<String> =
        select(&europe.html(), "article.lead h2 a, ul.cards article h2 a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect();
    assert!(!europe_cards.is_empty());
    let monde_all: Vec<String> = cards1.into_iter().chain(cards2).collect();
    let page3 = server.get("/monde?page=3").await;
    let mut monde_all = monde_all;
    if page3.status == 200 {
        monde_all.extend(
            select(&page3.html(), "ul.cards article h2 a")
                .iter()
                .filter_map(|a| a.value().attr("href").map(str::to_owned)),
        );
    }
    assert!(europe_cards.iter().all(|c| monde_all.contains(c)));
}

async fn video_pages_open_from_the_rail(site: Site) {
    let server = site.start();
    let front = server.get("/").await;
    let html = front.html();
    let first = select(&html, "section.rail li a")[0]
        .value()
        .attr("href")
        .expect("href")
        .to_owned();
    let page = server.get(&first).await;
    assert_eq!(page.status, 200);
    let html = page.html();
    assert_eq!(
        plain(&text(&select(&html, "h1")[0])),
        "Nouvelle-Calédonie : 50 détenus attaquent l'État en justice"
    );
    // The rail of a video page lists the others.
    let rail: Vec<_> = select(&html, "section.rail li a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert_eq!(rail.len(), 29);
    assert!(!rail.contains(&first));
    let index = server.get("/videos").await;
    assert_eq!(index.status, 200);
    assert!(index.body.contains(&first));
}

async fn headers_and_assets(site: Site) {
    let server = site.start();
    let res = server
        .http
        .get(format!("{}/", server.base))
        .send()
        .await
        .expect("get");
    let csp = res
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    let css = server.get("/static/kiosque.css").await;
    assert_eq!(css.status, 200);
    assert!(css.content_type.unwrap_or_default().starts_with("text/css"));
    assert!(css.body.contains(":focus-visible"), "visible focus");
    assert_eq!(server.get("/healthz").await.status, 200);
    assert_eq!(server.get("/readyz").await.status, 200);
}

async fn restarts_keep_one_copy_of_the_demo_and_stop_gracefully(site: Site) {
    let mut server = site.start();
    assert_eq!(server.get("/").await.status, 200);
    let status = server.stop();
    assert!(
        status.success(),
        "SIGTERM ends the server cleanly: {status:?}"
    );
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("open store");
    let first = store.count_articles().await.expect("count");
    let videos = store.latest_videos(100).await.expect("videos").len();
    store.close().await;
    assert!(first > 20, "demo articles loaded: {first}");
    assert_eq!(videos, 30, "the demo's only videos are the fixture's");

    let mut again = site.start();
    assert_eq!(again.get("/").await.status, 200);
    assert!(again.stop().success());
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("open store");
    assert_eq!(store.count_articles().await.expect("count"), first);
    assert_eq!(store.latest_videos(100).await.expect("videos").len(), 30);
    store.close().await;
}

async fn pages_answer_conditional_requests(site: Site) {
    let server = site.start();
    let path = fixture_path(&server).await;
    let first = server
        .http
        .get(format!("{}{path}", server.base))
        .send()
        .await
        .expect("get");
    assert_eq!(first.status(), 200);
    let etag = first
        .headers()
        .get("etag")
        .expect("an ETag")
        .to_str()
        .expect("ascii")
        .to_owned();
    let again = server
        .http
        .get(format!("{}{path}", server.base))
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("get");
    assert_eq!(again.status(), 304);
    let other = server
        .http
        .get(format!("{}{path}", server.base))
        .header("if-none-match", "\"autre\"")
        .send()
        .await
        .expect("get");
    assert_eq!(other.status(), 200);
}

/// A cached page follows a write made by another process (an import run beside the server):
/// the change log drops it, and the next request renders the new text.
async fn cached_pages_follow_writes_from_other_processes(site: Site) {
    let server = site.start();
    let path = fixture_path(&server).await;
    let before = server.get(&path).await;
    assert!(before.body.contains("base navale permanente"));
    let fixture = std::fs::read_to_string(common::fixture_path()).expect("fixture");
    let edited = fixture.replace("base navale permanente", "base navale agrandie");
    assert_ne!(edited, fixture);
    let file = site.dir.path().join("corrige.txt");
    std::fs::write(&file, edited).expect("write");
    let out = site
        .command()
        .args(["import", "page", "--section", "monde"])
        .arg(&file)
        .output()
        .expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), path);
    // The server polls the log every 250 ms; allow it a bounded few seconds.
    let mut seen = false;
    for _ in 0..50 {
        if server
            .get(&path)
            .await
            .body
            .contains("base navale agrandie")
        {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(seen, "the cached page was not refreshed after the import");
}

/// When the hero image's file is in the media folder, the page shows it, loaded first: it is the
/// first picture a reader sees.
async fn hero_images_that_exist_are_shown(site: Site) {
    let media = site.data_dir().join("media/2016/12/23");
    std::fs::create_dir_all(&media).expect("media dir");
    // The server serves the bytes as they are; validating uploads is the media library's job.
    std::fs::write(
        media.join("phpoTLVxE_1.jpg"),
        b"\xff\xd8\xff\xe0 not really a jpeg",
    )
    .expect("write");
    let server = site.start();
    let path = fixture_path(&server).await;
    let page = server.get(&path).await;
    let html = page.html();
    let img = select(&html, "article figure img");
    assert_eq!(img.len(), 1);
    assert_eq!(
        img[0].value().attr("src"),
        Some("/media/2016/12/23/phpoTLVxE_1.jpg")
    );
    assert_eq!(img[0].value().attr("loading"), Some("eager"));
    assert_eq!(img[0].value().attr("fetchpriority"), Some("high"));
    assert!(!img[0].value().attr("alt").unwrap_or_default().is_empty());
    assert!(select(&html, "article figure .media-placeholder").is_empty());
    let file = server.get("/media/2016/12/23/phpoTLVxE_1.jpg").await;
    assert_eq!(file.status, 200);
    assert_eq!(server.get("/media/2016/12/23/absent.jpg").await.status, 404);
    assert_eq!(server.get("/media/../kiosque.db").await.status, 404);
}

/// A reader keeping an article open (a live comment stream) does not hold up a graceful stop.
async fn shutdown_ends_live_streams(site: Site) {
    let mut server = site.start();
    let path = fixture_path(&server).await;
    let id = path
        .rsplit('_')
        .next()
        .and_then(|s| s.strip_suffix(".html"))
        .expect("id")
        .to_owned();
    let stream = server
        .http
        .get(format!("{}/articles/{id}/commentaires/flux", server.base))
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), 200);
    assert!(stream
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .starts_with("text/event-stream"));
    let status = server.stop();
    assert!(status.success(), "{status:?}");
    drop(stream);
}

both_backends!(
    shutdown_ends_live_streams,
    hero_images_that_exist_are_shown,
    pages_answer_conditional_requests,
    cached_pages_follow_writes_from_other_processes,
    front_page_shows_the_news,
    article_page_has_the_anatomy_of_the_fixture,
    stale_slugs_redirect_permanently,
    unknown_and_malformed_paths_are_404,
    section_pages_paginate,
    video_pages_open_from_the_rail,
    headers_and_assets,
    restarts_keep_one_copy_of_the_demo_and_stop_gracefully,
);
