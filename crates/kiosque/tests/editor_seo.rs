//! The editor's address and search-engine fields, on both backends, as a desk uses them: a
//! journalist chooses the end of the address and writes a title and a description for search
//! engines, submits; the editor publishes; the public page's head shows those words (the
//! headline stays the page's heading and the JSON-LD's headline); a later change of address
//! answers the old one with a 301 to the new, and the history's comparison names the change.
//! A slug that is not one, or a field over its limit, is refused beside the field with the
//! text kept on screen and nothing stored. The write API takes the same fields.

use kiosque_domain::ArticleId;
use kiosque_store::Store;
use kiosque_test_utils::both_backends;
use kiosque_test_utils::forms::{attr, field, form_fields, pairs, set, Fields};
use kiosque_test_utils::server::{norm, select, Member, Page, Site};
use kiosque_test_utils::write_api::{api_error, key_create};
use serde_json::json;

const TITLE: &str = "Genève : les négociations reprennent";
const SEO_TITLE: &str = "Accord de Genève : ce que contient le texte";
const SEO_DESCRIPTION: &str = "Les délégations ont repris les discussions ce matin ; voici ce que prévoit le projet d’accord.";

/// The editor's form of article `id` as `who` sees it, with the page.
async fn editor_form(who: &Member, id: ArticleId) -> (Page, Fields) {
    let page = who.browser.get(&format!("/admin/articles/{id}")).await;
    assert_eq!(page.status, 200, "{}: {}", who.name, page.main_text());
    let fields = form_fields(&page, "editor");
    (page, fields)
}

/// Posts the editor's form with these changes, as "Enregistrer" (or a workflow `action`,
/// through the button's own address) would.
async fn send(
    who: &Member,
    id: ArticleId,
    fields: Fields,
    changes: &[(&str, &str)],
    action: Option<&str>,
) -> Page {
    let mut fields = fields;
    for (name, value) in changes {
        fields = set(fields, name, value);
    }
    let target = match action {
        Some(a) => {
            fields = set(fields, "action", a);
            format!("/admin/articles/{id}/statut")
        }
        None => {
            fields = set(fields, "intent", "save");
            format!("/admin/articles/{id}")
        }
    };
    who.browser.post(&target, &pairs(&fields)).await
}

/// A journalist's new draft in Monde, made through the new-article form; its id.
async fn new_draft(who: &Member, title: &str) -> ArticleId {
    let blank = who.browser.get("/admin/articles/nouveau").await;
    let mut fields = form_fields(&blank, "editor");
    for (name, value) in [
        ("title", title),
        ("section", "monde"),
        ("body", "Les délégations sont arrivées hier soir."),
        ("intent", "save"),
    ] {
        fields = set(fields, name, value);
    }
    let made = who
        .browser
        .post("/admin/articles/nouveau", &pairs(&fields))
        .await;
    assert_eq!(made.status, 303, "{}", made.main_text());
    let location = made.location.clone().unwrap_or_default();
    let id = location
        .trim_start_matches("/admin/articles/")
        .split('?')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("created at {location}"));
    ArticleId(id)
}

/// The `content` of a `<meta>` of the page's head.
fn meta(page: &Page, css: &str) -> String {
    attr(page, css, "content").unwrap_or_else(|| panic!("no {css} in the head"))
}

/// The stored slug, search-engine fields and version.
async fn stored(site: &Site, id: ArticleId) -> (String, Option<String>, Option<String>, i64) {
    let store = Store::open(&site.store_url()).await.expect("store");
    let a = store.article(id).await.expect("read").expect("the article");
    let version = store
        .article_meta(id)
        .await
        .expect("meta")
        .expect("meta")
        .version;
    store.close().await;
    (a.slug, a.seo_title, a.seo_description, version)
}

// ------------------------------------------------------------------ 1. to the public page

