//! `kiosque import wordpress`: WordPress's theme unit test export becomes a Kiosque site, on
//! both backends: its counts, what readers and moderators see, the old addresses answering
//! 301, and a second import changing nothing.

use std::path::{Path, PathBuf};
use std::process::Output;

use kiosque_import::wordpress::{Entry, WxrReader};
use kiosque_test_utils::both_backends;
use kiosque_test_utils::number;
use kiosque_test_utils::server::Site;

fn export() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../kiosque_import/tests/fixtures/wordpress/themeunittestdata.wordpress.xml")
}

fn run(site: &Site, args: &[&str]) -> Output {
    site.command().args(args).output().expect("run kiosque")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const TINY_GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";

/// WordPress's `uploads` folder for the export: a small picture at each image attachment's
/// place, in the format its name says, and bytes that are no image for the others.
fn uploads(dir: &Path) -> PathBuf {
    let root = dir.join("uploads");
    let file = std::fs::File::open(export()).expect("open export");
    let mut reader = WxrReader::new(std::io::BufReader::new(file));
    while let Some(entry) = reader.next_entry().expect("read export") {
        let Entry::Item(item) = entry else { continue };
        if item.post_type != "attachment" {
            continue;
        }
        let url = item.attachment_url.split('?').next().unwrap_or_default();
        let rel = url
            .split("://")
            .nth(1)
            .and_then(|r| r.split_once('/'))
            .expect("url")
            .1;
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        let format = match rel.rsplit('.').next() {
            Some("jpg" | "jpeg") => Some(image::ImageFormat::Jpeg),
            Some("png") => Some(image::ImageFormat::Png),
            _ => None,
        };
        match format {
            Some(format) => {
                let img = image::RgbImage::from_fn(64, 48, |x, y| {
                    image::Rgb([(x * 4) as u8, (y * 5) as u8, 120])
                });
                img.save_with_format(&path, format).expect("write image");
            }
            // A real GIF (1×1): the library takes JPEG, PNG and WebP only.
            None if rel.ends_with(".gif") => std::fs::write(&path, TINY_GIF).expect("write"),
            None => std::fs::write(&path, b"not a picture").expect("write"),
        }
    }
    root
}

/// Every table an import writes, counted, with the change log: equal before and after a
/// second import means it wrote nothing.
async fn footprint(url: &str) -> Vec<i64> {
    let mut all = Vec::new();
    for table in [
        "articles",
        "article_revisions",
        "comments",
        "site_pages",
        "media",
        "legacy_paths",
        "sections",
        "tags",
        "users",
        "changes",
    ] {
        all.push(number(url, &format!("select count(*) from {table}")).await);
    }
    all
}

async fn the_theme_unit_test_export_imports_whole(site: Site) {
    let export = export();
    let export = export.to_str().expect("utf-8 path");
    let media = uploads(site.dir.path());
    let media = media.to_str().expect("utf-8 path");
    let first = run(
        &site,
        &["import", "wordpress", "--media-dir", media, export],
    );
    let log = stderr(&first);
    assert!(first.status.success(), "{log}");
    assert!(log.contains("posts: 58 created"), "{log}");
    assert!(log.contains("pages: 21 created"), "{log}");
    assert!(log.contains("media: 34 imported"), "{log}");
    assert!(log.contains("3 kept as external references"), "{log}");
    assert!(log.contains("comments: 28 created"), "{log}");
    assert!(log.contains("5 on pages left out"), "{log}");

    let url = site.store_url();
    let count = |sql: &'static str| {
        let url = url.clone();
        async move { number(&url, sql).await }
    };
    // Posts: 56 published, 1 draft, 1 scheduled.
    assert_eq!(
        count("select count(*) from articles where status = 'published'").await,
        56
    );
    assert_eq!(
        count("select count(*) from articles where status = 'draft'").await,
        1
    );
    assert_eq!(
        count("select count(*) from articles where status = 'scheduled'").await,
        1
    );
    // 21 pages beside the site's own four.
    assert_eq!(
        count("select count(*) from site_pages where source_key is not null").await,
        21
    );
    // The 34 photographs of the 37 attachments (a video, a sound and a GIF are no library
    // images: they stay at their original addresses).
    assert_eq!(
        count("select count(*) from media where source_key is not null").await,
        34
    );
    // The 28 comments of posts, 1 of them pending (the other 2 pending are on pages), with
    // their threading kept.
    assert_eq!(count("select count(*) from comments").await, 28);
    assert_eq!(
        count("select count(*) from comments where status = 'pending'").await,
        1
    );
    assert!(count("select count(*) from comments where parent_id is not null").await >= 5);
    // 68 categories as sections (their tree kept), and "archives" for the post without one.
    assert_eq!(count("select count(*) from sections").await, 69);
    assert_eq!(
        count(
            "select count(*) from sections c join sections p on p.id = c.parent_id \
             join sections g on g.id = p.parent_id where c.slug = 'grandchild-category' \
             and p.slug = 'child-category-03' and g.slug = 'parent-category'"
        )
        .await,
        1
    );
    // The 110 tags of the export, and 3 that posts use without the export listing them.
    assert_eq!(count("select count(*) from tags").await, 113);
    // The 2 authors: staff accounts without a password.
    assert_eq!(
        count("select count(*) from users where password_hash = '' and roles like '%journalist%'")
            .await,
        2
    );

    let server = site.start();
    // Old addresses answer 301 to the new ones.
    let moved = server.get("/?p=1148").await;
    assert_eq!(moved.status, 301);
    let article = moved.location.clone().expect("location");
    assert!(article.ends_with(".html"), "{article}");
    let dated = server.get("/2012/01/03/template-comments/").await;
    assert_eq!(dated.status, 301);
    assert_eq!(dated.location.as_deref(), Some(article.as_str()));
    let page = server.get("/?page_id=2").await;
    assert_eq!(page.status, 301);
    assert_eq!(page.location.as_deref(), Some("/pages/about"));
    assert_eq!(
        server.get("/about/").await.location.as_deref(),
        Some("/pages/about")
    );
    assert_eq!(server.get("/2012/01/03/no-such-post/").await.status, 404);

    // The article reads with its comments, guests under their names.
    let read = server.get(&article).await;
    assert_eq!(read.status, 200);
    assert!(
        read.body.contains("Template: Comments"),
        "{}",
        read.main_text()
    );
    assert!(read.body.contains("Jane Bloggs"), "{}", read.main_text());
    // The page reads at its address.
    let about = server.get("/pages/about").await;
    assert_eq!(about.status, 200);
    assert!(about.main_text().contains("About"), "{}", about.main_text());
    // A featured image is the article's hero, served from the library.
    let featured = server
        .get("/2012/03/15/template-featured-image-horizontal/")
        .await;
    let hero_page = server
        .get(featured.location.as_deref().expect("location"))
        .await;
    let hero = hero_page
        .body
        .split("src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|s| s.starts_with("/media/"))
        .unwrap_or_else(|| panic!("no library image: {}", hero_page.body))
        .to_owned();
    assert_eq!(server.get(&hero).await.status, 200, "{hero}");
    // The pending comment waits in the moderation queue.
    let admin = server
        .staff(&site, "Admin", "admin@example.org", &["--admin"])
        .await;
    let queue = admin.browser.get("/admin/moderation").await;
    assert_eq!(queue.status, 200);
    assert!(
        queue.main_text().contains("Feeling testy?") && queue.main_text().contains("auser"),
        "{}",
        queue.main_text()
    );
    drop(server);

    // A second import writes nothing.
    let before = footprint(&url).await;
    let second = run(
        &site,
        &["import", "wordpress", "--media-dir", media, export],
    );
    let log = stderr(&second);
    assert!(second.status.success(), "{log}");
    assert!(
        log.contains("posts: 0 created, 0 updated, 58 unchanged"),
        "{log}"
    );
    assert!(
        log.contains("comments: 0 created, 28 imported before"),
        "{log}"
    );
    assert!(
        log.contains("media: 0 imported, 34 imported before"),
        "{log}"
    );
    assert_eq!(
        footprint(&url).await,
        before,
        "the second import changed nothing"
    );
}

async fn broken_exports_are_refused_and_write_nothing(site: Site) {
    let dir = site.dir.path();
    let text = std::fs::read_to_string(export()).expect("read export");
    let cut = dir.join("cut.xml");
    std::fs::write(&cut, &text[..text.len() / 2]).expect("write");
    let feed = dir.join("feed.xml");
    std::fs::write(
        &feed,
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>A feed</title></channel></rss>",
    )
    .expect("write");
    let junk = dir.join("junk.xml");
    std::fs::write(&junk, "not xml at all <<<").expect("write");
    // The site exists before: the import fails on its file, not on an empty folder.
    let migrated = run(&site, &["migrate"]);
    assert!(migrated.status.success(), "{}", stderr(&migrated));
    let url = site.store_url();
    for (file, says) in [
        (&cut, "cut short"),
        (&feed, "not a WordPress export"),
        (&junk, "not XML"),
    ] {
        let out = run(
            &site,
            &["import", "wordpress", file.to_str().expect("utf-8")],
        );
        let log = stderr(&out);
        assert!(!out.status.success(), "{log}");
        assert!(log.contains(says), "{}: {log}", file.display());
        assert!(log.contains("nothing was written"), "{log}");
        assert_eq!(number(&url, "select count(*) from articles").await, 0);
        assert_eq!(number(&url, "select count(*) from legacy_paths").await, 0);
    }
    let missing = run(
        &site,
        &[
            "import",
            "wordpress",
            "--media-dir",
            "/nonexistent",
            "x.xml",
        ],
    );
    assert!(
        stderr(&missing).contains("no such folder"),
        "{}",
        stderr(&missing)
    );
}

both_backends!(
    the_theme_unit_test_export_imports_whole,
    broken_exports_are_refused_and_write_nothing
);
