//! "One text, never lost", on both backends: a workflow button of the editor acts on exactly
//! the text on the screen. The journalist's last line, sent with "Envoyer en relecture", is the
//! article's text and what the editor publishes; a stale version with a publish is refused with
//! the conflict page and publishes nothing; a publish the person has no right to saves nothing
//! either. Every form here is read from the editor page and posted whole, as a browser would.

use kiosque_domain::{ArticleId, ArticleStatus};
use kiosque_store::Store;
use kiosque_test_utils::both_backends;
use kiosque_test_utils::forms::{attr, field, form_fields, pairs, set, Fields};
use kiosque_test_utils::server::{norm, select, Member, Page, Server, Site};

const FIRST_BODY: &str = "Les négociations ont repris ce matin à Genève.";
const LAST_LINE: &str = "Dernière minute : un accord de principe a été trouvé.";

async fn staff(server: &Server, site: &Site, name: &str, email: &str, args: &[&str]) -> Member {
    server.staff(site, name, email, args).await
}

/// The editor page of an article, as its person sees it.
async fn editor_page(m: &Member, id: ArticleId) -> Page {
    let page = m.browser.get(&format!("/admin/articles/{id}")).await;
    assert_eq!(
        page.status,
        200,
        "{} opens {id}: {}",
        m.name,
        page.main_text()
    );
    page
}

/// A new article written in the editor (its form read from the new-article page); its id.
async fn written(m: &Member, title: &str) -> ArticleId {
    let page = m.browser.get("/admin/articles/nouveau").await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let form = form_fields(&page, "editor");
    let form = set(form, "title", title);
    let form = set(form, "section", "monde");
    let form = set(form, "body", FIRST_BODY);
    let form = set(form, "intent", "save");
    let done = m
        .browser
        .post("/admin/articles/nouveau", &pairs(&form))
        .await;
    assert_eq!(done.status, 303, "create: {}", done.main_text());
    done.location
        .as_deref()
        .and_then(|l| l.strip_prefix("/admin/articles/"))
        .and_then(|l| l.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no article in {:?}", done.location))
}

/// Clicks a workflow button of the editor page with the editor's fields as they are in
/// `form`: the button must belong to the editor form and post to where it says.
async fn click(m: &Member, page: &Page, form: &Fields, action: &str) -> Page {
    let html = page.html();
    let css = format!("button[name=action][value={action}]");
    let button = select(&html, &css)
        .first()
        .map(|b| (b.value().attr("form"), b.value().attr("formaction")))
        .unwrap_or_else(|| panic!("no {action} button: {}", page.main_text()));
    assert_eq!(
        button.0,
        Some("editor"),
        "the {action} button sends the editor's text"
    );
    let target = button.1.expect("the button's formaction").to_owned();
    drop(html);
    let form = set(form.clone(), "action", action);
    m.browser.post(&target, &pairs(&form)).await
}

fn shown_status(page: &Page) -> String {
    attr(page, "strong.article-status", "data-status").expect("a status")
}

fn shown_body(page: &Page) -> String {
    let html = page.html();
    let body = select(&html, "textarea#e-body")
        .first()
        .map(|t| t.text().collect());
    body.unwrap_or_else(|| panic!("no body field: {}", page.main_text()))
}

/// (version, kind, author) of every revision, newest first, from the history page.
async fn history(m: &Member, id: ArticleId) -> Vec<(String, String, String)> {
    let page = m
        .browser
        .get(&format!("/admin/articles/{id}/revisions"))
        .await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let html = page.html();
    let rows = select(&html, "tr[data-revision]");
    rows.iter()
        .map(|r| {
            let cells: Vec<String> = r
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|c| norm(&c.text().collect::<String>()))
                .collect();
            (cells[3].clone(), cells[4].clone(), cells[5].clone())
        })
        .collect()
}

async fn stored(site: &Site, id: ArticleId) -> (ArticleStatus, String, i64) {
    let store = Store::open(&site.store_url()).await.expect("store");
    let article = store.article(id).await.expect("read").expect("the article");
    let meta = store.article_meta(id).await.expect("meta").expect("meta");
    let body = kiosque_domain::markup::render(&article.body);
    (meta.status, body, meta.version)
}

