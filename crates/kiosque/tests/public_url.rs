//! One public URL for every node (issue 14, item 4) and what an https one turns on (security
//! finding 8), on both backends. On PostgreSQL a node needs the public URL: the first one given
//! it stores it, a node started without it writes the same links, a node given another one
//! refuses to start with a message saying what to do, and without any the message says how to
//! give it. With an https public URL every answer carries `Strict-Transport-Security` and the
//! session and CSRF cookies are `__Host-` cookies (`Secure`, `Path=/`, no `Domain`); an http
//! site (local runs) keeps plain names and no HSTS.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::nodes::account;
use kiosque_test_utils::server::{Site, PASSWORD};

const PUBLIC: &str = "https://www.quotidien.example";

/// `kiosque serve` run to its end (it fails at start), with the tests' relaxed public URL
/// rule taken away.
fn serve_fails(site: &Site, args: &[&str]) -> String {
    let out = site
        .command()
        .env_remove("KIOSQUE_PUBLIC_URL_FROM_LISTEN")
        .args(["serve", "--no-demo", "--listen", "127.0.0.1:0"])
        .args(args)
        .output()
        .expect("run kiosque serve");
    assert!(!out.status.success(), "serve {args:?} should not start");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

async fn every_node_writes_the_stored_public_url(site: Site) {
    let Some(_) = &site.database_url else {
        // One node on SQLite: the public URL defaults to the listen address, as before.
        let server = site.start();
        let feed = server.get("/rss.xml").await;
        assert!(feed.body.contains(&server.base), "{}", feed.body);
        return;
    };
    let missing = serve_fails(&site, &[]);
    assert!(
        missing.contains("--public-url") && missing.contains("PostgreSQL"),
        "{missing}"
    );
    let a = site.start_with(&["--public-url", PUBLIC]);
    let b = site.start();
    for node in [&a, &b] {
        let feed = node.get("/rss.xml").await;
        assert_eq!(feed.status, 200);
        assert!(feed.body.contains(&format!("{PUBLIC}/")), "{}", feed.body);
        assert!(!feed.body.contains(&node.base), "{}", feed.body);
    }
    let other = serve_fails(&site, &["--public-url", "https://autre.example"]);
    assert!(
        other.contains("https://autre.example") && other.contains(PUBLIC),
        "{other}"
    );
    assert!(other.contains("--replace-public-url"), "{other}");
}

async fn an_https_site_sends_hsts_and_host_prefixed_cookies(site: Site) {
    account(&site, "titulaire@exemple.fr", PASSWORD);
    let server = site.start_with(&["--public-url", PUBLIC]);
    let b = server.browser();
    let form = b.get("/compte/connexion").await;
    assert_eq!(
        form.header("strict-transport-security"),
        Some("max-age=31536000")
    );
    let csrf_cookie = form
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("__Host-kiosque_csrf="))
        .unwrap_or_else(|| panic!("a __Host- CSRF cookie: {:?}", form.set_cookies()));
    assert_host_cookie(&csrf_cookie);
    let csrf = form.csrf().expect("csrf field");
    let done = b
        .post(
            "/compte/connexion",
            &[
                ("csrf", csrf.as_str()),
                ("email", "titulaire@exemple.fr"),
                ("password", PASSWORD),
                ("retour", "/compte"),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    let session = done
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("__Host-kiosque_session="))
        .unwrap_or_else(|| panic!("a __Host- session cookie: {:?}", done.set_cookies()));
    assert_host_cookie(&session);
    // The prefixed session works: the member's own page.
    let page = b.get("/compte").await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert!(page.header("strict-transport-security").is_some());
    // A trusted proxy saying the request came over plain http gets no HSTS.
    let proxied = site.start_with(&["--public-url", PUBLIC, "--trusted-proxy", "127.0.0.1"]);
    let res = proxied
        .http
        .get(format!("{}/", proxied.base))
        .header("x-forwarded-proto", "http")
        .send()
        .await
        .expect("GET /");
    assert!(res.headers().get("strict-transport-security").is_none());
}

fn assert_host_cookie(c: &str) {
    let lower = c.to_ascii_lowercase();
    assert!(lower.contains("; secure"), "{c}");
    assert!(lower.contains("path=/"), "{c}");
    assert!(!lower.contains("domain="), "{c}");
}

async fn an_http_site_keeps_plain_cookies_and_no_hsts(site: Site) {
    let server = site.start();
    let form = server.browser().get("/compte/connexion").await;
    assert_eq!(form.header("strict-transport-security"), None);
    let cookies = form.set_cookies();
    let csrf = cookies
        .iter()
        .find(|c| c.starts_with("kiosque_csrf="))
        .unwrap_or_else(|| panic!("{cookies:?}"));
    assert!(!csrf.to_ascii_lowercase().contains("secure"), "{csrf}");
}

both_backends!(
    every_node_writes_the_stored_public_url,
    an_https_site_sends_hsts_and_host_prefixed_cookies,
    an_http_site_keeps_plain_cookies_and_no_hsts,
);
