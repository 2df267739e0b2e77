//! Podcasts (issue 11, item 4), on both backends: a journalist creates a show and uploads an
//! episode whose length is read from the file; a file that is not audio is refused with a clear
//! message and nothing is stored; `/podcasts`, the show page and the episode page show an
//! accessible player; `::audio 12` plays an episode inside an article (and a missing one is a
//! line error in the editor); each show's feed parses with a real feed parser, carries the
//! iTunes and Podcasting 2.0 tags, and every enclosure answers with its declared length, type
//! and a working range request; the site speaks English with `--language en`.

use std::path::Path;

use kiosque_test_utils::both_backends;
use kiosque_test_utils::forms::{form_fields, pairs, set};
use kiosque_test_utils::server::{select, text, Member, Page, Server, Site};

/// A constant-bit-rate MP3 (MPEG 1 Layer III, 128 kb/s, 44.1 kHz) of `frames` silent frames:
/// 1,000 frames last 26 seconds.
fn silent_mp3(frames: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(frames * 417);
    for _ in 0..frames {
        let start = out.len();
        out.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x00]);
        out.resize(start + 417, 0);
    }
    out
}

/// An M4A file of `seconds` (its `moov` after its media data, as many encoders write it).
fn m4a(seconds: u32) -> Vec<u8> {
    fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out
    }
    let mut mvhd = vec![0u8; 12];
    mvhd.extend_from_slice(&1000u32.to_be_bytes());
    mvhd.extend_from_slice(&(seconds * 1000).to_be_bytes());
    mvhd.resize(100, 0);
    let mut out = mp4_box(b"ftyp", b"M4A \0\0\0\0M4A isom");
    out.extend(mp4_box(b"mdat", &[0u8; 4000]));
    out.extend(mp4_box(b"moov", &mp4_box(b"mvhd", &mvhd)));
    out
}

/// Every file under the media folder (to tell that a refusal stored nothing).
fn media_files(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(media_files(&path));
            } else {
                files.push(path.display().to_string());
            }
        }
    }
    files.sort();
    files
}

/// Sends the episode form as a browser would: the CSRF token first, then the fields, the file.
async fn post_episode(
    m: &Member,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, Vec<u8>)>,
) -> Page {
    let b = &m.browser;
    let csrf = b.csrf("/admin/podcasts/episodes/nouveau").await;
    let mut form = reqwest::multipart::Form::new().text("csrf", csrf);
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    if let Some((name, mime, bytes)) = file {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_owned())
            .mime_str(mime)
            .expect("a mime type");
        form = form.part("file", part);
    }
    let res = b
        .send(b.http().post(b.url(path)).multipart(form), "episode form")
        .await;
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    Page::new(
        status,
        headers,
        res.text().await.expect("the answer's body"),
    )
}

