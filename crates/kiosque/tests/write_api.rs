//! The write API on both backends, as a partner's program uses it: a key made by an admin for a
//! journalist creates a draft in the editor's syntax, uploads an image, updates the draft with
//! structured blocks (a stale version gets 409 and stores nothing) and publishes it in the
//! journalist's section; outside the key's scopes or the journalist's rights it is refused
//! with a code, and every revision is the journalist's. Keys made on the command line and
//! moderation are in `write_api_keys.rs`.

use kiosque_domain::{ArticleId, UserId};
use kiosque_store::Store;
use kiosque_test_utils::both_backends;
use kiosque_test_utils::server::{select, Member, Page, Server, Site};
use kiosque_test_utils::write_api::{api_error, article_revisions, two_tone_jpeg};
use reqwest::Method;
use serde_json::{json, Value};

/// An admin makes a key at /admin/api for `owner` (an account id), with these scopes ticked.
async fn key_for(admin: &Member, owner: i64, scopes: &[&str]) -> String {
    let page = admin.browser.get("/admin/api").await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let offered: Vec<String> = select(&html, "#key-owner option")
        .iter()
        .filter_map(|o| o.value().attr("value").map(str::to_owned))
        .collect();
    assert!(offered.contains(&owner.to_string()), "{offered:?}");
    let ticks: Vec<String> = select(&html, "input[name=scope]")
        .iter()
        .filter_map(|i| i.value().attr("value").map(str::to_owned))
        .collect();
    assert_eq!(
        ticks,
        [
            "content:read",
            "content:write",
            "media:write",
            "live:write",
            "comments:moderate"
        ]
    );
    drop(html);
    let csrf = page.csrf().expect("a csrf field");
    let owner = owner.to_string();
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("name", "Agence partenaire"),
        ("owner", owner.as_str()),
    ];
    form.extend(scopes.iter().map(|s| ("scope", *s)));
    let made = admin.browser.post("/admin/api", &form).await;
    assert_eq!(made.status, 201, "{}", made.main_text());
    let html = made.html();
    select(&html, "input.new-key")
        .first()
        .and_then(|i| i.value().attr("value"))
        .expect("the new key is shown once")
        .to_owned()
}

async fn put(server: &Server, path: &str, key: &str, body: Value) -> Page {
    server.api_send(Method::PUT, path, Some(key), &body).await
}

async fn store(site: &Site) -> Store {
    Store::open(&site.store_url()).await.expect("store")
}

