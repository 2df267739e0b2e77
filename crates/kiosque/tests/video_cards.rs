//! Videos as readers see them, on both backends: the "À regarder" rail and `/videos` show each
//! video's poster (from the media library, in its responsive variants, with its dimensions)
//! and its length; a video page says the video's own date, its length, its description and the
//! article that goes with it, with schema.org `VideoObject` data; the newsroom gives a video its
//! poster by sending an image or choosing one of the library (journalists and up, with the
//! form's token).

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use std::io::Cursor;
use std::path::Path;

use common::{norm, select, text, Browser, Page, Server, Site};
use kiosque_domain::{markup, ArticleDraft, ArticleId, ArticleStatus, CommentMode, VideoDraft};
use kiosque_store::Store;

/// A photo-like JPEG of this size.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image =
        image::DynamicImage::ImageRgb8(image::ImageBuffer::from_fn(width, height, |x, y| {
            let texture = ((x * 7 + y * 13) % 17) as u8;
            image::Rgb([
                (x * 255 / width) as u8 ^ texture,
                (y * 255 / height) as u8,
                128 + texture,
            ])
        }));
    let mut bytes = Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .expect("encode a JPEG");
    bytes.into_inner()
}

/// The video form as a browser sends it: the token first, then the fields in page order.
#[derive(Default)]
struct Form<'a> {
    csrf: Option<&'a str>,
    title: &'a str,
    recorded_on: &'a str,
    duration: &'a str,
    description: &'a str,
    article: &'a str,
    poster_pick: Option<&'a str>,
    poster: Option<Vec<u8>>,
    poster_credit: &'a str,
    poster_path: &'a str,
    poster_alt: &'a str,
    embed_url: &'a str,
}

async fn post(b: &Browser, path: &str, f: Form<'_>) -> Page {
    let mut form = reqwest::multipart::Form::new();
    if let Some(csrf) = f.csrf {
        form = form.text("csrf", csrf.to_owned());
    }
    form = form
        .text("title", f.title.to_owned())
        .text("section", "")
        .text("recorded_on", f.recorded_on.to_owned())
        .text("duration", f.duration.to_owned())
        .text("description", f.description.to_owned())
        .text("article", f.article.to_owned());
    if let Some(pick) = f.poster_pick {
        form = form.text("poster_pick", pick.to_owned());
    }
    let poster = reqwest::multipart::Part::bytes(f.poster.unwrap_or_default())
        .file_name("affiche.jpg")
        .mime_str("image/jpeg")
        .expect("a mime type");
    form = form
        .part("poster_file", poster)
        .text("poster_credit", f.poster_credit.to_owned())
        .text("poster_path", f.poster_path.to_owned())
        .text("poster_alt", f.poster_alt.to_owned())
        .text("embed_url", f.embed_url.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(Vec::new())
                .file_name(String::new())
                .mime_str("application/octet-stream")
                .expect("a mime type"),
        );
    let res = b
        .send(b.http().post(b.url(path)).multipart(form), "video form")
        .await;
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let location = headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = res.text().await.expect("the answer's body");
    Page {
        status,
        location,
        content_type,
        headers,
        body,
    }
}

/// The id in `/admin/videos/{id}?ok=…`.
fn video_id(page: &Page) -> i64 {
    let location = page.location.as_deref().unwrap_or_default();
    location
        .strip_prefix("/admin/videos/")
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "unexpected answer {}: {location} {}",
                page.status, page.body
            )
        })
}

/// Every file under `dir`, recursively.
fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .map(|e| e.expect("a folder entry").path())
            .map(|p| if p.is_dir() { count_files(&p) } else { 1 })
            .sum()
    })
}

/// The card of the link titled `title` under `scope` (`section.rail`, `.video-grid`).
fn card<'a>(html: &'a scraper::Html, scope: &str, title: &str) -> Option<scraper::ElementRef<'a>> {
    select(html, &format!("{scope} article.video-card"))
        .into_iter()
        .find(|c| {
            select_in(c, ".video-card-title a")
                .first()
                .is_some_and(|a| norm(&text(a)) == title)
        })
}

