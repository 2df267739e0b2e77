//! Helpers for tests of several nodes behind a reverse proxy: a log-in sent as if a proxy had
//! forwarded it from some address, and the status it got.

use crate::server::{Server, Site};

/// Sends the log-in form from a new browser, with `X-Forwarded-For` set to `forwarded` (what a
/// proxy would add, or what a client may forge); the answer's status: 303 logged in, 400 wrong
/// password, 429 limited.
pub async fn log_in_via(
    server: &Server,
    forwarded: Option<&str>,
    email: &str,
    password: &str,
) -> u16 {
    let b = server.browser();
    let csrf = b.csrf("/compte/connexion").await;
    let mut req = b.http().post(b.url("/compte/connexion")).form(&[
        ("csrf", csrf.as_str()),
        ("email", email),
        ("password", password),
        ("retour", "/"),
    ]);
    if let Some(f) = forwarded {
        req = req.header("x-forwarded-for", f);
    }
    b.send(req, "POST /compte/connexion")
        .await
        .status()
        .as_u16()
}

/// Creates a verified account with `kiosque user create`.
pub fn account(site: &Site, email: &str, password: &str) {
    let out = site.create_user(&["--email", email, "--name", "Titulaire"], password);
    assert!(
        out.status.success(),
        "user create: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