/// Creates a show from the newsroom; its id.
async fn new_show(m: &Member, title: &str) -> i64 {
    let csrf = m.browser.csrf("/admin/podcasts/emissions/nouvelle").await;
    let done = m
        .browser
        .post(
            "/admin/podcasts/emissions/nouvelle",
            &[
                ("csrf", csrf.as_str()),
                ("title", title),
                ("author", "La rédaction du soir"),
                ("category", "Society & Culture"),
                ("explicit", "1"),
                ("description", "Chaque soir, l’invité de la rédaction."),
                ("image", ""),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "show: {}", done.main_text());
    id_in(done.location.as_deref(), "/admin/podcasts/emissions/")
}

fn id_in(location: Option<&str>, prefix: &str) -> i64 {
    location
        .and_then(|l| l.strip_prefix(prefix))
        .and_then(|l| l.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no id in {location:?}"))
}

/// The hrefs of the elements matching `css`.
fn hrefs(page: &Page, css: &str, attr: &str) -> Vec<String> {
    let html = page.html();
    select(&html, css)
        .iter()
        .filter_map(|a| a.value().attr(attr).map(str::to_owned))
        .collect()
}

/// Checks a feed the way podcast apps read it, and that every enclosure answers as declared;
/// the number of items.
async fn check_feed(server: &Server, feed_url: &str) -> usize {
    let res = reqwest::get(feed_url).await.expect("the feed");
    assert_eq!(res.status(), 200, "{feed_url}");
    assert!(res.headers()["content-type"]
        .to_str()
        .is_ok_and(|t| t.starts_with("application/rss+xml")));
    let xml = res.text().await.expect("the feed's text");
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("a feed that parses");
    assert!(feed.title.is_some(), "{xml}");
    // The tags podcast apps read, in their namespaces.
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    const PODCAST: &str = "https://podcastindex.org/namespace/1.0";
    let channel = doc
        .descendants()
        .find(|n| n.has_tag_name("channel"))
        .expect("a channel");
    let child = |ns: &str, name: &str| {
        channel
            .children()
            .find(|n| n.has_tag_name((ns, name)))
            .unwrap_or_else(|| panic!("no {name} in {xml}"))
    };
    assert_eq!(
        child(PODCAST, "guid").text(),
        Some(kiosque_domain::podcast::podcast_guid(feed_url).as_str()),
        "the guid is the UUIDv5 of the feed's address"
    );
    assert!(child(ITUNES, "image")
        .attribute("href")
        .is_some_and(|h| h.starts_with("http")));
    assert!(child(ITUNES, "category").attribute("text").is_some());
    assert!(matches!(
        child(ITUNES, "explicit").text(),
        Some("true" | "false")
    ));
    assert!(child(ITUNES, "author").text().is_some());
    let items: Vec<_> = channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    assert_eq!(items.len(), feed.entries.len());
    for item in &items {
        let guid = item
            .children()
            .find(|n| n.has_tag_name("guid"))
            .expect("a guid");
        assert_eq!(guid.attribute("isPermaLink"), Some("false"));
        let duration = item
            .children()
            .find(|n| n.has_tag_name((ITUNES, "duration")))
            .and_then(|n| n.text())
            .expect("an itunes:duration");
        assert!(duration.parse::<u32>().is_ok_and(|d| d > 0), "{duration}");
        let enclosure = item
            .children()
            .find(|n| n.has_tag_name("enclosure"))
            .expect("an enclosure");
        let url = enclosure.attribute("url").expect("its url");
        let length: usize = enclosure
            .attribute("length")
            .and_then(|l| l.parse().ok())
            .expect("its length");
        let mime = enclosure.attribute("type").expect("its type");
        assert!(url.starts_with(&server.base), "absolute on the site: {url}");
        check_enclosure(url, length, mime).await;
    }
    // The parser sees the same enclosures.
    for entry in &feed.entries {
        assert!(!entry.media.is_empty(), "{:?}", entry.title);
    }
    items.len()
}

/// The file answers with the declared length and type, and a range request with its bytes.
async fn check_enclosure(url: &str, length: usize, mime: &str) {
    let http = reqwest::Client::new();
    let whole = http.get(url).send().await.expect("the enclosure");
    assert_eq!(whole.status(), 200, "{url}");
    assert_eq!(whole.headers()["content-type"], mime, "{url}");
    assert_eq!(whole.headers()["accept-ranges"], "bytes", "{url}");
    assert_eq!(
        whole.headers()["content-length"],
        length.to_string().as_str()
    );
    let bytes = whole.bytes().await.expect("its bytes");
    assert_eq!(bytes.len(), length, "{url}");
    let part = http
        .get(url)
        .header("range", "bytes=100-1099")
        .send()
        .await
        .expect("a range");
    assert_eq!(part.status(), 206, "{url}");
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 100-1099/{length}").as_str()
    );
    assert_eq!(part.headers()["content-length"], "1000");
    assert_eq!(part.headers()["content-type"], mime);
    let got = part.bytes().await.expect("the range's bytes");
    assert_eq!(&got[..], &bytes[100..1100], "the right bytes");
    // Several ranges at once are refused rather than assembled.
    let several = http
        .get(url)
        .header("range", "bytes=0-1,5-9")
        .send()
        .await
        .expect("ranges");
    assert_eq!(several.status(), 416, "{url}");
}

async fn a_journalist_publishes_an_episode_that_apps_can_play(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--demo-sounds", "true"]);
    let journalist = server
        .staff(
            &site,
            "Jules Micro",
            "jules@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let reader = server.member("Léa Lectrice", "lea@kiosque.test").await;
    let refused = reader.browser.get("/admin/podcasts").await;
    assert_eq!(refused.status, 403, "a reader is not newsroom staff");

    let show = new_show(&journalist, "L’Invité du soir").await;
    let media = site.data_dir().join("media");
    let before = media_files(&media);

    // A text file named like an MP3: refused by its content, nothing stored.
    let fields = [
        ("show", show.to_string()),
        ("title", "Entretien avec la maire".to_owned()),
        ("description", "Faux fichier.".to_owned()),
        ("duration", String::new()),
        ("external_url", String::new()),
        ("image", String::new()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = post_episode(
        &journalist,
        "/admin/podcasts/episodes/nouveau",
        &fields,
        Some((
            "entretien.mp3",
            "audio/mpeg",
            b"Ceci est un texte, pas un son. ".repeat(40),
        )),
    )
    .await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    assert!(
        page.main_text()
            .contains("n'est pas un son MP3, M4A, Ogg ou WAV"),
        "{}",
        page.main_text()
    );
    assert_eq!(media_files(&media), before, "nothing stored");
    let admin = journalist.browser.get("/admin/podcasts").await;
    assert!(!admin.main_text().contains("Entretien avec la maire"));

    // A file hosted elsewhere must be an https address of an audio file.
    let mut elsewhere = fields.clone();
    elsewhere[4] = ("external_url", "http://cdn.example.org/entretien.html");
    let page = post_episode(
        &journalist,
        "/admin/podcasts/episodes/nouveau",
        &elsewhere,
        None,
    )
    .await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    assert!(
        page.main_text()
            .contains("L'adresse doit commencer par https://"),
        "{}",
        page.main_text()
    );

    // A real MP3, whatever its name: stored, its length read from it.
    let mp3 = silent_mp3(1000);
    let page = post_episode(
        &journalist,
        "/admin/podcasts/episodes/nouveau",
        &fields,
        Some((
            "enregistrement.bin",
            "application/octet-stream",
            mp3.clone(),
        )),
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let episode = id_in(page.location.as_deref(), "/admin/podcasts/episodes/");
    let form = journalist
        .browser
        .get(&format!("/admin/podcasts/episodes/{episode}"))
        .await;
    assert!(form.main_text().contains(&format!("::audio {episode}")));
    assert_eq!(
        hrefs(&form, "input[name=duration]", "value"),
        ["0:26"],
        "the length read from the file"
    );

    // /podcasts lists the show; its page lists the episode; the episode page plays it.
    let index = server.get("/podcasts").await;
    assert_eq!(index.status, 200);
    assert!(index.main_text().contains("L'Invité du soir"));
    let show_path = hrefs(&index, ".podcast-show-card h2 a", "href")
        .into_iter()
        .find(|h| h.ends_with(&format!("_{show}.html")))
        .expect("a link to the show");
    let show_page = server.get(&show_path).await;
    assert_eq!(show_page.status, 200);
    let feed_url = format!("{}/podcasts/feeds/{show}.xml", server.base);
    assert_eq!(
        hrefs(
            &show_page,
            "link[rel=alternate][type=\"application/rss+xml\"]",
            "href"
        )
        .first(),
        Some(&feed_url),
        "the page points apps at the show's feed"
    );
    assert!(show_page.main_text().contains("Entretien avec la maire"));
    assert!(show_page.main_text().contains("Contenu explicite"));
    let episode_path = hrefs(&show_page, "a.audio-title", "href")
        .into_iter()
        .next()
        .expect("a link to the episode");
    let page = server.get(&episode_path).await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let audio = select(&html, "audio[controls]");
    assert_eq!(audio.len(), 1, "{}", page.body);
    let label = audio[0]
        .value()
        .attr("aria-labelledby")
        .expect("the player is labelled");
    let labelled = select(&html, &format!("#{label}"));
    assert_eq!(text(&labelled[0]), "Entretien avec la maire");
    let source = select(&html, "audio source");
    assert_eq!(source[0].value().attr("type"), Some("audio/mpeg"));
    let src = source[0].value().attr("src").expect("a source").to_owned();
    assert!(src.starts_with("/media/") && src.ends_with(".mp3"), "{src}");
    assert!(!select(&html, &format!("a[download][href=\"{src}\"]")).is_empty());
    assert!(!select(&html, "time[datetime=PT26S]").is_empty());
    assert!(
        page.main_text().contains("Faux fichier."),
        "the description"
    );
    drop(html);

    // An M4A file: served as audio/mp4, the type the feed declares.
    let second = [
        ("show", show.to_string()),
        ("title", "Le débat des maires".to_owned()),
        ("description", String::new()),
        ("duration", String::new()),
        ("external_url", String::new()),
        ("image", String::new()),
    ];
    let second: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = post_episode(
        &journalist,
        "/admin/podcasts/episodes/nouveau",
        &second,
        Some(("debat.m4a", "audio/x-m4a", m4a(754))),
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.main_text());

    // The feed, and every enclosure of every show's feed (the demo's too).
    assert_eq!(check_feed(&server, &feed_url).await, 2);
    let xml = reqwest::get(&feed_url)
        .await
        .expect("the feed")
        .text()
        .await
        .expect("its text");
    assert!(xml.contains("type=\"audio/mp4\""), "{xml}");
    assert!(
        xml.contains("<itunes:duration>754</itunes:duration>"),
        "{xml}"
    );
    assert!(
        xml.contains("<itunes:explicit>true</itunes:explicit>"),
        "{xml}"
    );
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let category = doc
        .descendants()
        .find(|n| n.has_tag_name(("http://www.itunes.com/dtds/podcast-1.0.dtd", "category")))
        .and_then(|n| n.attribute("text"));
    assert_eq!(category, Some("Society & Culture"), "{xml}");
    let all = server.get("/podcasts").await;
    let feeds = hrefs(&all, ".podcast-subscribe a", "href");
    assert!(feeds.len() >= 2, "the demo's show and ours: {feeds:?}");
    let mut items = 0;
    for f in &feeds {
        items += check_feed(&server, f).await;
    }
    assert!(items >= 5, "the demo's episodes and ours");
}

async fn an_article_plays_an_episode(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--demo-sounds", "true"]);
    let editor = server
        .staff(
            &site,
            "Rédactrice Chef",
            "chef@kiosque.test",
            &["--role", "editor"],
        )
        .await;
    // The demo's show holds episodes already; take the first one's number from its page.
    let index = server.get("/podcasts").await;
    let show = hrefs(&index, ".podcast-show-card h2 a", "href")
        .into_iter()
        .next()
        .expect("the demo's show");
    let show_page = server.get(&show).await;
    let episode: i64 = hrefs(&show_page, "a.audio-title", "href")
        .first()
        .and_then(|h| h.rsplit('_').next())
        .and_then(|s| s.strip_suffix(".html"))
        .and_then(|s| s.parse().ok())
        .expect("an episode");

    // A missing episode is the editor's line error; nothing is saved.
    let blank = editor.browser.get("/admin/articles/nouveau").await;
    let fields = form_fields(&blank, "editor");
    let fields = set(fields, "title", "Le débat du soir en podcast");
    let fields = set(fields, "section", "monde");
    let fields = set(fields, "intent", "save");
    let missing = set(
        fields.clone(),
        "body",
        "Écoutez le débat.\n\n::audio 999999",
    );
    let page = editor
        .browser
        .post("/admin/articles/nouveau", &pairs(&missing))
        .await;
    assert_ne!(page.status, 303, "refused");
    assert!(
        page.main_text()
            .contains("Ligne 3 : il n'y a pas d'épisode de podcast n° 999999"),
        "{}",
        page.main_text()
    );

    let body = format!("Écoutez le débat.\n\n::audio {episode}");
    let good = set(fields, "body", &body);
    let done = editor
        .browser
        .post("/admin/articles/nouveau", &pairs(&good))
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    let id = id_in(done.location.as_deref(), "/admin/articles/");
    let csrf = editor.browser.csrf(&format!("/admin/articles/{id}")).await;
    let published = editor
        .browser
        .post(
            &format!("/admin/articles/{id}/statut"),
            &[
                ("csrf", csrf.as_str()),
                ("action", "publish"),
                ("from", "draft"),
            ],
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.main_text());
    let moved = server.get(&format!("/a/x_{id}.html")).await;
    let path = moved.location.clone().expect("the article's address");
    let article = server.get(&path).await;
    assert_eq!(article.status, 200);
    let html = article.html();
    let players = select(&html, "article figure.audio-player audio[controls] source");
    assert_eq!(players.len(), 1, "{}", article.body);
    assert_eq!(players[0].value().attr("type"), Some("audio/wav"));
    assert!(
        article.main_text().contains("Son de démonstration"),
        "the episode's title"
    );
}

async fn podcasts_speak_english(site: Site) {
    let server = site.start_with(&[
        "--rate-limit-factor",
        "1000",
        "--language",
        "en",
        "--demo-sounds",
        "true",
    ]);
    let journalist = server
        .staff(
            &site,
            "Jules Micro",
            "jules@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let index = server.get("/podcasts").await;
    assert!(index.main_text().contains("Our shows to listen to"));
    assert!(index.main_text().contains("Subscribe (RSS feed)"));
    let show = hrefs(&index, ".podcast-show-card h2 a", "href")
        .into_iter()
        .next()
        .expect("the demo's show");
    let show_page = server.get(&show).await;
    assert!(show_page.main_text().contains("Episodes"));
    let episode = hrefs(&show_page, "a.audio-title", "href")
        .into_iter()
        .next()
        .expect("an episode");
    let page = server.get(&episode).await;
    let text = page.main_text();
    assert!(text.contains("Download the episode"), "{text}");
    assert!(text.contains("About this episode"), "{text}");
    assert!(!text.contains("Télécharger"), "{text}");
    let admin = journalist.browser.get("/admin/podcasts").await;
    assert!(admin.main_text().contains("Add an episode"));
    let refused = post_episode(
        &journalist,
        "/admin/podcasts/episodes/nouveau",
        &[("show", "1"), ("title", "Not a sound")],
        Some(("x.mp3", "audio/mpeg", b"plain text, not audio".repeat(10))),
    )
    .await;
    assert_eq!(refused.status, 400);
    assert!(
        refused
            .main_text()
            .contains("This file is not an MP3, M4A, Ogg or WAV sound"),
        "{}",
        refused.main_text()
    );
}

both_backends!(
    a_journalist_publishes_an_episode_that_apps_can_play,
    an_article_plays_an_episode,
    podcasts_speak_english,
);
