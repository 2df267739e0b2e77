//! What other programs read from Kiosque, read by the programs of the ecosystem rather than by
//! our own string checks alone, on both backends:
//!
//! - every feed (site, section, tag, author; RSS, Atom, JSON Feed; summaries and full content)
//!   through `feed-rs`, each entry held to the article it stands for: bylines and the date of
//!   its last update;
//! - JSON Feed against a JSON Schema of version 1.1 written from its specification
//!   (`tests/schemas/jsonfeed-1.1.schema.json`), validated by `jsonschema`;
//! - the sitemap index, robots.txt and the Google News sitemap, empty and not;
//! - the Open Graph and schema.org data of an article without an image.
//!
//! The content API against its OpenAPI document is in `api_contract.rs`.

use std::collections::HashMap;

use kiosque_domain::typography::french;
use kiosque_domain::ArticleId;
use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use chrono::{DateTime, Utc};
use common::{select, Server, Site};

const JSON_FEED_SCHEMA: &str = include_str!("schemas/jsonfeed-1.1.schema.json");

fn xml(body: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(body).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{body}"))
}

fn locs(body: &str) -> Vec<String> {
    xml(body)
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text().map(str::to_owned))
        .collect()
}

/// The id in an article URL `…/{slug}_{id}.html`.
fn article_id(url: &str) -> Option<i64> {
    url.strip_suffix(".html")?.rsplit('_').next()?.parse().ok()
}

/// An archive page as the importer reads it, published `ago_minutes` ago (Paris time), with
/// an update stamp and a byline when asked; returns the new article's path.
fn import_page(
    site: &Site,
    file: &str,
    title: &str,
    ago_minutes: i64,
    updated_ago_minutes: Option<i64>,
    byline: Option<&str>,
) -> String {
    let stamp = |minutes: i64| {
        (chrono::Utc::now() - chrono::Duration::minutes(minutes))
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%d/%m/%Y à %H:%M")
            .to_string()
    };
    let mut text = format!(
        "{title}\nLe chapô de la brève.\nPublié le {}",
        stamp(ago_minutes)
    );
    if let Some(u) = updated_ago_minutes {
        text.push_str(&format!(" - Mis à jour le {}", stamp(u)));
    }
    text.push('\n');
    if let Some(b) = byline {
        text.push_str(&format!("Par {b}\n"));
    }
    text.push_str("Le premier paragraphe de la brève.\nLe second paragraphe.\n");
    let page = site.dir.path().join(file);
    std::fs::write(&page, text).expect("write the page");
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
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// What an entry must say about an article, from the database.
struct Truth {
    authors: Vec<String>,
    updated: DateTime<Utc>,
    tags: Vec<String>,
    section: String,
    /// The absolute URL of the hero's file, when it is served.
    image: Option<String>,
}

struct Truths<'a> {
    store: &'a kiosque_store::Store,
    server: &'a Server,
    known: HashMap<i64, Truth>,
}

impl Truths<'_> {
    async fn of(&mut self, id: i64) -> &Truth {
        if !self.known.contains_key(&id) {
            let a = self
                .store
                .article(ArticleId(id))
                .await
                .expect("read")
                .unwrap_or_else(|| panic!("article {id} exists"));
            let mut authors: Vec<String> = a.authors.iter().map(|x| french(&x.name)).collect();
            if authors.is_empty() {
                authors.push("Kiosque".to_owned());
            }
            let image = match &a.hero {
                Some(h) => {
                    let path = format!("/media/{}", h.path.trim_start_matches('/'));
                    (self.server.get(&path).await.status == 200)
                        .then(|| format!("{}{path}", self.server.base))
                }
                None => None,
            };
            let ms = a.updated_at.or(a.published_at).expect("published");
            self.known.insert(
                id,
                Truth {
                    authors,
                    updated: DateTime::from_timestamp_millis(ms).expect("a date"),
                    tags: a.tags.iter().map(|t| french(&t.name)).collect(),
                    section: french(&a.section.name),
                    image,
                },
            );
        }
        &self.known[&id]
    }
}

