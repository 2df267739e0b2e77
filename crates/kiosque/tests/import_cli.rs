//! `kiosque import page`: archive pages become articles, from the command line, on both backends.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use std::process::Output;

use common::{fixture_path, Site};

fn run(site: &Site, args: &[&str]) -> Output {
    site.command().args(args).output().expect("run kiosque")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

async fn counts(site: &Site) -> (i64, usize) {
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("open store");
    let counts = (
        store.count_articles().await.expect("count"),
        store.latest_videos(1000).await.expect("videos").len(),
    );
    store.close().await;
    counts
}

async fn importing_the_fixture_twice_updates(site: Site) {
    let fixture = fixture_path();
    let fixture = fixture.to_str().expect("utf-8 path");
    let first = run(&site, &["import", "page", fixture]);
    assert!(first.status.success(), "{}", stderr(&first));
    let path = stdout(&first).trim().to_owned();
    assert!(
        path.starts_with("/archives/syrie-poutine-appelle-al-assad-afin-de-le-feliciter")
            && path.ends_with(".html"),
        "{path}"
    );
    assert_eq!(counts(&site).await, (1, 30));

    let second = run(&site, &["import", "page", fixture]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(stdout(&second).trim(), path, "same article, same path");
    assert_eq!(counts(&site).await, (1, 30), "updated, not duplicated");

    // The imported article is served at the printed path.
    let server = site.start();
    let page = server.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Un pas très important"));
}

async fn bad_files_are_refused_by_name_and_others_still_import(site: Site) {
    let dir = site.dir.path();
    let empty = dir.join("vide.txt");
    std::fs::write(&empty, "").expect("write");
    let binary = dir.join("image.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").expect("write");
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Un titre accentu\xe9\nUn paragraphe \xe0 lire.\n").expect("write");
    let no_title = dir.join("sans-titre.txt");
    std::fs::write(&no_title, "/2016/12/23/photo.jpg)\nUn paragraphe.\n").expect("write");
    let missing = dir.join("absent.txt");
    let good = dir.join("bon.txt");
    std::fs::write(
        &good,
        "Climat : une nouvelle page d'archive\nUn chapô qui résume l'article.\n/2019/05/04/photo.jpg)\nLe premier paragraphe raconte ce qui s'est passé.\nLe second paragraphe donne les détails.\n",
    )
    .expect("write");

    let files = [&empty, &binary, &latin1, &no_title, &missing, &good];
    let mut args = vec!["import".to_owned(), "page".to_owned()];
    args.extend(files.iter().map(|p| p.to_string_lossy().into_owned()));
    let out = site.command().args(&args).output().expect("run kiosque");
    assert!(
        !out.status.success(),
        "a bad file makes the exit status non-zero"
    );
    let err = stderr(&out);
    for bad in [&empty, &binary, &latin1, &no_title, &missing] {
        assert!(
            err.contains(&bad.display().to_string()),
            "the error names {}: {err}",
            bad.display()
        );
    }
    let printed: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(printed.len(), 1, "only the good file imported: {printed:?}");
    assert!(printed[0].starts_with("/archives/climat-une-nouvelle-page-d-archive_"));
    assert_eq!(
        counts(&site).await,
        (1, 0),
        "nothing written for the bad files"
    );
}

async fn an_unknown_section_is_refused_and_writes_nothing(site: Site) {
    let fixture = fixture_path();
    let out = run(
        &site,
        &[
            "import",
            "page",
            "--section",
            "inexistante",
            fixture.to_str().expect("path"),
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no section \"inexistante\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(counts(&site).await, (0, 0));
}

async fn import_runs_while_the_server_serves(site: Site) {
    let server = site.start();
    assert_eq!(server.get("/").await.status, 200);
    let page = site.dir.path().join("nouvelle.txt");
    std::fs::write(
        &page,
        "Europe : un article importé pendant le service\nLe chapô de l'article.\nPremier paragraphe de l'article importé.\nSecond paragraphe, pour la forme.\n",
    )
    .expect("write");
    let out = run(
        &site,
        &[
            "import",
            "page",
            "--section",
            "europe",
            page.to_str().expect("path"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let path = stdout(&out).trim().to_owned();
    assert!(path.starts_with("/europe/"), "{path}");
    let served = server.get(&path).await;
    assert_eq!(served.status, 200);
    assert!(served
        .body
        .contains("un article importé pendant le service"));
}

both_backends!(
    importing_the_fixture_twice_updates,
    bad_files_are_refused_by_name_and_others_still_import,
    an_unknown_section_is_refused_and_writes_nothing,
    import_runs_while_the_server_serves,
);
