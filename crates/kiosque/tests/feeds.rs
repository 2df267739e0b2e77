//! Feeds, sitemaps, robots.txt and the metadata search engines and aggregators read, on both
//! backends. XML is parsed, JSON is parsed: what a feed reader or a crawler would do.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{fixture_path, select, Site};

fn xml(body: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(body).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{body}"))
}

fn texts<'a>(doc: &'a roxmltree::Document<'a>, name: &str) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == name)
        .filter_map(|n| n.text())
        .collect()
}

async fn founding_path(server: &common::Server) -> String {
    let html = server.get("/").await.html();
    select(&html, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.starts_with("/monde/syrie-poutine") && h.ends_with(".html"))
        .expect("the front page links to the founding article")
        .to_owned()
}

async fn robots_and_sitemaps_list_every_article(site: Site) {
    let server = site.start();
    let robots = server.get("/robots.txt").await;
    assert_eq!(robots.status, 200);
    assert!(robots
        .body
        .contains(&format!("Sitemap: {}/sitemap.xml", server.base)));
    assert!(robots.body.contains("Disallow: /admin"));

    let index = server.get("/sitemap.xml").await;
    assert_eq!(index.status, 200);
    let doc = xml(&index.body);
    assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
    let locs = texts(&doc, "loc");
    let articles = format!("{}/sitemaps/articles-1.xml", server.base);
    assert!(locs.contains(&articles.as_str()), "{locs:?}");

    let page = server.get("/sitemaps/articles-1.xml").await;
    let doc = xml(&page.body);
    let urls = texts(&doc, "loc");
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    assert_eq!(
        urls.len() as i64,
        store.count_articles().await.expect("count")
    );
    store.close().await;
    let founding = format!("{}{}", server.base, founding_path(&server).await);
    assert!(urls.contains(&founding.as_str()));
    for lastmod in texts(&doc, "lastmod") {
        assert!(
            chrono::DateTime::parse_from_rfc3339(lastmod).is_ok(),
            "{lastmod}"
        );
    }
    assert_eq!(server.get("/sitemaps/articles-99.xml").await.status, 404);
    let pages = xml(&server.get("/sitemaps/pages.xml").await.body)
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .count();
    assert!(pages >= 10, "front, videos and the sections");
}

