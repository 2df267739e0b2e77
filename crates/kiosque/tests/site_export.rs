//! `kiosque export` and `kiosque import site`: a site with the demo, members' comments, a
//! WordPress import and a wire item goes SQLite → export → PostgreSQL → export → SQLite, and
//! the three exports are the same bytes; the imported sites serve it. Secrets stay out unless
//! asked for, and an export that fails its checksums or a site with content imports nothing.

use std::path::{Path, PathBuf};
use std::process::Output;

use kiosque_test_utils::number;
use kiosque_test_utils::readers::{confirmed_member, post_on_article};
use kiosque_test_utils::server::{fixture_article, use_binary, Backend, Site, PASSWORD};

async fn site(backend: Backend) -> Option<Site> {
    use_binary(env!("CARGO_BIN_EXE_kiosque"));
    Site::new(backend).await
}

async fn run(site: &Site, args: &[&str]) -> Output {
    let mut command = site.command();
    command.args(args);
    tokio::task::spawn_blocking(move || command.output().expect("run kiosque"))
        .await
        .expect("join")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file of an export but its header's date, by relative path.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p
                .strip_prefix(dir)
                .expect("under")
                .to_string_lossy()
                .into_owned();
            let mut bytes = std::fs::read(&p).expect("read");
            if rel == "export.json" {
                let mut header: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
                header["created_at"] = serde_json::Value::Null;
                bytes = header.to_string().into_bytes();
            }
            out.push((rel, bytes));
        }
    }
    out.sort();
    out
}

async fn export(site: &Site, name: &str, extra: &[&str]) -> PathBuf {
    let dir = site.dir.path().join(name);
    let mut args = vec!["export", dir.to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    let out = run(site, &args).await;
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

async fn import(site: &Site, dir: &Path) -> Output {
    run(site, &["import", "site", dir.to_str().expect("utf-8")]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_site_goes_through_postgresql_and_back_unchanged() {
    let source = site(Backend::Sqlite).await.expect("a SQLite site");
    let server = source.start_relaxed();
    let article = fixture_article(&server).await;
    let member = confirmed_member(&server, "Lectrice", "lectrice@example.org").await;
    let first = post_on_article(&member, &article, None, "Un premier avis sur l'article.").await;
    post_on_article(&member, &article, Some(first), "Et une réponse à moi-même.").await;
    drop(server);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../kiosque_import/tests/fixtures");
    let wordpress = fixtures.join("wordpress/themeunittestdata.wordpress.xml");
    let out = run(
        &source,
        &["import", "wordpress", wordpress.to_str().expect("utf-8")],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let wire = fixtures.join("ninjs/examples/2.1/dpa_text.json");
    let out = run(&source, &["import", "ninjs", wire.to_str().expect("utf-8")]).await;
    assert!(out.status.success(), "{}", stderr(&out));

    let a = export(&source, "export-a", &[]).await;
    let exported = contents(&a);
    // Everything a site needs is there, its secrets are not.
    let users = std::fs::read_to_string(a.join("tables/users.jsonl")).expect("users");
    assert!(users.contains("lectrice@example.org"));
    assert!(
        !users.contains("argon2"),
        "no password hash without --with-secrets"
    );
    let meta = std::fs::read_to_string(a.join("tables/site_meta.jsonl")).expect("meta");
    assert!(!meta.contains("csrf_key"));
    assert!(!a.join("tables/api_keys.jsonl").exists());
    assert!(!a.join("tables/sessions.jsonl").exists());

    let Some(pg) = site(Backend::Postgres).await else {
        eprintln!("skipping the PostgreSQL leg: no TEST_DATABASE_URL");
        return;
    };
    // A node that served the empty site before: its search index exists and follows the
    // change log from where it was, and must still take the imported articles in.
    drop(pg.start_with(&["--no-demo"]));
    let out = import(&pg, &a).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let b = export(&pg, "export-b", &[]).await;
    assert!(
        contents(&b) == exported,
        "SQLite and PostgreSQL export the same bytes"
    );
    let back = site(Backend::Sqlite).await.expect("a SQLite site");
    let out = import(&back, &b).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let c = export(&back, "export-c", &[]).await;
    assert!(
        contents(&c) == exported,
        "back on SQLite, the same bytes again"
    );

    // The site on PostgreSQL serves what was written on SQLite.
    let server = pg.start_relaxed();
    let page = server.get(&article.path).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Un premier avis sur l"),
        "{}",
        page.main_text()
    );
    assert!(page.body.contains("Et une réponse à moi-même."));
    // Its search index takes the imported articles in.
    let found = server
        .browser()
        .get_until("/recherche?q=formatting", |p| {
            p.body.contains("HTML Tags and Formatting")
        })
        .await;
    assert!(
        found.body.contains("HTML Tags and Formatting"),
        "{}",
        found.main_text()
    );
    assert_eq!(server.get("/?p=1148").await.status, 301);
    assert_eq!(server.get("/pages/about").await.status, 200);
    // Without secrets, the member's password did not come along.
    let b2 = server.browser();
    let login = server
        .log_in(&b2, "lectrice@example.org", PASSWORD, "/")
        .await;
    assert_ne!(login.status, 303, "no password came with the export");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_come_only_when_asked_and_bad_exports_import_nothing() {
    let source = site(Backend::Sqlite).await.expect("a SQLite site");
    let server = source.start_relaxed();
    confirmed_member(&server, "Lectrice", "lectrice@example.org").await;
    drop(server);
    let with = export(&source, "with-secrets", &["--with-secrets"]).await;
    let users = std::fs::read_to_string(with.join("tables/users.jsonl")).expect("users");
    assert!(users.contains("argon2"));

    // With its secrets, the member logs in on the new site.
    let target = site(Backend::Sqlite).await.expect("a SQLite site");
    let out = import(&target, &with).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let server = target.start_relaxed();
    let b = server.browser();
    let login = server
        .log_in(&b, "lectrice@example.org", PASSWORD, "/")
        .await;
    assert_eq!(login.status, 303, "{}", login.main_text());
    drop(server);

    // A site with content takes no import.
    let out = import(&target, &with).await;
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("already holds content"),
        "{}",
        stderr(&out)
    );

    // One changed byte: refused by its checksum, nothing written.
    let tampered = source.dir.path().join("tampered");
    let out = run(&source, &["export", tampered.to_str().expect("utf-8")]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let file = tampered.join("tables/users.jsonl");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("Lectrice", "Lecteur")).expect("write");
    let empty = site(Backend::Sqlite).await.expect("a SQLite site");
    let out = import(&empty, &tampered).await;
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("tables/users.jsonl fails its checksum"),
        "{}",
        stderr(&out)
    );
    let url = empty.store_url();
    if empty.data_dir().join("kiosque.db").exists() {
        assert_eq!(number(&url, "select count(*) from users").await, 0);
    }
    // Not an export at all.
    let out = import(&empty, empty.dir.path()).await;
    assert!(
        stderr(&out).contains("not a Kiosque export"),
        "{}",
        stderr(&out)
    );
}