/// A site with its desk: a journalist of Monde and an editor, both logged in.
async fn desk(site: &Site) -> (Server, Member, Member) {
    let server = site.start_relaxed();
    let args = ["--role", "journalist", "--section", "monde"];
    let journalist = staff(&server, site, "Jeanne Plume", "jeanne@kiosque.test", &args).await;
    let editor = staff(
        &server,
        site,
        "Édith Chef",
        "edith@kiosque.test",
        &["--role", "editor"],
    )
    .await;
    (server, journalist, editor)
}

// ------------------------------------------------------------------ 1. the last line

async fn the_text_on_the_screen_is_the_text_submitted_and_published(site: Site) {
    let (server, journalist, editor) = desk(&site).await;
    let id = written(&journalist, "Genève : les négociations reprennent").await;

    // The journalist adds a line; the autosave keeps a copy, the article is unchanged.
    let page = editor_page(&journalist, id).await;
    let typed = format!("{FIRST_BODY}\n\n{LAST_LINE}");
    let form = set(form_fields(&page, "editor"), "body", &typed);
    let mut backup = form.clone();
    backup.retain(|(k, _)| k != "intent" && k != "action");
    let saved = journalist
        .browser
        .post(&format!("/admin/articles/{id}/autosave"), &pairs(&backup))
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    // The newer copy is announced as a warning, never in the success style.
    let warned = editor_page(&journalist, id).await;
    assert!(
        attr(&warned, ".form-warning[data-newer-autosave]", "role").is_some(),
        "{}",
        warned.body
    );
    assert!(attr(&warned, ".form-notice[data-newer-autosave]", "role").is_none());
    assert_eq!(
        stored(&site, id).await.1,
        FIRST_BODY,
        "an autosave is not the article"
    );

    // "Envoyer en relecture" from the screen with the line: one request saves and submits.
    let before = history(&journalist, id).await.len();
    let done = click(&journalist, &page, &form, "submit").await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    assert_eq!(
        done.location.as_deref(),
        Some(format!("/admin/articles/{id}?ok=submit").as_str())
    );
    let (status, body, version) = stored(&site, id).await;
    assert_eq!(status, ArticleStatus::InReview);
    assert_eq!(body, typed, "the submitted text is the article's text");
    let revisions = history(&journalist, id).await;
    assert_eq!(
        revisions.len(),
        before + 1,
        "one revision written: {revisions:?}"
    );
    assert_eq!(revisions[0].0, version.to_string());
    assert_eq!(revisions[0].2, "Jeanne Plume");
    let page = editor_page(&journalist, id).await;
    assert_eq!(shown_status(&page), "in_review");
    assert_eq!(shown_body(&page), typed);
    assert!(
        attr(&page, "[data-newer-autosave]", "class").is_none(),
        "the copy is older now"
    );

    // The editor publishes what they see; the public page ends with the last line.
    let page = editor_page(&editor, id).await;
    let form = form_fields(&page, "editor");
    assert_eq!(field(&form, "body"), Some(typed.as_str()));
    let done = click(&editor, &page, &form, "publish").await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    let page = editor_page(&editor, id).await;
    assert_eq!(shown_status(&page), "published");
    let public = attr(&page, &format!("a[href$=\"_{id}.html\"]"), "href").expect("a public link");
    let public = server.get(&public).await;
    assert_eq!(public.status, 200);
    assert!(
        norm(&public.main_text()).contains(&norm(LAST_LINE)),
        "{}",
        public.main_text()
    );
}

// ------------------------------------------------------------------ 2. a stale screen