async fn the_news_sitemap_lists_only_the_last_48_hours(site: Site) {
    let server = site.start();
    // The demo's articles are older (but for its live blog); an article published now enters
    // the news sitemap.
    let now = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Paris);
    let page = site.dir.path().join("breve.txt");
    std::fs::write(
        &page,
        format!(
            "Europe : une brève publiée à l'instant\nLe chapô de la brève.\nPublié le {}\nLe premier paragraphe de la brève.\nLe second paragraphe.\n",
            now.format("%d/%m/%Y à %H:%M")
        ),
    )
    .expect("write");
    let out = site
        .command()
        .args(["import", "page", "--section", "europe"])
        .arg(&page)
        .output()
        .expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let mut found = None;
    for _ in 0..50 {
        let body = server.get("/sitemaps/news.xml").await.body;
        if body.contains(&path) {
            found = Some(body);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let body = found.expect("the new article enters the news sitemap");
    let doc = xml(&body);
    // Besides it, only the demo's live blog, under way since a few hours (its coverage started
    // when the demo was loaded).
    let mut locs = texts(&doc, "loc");
    locs.sort_unstable();
    let fresh = format!("{}{path}", server.base);
    assert_eq!(
        locs.len(),
        2,
        "only the fresh article and the live blog: {locs:?}"
    );
    assert!(locs.contains(&fresh.as_str()), "{locs:?}");
    assert!(
        locs.iter().any(|l| l.contains("/france/tempete-ilona")),
        "{locs:?}"
    );
    let titles = texts(&doc, "title");
    assert!(
        titles.contains(&"Europe\u{a0}: une brève publiée à l’instant"),
        "{titles:?}"
    );
    let date = texts(&doc, "publication_date")[0];
    assert!(chrono::DateTime::parse_from_rfc3339(date).is_ok(), "{date}");
}

async fn site_and_section_feeds_in_three_formats(site: Site) {
    let server = site.start();
    let rss = server.get("/rss.xml").await;
    assert_eq!(rss.status, 200);
    assert!(rss
        .content_type
        .as_deref()
        .unwrap_or_default()
        .starts_with("application/rss+xml"));
    let doc = xml(&rss.body);
    assert_eq!(doc.root_element().attribute("version"), Some("2.0"));
    let items: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    assert!(!items.is_empty() && items.len() <= 50);
    let dates: Vec<chrono::DateTime<chrono::FixedOffset>> = texts(&doc, "pubDate")
        .iter()
        .map(|d| chrono::DateTime::parse_from_rfc2822(d).unwrap_or_else(|e| panic!("{d}: {e}")))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    for link in texts(&doc, "link") {
        assert!(link.starts_with(&server.base), "absolute links: {link}");
    }

    let atom = server.get("/atom.xml").await;
    let doc = xml(&atom.body);
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .count();
    assert_eq!(entries, items.len());
    for u in texts(&doc, "updated") {
        assert!(chrono::DateTime::parse_from_rfc3339(u).is_ok(), "{u}");
    }

    let json = server.get("/feed.json").await;
    let feed: serde_json::Value = serde_json::from_str(&json.body).expect("JSON Feed");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["items"].as_array().map(Vec::len), Some(items.len()));

    // A section's feed holds its articles and its children's, nothing else.
    let monde = xml(&server.get("/monde/rss.xml").await.body)
        .descendants()
        .filter(|n| n.has_tag_name("category"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect::<Vec<_>>();
    assert!(!monde.is_empty());
    assert!(
        monde
            .iter()
            .all(|c| ["Monde", "Europe", "Afrique"].contains(&c.as_str())),
        "{monde:?}"
    );
    let tag = server.get("/tag/syrie/atom.xml").await;
    assert_eq!(tag.status, 200);
    assert!(tag.body.contains("Poutine"));
    assert_eq!(server.get("/tag/inconnu/rss.xml").await.status, 404);
    assert_eq!(server.get("/monde/inconnu.xml").await.status, 404);

    // Pages advertise their feeds.
    let html = server.get("/monde").await.html();
    let alternates: Vec<_> = select(&html, "link[rel=alternate]")
        .iter()
        .filter_map(|l| l.value().attr("href").map(str::to_owned))
        .collect();
    assert!(alternates.contains(&format!("{}/rss.xml", server.base)));
    assert!(alternates.contains(&format!("{}/monde/rss.xml", server.base)));
}

/// With `--feed-full-content`, items carry the whole article as HTML (escaped in the XML, so
/// readers get markup, never live elements of ours) and their bylines; without it, summaries
/// only.
async fn feeds_carry_full_content_when_configured(site: Site) {
    let server = site.start();
    let rss = server.get("/monde/rss.xml").await;
    assert!(
        !rss.body.contains("content:encoded>"),
        "summaries by default"
    );
    drop(server);
    let server = site.start_with(&["--feed-full-content"]);
    let path = founding_path(&server).await;
    let url = format!("{}{path}", server.base);

    let rss = server.get("/monde/rss.xml").await;
    let doc = xml(&rss.body);
    let item = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .find(|n| {
            n.children()
                .any(|c| c.has_tag_name("link") && c.text() == Some(url.as_str()))
        })
        .expect("the founding article is in the section feed");
    let content = item
        .children()
        .find(|c| c.tag_name().name() == "encoded")
        .and_then(|c| c.text())
        .expect("content:encoded");
    // The parsed text is the article's HTML: paragraphs and intertitles, with the body's words.
    assert!(
        content.contains("<p>") && content.contains("<h2>"),
        "{content}"
    );
    assert!(content.contains("Alep"), "{content}");
    assert!(!content.contains("<script"), "{content}");
    let fragment = scraper::Html::parse_fragment(content);
    assert!(!select(&fragment, "h2").is_empty());

    let atom = server.get("/monde/atom.xml").await;
    let doc = xml(&atom.body);
    let html_content = doc
        .descendants()
        .find(|n| n.has_tag_name(("http://www.w3.org/2005/Atom", "content")))
        .expect("atom content");
    assert_eq!(html_content.attribute("type"), Some("html"));
    assert!(html_content.text().is_some_and(|t| t.contains("<p>")));

    let json: serde_json::Value =
        serde_json::from_str(&server.get("/monde/feed.json").await.body).expect("JSON Feed");
    let entry = json["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["url"] == url.as_str())
        .expect("the founding article");
    assert!(entry["content_html"]
        .as_str()
        .is_some_and(|h| h.contains("<h2>")));
}

async fn feeds_answer_conditional_requests(site: Site) {
    let server = site.start();
    let first = server
        .http
        .get(format!("{}/rss.xml", server.base))
        .send()
        .await
        .expect("get");
    let etag = first.headers().get("etag").expect("ETag").clone();
    let again = server
        .http
        .get(format!("{}/rss.xml", server.base))
        .header("if-none-match", etag)
        .send()
        .await
        .expect("get");
    assert_eq!(again.status(), 304);
    // The same with the date the page was made.
    let last_modified = first
        .headers()
        .get("last-modified")
        .expect("Last-Modified")
        .clone();
    assert!(chrono::DateTime::parse_from_rfc2822(last_modified.to_str().expect("ascii")).is_ok());
    let since = server
        .http
        .get(format!("{}/rss.xml", server.base))
        .header("if-modified-since", last_modified)
        .send()
        .await
        .expect("get");
    assert_eq!(since.status(), 304);
    let older = server
        .http
        .get(format!("{}/rss.xml", server.base))
        .header("if-modified-since", "Sat, 01 Jan 2000 00:00:00 GMT")
        .send()
        .await
        .expect("get");
    assert_eq!(older.status(), 200);
}

async fn articles_carry_search_engine_metadata(site: Site) {
    let server = site.start();
    let path = founding_path(&server).await;
    let html = server.get(&path).await.html();
    let meta = |sel: &str| {
        select(&html, sel)
            .first()
            .and_then(|m| m.value().attr("content").map(str::to_owned))
    };
    let url = format!("{}{path}", server.base);
    assert_eq!(meta("meta[property='og:type']").as_deref(), Some("article"));
    assert_eq!(
        meta("meta[property='og:url']").as_deref(),
        Some(url.as_str())
    );
    assert!(meta("meta[property='og:title']")
        .unwrap_or_default()
        .contains("Poutine"));
    // Its image file is lost, so the site's share image stands in: a large card.
    assert_eq!(
        meta("meta[name='twitter:card']").as_deref(),
        Some("summary_large_image")
    );
    let site_image = format!("{}/static/brand/og.png", server.base);
    assert_eq!(
        meta("meta[property='og:image']").as_deref(),
        Some(site_image.as_str())
    );
    assert!(meta("meta[property='article:published_time']")
        .unwrap_or_default()
        .starts_with("2016-12-23"));

    let scripts = select(&html, "script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1);
    let ld: serde_json::Value =
        serde_json::from_str(&common::text(&scripts[0])).expect("JSON-LD parses");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["headline"],
        "Syrie : Poutine appelle Al-Assad afin de le féliciter pour la reprise d'Alep"
    );
    assert!(ld["datePublished"]
        .as_str()
        .unwrap_or_default()
        .starts_with("2016-12-23"));
    assert!(ld["dateModified"].is_string());
    assert_eq!(ld["publisher"]["name"], "Kiosque");
    assert!(ld["author"].is_array());
    assert_eq!(ld["mainEntityOfPage"]["@id"], url.as_str());
    // The founding article's image file is not in the library: its own image is not claimed,
    // the site's is.
    assert_eq!(ld["image"], serde_json::json!([site_image]));
    assert_eq!(
        ld["publisher"]["logo"]["url"],
        format!("{}/static/brand/logo.png", server.base)
    );

    let section = server.get("/europe").await.html();
    let scripts = select(&section, "script[type='application/ld+json']");
    let crumbs: serde_json::Value =
        serde_json::from_str(&common::text(&scripts[0])).expect("breadcrumb JSON-LD");
    assert_eq!(crumbs["@type"], "BreadcrumbList");
    let names: Vec<&str> = crumbs["itemListElement"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    assert_eq!(names, ["Accueil", "Monde", "Europe"]);
    let _ = fixture_path();
}

async fn authors_have_a_page_and_feeds(site: Site) {
    let server = site.start();
    let page = server.get("/auteur/claire-dubois").await;
    assert_eq!(page.status, 200);
    let html = page.html();
    assert_eq!(common::text(&select(&html, "h1")[0]), "Claire Dubois");
    let cards: Vec<String> = select(&html, "ul.cards article h2 a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(!cards.is_empty());
    // Her articles sign with a link back to this page.
    let article = server.get(&cards[0]).await.html();
    let bylines: Vec<String> = select(&article, "a[rel=author]")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(
        bylines.contains(&"/auteur/claire-dubois".to_owned()),
        "{bylines:?}"
    );
    let feed = server.get("/auteur/claire-dubois/rss.xml").await;
    assert_eq!(feed.status, 200);
    let doc = xml(&feed.body);
    let items = doc.descendants().filter(|n| n.has_tag_name("item")).count();
    assert_eq!(items, cards.len().min(50));
    assert_eq!(server.get("/auteur/inconnu").await.status, 404);
    assert_eq!(server.get("/auteur/inconnu/atom.xml").await.status, 404);
}

both_backends!(
    feeds_carry_full_content_when_configured,
    authors_have_a_page_and_feeds,
    robots_and_sitemaps_list_every_article,
    the_news_sitemap_lists_only_the_last_48_hours,
    site_and_section_feeds_in_three_formats,
    feeds_answer_conditional_requests,
    articles_carry_search_engine_metadata,
);