fn select_in<'a>(el: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = scraper::Selector::parse(css).expect("a selector");
    el.select(&selector).collect()
}

/// A card shows the poster from the library (variants, dimensions, lazy) and the length.
fn assert_card_has_poster_and_length(c: &scraper::ElementRef<'_>, clock: &str, iso: &str) {
    let html = c.html();
    let imgs = select_in(c, ".video-thumb img");
    assert_eq!(imgs.len(), 1, "{html}");
    let img = imgs[0].value();
    assert!(
        img.attr("src")
            .is_some_and(|s| s.starts_with("/media/") && s.ends_with(".webp")),
        "{html}"
    );
    assert!(
        img.attr("srcset").is_some_and(|s| s.contains(" 320w")),
        "{html}"
    );
    assert!(img.attr("sizes").is_some(), "{html}");
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("1600"), Some("900")),
        "{html}"
    );
    assert_eq!(img.attr("loading"), Some("lazy"), "{html}");
    assert_eq!(img.attr("alt"), Some(""), "the title is beside it: {html}");
    let time = select_in(c, ".video-duration time");
    assert_eq!(time.len(), 1, "{html}");
    assert_eq!(text(&time[0]), clock, "{html}");
    assert_eq!(time[0].value().attr("datetime"), Some(iso), "{html}");
    assert!(norm(&text(c)).contains("Durée : 3 min 12 s"), "{html}");
}

fn start(site: &Site) -> Server {
    site.start_relaxed()
}

async fn journalist(server: &Server, site: &Site) -> (common::Member, String) {
    let j = server
        .staff(
            site,
            "Julie Journaliste",
            "julie@kiosque.test",
            &["--role", "journalist"],
        )
        .await;
    let csrf = j.browser.csrf("/admin/videos/nouvelle").await;
    (j, csrf)
}