async fn a_stale_version_publishes_nothing(site: Site) {
    let (server, journalist, editor) = desk(&site).await;
    let id = written(&journalist, "Un article relu par deux personnes").await;

    // The editor opens the article; meanwhile the journalist saves a new paragraph.
    let stale = editor_page(&editor, id).await;
    let page = editor_page(&journalist, id).await;
    let newer = format!("{FIRST_BODY}\n\nUn paragraphe de la journaliste.");
    let form = set(
        set(form_fields(&page, "editor"), "body", &newer),
        "intent",
        "save",
    );
    let done = journalist
        .browser
        .post(&format!("/admin/articles/{id}"), &pairs(&form))
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    let (_, _, version) = stored(&site, id).await;

    // The editor publishes from the old screen: refused with the conflict page.
    let mine = format!("{FIRST_BODY}\n\nUne phrase de l’éditrice.");
    let form = set(form_fields(&stale, "editor"), "body", &mine);
    let refused = click(&editor, &stale, &form, "publish").await;
    assert_eq!(refused.status, 409, "{}", refused.main_text());
    assert!(refused.header("x-kiosque-conflict-revision").is_some());
    let html = refused.html();
    let error = select(&html, "#editor-error")
        .first()
        .map(|e| e.text().collect::<String>());
    drop(html);
    assert!(
        error.is_some_and(|e| e.contains("/revisions/comparer")),
        "the conflict page says where to compare: {}",
        refused.main_text()
    );
    assert_eq!(
        shown_body(&refused),
        mine,
        "the editor's text stays on the screen"
    );
    let (status, body, now) = stored(&site, id).await;
    assert_eq!(status, ArticleStatus::Draft, "nothing published");
    assert_eq!(body, newer, "the journalist's save stands");
    assert_eq!(now, version);
    let store = Store::open(&site.store_url()).await.expect("store");
    let path = store
        .article(id)
        .await
        .expect("read")
        .expect("article")
        .path();
    assert_eq!(server.get(&path).await.status, 404, "not online");

    // A schedule without a date is refused beside the text, and changes nothing either.
    let page = editor_page(&editor, id).await;
    let form = set(form_fields(&page, "editor"), "body", &mine);
    let refused = click(&editor, &page, &form, "schedule").await;
    assert_eq!(refused.status, 400, "{}", refused.main_text());
    assert_eq!(shown_body(&refused), mine);
    assert_eq!(
        stored(&site, id).await,
        (ArticleStatus::Draft, newer.clone(), version)
    );

    // The journalist's screen still says "draft" when the editor publishes the saved text
    // (a status-only post: the version does not move): her "submit" with a new line is
    // refused beside her text, and saves nothing.
    let screen = editor_page(&journalist, id).await;
    let csrf = editor.csrf().await;
    let status_only = [
        ("csrf", csrf.as_str()),
        ("action", "publish"),
        ("from", "draft"),
    ];
    let done = editor
        .browser
        .post(&format!("/admin/articles/{id}/statut"), &status_only)
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    let late = format!("{newer}\n\nUne ligne écrite sur un écran dépassé.");
    let form = set(form_fields(&screen, "editor"), "body", &late);
    let refused = click(&journalist, &screen, &form, "submit").await;
    assert_eq!(refused.status, 409, "{}", refused.main_text());
    assert!(
        norm(&refused.main_text()).contains("a changé d'état entre-temps"),
        "{}",
        refused.main_text()
    );
    assert_eq!(shown_body(&refused), late, "her text stays on the screen");
    assert_eq!(
        stored(&site, id).await,
        (ArticleStatus::Published, newer, version)
    );
}

// ------------------------------------------------------------------ 3. no right, no save

async fn a_publish_without_the_right_saves_nothing(site: Site) {
    let server = site.start_relaxed();
    // She may publish in France only; her article is in Monde.
    let args = ["--role", "journalist", "--section", "france"];
    let journalist = staff(&server, &site, "Jeanne Plume", "jeanne@kiosque.test", &args).await;
    let id = written(&journalist, "Un article hors de ses rubriques").await;
    let page = editor_page(&journalist, id).await;
    let html = page.html();
    assert!(select(&html, "button[name=action][value=publish]").is_empty());
    drop(html);
    let before = stored(&site, id).await;
    let revisions = history(&journalist, id).await;

    let form = set(
        form_fields(&page, "editor"),
        "body",
        "Un texte qui ne doit pas rester.",
    );
    let form = set(form, "action", "publish");
    let forged = journalist
        .browser
        .post(&format!("/admin/articles/{id}/statut"), &pairs(&form))
        .await;
    assert_eq!(forged.status, 403, "{}", forged.main_text());
    assert_eq!(
        stored(&site, id).await,
        before,
        "neither published nor saved"
    );
    assert_eq!(
        history(&journalist, id).await,
        revisions,
        "no revision written"
    );

    // The rights are those of where the text puts the article: moved to her section in the
    // same click, it is hers to publish there.
    let form = set(form, "section", "france");
    let moved = journalist
        .browser
        .post(&format!("/admin/articles/{id}/statut"), &pairs(&form))
        .await;
    assert_eq!(moved.status, 303, "{}", moved.main_text());
    let (status, body, _) = stored(&site, id).await;
    assert_eq!(status, ArticleStatus::Published);
    assert_eq!(body, "Un texte qui ne doit pas rester.");
}

both_backends!(
    the_text_on_the_screen_is_the_text_submitted_and_published,
    a_stale_version_publishes_nothing,
    a_publish_without_the_right_saves_nothing,
);
