//! The newsroom's videos (`/admin/videos`) over HTTP, on both backends: an uploaded MP4 joins
//! the "À regarder" rail and plays from `/media/` with range requests (seeking works); a video
//! hosted elsewhere is a link to its site; refused forms store nothing; who may add videos.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use std::path::{Path, PathBuf};

use common::{select, Browser, Page, Server, Site};

/// The smallest file our content check takes for an MP4: a 24-byte `ftyp` box
/// (`isom`, version 0x200, compatible `isom` and `iso2`), then an `mdat` box of some bytes.
fn tiny_mp4() -> Vec<u8> {
    let mut bytes = vec![0, 0, 0, 0x18];
    bytes.extend_from_slice(b"ftypisom");
    bytes.extend_from_slice(&[0, 0, 2, 0]);
    bytes.extend_from_slice(b"isomiso2");
    let payload: Vec<u8> = (0..200u8).collect();
    bytes.extend_from_slice(&(8 + payload.len() as u32).to_be_bytes());
    bytes.extend_from_slice(b"mdat");
    bytes.extend_from_slice(&payload);
    bytes
}

/// Every file under `dir`, relative to it, sorted (none when it does not exist).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).expect("under the root").to_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The video form as a browser sends it: the CSRF token first, the file last.
struct VideoForm<'a> {
    csrf: Option<&'a str>,
    title: &'a str,
    duration: &'a str,
    embed_url: &'a str,
    /// (file name, content type, bytes)
    file: Option<(&'a str, &'a str, Vec<u8>)>,
}

impl<'a> VideoForm<'a> {
    fn new(csrf: &'a str, title: &'a str) -> Self {
        VideoForm {
            csrf: Some(csrf),
            title,
            duration: "",
            embed_url: "",
            file: None,
        }
    }
}

async fn post_video(b: &Browser, path: &str, v: VideoForm<'_>) -> Page {
    let mut form = reqwest::multipart::Form::new();
    if let Some(csrf) = v.csrf {
        form = form.text("csrf", csrf.to_owned());
    }
    form = form
        .text("title", v.title.to_owned())
        .text("section", "")
        .text("duration", v.duration.to_owned())
        .text("poster_path", "")
        .text("poster_alt", "")
        .text("embed_url", v.embed_url.to_owned());
    let part = match v.file {
        Some((name, mime, bytes)) => reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_owned())
            .mime_str(mime)
            .expect("a mime type"),
        // What a browser sends when no file is chosen.
        None => reqwest::multipart::Part::bytes(Vec::new())
            .file_name(String::new())
            .mime_str("application/octet-stream")
            .expect("a mime type"),
    };
    form = form.part("file", part);
    let res = b
        .send(b.http().post(b.url(path)).multipart(form), "video form")
        .await;
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (location, content_type) = (header("location"), header("content-type"));
    let body = res.text().await.expect("the answer's body");
    Page {
        status,
        location,
        content_type,
        headers,
        body,
    }
}

