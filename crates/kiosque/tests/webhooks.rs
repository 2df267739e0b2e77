//! Webhooks on both backends: admins register a receiver, article events arrive signed, failed
//! deliveries are retried with back-off, and the back office shows the delivery log.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use std::time::Duration;

use axum::http::HeaderMap;
use common::{fixture_article, select, Server, Site};
use kiosque_test_utils::webhook_receiver::{receiver, register};

fn run(site: &Site, args: &[&str]) {
    let out = site.command().args(args).output().expect("run kiosque");
    assert!(
        out.status.success(),
        "kiosque {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
}

async fn article_events_arrive_signed(site: Site) {
    // The receiver listens on loopback, which webhooks may reach only when told so.
    let server: Server =
        site.start_with(&["--rate-limit-factor", "1000", "--webhooks-allow-private"]);
    let admin = server
        .staff(&site, "Admin", "admin@kiosque.test", &["--admin"])
        .await;
    let (url, received) = receiver(0).await;
    let (_, secret) = register(
        &admin,
        &url,
        &[
            "article.published",
            "article.updated",
            "article.unpublished",
        ],
    )
    .await;
    let fixture = fixture_article(&server).await;
    let id = fixture.id.to_string();

    // Unpublish, publish again, then update by re-importing a corrected page (an unchanged
    // page is no update): three events, in order.
    run(&site, &["article", "unpublish", &id]);
    run(&site, &["article", "publish", &id]);
    let original = std::fs::read_to_string(common::fixture_path()).expect("fixture");
    let corrected = original.replace("base navale permanente", "base navale agrandie");
    assert_ne!(corrected, original);
    let fixture_file = site.dir.path().join("corrige.txt");
    std::fs::write(&fixture_file, corrected).expect("write");
    run(
        &site,
        &[
            "import",
            "page",
            "--section",
            "monde",
            fixture_file.to_str().expect("utf-8 path"),
        ],
    );
    let calls = received.wait_for(3).await;
    assert_eq!(calls.len(), 3, "three deliveries");
    let events: Vec<&str> = calls
        .iter()
        .map(|(h, _)| header(h, "kiosque-event"))
        .collect();
    assert_eq!(
        events,
        [
            "article.unpublished",
            "article.published",
            "article.updated"
        ]
    );
    for (h, body) in &calls {
        assert!(header(h, "content-type").starts_with("application/json"));
        let sig = header(h, "kiosque-signature");
        assert!(
            kiosque_domain::webhook::verify_signature(&secret, sig, body.as_bytes()),
            "the signature checks out"
        );
        assert!(!kiosque_domain::webhook::verify_signature(
            "another secret",
            sig,
            body.as_bytes()
        ));
        let json: serde_json::Value = serde_json::from_str(body).expect("json body");
        assert_eq!(json["article"]["id"], fixture.id);
        assert_eq!(json["event"], header(h, "kiosque-event"));
        assert_eq!(
            json["article"]["url"],
            format!("{}{}", server.base, fixture.path)
        );
        assert_eq!(
            json["delivery_id"].to_string(),
            header(h, "kiosque-delivery")
        );
    }
    // Editing an unpublished draft is no event: nothing more arrives.
    run(&site, &["article", "unpublish", &id]);
    let calls = received.wait_for(4).await;
    assert_eq!(calls.len(), 4);
    run(&site, &["article", "unpublish", &id]);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(received.calls.lock().expect("calls").len(), 4);
}

async fn failed_deliveries_are_retried_and_logged(site: Site) {
    let server = site.start_with(&[
        "--rate-limit-factor",
        "1000",
        "--webhook-retry-seconds",
        "0.2",
        "--webhooks-allow-private",
    ]);
    let admin = server
        .staff(&site, "Admin", "admin@kiosque.test", &["--admin"])
        .await;
    let (url, received) = receiver(2).await;
    // Subscribed to unpublishing only: publishing sends nothing.
    let (hook, _) = register(&admin, &url, &["article.unpublished"]).await;
    let fixture = fixture_article(&server).await;
    run(&site, &["article", "unpublish", &fixture.id.to_string()]);
    let calls = received.wait_for(3).await;
    assert_eq!(calls.len(), 3, "two failures, then a success");
    let ids: Vec<&str> = calls
        .iter()
        .map(|(h, _)| header(h, "kiosque-delivery"))
        .collect();
    assert!(
        ids.iter().all(|i| *i == ids[0]),
        "the same delivery, retried"
    );
    assert_eq!(calls[0].1, calls[2].1, "the same body on every try");
    run(&site, &["article", "publish", &fixture.id.to_string()]);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(received.calls.lock().expect("calls").len(), 3);

    // The log shows the delivery, its three attempts and their outcomes.
    let page = admin
        .browser
        .get_until(&format!("/admin/webhooks/{hook}"), |p| {
            p.body.contains("data-status=\"Livré\"")
        })
        .await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let delivery = select(&html, "section.delivery")
        .first()
        .cloned()
        .expect("a delivery in the log");
    assert_eq!(delivery.value().attr("data-status"), Some("Livré"));
    // Each attempt says only whether it was delivered (no status code: issue 14, finding 7).
    let attempts: Vec<String> = select(&html, "section.delivery ol.attempts li")
        .iter()
        .map(common::text)
        .collect();
    assert_eq!(attempts.len(), 3, "{attempts:?}");
    let failed = attempts.iter().filter(|a| a.ends_with("Échec")).count();
    let delivered = attempts.iter().filter(|a| a.ends_with("Livré")).count();
    assert_eq!((failed, delivered), (2, 1), "{attempts:?}");
    assert!(attempts.iter().all(|a| !a.contains("HTTP")), "{attempts:?}");

    // Redeliver on demand.
    let csrf = admin.csrf().await;
    let did = delivery.value().attr("data-delivery").expect("delivery id");
    let page = admin
        .browser
        .post(
            &format!("/admin/webhooks/{hook}/livraisons/{did}/renvoyer"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(page.status, 303);
    assert_eq!(received.wait_for(4).await.len(), 4);

    // Paused: events wait; resumed: they are sent.
    let page = admin
        .browser
        .post(
            &format!("/admin/webhooks/{hook}"),
            &[("csrf", &csrf), ("action", "pause")],
        )
        .await;
    assert_eq!(page.status, 303);
    run(&site, &["article", "unpublish", &fixture.id.to_string()]);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(received.calls.lock().expect("calls").len(), 4);
    admin
        .browser
        .post(
            &format!("/admin/webhooks/{hook}"),
            &[("csrf", &csrf), ("action", "reprise")],
        )
        .await;
    assert_eq!(received.wait_for(5).await.len(), 5);
}

async fn only_admins_register_webhooks(site: Site) {
    let server = site.start_relaxed();
    let editor = server
        .staff(&site, "Ed", "editor@kiosque.test", &["--role", "editor"])
        .await;
    assert_eq!(editor.browser.get("/admin/webhooks").await.status, 403);
    let csrf = editor.csrf().await;
    let forged = editor
        .browser
        .post(
            "/admin/webhooks",
            &[
                ("csrf", &csrf),
                ("url", "http://127.0.0.1:9/x"),
                ("events", "article.published"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);

    let admin = server
        .staff(&site, "Admin", "admin@kiosque.test", &["--admin"])
        .await;
    let csrf = admin.browser.csrf("/admin/webhooks").await;
    for (url, events, message) in [
        ("ftp://example.test/x", "article.published", "http"),
        (
            "https://u:p@example.test/x",
            "article.published",
            "identifiants",
        ),
        ("https://example.test/x", "nothing", "au moins un événement"),
    ] {
        let page = admin
            .browser
            .post(
                "/admin/webhooks",
                &[("csrf", &csrf), ("url", url), ("events", events)],
            )
            .await;
        assert_eq!(page.status, 400, "{url}");
        assert!(page.main_text().contains(message), "{}", page.main_text());
    }
    // Without the form's token, nothing is registered.
    let page = admin
        .browser
        .post(
            "/admin/webhooks",
            &[
                ("csrf", "forged"),
                ("url", "https://example.test/x"),
                ("events", "article.published"),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
    let list = admin.browser.get("/admin/webhooks").await;
    assert!(list
        .html()
        .select(&scraper::Selector::parse("tr[data-webhook]").expect("css"))
        .next()
        .is_none());
}

both_backends!(
    article_events_arrive_signed,
    failed_deliveries_are_retried_and_logged,
    only_admins_register_webhooks,
);
