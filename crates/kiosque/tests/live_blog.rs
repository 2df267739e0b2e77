//! Live blogs (issue 11, item 1), on both backends: a journalist posts on the demo's live blog
//! from its desk (important posts, key points in "L'essentiel"), edits and deletes with a
//! history; a journalist of another section may not; closing shows "Ce direct est terminé",
//! keeps the page and refuses new posts with nothing stored; `/direct`, the "En direct" badge,
//! the `LiveBlogPosting` JSON-LD and the feeds list the posts; the stream delivers a new post
//! within a second; an article becomes a live blog from its desk; the English site's words.

use std::time::{Duration, Instant};

use kiosque_test_utils::both_backends;
use kiosque_test_utils::live_blog::{
    demo_live_blog, edit_post, essentials, json_ld, post, post_and_find, titles,
};
use kiosque_test_utils::server::{fixture_article, select, text, Site};
use kiosque_test_utils::write_api::{api_error, key_create};

async fn a_journalist_posts_and_readers_see_it(site: Site) {
    let server = site.start_relaxed();
    let blog = demo_live_blog(&server).await;
    let journalist = server
        .staff(
            &site,
            "Léa Direct",
            "lea@kiosque.test",
            &["--role", "journalist", "--section", "france"],
        )
        .await;
    let outsider = server
        .staff(
            &site,
            "Paul Sport",
            "paul@kiosque.test",
            &["--role", "journalist", "--section", "sport"],
        )
        .await;
    // The page is cached before the post, and served again from the cache.
    let before = server.get(&blog.path).await;
    assert_eq!(before.status, 200);
    assert_eq!(titles(&before).len(), 12, "{}", before.main_text());
    assert_eq!(essentials(&before).len(), 2);
    assert_eq!(
        server.get(&blog.path).await.header("etag"),
        before.header("etag"),
        "served from the cache between posts"
    );

    // A journalist of another section may neither open the desk's composer nor post.
    let desk = outsider
        .browser
        .get(&format!("/admin/articles/{}/direct", blog.id))
        .await;
    assert!(
        desk.body.find("id=\"composer\"").is_none(),
        "{}",
        desk.main_text()
    );
    let refused = outsider
        .browser
        .post(
            &format!("/admin/articles/{}/direct", blog.id),
            &[
                ("csrf", &outsider.csrf().await),
                ("title", "Intrus"),
                ("body", "Texte"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.main_text());

    // Bad input: no title, a body in a broken syntax; the text is kept, nothing stored.
    let bad = post(&journalist, blog.id, "", "::image javascript:alert(1)", &[]).await;
    assert_eq!(bad.status, 400, "{}", bad.main_text());
    assert!(bad.shows("Donnez un titre au post."), "{}", bad.main_text());
    assert!(bad.body.contains("javascript:alert(1)</textarea>"));

    let done = post(
        &journalist,
        blog.id,
        "Le préfet annonce la réouverture des routes",
        "Les routes départementales rouvriront **dans la soirée**.\n\n> « Restez prudents » — le préfet",
        &["important", "key_point"],
    )
    .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    let page = server.get(&blog.path).await;
    assert_eq!(
        titles(&page).first().map(String::as_str),
        Some("Le préfet annonce la réouverture des routes"),
        "the newest post comes first"
    );
    assert_eq!(titles(&page).len(), 13);
    let html = page.html();
    let top = select(&html, ".live-posts .live-post")
        .into_iter()
        .next()
        .expect("a post");
    assert!(top
        .value()
        .attr("class")
        .unwrap_or("")
        .contains("important"));
    assert!(text(&top).contains("Par Léa Direct"), "{}", text(&top));
    assert!(page.body.contains("<strong>dans la soirée</strong>"));
    assert!(page.body.contains("<blockquote>"));
    // A time such as "14:32" on the day the coverage started (Paris time), "4 décembre, 00:15"
    // once the day changed: the label follows the post's instant and the coverage start shown.
    let instant = |selector: &str| {
        let t = select(&html, selector).into_iter().next().expect(selector);
        let at = t.value().attr("datetime").expect("a datetime");
        let ms = chrono::DateTime::parse_from_rfc3339(at)
            .expect("an RFC 3339 datetime")
            .timestamp_millis();
        (ms, text(&t))
    };
    let (posted, time) = instant(".live-posts .live-post-meta time");
    let (started, _) = instant(".article-header .meta time");
    assert_eq!(
        time,
        kiosque_domain::live::time_label(posted, started),
        "the post's time as a reader reads it"
    );
    assert!(
        time.ends_with(&kiosque_domain::dates::paris_time(posted)),
        "{time}"
    );
    if kiosque_domain::dates::same_paris_day(posted, started) {
        assert!(time.len() == 5 && time.as_bytes()[2] == b':', "{time}");
    }
    assert_eq!(
        essentials(&page).first().map(String::as_str),
        Some("Le préfet annonce la réouverture des routes")
    );
    // Then the page is served from the cache again.
    assert_eq!(
        server.get(&blog.path).await.header("etag"),
        page.header("etag")
    );

    // Older posts: a 50-post page has a link to the next one, which works without JS.
    for i in 0..40 {
        let p = post(
            &journalist,
            blog.id,
            &format!("Point de situation {i}"),
            "Rien de neuf.",
            &[],
        )
        .await;
        assert_eq!(p.status, 303);
    }
    let first = server.get(&blog.path).await;
    assert_eq!(titles(&first).len(), 50);
    let html = first.html();
    let older = select(&html, ".live-pages a[rel=next]")
        .into_iter()
        .next()
        .expect("older posts link");
    let second = server.get(older.value().attr("href").unwrap_or("")).await;
    assert_eq!(second.status, 200);
    assert_eq!(titles(&second).len(), 3);
    assert_eq!(
        titles(&second).last().map(String::as_str),
        Some("Les premières rafales atteignent la pointe du Raz")
    );
}

async fn posts_are_edited_and_deleted_with_their_history(site: Site) {
    let server = site.start_relaxed();
    let blog = demo_live_blog(&server).await;
    let editor = server
        .staff(
            &site,
            "Rédac Chef",
            "chef@kiosque.test",
            &["--role", "editor"],
        )
        .await;
    let id = post_and_find(&editor, blog.id, "Premier bilan", "Deux blessés légers.").await;
    let edit = format!("/admin/direct/posts/{id}");
    let saved = edit_post(
        &editor,
        id,
        "Premier bilan officiel",
        "Trois blessés légers, selon la préfecture.",
        true,
    )
    .await;
    assert_eq!(saved.status, 303, "{}", saved.main_text());
    let page = server.get(&blog.path).await;
    assert_eq!(titles(&page)[0], "Premier bilan officiel");
    assert!(page.shows("Trois blessés légers"));
    assert!(essentials(&page).contains(&"Premier bilan officiel".to_owned()));
    let history = editor.browser.get(&edit).await;
    let text_ = history.main_text();
    assert!(
        text_.contains("Publication") && text_.contains("Modification"),
        "{text_}"
    );
    assert!(text_.contains("Rédac Chef"), "{text_}");

    let csrf = editor.browser.csrf(&edit).await;
    let deleted = editor
        .browser
        .post(&format!("{edit}/supprimer"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(deleted.status, 303);
    let page = server.get(&blog.path).await;
    assert!(!titles(&page).contains(&"Premier bilan officiel".to_owned()));
    assert!(!essentials(&page).contains(&"Premier bilan officiel".to_owned()));
    assert_eq!(titles(&page).len(), 12);
}

async fn closing_keeps_the_page_and_refuses_new_posts(site: Site) {
    let server = site.start_relaxed();
    let blog = demo_live_blog(&server).await;
    let journalist = server
        .staff(
            &site,
            "Léa Direct",
            "lea@kiosque.test",
            &["--role", "journalist", "--section", "france"],
        )
        .await;
    // Open: badge on the front page, listed as under way, streamed.
    let front = server.get("/").await;
    let html = front.html();
    assert!(
        select(&html, ".card, .lead").iter().any(|c| {
            let t = text(c);
            t.contains("En direct") && t.contains("Tempête Ilona")
        }),
        "the front page shows the badge"
    );
    let page = server.get(&blog.path).await;
    assert!(page
        .body
        .contains(&format!("data-stream=\"/direct/{}/flux\"", blog.id)));
    let ld = json_ld(&page);
    assert_eq!(ld["@type"], "LiveBlogPosting");
    assert_eq!(ld["liveBlogUpdate"].as_array().map(Vec::len), Some(12));
    assert_eq!(ld["liveBlogUpdate"][0]["@type"], "BlogPosting");
    assert_eq!(
        ld["liveBlogUpdate"][0]["headline"],
        "Le vent commence à faiblir à Brest"
    );
    assert!(ld["coverageStartTime"].is_string());
    assert!(ld["coverageEndTime"].is_null());

    let desk = format!("/admin/articles/{}/direct", blog.id);
    let csrf = journalist.browser.csrf(&desk).await;
    let closed = journalist
        .browser
        .post(&format!("{desk}/fermer"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(closed.status, 303, "{}", closed.main_text());

    let page = server.get(&blog.path).await;
    assert_eq!(page.status, 200, "the page stays");
    assert!(page.shows("Ce direct est terminé."));
    assert!(!page.body.contains("data-stream="));
    assert_eq!(titles(&page).len(), 12);
    assert!(json_ld(&page)["coverageEndTime"].is_string());
    let direct = server.get("/direct").await;
    let text_ = direct.main_text();
    assert!(text_.contains("Aucun direct en cours."), "{text_}");
    assert!(
        text_.contains("Terminés récemment") && text_.contains("Tempête Ilona"),
        "{text_}"
    );
    let front = server.get("/").await;
    assert!(
        !front.html().root_element().html().contains("live-badge"),
        "no badge once closed"
    );

    // A post to a closed live blog: a clear refusal, nothing stored.
    let refused = post(
        &journalist,
        blog.id,
        "Trop tard",
        "Ce post ne doit pas paraître.",
        &[],
    )
    .await;
    assert_eq!(refused.status, 400, "{}", refused.main_text());
    assert!(
        refused.shows("Ce direct est terminé"),
        "{}",
        refused.main_text()
    );
    let page = server.get(&blog.path).await;
    assert_eq!(titles(&page).len(), 12);
    assert!(!page.shows("Trop tard"));

    // Reopened, it takes posts again.
    let reopened = journalist
        .browser
        .post(&format!("{desk}/ouvrir"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(reopened.status, 303);
    assert_eq!(
        post(
            &journalist,
            blog.id,
            "Le direct reprend",
            "Nouvelles rafales.",
            &[]
        )
        .await
        .status,
        303
    );
    assert_eq!(
        titles(&server.get(&blog.path).await)[0],
        "Le direct reprend"
    );
}

async fn feeds_list_the_posts_and_an_article_becomes_a_live_blog(site: Site) {
    let server = site.start_relaxed();
    let blog = demo_live_blog(&server).await;
    for (file, kind) in [
        ("rss.xml", "application/rss+xml"),
        ("atom.xml", "application/atom+xml"),
        ("feed.json", "application/feed+json"),
    ] {
        let feed = server.get(&format!("/direct/{}/{file}", blog.id)).await;
        assert_eq!(feed.status, 200, "{file}");
        assert!(feed.header("content-type").unwrap_or("").starts_with(kind));
        assert!(
            feed.body.contains("Le vent commence à faiblir à Brest"),
            "{file}"
        );
        assert!(feed.body.contains("#post-"), "{file}");
    }
    let json: serde_json::Value = server
        .get(&format!("/direct/{}/feed.json", blog.id))
        .await
        .json();
    assert_eq!(json["items"].as_array().map(Vec::len), Some(12));
    // The page advertises its feed.
    let page = server.get(&blog.path).await;
    assert!(page.body.contains(&format!("/direct/{}/rss.xml", blog.id)));

    // An editor makes the founding article a live blog from its desk.
    let editor = server
        .staff(
            &site,
            "Rédac Chef",
            "chef@kiosque.test",
            &["--role", "editor"],
        )
        .await;
    let article = fixture_article(&server).await;
    let desk = format!("/admin/articles/{}/direct", article.id);
    let page = editor.browser.get(&desk).await;
    assert!(
        page.shows("Transformer cet article en direct"),
        "{}",
        page.main_text()
    );
    let csrf = page.csrf().expect("csrf");
    let opened = editor
        .browser
        .post(&format!("{desk}/ouvrir"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(opened.status, 303);
    assert_eq!(
        post(
            &editor,
            article.id,
            "Premier post",
            "Le direct commence.",
            &[]
        )
        .await
        .status,
        303
    );
    let public = server.get(&article.path).await;
    assert!(public.body.contains("class=\"live-badge\""));
    assert_eq!(titles(&public), vec!["Premier post".to_owned()]);
    let direct = server.get("/direct").await;
    assert!(
        direct.body.contains(&article.path),
        "{}",
        direct.main_text()
    );
}

async fn the_stream_delivers_a_new_post_within_a_second(site: Site) {
    let server = site.start_relaxed();
    let blog = demo_live_blog(&server).await;
    let page = server.get(&blog.path).await;
    let html = page.html();
    let rev = select(&html, "[data-live]")
        .into_iter()
        .next()
        .and_then(|s| s.value().attr("data-rev").map(str::to_owned))
        .expect("the page's rev");
    let res = server
        .http
        .get(format!(
            "{}/direct/{}/flux?depuis={rev}",
            server.base, blog.id
        ))
        .send()
        .await
        .expect("stream");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()
            .get("x-accel-buffering")
            .and_then(|v| v.to_str().ok()),
        Some("no")
    );
    let mut res = res;
    let journalist = server
        .staff(
            &site,
            "Léa Direct",
            "lea@kiosque.test",
            &["--role", "journalist", "--section", "france"],
        )
        .await;
    let sent = Instant::now();
    assert_eq!(
        post(
            &journalist,
            blog.id,
            "Alerte aux crues",
            "La Vilaine déborde.",
            &[]
        )
        .await
        .status,
        303
    );
    let mut seen = String::new();
    let deadline = sent + Duration::from_secs(1);
    while !seen.contains("Alerte aux crues") {
        let left = deadline.saturating_duration_since(Instant::now());
        let chunk = tokio::time::timeout(left, res.chunk())
            .await
            .unwrap_or_else(|_| panic!("no post within 1 s; got {seen}"))
            .expect("bytes")
            .expect("the stream stays open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.contains("event: posts"), "{seen}");
    assert!(seen.contains("La Vilaine déborde"), "{seen}");
}

async fn the_english_site_speaks_english(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--language", "en"]);
    let direct = server.get("/direct").await;
    let text_ = direct.main_text();
    assert!(text_.contains("Under way"), "{text_}");
    let blog = demo_live_blog(&server).await;
    let page = server.get(&blog.path).await;
    let text_ = page.main_text();
    assert!(
        text_.contains("Key points") && text_.contains("Live updates"),
        "{text_}"
    );
    assert!(
        !text_.contains("L’essentiel") && !text_.contains("Le fil du direct"),
        "{text_}"
    );
    assert!(
        page.body.contains("data-new-many=\"{n} new posts\""),
        "the script's words"
    );
    let editor = server
        .staff(&site, "Chief", "chief@kiosque.test", &["--role", "editor"])
        .await;
    let desk = editor
        .browser
        .get(&format!("/admin/articles/{}/direct", blog.id))
        .await;
    let text_ = desk.main_text();
    assert!(
        text_.contains("New post") && text_.contains("Publish the post"),
        "{text_}"
    );
    let csrf = desk.csrf().expect("csrf");
    let closed = editor
        .browser
        .post(
            &format!("/admin/articles/{}/direct/fermer", blog.id),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(closed.status, 303);
    let refused = post(&editor, blog.id, "Too late", "Nothing.", &[]).await;
    assert!(
        refused.shows("This live blog has ended"),
        "{}",
        refused.main_text()
    );
}

async fn the_api_posts_for_the_keys_owner(site: Site) {
    let server = site.start_relaxed();
    let blog = demo_live_blog(&server).await;
    let journalist = server
        .staff(
            &site,
            "Léa Direct",
            "lea@kiosque.test",
            &["--role", "journalist", "--section", "france"],
        )
        .await;
    let key_of = |owner: &str| {
        let (ok, out, err) = key_create(
            &site,
            &[
                "--owner",
                owner,
                "--scope",
                "live:write",
                "--name",
                "Agence",
            ],
        );
        assert!(ok, "{err}");
        out.trim().to_owned()
    };
    let key = key_of("lea@kiosque.test");
    let path = format!("/api/v1/articles/{}/live-posts", blog.id);
    let created = server
        .api_post(
            &path,
            &key,
            serde_json::json!({ "title": "Dépêche d’agence", "body": "Le trafic reprend.", "key_point": true }),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("an id");
    assert!(created.json()["url"]
        .as_str()
        .unwrap_or("")
        .ends_with(&format!("#post-{id}")));
    let page = server.get(&blog.path).await;
    assert_eq!(titles(&page)[0], "Dépêche d’agence");
    assert!(page.shows("Par Léa Direct"));
    // Bad input names its field; nothing is stored.
    let bad = server
        .api_post(&path, &key, serde_json::json!({ "title": "", "body": "x" }))
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        api_error(&bad),
        ("live.title_empty".to_owned(), Some("title".to_owned()))
    );
    // Another section's journalist: the key does no more than its owner.
    server
        .staff(
            &site,
            "Paul Sport",
            "paul@kiosque.test",
            &["--role", "journalist", "--section", "sport"],
        )
        .await;
    let outsider = key_of("paul@kiosque.test");
    let refused = server
        .api_post(
            &path,
            &outsider,
            serde_json::json!({ "title": "Intrus", "body": "x" }),
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    // Closed: 409 and nothing stored.
    let desk = format!("/admin/articles/{}/direct", blog.id);
    let csrf = journalist.browser.csrf(&desk).await;
    journalist
        .browser
        .post(&format!("{desk}/fermer"), &[("csrf", csrf.as_str())])
        .await;
    let closed = server
        .api_post(
            &path,
            &key,
            serde_json::json!({ "title": "Trop tard", "body": "x" }),
        )
        .await;
    assert_eq!(closed.status, 409, "{}", closed.body);
    assert_eq!(api_error(&closed).0, "live.closed");
    assert_eq!(titles(&server.get(&blog.path).await).len(), 13);
    drop(journalist);
}

both_backends!(
    a_journalist_posts_and_readers_see_it,
    posts_are_edited_and_deleted_with_their_history,
    closing_keeps_the_page_and_refuses_new_posts,
    feeds_list_the_posts_and_an_article_becomes_a_live_blog,
    the_stream_delivers_a_new_post_within_a_second,
    the_english_site_speaks_english,
    the_api_posts_for_the_keys_owner,
);
