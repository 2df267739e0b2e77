//! Inline formatting, on both backends, as a journalist uses it: a body with italics, bold, a
//! link to the web and a link to another article of the site is saved and published; readers
//! see `<em>`, `<strong>` and the links; a `javascript:` link is refused with its line and
//! saves nothing; search finds a word written in italics; feeds carry no formatting marks.

use kiosque_domain::ArticleId;
use kiosque_store::Store;
use kiosque_test_utils::both_backends;
use kiosque_test_utils::forms::{attr, form_fields, pairs, set};
use kiosque_test_utils::server::{norm, select, Site};

const TITLE: &str = "Alep : la reconstruction commence";
const INTERNAL: &str = "/monde/la-bataille-d-alep_4242.html";
const EXTERNAL: &str = "https://www.un.org/fr/";
const BODY: &str = "\
La reconstruction est *vertigineuse*, selon **les architectes de la ville**.

Lire [notre récit de la bataille](/monde/la-bataille-d-alep_4242.html) et \
[le rapport des Nations unies](https://www.un.org/fr/).

- Un marché *rouvert* ;
- une école **reconstruite**.";

async fn a_formatted_body_is_published_with_its_emphasis_and_links(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--feed-full-content"]);
    let args = ["--role", "journalist", "--section", "monde"];
    let journalist = server
        .staff(&site, "Jeanne Plume", "jeanne@kiosque.test", &args)
        .await;
    let b = &journalist.browser;

    // A first version, without formatting.
    let page = b.get("/admin/articles/nouveau").await;
    let form = form_fields(&page, "editor");
    let form = set(form, "title", TITLE);
    let form = set(form, "section", "monde");
    let form = set(form, "body", "Un premier jet.");
    let form = set(form, "intent", "save");
    let created = b.post("/admin/articles/nouveau", &pairs(&form)).await;
    assert_eq!(created.status, 303, "{}", created.main_text());
    let editor_path = created
        .location
        .as_deref()
        .and_then(|l| l.split('?').next())
        .expect("the editor's address")
        .to_owned();
    let id: ArticleId = editor_path
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("an article id");
    let store = Store::open(&site.store_url()).await.expect("store");
    let version_before = store
        .article_meta(id)
        .await
        .expect("meta")
        .expect("the article")
        .version;

    // A `javascript:` link: refused with its line, the text kept on screen, nothing saved.
    let page = b.get(&editor_path).await;
    let action = attr(&page, "form#editor", "action").expect("the editor's action");
    let bad = "Un premier jet.\n\nVoir [ici](javascript:alert(1)) fin.".to_owned();
    let form = set(form_fields(&page, "editor"), "body", &bad);
    let form = set(form, "intent", "save");
    let refused = b.post(&action, &pairs(&form)).await;
    assert_eq!(refused.status, 400, "{}", refused.main_text());
    let html = refused.html();
    let message = select(&html, "#editor-error")
        .first()
        .map(|e| norm(&e.text().collect::<String>()))
        .unwrap_or_else(|| panic!("no message: {}", refused.main_text()));
    assert!(message.contains("Ligne 3"), "{message}");
    assert!(message.contains("javascript:alert(1"), "{message}");
    let kept = select(&html, "textarea#e-body")
        .first()
        .map(|t| t.text().collect::<String>());
    assert_eq!(
        kept.as_deref(),
        Some(bad.as_str()),
        "the text stays on screen"
    );
    drop(html);
    let meta = store
        .article_meta(id)
        .await
        .expect("meta")
        .expect("article");
    assert_eq!(meta.version, version_before, "nothing saved");

    // The formatted body, published in one click.
    let page = b.get(&editor_path).await;
    let publish =
        attr(&page, "button[name=action][value=publish]", "formaction").expect("a publish button");
    let form = set(form_fields(&page, "editor"), "body", BODY);
    let form = set(form, "action", "publish");
    let done = b.post(&publish, &pairs(&form)).await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    let article = store.article(id).await.expect("read").expect("article");
    assert_eq!(
        kiosque_domain::markup::render(&article.body),
        BODY,
        "stored as typed"
    );

    // Readers see emphasis and links, and never a formatting mark.
    let page = b.get(&editor_path).await;
    let public = attr(&page, &format!("a[href$=\"_{id}.html\"]"), "href").expect("public link");
    let public = server.get(&public).await;
    assert_eq!(public.status, 200, "{}", public.main_text());
    let html = public.html();
    let texts = |css: &str| -> Vec<String> {
        select(&html, css)
            .iter()
            .map(|e| norm(&e.text().collect::<String>()))
            .collect()
    };
    assert_eq!(texts("main p em"), vec!["vertigineuse"]);
    assert_eq!(texts("main p strong"), vec!["les architectes de la ville"]);
    assert_eq!(texts("main li em"), vec!["rouvert"]);
    assert_eq!(texts("main li strong"), vec!["reconstruite"]);
    assert_eq!(
        texts(&format!("main p a[href=\"{INTERNAL}\"]")),
        vec!["notre récit de la bataille"]
    );
    let outside = select(&html, &format!("main p a[href=\"{EXTERNAL}\"]"));
    assert_eq!(outside.len(), 1, "{}", public.body);
    let rel = outside[0].value().attr("rel").unwrap_or_default();
    assert!(rel.contains("nofollow"), "{rel}");
    drop(html);
    let main = public.main_text();
    assert!(!main.contains('*') && !main.contains("]("), "{main}");

    // Search finds the word written in italics.
    let mut found = false;
    for _ in 0..80 {
        let results = server.get("/recherche?q=vertigineuse").await;
        if results.body.contains(&format!("_{id}.html")) {
            assert!(!results.main_text().contains("*vertigineuse*"));
            found = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(found, "the search does not find the italic word");

    // The feed's item: its text without marks, its full content with the emphasis.
    let rss = server.get("/monde/rss.xml").await;
    assert_eq!(rss.status, 200);
    let feed = feed_rs::parser::parse(rss.body.as_bytes()).expect("a feed");
    let entry = feed
        .entries
        .iter()
        .find(|e| {
            e.title
                .as_ref()
                .is_some_and(|t| t.content.contains("reconstruction"))
        })
        .unwrap_or_else(|| panic!("no item: {}", rss.body));
    let description = entry.summary.as_ref().map(|s| s.content.clone());
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .unwrap_or_default();
    for text in description.iter().chain([&content]) {
        assert!(!text.contains('*'), "{text}");
        assert!(!text.contains("]("), "{text}");
    }
    assert!(content.contains("<em>vertigineuse</em>"), "{content}");
    assert!(
        content.contains(&format!("href=\"{}{INTERNAL}\"", server.base)),
        "internal links are absolute in feeds: {content}"
    );
}

both_backends!(a_formatted_body_is_published_with_its_emphasis_and_links);
