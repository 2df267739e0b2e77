//! The content API on both backends: keys made in the back office, errors in JSON, cursor
//! pagination, filters, structured bodies, rate limits, and the OpenAPI document covering every
//! route.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use std::collections::HashSet;

use common::{fixture_article, select, Server, Site};
use kiosque_test_utils::write_api::assert_write_operation;

/// An admin creates a key at /admin/api; the page shows it once.
async fn new_key(server: &Server, site: &Site, admin_email: &str) -> String {
    let admin = server
        .staff(site, "Admin API", admin_email, &["--admin"])
        .await;
    let csrf = admin.browser.csrf("/admin/api").await;
    let page = admin
        .browser
        .post(
            "/admin/api",
            &[("csrf", &csrf), ("name", "Application mobile")],
        )
        .await;
    assert_eq!(page.status, 201, "{}", page.main_text());
    let html = page.html();
    let key = select(&html, "input.new-key")
        .first()
        .and_then(|i| i.value().attr("value"))
        .expect("the new key is shown")
        .to_owned();
    assert!(key.starts_with("kq_") && key.len() > 40, "{key}");
    key
}

fn error_code(page: &common::Page) -> String {
    assert!(
        page.content_type
            .as_deref()
            .is_some_and(|c| c.starts_with("application/json")),
        "errors are JSON: {:?} {}",
        page.content_type,
        page.body
    );
    page.json()["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {}", page.body))
        .to_owned()
}

async fn keys_are_made_by_admins_and_required(site: Site) {
    let server = site.start_relaxed();
    // Only admins reach the keys page.
    let visitor = server.browser();
    let page = visitor.get("/admin/api").await;
    assert_eq!(page.status, 303);
    let moderator = server
        .staff(&site, "Modo", "modo@kiosque.test", &["--role", "moderator"])
        .await;
    assert_eq!(moderator.browser.get("/admin/api").await.status, 403);
    let csrf = moderator.csrf().await;
    let forged = moderator
        .browser
        .post("/admin/api", &[("csrf", &csrf), ("name", "pirate")])
        .await;
    assert_eq!(forged.status, 403);

    let key = new_key(&server, &site, "admin@kiosque.test").await;

    // No key, a wrong key, a malformed header: 401 in JSON, with the scheme to use.
    let none = server.api("/api/v1/articles", None).await;
    assert_eq!(none.status, 401);
    assert_eq!(error_code(&none), "unauthorized");
    assert_eq!(
        none.headers
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer realm=\"kiosque\"")
    );
    let wrong = server
        .api("/api/v1/articles", Some(&format!("{key}x")))
        .await;
    assert_eq!(wrong.status, 401);
    let ok = server.api("/api/v1/articles", Some(&key)).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.json()["items"].as_array().is_some_and(|a| !a.is_empty()));

    // The key is stored as a hash: the back office shows its beginning only, and the database
    // finds it by its SHA-256.
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let hash = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(key.as_bytes()))
    };
    let id = store
        .api_key_id(&hash)
        .await
        .expect("lookup")
        .expect("stored by its hash");
    assert!(store
        .api_keys()
        .await
        .expect("keys")
        .iter()
        .all(|k| !key.contains(&k.name) && key.starts_with(&k.prefix) && k.prefix.len() < 16));

    // A revoked key is refused at once.
    store.revoke_api_key(id).await.expect("revoke");
    store.close().await;
    let revoked = server.api("/api/v1/articles", Some(&key)).await;
    assert_eq!(revoked.status, 401);
}

