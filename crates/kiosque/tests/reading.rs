//! Reading the demo as a reader would, on both backends: "À lire aussi" under the founding
//! article is world news, and a phrase search is highlighted as one, in a snippet with French
//! typography.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{select, text, Site};

/// Waits (bounded) until `path` shows what `ok` wants: the index is built after start.
async fn page_until(
    server: &common::Server,
    path: &str,
    ok: impl Fn(&scraper::Html) -> bool,
) -> scraper::Html {
    let mut html = server.get(path).await.html();
    for _ in 0..60 {
        if ok(&html) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        html = server.get(path).await.html();
    }
    html
}

async fn the_founding_article_suggests_world_news(site: Site) {
    let server = site.start();
    // The search index is built just after start; the page is then rendered with it.
    page_until(&server, "/recherche?q=Alep", |h| {
        !select(h, ".search-results h2 a").is_empty()
    })
    .await;
    let front = server.get("/").await.html();
    let path = select(&front, "a[href^='/monde/syrie-poutine']")[0]
        .value()
        .attr("href")
        .expect("href")
        .to_owned();
    // `?page=1` is the same page, rendered after the index was built.
    let html = page_until(&server, &format!("{path}?page=1"), |h| {
        !select(h, "section.related h3 a").is_empty()
    })
    .await;
    let links = select(&html, "section.related h3 a");
    assert!(!links.is_empty() && links.len() <= 4);
    let kickers: Vec<String> = select(&html, "section.related .kicker")
        .iter()
        .map(text)
        .collect();
    for (a, kicker) in links.iter().zip(&kickers) {
        let href = a.value().attr("href").unwrap_or_default();
        let title = text(a);
        // World news: the Monde section itself, not a sibling under it nor another section.
        assert!(href.starts_with("/monde/"), "{href} ({kicker}): {title}");
        for off_topic in [
            "Littérature jeunesse",
            "chauves-souris",
            "Antarctique",
            "nanosatellite",
        ] {
            assert!(!title.contains(off_topic), "{title}");
        }
    }
}

async fn a_phrase_is_highlighted_once_in_a_french_snippet(site: Site) {
    let server = site.start();
    let html = page_until(&server, "/recherche?q=%22Bachar+al-Assad%22", |h| {
        !select(h, ".snippet").is_empty()
    })
    .await;
    let snippet = &select(&html, ".search-results .snippet")[0];
    let marks: Vec<String> = select_in(snippet, "mark");
    assert_eq!(marks, ["Bachar Al-Assad"]);
    let shown = text(snippet);
    assert!(shown.contains('’') && !shown.contains('\''), "{shown}");
    assert!(
        shown.contains("«\u{a0}") && shown.contains("\u{a0}»"),
        "{shown}"
    );
    assert!(!shown.contains('"'), "{shown}");
    // That excerpt is the article's whole first paragraph; one from the middle of a
    // paragraph says so with an ellipsis, at a word boundary.
    let html = server.get("/recherche?q=Tartous").await.html();
    let shown = text(&select(&html, ".search-results .snippet")[0]);
    assert!(
        shown.starts_with("…\u{a0}") && shown.ends_with('…'),
        "{shown}"
    );
    let first = shown
        .trim_start_matches("…\u{a0}")
        .split(' ')
        .next()
        .unwrap_or_default();
    assert!(
        first.chars().all(char::is_alphabetic),
        "starts with a whole word: {shown}"
    );
}

fn select_in(e: &scraper::ElementRef<'_>, css: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).expect("selector");
    e.select(&sel).map(|m| text(&m)).collect()
}

both_backends!(
    the_founding_article_suggests_world_news,
    a_phrase_is_highlighted_once_in_a_french_snippet,
);
