//! A whole site in English, on both backends: with `--language en` and English content, a
//! visitor, a member and an admin walk through every page the site links to, and no page
//! says a word of French. Content is never translated, so the site is filled with English
//! content: any French left on a page is the interface's.

use std::collections::{BTreeSet, VecDeque};

use kiosque_test_utils::both_backends;
use kiosque_test_utils::readers;
use kiosque_test_utils::server as common;

use common::{select, Browser, Page, Site};

/// Words that only French interface text uses (checked whole, in lower case).
const FRENCH_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "une",
    "et",
    "est",
    "pour",
    "sur",
    "avec",
    "dans",
    "vous",
    "votre",
    "vos",
    "nous",
    "aucun",
    "aucune",
    "mon",
    "mes",
    "cette",
    "ces",
    "aux",
    "par",
    "pas",
    "qui",
    "que",
    "sont",
    "ont",
    "sans",
    "de",
    "lire",
    "voir",
    "rechercher",
    "recherche",
    "connexion",
    "inscription",
    "compte",
    "espace",
    "commentaire",
    "commentaires",
    "rubrique",
    "rubriques",
    "envoyer",
    "enregistrer",
    "publier",
    "modifier",
    "supprimer",
    "signaler",
    "fermer",
    "suivant",
    "accueil",
    "mot",
    "passe",
    "adresse",
    "courriel",
    "lecteur",
    "lecteurs",
    "utilisateurs",
    "réglages",
    "déconnexion",
    "ici",
    "tous",
    "toutes",
    "plus",
];

/// Letters and signs that English interface text does not use.
const FRENCH_SIGNS: &[char] = &[
    'é', 'è', 'ê', 'ë', 'à', 'â', 'ç', 'ô', 'û', 'ù', 'î', 'ï', 'œ', '«', '»', 'É', 'À',
];

/// The French words and signs in an interface text.
fn french_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    // The editor's commands (`::lire-aussi`) are syntax, the same in every language.
    let words = text
        .split_whitespace()
        .filter(|token| !token.starts_with("::"))
        // Addresses in the cheat-sheet's examples (`[text](/monde/…)`) are not words either.
        .filter(|token| !token.contains("](/") && !token.contains("://"))
        .flat_map(|token| token.split(|c: char| !c.is_alphabetic()));
    for word in words {
        let lower = word.to_lowercase();
        if FRENCH_WORDS.contains(&lower.as_str()) || word.contains(FRENCH_SIGNS) {
            found.push(word.to_owned());
        }
    }
    found
}

/// What a person reads or hears on a page: its text outside scripts and styles, and the
/// attributes that are read aloud or shown (titles, alternatives, placeholders, button
/// values, the description).
fn read_text(page: &Page) -> String {
    let html = page.html();
    let mut parts = Vec::new();
    for node in html.root_element().descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let hidden = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "script" | "style" | "template"))
        });
        if !hidden {
            parts.push(text.to_string());
        }
    }
    for el in select(
        &html,
        "[title], [alt], [aria-label], [placeholder], input[type=submit]",
    ) {
        for attr in ["title", "alt", "aria-label", "placeholder", "value"] {
            if attr == "value" && el.value().attr("type") != Some("submit") {
                continue;
            }
            if let Some(v) = el.value().attr(attr) {
                parts.push(v.to_owned());
            }
        }
    }
    for el in select(
        &html,
        "meta[name=description], meta[property='og:site_name']",
    ) {
        if let Some(v) = el.value().attr("content") {
            parts.push(v.to_owned());
        }
    }
    common::norm(&parts.join(" "))
}

/// The site's own links on a page, in order, that a GET may follow (no files, feeds, log-out
/// or mail links).
fn links(page: &Page, under: &str) -> Vec<String> {
    let html = page.html();
    select(&html, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.starts_with(under) && !h.starts_with("//"))
        .map(|h| h.split('#').next().unwrap_or(h).to_owned())
        .filter(|h| {
            !h.is_empty()
                && !h.starts_with("/static/")
                && !h.starts_with("/media/")
                && !h.starts_with("/api/")
                && !h.contains("deconnexion")
                && ![
                    ".xml", ".json", ".txt", ".ico", ".png", ".jpg", ".webp", ".mp4",
                ]
                .iter()
                .any(|ext| h.ends_with(ext))
        })
        .collect()
}

