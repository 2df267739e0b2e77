//! Wire ingest in IPTC ninjs, on both backends: the IPTC's examples land as drafts of the
//! "Dépêches" section, a newer version updates its draft and keeps the history, an older one
//! writes nothing, a cancellation is flagged on the wire desk, bad items are refused by name,
//! and the watched folder imports what is dropped into it, pictures included.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use kiosque_test_utils::both_backends;
use kiosque_test_utils::number;
use kiosque_test_utils::server::Site;

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../kiosque_import/tests/fixtures/ninjs/examples");
    let mut all = Vec::new();
    for version in ["1.4", "2.1"] {
        for e in std::fs::read_dir(root.join(version)).expect("examples") {
            all.push(e.expect("entry").path());
        }
    }
    all.sort();
    all
}

fn run(site: &Site, args: &[&str]) -> Output {
    site.command().args(args).output().expect("run kiosque")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const DPA: &str = "urn:newsml:dpa.com:20090101:190510-99-167362";

async fn the_examples_land_as_drafts_and_versions_update_them(site: Site) {
    let files = examples();
    assert_eq!(files.len(), 22);
    let mut args = vec!["import".to_owned(), "ninjs".to_owned()];
    args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
    let out = site.command().args(&args).output().expect("run");
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    let url = site.store_url();
    // 22 files, 18 items (some are published in both versions of ninjs).
    assert_eq!(number(&url, "select count(*) from wire_items").await, 18);
    assert_eq!(
        number(
            &url,
            "select count(*) from articles a join sections s on s.id = a.section_id \
             where s.slug = 'depeches' and a.status = 'draft'"
        )
        .await,
        18
    );
    assert_eq!(
        number(&url, "select listed from sections where slug = 'depeches'").await,
        0
    );

    // Version 3 of the dpa story, canceled by the agency: its draft is updated, the history
    // keeps both versions, and the wire desk flags it.
    let dir = site.dir.path();
    let original = std::fs::read_to_string(
        files
            .iter()
            .find(|f| f.ends_with("dpa_text.json"))
            .expect("dpa"),
    )
    .expect("read");
    let mut item: serde_json::Value = serde_json::from_str(&original).expect("json");
    item["version"] = "3".into();
    item["pubstatus"] = "canceled".into();
    item["headlines"] = serde_json::json!([{"role": "main", "value": "Favre: Handelfmeter war ein Skandal (korrigiert)"}]);
    let v3 = dir.join("dpa-v3.json");
    std::fs::write(&v3, item.to_string()).expect("write");
    let out = run(&site, &["import", "ninjs", v3.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("updated:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("[canceled]"), "{}", stderr(&out));
    let history = format!(
        "select count(*) from article_revisions r join wire_items w on w.article_id = r.article_id \
         where w.uri = '{DPA}'"
    );
    assert_eq!(number(&url, &history).await, 2);

    // Version 1, late: nothing is written.
    item["version"] = "1".into();
    item["pubstatus"] = "usable".into();
    let v1 = dir.join("dpa-v1.json");
    std::fs::write(&v1, item.to_string()).expect("write");
    let changes = number(&url, "select count(*) from changes").await;
    let out = run(&site, &["import", "ninjs", v1.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("stale:"), "{}", stderr(&out));
    assert_eq!(number(&url, "select count(*) from changes").await, changes);
    assert_eq!(number(&url, &history).await, 2);

    // Bad items are refused by name; the good one beside them imports.
    let no_uri = dir.join("sans-uri.json");
    std::fs::write(
        &no_uri,
        r#"{"headline": "Sans identifiant", "body_text": "Texte."}"#,
    )
    .expect("write");
    let not_json = dir.join("casse.json");
    std::fs::write(&not_json, "{\"uri\": \"x\",\n  oups").expect("write");
    let list = dir.join("liste.json");
    std::fs::write(&list, "[]").expect("write");
    let good = dir.join("bon.json");
    std::fs::write(
        &good,
        r#"{"uri": "urn:test:bon", "headline": "Une bonne dépêche", "body_text": "Un texte.", "located": "Lyon"}"#,
    )
    .expect("write");
    let out = run(
        &site,
        &[
            "import",
            "ninjs",
            no_uri.to_str().expect("utf-8"),
            not_json.to_str().expect("utf-8"),
            list.to_str().expect("utf-8"),
            good.to_str().expect("utf-8"),
        ],
    );
    let log = stderr(&out);
    assert!(!out.status.success(), "{log}");
    assert!(log.contains("sans-uri.json (ninjs_no_uri)"), "{log}");
    assert!(
        log.contains("casse.json (ninjs_not_json)") && log.contains("line 2"),
        "{log}"
    );
    assert!(log.contains("liste.json (ninjs_not_an_item)"), "{log}");
    assert!(log.contains("created:"), "{log}");
    assert_eq!(number(&url, "select count(*) from wire_items").await, 19);

    // The wire desk lists the items for the newsroom, the canceled one flagged; the public
    // site does not show the section.
    let server = site.start();
    let editor = server
        .staff(
            &site,
            "Éditrice",
            "editrice@example.org",
            &["--role", "editor"],
        )
        .await;
    let desk = editor.browser.get("/admin/depeches").await;
    assert_eq!(desk.status, 200);
    let text = desk.main_text();
    assert!(desk.body.contains("Annulée par l’agence"), "{text}");
    assert!(text.contains("(korrigiert)"), "{text}");
    assert!(
        text.contains("Une bonne dépêche") && text.contains("Lyon"),
        "{text}"
    );
    let front = server.get("/").await;
    assert!(
        !front.body.contains("href=\"/depeches\""),
        "the wire section is not in the navigation"
    );
    let visitor = server.browser().get("/admin/depeches").await;
    assert_ne!(visitor.status, 200);
}

/// A small JPEG.
fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(320, 200, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("jpeg");
    out.into_inner()
}

async fn a_watched_folder_imports_what_is_dropped_into_it(site: Site) {
    let wire = site.dir.path().join("wire");
    std::fs::create_dir_all(&wire).expect("mkdir");
    let server = site.start_with(&["--wire-dir", wire.to_str().expect("utf-8")]);
    std::fs::write(wire.join("photo.jpg"), photo()).expect("write");
    std::fs::write(
        wire.join("story.json"),
        r#"{"uri": "urn:test:story", "type": "text", "version": "1",
            "headline": "Une dépêche arrivée par le dossier", "byline": "Agence Test",
            "body_text": "Premier paragraphe.\nSecond paragraphe.",
            "associations": {"main": {"uri": "urn:test:photo", "type": "picture",
              "description_text": "Une photo envoyée avec la dépêche",
              "renditions": {"main": {"href": "photo.jpg", "mimetype": "image/jpeg", "width": 320}}}}}"#,
    )
    .expect("write");
    std::fs::write(wire.join("broken.json"), "{ not json").expect("write");
    let url = site.store_url();
    let mut waited = Duration::ZERO;
    while !(wire.join("done/story.json").exists() && wire.join("failed/broken.json").exists()) {
        assert!(waited < Duration::from_secs(20), "the folder was not read");
        tokio::time::sleep(Duration::from_millis(200)).await;
        waited += Duration::from_millis(200);
    }
    assert!(!wire.join("story.json").exists());
    let why = std::fs::read_to_string(wire.join("failed/broken.json.error.txt")).expect("reason");
    assert!(why.contains("ninjs_not_json"), "{why}");
    assert_eq!(
        number(
            &url,
            "select count(*) from wire_items where uri = 'urn:test:story'"
        )
        .await,
        1
    );
    // The picture went through the library and is the draft's hero.
    assert_eq!(
        number(
            &url,
            "select count(*) from media where source_key = 'ninjs:urn:test:photo'"
        )
        .await,
        1
    );
    let editor = server
        .staff(
            &site,
            "Éditrice",
            "editrice@example.org",
            &["--role", "editor"],
        )
        .await;
    let desk = editor.browser.get("/admin/depeches").await;
    let text = desk.main_text();
    assert!(
        text.contains("Une dépêche arrivée par le dossier"),
        "{text}"
    );
    let edit = desk
        .body
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|h| {
            h.strip_prefix("/admin/articles/")
                .is_some_and(|id| id.bytes().all(|b| b.is_ascii_digit()))
        })
        .expect("a link to the draft")
        .to_owned();
    let draft = editor.browser.get(&edit).await;
    assert_eq!(draft.status, 200);
    // The hero is the library's copy of the picture (stored under the day's folder).
    let hero = draft
        .body
        .split("name=\"hero_path\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a hero field")
        .to_owned();
    assert!(hero.starts_with("/20") && hero.contains("photo"), "{hero}");
    assert_eq!(
        server.get(&format!("/media{hero}")).await.status,
        200,
        "{hero}"
    );
}

both_backends!(
    the_examples_land_as_drafts_and_versions_update_them,
    a_watched_folder_imports_what_is_dropped_into_it
);
