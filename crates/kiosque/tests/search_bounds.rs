//! Search pages are bounded, on both backends: past page 50 the reader is asked to refine the
//! search (a clear page, not an error, and nothing collected), and the pager never leads there.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{plain, select, text, Site};

/// More matches than the 50 pages of 10 served.
const ARTICLES: usize = 510;

fn count_label(html: &scraper::Html) -> String {
    select(html, ".search-count")
        .first()
        .map(|e| plain(&text(e)))
        .unwrap_or_default()
}

fn next_link(html: &scraper::Html) -> Option<String> {
    select(html, "a[rel=next]")
        .first()
        .and_then(|a| a.value().attr("href").map(str::to_owned))
}

/// Publishes `ARTICLES` articles about zeppelins straight into the store.
async fn publish_many(site: &Site) {
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    for i in 0..ARTICLES {
        let draft = kiosque_domain::ArticleDraft {
            source_key: Some(format!("bounds:{i}")),
            section: "monde".into(),
            title: format!("Le zeppelin numéro {i} survole la ville"),
            standfirst: None,
            hero: None,
            hero_video: None,
            body: kiosque_domain::markup::parse("Un zeppelin passe au-dessus des toits.")
                .expect("body"),
            tags: vec![],
            authors: vec![],
            status: kiosque_domain::ArticleStatus::Published,
            published_at: Some(1_700_000_000_000 + i as i64 * 60_000),
            published_time_known: true,
            updated_at: None,
            comment_mode: kiosque_domain::CommentMode::Open,
            slug: None,
            seo_title: None,
            seo_description: None,
        };
        store.upsert_article(&draft).await.expect("publish");
    }
    store.close().await;
}

async fn deep_pages_ask_to_refine(site: Site) {
    let server = site.start_relaxed();
    publish_many(&site).await;
    // The index follows the change log: wait (bounded) until it holds them all.
    let mut label = String::new();
    for _ in 0..150 {
        label = count_label(&server.get("/recherche?q=zeppelin").await.html());
        if label == format!("{ARTICLES} articles trouvés.") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(label, format!("{ARTICLES} articles trouvés."));

    // The pager stops at page 50: page 49 leads to 50, page 50 leads nowhere and says why.
    let p49 = server.get("/recherche?q=zeppelin&page=49").await.html();
    assert_eq!(
        next_link(&p49).as_deref(),
        Some("/recherche?q=zeppelin&page=50")
    );
    let p50 = server.get("/recherche?q=zeppelin&page=50").await;
    assert_eq!(p50.status, 200);
    let html = p50.html();
    assert_eq!(select(&html, ".search-results h2 a").len(), 10);
    assert_eq!(next_link(&html), None, "no link past page 50");
    assert!(
        plain(&p50.body).contains("Seuls les 500 premiers résultats sont proposés"),
        "page 50 says why the pages stop"
    );
    let pager = plain(&text(&select(&html, ".pagination")[0]));
    assert!(pager.contains("50 sur 50"), "{pager}");

    // Past it, however far: a clear page asking to refine, no results, no pager.
    for deep in ["51", "100000", "100001", "99999999999999999999999"] {
        let page = server
            .get(&format!("/recherche?q=zeppelin&page={deep}"))
            .await;
        assert_eq!(page.status, 200, "page {deep}");
        assert!(
            plain(&page.body).contains("Les résultats s'arrêtent à la page 50"),
            "page {deep}: {}",
            plain(&page.body)
        );
        let html = page.html();
        assert!(select(&html, ".search-results").is_empty(), "page {deep}");
        assert!(select(&html, ".pagination").is_empty(), "page {deep}");
        // The form keeps the words, to refine them.
        assert_eq!(
            select(&html, "input#q")[0].value().attr("value"),
            Some("zeppelin")
        );
    }
    // What is not a page number stays the site's not-found page.
    assert_eq!(
        server.get("/recherche?q=zeppelin&page=abc").await.status,
        404
    );
}

async fn deep_pages_ask_to_refine_in_english(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--language", "en"]);
    let page = server.get("/recherche?q=Alep&page=51").await;
    assert_eq!(page.status, 200);
    assert!(
        plain(&page.body).contains("Results stop at page 50: refine your search"),
        "{}",
        plain(&page.body)
    );
}

both_backends!(
    deep_pages_ask_to_refine,
    deep_pages_ask_to_refine_in_english
);
