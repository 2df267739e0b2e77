//! The command line itself: defaults, environment variables, clear errors.

use kiosque_test_utils::server as common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_kiosque");

/// With no subcommand, `kiosque` serves; `KIOSQUE_DATA_DIR` and `KIOSQUE_LISTEN` configure it
/// like the flags do, and the data folder is created with its SQLite database and media folder.
#[test]
fn environment_variables_configure_the_default_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("donnees");
    let mut child = Command::new(BIN)
        .env("KIOSQUE_DATA_DIR", &data)
        .env("KIOSQUE_LISTEN", "127.0.0.1:0")
        .env("KIOSQUE_LOG", "warn")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start kiosque");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        line.starts_with("Kiosque is serving on http://127.0.0.1:"),
        "{line:?}"
    );
    assert!(!line.contains(":8080/"), "port 0 picks a free port: {line}");
    assert!(data.join("kiosque.db").is_file());
    assert!(data.join("media").is_dir());
}

#[test]
fn an_unsupported_database_url_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(BIN)
        .args(["--data-dir"])
        .arg(dir.path())
        .arg("migrate")
        .env("DATABASE_URL", "mysql://localhost/kiosque")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("DATABASE_URL must start with sqlite:// or postgres://"),
        "{err}"
    );
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--no-demo", "--listen", &addr.to_string()])
        .env_remove("DATABASE_URL")
        .env("KIOSQUE_LOG", "warn")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("cannot listen on {addr}")), "{err}");
}

/// Section comment rules from the CLI: they apply to the running site, and bad input is refused.
#[tokio::test]
async fn section_comment_rules_are_set_from_the_cli() {
    common::use_binary(BIN);
    let site = common::Site::new(common::Backend::Sqlite)
        .await
        .expect("sqlite site");
    let server = site.start();
    assert_eq!(server.get("/").await.status, 200);
    let run = |args: &[&str]| {
        site.command()
            .args(["section", "comments"])
            .args(args)
            .output()
            .expect("run")
    };
    let ok = run(&["monde", "--mode", "closed", "--close-after-days", "7"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("closing 7 days after publication"));
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let monde = store
        .section_by_slug("monde")
        .await
        .expect("query")
        .expect("monde");
    assert_eq!(
        store
            .section_comment_settings(monde.id)
            .await
            .expect("settings"),
        (Some("closed".to_owned()), Some(7))
    );
    let unknown = run(&["inexistante"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no section \"inexistante\""));
    let bad = run(&["monde", "--mode", "ouvert"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown mode"));
    store.close().await;
}
