//! Pictures on the public site, over HTTP on both backends: cards show their article's picture
//! from the media library, a lost image leaves no empty box, a section opens with its lead story
//! and its sub-sections, and the demo brings real photographs with their credits.

use std::io::Cursor;
use std::path::Path;

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{select, Browser, Page, Server, Site};

/// Where the Debian package mate-backgrounds installs the demo's photographs.
const PHOTOS: &str = "/usr/share/backgrounds/mate/nature";

/// The `sizes` of a card's picture (`views::CARD_SIZES`).
const CARD_SIZES: &str = "(min-width: 56rem) 18rem, (min-width: 36rem) 50vw, 7rem";

/// A gradient with some texture, encoded as JPEG.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image =
        image::DynamicImage::ImageRgb8(image::ImageBuffer::from_fn(width, height, |x, y| {
            let texture = ((x * 7 + y * 13) % 17) as u8;
            image::Rgb([
                (x * 255 / width) as u8 ^ texture,
                (y * 255 / height) as u8,
                90,
            ])
        }));
    let mut bytes = Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .expect("encode a JPEG");
    bytes.into_inner()
}

/// Uploads an image to the media library as the newsroom's form does; returns its id.
async fn upload(b: &Browser, csrf: &str, alt: &str) -> i64 {
    let part = reqwest::multipart::Part::bytes(jpeg(1200, 675))
        .file_name("riviere.jpg")
        .mime_str("image/jpeg")
        .expect("a mime type");
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_owned())
        .part("file", part)
        .text("alt", alt.to_owned())
        .text("caption", "")
        .text("credit", "Photo : Kiosque");
    let res = b
        .send(
            b.http().post(b.url("/admin/medias")).multipart(form),
            "upload",
        )
        .await;
    assert_eq!(res.status().as_u16(), 303, "the upload is accepted");
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .and_then(|l| l.strip_prefix("/admin/medias/"))
        .and_then(|l| l.strip_suffix("?ok=1"))
        .and_then(|id| id.parse().ok())
        .expect("the new image's page")
}

/// Imports an archive page (title, standfirst, date stamp, an image line, two paragraphs) into
/// `monde`, published on 1 December 2026 at `time`, after every demo story; returns its path.
fn import(site: &Site, name: &str, title: &str, image: &str, time: &str) -> String {
    let text = format!(
        "{title}\nUn chapô qui résume l'article.\nPublié le 01/12/2026 à {time}\n{image})\n\
         Le premier paragraphe raconte ce qui s'est passé.\n\
         Le second paragraphe donne les détails.\n"
    );
    let file = site.dir.path().join(name);
    std::fs::write(&file, text).expect("write the page");
    let out = site
        .command()
        .args(["import", "page", "--section", "monde"])
        .arg(&file)
        .output()
        .expect("run kiosque import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The card (`article.card`) linking to `path`.
fn card<'a>(html: &'a scraper::Html, path: &str) -> scraper::ElementRef<'a> {
    select(html, "article.card")
        .into_iter()
        .find(|c| {
            select_in(c, "h2 a, h3 a")
                .iter()
                .any(|a| a.value().attr("href") == Some(path))
        })
        .unwrap_or_else(|| panic!("no card for {path}"))
}

fn select_in<'a>(el: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(css).expect("a selector");
    el.select(&selector).collect()
}

/// No grey box anywhere: the old placeholder of a missing image is gone for good.
fn assert_no_empty_box(page: &Page) {
    let html = page.html();
    assert!(
        select(&html, ".media-placeholder").is_empty(),
        "{}",
        page.body
    );
    for img in select(&html, "img") {
        let src = img.value().attr("src").unwrap_or_default();
        assert!(!src.is_empty(), "an image without a source");
    }
}