/// No `null` and no empty list anywhere in a JSON document (except the feed's `items`, which
/// the spec requires, and which the feeds read here are never empty).
fn assert_no_null_nor_empty_list(v: &serde_json::Value, at: &str) {
    match v {
        serde_json::Value::Null => panic!("null at {at}"),
        serde_json::Value::Array(a) => {
            assert!(!a.is_empty(), "empty list at {at}");
            for (i, x) in a.iter().enumerate() {
                assert_no_null_nor_empty_list(x, &format!("{at}[{i}]"));
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                assert_no_null_nor_empty_list(x, &format!("{at}.{k}"));
            }
        }
        _ => {}
    }
}

fn json_feed_validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(JSON_FEED_SCHEMA).expect("schema JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the JSON Feed schema compiles")
}

/// Reads one feed with feed-rs and holds each entry to its article; JSON Feed is also
/// validated against its schema. Returns the ids of the articles it lists.
async fn check_feed(server: &Server, path: &str, full: bool, truths: &mut Truths<'_>) -> Vec<i64> {
    let page = server.get(path).await;
    assert_eq!(page.status, 200, "{path}");
    let feed = feed_rs::parser::parse(page.body.as_bytes())
        .unwrap_or_else(|e| panic!("{path} does not parse: {e}\n{}", page.body));
    let json = path.ends_with(".json");
    let expected_type = if json {
        feed_rs::model::FeedType::JSON
    } else if path.ends_with("atom.xml") {
        feed_rs::model::FeedType::Atom
    } else {
        feed_rs::model::FeedType::RSS2
    };
    assert_eq!(feed.feed_type, expected_type, "{path}");
    assert!(!feed.entries.is_empty(), "{path} has entries");
    let mut ids = Vec::new();
    for entry in &feed.entries {
        let link = entry
            .links
            .iter()
            .map(|l| l.href.as_str())
            .find(|h| h.ends_with(".html"))
            .unwrap_or_else(|| panic!("{path}: an entry without its page: {entry:?}"));
        assert!(link.starts_with(&server.base), "{path}: absolute {link}");
        let id = article_id(link).unwrap_or_else(|| panic!("{path}: no id in {link}"));
        ids.push(id);
        let truth = truths.of(id).await;
        let authors: Vec<&str> = entry
            .authors
            .iter()
            .map(|p| p.name.as_deref().unwrap_or_default())
            .collect();
        assert_eq!(authors, truth.authors, "{path}: authors of {link}");
        assert_eq!(
            entry.updated,
            Some(truth.updated),
            "{path}: the update date of {link}"
        );
        assert!(entry.published.is_some(), "{path}: published {link}");
        let categories: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
        assert!(
            categories.contains(&truth.section.as_str()),
            "{path}: section of {link}: {categories:?}"
        );
        if json {
            for t in &truth.tags {
                assert!(
                    categories.contains(&t.as_str()),
                    "{path}: tag {t} of {link}"
                );
            }
        }
        assert_eq!(
            entry
                .content
                .as_ref()
                .is_some_and(|c| c.body.as_deref().is_some_and(|b| b.contains("<p>"))),
            full,
            "{path}: full content of {link} only in that mode"
        );
    }
    if json {
        let doc: serde_json::Value = serde_json::from_str(&page.body).expect("JSON");
        let validator = json_feed_validator();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{path} is not JSON Feed 1.1: {errors:#?}"
        );
        assert_no_null_nor_empty_list(&doc, "$");
        for item in doc["items"].as_array().expect("items") {
            let url = item["url"].as_str().expect("url");
            let truth = truths.of(article_id(url).expect("id")).await;
            let site_image = format!("{}/static/brand/og.png", server.base);
            assert_eq!(
                item["image"].as_str(),
                Some(truth.image.as_deref().unwrap_or(&site_image)),
                "{path}: image of {url}"
            );
            assert!(
                item["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{path}: tags of {url}"
            );
        }
    }
    ids
}

/// Every feed of the site, a section, a tag and an author, in the three formats.
async fn check_every_feed(server: &Server, site: &Site, full: bool, must_list: &[i64]) {
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let mut truths = Truths {
        store: &store,
        server,
        known: HashMap::new(),
    };
    // A section with children (Monde holds Europe), a child section, a tag, an author.
    for base in [
        "",
        "/monde",
        "/europe",
        "/tag/syrie",
        "/auteur/claire-dubois",
    ] {
        for file in ["rss.xml", "atom.xml", "feed.json"] {
            let path = format!("{base}/{file}");
            let ids = check_feed(server, &path, full, &mut truths).await;
            if ["", "/monde", "/europe"].contains(&base) {
                for id in must_list {
                    assert!(ids.contains(id), "{path} lists article {id}");
                }
            }
        }
    }
    store.close().await;
}

fn child<'a, 'input>(
    parent: roxmltree::Node<'a, 'input>,
    ns: &str,
    name: &str,
) -> roxmltree::Node<'a, 'input> {
    parent
        .children()
        .find(|n| n.has_tag_name((ns, name)))
        .unwrap_or_else(|| panic!("no {name} in {:?}", parent.tag_name()))
}

/// The Google News sitemap as its schema has it: a `urlset` of at least one `url`, each with
/// its `loc` and a `news:news` naming the publication, its language, the date and the title.
fn assert_valid_news_sitemap(body: &str, base: &str) -> Vec<String> {
    const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
    let doc = xml(body);
    let root = doc.root_element();
    assert!(root.has_tag_name((SITEMAP, "urlset")), "{body}");
    let urls: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert!(!urls.is_empty(), "at least one url: {body}");
    assert!(urls.len() <= 1000);
    let mut out = Vec::new();
    for url in urls {
        assert!(url.has_tag_name((SITEMAP, "url")), "{body}");
        let loc = child(url, SITEMAP, "loc").text().expect("loc");
        assert!(loc.starts_with(base), "{loc}");
        let news = child(url, NEWS, "news");
        let publication = child(news, NEWS, "publication");
        assert_eq!(child(publication, NEWS, "name").text(), Some("Kiosque"));
        assert_eq!(child(publication, NEWS, "language").text(), Some("fr"));
        let date = child(news, NEWS, "publication_date").text().expect("date");
        assert!(
            DateTime::parse_from_rfc3339(date).is_ok(),
            "W3C date-time: {date}"
        );
        assert!(child(news, NEWS, "title")
            .text()
            .is_some_and(|t| !t.trim().is_empty()));
        out.push(loc.to_owned());
    }
    out
}

async fn news_sitemap_only_when_it_has_news(site: Site) {
    let server = site.start();
    // The demo's articles are all older than 48 hours but its live blog, under way: once that
    // is taken offline, no news sitemap anywhere.
    let live = kiosque_test_utils::live_blog::demo_live_blog(&server).await;
    let out = site
        .command()
        .args(["article", "unpublish", &live.id.to_string()])
        .output()
        .expect("unpublish");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Another process changed the article: the server hears of it through the change log.
    let robots = server
        .browser()
        .get_until("/robots.txt", |p| !p.body.contains("news.xml"))
        .await
        .body;
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", server.base)));
    assert!(!robots.contains("news.xml"), "{robots}");
    let index = server.get("/sitemap.xml").await;
    assert_eq!(index.status, 200);
    assert!(
        !locs(&index.body).iter().any(|l| l.contains("news")),
        "{}",
        index.body
    );
    assert_eq!(server.get("/sitemaps/news.xml").await.status, 404);

    let path = import_page(
        &site,
        "breve.txt",
        "Europe : une brève de dernière minute",
        5,
        None,
        None,
    );
    let mut listed = Vec::new();
    for _ in 0..50 {
        let news = server.get("/sitemaps/news.xml").await;
        if news.status == 200 {
            listed = assert_valid_news_sitemap(&news.body, &server.base);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(listed, [format!("{}{path}", server.base)]);
    let news_url = format!("{}/sitemaps/news.xml", server.base);
    assert!(locs(&server.get("/sitemap.xml").await.body).contains(&news_url));
    assert!(server
        .get("/robots.txt")
        .await
        .body
        .contains(&format!("Sitemap: {news_url}")));
}

async fn feeds_carry_bylines_and_update_dates_in_both_modes(site: Site) {
    let server = site.start();
    // A signed article updated after publication, and an unsigned one never updated.
    let signed = import_page(
        &site,
        "signee.txt",
        "Europe : une brève signée et mise à jour",
        120,
        Some(30),
        Some("Claire Dubois"),
    );
    let unsigned = import_page(
        &site,
        "anonyme.txt",
        "Europe : une brève sans signature",
        60,
        None,
        None,
    );
    let ids = [
        article_id(&signed).expect("id"),
        article_id(&unsigned).expect("id"),
    ];
    for _ in 0..50 {
        if server.get("/rss.xml").await.body.contains(&unsigned) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    check_every_feed(&server, &site, false, &ids).await;
    // The update is real: later than the publication, and the same as the page says.
    let html = server.get(&signed).await.html();
    let modified = select(&html, "meta[property='article:modified_time']")
        .first()
        .and_then(|m| m.value().attr("content").map(str::to_owned))
        .expect("article:modified_time");
    let atom =
        feed_rs::parser::parse(server.get("/europe/atom.xml").await.body.as_bytes()).expect("atom");
    let entry = atom
        .entries
        .iter()
        .find(|e| e.links.iter().any(|l| l.href.ends_with(&signed)))
        .expect("the signed article is in the Atom feed");
    let modified = DateTime::parse_from_rfc3339(&modified).expect("a date");
    assert_eq!(entry.updated, Some(modified.with_timezone(&Utc)));
    assert!(entry.updated > entry.published, "{entry:?}");
    drop(server);

    let server = site.start_with(&["--feed-full-content"]);
    check_every_feed(&server, &site, true, &ids).await;
}

/// An article without an image still shows one when shared, and schema.org names the
/// publisher's logo.
async fn articles_without_image_fall_back_to_the_site_image(site: Site) {
    let server = site.start();
    let fresh = import_page(
        &site,
        "sans-image.txt",
        "Europe : une brève sans image",
        10,
        None,
        None,
    );
    // The founding article names a hero whose file is not in the library.
    let founding = common::fixture_article(&server).await.path;
    let site_image = format!("{}/static/brand/og.png", server.base);
    for path in [fresh.as_str(), founding.as_str()] {
        let mut page = server.get(path).await;
        for _ in 0..50 {
            if page.status == 200 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            page = server.get(path).await;
        }
        assert_eq!(page.status, 200, "{path}");
        let html = page.html();
        let meta = |sel: &str| {
            select(&html, sel)
                .first()
                .and_then(|m| m.value().attr("content").map(str::to_owned))
        };
        assert_eq!(
            meta("meta[property='og:image']").as_deref(),
            Some(site_image.as_str()),
            "{path}"
        );
        assert_eq!(
            meta("meta[name='twitter:image']").as_deref(),
            Some(site_image.as_str())
        );
        let scripts = select(&html, "script[type='application/ld+json']");
        let ld: serde_json::Value =
            serde_json::from_str(&common::text(&scripts[0])).expect("JSON-LD");
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["image"], serde_json::json!([site_image]), "{path}");
        let logo = &ld["publisher"]["logo"];
        assert_eq!(logo["@type"], "ImageObject");
        assert_eq!(
            logo["url"],
            format!("{}/static/brand/logo.png", server.base)
        );
        assert_eq!(logo["width"], 600);
        assert_eq!(logo["height"], 60);
        assert_eq!(ld["publisher"]["@type"], "Organization");
        assert_eq!(ld["publisher"]["name"], "Kiosque");
    }
}

both_backends!(
    news_sitemap_only_when_it_has_news,
    feeds_carry_bylines_and_update_dates_in_both_modes,
    articles_without_image_fall_back_to_the_site_image,
);
