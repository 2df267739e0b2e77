//! Breaking news (issue 11, item 2), on both backends: an editor sends an alert from
//! `/admin/alerte` and every public page shows it at once, cached or not; a journalist may not;
//! bad input is refused beside its field and stores nothing; ending it, or its expiry, removes
//! it from every page; the log says who and when; `kiosque alert` does the same from the
//! command line, and the running server follows within a second.

use std::time::{Duration, Instant};

use kiosque_domain::alert::AlertDraft;
use kiosque_test_utils::both_backends;
use kiosque_test_utils::server::{fixture_article, select, text, Page, Server, Site};

/// The banner's (label, link text, href) on a page, if it shows one.
fn banner(page: &Page) -> Option<(String, String, Option<String>)> {
    let html = page.html();
    let region = select(&html, "div.alert-banner[role=region]")
        .into_iter()
        .next()?;
    let label = region.value().attr("aria-label").unwrap_or("").to_owned();
    let link = select(&html, "div.alert-banner a").into_iter().next();
    let plain = select(&html, "div.alert-banner span").into_iter().next();
    Some((
        label,
        link.as_ref()
            .or(plain.as_ref())
            .map(text)
            .unwrap_or_default(),
        link.and_then(|a| a.value().attr("href").map(str::to_owned)),
    ))
}