async fn a_journalists_key_writes_uploads_and_publishes(site: Site) {
    let server = site.start_relaxed();
    let admin = server
        .staff(&site, "Ada Admin", "ada@kiosque.test", &["--admin"])
        .await;
    let journalist = server
        .staff(
            &site,
            "Jeanne Reporter",
            "jeanne@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let jeanne = UserId(journalist.id().await);
    let key = key_for(&admin, jeanne.get(), &["content:write", "media:write"]).await;

    // A draft in the editor's syntax, by the key's owner.
    let created = server
        .api_post(
            "/api/v1/articles",
            &key,
            json!({
                "title": "Des pourparlers à Genève",
                "section": "monde",
                "body": "Les délégations se retrouvent *ce matin*.\n\n## Un calendrier serré",
                "tags": ["Diplomatie"],
            }),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let a = created.json();
    let id = a["id"].as_i64().expect("an id");
    assert_eq!(
        (a["version"].as_i64(), a["status"].as_str()),
        (Some(1), Some("draft"))
    );
    assert!(a["url"].is_null(), "a draft has no public page");

    // An image through the API, under the library's rules.
    let no_alt = server
        .api_upload(
            "/api/v1/media",
            Some(&key),
            Some(("geneve.jpg", two_tone_jpeg(320, 200))),
            &[],
        )
        .await;
    assert_eq!(no_alt.status, 400, "{}", no_alt.body);
    assert_eq!(api_error(&no_alt).1.as_deref(), Some("alt"));
    let not_image = server
        .api_upload(
            "/api/v1/media",
            Some(&key),
            Some(("geneve.jpg", b"GIF? no, a text file".to_vec())),
            &[("alt", "Genève")],
        )
        .await;
    assert_eq!(not_image.status, 400, "{}", not_image.body);
    assert_eq!(
        api_error(&not_image),
        ("media.not_an_image".into(), Some("file".into()))
    );
    let uploaded = server
        .api_upload(
            "/api/v1/media",
            Some(&key),
            Some(("geneve.jpg", two_tone_jpeg(640, 400))),
            &[("alt", "Le palais des Nations"), ("credit", "Kiosque")],
        )
        .await;
    assert_eq!(uploaded.status, 201, "{}", uploaded.body);
    let media = uploaded.json();
    let path = media["path"].as_str().expect("a library path").to_owned();
    assert!(media["markup"].as_str().is_some_and(|m| m.contains(&path)));
    let s = store(&site).await;
    let library = s.media_list(None, 0, 10).await.expect("library");
    s.close().await;
    assert_eq!(library.0.len(), 1, "refused uploads stored nothing");

    // An update with structured blocks, naming the image; then a stale one.
    let blocks = json!([
        {"type": "paragraph", "text": "Les délégations se retrouvent *ce matin*."},
        {"type": "image", "media": {"path": path, "alt": "Le palais des Nations"}},
        {"type": "quote", "text": "Rien n'est exclu.", "source": "Un diplomate"},
    ]);
    let update = |version: i64, blocks: Value| json!({"version": version, "title": "Des pourparlers à Genève", "section": "monde", "blocks": blocks});
    let saved = put(
        &server,
        &format!("/api/v1/articles/{id}"),
        &key,
        update(1, blocks.clone()),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(saved.json()["version"].as_i64(), Some(2));
    let before = article_revisions(&site, id).await.len();
    let stale = put(
        &server,
        &format!("/api/v1/articles/{id}"),
        &key,
        update(1, json!([])),
    )
    .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert_eq!(
        api_error(&stale),
        ("version_conflict".into(), Some("version".into()))
    );
    assert_eq!(stale.json()["error"]["current_version"].as_i64(), Some(2));
    assert_eq!(
        article_revisions(&site, id).await.len(),
        before,
        "a stale write keeps nothing"
    );

    // Bad input names its field and stores nothing: a body over the size limit first.
    let huge = "Un paragraphe très long. ".repeat(120_000);
    let too_big = put(
        &server,
        &format!("/api/v1/articles/{id}"),
        &key,
        json!({"version": 2, "title": "x", "section": "monde", "body": huge}),
    )
    .await;
    assert_eq!(too_big.status, 413, "{}", too_big.body);
    // The rest of the body was never read: the server closes this connection, and says so.
    assert_eq!(
        too_big
            .headers
            .get("connection")
            .and_then(|v| v.to_str().ok()),
        Some("close")
    );
    assert_eq!(
        api_error(&too_big),
        ("too_large".into(), Some("body".into()))
    );
    let missing = json!([{"type": "image", "media": {"path": "/2016/12/23/rien.jpg", "alt": "x"}}]);
    let cases = [
        (
            update(2, blocks.clone())
                .as_object()
                .map(|o| {
                    let mut o = o.clone();
                    o.insert("title".into(), json!("  "));
                    Value::Object(o)
                })
                .expect("object"),
            "draft.empty_title",
            "title",
        ),
        (update(2, missing), "unknown_image", "blocks"),
        (
            update(2, json!([{"type": "embed", "url": "javascript:alert(1)"}])),
            "markup",
            "blocks[0]",
        ),
        (
            json!({"version": 2, "title": "x", "section": "monde", "body": "a", "blocks": []}),
            "body_twice",
            "blocks",
        ),
        (
            json!({"version": 2, "title": 5, "section": "monde"}),
            "invalid_field",
            "title",
        ),
    ];
    for (body, want_code, want_field) in cases {
        let refused = put(&server, &format!("/api/v1/articles/{id}"), &key, body).await;
        assert_eq!(refused.status, 400, "{}", refused.body);
        assert_eq!(
            api_error(&refused),
            (want_code.to_owned(), Some(want_field.to_owned()))
        );
    }
    assert_eq!(
        article_revisions(&site, id).await.len(),
        before,
        "refused input keeps nothing"
    );

    // A schedule in the past is refused; publishing in her section is hers to do.
    let past = server
        .api_post(
            &format!("/api/v1/articles/{id}/workflow"),
            &key,
            json!({"action": "schedule", "version": 2, "scheduled_at": "2020-01-01T08:00:00Z"}),
        )
        .await;
    assert_eq!(past.status, 400, "{}", past.body);
    assert_eq!(api_error(&past).1.as_deref(), Some("scheduled_at"));
    let published = server
        .api_post(
            &format!("/api/v1/articles/{id}/workflow"),
            &key,
            json!({"action": "publish", "version": 2}),
        )
        .await;
    assert_eq!(published.status, 200, "{}", published.body);
    let done = published.json();
    assert_eq!(done["status"], "published");
    let url = done["url"].as_str().expect("a public page").to_owned();
    let public = server.get(url.trim_start_matches(&server.base)).await;
    assert_eq!(public.status, 200);
    assert!(
        public.body.contains("<em>ce matin</em>"),
        "{}",
        public.main_text()
    );
    // Shown in its variants, named after the original.
    let stem = path
        .trim_start_matches('/')
        .rsplit_once('.')
        .map_or("", |(stem, _)| stem);
    assert!(
        !stem.is_empty() && public.body.contains(stem),
        "the image is shown: {}",
        public.body
    );

    // Read back with its version, as text and as blocks, to be updated again.
    let back = server
        .api(&format!("/api/v1/articles/{id}/draft"), Some(&key))
        .await;
    assert_eq!(back.status, 200, "{}", back.body);
    let back = back.json();
    assert_eq!(back["version"].as_i64(), done["version"].as_i64());
    assert_eq!(back["status"], "published");
    assert!(back["body"]
        .as_str()
        .is_some_and(|b| b.contains("*ce matin*")));
    assert_eq!(back["blocks"][1]["type"], "image");
    assert_eq!(back["blocks"][1]["media"]["path"], path.as_str());

    // Every write was a revision by the key's owner.
    let revs = article_revisions(&site, id).await;
    assert!(revs.len() >= 3, "{revs:?}");
    assert!(revs.iter().all(|(_, by)| *by == Some(jeanne)), "{revs:?}");

    // Outside her rights: she may not publish in a section she was not given.
    let elsewhere = server
        .api_post(
            "/api/v1/articles",
            &key,
            json!({"title": "Un festival", "section": "culture", "body": "Texte."}),
        )
        .await;
    assert_eq!(elsewhere.status, 201, "{}", elsewhere.body);
    let other = elsewhere.json()["id"].as_i64().expect("id");
    let refused = server
        .api_post(
            &format!("/api/v1/articles/{other}/workflow"),
            &key,
            json!({"action": "publish", "version": 1}),
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(api_error(&refused).0, "forbidden");
    let s = store(&site).await;
    let meta = s
        .article_meta(ArticleId(other))
        .await
        .expect("meta")
        .expect("there");
    s.close().await;
    assert_eq!(
        (meta.status.as_str(), meta.version),
        ("draft", 1),
        "nothing changed"
    );

    // Outside the key's scopes: it cannot read, and a read-only key cannot write.
    let read = server.api("/api/v1/articles", Some(&key)).await;
    assert_eq!(read.status, 403);
    assert_eq!(api_error(&read).0, "insufficient_scope");
    let reader_key = key_for(&admin, jeanne.get(), &["content:read"]).await;
    assert_eq!(
        server
            .api("/api/v1/articles", Some(&reader_key))
            .await
            .status,
        200
    );
    let s = store(&site).await;
    let count = s.count_articles().await.expect("count");
    s.close().await;
    let denied = server
        .api_post(
            "/api/v1/articles",
            &reader_key,
            json!({"title": "Pirate", "section": "monde"}),
        )
        .await;
    assert_eq!(denied.status, 403, "{}", denied.body);
    assert_eq!(api_error(&denied).0, "insufficient_scope");
    let denied = server
        .api_upload(
            "/api/v1/media",
            Some(&reader_key),
            Some(("x.jpg", two_tone_jpeg(64, 64))),
            &[("alt", "x")],
        )
        .await;
    assert_eq!(api_error(&denied).0, "insufficient_scope");
    let s = store(&site).await;
    assert_eq!(s.count_articles().await.expect("count"), count);
    s.close().await;
    assert_eq!(
        server
            .api_send(Method::POST, "/api/v1/articles", None, &json!({}))
            .await
            .status,
        401
    );
}

both_backends!(a_journalists_key_writes_uploads_and_publishes);
