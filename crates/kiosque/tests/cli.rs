//! The command line itself: defaults, environment variables, clear errors.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::BIN;

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