/// A published article written straight into the store, opening on `hero_video`.
async fn published_article(store: &Store, by: i64, title: &str, hero_video: Option<i64>) -> String {
    let draft = ArticleDraft {
        source_key: None,
        section: "monde".to_owned(),
        title: title.to_owned(),
        standfirst: None,
        hero: None,
        hero_video,
        body: markup::parse("Le texte.").expect("body"),
        tags: Vec::new(),
        authors: vec!["Agence Essai".to_owned()],
        status: ArticleStatus::Draft,
        published_at: None,
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::default(),
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    let id: ArticleId = store
        .create_article(&draft, kiosque_domain::UserId(by))
        .await
        .expect("create")
        .id;
    store
        .change_status(id, ArticleStatus::Draft, ArticleStatus::Published, None)
        .await
        .expect("publish")
}

async fn cards_and_video_pages_show_poster_length_date_and_article(site: Site) {
    let server = start(&site);
    let store = Store::open(&site.store_url()).await.expect("store");
    let (j, csrf) = journalist(&server, &site).await;
    let by = j.id().await;
    let article = published_article(&store, by, "Alep, la fin d’un siège", None).await;

    // A video hosted elsewhere, with a poster sent along, its own date, a description and
    // the article that goes with it (given by its address).
    let title = "Alep : les derniers bus quittent la ville";
    let page = post(
        &j.browser,
        "/admin/videos/nouvelle",
        Form {
            csrf: Some(&csrf),
            title,
            recorded_on: "2016-12-22",
            duration: "3:12",
            description: "Les derniers bus quittent l’est de la ville.\nFilmé depuis un toit.",
            article: &article,
            poster: Some(jpeg(1600, 900)),
            poster_credit: "Agence Essai",
            poster_alt: "Des bus verts dans une rue en ruines",
            embed_url: "https://www.dailymotion.com/video/x123",
            ..Form::default()
        },
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let id = video_id(&page);
    let href = format!("/videos/alep-les-derniers-bus-quittent-la-ville_{id}.html");

    // The form names the article now tied to the video.
    let form_page = j.browser.get(&format!("/admin/videos/{id}")).await;
    assert!(
        select(&form_page.html(), "#v-article-hint a")
            .first()
            .is_some_and(|a| a.value().attr("href") == Some(article.as_str())),
        "{}",
        form_page.body
    );

    // The poster joined the media library, with its alt text and credit.
    let library = j.browser.get("/admin/medias").await;
    assert!(
        library.shows("Des bus verts dans une rue en ruines"),
        "{}",
        library.main_text()
    );

    // The rail of the front page and of an article, and /videos.
    for path in ["/", article.as_str(), "/videos"] {
        let page = server.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        let html = page.html();
        let scope = if path == "/videos" {
            ".video-grid"
        } else {
            "section.rail"
        };
        let c = card(&html, scope, title).unwrap_or_else(|| panic!("{path}: {}", page.body));
        assert_card_has_poster_and_length(&c, "3:12", "PT3M12S");
        assert_eq!(
            select_in(&c, ".video-card-title a")[0].value().attr("href"),
            Some(href.as_str())
        );
        assert!(
            norm(&text(&c)).contains("Vidéo du 22/12/2016"),
            "{path}: {}",
            c.html()
        );
        // Videos without a poster get the drawn tile, never an empty image.
        assert!(
            select(&html, &format!("{scope} .video-thumb.no-poster img")).is_empty(),
            "{path}"
        );
    }

    // The video page: the poster linking to the host, the video's date, its length, its
    // description and the article.
    let page = server.get(&href).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let html = page.html();
    assert!(select(&html, "iframe").is_empty());
    let stage = select(
        &html,
        "a.video-stage[href='https://www.dailymotion.com/video/x123'] img",
    );
    assert_eq!(stage.len(), 1, "{}", page.body);
    assert!(stage[0]
        .value()
        .attr("srcset")
        .is_some_and(|s| s.contains("w.webp")));
    let day = select(&html, "time.video-day");
    assert_eq!(day.len(), 1, "{}", page.body);
    assert_eq!(norm(&text(&day[0])), "Vidéo du 22/12/2016");
    assert!(day[0]
        .value()
        .attr("datetime")
        .is_some_and(|d| d.starts_with("2016-12-22T")));
    assert!(page.shows("Durée : 3 min 12 s"), "{}", page.main_text());
    assert_eq!(
        select(&html, ".video-length time")[0]
            .value()
            .attr("datetime"),
        Some("PT3M12S")
    );
    let description: Vec<String> = select(&html, ".video-description p")
        .iter()
        .map(|p| norm(&text(p)))
        .collect();
    assert_eq!(
        description,
        [
            "Les derniers bus quittent l'est de la ville.",
            "Filmé depuis un toit."
        ]
    );
    let linked = select(&html, ".video-article a[href]");
    assert!(
        linked
            .iter()
            .any(|a| a.value().attr("href") == Some(article.as_str())
                && norm(&text(a)) == "Alep, la fin d'un siège"),
        "{}",
        page.body
    );

    // schema.org VideoObject, valid JSON with what is known.
    let scripts = select(&html, "script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1, "{}", page.body);
    let ld: serde_json::Value =
        serde_json::from_str(&scripts[0].inner_html()).expect("JSON-LD is JSON");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "VideoObject");
    assert_eq!(ld["name"], title);
    assert_eq!(ld["duration"], "PT3M12S");
    assert!(ld["uploadDate"]
        .as_str()
        .is_some_and(|d| d.starts_with("2016-12-22T")));
    assert!(ld["description"]
        .as_str()
        .is_some_and(|d| d.starts_with("Les derniers bus")));
    let thumb = ld["thumbnailUrl"][0].as_str().expect("a thumbnail");
    assert!(
        thumb.starts_with("http") && thumb.contains("/media/") && thumb.ends_with(".webp"),
        "{thumb}"
    );
    let rel = format!("/media/{}", thumb.split_once("/media/").expect("a path").1);
    assert_eq!(server.get(&rel).await.status, 200, "{rel}");

    // An article that opens with a video is its article, without being named.
    let second = store
        .upsert_video(&VideoDraft {
            source_key: None,
            title: "La crue filmée du ciel".into(),
            section: None,
            poster: None,
            duration_seconds: Some(95),
            file_path: None,
            embed_url: Some("https://vimeo.com/1".into()),
            published_at: chrono::Utc::now().timestamp_millis(),
        })
        .await
        .expect("a video");
    let opening = published_article(&store, by, "La Seine déborde", Some(second.id)).await;
    let page = server.get(&second.path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let html = page.html();
    assert!(
        select(&html, ".video-article a[href]")
            .iter()
            .any(|a| a.value().attr("href") == Some(opening.as_str())),
        "{}",
        page.body
    );
    // Added in the newsroom today, without its own date: the day it went online.
    assert!(select(&html, "time.video-day")
        .first()
        .is_some_and(|t| norm(&text(t)).starts_with("Publiée le ")));
    let ld: serde_json::Value =
        serde_json::from_str(&select(&html, "script[type='application/ld+json']")[0].inner_html())
            .expect("JSON-LD is JSON");
    assert_eq!(ld["duration"], "PT1M35S");
    assert!(ld.get("thumbnailUrl").is_none(), "no poster, no thumbnail");
    // Its card in the rail is the drawn tile, with the length.
    // (The store's write came from this process: the server's cache sees it within 250 ms.)
    let front = server
        .browser()
        .get_until("/", |p| p.body.contains("La crue filmée du ciel"))
        .await;
    let front_html = front.html();
    let c = card(&front_html, "section.rail", "La crue filmée du ciel").expect("in the rail");
    assert_eq!(select_in(&c, ".video-thumb.no-poster").len(), 1);
    assert!(select_in(&c, "img").is_empty());
    assert_eq!(
        norm(&text(&select_in(&c, ".video-duration time")[0])),
        "1:35"
    );

    // An archive video whose date nobody gave shows none, rather than its import day.
    let archive = store
        .latest_videos(100)
        .await
        .expect("videos")
        .into_iter()
        .find(|v| v.from_archive)
        .expect("the demo's archive videos");
    let page = server.get(&archive.path()).await;
    assert_eq!(page.status, 200);
    assert!(
        select(&page.html(), "time.video-day").is_empty(),
        "{}",
        page.body
    );
}

async fn the_newsroom_chooses_posters_from_the_library(site: Site) {
    let server = start(&site);
    let media_dir = server.data_dir.join("media");
    let (j, csrf) = journalist(&server, &site).await;
    let page = post(
        &j.browser,
        "/admin/videos/nouvelle",
        Form {
            csrf: Some(&csrf),
            title: "Le discours en entier",
            duration: "3:12",
            embed_url: "https://vimeo.com/2",
            ..Form::default()
        },
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let id = video_id(&page);
    let edit = format!("/admin/videos/{id}");
    let files_before = count_files(&media_dir);

    // Without the form's token, or from a reader or a contributor, nothing is stored.
    let refused = post(
        &j.browser,
        &edit,
        Form {
            title: "Le discours en entier",
            poster: Some(jpeg(1600, 900)),
            embed_url: "https://vimeo.com/2",
            ..Form::default()
        },
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let reader = server.member("Rémi Lecteur", "remi@kiosque.test").await;
    let contributor = server
        .staff(
            &site,
            "Coline Contributrice",
            "coline@kiosque.test",
            &["--role", "contributor"],
        )
        .await;
    for who in [&reader, &contributor] {
        let token = who.csrf().await;
        assert_eq!(who.browser.get(&edit).await.status, 403);
        let refused = post(
            &who.browser,
            &edit,
            Form {
                csrf: Some(&token),
                title: "Le discours en entier",
                poster: Some(jpeg(1600, 900)),
                embed_url: "https://vimeo.com/2",
                ..Form::default()
            },
        )
        .await;
        assert_eq!(refused.status, 403, "{}", refused.body);
    }
    assert_eq!(count_files(&media_dir), files_before, "nothing stored");
    let page = server.get("/videos").await;
    let html = page.html();
    let c = card(&html, ".video-grid", "Le discours en entier").expect("listed");
    assert!(select_in(&c, "img").is_empty(), "no poster yet");

    // An image sent to the media library is offered on the form, and chosen.
    let upload = {
        let token = j.browser.csrf("/admin/medias").await;
        let form = reqwest::multipart::Form::new()
            .text("csrf", token)
            .part(
                "file",
                reqwest::multipart::Part::bytes(jpeg(1600, 900))
                    .file_name("tribune.jpg")
                    .mime_str("image/jpeg")
                    .expect("a mime type"),
            )
            .text("alt", "La tribune du discours")
            .text("caption", "")
            .text("credit", "Agence Essai");
        j.browser
            .send(
                j.browser
                    .http()
                    .post(j.browser.url("/admin/medias"))
                    .multipart(form),
                "image upload",
            )
            .await
    };
    assert_eq!(upload.status().as_u16(), 303);
    let form_page = j.browser.get(&edit).await;
    let form_html = form_page.html();
    let choices = select(&form_html, "input[type=radio][name=poster_pick]");
    assert_eq!(choices.len(), 1, "{}", form_page.body);
    let path = choices[0].value().attr("value").expect("a path").to_owned();
    assert!(
        select(
            &form_html,
            ".poster-picker img[alt='La tribune du discours']"
        )
        .len()
            == 1,
        "{}",
        form_page.body
    );
    let page = post(
        &j.browser,
        &edit,
        Form {
            csrf: Some(&csrf),
            title: "Le discours en entier",
            duration: "3:12",
            poster_pick: Some(&path),
            embed_url: "https://vimeo.com/2",
            ..Form::default()
        },
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let form_page = j.browser.get(&edit).await;
    assert_eq!(
        select(&form_page.html(), "input[name=poster_path]")[0]
            .value()
            .attr("value"),
        Some(path.as_str())
    );
    let page = server.get("/videos").await;
    let html = page.html();
    let c = card(&html, ".video-grid", "Le discours en entier").expect("listed");
    assert_card_has_poster_and_length(&c, "3:12", "PT3M12S");
    // The newsroom's list shows it too.
    let list = j.browser.get("/admin/videos").await;
    assert_eq!(
        select(
            &list.html(),
            &format!("tr[data-video='{id}'] td.poster-cell img[src^='/media/']")
        )
        .len(),
        1,
        "{}",
        list.body
    );

    // A date, a description or an article that cannot be read is refused with the form kept.
    for (form, reason) in [
        (
            Form {
                recorded_on: "22/12/2016",
                ..Form::default()
            },
            "2016-12-22",
        ),
        (
            Form {
                article: "99999",
                ..Form::default()
            },
            "99999",
        ),
        (
            Form {
                article: "un article",
                ..Form::default()
            },
            "numéro",
        ),
    ] {
        let page = post(
            &j.browser,
            &edit,
            Form {
                csrf: Some(&csrf),
                title: "Le discours en entier",
                embed_url: "https://vimeo.com/2",
                ..form
            },
        )
        .await;
        assert_eq!(page.status, 400, "{}", page.body);
        assert!(page.main_text().contains(reason), "{}", page.main_text());
    }
}

both_backends!(
    cards_and_video_pages_show_poster_length_date_and_article,
    the_newsroom_chooses_posters_from_the_library,
);