/// A card whose article has a library picture shows it with its variants and proportions; a
/// card whose picture is lost is text only; the lost picture is no box on its article either.
async fn cards_show_library_pictures_and_lost_ones_leave_no_box(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000"]);
    // She publishes in "monde": the section of the published story whose picture she describes
    // again below (rights on shared media).
    let j = server
        .staff(
            &site,
            "Julie Journaliste",
            "julie@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let csrf = j.browser.csrf("/admin/medias").await;
    let media = upload(&j.browser, &csrf, "Une rivière sous un ciel clair").await;
    let json = j.browser.get("/admin/medias.json").await.json();
    let path = json["items"][0]["path"]
        .as_str()
        .expect("a path")
        .to_owned();
    let stem = path.trim_end_matches(".jpg").to_owned();

    let pictured = import(
        &site,
        "a.txt",
        "Fleuves : un traité signé à Genève",
        &path,
        "09:00",
    );
    // The newest story of the section, whose picture's file is lost.
    let lost = import(
        &site,
        "b.txt",
        "Glaciers : une image perdue",
        "/2016/12/23/perdue.jpg",
        "10:00",
    );

    let front = server
        .browser()
        .get_until("/", |p| {
            p.body.contains(&pictured) && p.body.contains(&lost)
        })
        .await;
    let html = front.html();
    let with = card(&html, &pictured);
    let imgs = select_in(&with, "img");
    assert_eq!(imgs.len(), 1, "{}", with.html());
    let img = imgs[0].value();
    assert!(
        img.attr("srcset")
            .is_some_and(|s| s.contains(&format!("/media{stem}-320w.webp 320w"))
                && s.contains(&format!("/media{stem}-640w.webp 640w"))),
        "{:?}",
        img.attr("srcset")
    );
    assert_eq!(img.attr("sizes"), Some(CARD_SIZES));
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("1200"), Some("675"))
    );
    assert_eq!(img.attr("loading"), Some("lazy"));
    assert_eq!(img.attr("alt"), Some("Une rivière sous un ciel clair"));
    let without = card(&html, &lost);
    assert!(select_in(&without, "img").is_empty(), "{}", without.html());
    assert!(
        select_in(&without, ".card-thumb, .media-frame, figure").is_empty(),
        "no empty box: {}",
        without.html()
    );
    assert_no_empty_box(&front);

    // The article whose image is lost shows no figure at all.
    let page = server.get(&lost).await;
    assert_eq!(page.status, 200);
    assert!(select(&page.html(), "article figure").is_empty());
    assert_no_empty_box(&page);

    // The article with its picture loads it first.
    let page = server.get(&pictured).await;
    let html = page.html();
    let hero = select(&html, "article figure img[srcset]");
    let hero = hero.first().expect("the hero").value();
    assert_eq!(
        (hero.attr("loading"), hero.attr("fetchpriority")),
        (Some("eager"), Some("high"))
    );
    assert!(page.body.contains("Photo\u{a0}: Kiosque"), "credit shown");

    // Editing the picture's description in the library refreshes the cached front page.
    let page = j
        .browser
        .post(
            &format!("/admin/medias/{media}"),
            &[
                ("csrf", &csrf),
                ("alt", "Le Rhône à la sortie du lac Léman"),
                ("caption", ""),
                ("credit", "Photo : Kiosque"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let front = server
        .browser()
        .get_until("/", |p| {
            p.body.contains("Le Rhône à la sortie du lac Léman")
        })
        .await;
    assert!(
        front
            .body
            .contains("alt=\"Le Rhône à la sortie du lac Léman\""),
        "the front page follows the library"
    );

    // The section page opens with the story that has a picture, loaded first.
    let monde = server.get("/monde").await;
    let html = monde.html();
    let lead = select(&html, "article.lead");
    assert_eq!(lead.len(), 1, "{}", monde.main_text());
    assert!(select_in(&lead[0], "h2 a")
        .iter()
        .any(|a| a.value().attr("href") == Some(pictured.as_str())));
    let img = select_in(&lead[0], "img[srcset]");
    let img = img.first().expect("the lead's picture").value();
    assert_eq!(
        (img.attr("loading"), img.attr("fetchpriority")),
        (Some("eager"), Some("high"))
    );
    assert_no_empty_box(&monde);
}

/// With the demo (here without its photographs), a section opens with its newest story, large,
/// and links to its sub-sections; nothing on the site shows an empty picture box.
async fn a_section_opens_with_its_lead_and_its_sub_sections(site: Site) {
    let server = site.start();
    let monde = server.get("/monde").await;
    assert_eq!(monde.status, 200);
    let html = monde.html();
    let subsections: Vec<(String, String)> = select(&html, "nav.subsections a")
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap_or_default().to_owned(),
                common::text(a),
            )
        })
        .collect();
    assert_eq!(
        subsections,
        [
            ("/europe".to_owned(), "Europe".to_owned()),
            ("/afrique".to_owned(), "Afrique".to_owned())
        ]
    );
    let lead = select(&html, "article.lead h2 a");
    assert_eq!(lead.len(), 1, "one lead story");
    let lead_href = lead[0].value().attr("href").expect("a link").to_owned();
    assert!(lead_href.ends_with(".html"), "{lead_href}");
    // The lead is not repeated in the list, which holds the rest of the page.
    let listed: Vec<&str> = select(&html, "ul.cards article.card h2 a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(listed.len(), 9, "{listed:?}");
    assert!(!listed.contains(&lead_href.as_str()));
    assert_no_empty_box(&monde);

    // The next page is a plain list; a sub-section has no sub-sections of its own.
    let page2 = server.get("/monde?page=2").await;
    assert!(select(&page2.html(), "article.lead").is_empty());
    let europe = server.get("/europe").await;
    assert!(select(&europe.html(), "nav.subsections").is_empty());
    assert_eq!(select(&europe.html(), "article.lead").len(), 1);

    // Without the photographs' package, the demo has no pictures and no empty box either.
    for path in ["/", "/sciences", "/tag/climat", "/auteur/camille-rousseau"] {
        let page = server.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(select(&page.html(), "article img").is_empty(), "{path}");
        assert_no_empty_box(&page);
    }
}

