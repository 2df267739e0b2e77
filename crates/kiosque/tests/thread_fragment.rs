//! Issue 13, item 3, on both backends: the comment thread is a piece of the article's cached
//! page, kept under its own keys. A new comment re-renders the thread, never the article (the
//! renders are counted on `/metrics`), and the page assembled from the kept article and the
//! new thread shows the comment; a thread page past the last is still a 404.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server::{fixture_article, select, text, Site};
use kiosque_test_utils::streams::metric;

const PAGES: &str = "kiosque_page_renders_total";
const THREADS: &str = "kiosque_fragment_renders_total{kind=\"thread\"}";

async fn a_new_comment_re_renders_the_thread_not_the_article(site: Site) {
    let server = site.start_relaxed_with_metrics();
    let metrics = server.metrics_url();
    let article = fixture_article(&server).await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let first = server.get(&article.path).await;
    assert_eq!(first.status, 200);
    let title = text(&select(&first.html(), "h1")[0]);
    let csrf = paul.csrf().await;
    // Served from the cache: nothing renders.
    let (pages, threads) = (
        metric(&metrics, PAGES).await,
        metric(&metrics, THREADS).await,
    );
    assert!(pages >= 1.0 && threads >= 1.0, "{pages} {threads}");
    assert_eq!(
        server.get(&article.path).await.header("etag"),
        first.header("etag")
    );
    assert_eq!(metric(&metrics, PAGES).await, pages);
    assert_eq!(metric(&metrics, THREADS).await, threads);

    let body = "Un commentaire qui ne doit pas refaire tout l'article.";
    let article_id = article.id.to_string();
    let sent = paul
        .browser
        .post(
            "/commentaires",
            &[
                ("csrf", csrf.as_str()),
                ("article_id", article_id.as_str()),
                ("parent_id", ""),
                ("body", body),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.main_text());

    // A visitor sees the comment, under the same article.
    let after = server.get(&article.path).await;
    assert_eq!(after.status, 200);
    assert!(after.shows(body), "{}", after.main_text());
    assert_eq!(text(&select(&after.html(), "h1")[0]), title);
    assert_ne!(after.header("etag"), first.header("etag"));
    assert_eq!(
        after.body.matches("class=\"comments\"").count(),
        1,
        "one thread, spliced where its marker was"
    );
    assert!(!after.body.contains("kiosque:fragment"));
    // The thread was rendered again, once; the article was not.
    assert_eq!(metric(&metrics, THREADS).await, threads + 1.0);
    assert_eq!(metric(&metrics, PAGES).await, pages);
    // A member is served from the same parts: their own comment shows, nothing renders.
    let own = paul.browser.get(&article.path).await;
    assert!(own.shows(body), "{}", own.main_text());
    assert_eq!(metric(&metrics, THREADS).await, threads + 1.0);
    assert_eq!(metric(&metrics, PAGES).await, pages);

    // A page of the thread past the last is not found, and keeps nothing of itself.
    let past = server.get(&format!("{}?page=7", article.path)).await;
    assert_eq!(past.status, 404);
    let rendered = metric(&metrics, PAGES).await;
    let again = server.get(&format!("{}?page=7", article.path)).await;
    assert_eq!(again.status, 404);
    assert_eq!(
        metric(&metrics, PAGES).await,
        rendered + 1.0,
        "rendered again: no skeleton was kept for a page that does not exist"
    );
}

both_backends!(a_new_comment_re_renders_the_thread_not_the_article,);
