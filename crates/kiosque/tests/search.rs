//! Search as a reader uses it, on both backends: French matching, filters, absurd queries, and
//! an index that follows publishing without a restart.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{norm, plain, select, text, Site};

fn result_links(html: &scraper::Html) -> Vec<String> {
    select(html, ".search-results h2 a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

/// Waits (bounded) until a search returns what `ok` wants: the index follows the log.
async fn search_until(
    server: &common::Server,
    query: &str,
    ok: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let mut last = Vec::new();
    for _ in 0..60 {
        last = result_links(&server.get(&format!("/recherche?q={query}")).await.html());
        if ok(&last) {
            return last;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    last
}

async fn french_searches_find_the_founding_article(site: Site) {
    let server = site.start();
    // The index is built from the database at the first start.
    let found = search_until(&server, "Alep", |l| !l.is_empty()).await;
    assert!(found[0].starts_with("/monde/syrie-poutine"), "{found:?}");
    for q in [
        "alep",
        "ALEP",
        "l%27arm%C3%A9e",
        "armee",
        "f%C3%A9licite",
        "%22pas+tr%C3%A8s+important%22",
    ] {
        let found = result_links(&server.get(&format!("/recherche?q={q}")).await.html());
        assert!(
            found.iter().any(|l| l.starts_with("/monde/syrie-poutine")),
            "{q}: {found:?}"
        );
    }
    let page = server.get("/recherche?q=Bachar").await;
    let html = page.html();
    let marks: Vec<String> = select(&html, ".snippet mark").iter().map(text).collect();
    assert!(
        marks.iter().any(|m| m == "Bachar"),
        "highlighted: {marks:?}"
    );
    assert_eq!(
        plain(&text(&select(&html, ".search-count")[0])),
        "1 article trouvé."
    );
}

async fn filters_sorting_and_pagination(site: Site) {
    let server = site.start();
    search_until(&server, "Alep", |l| !l.is_empty()).await;
    let in_sport = result_links(&server.get("/recherche?q=Alep&rubrique=sport").await.html());
    assert!(in_sport.is_empty(), "{in_sport:?}");
    let in_monde = result_links(&server.get("/recherche?q=Alep&rubrique=monde").await.html());
    assert_eq!(in_monde.len(), 1);
    let dated = result_links(
        &server
            .get("/recherche?q=Alep&du=2016-12-23&au=2016-12-23")
            .await
            .html(),
    );
    assert_eq!(dated.len(), 1);
    let after = result_links(&server.get("/recherche?q=Alep&du=2017-01-01").await.html());
    assert!(after.is_empty());
    // Everything in Monde, newest first, ten a page.
    let page1 = server
        .get("/recherche?rubrique=monde&tri=date")
        .await
        .html();
    let first = result_links(&page1);
    assert_eq!(first.len(), 10);
    let next = select(&page1, "a[rel=next]")[0]
        .value()
        .attr("href")
        .expect("next")
        .to_owned();
    assert!(
        next.contains("rubrique=monde") && next.contains("page=2"),
        "{next}"
    );
    let second = result_links(&server.get(&next).await.html());
    assert!(!second.is_empty());
    assert!(second.iter().all(|l| !first.contains(l)));
    let tagged = result_links(&server.get("/recherche?tag=syrie").await.html());
    assert!(tagged.iter().any(|l| l.starts_with("/monde/syrie-poutine")));
}

async fn absurd_queries_get_a_clear_page(site: Site) {
    let server = site.start();
    let long = "a".repeat(10_000);
    for q in [
        long.as_str(),
        "%22pas+tr%C3%A8s",
        "AND+OR+NOT",
        "-",
        "((((",
        "title%3A",
        "%00",
    ] {
        let page = server.get(&format!("/recherche?q={q}")).await;
        assert_eq!(page.status, 200, "{q:.30}");
        assert!(page.body.contains("<h1>Recherche</h1>"));
    }
    let page = server.get(&format!("/recherche?q={long}")).await;
    assert!(plain(&page.body).contains("Votre recherche est trop longue"));
    let none = server.get("/recherche?q=zzzyyyxxx").await.html();
    assert!(
        plain(&text(&select(&none, ".search-count")[0])).starts_with("Aucun article ne correspond")
    );
    let bad_date = server.get("/recherche?q=Alep&du=pas-une-date").await;
    assert_eq!(bad_date.status, 200);
    assert!(plain(&bad_date.body).contains("La date de début n'est pas valide"));
}

async fn the_index_follows_publishing(site: Site) {
    let server = site.start();
    search_until(&server, "Alep", |l| !l.is_empty()).await;
    let page = site.dir.path().join("depeche.txt");
    std::fs::write(
        &page,
        "Europe : le zeppelin solaire survole Lisbonne\nUn chapô sur le zeppelin.\nPublié le 20/11/2025 à 10:00\nLe premier paragraphe parle du zeppelin.\nLe second paragraphe, de Lisbonne et de Coimbra.\n",
    )
    .expect("write");
    let import = |file: &std::path::Path| {
        let out = site
            .command()
            .args(["import", "page", "--section", "europe"])
            .arg(file)
            .output()
            .expect("import");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    let path = import(&page);
    let found = search_until(&server, "zeppelin", |l| l.contains(&path)).await;
    assert_eq!(
        found,
        vec![path.clone()],
        "a new article is found without a restart"
    );

    // Edited: the new word is found, the old one no longer.
    std::fs::write(
        &page,
        "Europe : le zeppelin solaire survole Lisbonne\nUn chapô sur le dirigeable.\nPublié le 20/11/2025 à 10:00\nLe premier paragraphe parle du dirigeable.\nLe second paragraphe, de Porto.\n",
    )
    .expect("write");
    assert_eq!(import(&page), path);
    assert_eq!(
        search_until(&server, "Porto", |l| l.contains(&path)).await,
        vec![path.clone()]
    );
    assert_eq!(
        search_until(&server, "Coimbra", |l| l.is_empty()).await,
        Vec::<String>::new(),
        "a word the edit removed is no longer found"
    );

    // Unpublished: no longer found.
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let id: kiosque_domain::ArticleId = path
        .rsplit('_')
        .next()
        .and_then(|s| s.strip_suffix(".html"))
        .and_then(|s| s.parse().ok())
        .expect("id");
    let article = store.article(id).await.expect("read").expect("article");
    let draft = kiosque_domain::ArticleDraft {
        source_key: Some(format!("page:2025-11-20:{}", article.slug)),
        section: article.section.slug.clone(),
        title: article.title.clone(),
        standfirst: article.standfirst.clone(),
        hero: None,
        hero_video: None,
        body: article.body.clone(),
        tags: vec![],
        authors: vec![],
        status: kiosque_domain::ArticleStatus::Unpublished,
        published_at: article.published_at,
        published_time_known: true,
        updated_at: None,
        comment_mode: kiosque_domain::CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    let up = store.upsert_article(&draft).await.expect("unpublish");
    assert_eq!(up.id, id, "the same article");
    store.close().await;
    assert!(search_until(&server, "zeppelin", |l| l.is_empty())
        .await
        .is_empty());
}

async fn the_index_is_rebuilt_when_missing_and_by_the_cli(site: Site) {
    let mut server = site.start();
    search_until(&server, "Alep", |l| !l.is_empty()).await;
    // While the server runs, the CLI says it cannot rebuild (the server keeps the index).
    let busy = site.command().arg("reindex").output().expect("reindex");
    assert!(!busy.status.success());
    assert!(String::from_utf8_lossy(&busy.stderr).contains("in use by a running server"));
    assert!(server.stop().success());

    let ok = site.command().arg("reindex").output().expect("reindex");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).starts_with("search index rebuilt: 38 articles"));

    std::fs::remove_dir_all(site.data_dir().join("search-index")).expect("remove the index");
    let server = site.start();
    let found = search_until(&server, "Alep", |l| !l.is_empty()).await;
    assert_eq!(found.len(), 1, "rebuilt by itself at start");
}

async fn articles_suggest_related_reading(site: Site) {
    let server = site.start();
    search_until(&server, "Alep", |l| !l.is_empty()).await;
    let front = server.get("/").await.html();
    let path = select(&front, "a[href^='/monde/syrie-poutine']")[0]
        .value()
        .attr("href")
        .expect("href")
        .to_owned();
    // The article page is cached; the index was built just after start, so look until the
    // related block shows (the first render may predate the index).
    let mut related = Vec::new();
    for _ in 0..30 {
        let html = server.get(&format!("{path}?page=1")).await.html();
        related = select(&html, "section.related h3 a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect();
        if !related.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(!related.is_empty() && related.len() <= 4, "{related:?}");
    assert!(
        !related.contains(&path),
        "an article is not related to itself"
    );
}

fn kickers(html: &scraper::Html) -> Vec<String> {
    select(html, ".search-results .kicker")
        .iter()
        .map(text)
        .collect()
}

fn count(html: &scraper::Html) -> String {
    norm(&text(&select(html, ".search-count")[0]))
}

/// An API key, made by an admin in the back office (as in tests/api.rs).
async fn api_key(server: &common::Server, site: &Site) -> String {
    let admin = server
        .staff(site, "Admin API", "admin@kiosque.test", &["--admin"])
        .await;
    let csrf = admin.browser.csrf("/admin/api").await;
    let page = admin
        .browser
        .post("/admin/api", &[("csrf", &csrf), ("name", "Recherche")])
        .await;
    assert_eq!(page.status, 201, "{}", page.main_text());
    let html = page.html();
    select(&html, "input.new-key")
        .first()
        .and_then(|i| i.value().attr("value"))
        .expect("the new key is shown")
        .to_owned()
}

async fn videos_are_found_beside_articles(site: Site) {
    let server = site.start_relaxed();
    // "Piétons zombies : les dangers du téléphone" is one of the 30 videos of the demo.
    let found = search_until(&server, "zombies", |l| !l.is_empty()).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("/videos/") && found[0].contains("zombies"),
        "{found:?}"
    );
    let html = server.get("/recherche?q=zombies").await.html();
    assert_eq!(kickers(&html), ["Vidéo"], "labelled as a video");
    assert_eq!(count(&html), "1 vidéo trouvée.");
    let title = norm(&text(&select(&html, ".search-results h2 a")[0]));
    assert!(
        title.starts_with("Vidéo : Piétons zombies"),
        "the link names what it leads to: {title}"
    );
    assert_eq!(server.get(&found[0]).await.status, 200, "the video's page");

    // "drones": an article of the demo and a video, in one list with a coherent count.
    let html = server.get("/recherche?q=drones").await.html();
    let links = result_links(&html);
    assert_eq!(links.len(), 2, "{links:?}");
    assert!(
        links.iter().any(|l| l.starts_with("/monde/canada")),
        "{links:?}"
    );
    assert!(
        links.iter().any(|l| l.starts_with("/videos/chine")),
        "{links:?}"
    );
    let mut labels = kickers(&html);
    labels.sort();
    assert_eq!(labels, ["Monde", "Vidéo"]);
    assert_eq!(count(&html), "2 résultats trouvés : 1 article et 1 vidéo.");
    // Videos have no section, tags nor authors: those filters find articles only.
    let in_monde = result_links(
        &server
            .get("/recherche?q=drones&rubrique=monde")
            .await
            .html(),
    );
    assert_eq!(in_monde.len(), 1, "{in_monde:?}");
    assert!(in_monde[0].starts_with("/monde/canada"), "{in_monde:?}");

    // The API finds articles unless asked for videos.
    let key = api_key(&server, &site).await;
    let articles = server
        .api("/api/v1/search?q=drones", Some(&key))
        .await
        .json();
    assert_eq!(articles["total"], 1, "{articles}");
    assert_eq!(articles["items"][0]["type"], "article");
    assert!(articles["items"][0]["article"]["id"].is_i64());
    assert!(articles["items"][0].get("video").is_none(), "{articles}");
    let none = server
        .api("/api/v1/search?q=zombies", Some(&key))
        .await
        .json();
    assert_eq!(none["total"], 0, "{none}");
    let videos = server
        .api("/api/v1/search?q=zombies&type=video", Some(&key))
        .await
        .json();
    assert_eq!(videos["total"], 1, "{videos}");
    assert_eq!(videos["items"][0]["type"], "video");
    assert!(videos["items"][0].get("article").is_none(), "{videos}");
    assert!(videos["items"][0]["video"]["url"]
        .as_str()
        .is_some_and(|u| u.ends_with(&found[0])));
    let all = server
        .api("/api/v1/search?q=drones&type=all", Some(&key))
        .await
        .json();
    assert_eq!(all["total"], 2, "{all}");
    let mut types: Vec<String> = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["type"].as_str().map(str::to_owned))
        .collect();
    types.sort();
    assert_eq!(types, ["article", "video"]);
    let bad = server
        .api("/api/v1/search?q=drones&type=films", Some(&key))
        .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    let doc = server.api("/api/v1/openapi.json", None).await.json();
    let params = doc["paths"]["/api/v1/search"]["get"]["parameters"]
        .as_array()
        .expect("parameters");
    assert!(
        params.iter().any(|p| p["name"] == "type"),
        "`type` is documented"
    );
}

async fn the_index_follows_new_videos(site: Site) {
    let server = site.start();
    search_until(&server, "Alep", |l| !l.is_empty()).await;
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("store");
    let mut draft = kiosque_domain::VideoDraft {
        source_key: Some("video:test-zeppelin".into()),
        title: "Le zeppelin solaire survole Lisbonne".into(),
        section: None,
        poster: None,
        duration_seconds: Some(95),
        file_path: None,
        embed_url: None,
        published_at: 1_763_632_800_000,
    };
    let up = store.upsert_video(&draft).await.expect("video");
    assert_eq!(
        search_until(&server, "zeppelin", |l| l.contains(&up.path)).await,
        vec![up.path.clone()],
        "a new video is found without a restart"
    );
    // Retitled: found by the new title, no longer by the old one.
    draft.title = "Le dirigeable solaire survole Porto".into();
    let retitled = store.upsert_video(&draft).await.expect("video");
    assert_eq!(retitled.id, up.id, "the same video");
    store.close().await;
    assert_eq!(
        search_until(&server, "Porto", |l| l.contains(&retitled.path)).await,
        vec![retitled.path.clone()]
    );
    assert!(search_until(&server, "zeppelin", |l| l.is_empty())
        .await
        .is_empty());
}

both_backends!(
    french_searches_find_the_founding_article,
    filters_sorting_and_pagination,
    absurd_queries_get_a_clear_page,
    the_index_follows_publishing,
    the_index_is_rebuilt_when_missing_and_by_the_cli,
    articles_suggest_related_reading,
    videos_are_found_beside_articles,
    the_index_follows_new_videos,
);