/// At first start with mate-backgrounds installed, the demo imports its photographs through the
/// media library and shows them, described and credited, on cards everywhere and on articles.
async fn the_demo_shows_real_photographs_with_their_credits(site: Site) {
    if !Path::new(PHOTOS).is_dir() {
        eprintln!(
            "SKIPPED: {PHOTOS} is missing; install the Debian package mate-backgrounds \
             (scripts/test.sh does) to test the demo's photographs"
        );
        return;
    }
    let server: Server = site.start_with(&["--demo-photos", PHOTOS]);

    // The front page: the newest stories with their pictures, lazily loaded, with variants.
    let front = server.get("/").await;
    let html = front.html();
    let thumbs = select(&html, "article.card img");
    assert!(thumbs.len() >= 6, "{} card pictures", thumbs.len());
    for img in &thumbs {
        let img = img.value();
        assert!(img
            .attr("srcset")
            .is_some_and(|s| s.contains("-320w.webp 320w")));
        assert!(img.attr("width").is_some() && img.attr("height").is_some());
        assert!(img.attr("alt").is_some_and(|a| a.len() > 20));
    }
    assert_no_empty_box(&front);

    // An article: its photograph, described as what it shows, with its credit and licence.
    let path = select(&html, "article.card h3 a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.contains("/jardins-les-coccinelles"))
        .expect("the ladybird story on the front page")
        .to_owned();
    let page = server.get(&path).await;
    let html = page.html();
    let hero = select(&html, "article figure img[srcset]");
    let hero = hero.first().expect("the hero").value();
    assert_eq!(
        hero.attr("alt"),
        Some(
            "Une coccinelle rouge à points noirs sur une tige d’herbe, devant des myosotis bleus."
        )
    );
    assert_eq!(
        (hero.attr("loading"), hero.attr("fetchpriority")),
        (Some("eager"), Some("high"))
    );
    let caption = common::text(&select(&html, "article figure figcaption")[0]);
    assert!(
        caption.contains("Photo d’illustration.")
            && caption.contains("Photo\u{a0}: Charles Barbin, GPL-2+"),
        "{caption}"
    );
    let variant = hero.attr("src").expect("a source").to_owned();
    let file = server.get(&variant).await;
    assert_eq!(file.status, 200, "{variant}");

    // Cards with pictures on the tag, author, search and section pages too.
    for list in [
        "/tag/biodiversite",
        "/auteur/camille-rousseau",
        "/sciences",
        "/recherche?q=coccinelles",
    ] {
        let page = server
            .browser()
            .get_until(list, |p| p.body.contains("-320w.webp 320w"))
            .await;
        assert!(
            !select(&page.html(), "article img[srcset]").is_empty(),
            "{list}: {}",
            page.main_text()
        );
        assert_no_empty_box(&page);
    }

    // The library holds the photographs with their credits, and two videos use them as posters.
    let url = site
        .database_url
        .clone()
        .unwrap_or_else(|| kiosque_store::sqlite_url(&server.data_dir.join("kiosque.db")));
    let store = kiosque_store::Store::open(&url).await.expect("the store");
    let (library, _) = store.media_list(None, 0, 50).await.expect("the library");
    assert_eq!(library.len(), 9);
    assert!(library.iter().all(|m| m
        .credit
        .as_deref()
        .is_some_and(|c| c.starts_with("Photo : ") && c.ends_with(", GPL-2+"))));
    let videos = store.latest_videos(50).await.expect("videos");
    let storm = videos
        .iter()
        .find(|v| v.title.starts_with("Tempête"))
        .expect("the storm video");
    let poster = storm.poster.as_ref().expect("a poster");
    assert!(library
        .iter()
        .any(|m| format!("/{}", m.path) == poster.path && m.alt == poster.alt));
    store.close().await;
}

both_backends!(
    cards_show_library_pictures_and_lost_ones_leave_no_box,
    a_section_opens_with_its_lead_and_its_sub_sections,
    the_demo_shows_real_photographs_with_their_credits,
);
