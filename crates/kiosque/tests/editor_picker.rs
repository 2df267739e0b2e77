//! The editor's media and link pickers over HTTP, on both backends: a body naming an image the
//! library does not hold (or a video that does not exist) is refused with its line and stores
//! nothing, whether saved, sent with a workflow button or created; the pickers' lists answer
//! the newsroom in JSON and refuse readers and visitors; an image uploaded from the editor is
//! stored with its alt text, and a missing alt text or a file that is not an image is refused
//! with nothing stored. Every form is read from the editor page and posted whole.

use kiosque_domain::{ArticleId, ArticleStatus};
use kiosque_store::Store;
use kiosque_test_utils::both_backends;
use kiosque_test_utils::forms::{attr, form_fields, pairs, set, Fields};
use kiosque_test_utils::server::{Member, Page, Server, Site};
use kiosque_test_utils::uploads::{small_jpeg, upload_from_editor, PickerUpload};

const FIRST_LINE: &str = "Les délégations se retrouvent ce matin au palais des Nations.";
const ALT: &str = "La façade du palais des Nations sous la neige";

/// A site with a journalist of Monde (who may publish there), logged in.
async fn newsroom(site: &Site) -> (Server, Member) {
    let server = site.start_relaxed();
    let args = ["--role", "journalist", "--section", "monde"];
    let j = server
        .staff(site, "Jeanne Plume", "jeanne@kiosque.test", &args)
        .await;
    (server, j)
}

/// The new-article form, filled and posted; the answer.
async fn create(m: &Member, title: &str, body: &str) -> Page {
    let page = m.browser.get("/admin/articles/nouveau").await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let form = set(form_fields(&page, "editor"), "title", title);
    let form = set(form, "section", "monde");
    let form = set(form, "body", body);
    let form = set(form, "intent", "save");
    m.browser
        .post("/admin/articles/nouveau", &pairs(&form))
        .await
}