async fn articles_page_with_cursors_and_filters(site: Site) {
    let server = site.start_relaxed();
    let key = new_key(&server, &site, "admin@kiosque.test").await;
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let published = store.count_articles().await.expect("count");
    store.close().await;

    // Walking the cursors visits every published article once, newest first.
    let mut seen = Vec::new();
    let mut dates = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let path = match &cursor {
            Some(c) => format!("/api/v1/articles?limit=7&cursor={c}"),
            None => "/api/v1/articles?limit=7".to_owned(),
        };
        let page = server.api(&path, Some(&key)).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let json = page.json();
        let items = json["items"].as_array().expect("items").clone();
        assert!(items.len() <= 7);
        for a in &items {
            seen.push(a["id"].as_i64().expect("id"));
            dates.push(a["published_at"].as_str().expect("date").to_owned());
            assert!(a["url"]
                .as_str()
                .is_some_and(|u| u.starts_with(&server.base) && u.ends_with(".html")));
        }
        match json["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len() as i64, published, "every published article once");
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), seen.len());
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");

    // Filters: a section (with its children), a tag, an author, a date range.
    let monde = server
        .api("/api/v1/articles?section=monde&limit=100", Some(&key))
        .await
        .json();
    let sections: HashSet<String> = monde["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|a| a["section"]["slug"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(sections.contains("monde") || sections.contains("europe"));
    let tree = server.api("/api/v1/sections", Some(&key)).await.json();
    for s in &sections {
        let row = tree["items"]
            .as_array()
            .expect("sections")
            .iter()
            .find(|x| x["slug"] == s.as_str())
            .expect("known section");
        assert!(
            s == "monde" || row["parent"] == "monde",
            "{s} is not within monde"
        );
    }
    let fixture = fixture_article(&server).await;
    let article = server
        .api(&format!("/api/v1/articles/{}", fixture.id), Some(&key))
        .await
        .json();
    let tag = article["tags"][0]["slug"]
        .as_str()
        .expect("a tag")
        .to_owned();
    let tagged = server
        .api(&format!("/api/v1/articles?tag={tag}"), Some(&key))
        .await
        .json();
    assert!(tagged["items"]
        .as_array()
        .expect("items")
        .iter()
        .any(|a| a["id"] == fixture.id));
    let authors = server
        .api("/api/v1/authors?limit=100", Some(&key))
        .await
        .json();
    let author = authors["items"]
        .as_array()
        .expect("authors")
        .iter()
        .find(|a| a["articles"].as_i64().unwrap_or(0) > 0)
        .expect("an author with articles")
        .clone();
    let by_author = server
        .api(
            &format!(
                "/api/v1/articles?author={}&limit=100",
                author["slug"].as_str().unwrap_or_default()
            ),
            Some(&key),
        )
        .await
        .json();
    assert_eq!(
        by_author["items"].as_array().map(|a| a.len() as i64),
        author["articles"].as_i64()
    );
    // The founding article was published on 23/12/2016 (Paris).
    let day = server
        .api(
            "/api/v1/articles?since=2016-12-23&until=2016-12-24",
            Some(&key),
        )
        .await
        .json();
    let ids: Vec<i64> = day["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|a| a["id"].as_i64())
        .collect();
    assert!(ids.contains(&fixture.id), "{ids:?}");
    assert!(day["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|a| a["published_at"]
            .as_str()
            .is_some_and(|d| d.starts_with("2016-12-2"))));

    // Malformed parameters: 400 with a message, never a 500.
    for bad in [
        "/api/v1/articles?limit=0",
        "/api/v1/articles?limit=abc",
        "/api/v1/articles?cursor=xyz",
        "/api/v1/articles?since=23/12/2016",
        "/api/v1/tags?cursor=abc",
        "/api/v1/search?q=",
        "/api/v1/search?q=syrie&sort=popular",
    ] {
        let page = server.api(bad, Some(&key)).await;
        assert_eq!(page.status, 400, "{bad}: {}", page.body);
        assert_eq!(error_code(&page), "bad_request");
        assert!(!page.json()["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .is_empty());
    }
}

async fn an_article_has_a_structured_body(site: Site) {
    let server = site.start_relaxed();
    let key = new_key(&server, &site, "admin@kiosque.test").await;
    let fixture = fixture_article(&server).await;
    let page = server
        .api(&format!("/api/v1/articles/{}", fixture.id), Some(&key))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let a = page.json();
    assert_eq!(a["id"], fixture.id);
    assert_eq!(a["url"], format!("{}{}", server.base, fixture.path));
    assert!(a["title"].as_str().is_some_and(|t| t.contains("Poutine")));
    assert_eq!(a["section"]["slug"], "monde");
    let body = a["body"].as_array().expect("blocks");
    let kinds: HashSet<&str> = body.iter().filter_map(|b| b["type"].as_str()).collect();
    assert!(
        kinds.contains("paragraph") && kinds.contains("intertitle"),
        "{kinds:?}"
    );
    assert!(body
        .iter()
        .filter(|b| b["type"] == "paragraph")
        .all(|b| b["text"].as_str().is_some_and(|t| !t.contains('<'))));
    assert!(a["published_at"]
        .as_str()
        .is_some_and(|d| d.starts_with("2016-12-2")));
    assert!(a["hero"]["url"]
        .as_str()
        .is_some_and(|u| u.starts_with(&format!("{}/media/", server.base))));

    // Unknown, malformed and unpublished ids are 404s in JSON.
    for path in [
        "/api/v1/articles/999999",
        "/api/v1/articles/abc",
        "/api/v1/nothing",
    ] {
        let page = server.api(path, Some(&key)).await;
        assert_eq!(page.status, 404, "{path}");
        assert_eq!(error_code(&page), "not_found");
    }
    let out = site
        .command()
        .args(["article", "unpublish", &fixture.id.to_string()])
        .output()
        .expect("unpublish");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let gone = server
        .api(&format!("/api/v1/articles/{}", fixture.id), Some(&key))
        .await;
    assert_eq!(gone.status, 404);
    let list = server
        .api("/api/v1/articles?limit=100", Some(&key))
        .await
        .json();
    assert!(list["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|x| x["id"] != fixture.id));
}

async fn taxonomy_videos_and_search(site: Site) {
    let server = site.start_relaxed();
    let key = new_key(&server, &site, "admin@kiosque.test").await;
    let sections = server.api("/api/v1/sections", Some(&key)).await.json();
    let items = sections["items"].as_array().expect("sections");
    assert!(items
        .iter()
        .any(|s| s["slug"] == "monde" && s["parent"].is_null()));
    assert!(
        items.iter().any(|s| s["parent"] == "monde"),
        "a child section"
    );

    // Tags page by id cursor too.
    let first = server.api("/api/v1/tags?limit=2", Some(&key)).await.json();
    let next = first["next_cursor"].as_str().expect("more tags").to_owned();
    let second = server
        .api(&format!("/api/v1/tags?limit=2&cursor={next}"), Some(&key))
        .await
        .json();
    let a: Vec<i64> = first["items"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|t| t["id"].as_i64())
        .collect();
    let b: Vec<i64> = second["items"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|t| t["id"].as_i64())
        .collect();
    assert_eq!(a.len(), 2);
    assert!(!b.is_empty() && b.iter().all(|id| !a.contains(id) && *id > a[1]));

    // The 30 videos of the founding page, newest first, 20 then 10.
    let videos = server.api("/api/v1/videos", Some(&key)).await.json();
    assert_eq!(videos["items"].as_array().map(Vec::len), Some(20));
    let next = videos["next_cursor"]
        .as_str()
        .expect("a second page")
        .to_owned();
    let rest = server
        .api(&format!("/api/v1/videos?cursor={next}"), Some(&key))
        .await
        .json();
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(10));
    assert!(rest["next_cursor"].is_null());
    let vid = videos["items"][0]["id"].as_i64().expect("video id");
    let one = server
        .api(&format!("/api/v1/videos/{vid}"), Some(&key))
        .await;
    assert_eq!(one.status, 200);
    assert!(one.json()["url"]
        .as_str()
        .is_some_and(|u| u.contains("/videos/")));

    // Search, with French analysis as on the site.
    let fixture = fixture_article(&server).await;
    let found = server
        .api_json_until("/api/v1/search?q=poutine+assad", &key, |j| {
            j["total"].as_u64().unwrap_or(0) > 0
        })
        .await;
    assert_eq!(found["items"][0]["article"]["id"], fixture.id);
    assert!(found["items"][0]["snippet"]
        .as_array()
        .is_some_and(|runs| runs.iter().any(|r| r["highlighted"] == true)));
}

async fn too_many_requests_get_429_with_retry_after(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--api-rate-limit", "5"]);
    let key = new_key(&server, &site, "admin@kiosque.test").await;
    for i in 0..5 {
        let page = server.api("/api/v1/sections", Some(&key)).await;
        assert_eq!(page.status, 200, "request {i}");
    }
    let refused = server.api("/api/v1/sections", Some(&key)).await;
    assert_eq!(refused.status, 429);
    assert_eq!(error_code(&refused), "rate_limited");
    let retry: u64 = refused
        .headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    // Unknown keys are refused before they count against anyone.
    assert_eq!(
        server.api("/api/v1/sections", Some("kq_nope")).await.status,
        401
    );
}

/// Guessing keys from one address ends in 429 after 30 refusals a minute.
async fn bad_keys_are_rate_limited_per_address(site: Site) {
    let server = site.start();
    for i in 0..30 {
        let page = server
            .api("/api/v1/articles", Some(&format!("kq_guess{i}")))
            .await;
        assert_eq!(page.status, 401, "guess {i}");
    }
    let refused = server.api("/api/v1/articles", Some("kq_guess30")).await;
    assert_eq!(refused.status, 429);
    assert_eq!(error_code(&refused), "rate_limited");
    assert!(refused.headers.get("retry-after").is_some());
    // The public document stays reachable.
    assert_eq!(server.api("/api/v1/openapi.json", None).await.status, 200);
}

/// Every path and method of the OpenAPI document answers as documented, with and without a
/// key; the unit test `every_api_route_is_documented` covers the converse.
async fn the_openapi_document_covers_the_routes(site: Site) {
    let server = site.start_relaxed();
    let key = new_key(&server, &site, "admin@kiosque.test").await;
    let doc = server.api("/api/v1/openapi.json", None).await;
    assert_eq!(doc.status, 200, "the document needs no key");
    let doc = doc.json();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let fixture = fixture_article(&server).await;
    let video = server
        .api("/api/v1/videos?limit=1", Some(&key))
        .await
        .json()["items"][0]["id"]
        .as_i64()
        .expect("a video");
    let paths = doc["paths"].as_object().expect("paths");
    let expected = [
        "/api/v1/articles/{id}/draft",
        "/api/v1/articles/{id}/workflow",
        "/api/v1/media",
        "/api/v1/comments/{id}/moderation",
        "/api/v1/articles",
        "/api/v1/articles/{id}",
        "/api/v1/sections",
        "/api/v1/tags",
        "/api/v1/authors",
        "/api/v1/videos",
        "/api/v1/videos/{id}",
        "/api/v1/search",
        "/api/v1/openapi.json",
    ];
    for p in expected {
        assert!(paths.contains_key(p), "{p} is documented");
    }
    // A key with every scope, owned by an admin, for the write operations.
    let writer = {
        let admin = server
            .staff(&site, "Admin API 2", "admin2@kiosque.test", &["--admin"])
            .await;
        let csrf = admin.browser.csrf("/admin/api").await;
        let mut form = vec![("csrf", csrf.as_str()), ("name", "Tout")];
        let scopes = [
            "content:read",
            "content:write",
            "media:write",
            "live:write",
            "comments:moderate",
        ];
        form.extend(scopes.iter().map(|s| ("scope", *s)));
        let page = admin.browser.post("/admin/api", &form).await;
        assert_eq!(page.status, 201, "{}", page.main_text());
        let html = page.html();
        select(&html, "input.new-key")
            .first()
            .and_then(|i| i.value().attr("value"))
            .expect("the new key")
            .to_owned()
    };
    for (path, ops) in paths {
        for (method, op) in ops.as_object().expect("operations") {
            let scope = op["security"][0]["api_key"][0].as_str().unwrap_or_default();
            if !scope.is_empty() && scope != "content:read" {
                let id = fixture.id.to_string();
                assert_write_operation(
                    &server,
                    &key,
                    &writer,
                    &path.replace("{id}", &id),
                    method,
                    op,
                )
                .await;
                continue;
            }
            assert_eq!(method, "get", "the read scope only reads");
            let concrete = if path.starts_with("/api/v1/videos/") {
                path.replace("{id}", &video.to_string())
            } else {
                path.replace("{id}", &fixture.id.to_string())
            };
            let concrete = if path == "/api/v1/search" {
                format!("{concrete}?q=syrie")
            } else {
                concrete
            };
            let with = server.api(&concrete, Some(&key)).await;
            assert_eq!(with.status, 200, "{concrete}: {}", with.body);
            assert!(
                op["responses"]["200"].is_object(),
                "{path} documents its 200"
            );
            let secured = op["security"].is_array();
            let without = server.api(&concrete, None).await;
            if secured {
                assert_eq!(without.status, 401, "{concrete} needs a key");
                assert!(
                    op["responses"]["401"].is_object(),
                    "{path} documents its 401"
                );
            } else {
                assert_eq!(without.status, 200, "{concrete} is public");
            }
        }
    }
}

both_backends!(
    keys_are_made_by_admins_and_required,
    articles_page_with_cursors_and_filters,
    an_article_has_a_structured_body,
    taxonomy_videos_and_search,
    too_many_requests_get_429_with_retry_after,
    bad_keys_are_rate_limited_per_address,
    the_openapi_document_covers_the_routes,
);