/// Visits `start` and the pages it links to under `under`, breadth first, up to `max` pages;
/// every HTML page must be in English. The French found, one line per page.
async fn walk(b: &Browser, start: &[&str], under: &str, max: usize) -> (Vec<String>, usize) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<String> = start.iter().map(|s| (*s).to_owned()).collect();
    let mut problems = Vec::new();
    let mut visited = 0;
    while let Some(path) = queue.pop_front() {
        if visited >= max || !seen.insert(path.clone()) {
            continue;
        }
        let page = b.get(&path).await;
        if !page.is_html() {
            continue;
        }
        visited += 1;
        if !page.body.contains("<html lang=\"en\"") {
            problems.push(format!("{path}: not lang=en"));
        }
        let french = french_in(&read_text(&page));
        if !french.is_empty() {
            problems.push(format!("{path} ({}): {french:?}", page.status));
        }
        queue.extend(links(&page, under));
    }
    (problems, visited)
}

async fn no_page_speaks_french_on_an_english_site(site: Site) {
    let server = site.start_with(&[
        "--no-demo",
        "--rate-limit-factor",
        "1000",
        "--language",
        "en",
    ]);
    let admin = server
        .staff(&site, "Ada Lovelace", "ada@kiosque.test", &["--admin"])
        .await;
    let b = &admin.browser;

    // English content: a section, a published article with a tag, a comment.
    let csrf = b.csrf("/admin/rubriques").await;
    let page = b
        .post(
            "/admin/rubriques",
            &[
                ("csrf", &csrf),
                ("slug", "world"),
                ("name", "World"),
                ("parent", ""),
                ("description", "News from every country"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let page = b
        .post(
            "/admin/articles/nouveau",
            &[
                ("csrf", &csrf),
                ("intent", "save"),
                ("title", "Storm reaches the northern coast"),
                ("standfirst", "Thousands of homes lost power overnight."),
                ("section", "world"),
                ("tags", "Weather"),
                ("authors", "Ada Lovelace"),
                ("hero_path", ""),
                ("hero_alt", ""),
                ("hero_caption", ""),
                ("hero_credit", ""),
                ("comment_mode", "open"),
                (
                    "body",
                    "The storm reached the coast at dawn.\n\n## Roads closed\n\nEmergency \
                     services asked drivers to stay home until the wind drops.",
                ),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let location = page.location.clone().expect("the new article's editor");
    let editor = location.split('?').next().expect("a path").to_owned();
    let from = select(&b.get(&editor).await.html(), "strong.article-status")
        .first()
        .and_then(|s| s.value().attr("data-status"))
        .expect("the editor shows the status")
        .to_owned();
    let page = b
        .post(
            &format!("{editor}/statut"),
            &[("csrf", &csrf), ("action", "publish"), ("from", &from)],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());

    let reader = readers::confirmed_member(&server, "Bob Reader", "bob@kiosque.test").await;
    let id: i64 = editor
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("an id");
    let front = server.get("/").await;
    let path = select(&front.html(), "a[href$='.html']")
        .first()
        .and_then(|a| a.value().attr("href"))
        .expect("the front page links to the article")
        .to_owned();
    let article = common::Article { path, id };
    readers::post_on_article(&reader, &article, None, "Thanks for this clear report.").await;

    // A visitor, from the front page and the forms and errors a visitor meets.
    let visitor = server.browser();
    let (mut problems, visited) = walk(
        &visitor,
        &[
            "/",
            "/recherche?q=storm",
            "/recherche?q=nothingatall",
            "/connexion",
            "/inscription",
            "/no-such-page",
        ],
        "/",
        80,
    )
    .await;
    assert!(visited >= 15, "the visitor saw only {visited} pages");
    // The member's own pages.
    let (found, visited) = walk(&reader.browser, &["/", "/compte"], "/compte", 20).await;
    assert!(visited >= 2, "the member saw only {visited} pages");
    problems.extend(found);
    // The newsroom, from its first screen and the article's editor.
    let (found, visited) = walk(b, &["/admin/articles", &editor], "/admin", 60).await;
    assert!(visited >= 10, "the admin saw only {visited} pages");
    problems.extend(found);
    assert!(
        problems.is_empty(),
        "French on the English site:\n{}",
        problems.join("\n")
    );
}

both_backends!(no_page_speaks_french_on_an_english_site);

#[test]
fn the_detector_finds_french_words_and_signs_but_not_english() {
    assert_eq!(french_in("Publié le 3 December"), vec!["Publié", "le"]);
    assert_eq!(french_in("Votre compte"), vec!["Votre", "compte"]);
    assert!(french_in("Published 3 December 2026 at 14:32 · 2 comments").is_empty());
    assert!(french_in("See also: ::lire-aussi 12").is_empty());
    assert!(french_in("Read [this](/monde/la-bataille_1.html)").is_empty());
}
