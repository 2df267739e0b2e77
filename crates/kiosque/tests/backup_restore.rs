//! `kiosque backup` and `kiosque restore` (SQLite; PostgreSQL is backed up with pg_dump): a
//! backup taken while members comment restores every comment acknowledged before it began,
//! with the media; a file that is not a backup, or fails its checksums, restores nothing.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kiosque_test_utils::number;
use kiosque_test_utils::readers::{confirmed_member, post_on_article};
use kiosque_test_utils::server::{fixture_article, use_binary, Backend, Member, Site, PASSWORD};

async fn sqlite_site() -> Site {
    use_binary(env!("CARGO_BIN_EXE_kiosque"));
    Site::new(Backend::Sqlite).await.expect("a SQLite site")
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(read) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in read {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .expect("under")
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

async fn run(site: &Site, args: &[&str]) -> std::process::Output {
    let mut command = site.command();
    command.args(args);
    tokio::task::spawn_blocking(move || command.output().expect("run kiosque"))
        .await
        .expect("join")
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_a_comment_load_restores_every_comment_acknowledged_before_it() {
    let site = sqlite_site().await;
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let mut members = Vec::new();
    for i in 0..4 {
        members.push(
            confirmed_member(
                &server,
                &format!("Lectrice {i}"),
                &format!("l{i}@example.org"),
            )
            .await,
        );
    }
    // Each member comments without pause until told to stop; each comment is noted with the
    // moment its acknowledgement came back.
    let stop = Arc::new(AtomicBool::new(false));
    let mut posters = Vec::new();
    for (i, member) in members.into_iter().enumerate() {
        let (stop, article) = (stop.clone(), article.clone());
        posters.push(tokio::spawn(async move {
            let mut acked = Vec::new();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let body = format!("Commentaire {n} de la lectrice {i}, pendant la sauvegarde.");
                let id = post_on_article(&member, &article, None, &body).await;
                acked.push((id, body, Instant::now()));
            }
            acked
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let backup = site.dir.path().join("site.tar.zst");
    let backup_arg = backup.to_str().expect("utf-8").to_owned();
    let began = Instant::now();
    let out = run(&site, &["backup", &backup_arg]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    let mut acked = Vec::new();
    for p in posters {
        acked.extend(p.await.expect("poster"));
    }
    let before: Vec<_> = acked.iter().filter(|(_, _, at)| *at < began).collect();
    assert!(
        before.len() >= 10,
        "only {} comments before the backup",
        before.len()
    );
    drop(server);

    let fresh = sqlite_site().await;
    let out = run(&fresh, &["restore", &backup_arg]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<String> = before.iter().map(|(id, _, _)| id.to_string()).collect();
    let restored = number(
        &fresh.store_url(),
        &format!(
            "select count(*) from comments where status = 'published' and id in ({})",
            ids.join(",")
        ),
    )
    .await;
    assert_eq!(
        restored,
        before.len() as i64,
        "every acknowledged comment restored"
    );
    // The media store comes back file for file.
    let media = files_under(&site.data_dir().join("media"));
    assert_eq!(files_under(&fresh.data_dir().join("media")), media);

    // The restored site serves the article with the comments, and takes new ones.
    let server = fresh.start_relaxed();
    let (_, first_body, _) = before.first().expect("a comment");
    let page = server.get(&article.path).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(first_body.as_str()),
        "{}",
        page.main_text()
    );
    // Accounts come back too: a member logs in with her password and comments.
    let browser = server.browser();
    let login = server
        .log_in(&browser, "l0@example.org", PASSWORD, "/")
        .await;
    assert_eq!(login.status, 303, "{}", login.main_text());
    let member = Member {
        browser,
        name: "Lectrice 0".into(),
        email: "l0@example.org".into(),
        password: PASSWORD.into(),
    };
    post_on_article(
        &member,
        &article,
        None,
        "Un commentaire sur le site restauré.",
    )
    .await;
    drop(server);

    // A restore never writes over a site.
    let again = run(&fresh, &["restore", &backup_arg]).await;
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already holds a site"),
        "{}",
        stderr(&again)
    );
}

/// The backup rewritten with one byte of `kiosque.db` changed, sizes and manifest kept.
fn tampered(good: &Path, to: &Path) {
    let decoder = zstd::Decoder::new(std::fs::File::open(good).expect("open")).expect("zstd");
    let mut archive = tar::Archive::new(decoder);
    let out = zstd::Encoder::new(std::fs::File::create(to).expect("create"), 3).expect("zstd");
    let mut builder = tar::Builder::new(out);
    for entry in archive.entries().expect("entries") {
        let mut entry = entry.expect("entry");
        let header = entry.header().clone();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        if entry.path().expect("path").to_string_lossy() == "kiosque.db" {
            let at = data.len() / 2;
            data[at] ^= 0xff;
        }
        builder.append(&header, data.as_slice()).expect("append");
    }
    builder.into_inner().expect("tar").finish().expect("zstd");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_is_not_a_whole_backup_restores_nothing() {
    let site = sqlite_site().await;
    let dir = site.dir.path();
    let migrated = run(&site, &["migrate"]).await;
    assert!(migrated.status.success(), "{}", stderr(&migrated));
    let good: PathBuf = dir.join("good.tar.zst");
    let out = run(&site, &["backup", good.to_str().expect("utf-8")]).await;
    assert!(out.status.success(), "{}", stderr(&out));

    let junk = dir.join("junk.tar.zst");
    std::fs::write(&junk, b"this is not a backup").expect("write");
    let bad = dir.join("bad.tar.zst");
    tampered(&good, &bad);
    let bytes = std::fs::read(&good).expect("read");
    let cut = dir.join("cut.tar.zst");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    for (file, says) in [
        (&junk, "is not a Kiosque backup"),
        (&bad, "fails its checksums: kiosque.db differs"),
        (&cut, "nothing was restored"),
    ] {
        let fresh = sqlite_site().await;
        let out = run(&fresh, &["restore", file.to_str().expect("utf-8")]).await;
        assert!(!out.status.success(), "{}", file.display());
        assert!(
            stderr(&out).contains(says),
            "{}: {}",
            file.display(),
            stderr(&out)
        );
        assert!(
            !fresh.data_dir().join("kiosque.db").exists(),
            "{}",
            file.display()
        );
        assert!(
            files_under(&fresh.data_dir()).is_empty(),
            "{}: {:?}",
            file.display(),
            files_under(&fresh.data_dir())
                .iter()
                .map(|f| &f.0)
                .collect::<Vec<_>>()
        );
    }
}