fn created(done: &Page) -> ArticleId {
    assert_eq!(done.status, 303, "create: {}", done.main_text());
    done.location
        .as_deref()
        .and_then(|l| l.strip_prefix("/admin/articles/"))
        .and_then(|l| l.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no article in {:?}", done.location))
}

/// The editor's form of an article with `body` typed in it, and the page it came from.
async fn typed(m: &Member, id: ArticleId, body: &str) -> (Page, Fields) {
    let page = m.browser.get(&format!("/admin/articles/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let form = set(form_fields(&page, "editor"), "body", body);
    (page, form)
}

/// The stored article: its status and its body as the editor writes it.
async fn stored(site: &Site, id: ArticleId) -> (ArticleStatus, String) {
    let store = Store::open(&site.store_url()).await.expect("store");
    let article = store.article(id).await.expect("read").expect("the article");
    let meta = store.article_meta(id).await.expect("meta").expect("meta");
    (meta.status, kiosque_domain::markup::render(&article.body))
}

fn refusal(page: &Page) -> String {
    attr(page, "#editor-error", "role").expect("an error beside the form");
    let html = page.html();
    kiosque_test_utils::server::select(&html, "#editor-error")
        .first()
        .map(kiosque_test_utils::server::text)
        .unwrap_or_default()
}

async fn media_count(site: &Site) -> i64 {
    let store = Store::open(&site.store_url()).await.expect("store");
    store.media_list(None, 0, 1).await.expect("the library").1
}

fn image_upload<'a>(csrf: &'a str, alt: &'a str) -> PickerUpload<'a> {
    PickerUpload {
        csrf,
        file_name: "palais.jpg",
        mime: "image/jpeg",
        bytes: small_jpeg(320, 200),
        alt,
        caption: "Genève, le 3 décembre",
        credit: "Kiosque",
    }
}

// ------------------------------------------------------------------ 1. references to nothing

async fn a_missing_image_is_refused_with_its_line_and_nothing_stored(site: Site) {
    let (_server, j) = newsroom(&site).await;
    let before = media_count(&site).await;

    // A new article whose third line names an image the library does not hold: no article.
    let ghost = "/2026/12/03/nulle-part.jpg";
    let body = format!("{FIRST_LINE}\n\n![Une façade]({ghost})");
    let refused = create(&j, "Genève : une image absente", &body).await;
    assert_eq!(refused.status, 400, "{}", refused.main_text());
    let message = refusal(&refused);
    assert!(
        message.starts_with("Ligne 3") && message.contains(ghost),
        "{message}"
    );
    let store = Store::open(&site.store_url()).await.expect("store");
    let listed = store
        .newsroom_articles(&Default::default(), Default::default(), 0, 50)
        .await
        .expect("list")
        .0;
    assert!(
        listed
            .iter()
            .all(|a| a.title != "Genève : une image absente"),
        "nothing created"
    );

    // An existing article: the save and the workflow button both refuse, naming the line.
    let id = created(&create(&j, "Genève : les négociations reprennent", FIRST_LINE).await);
    let body = format!("{FIRST_LINE}\n\nUn deuxième paragraphe.\n\n![Une façade]({ghost})");
    let (_, form) = typed(&j, id, &body).await;
    let saved = j
        .browser
        .post(&format!("/admin/articles/{id}"), &pairs(&form))
        .await;
    assert_eq!(saved.status, 400, "{}", saved.main_text());
    let message = refusal(&saved);
    assert!(message.starts_with("Ligne 5"), "{message}");
    assert!(message.contains(ghost), "{message}");
    let submit = set(form.clone(), "action", "submit");
    let sent = j
        .browser
        .post(&format!("/admin/articles/{id}/statut"), &pairs(&submit))
        .await;
    assert_eq!(sent.status, 400, "{}", sent.main_text());
    assert!(refusal(&sent).starts_with("Ligne 5"));
    assert_eq!(
        stored(&site, id).await,
        (ArticleStatus::Draft, FIRST_LINE.to_owned()),
        "nothing stored, nothing submitted"
    );

    // A video that does not exist is refused the same way, with its line.
    let (_, form) = typed(&j, id, &format!("{FIRST_LINE}\n::video 987654")).await;
    let saved = j
        .browser
        .post(&format!("/admin/articles/{id}"), &pairs(&form))
        .await;
    assert_eq!(saved.status, 400, "{}", saved.main_text());
    let message = refusal(&saved);
    assert!(
        message.starts_with("Ligne 2") && message.contains("987654"),
        "{message}"
    );
    assert_eq!(media_count(&site).await, before, "no image stored either");

    // Uploaded from the editor, the image exists: its line is accepted and stored.
    let csrf = form_fields(&saved, "editor")
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.clone())
        .expect("a token");
    let up = upload_from_editor(&j.browser, image_upload(&csrf, ALT)).await;
    assert_eq!(up.status, 200, "{}", up.body);
    let snippet = up.json()["snippet"].as_str().expect("a snippet").to_owned();
    let body = format!("{FIRST_LINE}\n\n{snippet}");
    let (_, form) = typed(&j, id, &body).await;
    let saved = j
        .browser
        .post(&format!("/admin/articles/{id}"), &pairs(&form))
        .await;
    assert_eq!(saved.status, 303, "{}", saved.main_text());
    assert_eq!(stored(&site, id).await.1, body);
}

// ------------------------------------------------------------------ 2. the pickers' lists

async fn the_pickers_answer_the_newsroom_and_refuse_readers(site: Site) {
    let (server, j) = newsroom(&site).await;

    // A published article and a draft, both about Zanzibar: only the published one is a link.
    let id = created(&create(&j, "Zanzibar : la saison des pluies", FIRST_LINE).await);
    let (page, form) = typed(&j, id, FIRST_LINE).await;
    drop(page);
    let publish = set(form, "action", "publish");
    let done = j
        .browser
        .post(&format!("/admin/articles/{id}/statut"), &pairs(&publish))
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    created(&create(&j, "Zanzibar : un brouillon", FIRST_LINE).await);

    let links = j.browser.get("/admin/articles/liens.json?q=zanzibar").await;
    assert_eq!(links.status, 200, "{}", links.body);
    assert!(links
        .content_type
        .as_deref()
        .is_some_and(|c| c.contains("json")));
    let items = links.json()["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 1, "only the published article: {items:?}");
    assert_eq!(items[0]["title"], "Zanzibar : la saison des pluies");
    assert_eq!(items[0]["id"], id.get());
    let path = items[0]["path"].as_str().expect("a path");
    assert!(
        path.starts_with("/monde/") && path.ends_with(&format!("_{id}.html")),
        "{path}"
    );
    assert_eq!(
        server.get(path).await.status,
        200,
        "the path is the public page"
    );
    let none = j.browser.get("/admin/articles/liens.json?q=qwxzv").await;
    assert_eq!(none.json()["items"].as_array().map(Vec::len), Some(0));

    // Videos (the demo's archive page brings some), each with the line that shows it.
    let videos = j.browser.get("/admin/videos.json").await;
    assert_eq!(videos.status, 200, "{}", videos.body);
    let all = videos.json()["items"].as_array().expect("items").clone();
    assert!(!all.is_empty(), "the demo has videos");
    let first = &all[0];
    let vid = first["id"].as_i64().expect("an id");
    assert_eq!(first["snippet"], format!("::video {vid}"));
    let word = first["title"]
        .as_str()
        .and_then(|t| t.split_whitespace().max_by_key(|w| w.chars().count()))
        .expect("a title")
        .to_owned();
    let found = j
        .browser
        .get(&format!("/admin/videos.json?q={}", urlencode(&word)))
        .await;
    let found = found.json()["items"].as_array().expect("items").clone();
    assert!(found.iter().any(|v| v["id"] == vid), "{word}: {found:?}");
    assert!(found.iter().all(|v| v["title"]
        .as_str()
        .is_some_and(|t| t.to_lowercase().contains(&word.to_lowercase()))));

    // A reader is refused; a visitor is sent to log in. Neither sees a list.
    let reader = server
        .staff(&site, "Rémi Lecteur", "remi@kiosque.test", &[])
        .await;
    let visitor = server.browser();
    for path in [
        "/admin/articles/liens.json?q=zanzibar",
        "/admin/videos.json",
        "/admin/medias.json",
    ] {
        let page = reader.browser.get(path).await;
        assert_eq!(page.status, 403, "a reader on {path}: {}", page.body);
        assert!(!page.body.contains("Zanzibar"));
        let page = visitor.get(path).await;
        assert!(
            page.status == 303 || page.status == 401,
            "a visitor on {path}: {}",
            page.status
        );
        assert!(!page.body.contains("Zanzibar"));
    }
}

/// A query parameter's value, percent-encoded byte by byte (accents included).
fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

// ------------------------------------------------------------------ 3. uploads from the editor

async fn an_upload_from_the_editor_keeps_its_alt_and_refuses_bad_files(site: Site) {
    let (_server, j) = newsroom(&site).await;
    let page = j.browser.get("/admin/articles/nouveau").await;
    let csrf = page.csrf().expect("a token");
    let before = media_count(&site).await;

    // No alt text: refused, in JSON, and nothing stored.
    let up = upload_from_editor(&j.browser, image_upload(&csrf, "  ")).await;
    assert_eq!(up.status, 400, "{}", up.body);
    assert_eq!(up.json()["error"]["code"], "bad_request");
    let message = up.json()["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(message.contains("texte alternatif"), "{message}");
    assert_eq!(media_count(&site).await, before);

    // Not an image (a text file named like one): refused, nothing stored.
    let text = PickerUpload {
        file_name: "notes.jpg",
        mime: "text/plain",
        bytes: b"Ceci n'est pas une image.".to_vec(),
        ..image_upload(&csrf, ALT)
    };
    let up = upload_from_editor(&j.browser, text).await;
    assert_eq!(up.status, 400, "{}", up.body);
    assert!(up.json()["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    assert_eq!(media_count(&site).await, before);

    // An image with its alt text: stored, and answered with the line that inserts it.
    let up = upload_from_editor(&j.browser, image_upload(&csrf, ALT)).await;
    assert_eq!(up.status, 200, "{}", up.body);
    let item = up.json();
    let path = item["path"].as_str().expect("a path").to_owned();
    assert_eq!(item["alt"], ALT);
    assert_eq!(
        item["snippet"],
        format!("![{ALT}]({path} \"Genève, le 3 décembre\" \"Kiosque\")")
    );
    assert_eq!(media_count(&site).await, before + 1);
    let store = Store::open(&site.store_url()).await.expect("store");
    let rows = store
        .media_by_paths(std::slice::from_ref(&path))
        .await
        .expect("read");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].alt.as_deref(), Some(ALT));
    // The picker's search finds it by its alt text.
    let listed = j.browser.get("/admin/medias.json?q=neige").await;
    let items = listed.json()["items"].as_array().expect("items").clone();
    assert!(
        items.iter().any(|i| i["path"] == path.as_str()),
        "{items:?}"
    );
    // Its thumbnail is served.
    let thumb = item["thumb"].as_str().expect("a thumbnail");
    assert_eq!(j.browser.get(thumb).await.status, 200);
}

both_backends!(
    a_missing_image_is_refused_with_its_line_and_nothing_stored,
    the_pickers_answer_the_newsroom_and_refuse_readers,
    an_upload_from_the_editor_keeps_its_alt_and_refuses_bad_files,
);