fn start(site: &Site) -> Server {
    site.start_with(&["--no-demo", "--rate-limit-factor", "1000"])
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

/// The id in `/admin/videos/{id}?ok=cree`.
fn video_id(location: &str) -> i64 {
    location
        .strip_prefix("/admin/videos/")
        .and_then(|rest| rest.strip_suffix("?ok=cree"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("unexpected location {location}"))
}

/// The `href` of the rail's link titled `title` on this page.
fn rail_link(page: &Page, title: &str) -> Option<String> {
    let html = page.html();
    select(&html, "section.rail a")
        .iter()
        .find(|a| common::norm(&common::text(a)) == title)
        .and_then(|a| a.value().attr("href"))
        .map(str::to_owned)
}

async fn a_journalist_uploads_an_mp4_that_plays_with_range_requests(site: Site) {
    let server = start(&site);
    let media_dir = server.data_dir.join("media");
    let (j, csrf) = journalist(&server, &site).await;
    let page = j.browser.get("/admin/videos").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.shows("Aucune vidéo pour l'instant."),
        "{}",
        page.main_text()
    );
    assert!(
        select(
            &page.html(),
            "nav.admin-nav a[href='/admin/videos'][aria-current=page]"
        )
        .len()
            == 1,
        "the back office's menu leads to the videos: {}",
        page.body
    );

    let mp4 = tiny_mp4();
    let page = post_video(
        &j.browser,
        "/admin/videos/nouvelle",
        VideoForm {
            duration: "1:05",
            file: Some(("IMG_0042.MP4", "video/mp4", mp4.clone())),
            ..VideoForm::new(&csrf, "Alep : les derniers bus quittent la ville")
        },
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let id = video_id(page.location.as_deref().expect("a location"));

    // One file, named after the title, under today's folder; no temporary file left.
    let files = files_under(&media_dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let file = files[0].to_string_lossy().into_owned();
    let name = file.rsplit('/').next().expect("a name");
    assert!(
        name.starts_with("alep-les-derniers-bus-quittent-la-ville-") && name.ends_with(".mp4"),
        "{file}"
    );
    assert_eq!(file.matches('/').count(), 3, "YYYY/MM/DD/name: {file}");
    assert_eq!(std::fs::read(media_dir.join(&file)).expect("the file"), mp4);

    // The form says it is online, with the current file.
    let page = j.browser.get(&format!("/admin/videos/{id}?ok=cree")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.shows("Vidéo enregistrée"), "{}", page.main_text());
    assert!(
        page.body.contains(&format!("/media/{file}")),
        "{}",
        page.body
    );
    let page = j.browser.get("/admin/videos").await;
    assert!(
        page.shows("Alep : les derniers bus quittent la ville"),
        "{}",
        page.main_text()
    );
    assert!(page.shows("Fichier MP4"), "{}", page.main_text());
    assert!(page.shows("1:05"), "{}", page.main_text());

    // The rail of the front page lists it, and its page plays the file.
    let front = server.get("/").await;
    assert_eq!(front.status, 200, "{}", front.body);
    let href = rail_link(&front, "Alep : les derniers bus quittent la ville")
        .unwrap_or_else(|| panic!("not in the rail: {}", front.body));
    assert_eq!(
        href,
        format!("/videos/alep-les-derniers-bus-quittent-la-ville_{id}.html")
    );
    let page = server.get(&href).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.shows("Durée : 1 min 05 s"), "{}", page.main_text());
    let html = page.html();
    let videos = select(&html, "video");
    assert_eq!(videos.len(), 1, "{}", page.body);
    let video = videos[0].value();
    let src = video.attr("src").expect("a src").to_owned();
    assert_eq!(src, format!("/media/{file}"));
    assert!(video.attr("controls").is_some());
    assert_eq!(video.attr("preload"), Some("metadata"));
    // Without <video>, a link to the file.
    assert_eq!(
        select(&html, "video a")
            .first()
            .and_then(|a| a.value().attr("href")),
        Some(src.as_str())
    );
    assert!(select(&html, "iframe").is_empty());

    // The file is served with range requests, so that readers can seek.
    let res = server
        .http
        .get(format!("{}{src}", server.base))
        .send()
        .await
        .expect("GET the video");
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()
            .get("accept-ranges")
            .and_then(|v| v.to_str().ok()),
        Some("bytes")
    );
    assert_eq!(
        res.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("video/mp4")
    );
    assert_eq!(
        res.bytes().await.expect("the bytes").as_ref(),
        mp4.as_slice()
    );
    let res = server
        .http
        .get(format!("{}{src}", server.base))
        .header("range", "bytes=0-9")
        .send()
        .await
        .expect("GET a range of the video");
    assert_eq!(res.status().as_u16(), 206);
    assert_eq!(
        res.headers()
            .get("content-range")
            .and_then(|v| v.to_str().ok()),
        Some(format!("bytes 0-9/{}", mp4.len()).as_str())
    );
    let bytes = res.bytes().await.expect("the range");
    assert_eq!(bytes.len(), 10);
    assert_eq!(bytes.as_ref(), &mp4[..10]);
    let res = server
        .http
        .get(format!("{}{src}", server.base))
        .header("range", "bytes=100-")
        .send()
        .await
        .expect("GET the end of the video");
    assert_eq!(res.status().as_u16(), 206);
    assert_eq!(res.bytes().await.expect("the end").as_ref(), &mp4[100..]);

    // Editing without a new file keeps the file; the page moves to the new title (301 from
    // the old one) and the rail follows.
    let page = post_video(
        &j.browser,
        &format!("/admin/videos/{id}"),
        VideoForm {
            duration: "65",
            ..VideoForm::new(&csrf, "Alep : le dernier convoi")
        },
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/admin/videos/{id}?ok=enregistre").as_str())
    );
    assert_eq!(files_under(&media_dir), files);
    let old = server.get(&href).await;
    assert_eq!(old.status, 301, "{}", old.body);
    let new_href = format!("/videos/alep-le-dernier-convoi_{id}.html");
    assert_eq!(old.location.as_deref(), Some(new_href.as_str()));
    let page = server.get(&new_href).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        select(&page.html(), "video")
            .first()
            .and_then(|v| v.value().attr("src"))
            .map(str::to_owned),
        Some(src.clone())
    );
    let front = server.get("/").await;
    assert_eq!(
        rail_link(&front, "Alep : le dernier convoi").as_deref(),
        Some(new_href.as_str()),
        "{}",
        front.body
    );

    // A new file replaces the old one, which is deleted.
    let webm: Vec<u8> = [0x1A, 0x45, 0xDF, 0xA3]
        .into_iter()
        .chain(b"\x9f\x42\x86\x81\x01webm-bytes".iter().copied())
        .collect();
    let page = post_video(
        &j.browser,
        &format!("/admin/videos/{id}"),
        VideoForm {
            file: Some(("convoi.webm", "video/webm", webm.clone())),
            ..VideoForm::new(&csrf, "Alep : le dernier convoi")
        },
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let files = files_under(&media_dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let file = files[0].to_string_lossy().into_owned();
    assert!(file.ends_with(".webm"), "{file}");
    let page = server.get(&new_href).await;
    assert_eq!(
        select(&page.html(), "video")
            .first()
            .and_then(|v| v.value().attr("src"))
            .map(str::to_owned),
        Some(format!("/media/{file}"))
    );
}

async fn a_video_hosted_elsewhere_is_a_link_to_its_site(site: Site) {
    let server = start(&site);
    let (j, csrf) = journalist(&server, &site).await;
    let page = post_video(
        &j.browser,
        "/admin/videos/nouvelle",
        VideoForm {
            embed_url: "  https://www.dailymotion.com/video/x123 ",
            duration: "200",
            ..VideoForm::new(&csrf, "Le discours en entier")
        },
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    let id = video_id(page.location.as_deref().expect("a location"));
    assert!(files_under(&server.data_dir.join("media")).is_empty());

    let page = j.browser.get("/admin/videos").await;
    assert!(
        page.shows("Lien vers dailymotion.com"),
        "{}",
        page.main_text()
    );

    let front = server.get("/").await;
    let href = rail_link(&front, "Le discours en entier")
        .unwrap_or_else(|| panic!("not in the rail: {}", front.body));
    assert_eq!(href, format!("/videos/le-discours-en-entier_{id}.html"));
    let page = server.get(&href).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let html = page.html();
    assert!(select(&html, "video").is_empty(), "{}", page.body);
    assert!(select(&html, "iframe").is_empty(), "{}", page.body);
    let links = select(&html, "a.video-link");
    assert_eq!(links.len(), 1, "{}", page.body);
    assert_eq!(
        links[0].value().attr("href"),
        Some("https://www.dailymotion.com/video/x123")
    );
    assert_eq!(
        common::norm(&common::text(&links[0])),
        "Voir la vidéo sur dailymotion.com"
    );
    assert!(page.shows("Durée : 3 min 20 s"), "{}", page.main_text());
    // The policy still forbids third-party frames.
    let csp = page.header("content-security-policy").unwrap_or_default();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert!(!csp.contains("dailymotion"), "{csp}");
}

async fn refused_videos_leave_nothing_behind(site: Site) {
    let server = start(&site);
    let media_dir = server.data_dir.join("media");
    let (j, csrf) = journalist(&server, &site).await;

    // A text file named .mp4.
    let page = post_video(
        &j.browser,
        "/admin/videos/nouvelle",
        VideoForm {
            file: Some((
                "pas-une-video.mp4",
                "video/mp4",
                b"Ceci est un texte, pas une video. Ceci est un texte.".to_vec(),
            )),
            ..VideoForm::new(&csrf, "Un faux fichier")
        },
    )
    .await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(
        page.shows("Ce fichier n'est pas une vidéo MP4 ou WebM"),
        "{}",
        page.main_text()
    );
    // The form is shown again with what was typed.
    assert!(
        page.body.contains("value=\"Un faux fichier\""),
        "{}",
        page.body
    );
    // Too short to be anything.
    let page = post_video(
        &j.browser,
        "/admin/videos/nouvelle",
        VideoForm {
            file: Some(("court.mp4", "video/mp4", b"\0\0\0\x18ftyp".to_vec())),
            ..VideoForm::new(&csrf, "Trop court")
        },
    )
    .await;
    assert_eq!(page.status, 400, "{}", page.body);

    // Addresses that are not https.
    for url in [
        "http://www.dailymotion.com/video/x123",
        "javascript:alert(document.cookie)",
        "www.dailymotion.com/video/x123",
    ] {
        let page = post_video(
            &j.browser,
            "/admin/videos/nouvelle",
            VideoForm {
                embed_url: url,
                ..VideoForm::new(&csrf, "Une adresse refusée")
            },
        )
        .await;
        assert_eq!(page.status, 400, "{url}: {}", page.body);
        assert!(page.shows("https://"), "{url}: {}", page.main_text());
    }

    // A valid file with a bad duration, then a file and an address at once: the file that was
    // written is deleted.
    let page = post_video(
        &j.browser,
        "/admin/videos/nouvelle",
        VideoForm {
            duration: "3:75",
            file: Some(("clip.mp4", "video/mp4", tiny_mp4())),
            ..VideoForm::new(&csrf, "Une durée fausse")
        },
    )
    .await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.shows("La durée"), "{}", page.main_text());
    let page = post_video(
        &j.browser,
        "/admin/videos/nouvelle",
        VideoForm {
            embed_url: "https://vimeo.com/1",
            file: Some(("clip.mp4", "video/mp4", tiny_mp4())),
            ..VideoForm::new(&csrf, "Deux sources")
        },
    )
    .await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.shows("pas les deux"), "{}", page.main_text());
    // Neither a file nor an address.
    let page = post_video(
        &j.browser,
        "/admin/videos/nouvelle",
        VideoForm::new(&csrf, "Rien à voir"),
    )
    .await;
    assert_eq!(page.status, 400, "{}", page.body);
    // No title.
    let page = post_video(
        &j.browser,
        "/admin/videos/nouvelle",
        VideoForm {
            file: Some(("clip.mp4", "video/mp4", tiny_mp4())),
            ..VideoForm::new(&csrf, "   ")
        },
    )
    .await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(
        page.shows("Donnez un titre à la vidéo."),
        "{}",
        page.main_text()
    );

    // Nothing was stored: no row, no file (not even a temporary one).
    assert!(
        files_under(&media_dir).is_empty(),
        "{:?}",
        files_under(&media_dir)
    );
    let page = j.browser.get("/admin/videos").await;
    assert!(
        page.shows("Aucune vidéo pour l'instant."),
        "{}",
        page.main_text()
    );
    let front = server.get("/").await;
    assert!(
        select(&front.html(), "section.rail").is_empty(),
        "{}",
        front.body
    );
}

async fn only_the_newsroom_adds_videos(site: Site) {
    let server = start(&site);
    let media_dir = server.data_dir.join("media");
    let (j, csrf) = journalist(&server, &site).await;

    // A form without its token (or with another's) is refused before its file is read.
    let page = post_video(
        &j.browser,
        "/admin/videos/nouvelle",
        VideoForm {
            csrf: None,
            file: Some(("clip.mp4", "video/mp4", tiny_mp4())),
            ..VideoForm::new(&csrf, "Sans jeton")
        },
    )
    .await;
    assert_eq!(page.status, 403, "{}", page.body);
    let page = post_video(
        &j.browser,
        "/admin/videos/nouvelle",
        VideoForm {
            file: Some(("clip.mp4", "video/mp4", tiny_mp4())),
            ..VideoForm::new("not-the-token", "Mauvais jeton")
        },
    )
    .await;
    assert_eq!(page.status, 403, "{}", page.body);
    assert!(files_under(&media_dir).is_empty());

    // A reader is refused.
    let reader = server.member("Rémi Lecteur", "remi@kiosque.test").await;
    let reader_csrf = reader.csrf().await;
    for path in ["/admin/videos", "/admin/videos/nouvelle", "/admin/videos/1"] {
        assert_eq!(reader.browser.get(path).await.status, 403, "{path}");
    }
    let page = post_video(
        &reader.browser,
        "/admin/videos/nouvelle",
        VideoForm {
            file: Some(("clip.mp4", "video/mp4", tiny_mp4())),
            ..VideoForm::new(&reader_csrf, "D'un lecteur")
        },
    )
    .await;
    assert_eq!(page.status, 403, "{}", page.body);

    // A visitor is sent to log in, and comes back here.
    let visitor = server.browser();
    for path in ["/admin/videos", "/admin/videos/nouvelle"] {
        let page = visitor.get(path).await;
        assert_eq!(page.status, 303, "{path}");
        assert!(
            page.location
                .as_deref()
                .is_some_and(|l| l.starts_with("/compte/connexion?retour=")),
            "{path}: {:?}",
            page.location
        );
    }
    let page = post_video(
        &visitor,
        "/admin/videos/nouvelle",
        VideoForm {
            csrf: None,
            embed_url: "https://vimeo.com/1",
            ..VideoForm::new("", "D'un visiteur")
        },
    )
    .await;
    assert_eq!(page.status, 303, "{}", page.body);
    assert!(page
        .location
        .as_deref()
        .is_some_and(|l| l.starts_with("/compte/connexion")));

    assert!(files_under(&media_dir).is_empty());
    let page = j.browser.get("/admin/videos").await;
    assert!(
        page.shows("Aucune vidéo pour l'instant."),
        "{}",
        page.main_text()
    );
    // Unknown or malformed ids are 404.
    assert_eq!(j.browser.get("/admin/videos/999").await.status, 404);
    assert_eq!(j.browser.get("/admin/videos/abc").await.status, 404);
}

both_backends!(
    a_journalist_uploads_an_mp4_that_plays_with_range_requests,
    a_video_hosted_elsewhere_is_a_link_to_its_site,
    refused_videos_leave_nothing_behind,
    only_the_newsroom_adds_videos,
);