/// Polls `path` until the banner's presence is `shown`, for at most `within`.
async fn banner_within(server: &Server, path: &str, shown: bool, within: Duration) -> bool {
    let start = Instant::now();
    loop {
        let page = server.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        if banner(&page).is_some() == shown {
            return true;
        }
        if start.elapsed() > within {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn an_editor_sends_and_ends_an_alert_on_every_page(site: Site) {
    let server = site.start_relaxed();
    let editor = server
        .staff(
            &site,
            "Rédactrice Chef",
            "chef@kiosque.test",
            &["--role", "editor"],
        )
        .await;
    let journalist = server
        .staff(
            &site,
            "Jules Pigiste",
            "jules@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let article = fixture_article(&server).await;
    // The front page, an article, a section and a search (rendered each time, never kept).
    let pages = [
        "/".to_owned(),
        article.path.clone(),
        "/monde".to_owned(),
        "/recherche?q=Syrie".to_owned(),
    ];
    // Both pages are in the cache before the alert.
    for p in &pages {
        assert!(banner(&server.get(p).await).is_none(), "{p}");
        assert!(banner(&server.get(p).await).is_none(), "{p}");
    }

    // A journalist may neither open the page nor send.
    assert_eq!(journalist.browser.get("/admin/alerte").await.status, 403);
    let jcsrf = journalist.csrf().await;
    let refused = journalist
        .browser
        .post(
            "/admin/alerte",
            &[("csrf", &jcsrf), ("text", "Rumeur"), ("expires", "1h")],
        )
        .await;
    assert_eq!(refused.status, 403);
    let nav = journalist.browser.get("/admin").await;
    assert!(!nav.body.contains("href=\"/admin/alerte\""));

    // The editor finds it in the newsroom's navigation.
    let admin = editor.browser.get("/admin").await;
    assert!(
        admin.body.contains("href=\"/admin/alerte\""),
        "{}",
        admin.body
    );
    let csrf = editor.browser.csrf("/admin/alerte").await;

    // Bad input: each reason beside its field, nothing stored, no banner.
    let bad = editor
        .browser
        .post(
            "/admin/alerte",
            &[
                ("csrf", &csrf),
                ("text", "   "),
                ("link", "javascript:alert(1)"),
                ("expires", "3 semaines"),
            ],
        )
        .await;
    assert_eq!(bad.status, 400);
    let html = bad.html();
    for id in ["al-text-error", "al-link-error", "al-expires-error"] {
        assert_eq!(
            select(&html, &format!("p.field-error#{id}")).len(),
            1,
            "{id}: {}",
            bad.body
        );
    }
    assert!(
        bad.body.contains("javascript:alert(1)"),
        "what was typed is kept"
    );
    let long = "x".repeat(201);
    let too_long = editor
        .browser
        .post(
            "/admin/alerte",
            &[("csrf", &csrf), ("text", &long), ("expires", "1h")],
        )
        .await;
    assert_eq!(too_long.status, 400);
    assert!(select(&too_long.html(), "#al-text-error").len() == 1);
    let log = editor.browser.get("/admin/alerte").await;
    assert!(
        select(&log.html(), "table.journal").is_empty(),
        "nothing stored: {}",
        log.main_text()
    );
    for p in &pages {
        assert!(banner(&server.get(p).await).is_none(), "{p}");
    }

    let before = server.get("/").await;
    let etag = before.header("etag").expect("etag").to_owned();
    let last_modified = before
        .header("last-modified")
        .expect("last-modified")
        .to_owned();

    // A good alert shows at once on every page, cached ones included.
    let sent = editor
        .browser
        .post(
            "/admin/alerte",
            &[
                ("csrf", &csrf),
                ("text", "Séisme de magnitude 7 au large du Japon"),
                ("link", &article.path),
                ("expires", "2h"),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.main_text());
    for p in &pages {
        let page = server.get(p).await;
        let (label, text, href) = banner(&page).unwrap_or_else(|| panic!("{p}: no banner"));
        assert_eq!(label, "Alerte info");
        assert!(
            text.contains("Séisme de magnitude 7 au large du Japon"),
            "{text}"
        );
        assert_eq!(href.as_deref(), Some(article.path.as_str()));
    }
    // Browsers revalidating what they saw before the alert get it too, not a 304.
    for (name, value) in [
        ("if-none-match", &etag),
        ("if-modified-since", &last_modified),
    ] {
        let res = server
            .http
            .get(format!("{}/", server.base))
            .header(name, value.as_str())
            .send()
            .await
            .expect("revalidate");
        assert_eq!(res.status().as_u16(), 200, "{name}");
        assert!(
            res.text().await.expect("body").contains("alert-banner"),
            "{name}"
        );
    }
    // A second alert replaces the first: only one banner.
    let sent = editor
        .browser
        .post(
            "/admin/alerte",
            &[
                ("csrf", &csrf),
                ("text", "Réplique ressentie à Tokyo"),
                ("expires", "30m"),
            ],
        )
        .await;
    assert_eq!(sent.status, 303);
    let front = server.get("/").await;
    assert_eq!(select(&front.html(), ".alert-banner").len(), 1);
    assert_eq!(
        banner(&front).map(|b| b.1),
        Some("Réplique ressentie à Tokyo".to_owned())
    );

    // The log says who sent what, and that the first was ended by the second.
    let log = editor.browser.get("/admin/alerte").await.main_text();
    assert!(
        log.contains("Séisme de magnitude 7 au large du Japon"),
        "{log}"
    );
    assert!(log.contains("Réplique ressentie à Tokyo"), "{log}");
    assert!(log.contains("par Rédactrice Chef"), "{log}");
    assert!(log.contains("En cours"), "{log}");

    // Ending removes it from every page at once.
    let ended = editor
        .browser
        .post("/admin/alerte/fin", &[("csrf", &csrf)])
        .await;
    assert_eq!(ended.status, 303);
    for p in &pages {
        assert!(banner(&server.get(p).await).is_none(), "{p}");
    }
    let log = editor.browser.get("/admin/alerte").await.main_text();
    assert!(!log.contains("En cours"), "{log}");
    assert!(log.contains("Aucune alerte en cours"), "{log}");
    // Without a CSRF token nothing happens.
    let forged = editor
        .browser
        .post("/admin/alerte", &[("text", "Faux"), ("expires", "1h")])
        .await;
    assert_eq!(forged.status, 403);
    assert!(banner(&server.get("/").await).is_none());
}

async fn an_expired_alert_disappears_without_a_write(site: Site) {
    let server = site.start_relaxed();
    // Pages cached before the alert.
    assert!(banner(&server.get("/").await).is_none());
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let draft = AlertDraft::new("Alerte brève", "", 60_000).expect("draft");
    // Sent 58 s ago for a minute: it shows for about two more seconds.
    let sent_at = chrono::Utc::now().timestamp_millis() - 58_000;
    store
        .send_alert_at(None, &draft, sent_at)
        .await
        .expect("send");
    store.close().await;
    assert!(
        banner_within(&server, "/", true, Duration::from_millis(1500)).await,
        "the alert written by another process shows"
    );
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(banner(&server.get("/").await).is_none(), "expired");
}

async fn the_command_line_sends_and_ends(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    assert!(banner(&server.get(&article.path).await).is_none());
    let run = |args: &[&str]| {
        site.command()
            .arg("alert")
            .args(args)
            .output()
            .expect("run kiosque alert")
    };
    // Clear refusals: a bad duration, a bad link.
    let out = run(&["send", "--text", "Test", "--expires", "2 jours"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--expires"), "{err}");
    let out = run(&[
        "send",
        "--text",
        "Test",
        "--link",
        "ftp://x",
        "--expires",
        "2h",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--link"));

    let out = run(&[
        "send",
        "--text",
        "Explosion dans le port de Marseille",
        "--link",
        "https://exemple.fr/direct",
        "--expires",
        "2h",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        banner_within(&server, &article.path, true, Duration::from_secs(1)).await,
        "the server shows the CLI's alert within a second"
    );
    let page = server.get("/").await;
    let (_, text, href) = banner(&page).expect("banner");
    assert!(text.contains("Explosion dans le port de Marseille"));
    assert_eq!(href.as_deref(), Some("https://exemple.fr/direct"));

    let out = run(&["end"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        banner_within(&server, &article.path, false, Duration::from_secs(1)).await,
        "the server hides it within a second"
    );
    assert!(banner(&server.get("/").await).is_none());

    // --by names the sender in the log, and must be an editor or an admin.
    let admin = server
        .staff(&site, "Admin", "admin@kiosque.test", &["--admin"])
        .await;
    server
        .staff(
            &site,
            "Jules",
            "jules@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let out = run(&[
        "send",
        "--text",
        "Non",
        "--expires",
        "1h",
        "--by",
        "jules@kiosque.test",
    ]);
    assert!(!out.status.success());
    let out = run(&[
        "send",
        "--text",
        "Oui",
        "--expires",
        "1h",
        "--by",
        "admin@kiosque.test",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = admin.browser.get("/admin/alerte").await.main_text();
    assert!(log.contains("par Admin"), "{log}");
}

async fn the_english_site_says_breaking(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--language", "en"]);
    assert!(banner(&server.get("/").await).is_none());
    let out = site
        .command()
        .args([
            "alert",
            "send",
            "--text",
            "Earthquake off Japan",
            "--expires",
            "30m",
        ])
        .output()
        .expect("run kiosque alert");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(banner_within(&server, "/", true, Duration::from_secs(1)).await);
    let page = server.get("/").await;
    let (label, text, href) = banner(&page).expect("banner");
    assert_eq!(label, "Breaking");
    assert!(page.body.contains(">Breaking</strong>"), "{}", page.body);
    assert_eq!(text, "Earthquake off Japan");
    assert_eq!(href, None);
}

both_backends!(
    the_english_site_says_breaking,
    an_editor_sends_and_ends_an_alert_on_every_page,
    an_expired_alert_disappears_without_a_write,
    the_command_line_sends_and_ends,
);
