//! The write API's keys from the command line and its moderation route, on both backends:
//! `kiosque key create` prints a key, once, that works as its owner, and refuses an unknown
//! owner or scope, a reader as owner or a scope the owner's role cannot use; a moderator's key
//! publishes and refuses comments held for moderation, under the owner's name.

use kiosque_store::Store;
use kiosque_test_utils::both_backends;
use kiosque_test_utils::readers::{confirmed_member, wait_for_mail};
use kiosque_test_utils::server::{fixture_article, Site, PASSWORD};
use kiosque_test_utils::write_api::{api_error, article_revisions, held_comment, key_create};
use serde_json::json;

async fn store(site: &Site) -> Store {
    Store::open(&site.store_url()).await.expect("store")
}

async fn key_create_prints_a_key_that_works(site: Site) {
    let server = site.start_relaxed();
    for (email, role) in [
        ("eddy@kiosque.test", "editor"),
        ("mo@kiosque.test", "moderator"),
    ] {
        let out = site.create_user(&["--email", email, "--role", role], PASSWORD);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let reader = site.create_user(&["--email", "lea@kiosque.test"], PASSWORD);
    assert!(reader.status.success());

    let (ok, stdout, stderr) = key_create(
        &site,
        &[
            "--owner",
            "eddy@kiosque.test",
            "--scope",
            "content:read",
            "content:write",
            "--name",
            "Déploiement",
        ],
    );
    assert!(ok, "{stderr}");
    let key = stdout.trim().to_owned();
    assert_eq!(
        stdout.lines().count(),
        1,
        "only the key on standard output: {stdout}"
    );
    assert!(key.starts_with("kq_") && key.len() > 40, "{key}");
    assert!(stderr.contains("content:read content:write"), "{stderr}");

    // It works, as its owner.
    assert_eq!(server.api("/api/v1/sections", Some(&key)).await.status, 200);
    let created = server.api_post(
        "/api/v1/articles",
        &key,
        json!({"title": "Écrit par un script", "section": "france", "blocks": [{"type": "paragraph", "text": "Bonjour."}]}),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("id");
    let s = store(&site).await;
    let eddy = s
        .user_by_email("eddy@kiosque.test")
        .await
        .expect("lookup")
        .expect("eddy")
        .id;
    let keys = s.api_keys().await.expect("keys");
    s.close().await;
    assert_eq!(
        article_revisions(&site, id).await,
        [("save".to_owned(), Some(eddy))]
    );
    // Shown once: the store keeps its hash and beginning, never the key.
    assert_eq!(keys.len(), 1);
    assert!(key.starts_with(&keys[0].prefix) && keys[0].prefix.len() < 16);
    assert_eq!(keys[0].created_by, None);

    // Bad input is refused with a clear message, and makes no key.
    let refusals: [(&[&str], &str); 5] = [
        (
            &[
                "--owner",
                "nobody@kiosque.test",
                "--scope",
                "content:read",
                "--name",
                "x",
            ],
            "no account",
        ),
        (
            &[
                "--owner",
                "eddy@kiosque.test",
                "--scope",
                "content:delete",
                "--name",
                "x",
            ],
            "unknown scope \"content:delete\"",
        ),
        (
            &[
                "--owner",
                "lea@kiosque.test",
                "--scope",
                "content:read",
                "--name",
                "x",
            ],
            "must be staff",
        ),
        (
            &[
                "--owner",
                "mo@kiosque.test",
                "--scope",
                "content:write",
                "--name",
                "x",
            ],
            "cannot use the scope content:write",
        ),
        (
            &[
                "--owner",
                "eddy@kiosque.test",
                "--scope",
                "content:read",
                "--name",
                " ",
            ],
            "--name",
        ),
    ];
    for (args, says) in refusals {
        let (ok, stdout, stderr) = key_create(&site, args);
        assert!(!ok, "{args:?} is refused");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    let (ok, _, stderr) = key_create(&site, &["--owner", "eddy@kiosque.test", "--name", "x"]);
    assert!(!ok && stderr.contains("--scope"), "{stderr}");
    let s = store(&site).await;
    assert_eq!(s.api_keys().await.expect("keys").len(), 1);
    s.close().await;

    // A moderator's key moderates: a comment held for moderation is published.
    let (ok, stdout, stderr) = key_create(
        &site,
        &[
            "--owner",
            "mo@kiosque.test",
            "--scope",
            "comments:moderate",
            "--name",
            "Modération",
        ],
    );
    assert!(ok, "{stderr}");
    let mod_key = stdout.trim().to_owned();
    let wrong = server
        .api_post(
            "/api/v1/comments/1/moderation",
            &key,
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(api_error(&wrong).0, "insufficient_scope");
    let no_reason = server
        .api_post(
            "/api/v1/comments/1/moderation",
            &mod_key,
            json!({"decision": "reject"}),
        )
        .await;
    assert_eq!(no_reason.status, 400);
    assert_eq!(api_error(&no_reason).1.as_deref(), Some("reason"));
    let missing = server
        .api_post(
            "/api/v1/comments/999999/moderation",
            &mod_key,
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(missing.status, 404, "{}", missing.body);

    // Comments held for moderation: one published, one refused with its reason, both in the
    // audit trail under the key's owner, and the refused one's author told why.
    let held = site
        .command()
        .args(["section", "comments", "monde", "--mode", "pre_moderated"])
        .output()
        .expect("section comments");
    assert!(
        held.status.success(),
        "{}",
        String::from_utf8_lossy(&held.stderr)
    );
    let reader = confirmed_member(&server, "Léa Lectrice", "lea2@kiosque.test").await;
    let article = fixture_article(&server).await;
    let kept = held_comment(&site, &reader, &article, "Un avis argumenté et courtois.").await;
    let refused = held_comment(&site, &reader, &article, "Un avis hors sujet.").await;
    let path = |id: i64| format!("/api/v1/comments/{id}/moderation");
    let approved = server
        .api_post(&path(kept), &mod_key, json!({"decision": "approve"}))
        .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    assert_eq!(approved.json()["status"], "published");
    let rejected = server
        .api_post(
            &path(refused),
            &mod_key,
            json!({"decision": "reject", "reason": "Sans rapport avec l'article."}),
        )
        .await;
    assert_eq!(rejected.status, 200, "{}", rejected.body);
    assert_eq!(rejected.json()["status"], "rejected");
    let again = server
        .api_post(&path(refused), &mod_key, json!({"decision": "approve"}))
        .await;
    assert_eq!(
        again.status, 400,
        "a refused comment is not published: {}",
        again.body
    );
    let s = store(&site).await;
    let log = s.moderation_log(10).await.expect("log");
    s.close().await;
    let by_key: Vec<_> = log
        .iter()
        .filter(|l| l.2.is_some_and(|c| c.get() == kept || c.get() == refused))
        .map(|l| (l.0.as_str(), l.1.as_deref()))
        .collect();
    assert_eq!(by_key, [("reject", Some("mo")), ("approve", Some("mo"))]);
    wait_for_mail(
        &server,
        "lea2@kiosque.test",
        "Votre commentaire a été refusé",
    )
    .await;
}

both_backends!(key_create_prints_a_key_that_works);
