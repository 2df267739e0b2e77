//! The newsroom on both backends, through the back office as journalists use it: the workflow
//! from draft to publication and back, the permission matrix checked on the server, scheduled
//! publication (also across a restart), revisions with diff and restore, concurrent edits,
//! refused input, and correction notes on the public page.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use std::time::Duration;

use common::{norm, select, text, Member, Page, Server, Site};
use kiosque_domain::{dates, markup, ArticleDraft, ArticleId, ArticleStatus, CommentMode};
use kiosque_store::{NewsroomFilter, NewsroomSort, Store};

/// A form as posted: field names and values.
type Form = Vec<(&'static str, String)>;

/// A newsroom member (or a visitor) with the CSRF token of their session.
struct Writer {
    m: Member,
    csrf: String,
}

/// The editor's fields for a new article.
fn article_form(csrf: &str, title: &str, section: &str, body: &str) -> Form {
    vec![
        ("csrf", csrf.to_owned()),
        ("intent", "save".to_owned()),
        ("title", title.to_owned()),
        ("standfirst", "Un chapô écrit pour le test.".to_owned()),
        ("section", section.to_owned()),
        ("tags", "Essai, Rédaction".to_owned()),
        ("authors", "Agence Essai".to_owned()),
        ("hero_path", String::new()),
        ("hero_alt", String::new()),
        ("hero_caption", String::new()),
        ("hero_credit", String::new()),
        ("comment_mode", "open".to_owned()),
        ("body", body.to_owned()),
    ]
}

/// The form with one field replaced (or added).
fn with(mut form: Form, key: &'static str, value: &str) -> Form {
    form.retain(|(k, _)| *k != key);
    form.push((key, value.to_owned()));
    form
}

fn without(mut form: Form, key: &str) -> Form {
    form.retain(|(k, _)| *k != key);
    form
}

/// The article id of a `/admin/articles/{id}?ok=…` redirection.
fn id_in(location: Option<&str>) -> ArticleId {
    location
        .and_then(|l| l.strip_prefix("/admin/articles/"))
        .and_then(|l| l.split(['?', '/']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no article id in the redirection {location:?}"))
}

impl Writer {
    /// An account made with `kiosque user create` and these arguments, logged in.
    async fn new(server: &Server, site: &Site, name: &str, email: &str, args: &[&str]) -> Writer {
        let m = server.staff(site, name, email, args).await;
        let csrf = m.csrf().await;
        Writer { m, csrf }
    }

    /// Someone without a session.
    fn visitor(server: &Server) -> Writer {
        Writer {
            m: Member {
                browser: server.browser(),
                name: "visiteur".into(),
                email: String::new(),
                password: String::new(),
            },
            csrf: String::new(),
        }
    }

    async fn get(&self, path: &str) -> Page {
        self.m.browser.get(path).await
    }

    async fn post(&self, path: &str, form: &Form) -> Page {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.m.browser.post(path, &pairs).await
    }

    fn form(&self, title: &str, section: &str, body: &str) -> Form {
        article_form(&self.csrf, title, section, body)
    }

    async fn create(&self, title: &str, section: &str, body: &str) -> Page {
        self.post("/admin/articles/nouveau", &self.form(title, section, body))
            .await
    }

    /// Creates a draft through the editor; its id.
    async fn create_ok(&self, title: &str, section: &str, body: &str) -> ArticleId {
        let page = self.create(title, section, body).await;
        assert_eq!(
            page.status,
            303,
            "{} creates {title:?}: {}",
            self.m.name,
            page.main_text()
        );
        let location = page.location.as_deref();
        assert!(
            location.is_some_and(|l| l.ends_with("?ok=cree")),
            "{location:?}"
        );
        id_in(location)
    }

    async fn editor(&self, id: ArticleId) -> Page {
        let page = self.get(&format!("/admin/articles/{id}")).await;
        assert_eq!(
            page.status,
            200,
            "{} opens article {id}: {}",
            self.m.name,
            page.main_text()
        );
        page
    }

    async fn save(
        &self,
        id: ArticleId,
        version: &str,
        title: &str,
        section: &str,
        body: &str,
    ) -> Page {
        let form = with(self.form(title, section, body), "version", version);
        self.post(&format!("/admin/articles/{id}"), &form).await
    }

    /// Saves through the editor page (reading its version first); asserts success.
    async fn save_ok(&self, id: ArticleId, title: &str, body: &str) {
        let page = self.editor(id).await;
        let version = version(&page);
        let page = self.save(id, &version, title, "monde", body).await;
        assert_eq!(page.status, 303, "save {id}: {}", page.main_text());
        assert_eq!(
            page.location.as_deref(),
            Some(format!("/admin/articles/{id}?ok=enregistre").as_str())
        );
    }

    /// A workflow button: submit, publish or unpublish, from the status the page showed.
    async fn act(&self, id: ArticleId, action: &str, from: &str) -> Page {
        let form: Form = vec![
            ("csrf", self.csrf.clone()),
            ("action", action.to_owned()),
            ("from", from.to_owned()),
        ];
        self.post(&format!("/admin/articles/{id}/statut"), &form)
            .await
    }

    /// A workflow action that must succeed, from the status the editor page shows now.
    async fn act_ok(&self, id: ArticleId, action: &str) {
        let from = status_code(&self.editor(id).await);
        let page = self.act(id, action, &from).await;
        assert_eq!(
            page.status,
            303,
            "{} {action} {id} from {from}: {}",
            self.m.name,
            page.main_text()
        );
        assert_eq!(
            page.location.as_deref(),
            Some(format!("/admin/articles/{id}?ok={action}").as_str())
        );
    }

    async fn schedule(&self, id: ArticleId, from: &str, date: &str, time: &str) -> Page {
        let form: Form = vec![
            ("csrf", self.csrf.clone()),
            ("action", "schedule".to_owned()),
            ("from", from.to_owned()),
            ("date", date.to_owned()),
            ("time", time.to_owned()),
        ];
        self.post(&format!("/admin/articles/{id}/statut"), &form)
            .await
    }

    async fn correct(&self, id: ArticleId, note: &str) -> Page {
        let form: Form = vec![("csrf", self.csrf.clone()), ("text", note.to_owned())];
        self.post(&format!("/admin/articles/{id}/rectificatifs"), &form)
            .await
    }

    async fn restore(&self, id: ArticleId, rev: i64, version: &str) -> Page {
        let form: Form = vec![("csrf", self.csrf.clone()), ("version", version.to_owned())];
        self.post(
            &format!("/admin/articles/{id}/revisions/{rev}/restaurer"),
            &form,
        )
        .await
    }
}

// ------------------------------------------------------------------ reading pages

fn attr(page: &Page, css: &str, name: &str) -> Option<String> {
    let html = page.html();
    select(&html, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_owned)
}

/// The version the editor page will send back.
fn version(page: &Page) -> String {
    attr(page, "form#editor input[name=version]", "value")
        .unwrap_or_else(|| panic!("no version field: {}", page.main_text()))
}

/// The status code shown by the editor page (draft, in_review, …).
fn status_code(page: &Page) -> String {
    attr(page, "strong.article-status", "data-status")
        .unwrap_or_else(|| panic!("no status: {}", page.main_text()))
}

/// The status as the editor page says it ("À relire").
fn status_label(page: &Page) -> String {
    let html = page.html();
    select(&html, "strong.article-status")
        .first()
        .map(text)
        .unwrap_or_else(|| panic!("no status: {}", page.main_text()))
}

/// The body text area of the editor page.
fn body_field(page: &Page) -> String {
    let html = page.html();
    select(&html, "textarea#e-body")
        .first()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_else(|| panic!("no body field: {}", page.main_text()))
}

/// The error the editor page shows above the form.
fn editor_error(page: &Page) -> String {
    let html = page.html();
    select(&html, "#editor-error")
        .first()
        .map(|e| norm(&e.text().collect::<String>()))
        .unwrap_or_else(|| {
            panic!(
                "no error shown (status {}): {}",
                page.status,
                page.main_text()
            )
        })
}

/// The link of the editor page to the public page (published articles only).
/// The title field's text: a text area, since a long title wraps on the screen.
fn title_field(page: &Page) -> String {
    let html = page.html();
    select(&html, "textarea#e-title")
        .first()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_else(|| panic!("no title field: {}", page.main_text()))
}

fn public_link(page: &Page) -> Option<String> {
    let html = page.html();
    select(&html, "main a[href]")
        .into_iter()
        .find(|a| text(a) == "voir la page publique")
        .and_then(|a| a.value().attr("href").map(str::to_owned))
}

fn links_to(page: &Page, path: &str) -> bool {
    let html = page.html();
    select(&html, "a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .any(|h| {
            h == path
                || h.strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('#'))
        })
}

/// The total the article list announces ("12 articles.").
fn listed_total(page: &Page) -> i64 {
    let html = page.html();
    select(&html, "main p")
        .iter()
        .map(text)
        .find_map(|t| {
            t.strip_suffix(" articles.")
                .or_else(|| t.strip_suffix(" article."))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or_else(|| panic!("no total in the list: {}", page.main_text()))
}

/// The editor's text for a body, as the editor page gives it back (the canonical form).
fn canonical(body: &str) -> String {
    markup::render(&markup::parse(body).expect("a valid body"))
}

// ------------------------------------------------------------------ the store, read directly

async fn open_store(site: &Site) -> Store {
    Store::open(&site.store_url()).await.expect("store")
}

/// The public path of an article, published or not.
async fn public_path(store: &Store, id: ArticleId) -> String {
    store
        .article(id)
        .await
        .expect("article")
        .unwrap_or_else(|| panic!("no article {id}"))
        .path()
}

async fn stored_status(store: &Store, id: ArticleId) -> ArticleStatus {
    store
        .article_meta(id)
        .await
        .expect("meta")
        .unwrap_or_else(|| panic!("no article {id}"))
        .status
}

/// Everything an action could change about an article.
async fn snapshot(store: &Store, id: ArticleId) -> String {
    let meta = store
        .article_meta(id)
        .await
        .expect("meta")
        .expect("article");
    let a = store.article(id).await.expect("article").expect("article");
    let corrections = store.corrections(id).await.expect("corrections");
    let revisions = store.revisions(id).await.expect("revisions");
    format!(
        "{meta:?} title={:?} body={:?} published_at={:?} corrections={corrections:?} \
         revisions={}",
        a.title,
        a.body,
        a.published_at,
        revisions.len()
    )
}

async fn article_count(store: &Store) -> i64 {
    store
        .newsroom_articles(&NewsroomFilter::default(), NewsroomSort::Modified, 0, 1)
        .await
        .expect("count")
        .1
}

/// A draft written straight into the store, created by this user.
async fn stored_draft(store: &Store, by: i64, title: &str, section: &str) -> ArticleId {
    let draft = ArticleDraft {
        source_key: None,
        section: section.to_owned(),
        title: title.to_owned(),
        standfirst: None,
        hero: None,
        hero_video: None,
        body: markup::parse("Texte de départ.").expect("body"),
        tags: Vec::new(),
        authors: vec!["Agence Essai".to_owned()],
        status: ArticleStatus::Draft,
        published_at: None,
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::default(),
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    store
        .create_article(&draft, kiosque_domain::UserId(by))
        .await
        .expect("create")
        .id
}

/// A published article created by this user.
async fn stored_published(store: &Store, by: i64, title: &str, section: &str) -> ArticleId {
    let id = stored_draft(store, by, title, section).await;
    store
        .change_status(id, ArticleStatus::Draft, ArticleStatus::Published, None)
        .await
        .expect("publish");
    id
}

/// Paris date (`YYYY-MM-DD`) and time (`HH:MM`) of an instant, as the schedule form takes them.
fn paris_form(ms: i64) -> (String, String) {
    let at = chrono::DateTime::from_timestamp_millis(ms)
        .expect("a time")
        .with_timezone(&chrono_tz::Europe::Paris);
    (
        at.format("%Y-%m-%d").to_string(),
        at.format("%H:%M").to_string(),
    )
}

/// The instant a Paris date and time stand for (as the server reads the schedule form).
fn paris_ms(date: &str, time: &str) -> i64 {
    dates::paris_millis(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date"),
        Some(chrono::NaiveTime::parse_from_str(time, "%H:%M").expect("time")),
    )
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

const DAY_MS: i64 = 86_400_000;

// ------------------------------------------------------------------ 1. the workflow

const WORKFLOW_BODY: &str = "\
Les négociations ont repris ce matin à Genève.

## Les combats reprennent à Alep

> Un pas très important vers la paix.
> — Vladimir Poutine

- Premier point de l’accord
- Deuxième point de l’accord";

async fn workflow_from_draft_to_published_and_back(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let contributor = Writer::new(
        &server,
        &site,
        "Claire Pigiste",
        "claire@kiosque.test",
        &["--role", "contributor"],
    )
    .await;
    let editor = Writer::new(
        &server,
        &site,
        "Édith Chef",
        "edith@kiosque.test",
        &["--role", "editor"],
    )
    .await;

    // The contributor writes a draft: it is theirs, a draft, and nowhere on the public site.
    let title = "Syrie : les négociations reprennent à Genève";
    let id = contributor.create_ok(title, "monde", WORKFLOW_BODY).await;
    let page = contributor
        .get(&format!("/admin/articles/{id}?ok=cree"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.shows("Article créé"), "{}", page.main_text());
    assert_eq!(status_code(&page), "draft");
    assert_eq!(status_label(&page), "Brouillon");
    assert_eq!(body_field(&page), canonical(WORKFLOW_BODY));
    assert_eq!(public_link(&page), None);
    let path = public_path(&store, id).await;
    assert!(
        path.starts_with("/monde/") && path.ends_with(&format!("_{id}.html")),
        "{path}"
    );
    assert_eq!(server.get(&path).await.status, 404, "a draft is not public");
    assert!(!links_to(&server.get("/").await, &path));
    assert!(!links_to(&server.get("/monde").await, &path));
    // Its own list shows it, as a draft.
    let list = contributor.get("/admin/articles").await;
    assert_eq!(list.status, 200);
    let html = list.html();
    let row = select(&html, &format!("tr[data-article=\"{id}\"] td.status"))
        .first()
        .map(text);
    assert_eq!(row.as_deref(), Some("Brouillon"), "{}", list.main_text());
    drop(html);

    // The contributor sends it for review: "À relire".
    contributor.act_ok(id, "submit").await;
    let page = contributor
        .get(&format!("/admin/articles/{id}?ok=submit"))
        .await;
    assert!(
        page.shows("Article envoyé en relecture"),
        "{}",
        page.main_text()
    );
    assert_eq!(status_label(&page), "À relire");
    assert_eq!(status_code(&page), "in_review");
    // No publish button for them…
    let html = page.html();
    assert!(select(&html, "button[name=action][value=publish]").is_empty());
    drop(html);
    // …and a forged publish (or edit) is refused on the server: nothing changes.
    let before = snapshot(&store, id).await;
    let forged = contributor.act(id, "publish", "in_review").await;
    assert_eq!(forged.status, 403, "{}", forged.main_text());
    let forged = contributor.act(id, "schedule", "in_review").await;
    assert_eq!(forged.status, 403, "{}", forged.main_text());
    let forged = contributor
        .save(id, "1", "Titre changé en douce", "monde", "Autre texte.")
        .await;
    assert_eq!(
        forged.status,
        403,
        "a submitted draft is the desk's: {}",
        forged.main_text()
    );
    assert_eq!(snapshot(&store, id).await, before);
    assert_eq!(stored_status(&store, id).await, ArticleStatus::InReview);
    assert_eq!(server.get(&path).await.status, 404);
    assert_eq!(status_label(&contributor.editor(id).await), "À relire");

    // An editor sees it in the review queue and publishes it.
    let queue = editor.get("/admin/articles?statut=in_review").await;
    assert_eq!(queue.status, 200);
    assert!(
        links_to(&queue, &format!("/admin/articles/{id}")),
        "{}",
        queue.main_text()
    );
    editor.act_ok(id, "publish").await;
    let page = editor.editor(id).await;
    assert_eq!(status_label(&page), "Publié");
    assert_eq!(public_link(&page).as_deref(), Some(path.as_str()));
    let visitor = server.browser();
    let public = visitor.get_until(&path, |p| p.status == 200).await;
    assert_eq!(public.status, 200, "published: {}", public.main_text());
    let html = public.html();
    let h1: Vec<String> = select(&html, "article.article h1")
        .iter()
        .map(text)
        .collect();
    assert_eq!(h1.len(), 1);
    assert_eq!(norm(&h1[0]), norm(title));
    let h2: Vec<String> = select(&html, ".article-body h2").iter().map(text).collect();
    assert_eq!(h2, ["Les combats reprennent à Alep"]);
    let quote: Vec<String> = select(&html, ".article-body blockquote")
        .iter()
        .map(|q| norm(&q.text().collect::<String>()))
        .collect();
    assert_eq!(quote, ["Un pas très important vers la paix."]);
    let source: Vec<String> = select(&html, ".article-body figure.quote figcaption")
        .iter()
        .map(|q| norm(&q.text().collect::<String>()))
        .collect();
    assert_eq!(source, ["— Vladimir Poutine"]);
    let items: Vec<String> = select(&html, ".article-body ul li")
        .iter()
        .map(|q| norm(&q.text().collect::<String>()))
        .collect();
    assert_eq!(
        items,
        ["Premier point de l'accord", "Deuxième point de l'accord"]
    );
    drop(html);
    let front = visitor.get_until("/", |p| links_to(p, &path)).await;
    assert!(links_to(&front, &path), "the front page lists it");
    assert!(links_to(&visitor.get("/monde").await, &path));
    // The contributor may no longer change it.
    let forged = contributor.act(id, "unpublish", "published").await;
    assert_eq!(forged.status, 403);
    assert_eq!(stored_status(&store, id).await, ArticleStatus::Published);

    // The editor takes it down: gone from its page and from the front page.
    editor.act_ok(id, "unpublish").await;
    let page = editor.editor(id).await;
    assert_eq!(status_label(&page), "Dépublié");
    assert_eq!(public_link(&page), None);
    let public = visitor.get_until(&path, |p| p.status == 404).await;
    assert_eq!(public.status, 404, "unpublished");
    let front = visitor.get_until("/", |p| !links_to(p, &path)).await;
    assert!(!links_to(&front, &path), "off the front page");
    assert!(!links_to(&visitor.get("/monde").await, &path));
    // Unpublishing twice is an impossible transition, not a silent success.
    let again = editor.act(id, "unpublish", "unpublished").await;
    assert_eq!(again.status, 400, "{}", again.main_text());
    assert!(
        again.shows("Impossible depuis l'état"),
        "{}",
        again.main_text()
    );
    store.close().await;
}

// ------------------------------------------------------------------ 2. the permission matrix

/// The actions of the matrix, in the order of the expectation strings below.
const ACTIONS: [&str; 9] = [
    "GET the list",
    "create",
    "edit own draft",
    "edit someone else's draft",
    "submit own draft",
    "publish own draft (section monde)",
    "schedule own draft",
    "unpublish own article",
    "add a correction to own article",
];

/// What a cell expects: `Y` allowed (200 for the list, 303 otherwise, and the article changed),
/// `N` refused with 403 and nothing changed, `L` sent to the log-in page and nothing changed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    Allowed,
    Refused,
    LogIn,
}

fn expectations(row: &str) -> Vec<Expect> {
    let cells: Vec<Expect> = row
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'Y' => Expect::Allowed,
            'N' => Expect::Refused,
            'L' => Expect::LogIn,
            other => panic!("bad cell {other:?}"),
        })
        .collect();
    assert_eq!(cells.len(), ACTIONS.len(), "{row}");
    cells
}

/// The articles one role acts on (all in the section "monde").
struct Targets {
    own_draft: ArticleId,
    other_draft: ArticleId,
    to_submit: ArticleId,
    to_publish: ArticleId,
    to_schedule: ArticleId,
    own_published: ArticleId,
    to_correct: ArticleId,
}

async fn targets(store: &Store, by: i64, other: i64, role: &str) -> Targets {
    Targets {
        own_draft: stored_draft(store, by, &format!("Brouillon de {role}"), "monde").await,
        other_draft: stored_draft(
            store,
            other,
            &format!("Brouillon d'un autre ({role})"),
            "monde",
        )
        .await,
        to_submit: stored_draft(store, by, &format!("À envoyer ({role})"), "monde").await,
        to_publish: stored_draft(store, by, &format!("À publier ({role})"), "monde").await,
        to_schedule: stored_draft(store, by, &format!("À programmer ({role})"), "monde").await,
        own_published: stored_published(store, by, &format!("En ligne ({role})"), "monde").await,
        to_correct: stored_published(store, by, &format!("À rectifier ({role})"), "monde").await,
    }
}

fn judge(
    failures: &mut Vec<String>,
    role: &str,
    action: &str,
    expect: Expect,
    page: &Page,
    changed: bool,
) {
    let ok_status = if action == ACTIONS[0] { 200 } else { 303 };
    let to_login = page
        .location
        .as_deref()
        .is_some_and(|l| l.starts_with("/compte/connexion"));
    let verdict = match expect {
        Expect::Allowed => {
            if page.status != ok_status || to_login {
                Some(format!(
                    "expected {ok_status} (allowed), got {} {:?}: {}",
                    page.status,
                    page.location,
                    page.main_text()
                ))
            } else if !changed && action != ACTIONS[0] {
                Some("answered as allowed but changed nothing".to_owned())
            } else {
                None
            }
        }
        Expect::Refused => {
            if page.status != 403 {
                Some(format!(
                    "expected 403, got {} {:?}: {}",
                    page.status,
                    page.location,
                    page.main_text()
                ))
            } else if changed {
                Some("refused (403) but the article changed".to_owned())
            } else {
                None
            }
        }
        Expect::LogIn => {
            if page.status != 303 || !to_login {
                Some(format!(
                    "expected 303 to /compte/connexion, got {} {:?}",
                    page.status, page.location
                ))
            } else if changed {
                Some("sent to the log-in page but the article changed".to_owned())
            } else {
                None
            }
        }
    };
    if let Some(v) = verdict {
        failures.push(format!("{role} × {action}: {v}"));
    }
}

async fn the_permission_matrix(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    // The owner of the "someone else's draft" of every row.
    let owner = Writer::new(
        &server,
        &site,
        "Propriétaire",
        "owner@kiosque.test",
        &["--role", "journalist", "--section", "monde"],
    )
    .await;
    let owner_id = owner.m.id().await;

    // One row per role, one cell per action in the order of ACTIONS: the list, create, edit own
    // draft, edit someone else's, submit, publish (in "monde"), schedule, unpublish, correct.
    // Y allowed, N refused (403), L sent to the log-in page.
    #[rustfmt::skip]
    let rows: [(&str, &[&str], &str); 8] = [
        ("visitor",                           &[],                                               "L L L L L L L L L"),
        ("member",                            &[],                                               "N N N N N N N N N"),
        ("contributor",                       &["--role", "contributor"],                        "Y Y Y N Y N N N N"),
        ("journalist allowed in monde",       &["--role", "journalist", "--section", "monde"],  "Y Y Y N Y Y N N Y"),
        ("journalist allowed in france only", &["--role", "journalist", "--section", "france"], "Y Y Y N Y N N N Y"),
        ("editor",                            &["--role", "editor"],                             "Y Y Y Y Y Y Y Y Y"),
        ("moderator",                         &["--role", "moderator"],                          "N N N N N N N N N"),
        ("admin",                             &["--admin"],                                      "Y Y Y Y Y Y Y Y Y"),
    ];
    let (date, time) = paris_form(now_ms() + 2 * DAY_MS);
    let mut failures = Vec::new();
    for (i, (role, args, expected)) in rows.iter().enumerate() {
        let expected = expectations(expected);
        let (who, by) = if *role == "visitor" {
            (Writer::visitor(&server), owner_id)
        } else {
            let w = Writer::new(
                &server,
                &site,
                &format!("Rôle {i}"),
                &format!("role{i}@kiosque.test"),
                args,
            )
            .await;
            let id = w.m.id().await;
            (w, id)
        };
        let t = targets(&store, by, owner_id, role).await;

        // The list.
        let page = who.get("/admin/articles").await;
        judge(&mut failures, role, ACTIONS[0], expected[0], &page, false);

        // Create.
        let before = article_count(&store).await;
        let page = who
            .create(&format!("Créé par {role}"), "monde", "Un texte.")
            .await;
        let changed = article_count(&store).await != before;
        judge(&mut failures, role, ACTIONS[1], expected[1], &page, changed);
        if expected[1] == Expect::Allowed && page.status == 303 {
            assert!(
                page.location
                    .as_deref()
                    .is_some_and(|l| l.ends_with("?ok=cree")),
                "{role}: {:?}",
                page.location
            );
        }

        // Edit own draft, then someone else's.
        for (n, id) in [(2, t.own_draft), (3, t.other_draft)] {
            let before = snapshot(&store, id).await;
            let page = who
                .save(
                    id,
                    "1",
                    &format!("Titre modifié par {role}"),
                    "monde",
                    "Nouveau texte.",
                )
                .await;
            let changed = snapshot(&store, id).await != before;
            judge(&mut failures, role, ACTIONS[n], expected[n], &page, changed);
        }

        // The workflow.
        for (n, id, action, from) in [
            (4, t.to_submit, "submit", "draft"),
            (5, t.to_publish, "publish", "draft"),
            (7, t.own_published, "unpublish", "published"),
        ] {
            let before = snapshot(&store, id).await;
            let page = who.act(id, action, from).await;
            let changed = snapshot(&store, id).await != before;
            judge(&mut failures, role, ACTIONS[n], expected[n], &page, changed);
        }
        let before = snapshot(&store, t.to_schedule).await;
        let page = who.schedule(t.to_schedule, "draft", &date, &time).await;
        let changed = snapshot(&store, t.to_schedule).await != before;
        judge(&mut failures, role, ACTIONS[6], expected[6], &page, changed);
        if expected[6] == Expect::Allowed && changed {
            let meta = store
                .article_meta(t.to_schedule)
                .await
                .expect("meta")
                .expect("meta");
            assert_eq!(meta.status, ArticleStatus::Scheduled, "{role}");
            assert_eq!(meta.scheduled_at, Some(paris_ms(&date, &time)), "{role}");
        }

        // A correction.
        let before = snapshot(&store, t.to_correct).await;
        let page = who
            .correct(t.to_correct, &format!("Rectificatif de {role}."))
            .await;
        let changed = snapshot(&store, t.to_correct).await != before;
        judge(&mut failures, role, ACTIONS[8], expected[8], &page, changed);

        // What the allowed actions did, precisely.
        let expect_status = |n: usize, yes: ArticleStatus, no: ArticleStatus| {
            if expected[n] == Expect::Allowed {
                yes
            } else {
                no
            }
        };
        for (n, id, yes, no) in [
            (
                4,
                t.to_submit,
                ArticleStatus::InReview,
                ArticleStatus::Draft,
            ),
            (
                5,
                t.to_publish,
                ArticleStatus::Published,
                ArticleStatus::Draft,
            ),
            (
                7,
                t.own_published,
                ArticleStatus::Unpublished,
                ArticleStatus::Published,
            ),
        ] {
            let status = stored_status(&store, id).await;
            if status != expect_status(n, yes, no) {
                failures.push(format!(
                    "{role} × {}: the article is now {status:?}",
                    ACTIONS[n]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} cell(s) of the permission matrix failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    store.close().await;
}

// ------------------------------------------------------------------ 3. scheduling

fn set_clock(path: &std::path::Path, ms: i64) {
    // Written whole then renamed, so that the server never reads half a number.
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, format!("{ms}\n")).expect("write the clock");
    std::fs::rename(&tmp, path).expect("move the clock");
}

async fn scheduled_articles_go_live_on_time_even_after_a_restart(site: Site) {
    let clock = site.dir.path().join("horloge");
    let t = now_ms();
    set_clock(&clock, t);
    let clock_arg = clock.to_str().expect("utf-8 path").to_owned();
    let args = [
        "--rate-limit-factor",
        "1000",
        "--test-clock",
        clock_arg.as_str(),
    ];
    let mut server = site.start_with(&args);
    let store = open_store(&site).await;
    let editor = Writer::new(
        &server,
        &site,
        "Édith Chef",
        "edith@kiosque.test",
        &["--role", "editor"],
    )
    .await;
    let visitor = server.browser();

    let id = editor
        .create_ok(
            "Le sommet de demain matin",
            "monde",
            "Un article programmé.",
        )
        .await;
    let path = public_path(&store, id).await;

    // In the past (for the newsroom's clock): refused, nothing changes.
    let (past_date, past_time) = paris_form(t - DAY_MS);
    let before = snapshot(&store, id).await;
    let page = editor.schedule(id, "draft", &past_date, &past_time).await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    assert!(page.shows("Cette date est passée"), "{}", page.main_text());
    // A minute ago is the past too, and a malformed date says what it wants.
    let (date, time) = paris_form(t - 60_000);
    assert_eq!(editor.schedule(id, "draft", &date, &time).await.status, 400);
    let page = editor.schedule(id, "draft", "demain", "08:00").await;
    assert_eq!(page.status, 400);
    assert!(
        page.shows("Indiquez la date de publication"),
        "{}",
        page.main_text()
    );
    assert_eq!(snapshot(&store, id).await, before);

    // For tomorrow, Paris time.
    let (date, time) = paris_form(t + DAY_MS);
    let due = paris_ms(&date, &time);
    assert!(due > t && due <= t + DAY_MS);
    let page = editor.schedule(id, "draft", &date, &time).await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/admin/articles/{id}?ok=schedule").as_str())
    );
    let page = editor.editor(id).await;
    assert_eq!(status_label(&page), "Programmé");
    let fr_date = dates::paris_date(due);
    let announced = format!("publication programmée le {fr_date} à {time}");
    assert!(
        page.shows(&announced),
        "{announced:?} in {}",
        page.main_text()
    );
    let meta = store.article_meta(id).await.expect("meta").expect("meta");
    assert_eq!(meta.scheduled_at, Some(due));
    // Not public yet, even after the scheduler has run a few times.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(stored_status(&store, id).await, ArticleStatus::Scheduled);
    assert_eq!(visitor.get(&path).await.status, 404);
    assert!(!links_to(&visitor.get("/").await, &path));

    // The clock reaches the time: online within a few seconds, at its scheduled time.
    set_clock(&clock, t + DAY_MS + 60_000);
    let front = visitor.get_until("/", |p| links_to(p, &path)).await;
    assert!(links_to(&front, &path), "on the front page once due");
    let section = visitor.get_until("/monde", |p| links_to(p, &path)).await;
    assert!(links_to(&section, &path), "on its section page");
    assert_eq!(visitor.get(&path).await.status, 200);
    let article = store.article(id).await.expect("article").expect("article");
    assert_eq!(article.status, ArticleStatus::Published);
    assert_eq!(
        article.published_at,
        Some(due),
        "published at its scheduled time"
    );
    let page = editor.editor(id).await;
    assert_eq!(status_label(&page), "Publié");
    assert_eq!(public_link(&page).as_deref(), Some(path.as_str()));

    // A second one, due while the server is down: published when it starts again.
    let now = t + DAY_MS + 60_000;
    let second = editor
        .create_ok(
            "Le conseil de la semaine prochaine",
            "europe",
            "Un autre article.",
        )
        .await;
    let second_path = public_path(&store, second).await;
    let (date, time) = paris_form(now + DAY_MS);
    let second_due = paris_ms(&date, &time);
    let page = editor.schedule(second, "draft", &date, &time).await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert!(server.stop().success(), "a graceful stop");
    assert_eq!(
        stored_status(&store, second).await,
        ArticleStatus::Scheduled
    );
    set_clock(&clock, now + DAY_MS + 5 * 60_000);
    let server = site.start_with(&args);
    let visitor = server.browser();
    let page = visitor.get_until(&second_path, |p| p.status == 200).await;
    assert_eq!(page.status, 200, "published at start: {}", page.main_text());
    let article = store
        .article(second)
        .await
        .expect("article")
        .expect("article");
    assert_eq!(article.status, ArticleStatus::Published);
    assert_eq!(article.published_at, Some(second_due));
    assert!(links_to(&visitor.get("/").await, &second_path));
    assert!(links_to(&visitor.get("/europe").await, &second_path));
    // The first one is still online.
    assert_eq!(visitor.get(&path).await.status, 200);
    store.close().await;
}

// ------------------------------------------------------------------ 4. revisions

const FIRST: &str =
    "Premier jet du texte.\n\n## Intertitre de départ\n\nParagraphe commun aux versions.";
const SECOND: &str =
    "Deuxième jet du texte.\n\n## Intertitre de départ\n\nParagraphe commun aux versions.";
const THIRD: &str = "Version finale du texte.\n\n## Intertitre revu\n\nParagraphe commun aux versions.\n\n- Un point ajouté";

/// The revisions page's rows, newest first: (id, version, kind, author, date).
fn revision_rows(page: &Page) -> Vec<(i64, String, String, String, String)> {
    let html = page.html();
    select(&html, "tr[data-revision]")
        .iter()
        .map(|tr| {
            let id = tr
                .value()
                .attr("data-revision")
                .and_then(|v| v.parse().ok())
                .expect("revision id");
            let cells: Vec<String> = tr
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|td| norm(&td.text().collect::<String>()))
                .collect();
            assert_eq!(cells.len(), 7, "{cells:?}");
            (
                id,
                cells[3].clone(),
                cells[4].clone(),
                cells[5].clone(),
                cells[6].clone(),
            )
        })
        .collect()
}

/// The texts of the removed and added lines of a diff page, without their sign.
fn diff_lines(page: &Page) -> (Vec<String>, Vec<String>) {
    let html = page.html();
    let lines = |css: &str| -> Vec<String> {
        select(&html, css)
            .iter()
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .trim_start_matches(['−', '+'])
                    .trim()
                    .to_owned()
            })
            .collect()
    };
    (lines("pre.diff del"), lines("pre.diff ins"))
}

async fn revisions_diff_and_restore(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let editor = Writer::new(
        &server,
        &site,
        "Édith Chef",
        "edith@kiosque.test",
        &["--role", "editor"],
    )
    .await;
    let day_before = dates::paris_date(now_ms());
    let title = "Un article qui change";
    let id = editor.create_ok(title, "monde", FIRST).await;
    editor.act_ok(id, "publish").await;
    let path = public_path(&store, id).await;
    editor.save_ok(id, title, SECOND).await;
    editor.save_ok(id, title, THIRD).await;
    let visitor = server.browser();
    let public = visitor
        .get_until(&path, |p| p.shows("Version finale du texte."))
        .await;
    assert!(
        public.shows("Version finale du texte."),
        "{}",
        public.main_text()
    );

    // Three revisions, newest first, each with its author and time.
    let page = editor.get(&format!("/admin/articles/{id}/revisions")).await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let day_after = dates::paris_date(now_ms());
    let rows = revision_rows(&page);
    assert_eq!(rows.len(), 3, "{rows:?}");
    let versions: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(versions, ["3", "2", "1"]);
    for (rid, _, kind, author, date) in &rows {
        assert_eq!(kind, "Enregistrement", "revision {rid}");
        assert_eq!(author, "Édith Chef", "revision {rid}");
        assert!(
            (date.starts_with(&day_before) || date.starts_with(&day_after))
                && date.contains(" à ")
                && date.len() == "23/12/2016 à 15:34".len(),
            "revision {rid} dated {date:?}"
        );
    }
    let (first, last) = (rows[2].0, rows[0].0);

    // The diff from the first to the last: removed and added lines, the rest untouched.
    let page = editor
        .get(&format!(
            "/admin/articles/{id}/revisions/comparer?de={first}&a={last}"
        ))
        .await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let (removed, added) = diff_lines(&page);
    for line in ["Premier jet du texte.", "## Intertitre de départ"] {
        assert!(
            removed.iter().any(|l| l == line),
            "{line:?} removed: {removed:?}"
        );
    }
    for line in [
        "Version finale du texte.",
        "## Intertitre revu",
        "- Un point ajouté",
    ] {
        assert!(added.iter().any(|l| l == line), "{line:?} added: {added:?}");
    }
    for same in [
        "Paragraphe commun aux versions.",
        &format!("Titre : {title}"),
    ] {
        assert!(
            !removed.iter().chain(&added).any(|l| l == same),
            "{same:?} did not change"
        );
        assert!(page.shows(same), "{same:?} shown as context");
    }
    // A revision of another article, or a malformed one, is not there.
    let other = editor
        .create_ok("Un autre article", "monde", "Autre.")
        .await;
    let page = editor
        .get(&format!(
            "/admin/articles/{other}/revisions/comparer?de={first}&a={last}"
        ))
        .await;
    assert_eq!(page.status, 404);
    let page = editor
        .get(&format!(
            "/admin/articles/{id}/revisions/comparer?de=x&a={last}"
        ))
        .await;
    assert_eq!(page.status, 400);

    // Restoring the first: the editor and the public page show it again, as a new revision.
    let page = editor.get(&format!("/admin/articles/{id}/revisions")).await;
    let restore_version = attr(
        &page,
        &format!(
            "form[action=\"/admin/articles/{id}/revisions/{first}/restaurer\"] input[name=version]"
        ),
        "value",
    )
    .expect("a restore button for the first revision");
    assert_eq!(restore_version, "3");
    let page = editor.restore(id, first, &restore_version).await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/admin/articles/{id}?ok=restaure").as_str())
    );
    let page = editor.editor(id).await;
    assert_eq!(body_field(&page), canonical(FIRST));
    assert_eq!(version(&page), "4");
    assert_eq!(status_label(&page), "Publié", "restoring keeps the status");
    let public = visitor
        .get_until(&path, |p| p.shows("Premier jet du texte."))
        .await;
    assert!(
        public.shows("Premier jet du texte."),
        "{}",
        public.main_text()
    );
    assert!(!public.shows("Version finale du texte."));
    assert!(!public.shows("Un point ajouté"));
    let page = editor.get(&format!("/admin/articles/{id}/revisions")).await;
    let rows = revision_rows(&page);
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(
        (rows[0].1.as_str(), rows[0].2.as_str(), rows[0].3.as_str()),
        ("4", "Restauration", "Édith Chef")
    );
    // Nothing left the history.
    assert_eq!(rows[3].0, first);

    // Restoring from a stale history page is refused and changes nothing.
    let before = snapshot(&store, id).await;
    let page = editor.restore(id, last, "3").await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    assert!(page.shows("rechargez l'historique"), "{}", page.main_text());
    let after = store.article_meta(id).await.expect("meta").expect("meta");
    assert_eq!(after.version, 4);
    let a = store.article(id).await.expect("article").expect("article");
    assert_eq!(markup::render(&a.body), canonical(FIRST));
    let kinds: Vec<String> = store
        .revisions(id)
        .await
        .expect("revisions")
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(
        kinds,
        ["restore", "save", "save", "save"],
        "a refused restore leaves no trace in the history either"
    );
    assert_eq!(snapshot(&store, id).await, before);
    store.close().await;
}

// ------------------------------------------------------------------ 5. concurrent edits

async fn concurrent_edits_do_not_overwrite(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let a = Writer::new(
        &server,
        &site,
        "Anne Desk",
        "anne@kiosque.test",
        &["--role", "editor"],
    )
    .await;
    let b = Writer::new(
        &server,
        &site,
        "Bruno Desk",
        "bruno@kiosque.test",
        &["--role", "editor"],
    )
    .await;
    let title = "Une dépêche disputée";
    let id = a.create_ok(title, "monde", "Texte de départ.").await;

    // Both open version 1.
    let version_a = version(&a.editor(id).await);
    let version_b = version(&b.editor(id).await);
    assert_eq!((version_a.as_str(), version_b.as_str()), ("1", "1"));

    // A saves first.
    let text_a = "Texte corrigé par Anne.";
    let page = a.save(id, &version_a, title, "monde", text_a).await;
    assert_eq!(page.status, 303, "{}", page.main_text());

    // B saves over version 1: refused, said in French, B's text kept in the form and the history.
    let text_b = "Texte réécrit par Bruno.";
    let page = b
        .save(id, &version_b, "Titre de Bruno", "monde", text_b)
        .await;
    assert_eq!(page.status, 409, "{}", page.main_text());
    let kept: i64 = page
        .header("x-kiosque-conflict-revision")
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no conflict header: {:?}", page.headers));
    let message = editor_error(&page);
    for part in [
        "Quelqu'un a enregistré cet article pendant que vous le modifiiez (version 2)",
        "Rien n'a été écrasé",
        &format!("votre version est conservée comme révision n° {kept}"),
    ] {
        assert!(message.contains(part), "{part:?} in {message:?}");
    }
    assert_eq!(
        body_field(&page),
        text_b,
        "what B typed is still in the form"
    );
    assert_eq!(title_field(&page), "Titre de Bruno");

    // The article keeps A's text.
    let page = a.editor(id).await;
    assert_eq!(body_field(&page), text_a);
    assert_eq!(version(&page), "2");
    let stored = store.article(id).await.expect("article").expect("article");
    assert_eq!(stored.title, title);
    assert_eq!(markup::render(&stored.body), text_a);

    // B's version is in the history, marked as a conflict, by B.
    let page = b.get(&format!("/admin/articles/{id}/revisions")).await;
    assert_eq!(page.status, 200);
    let rows = revision_rows(&page);
    let row = rows
        .iter()
        .find(|r| r.0 == kept)
        .unwrap_or_else(|| panic!("revision {kept} listed: {rows:?}"));
    assert_eq!(
        (row.2.as_str(), row.3.as_str()),
        ("Version refusée (conflit)", "Bruno Desk")
    );
    // The comparison the message points to shows A's text against B's.
    let current = rows
        .iter()
        .find(|r| r.1 == "2" && r.2 == "Enregistrement")
        .expect("A's save")
        .0;
    let link = format!("/admin/articles/{id}/revisions/comparer?de={current}&a={kept}");
    assert!(message.contains(&link), "{link:?} in {message:?}");
    let diff = b.get(&link).await;
    assert_eq!(diff.status, 200);
    let (removed, added) = diff_lines(&diff);
    assert!(removed.iter().any(|l| l == text_a), "{removed:?}");
    assert!(added.iter().any(|l| l == text_b), "{added:?}");
    assert!(
        added.iter().any(|l| l == "Titre : Titre de Bruno"),
        "{added:?}"
    );

    // …and restorable, over the current version.
    let page = b.restore(id, kept, "2").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let page = b.editor(id).await;
    assert_eq!(body_field(&page), text_b);
    assert_eq!(title_field(&page), "Titre de Bruno");
    assert_eq!(version(&page), "3");
    // A, still on version 2, is now the one refused.
    let page = a.save(id, "2", title, "monde", "Encore Anne.").await;
    assert_eq!(page.status, 409);
    let stored = store.article(id).await.expect("article").expect("article");
    assert_eq!(markup::render(&stored.body), text_b);
    store.close().await;
}

// ------------------------------------------------------------------ 6. bad input

async fn bad_input_is_refused_and_changes_nothing(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let editor = Writer::new(
        &server,
        &site,
        "Édith Chef",
        "edith@kiosque.test",
        &["--role", "editor"],
    )
    .await;
    let mut count = article_count(&store).await;
    let list = editor.get("/admin/articles").await;
    assert_eq!(listed_total(&list), count);

    let good = editor.form("Un titre correct", "monde", "Un texte correct.");
    let cases: Vec<(&str, Form, Vec<&str>)> = vec![
        (
            "an unknown ::directive",
            with(good.clone(), "body", "Un paragraphe.\n\n::inconnu 3"),
            vec!["Ligne 3", "::inconnu", "n'est pas une commande connue"],
        ),
        (
            "a missing title",
            with(good.clone(), "title", "   "),
            vec!["Donnez un titre à l'article."],
        ),
        (
            "no title field at all",
            without(good.clone(), "title"),
            vec!["Donnez un titre à l'article."],
        ),
        (
            "a javascript: image in the body",
            with(
                good.clone(),
                "body",
                "Texte.\n\n![Photo](javascript:alert(1))",
            ),
            vec!["Ligne 3", "médiathèque"],
        ),
        (
            "a javascript: main image",
            with(good.clone(), "hero_path", "javascript:alert(1)"),
            vec!["médiathèque"],
        ),
        (
            "a data: main image",
            with(good.clone(), "hero_path", "data:image/png;base64,AAAA"),
            vec!["médiathèque"],
        ),
        (
            "a main image outside the library",
            with(good.clone(), "hero_path", "https://exemple.fr/photo.jpg"),
            vec!["médiathèque"],
        ),
        (
            "an unknown section",
            with(good.clone(), "section", "atlantide"),
            vec!["Cette rubrique n'existe pas."],
        ),
        (
            "a malformed section",
            with(good.clone(), "section", "Monde & Cie"),
            vec!["rubrique"],
        ),
        (
            "no section",
            with(good.clone(), "section", ""),
            vec!["Choisissez une rubrique."],
        ),
        (
            "a title too long",
            with(good.clone(), "title", &"T".repeat(301)),
            vec!["Le titre est trop long"],
        ),
    ];
    let mut failures = Vec::new();
    for (what, form, expected) in &cases {
        let page = editor.post("/admin/articles/nouveau", form).await;
        if page.status != 400 {
            failures.push(format!(
                "create with {what}: expected 400, got {} {:?}",
                page.status, page.location
            ));
        } else {
            let html = page.html();
            let shown = select(&html, "#editor-error")
                .first()
                .map(|e| norm(&e.text().collect::<String>()));
            match shown {
                None => failures.push(format!("create with {what}: no message shown")),
                Some(m) => {
                    for part in expected {
                        if !m.contains(&norm(part)) {
                            failures.push(format!("create with {what}: {part:?} not in {m:?}"));
                        }
                    }
                }
            }
            // What was typed stays in the form.
            let body = form
                .iter()
                .find(|(k, _)| *k == "body")
                .map(|(_, v)| v.as_str());
            let field = select(&html, "textarea#e-body")
                .first()
                .map(|t| t.text().collect::<String>());
            if field.as_deref() != body {
                failures.push(format!("create with {what}: the body field lost its text"));
            }
        }
        let now = article_count(&store).await;
        if now != count {
            failures.push(format!(
                "create with {what}: {} article(s) created",
                now - count
            ));
            count = now;
        }
    }

    // Without (or with someone else's) CSRF token: 403, nothing created.
    let page = editor
        .post("/admin/articles/nouveau", &without(good.clone(), "csrf"))
        .await;
    assert_eq!(page.status, 403, "{}", page.main_text());
    let page = editor
        .post(
            "/admin/articles/nouveau",
            &with(good.clone(), "csrf", &"0".repeat(64)),
        )
        .await;
    assert_eq!(page.status, 403, "{}", page.main_text());
    assert_eq!(article_count(&store).await, count);
    let list = editor.get("/admin/articles").await;
    assert_eq!(listed_total(&list), count);

    // The same checks on an existing article: 400 (or 403) and the article unchanged.
    let id = editor
        .create_ok("Un titre correct", "monde", "Un texte correct.")
        .await;
    let mut before = snapshot(&store, id).await;
    let edit = with(good.clone(), "version", "1");
    for (what, form) in [
        (
            "an unknown ::directive",
            with(edit.clone(), "body", "::inconnu 3"),
        ),
        ("a missing title", with(edit.clone(), "title", "")),
        (
            "an unknown section",
            with(edit.clone(), "section", "atlantide"),
        ),
        ("no version", without(edit.clone(), "version")),
        // Last: if it is wrongly accepted, the version moves on.
        (
            "a javascript: main image",
            with(edit.clone(), "hero_path", "javascript:alert(1)"),
        ),
    ] {
        let page = editor.post(&format!("/admin/articles/{id}"), &form).await;
        if page.status != 400 {
            failures.push(format!(
                "save with {what}: expected 400, got {} {:?}",
                page.status, page.location
            ));
        }
        if snapshot(&store, id).await != before {
            failures.push(format!("save with {what}: the article changed"));
            before = snapshot(&store, id).await;
        }
    }
    let page = editor
        .post(
            &format!("/admin/articles/{id}"),
            &without(edit.clone(), "csrf"),
        )
        .await;
    assert_eq!(page.status, 403);
    // A preview of bad input is no save either: it shows the problem.
    let page = editor
        .post(
            &format!("/admin/articles/{id}"),
            &with(
                with(edit.clone(), "intent", "preview"),
                "body",
                "::inconnu 3",
            ),
        )
        .await;
    assert_eq!(page.status, 400);
    assert_eq!(snapshot(&store, id).await, before);
    // Workflow nonsense: an unknown action, a transition that cannot be, a stale screen.
    assert_eq!(editor.act(id, "supprimer", "draft").await.status, 400);
    assert_eq!(editor.act(id, "unpublish", "draft").await.status, 400);
    let page = editor.act(id, "publish", "in_review").await;
    assert_eq!(
        page.status,
        400,
        "the page showed another status: {}",
        page.main_text()
    );
    assert_eq!(snapshot(&store, id).await, before);
    assert_eq!(editor.get("/admin/articles/999999").await.status, 404);
    assert_eq!(editor.get("/admin/articles/abc").await.status, 404);
    assert!(
        failures.is_empty(),
        "{} problem(s) with refused input:\n{}",
        failures.len(),
        failures.join("\n")
    );
    store.close().await;
}

// ------------------------------------------------------------------ 7. corrections

async fn corrections_are_shown_on_the_public_page(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let editor = Writer::new(
        &server,
        &site,
        "Édith Chef",
        "edith@kiosque.test",
        &["--role", "editor"],
    )
    .await;
    let id = editor
        .create_ok(
            "Le conseil municipal a voté",
            "france",
            "Le budget a été adopté.",
        )
        .await;
    let path = public_path(&store, id).await;

    // Not on a draft: a correction is for what readers have seen.
    let page = editor.correct(id, "Trop tôt.").await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    assert!(page.shows("Un rectificatif s'ajoute à un article publié."));
    assert!(store.corrections(id).await.expect("corrections").is_empty());

    editor.act_ok(id, "publish").await;
    let visitor = server.browser();
    let public = visitor.get_until(&path, |p| p.status == 200).await;
    assert_eq!(public.status, 200);
    assert!(select(&public.html(), "aside.corrections").is_empty());

    // Empty: refused.
    let page = editor.correct(id, "   ").await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    let page = editor.correct(id, &"x".repeat(2001)).await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    assert!(store.corrections(id).await.expect("corrections").is_empty());

    // Two notes, the second with markup that must stay text.
    let day_before = dates::paris_date(now_ms());
    let first = "Le vote a eu lieu le 12 mars, et non le 13 mars.";
    let second = "Le montant est de 3 millions <script>alert(1)</script>.";
    for note in [first, second] {
        let page = editor.correct(id, note).await;
        assert_eq!(page.status, 303, "{}", page.main_text());
        assert_eq!(
            page.location.as_deref(),
            Some(format!("/admin/articles/{id}?ok=rectificatif").as_str())
        );
    }
    let day_after = dates::paris_date(now_ms());
    let public = visitor
        .get_until(&path, |p| p.shows("Rectificatif du"))
        .await;
    assert_eq!(public.status, 200);
    let html = public.html();
    let notes: Vec<String> = select(&html, "aside.corrections p")
        .iter()
        .map(|p| norm(&p.text().collect::<String>()))
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    for (note, text) in notes.iter().zip([first, second]) {
        let expected = |day: &str| norm(&format!("Rectificatif du {day} : {text}"));
        assert!(
            *note == expected(&day_before) || *note == expected(&day_after),
            "{note:?}"
        );
    }
    assert!(select(&html, "aside.corrections script").is_empty());
    assert!(!public.body.contains("<script>alert(1)"));
    assert!(
        select(&html, "aside.corrections time[datetime]").len() == 2,
        "each note is dated for machines too"
    );
    drop(html);
    // The editor page lists them, and the article itself did not change.
    let page = editor.editor(id).await;
    let html = page.html();
    let listed: Vec<String> = select(&html, "section.corrections-admin p")
        .iter()
        .map(|p| norm(&p.text().collect::<String>()))
        .collect();
    assert!(
        listed.len() == 2
            && listed[0].ends_with(&norm(first))
            && listed[1].ends_with(&norm(second)),
        "{listed:?}"
    );
    drop(html);
    assert_eq!(version(&page), "1");
    // Unpublished, then published again: the notes are still there.
    editor.act_ok(id, "unpublish").await;
    assert_eq!(
        visitor.get_until(&path, |p| p.status == 404).await.status,
        404
    );
    editor.act_ok(id, "publish").await;
    let public = visitor.get_until(&path, |p| p.status == 200).await;
    assert_eq!(select(&public.html(), "aside.corrections p").len(), 2);
    store.close().await;
}

/// A new title gives a new slug; the old URL keeps answering, with a 301 to the new one.
async fn a_slug_change_keeps_the_old_url_answering(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let editor = Writer::new(
        &server,
        &site,
        "Édith Chef",
        "edith@kiosque.test",
        &["--role", "editor"],
    )
    .await;
    let id = editor
        .create_ok("Un premier titre provisoire", "monde", "Le texte.")
        .await;
    editor.act_ok(id, "publish").await;
    let old = public_path(&store, id).await;
    assert!(old.contains("un-premier-titre-provisoire"), "{old}");
    let visitor = server.browser();
    assert_eq!(
        visitor.get_until(&old, |p| p.status == 200).await.status,
        200
    );

    editor
        .save_ok(id, "Le titre définitif, après relecture", "Le texte.")
        .await;
    let new = public_path(&store, id).await;
    assert_ne!(new, old);
    assert!(new.contains("le-titre-definitif-apres-relecture"), "{new}");
    let moved = visitor.get_until(&old, |p| p.status == 301).await;
    assert_eq!(moved.status, 301, "the old URL redirects");
    assert_eq!(moved.location.as_deref(), Some(new.as_str()));
    assert_eq!(visitor.get(&new).await.status, 200);
}

/// A video entry at the top of an article, in place of the hero image: played on the public
/// page and given by the API.
async fn an_article_may_open_on_a_video(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let editor = Writer::new(
        &server,
        &site,
        "Édith Chef",
        "edith@kiosque.test",
        &["--role", "editor"],
    )
    .await;
    let dir = site.data_dir().join("media/2026/11/26");
    std::fs::create_dir_all(&dir).expect("media dir");
    std::fs::write(dir.join("crue.mp4"), b"\0\0\0\x18ftypisom").expect("video file");
    let video = store
        .upsert_video(&kiosque_domain::VideoDraft {
            source_key: None,
            title: "La crue de la Seine filmée du ciel".into(),
            section: None,
            poster: None,
            duration_seconds: Some(95),
            file_path: Some("/2026/11/26/crue.mp4".into()),
            embed_url: None,
            published_at: now_ms(),
        })
        .await
        .expect("video")
        .id;

    // An unknown video is refused, with its number.
    let form = with(
        editor.form("La Seine déborde", "france", "Le texte."),
        "hero_video",
        "999999",
    );
    let page = editor.post("/admin/articles/nouveau", &form).await;
    assert_eq!(page.status, 400);
    assert!(page.main_text().contains("999999"), "{}", page.main_text());
    // So are unknown videos and articles cited in the body.
    for body in ["::video 888888", "::lire-aussi 777777 Un article disparu"] {
        let page = editor.create("La Seine déborde", "france", body).await;
        assert_eq!(page.status, 400, "{body}");
        let number = body.split_whitespace().nth(1).unwrap_or_default();
        assert!(page.main_text().contains(number), "{}", page.main_text());
    }

    let form = with(
        editor.form("La Seine déborde", "france", "Le texte."),
        "hero_video",
        &video.to_string(),
    );
    let page = editor.post("/admin/articles/nouveau", &form).await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let id = id_in(page.location.as_deref());
    // The editor shows it again.
    assert_eq!(
        attr(&editor.editor(id).await, "input[name=hero_video]", "value").as_deref(),
        Some(video.to_string().as_str())
    );
    editor.act_ok(id, "publish").await;
    let path = public_path(&store, id).await;
    let public = server.browser().get_until(&path, |p| p.status == 200).await;
    let html = public.html();
    let player = select(&html, "figure.hero-video video");
    assert_eq!(player.len(), 1, "the video plays at the top");
    assert_eq!(
        player[0].value().attr("src"),
        Some("/media/2026/11/26/crue.mp4")
    );
    assert!(text(&select(&html, "figure.hero-video figcaption")[0]).contains("La crue de la Seine"));
}

both_backends!(
    an_article_may_open_on_a_video,
    a_slug_change_keeps_the_old_url_answering,
    workflow_from_draft_to_published_and_back,
    the_permission_matrix,
    scheduled_articles_go_live_on_time_even_after_a_restart,
    revisions_diff_and_restore,
    concurrent_edits_do_not_overwrite,
    bad_input_is_refused_and_changes_nothing,
    corrections_are_shown_on_the_public_page,
);
