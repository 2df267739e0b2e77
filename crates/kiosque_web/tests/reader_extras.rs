//! What a reader finds around an article, in-process on both backends: the reading time, share
//! links, "Les plus lus" from counted views (page-cache hits included, robots not), and "À lire
//! aussi" made of articles that share something with the one being read.

use axum::body::Body;
use axum::http::Method;
use kiosque_domain::{markup, ArticleDraft, ArticleStatus, CommentMode};
use kiosque_test_utils::app::{norm, request, select, text, App, Client, HOST};
use kiosque_test_utils::app_tests;

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const DAY: i64 = 86_400_000;

async fn sections(app: &App) {
    for (slug, name) in [("monde", "Monde"), ("sport", "Sport")] {
        app.store
            .upsert_section(slug, name, None, None, 0)
            .await
            .expect("section");
    }
}

/// Publishes (or updates, by `key`) an article; its path.
async fn publish(
    app: &App,
    key: &str,
    section: &str,
    title: &str,
    tags: &[&str],
    body: &str,
    days_ago: i64,
) -> String {
    let draft = ArticleDraft {
        source_key: Some(format!("extras:{key}")),
        section: section.to_owned(),
        title: title.to_owned(),
        standfirst: None,
        hero: None,
        hero_video: None,
        body: markup::parse(body).expect("body"),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        authors: Vec::new(),
        status: ArticleStatus::Published,
        published_at: Some(chrono::Utc::now().timestamp_millis() - days_ago * DAY),
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    app.store
        .upsert_article(&draft)
        .await
        .expect("article")
        .path
}

/// A reader's visit: a browser's `User-Agent`.
async fn read(c: &Client, path: &str) -> kiosque_test_utils::app::Page {
    c.send(
        request(Method::GET, path)
            .header("user-agent", FIREFOX)
            .body(Body::empty()),
    )
    .await
}

fn hrefs(html: &scraper::Html, selector: &str) -> Vec<String> {
    select(html, selector)
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

async fn an_article_shows_its_reading_time_and_share_links(app: App) {
    sections(&app).await;
    // 723 words (the "&" is no word): three minutes and a bit, rounded up.
    let body = "Le conseil a voté le budget de la ville. ".repeat(80);
    let path = publish(
        &app,
        "budget",
        "monde",
        "Budget & cie : l'accord",
        &[],
        &body,
        0,
    )
    .await;
    let page = app.client().get(&path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let html = page.html();
    assert_eq!(
        norm(&text(&select(&html, ".article-header .reading-time")[0])),
        "Lecture : 4 min"
    );
    let url = format!("http%3A%2F%2F{}{}", HOST, path.replace('/', "%2F"));
    let title = "Budget%20%26%20cie%20%3A%20l%27accord";
    let expected = [
        format!("mailto:?subject={title}&body={url}"),
        format!("https://x.com/intent/tweet?text={title}&url={url}"),
        format!("https://www.facebook.com/sharer/sharer.php?u={url}"),
        format!("https://www.linkedin.com/sharing/share-offsite/?url={url}"),
        format!("https://wa.me/?text={title}%20{url}"),
        format!("https://bsky.app/intent/compose?text={title}%20{url}"),
    ];
    assert_eq!(hrefs(&html, ".share a"), expected);
    for a in select(&html, ".share a[href^='https://']") {
        assert_eq!(a.value().attr("rel"), Some("noopener"));
    }
    // Nothing is loaded from the services: no script, image or frame but the site's own.
    for (sel, attr) in [
        ("script[src]", "src"),
        ("img[src]", "src"),
        ("iframe", "src"),
    ] {
        for e in select(&html, sel) {
            let src = e.value().attr(attr).unwrap_or_default();
            assert!(src.starts_with('/') || src.starts_with("data:"), "{src}");
        }
    }
}

async fn views_are_counted_and_rank_the_most_read(app: App) {
    sections(&app).await;
    // Without counting cache hits, each page would be rendered (and counted) once, and the
    // newer article would come first.
    let older = publish(
        &app,
        "older",
        "monde",
        "Le plus lu des deux",
        &[],
        "Texte.",
        2,
    )
    .await;
    let newer = publish(
        &app,
        "newer",
        "sport",
        "Le moins lu des deux",
        &[],
        "Texte.",
        1,
    )
    .await;
    let unread = publish(
        &app,
        "unread",
        "sport",
        "Lu par des robots",
        &[],
        "Texte.",
        0,
    )
    .await;
    let c = app.client();
    let front = c.get("/").await.html();
    assert!(select(&front, ".most-read").is_empty(), "no views yet");
    for _ in 0..3 {
        assert_eq!(read(&c, &older).await.status, 200);
    }
    for _ in 0..2 {
        assert_eq!(read(&c, &newer).await.status, 200);
    }
    // Robots, HEAD requests and prefetches are not readers.
    for ua in [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "curl/8.5.0",
    ] {
        for _ in 0..5 {
            let p = c
                .send(
                    request(Method::GET, &unread)
                        .header("user-agent", ua)
                        .body(Body::empty()),
                )
                .await;
            assert_eq!(p.status, 200);
        }
    }
    c.send(
        request(Method::HEAD, &unread)
            .header("user-agent", FIREFOX)
            .body(Body::empty()),
    )
    .await;
    c.send(
        request(Method::GET, &unread)
            .header("user-agent", FIREFOX)
            .header("sec-purpose", "prefetch")
            .body(Body::empty()),
    )
    .await;
    // The front page is cached until the counts are added and the ranking changes.
    app.state.flush_views().await.expect("flush");
    let front = c.get("/").await.html();
    assert_eq!(
        hrefs(&front, ".front-most-read li a"),
        [older.clone(), newer.clone()]
    );
    assert_eq!(
        select(&front, ".front-most-read li a")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["Le plus lu des deux", "Le moins lu des deux"]
    );
    // Beside an article, the list leaves that article out.
    let beside = read(&c, &unread).await.html();
    assert_eq!(
        hrefs(&beside, ".side-most-read li a"),
        [older.clone(), newer.clone()]
    );
    let beside = c.get(&older).await.html();
    assert_eq!(
        hrefs(&beside, ".side-most-read li a"),
        std::slice::from_ref(&newer)
    );
    // More views change the order after the next flush.
    for _ in 0..3 {
        read(&c, &newer).await;
    }
    app.state.flush_views().await.expect("flush");
    let front = c.get("/").await.html();
    assert_eq!(
        hrefs(&front, ".front-most-read li a"),
        [newer, older, unread]
    );
}

async fn related_articles_share_a_tag_or_the_section(app: App) {
    sections(&app).await;
    let read_now = publish(
        &app,
        "x",
        "monde",
        "Syrie : la reprise d'Alep",
        &["Syrie"],
        "Texte.",
        0,
    )
    .await;
    let tagged = publish(
        &app,
        "y",
        "sport",
        "Un match pour la paix en Syrie",
        &["Syrie"],
        "Texte.",
        300,
    )
    .await;
    let same_section = publish(
        &app,
        "z",
        "monde",
        "Japon : les bus municipaux",
        &[],
        "Texte.",
        1,
    )
    .await;
    let unrelated = publish(
        &app,
        "w",
        "sport",
        "Rugby : victoire à domicile",
        &["Rugby"],
        "Texte.",
        0,
    )
    .await;
    let c = app.client();
    let related = |html: &scraper::Html| hrefs(html, "section.related h3 a");
    let page = c.get(&read_now).await.html();
    // The shared tag first, although older; then the section; never the one with nothing in
    // common, although published the same day.
    assert_eq!(related(&page), [tagged.clone(), same_section.clone()]);
    assert!(!related(&page).contains(&unrelated));
    // A related article's new title shows on the (cached) page at once.
    let tagged = publish(
        &app,
        "y",
        "sport",
        "Un match pour la paix à Damas",
        &["Syrie"],
        "Texte.",
        300,
    )
    .await;
    let page = c.get(&read_now).await.html();
    let titles: Vec<String> = select(&page, "section.related h3 a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(titles[0], "Un match pour la paix à Damas");
    // The other way round: the sport article lists its section's neighbour only.
    let page = c.get(&unrelated).await.html();
    assert_eq!(related(&page), [tagged]);
}

app_tests!(
    an_article_shows_its_reading_time_and_share_links,
    views_are_counted_and_rank_the_most_read,
    related_articles_share_a_tag_or_the_section,
);