async fn the_desks_address_and_search_words_reach_the_public_page(site: Site) {
    let server = site.start_relaxed();
    let journalist = server
        .staff(
            &site,
            "Jeanne Plume",
            "jeanne@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let editor = server
        .staff(
            &site,
            "Édith Chef",
            "edith@kiosque.test",
            &["--role", "editor"],
        )
        .await;
    let id = new_draft(&journalist, TITLE).await;

    // The side panel offers the address prefilled from the stored slug, and the fields empty.
    let (page, fields) = editor_form(&journalist, id).await;
    assert_eq!(
        field(&fields, "slug"),
        Some("geneve-les-negociations-reprennent")
    );
    assert_eq!(field(&fields, "seo_title"), Some(""));
    assert_eq!(field(&fields, "seo_description"), Some(""));
    let shown = norm(
        &select(&page.html(), "[data-address]")[0]
            .text()
            .collect::<String>(),
    );
    assert_eq!(
        shown,
        format!("/monde/geneve-les-negociations-reprennent_{id}.html")
    );

    // The journalist writes them and submits: one save, with the text, under the lock.
    let submitted = send(
        &journalist,
        id,
        fields,
        &[
            ("slug", "accord-geneve"),
            ("seo_title", SEO_TITLE),
            ("seo_description", SEO_DESCRIPTION),
        ],
        Some("submit"),
    )
    .await;
    assert_eq!(submitted.status, 303, "{}", submitted.main_text());
    let (slug, seo_title, seo_description, _) = stored(&site, id).await;
    assert_eq!(slug, "accord-geneve");
    assert_eq!(seo_title.as_deref(), Some(SEO_TITLE));
    assert_eq!(seo_description.as_deref(), Some(SEO_DESCRIPTION));

    // The editor sees them as written, and publishes.
    let (_, fields) = editor_form(&editor, id).await;
    assert_eq!(field(&fields, "slug"), Some("accord-geneve"));
    assert_eq!(field(&fields, "seo_title"), Some(SEO_TITLE));
    let published = send(&editor, id, fields, &[], Some("publish")).await;
    assert_eq!(published.status, 303, "{}", published.main_text());

    let path = format!("/monde/accord-geneve_{id}.html");
    let public = server.get(&path).await;
    assert_eq!(public.status, 200, "{path}: {}", public.main_text());
    let html = public.html();
    let title = norm(&select(&html, "head > title")[0].text().collect::<String>());
    assert!(title.starts_with("Accord de Genève"), "{title}");
    assert!(!title.contains("négociations reprennent"), "{title}");
    let heading = norm(&select(&html, "h1")[0].text().collect::<String>());
    assert!(heading.contains("négociations reprennent"), "{heading}");
    drop(html);
    let description_words = "voici ce que prévoit le projet d’accord.";
    for (css, wanted) in [
        ("meta[name=description]", description_words),
        ("meta[property='og:description']", description_words),
        ("meta[name='twitter:description']", description_words),
        ("meta[property='og:title']", "ce que contient le texte"),
        ("meta[name='twitter:title']", "ce que contient le texte"),
    ] {
        let content = norm(&meta(&public, css));
        assert!(content.ends_with(&norm(wanted)), "{css}: {content}");
    }
    let ld: serde_json::Value = serde_json::from_str(
        &select(&public.html(), "script[type='application/ld+json']")[0]
            .text()
            .collect::<String>(),
    )
    .expect("JSON-LD");
    assert_eq!(ld["headline"], TITLE, "the headline stays the headline");
    assert_eq!(ld["description"], SEO_DESCRIPTION);

    // A new address: the old one answers 301 to it, which shows the article.
    let (_, fields) = editor_form(&editor, id).await;
    let saved = send(&editor, id, fields, &[("slug", "accord-de-geneve")], None).await;
    assert_eq!(saved.status, 303, "{}", saved.main_text());
    let new_path = format!("/monde/accord-de-geneve_{id}.html");
    let old = server.get(&path).await;
    assert_eq!(old.status, 301, "{path} after the change");
    assert_eq!(old.location.as_deref(), Some(new_path.as_str()));
    assert_eq!(server.get(&new_path).await.status, 200);

    // The history compares the two saves and names the change of address.
    let store = Store::open(&site.store_url()).await.expect("store");
    let saves: Vec<i64> = store
        .revisions(id)
        .await
        .expect("revisions")
        .iter()
        .filter(|r| r.kind == "save")
        .map(|r| r.id)
        .collect();
    let last = store
        .revision(id, saves[0])
        .await
        .expect("read")
        .expect("the last save");
    store.close().await;
    assert_eq!(last.slug.as_deref(), Some("accord-de-geneve"));
    assert_eq!(last.seo_title.as_deref(), Some(SEO_TITLE));
    let compare = editor
        .browser
        .get(&format!(
            "/admin/articles/{id}/revisions/comparer?de={}&a={}",
            saves[1], saves[0]
        ))
        .await;
    assert_eq!(compare.status, 200, "{}", compare.main_text());
    let text = compare.main_text();
    assert!(text.contains("Adresse : accord-de-geneve"), "{text}");
    assert!(text.contains("Adresse : accord-geneve"), "{text}");

    // Emptied, the address is formed from the title again.
    let (_, fields) = editor_form(&editor, id).await;
    let saved = send(&editor, id, fields, &[("slug", "")], None).await;
    assert_eq!(saved.status, 303, "{}", saved.main_text());
    let (slug, ..) = stored(&site, id).await;
    assert_eq!(slug, "geneve-les-negociations-reprennent");
}

// ------------------------------------------------------------------ 2. refusals

async fn a_bad_slug_or_an_overlong_field_is_refused_beside_it(site: Site) {
    let server = site.start_relaxed();
    let journalist = server
        .staff(
            &site,
            "Jeanne Plume",
            "jeanne@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let id = new_draft(&journalist, TITLE).await;
    let before = stored(&site, id).await;

    let too_long_title = "Titre ".repeat(19);
    let too_long_description = "Une description trop longue. ".repeat(11);
    let cases = [
        ("slug", "Été 2026", "e-slug-error", "ete-2026", None),
        (
            "slug",
            "accord_geneve",
            "e-slug-error",
            "accord-geneve",
            None,
        ),
        (
            "seo_title",
            too_long_title.as_str(),
            "e-seo-title-error",
            "110",
            None,
        ),
        (
            "seo_description",
            too_long_description.as_str(),
            "e-seo-description-error",
            "300",
            Some("submit"),
        ),
    ];
    for (name, value, error_id, says, action) in cases {
        let (_, fields) = editor_form(&journalist, id).await;
        let refused = send(&journalist, id, fields, &[(name, value)], action).await;
        assert_eq!(refused.status, 400, "{name} = {value:?}");
        let beside = format!("#{error_id}");
        let message = select(&refused.html(), &beside)
            .first()
            .map(|p| norm(&p.text().collect::<String>()))
            .unwrap_or_else(|| panic!("no message beside {name}: {}", refused.main_text()));
        assert!(message.contains(says), "{name}: {message}");
        // The field is marked and keeps what was typed; the page's alert says it too.
        let css = match name {
            "seo_description" => "textarea[name=seo_description]".to_owned(),
            _ => format!("input[name={name}]"),
        };
        assert_eq!(
            attr(&refused, &css, "aria-invalid").as_deref(),
            Some("true")
        );
        let kept = form_fields(&refused, "editor");
        assert_eq!(field(&kept, name).map(str::trim), Some(value.trim()));
        let alert = select(&refused.html(), "#editor-error")
            .first()
            .map(|p| norm(&p.text().collect::<String>()))
            .unwrap_or_default();
        assert_eq!(alert, message, "the page's alert says it too");
        // Nothing stored: neither the field nor the status.
        assert_eq!(stored(&site, id).await, before, "{name} = {value:?}");
    }
    let (page, fields) = editor_form(&journalist, id).await;
    let status = attr(&page, "strong.article-status", "data-status");
    assert_eq!(
        status.as_deref(),
        Some("draft"),
        "the refused submit moved nothing"
    );
    assert_eq!(
        field(&fields, "slug"),
        Some("geneve-les-negociations-reprennent")
    );
}

// ------------------------------------------------------------------ 3. the write API

async fn the_write_api_takes_the_address_and_search_words(site: Site) {
    let server = site.start_relaxed();
    let out = site.create_user(
        &[
            "--email",
            "jeanne@kiosque.test",
            "--name",
            "Jeanne Plume",
            "--role",
            "journalist",
            "--section",
            "monde",
        ],
        kiosque_test_utils::server::PASSWORD,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (ok, key, stderr) = key_create(
        &site,
        &[
            "--owner",
            "jeanne@kiosque.test",
            "--scope",
            "content:write",
            "--name",
            "Agence",
        ],
    );
    assert!(ok, "{stderr}");
    let key = key.trim().to_owned();

    let created = server
        .api_post(
            "/api/v1/articles",
            &key,
            json!({"title": TITLE, "section": "monde", "body": "Texte.",
                   "slug": "accord-geneve", "seo_title": SEO_TITLE,
                   "seo_description": SEO_DESCRIPTION}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_i64().expect("an id");
    let draft_path = format!("/api/v1/articles/{id}/draft");
    let read = server.api(&draft_path, Some(&key)).await.json();
    assert_eq!(read["slug"], "accord-geneve");
    assert_eq!(read["seo_title"], SEO_TITLE);
    assert_eq!(read["seo_description"], SEO_DESCRIPTION);

    // An update that leaves them out keeps them (a client written before them changes nothing).
    let put = |body: serde_json::Value| {
        let path = format!("/api/v1/articles/{id}");
        let key = key.clone();
        let server = &server;
        async move {
            server
                .api_send(reqwest::Method::PUT, &path, Some(&key), &body)
                .await
        }
    };
    let version = read["version"].as_i64().expect("a version");
    let updated = put(json!({"version": version, "title": "Un autre titre", "section": "monde", "body": "Texte."})).await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let read = server.api(&draft_path, Some(&key)).await.json();
    assert_eq!(read["slug"], "accord-geneve");
    assert_eq!(read["seo_title"], SEO_TITLE);

    // Refused with the field named, and nothing stored.
    let version = read["version"].as_i64().expect("a version");
    for (name, value, code) in [
        ("slug", json!("Accord Genève"), "draft.invalid_slug"),
        (
            "seo_title",
            json!("x".repeat(111)),
            "draft.seo_title_too_long",
        ),
        (
            "seo_description",
            json!("x".repeat(301)),
            "draft.seo_description_too_long",
        ),
    ] {
        let mut body = json!({"version": version, "title": "Un autre titre", "section": "monde"});
        body[name] = value;
        let refused = put(body).await;
        assert_eq!(refused.status, 400, "{name}: {}", refused.body);
        assert_eq!(
            api_error(&refused),
            (code.to_owned(), Some(name.to_owned()))
        );
    }
    let unchanged = server.api(&draft_path, Some(&key)).await.json();
    assert_eq!(unchanged["version"], version);

    // `""` forms the address from the title and clears a search field.
    let cleared = put(
        json!({"version": version, "title": "Un autre titre", "section": "monde",
                             "slug": "", "seo_title": ""}),
    )
    .await;
    assert_eq!(cleared.status, 200, "{}", cleared.body);
    let read = server.api(&draft_path, Some(&key)).await.json();
    assert_eq!(read["slug"], "un-autre-titre");
    assert_eq!(read["seo_title"], serde_json::Value::Null);
    assert_eq!(read["seo_description"], SEO_DESCRIPTION);

    // The OpenAPI document describes them.
    let doc = server.get("/api/v1/openapi.json").await.json();
    let input = &doc["components"]["schemas"]["ArticleInput"]["properties"];
    for name in ["slug", "seo_title", "seo_description"] {
        assert!(input[name].is_object(), "ArticleInput.{name}: {input}");
    }
}

both_backends!(
    the_desks_address_and_search_words_reach_the_public_page,
    a_bad_slug_or_an_overlong_field_is_refused_beside_it,
    the_write_api_takes_the_address_and_search_words,
);
