//! The public site in English (`--language en`), on both backends: dates, the words built in
//! code around articles, comments, search, tags, authors, feeds and videos, the words the
//! comment script is given, and typography without French spacing. The content itself (the
//! demo's French articles) is never translated: the checks read the interface around it.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{fixture_article, select, text, Server, Site};

const ENGLISH: &[&str] = &["--rate-limit-factor", "1000", "--language", "en"];

/// A reader's browser, whose views count for "Most read".
const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/// The text of every element matching `css`, joined, as the page has it (no-break spaces kept).
fn raw_text(html: &scraper::Html, css: &str) -> String {
    select(html, css)
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn attr(html: &scraper::Html, css: &str, name: &str) -> String {
    select(html, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .unwrap_or_else(|| panic!("no {name} on {css}"))
        .to_owned()
}

fn assert_no_french(what: &str, shown: &str, french: &[&str]) {
    for word in french {
        assert!(!shown.contains(word), "{what}: {word:?} in {shown:?}");
    }
}

/// French typography puts no-break spaces before `: ; ! ?` and inside « »; English none.
fn assert_no_french_spacing(what: &str, shown: &str) {
    assert!(!shown.contains('\u{202f}'), "{what}: U+202F in {shown:?}");
    for mark in [':', ';', '!', '?', '»'] {
        assert!(
            !shown.contains(&format!("\u{a0}{mark}")),
            "{what}: a no-break space before {mark} in {shown:?}"
        );
    }
    assert!(!shown.contains("«\u{a0}"), "{what}: {shown:?}");
}

/// The first article of Claire Dubois's page: a demo article whose time of publication is known.
async fn timed_article(server: &Server) -> String {
    let html = server.get("/auteur/claire-dubois").await.html();
    attr(&html, "ul.cards article h2 a", "href")
}

async fn an_english_article_page_speaks_english(site: Site) {
    // In French first: a member comments, and a reader reads the fixture article, whose view
    // is added to the counts when the server stops.
    let mut server = site.start_relaxed();
    let path = timed_article(&server).await;
    let fixture = fixture_article(&server).await;
    let fr = server.get(&path).await.html();
    assert!(raw_text(&fr, "time.published").starts_with("Publié le "));
    assert_eq!(
        attr(&fr, "section.comments", "data-now"),
        "à l’instant",
        "the comment script's words, in French by default"
    );
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let csrf = claire.csrf().await;
    let article_id = path
        .rsplit('_')
        .next()
        .and_then(|s| s.strip_suffix(".html"))
        .expect("an id in the path")
        .to_owned();
    let posted = claire
        .browser
        .post(
            "/commentaires",
            &[
                ("csrf", csrf.as_str()),
                ("article_id", article_id.as_str()),
                ("body", "A fine piece of reporting."),
            ],
        )
        .await;
    assert_eq!(posted.status, 303, "{}", posted.main_text());
    let comment_id = posted
        .location
        .as_deref()
        .and_then(|l| l.rsplit_once("#commentaire-"))
        .map(|(_, id)| id.to_owned())
        .expect("the new comment's anchor");
    let reader = server.browser();
    let read = reader
        .send(
            reader
                .http()
                .get(reader.url(&fixture.path))
                .header("user-agent", FIREFOX),
            "a reader's view",
        )
        .await;
    assert_eq!(read.status(), 200);
    assert!(server.stop().success());
    drop(server);

    let server = site.start_with(ENGLISH);
    let page = server.get(&path).await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let published = raw_text(&html, "time.published");
    assert!(
        published.starts_with("Published ") && published.contains(" 2025 at "),
        "{published}"
    );
    assert!(
        raw_text(&html, ".reading-time").starts_with("Reading time:"),
        "{}",
        raw_text(&html, ".reading-time")
    );
    assert_eq!(raw_text(&html, ".share h2"), "Share the article");
    assert_eq!(raw_text(&html, ".share-email"), "By e-mail");
    assert_eq!(raw_text(&html, "section.related h2"), "Read also");
    assert_eq!(raw_text(&html, ".side-most-read h2"), "Most read");
    assert!(raw_text(&html, "section#commentaires h2").starts_with("Comments"));
    let stamp = raw_text(&html, "section#commentaires time[data-relative]");
    assert!(
        stamp.starts_with("on ") && stamp.contains(" at "),
        "{stamp}"
    );
    assert!(attr(&html, "section#commentaires time[data-relative]", "title").contains(" at "));
    // The words of the comment script, given by the page.
    for (name, expected) in [
        ("data-locale", "en-GB"),
        ("data-now", "just now"),
        ("data-minutes-ago", "{n} min ago"),
        ("data-hours-ago", "{n} h ago"),
        ("data-yesterday-at", "yesterday at {time}"),
        ("data-sending", "Sending…"),
    ] {
        assert_eq!(attr(&html, "section.comments", name), expected, "{name}");
    }
    for name in ["data-failed", "data-offline"] {
        let words = attr(&html, "section.comments", name);
        assert!(words.contains("try again"), "{name}: {words}");
    }
    let interface = [
        ".meta",
        ".share",
        "section.related h2",
        ".most-read h2",
        "section#commentaires",
    ]
    .map(|css| raw_text(&html, css))
    .join(" ");
    assert_no_french(
        &path,
        &interface,
        &[
            "Publié",
            "Mis à jour",
            "Lecture",
            "Partager",
            "Lire aussi",
            "Les plus lus",
            "ommentaire",
            " le ",
            " à ",
        ],
    );
    assert!(page.body.contains("\"inLanguage\":\"en-GB\""), "JSON-LD");
    assert!(!page.body.contains("fr-FR"));

    // A comment's own page.
    let own = server.get(&format!("/commentaires/{comment_id}")).await;
    assert_eq!(own.status, 200);
    let own = own.html();
    assert_eq!(raw_text(&own, ".kicker"), "Comment");
    assert!(raw_text(&own, "time[data-relative]").starts_with("on "));

    // Typography: the fixture's "Syrie : Poutine…" keeps the space it was typed with, and its
    // quotes become English ones.
    let page = server.get(&fixture.path).await;
    let html = page.html();
    let h1 = raw_text(&html, "h1");
    assert!(h1.starts_with("Syrie : Poutine"), "{h1:?}");
    assert!(raw_text(&html, "article .standfirst").starts_with("“Ce succès"));
    assert_eq!(
        raw_text(&html, "time.published"),
        "Published 23 December 2016"
    );
    assert_no_french_spacing(&fixture.path, &raw_text(&html, "body"));
    assert_no_french_spacing(&path, &raw_text(&server.get(&path).await.html(), "body"));
}

async fn english_lists_search_feeds_and_videos(site: Site) {
    let server = site.start_with(ENGLISH);

    // Search: the count, and a video among the results.
    let b = server.browser();
    let found = b
        .get_until("/recherche?q=Alep", |p| {
            !select(&p.html(), ".search-results h2 a").is_empty()
        })
        .await
        .html();
    let count = raw_text(&found, ".search-count");
    assert!(count.ends_with(" found."), "{count}");
    let none = server.get("/recherche?q=zzzqqq").await.html();
    let count = raw_text(&none, ".search-count");
    assert!(count.starts_with("No article matches “zzzqqq”."), "{count}");
    // The index is built after start: the videos may come after the articles.
    let videos = b
        .get_until("/recherche?q=d%C3%A9tenus", |p| {
            !select(&p.html(), ".search-results .kicker").is_empty()
        })
        .await
        .html();
    assert_eq!(raw_text(&videos, ".search-count"), "1 video found.");
    assert_eq!(raw_text(&videos, ".search-results .kicker"), "Video");
    let day = raw_text(&videos, ".search-results time");
    assert!(day.starts_with("Published "), "{day}");
    assert_no_french(
        "search",
        &raw_text(&videos, "main"),
        &["trouvé", "Vidéo", "Publiée"],
    );
    assert_no_french_spacing("search", &raw_text(&found, "main"));

    // A tag page.
    let tag = server.get("/tag/syrie").await.html();
    assert_eq!(raw_text(&tag, "p.kicker"), "Tag");
    assert!(raw_text(&tag, "ul.cards time").starts_with("Published "));
    assert_no_french(
        "/tag/syrie",
        &raw_text(&tag, "main"),
        &["Mot-clé", "Publié"],
    );

    // An author page, with a photo.
    let dir = site.data_dir().join("media/2026/11/26");
    std::fs::create_dir_all(&dir).expect("media dir");
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::ImageBuffer::from_pixel(
        40,
        50,
        image::Rgb([120, 90, 60]),
    ))
    .write_to(&mut jpeg, image::ImageFormat::Jpeg)
    .expect("jpeg");
    std::fs::write(dir.join("claire.jpg"), jpeg.into_inner()).expect("photo");
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let claire = store
        .author_profile_by_slug("claire-dubois")
        .await
        .expect("author")
        .expect("the demo has Claire Dubois");
    // Pages know a file from the database, as a node records what it writes to the media
    // store (the file was copied by hand above).
    store
        .record_media_files(&[kiosque_store::MediaFile {
            path: "2026/11/26/claire.jpg".into(),
            bytes: 1,
            mime: "image/jpeg".into(),
        }])
        .await
        .expect("file recorded");
    store
        .update_author(
            claire.id,
            "Claire Dubois",
            None,
            Some("/2026/11/26/claire.jpg"),
        )
        .await
        .expect("photo saved");
    let author = b
        .get_until("/auteur/claire-dubois", |p| {
            !select(&p.html(), "img.author-photo").is_empty()
        })
        .await
        .html();
    assert_eq!(
        attr(&author, "img.author-photo", "alt"),
        "Photo of Claire Dubois"
    );
    assert_eq!(raw_text(&author, "p.kicker"), "Author");

    // Feeds: titles, descriptions and languages.
    let rss = server.get("/rss.xml").await.body;
    assert!(rss.contains("<title>Kiosque — the news, as it happens</title>"));
    assert!(rss.contains("<language>en-GB</language>"));
    let atom = server.get("/atom.xml").await.body;
    assert!(atom.contains("xml:lang=\"en\""), "{atom}");
    let json = server.get("/feed.json").await.json();
    assert_eq!(json["language"], "en-GB");
    assert_eq!(
        json["description"],
        "All the news from France and around the world."
    );
    let tag_feed = server.get("/tag/syrie/rss.xml").await.body;
    assert!(tag_feed.contains("<description>Articles about Syrie</description>"));
    let author_feed = server.get("/auteur/claire-dubois/atom.xml").await.body;
    assert!(author_feed.contains("<subtitle>Articles by Claire Dubois</subtitle>"));
    for feed in [&rss, &atom, &tag_feed, &author_feed] {
        assert_no_french(
            "feeds",
            feed,
            &["l’actualité", "Les articles", "fr-FR", "xml:lang=\"fr\""],
        );
    }

    // A section's breadcrumb for search engines starts at "Home".
    let section = server.get("/europe").await;
    assert!(
        section.body.contains("\"name\":\"Home\""),
        "{}",
        section.body
    );

    // A video page.
    let front = server.get("/").await.html();
    let video = attr(&front, "section.rail li a[href^='/videos/']", "href");
    let page = server.get(&video).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("\"inLanguage\":\"en-GB\""));
    let html = page.html();
    assert!(
        text(&select(&html, "title")[0]).ends_with(" — Video — Kiosque"),
        "{}",
        text(&select(&html, "title")[0])
    );
    assert_no_french(
        &video,
        &raw_text(&html, ".breadcrumb, .meta, .hint, .rail h2"),
        &["Vidéo", "Publiée", "Durée", "À regarder"],
    );
}

both_backends!(
    an_english_article_page_speaks_english,
    english_lists_search_feeds_and_videos,
);
