//! The security review's findings of issue 14, each reproduced as the attacker did it and
//! refused now, on both backends.

use kiosque_domain::{ArticleStatus, SectionId};
use kiosque_store::Store;
use kiosque_test_utils::both_backends;
use kiosque_test_utils::drafts::newsroom_draft;
use kiosque_test_utils::forms::{field, form_fields, pairs, set};
use kiosque_test_utils::readers::{confirmed_member, post_on_article};
use kiosque_test_utils::server::{fixture_article, Member, Page, Server, Site};
use kiosque_test_utils::write_api::key_create;

// ------------------------------------------------------------------ 1. publish-and-move race

/// A journalist of Monde may publish there and may move a draft anywhere, but not publish in
/// Sport. Sending "publish" and "move to Sport" at the same moment must never leave the
/// article online in Sport (the review got it 11 times in 12).
async fn a_publish_racing_a_section_move_never_lands_outside_the_sections(site: Site) {
    let server = site.start_relaxed();
    let args = ["--role", "journalist", "--section", "monde"];
    let j = server
        .staff(&site, "Jeanne Plume", "jeanne@kiosque.test", &args)
        .await;
    let store = Store::open(&site.store_url()).await.expect("store");
    let me = j.id().await;
    let sport: SectionId = store
        .section_by_slug("sport")
        .await
        .expect("read")
        .expect("the sport section")
        .id;
    for i in 0..20 {
        let id = newsroom_draft(&store, me, "monde", &format!("Brouillon {i}"), &[], &[]).await;
        let editor = j.browser.get(&format!("/admin/articles/{id}")).await;
        assert_eq!(editor.status, 200, "{}", editor.main_text());
        let form = form_fields(&editor, "editor");
        let csrf = field(&form, "csrf").expect("a csrf field").to_owned();
        let moved = set(set(form.clone(), "section", "sport"), "intent", "save");
        let publish = [
            ("csrf", csrf.as_str()),
            ("action", "publish"),
            ("from", "draft"),
        ];
        let save_path = format!("/admin/articles/{id}");
        let status_path = format!("/admin/articles/{id}/statut");
        let moved = pairs(&moved);
        let (_, _) = tokio::join!(
            j.browser.post(&save_path, &moved),
            j.browser.post(&status_path, &publish),
        );
        let meta = store.article_meta(id).await.expect("read").expect("meta");
        assert!(
            !(meta.status == ArticleStatus::Published && meta.section_id == sport),
            "try {i}: the draft went online in Sport"
        );
    }
}

// ------------------------------------------------------------------ 2. throwaway reporters

async fn report(m: &Member, comment: i64) -> Page {
    let csrf = m.csrf().await;
    let form = [
        ("csrf", csrf.as_str()),
        ("reason", "abuse"),
        ("details", ""),
    ];
    m.browser
        .post(&format!("/commentaires/{comment}/signaler"), &form)
        .await
}

/// Three accounts that never confirmed their address report a comment: it stays online (the
/// threshold is 3). A confirmed member's reports count once each, and past ten an hour the
/// member is told to wait.
async fn only_confirmed_members_report_once_each_and_not_without_end(site: Site) {
    let server = site.start();
    let article = fixture_article(&server).await;
    let author = confirmed_member(&server, "Auteur", "auteur@exemple.fr").await;
    let comment = post_on_article(&author, &article, None, "Un avis tranché sur la question.").await;
    for i in 0..3 {
        let throwaway = server
            .unverified_member(&format!("Jetable {i}"), &format!("jetable{i}@exemple.fr"))
            .await;
        let page = report(&throwaway, comment).await;
        assert_ne!(page.status, 303, "an unconfirmed report was taken");
    }
    let thread = server.get(&format!("/commentaires/{comment}")).await;
    assert!(
        thread.shows("Un avis tranché sur la question."),
        "the comment was hidden by throwaway accounts: {}",
        thread.main_text()
    );
    let reader = confirmed_member(&server, "Lectrice", "lectrice@exemple.fr").await;
    assert_eq!(report(&reader, comment).await.status, 303);
    let mut answers = Vec::new();
    for _ in 0..10 {
        answers.push(report(&reader, comment).await.status);
    }
    assert!(
        answers[..9].iter().all(|s| *s == 400),
        "a second report of one comment is refused: {answers:?}"
    );
    assert_eq!(answers[9], 429, "reports are limited: {answers:?}");
}

// ------------------------------------------------------------------ 6. draft tags and bylines

/// Every item of a paginated API list, following its cursors.
async fn every_item(server: &Server, path: &str, key: &str) -> Vec<serde_json::Value> {
    let mut items = Vec::new();
    let mut url = format!("{path}?limit=100");
    loop {
        let page = server.api(&url, Some(key)).await.json();
        items.extend(page["items"].as_array().cloned().unwrap_or_default());
        match page["next_cursor"].as_str() {
            Some(next) => url = format!("{path}?limit=100&cursor={next}"),
            None => return items,
        }
    }
}

/// An embargoed draft's new tag and byline are nowhere public until it is published: not in
/// the API's lists, not as pages or feeds (404).
async fn a_drafts_tag_and_byline_stay_private_until_it_is_published(site: Site) {
    let server = site.start_relaxed();
    let j = server
        .staff(&site, "Jeanne Plume", "jeanne@kiosque.test", &["--role", "editor"])
        .await;
    let (ok, key, err) = key_create(
        &site,
        &["--owner", "jeanne@kiosque.test", "--scope", "content:read", "--name", "lecture"],
    );
    assert!(ok, "{err}");
    let key = key.trim().to_owned();
    let store = Store::open(&site.store_url()).await.expect("store");
    let id = newsroom_draft(
        &store,
        j.id().await,
        "monde",
        "Fusion secrète",
        &["Opération Lune"],
        &["Plume Secrète"],
    )
    .await;
    let names = |items: Vec<serde_json::Value>| -> Vec<String> {
        items
            .iter()
            .filter_map(|i| i["name"].as_str().map(str::to_owned))
            .collect()
    };
    let tags = names(every_item(&server, "/api/v1/tags", &key).await);
    assert!(!tags.contains(&"Opération Lune".to_owned()), "{tags:?}");
    let authors = names(every_item(&server, "/api/v1/authors", &key).await);
    assert!(!authors.contains(&"Plume Secrète".to_owned()), "{authors:?}");
    for path in [
        "/tag/operation-lune",
        "/tag/operation-lune/rss.xml",
        "/auteur/plume-secrete",
        "/auteur/plume-secrete/atom.xml",
    ] {
        let page = server.get(path).await;
        assert_eq!(page.status, 404, "{path} tells of the draft");
    }
    // Once published, they are the site's.
    store
        .change_status(id, ArticleStatus::Draft, ArticleStatus::Published, None)
        .await
        .expect("publish");
    for path in ["/tag/operation-lune", "/auteur/plume-secrete"] {
        assert_eq!(server.get(path).await.status, 200, "{path}");
    }
    let tags = names(every_item(&server, "/api/v1/tags", &key).await);
    assert!(tags.contains(&"Opération Lune".to_owned()), "{tags:?}");
}

both_backends!(
    a_publish_racing_a_section_move_never_lands_outside_the_sections,
    only_confirmed_members_report_once_each_and_not_without_end,
    a_drafts_tag_and_byline_stay_private_until_it_is_published,
);
