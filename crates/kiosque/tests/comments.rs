//! Comments under articles, served by the real binary on both backends: the comment area of
//! the article page, posting with and without JavaScript, refusals, replies, the author's
//! edits and deletions, reports, moderation, comment modes, live updates and rate limits.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use std::time::Duration;

use common::{fixture_article, norm, query_param, select, text, Article, Member, Page, Server};
use common::{Site, PASSWORD};
use kiosque_domain::CommentMode;

const CLOSED: &str = "Les commentaires sont fermés sur cet article.";

/// Form fields, as sent.
type Form<'a> = Vec<(&'a str, &'a str)>;

/// The member's comment form on the article page, filled and sent; `parent` for a reply.
async fn send_comment(member: &Member, article: &Article, parent: Option<i64>, body: &str) -> Page {
    let csrf = member.csrf().await;
    let article_id = article.id.to_string();
    let parent_id = parent.map(|p| p.to_string()).unwrap_or_default();
    member
        .browser
        .post(
            "/commentaires",
            &[
                ("csrf", csrf.as_str()),
                ("article_id", article_id.as_str()),
                ("parent_id", parent_id.as_str()),
                ("body", body),
            ],
        )
        .await
}

/// The same, asking for JSON as the comment script does.
async fn send_comment_json(member: &Member, article_id: &str, body: &str) -> Page {
    let csrf = member.csrf().await;
    member
        .browser
        .post_json(
            "/commentaires",
            &[
                ("csrf", csrf.as_str()),
                ("article_id", article_id),
                ("body", body),
            ],
        )
        .await
}

/// The id in a `…#commentaire-<id>` redirect.
fn anchored_id(page: &Page) -> i64 {
    page.location
        .as_deref()
        .and_then(|l| l.rsplit_once("#commentaire-"))
        .and_then(|(_, id)| id.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "no comment anchor in {:?} ({}): {}",
                page.location,
                page.status,
                page.main_text()
            )
        })
}

/// Posts a comment (or a reply) that must be published; returns its id.
async fn comment(member: &Member, article: &Article, parent: Option<i64>, body: &str) -> i64 {
    let page = send_comment(member, article, parent, body).await;
    assert_eq!(page.status, 303, "comment refused: {}", page.main_text());
    let id = anchored_id(&page);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("{}#commentaire-{id}", article.path).as_str())
    );
    id
}

/// The ids of the comments an article page shows, in page order.
fn shown_ids(page: &Page) -> Vec<i64> {
    let html = page.html();
    select(&html, "article.comment")
        .iter()
        .filter_map(|c| c.value().id())
        .filter_map(|id| id.strip_prefix("commentaire-"))
        .filter_map(|id| id.parse().ok())
        .collect()
}

fn first_text(page: &Page, css: &str) -> String {
    let html = page.html();
    select(&html, css)
        .first()
        .map(|e| norm(&text(e)))
        .unwrap_or_default()
}

fn count(page: &Page, css: &str) -> usize {
    select(&page.html(), css).len()
}

/// The article page as a visitor sees it.
async fn thread(server: &Server, article: &Article) -> Page {
    let page = server.browser().get(&article.path).await;
    assert_eq!(page.status, 200);
    page
}

/// Sets the comment settings of the fixture's section, as an editor would in the back office.
async fn set_monde(site: &Site, mode: Option<CommentMode>, close_after_days: Option<i64>) {
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("open store");
    store
        .set_section_comment_settings("monde", mode, close_after_days)
        .await
        .expect("section settings");
    store.close().await;
}

fn assert_refused(page: &Page, status: u16, message: &str) {
    assert_eq!(page.status, status, "{}", page.main_text());
    assert!(
        page.shows(message),
        "the page says {message:?}: {}",
        page.main_text()
    );
}

fn assert_refused_json(page: &Page, status: u16, message: &str) {
    assert_eq!(page.status, status, "{}", page.body);
    let json = page.json();
    // The one JSON error shape of the site and the API.
    assert!(json["error"]["code"].is_string(), "{json}");
    let error = json["error"]["message"]
        .as_str()
        .expect("a message")
        .to_owned();
    assert!(
        norm(&error).contains(&norm(message)),
        "JSON error {error:?} says {message:?}"
    );
}

/// What a moderator does from the queue: a decision on a comment.
async fn moderate(moderator: &Member, id: i64, decision: &str, reason: &str) -> Page {
    let csrf = moderator.csrf().await;
    moderator
        .browser
        .post(
            &format!("/admin/moderation/commentaires/{id}"),
            &[
                ("csrf", csrf.as_str()),
                ("decision", decision),
                ("reason", reason),
            ],
        )
        .await
}

async fn ban(moderator: &Member, user_id: i64, duration: &str, reason: &str) -> Page {
    let csrf = moderator.csrf().await;
    moderator
        .browser
        .post(
            &format!("/admin/moderation/membres/{user_id}"),
            &[
                ("csrf", csrf.as_str()),
                ("duration", duration),
                ("reason", reason),
            ],
        )
        .await
}

async fn moderator(server: &Server, site: &Site) -> Member {
    server
        .staff(site, "Modo", "modo@exemple.fr", &["--role", "moderator"])
        .await
}

async fn report(member: &Member, id: i64, reason: &str) -> Page {
    let csrf = member.csrf().await;
    member
        .browser
        .post(
            &format!("/commentaires/{id}/signaler"),
            &[
                ("csrf", csrf.as_str()),
                ("reason", reason),
                ("details", "Voir le deuxième paragraphe."),
            ],
        )
        .await
}

fn assert_too_many(page: &Page) {
    assert_eq!(page.status, 429, "{}", page.main_text());
    let retry = page.header("retry-after").unwrap_or_default();
    assert!(
        retry.parse::<u64>().is_ok_and(|s| s > 0),
        "a retry-after in seconds: {retry:?}"
    );
    assert!(page.shows("Trop de tentatives"), "{}", page.main_text());
}

// ------------------------------------------------------------------------------ the comment area

async fn visitors_are_invited_to_log_in_to_comment(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let page = thread(&server, &article).await;
    let html = page.html();
    let section = select(&html, "section#commentaires");
    assert_eq!(section.len(), 1);
    assert_eq!(
        section[0].value().attr("data-article"),
        Some(article.id.to_string().as_str())
    );
    assert_eq!(section[0].value().attr("data-last"), Some("0"));
    assert!(select(&html, "form[data-comment-form]").is_empty());
    let login = select(&html, "section#commentaires a")
        .into_iter()
        .find(|a| text(a) == "Connectez-vous")
        .expect("a “Connectez-vous” link");
    let href = login.value().attr("href").unwrap_or_default();
    assert!(href.starts_with("/compte/connexion?retour="), "{href}");
    let back = query_param(href, "retour").expect("retour");
    assert_eq!(back, format!("{}#commentaires", article.path));

    // Logging in from there comes back to the comments.
    server.member("Claire", "claire@exemple.fr").await;
    let b = server.browser();
    let done = server
        .log_in(&b, "claire@exemple.fr", PASSWORD, &back)
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(done.location.as_deref(), Some(back.as_str()));
}

async fn verified_members_get_the_comment_form(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire Dubois", "claire@exemple.fr").await;
    let page = m.browser.get(&article.path).await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let form = select(&html, "section#commentaires form[data-comment-form]");
    assert_eq!(form.len(), 1, "{}", page.main_text());
    assert_eq!(form[0].value().attr("action"), Some("/commentaires"));
    assert_eq!(form[0].value().attr("method"), Some("post"));
    let hidden = |name: &str| {
        select(
            &html,
            &format!("form[data-comment-form] input[name={name}]"),
        )
        .first()
        .and_then(|i| i.value().attr("value"))
        .map(str::to_owned)
    };
    assert_eq!(hidden("csrf"), Some(m.csrf().await));
    assert_eq!(hidden("article_id"), Some(article.id.to_string()));
    assert_eq!(
        select(&html, "form[data-comment-form] textarea[name=body]").len(),
        1
    );
    assert!(page.shows("publié sous le nom Claire Dubois"));
    assert!(
        !page.shows("Connectez-vous ou créez votre espace"),
        "no invitation for a member"
    );
}

async fn unverified_members_are_asked_to_confirm_before_commenting(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server
        .unverified_member("Claire", "claire@exemple.fr")
        .await;
    let page = m.browser.get(&article.path).await;
    assert!(select(&page.html(), "form[data-comment-form]").is_empty());
    assert!(
        page.shows("Confirmez votre adresse e-mail pour commenter"),
        "{}",
        first_text(&page, "section#commentaires")
    );

    let json = send_comment_json(&m, &article.id.to_string(), "Je n’ai pas confirmé.").await;
    assert_refused_json(
        &json,
        403,
        "Confirmez votre adresse e-mail avant de commenter.",
    );
    let html = send_comment(&m, &article, None, "Je n’ai pas confirmé.").await;
    assert_refused(
        &html,
        403,
        "Confirmez votre adresse e-mail avant de commenter.",
    );
    assert!(shown_ids(&thread(&server, &article).await).is_empty());
}

async fn a_posted_comment_appears_under_the_article(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire Dubois", "claire@exemple.fr").await;
    let first = comment(&m, &article, None, "Une analyse bienvenue.").await;

    let page = thread(&server, &article).await;
    assert_eq!(shown_ids(&page), [first]);
    assert_eq!(
        first_text(
            &page,
            &format!("article.comment#commentaire-{first} .comment-author")
        ),
        "Claire Dubois"
    );
    assert_eq!(
        first_text(&page, &format!("#commentaire-{first} .comment-body")),
        "Une analyse bienvenue."
    );
    assert_eq!(
        first_text(&page, "section#commentaires h2"),
        "Commentaires (1)"
    );
    let html = page.html();
    assert_eq!(
        select(&html, "section#commentaires")[0]
            .value()
            .attr("data-last"),
        Some(first.to_string().as_str())
    );
    assert!(!page.shows("Aucun commentaire pour l’instant"));

    let second = comment(&m, &article, None, "Et un complément.").await;
    assert!(second > first);
    let page = thread(&server, &article).await;
    assert_eq!(shown_ids(&page), [first, second], "oldest first");
    assert_eq!(
        first_text(&page, "section#commentaires h2"),
        "Commentaires (2)"
    );
}

async fn posting_with_javascript_answers_json(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let page = send_comment_json(&m, &article.id.to_string(), "Posté sans rechargement.").await;
    assert_eq!(page.status, 201, "{}", page.body);
    assert!(page
        .content_type
        .as_deref()
        .unwrap_or_default()
        .starts_with("application/json"));
    let doc = page.json();
    let id = doc["id"].as_i64().expect("an id");
    assert!(doc["parent_id"].is_null());
    assert_eq!(doc["status"], "published");
    assert!(!doc["message"].as_str().unwrap_or_default().is_empty());
    let fragment = doc["html"].as_str().expect("the comment's HTML");
    let fragment = scraper::Html::parse_fragment(fragment);
    let item = select(&fragment, &format!("article.comment#commentaire-{id}"));
    assert_eq!(item.len(), 1);
    assert_eq!(
        norm(&text(&select(&fragment, ".comment-body")[0])),
        "Posté sans rechargement."
    );
    assert_eq!(shown_ids(&thread(&server, &article).await), [id]);
}

async fn comment_text_is_shown_as_text_and_links_are_marked_nofollow(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let script = comment(
        &m,
        &article,
        None,
        "<script>alert(1)</script> et <b>gras</b> <img src=x onerror=alert(2)>",
    )
    .await;
    let link = comment(
        &m,
        &article,
        None,
        "Source : https://exemple.org/dossier/article à lire.",
    )
    .await;
    let page = thread(&server, &article).await;
    let html = page.html();
    let body = format!("#commentaire-{script} .comment-body");
    assert_eq!(
        first_text(&page, &body),
        "<script>alert(1)</script> et <b>gras</b> <img src=x onerror=alert(2)>"
    );
    for tag in ["script", "b", "img"] {
        assert!(
            select(&html, &format!("{body} {tag}")).is_empty(),
            "no {tag} element from a comment"
        );
    }
    let links = select(&html, &format!("#commentaire-{link} .comment-body a"));
    assert_eq!(links.len(), 1);
    assert_eq!(
        links[0].value().attr("href"),
        Some("https://exemple.org/dossier/article")
    );
    assert_eq!(links[0].value().attr("rel"), Some("nofollow ugc noopener"));
}

async fn invalid_comments_are_refused_with_a_clear_message(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let id = article.id.to_string();
    let too_long = "x".repeat(3001);
    let cases: [(&str, &str, &str); 6] = [
        ("", id.as_str(), "Le commentaire est vide."),
        ("  \n\n  ", id.as_str(), "Le commentaire est vide."),
        (too_long.as_str(), id.as_str(), "trop long"),
        (
            "Lire https://a.example/1 puis https://b.example/2 et https://c.example/3",
            id.as_str(),
            "trop de liens",
        ),
        ("Un commentaire valable.", "999999999", "Article inconnu."),
        ("Un commentaire valable.", "abc", "Article inconnu."),
    ];
    let csrf = m.csrf().await;
    for (body, article_id, message) in cases {
        let form = [
            ("csrf", csrf.as_str()),
            ("article_id", article_id),
            ("body", body),
        ];
        let page = m.browser.post("/commentaires", &form).await;
        assert_refused(&page, 400, message);
        let json = m.browser.post_json("/commentaires", &form).await;
        assert_refused_json(&json, 400, message);
    }
    let page = thread(&server, &article).await;
    assert!(shown_ids(&page).is_empty());
    assert_eq!(first_text(&page, "section#commentaires h2"), "Commentaires");
    let export = m.browser.get("/compte/export").await.json();
    assert_eq!(export["comments"].as_array().map(Vec::len), Some(0));
}

async fn comments_at_the_limits_are_accepted(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let long = "é".repeat(3000);
    let id = comment(&m, &article, None, &long).await;
    let two = comment(
        &m,
        &article,
        None,
        "Lire https://a.example/1 puis https://b.example/2",
    )
    .await;
    let page = thread(&server, &article).await;
    assert_eq!(shown_ids(&page), [id, two]);
    assert_eq!(
        first_text(&page, &format!("#commentaire-{id} .comment-body"))
            .chars()
            .count(),
        3000
    );
}

async fn visitors_posting_are_sent_to_log_in(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let b = server.browser();
    let id = article.id.to_string();
    let form = [("article_id", id.as_str()), ("body", "Sans compte.")];
    let page = b.post("/commentaires", &form).await;
    assert_eq!(page.status, 303);
    let to = page.location.as_deref().unwrap_or_default();
    assert!(to.starts_with("/compte/connexion?"), "{to}");
    assert_eq!(
        query_param(to, "retour"),
        Some(format!("{}#commentaires", article.path))
    );
    let json = b.post_json("/commentaires", &form).await;
    assert_eq!(json.status, 401, "{}", json.body);
    assert_eq!(json.json()["error"]["code"], "unauthorized");
    assert!(json.json()["error"]["message"].is_string());
    assert!(shown_ids(&thread(&server, &article).await).is_empty());
}

async fn comment_posts_need_the_session_token(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let id = article.id.to_string();
    let pauls = paul.csrf().await;
    let random = "0".repeat(64);
    for (what, token) in [
        ("none", None),
        ("another session's", Some(&pauls)),
        ("random", Some(&random)),
    ] {
        let mut form = vec![
            ("article_id", id.as_str()),
            ("body", "Un commentaire forgé."),
        ];
        if let Some(t) = token {
            form.push(("csrf", t.as_str()));
        }
        let page = claire.browser.post("/commentaires", &form).await;
        assert_eq!(page.status, 403, "{what} token");
        let json = claire.browser.post_json("/commentaires", &form).await;
        assert_eq!(json.status, 403, "{what} token (JSON)");
        assert_eq!(json.json()["error"]["code"], "forbidden");
        assert!(json.json()["error"]["message"].is_string());
    }
    assert!(shown_ids(&thread(&server, &article).await).is_empty());
}

async fn replies_are_one_level_deep(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let top = comment(&claire, &article, None, "Un point de départ.").await;
    let reply = comment(&paul, &article, Some(top), "Une réponse.").await;

    let page = thread(&server, &article).await;
    let html = page.html();
    assert_eq!(
        select(
            &html,
            &format!("article.comment#commentaire-{top} .replies article.comment.reply#commentaire-{reply}")
        )
        .len(),
        1,
        "the reply is shown under its comment"
    );
    assert_eq!(
        first_text(&page, "section#commentaires h2"),
        "Commentaires (2)"
    );

    let message = "On ne peut répondre qu’à un commentaire de premier niveau.";
    let page = send_comment(&claire, &article, Some(reply), "Une réponse à la réponse.").await;
    assert_refused(&page, 400, message);
    let csrf = claire.csrf().await;
    let json = claire
        .browser
        .post_json(
            "/commentaires",
            &[
                ("csrf", csrf.as_str()),
                ("article_id", article.id.to_string().as_str()),
                ("parent_id", reply.to_string().as_str()),
                ("body", "Une réponse à la réponse."),
            ],
        )
        .await;
    assert_refused_json(&json, 400, message);
    assert_eq!(shown_ids(&thread(&server, &article).await), [top, reply]);
}

// ------------------------------------------------------------------------------ a comment's page

async fn authors_get_edit_and_delete_forms_on_their_comment(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let id = comment(&m, &article, None, "Premier jet.").await;
    let page = m.browser.get(&format!("/commentaires/{id}")).await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let edit = select(&html, "#modifier form");
    assert_eq!(edit.len(), 1);
    assert_eq!(
        edit[0].value().attr("action"),
        Some(format!("/commentaires/{id}/modifier").as_str())
    );
    assert_eq!(
        first_text(&page, "#modifier textarea[name=body]"),
        "Premier jet."
    );
    let delete = select(&html, "#supprimer form");
    assert_eq!(delete.len(), 1);
    assert_eq!(
        delete[0].value().attr("action"),
        Some(format!("/commentaires/{id}/supprimer").as_str())
    );
    assert!(
        select(&html, "#signaler").is_empty(),
        "nobody reports themselves"
    );
}

async fn authors_can_edit_their_comment(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let id = comment(&m, &article, None, "Premier jet.").await;
    let csrf = m.csrf().await;
    let page = m
        .browser
        .post(
            &format!("/commentaires/{id}/modifier"),
            &[("csrf", csrf.as_str()), ("body", "Version corrigée.")],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/commentaires/{id}?ok=modifie").as_str())
    );
    let own = m
        .browser
        .get(&format!("/commentaires/{id}?ok=modifie"))
        .await;
    assert!(own.shows("(modifié)"), "{}", own.main_text());
    assert_eq!(
        first_text(&own, &format!("#commentaire-{id} .comment-body")),
        "Version corrigée."
    );
    let page = thread(&server, &article).await;
    assert_eq!(
        first_text(&page, &format!("#commentaire-{id} .comment-body")),
        "Version corrigée."
    );
    assert_eq!(
        first_text(&page, &format!("#commentaire-{id} .edited")),
        "(modifié)"
    );
}

async fn authors_can_delete_their_comment(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let kept = comment(&m, &article, None, "Je reste.").await;
    let id = comment(&m, &article, None, "Je m’en vais.").await;
    let csrf = m.csrf().await;
    let page = m
        .browser
        .post(
            &format!("/commentaires/{id}/supprimer"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(page.status, 303);
    let to = page.location.as_deref().unwrap_or_default();
    assert!(to.starts_with(&article.path), "back to the article: {to}");
    let page = thread(&server, &article).await;
    assert_eq!(shown_ids(&page), [kept]);
    assert_eq!(
        first_text(&page, "section#commentaires h2"),
        "Commentaires (1)"
    );
}

async fn members_cannot_change_others_comments(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let id = comment(&claire, &article, None, "Mon texte à moi.").await;
    let page = paul.browser.get(&format!("/commentaires/{id}")).await;
    assert_eq!(page.status, 200);
    let html = page.html();
    assert!(select(&html, "#modifier").is_empty());
    assert!(select(&html, "#supprimer").is_empty());
    assert!(!page.body.contains("Mon texte à moi.</textarea>"));

    let csrf = paul.csrf().await;
    let page = paul
        .browser
        .post(
            &format!("/commentaires/{id}/modifier"),
            &[("csrf", csrf.as_str()), ("body", "Texte détourné.")],
        )
        .await;
    assert_refused(&page, 400, "Ce commentaire n’est pas le vôtre.");
    let page = paul
        .browser
        .post(
            &format!("/commentaires/{id}/supprimer"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_refused(&page, 400, "Ce commentaire n’est pas le vôtre.");
    let page = thread(&server, &article).await;
    assert_eq!(shown_ids(&page), [id]);
    assert_eq!(
        first_text(&page, &format!("#commentaire-{id} .comment-body")),
        "Mon texte à moi."
    );
    assert_eq!(count(&page, &format!("#commentaire-{id} .edited")), 0);
}

async fn edits_close_after_the_edit_window(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--comment-edit-minutes", "0"]);
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let id = comment(&m, &article, None, "Trop tard pour changer.").await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    let page = m.browser.get(&format!("/commentaires/{id}")).await;
    let html = page.html();
    assert!(
        select(&html, "#modifier").is_empty(),
        "no edit form once the window is over"
    );
    assert_eq!(
        select(&html, "#supprimer form").len(),
        1,
        "deleting stays possible"
    );
    let csrf = m.csrf().await;
    let page = m
        .browser
        .post(
            &format!("/commentaires/{id}/modifier"),
            &[("csrf", csrf.as_str()), ("body", "Changé quand même.")],
        )
        .await;
    assert_refused(
        &page,
        400,
        "Le délai pour modifier ce commentaire est dépassé.",
    );
    let page = thread(&server, &article).await;
    assert_eq!(
        first_text(&page, &format!("#commentaire-{id} .comment-body")),
        "Trop tard pour changer."
    );
}

async fn comment_actions_need_the_session_token(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let id = comment(&claire, &article, None, "Texte initial.").await;
    let wrong = "0".repeat(64);
    let actions: [(&Member, String, Form); 3] = [
        (
            &claire,
            format!("/commentaires/{id}/modifier"),
            vec![("body", "Texte forgé.")],
        ),
        (&claire, format!("/commentaires/{id}/supprimer"), vec![]),
        (
            &paul,
            format!("/commentaires/{id}/signaler"),
            vec![("reason", "spam")],
        ),
    ];
    for (who, path, fields) in &actions {
        for token in [None, Some(wrong.as_str())] {
            let mut form = fields.clone();
            if let Some(t) = token {
                form.push(("csrf", t));
            }
            let page = who.browser.post(path, &form).await;
            assert_eq!(page.status, 403, "{path} with token {token:?}");
        }
    }
    let page = thread(&server, &article).await;
    assert_eq!(shown_ids(&page), [id]);
    assert_eq!(
        first_text(&page, &format!("#commentaire-{id} .comment-body")),
        "Texte initial."
    );
    assert_eq!(count(&page, &format!("#commentaire-{id} .edited")), 0);
    // No report was recorded: Paul's first real one is accepted.
    assert_eq!(report(&paul, id, "spam").await.status, 303);
}

async fn reply_form_is_offered_on_top_level_comments_only(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let top = comment(&claire, &article, None, "Un point de départ.").await;
    let reply = comment(&paul, &article, Some(top), "Une réponse.").await;

    let page = paul.browser.get(&format!("/commentaires/{top}")).await;
    let html = page.html();
    let form = select(&html, "#repondre form");
    assert_eq!(form.len(), 1);
    assert_eq!(form[0].value().attr("action"), Some("/commentaires"));
    let value = |name: &str| {
        select(&html, &format!("#repondre input[name={name}]"))
            .first()
            .and_then(|i| i.value().attr("value"))
            .map(str::to_owned)
    };
    assert_eq!(value("parent_id"), Some(top.to_string()));
    assert_eq!(value("article_id"), Some(article.id.to_string()));
    assert_eq!(value("csrf"), Some(paul.csrf().await));

    let page = claire.browser.get(&format!("/commentaires/{reply}")).await;
    assert_eq!(page.status, 200);
    assert!(
        select(&page.html(), "#repondre").is_empty(),
        "no reply to a reply"
    );

    // A visitor is invited to log in instead.
    let page = server.browser().get(&format!("/commentaires/{top}")).await;
    let html = page.html();
    assert!(select(&html, "form").is_empty());
    assert!(page.shows("Connectez-vous"));
}

// ------------------------------------------------------------------------------ reports

async fn reporting_a_comment_is_acknowledged_once(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let id = comment(&claire, &article, None, "Un avis qui dérange.").await;

    let page = paul.browser.get(&format!("/commentaires/{id}")).await;
    let html = page.html();
    let form = select(&html, "#signaler form");
    assert_eq!(form.len(), 1);
    assert_eq!(
        form[0].value().attr("action"),
        Some(format!("/commentaires/{id}/signaler").as_str())
    );
    let mut reasons: Vec<&str> = select(&html, "#signaler input[name=reason]")
        .iter()
        .filter_map(|i| i.value().attr("value"))
        .collect();
    reasons.sort_unstable();
    assert_eq!(reasons, ["abuse", "illegal", "off_topic", "spam"]);

    let page = report(&paul, id, "spam").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/commentaires/{id}?ok=signale").as_str())
    );
    let thanks = paul
        .browser
        .get(&format!("/commentaires/{id}?ok=signale"))
        .await;
    assert!(
        thanks.shows("votre signalement a été transmis"),
        "{}",
        thanks.main_text()
    );

    let again = report(&paul, id, "abuse").await;
    assert_refused(&again, 400, "Vous avez déjà signalé ce commentaire.");
    // One report does not hide a comment.
    assert_eq!(shown_ids(&thread(&server, &article).await), [id]);
}

async fn three_reports_hide_a_comment_until_review(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let id = comment(&claire, &article, None, "Un avis très signalé.").await;
    let mut reporters = Vec::new();
    for (name, email) in [
        ("Paul", "paul@exemple.fr"),
        ("Inès", "ines@exemple.fr"),
        ("Malik", "malik@exemple.fr"),
    ] {
        reporters.push(server.member(name, email).await);
    }
    for (i, r) in reporters.iter().enumerate() {
        let page = report(r, id, "abuse").await;
        assert_eq!(page.status, 303, "report {i}: {}", page.main_text());
        let shown = shown_ids(&thread(&server, &article).await);
        if i < 2 {
            assert_eq!(shown, [id], "still shown after {} report(s)", i + 1);
        } else {
            assert!(shown.is_empty(), "hidden after three reports: {shown:?}");
        }
    }
    // Its author still sees it, as waiting for review.
    let own = claire.browser.get(&article.path).await;
    assert!(
        first_text(&own, ".own-pending").contains("Un avis très signalé."),
        "{}",
        first_text(&own, "section#commentaires")
    );
}

async fn report_threshold_is_configurable(site: Site) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--report-threshold", "1"]);
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let id = comment(&claire, &article, None, "Un avis fragile.").await;
    assert_eq!(report(&paul, id, "off_topic").await.status, 303);
    assert!(shown_ids(&thread(&server, &article).await).is_empty());
}

async fn illegal_content_reports_are_acknowledged_by_mail(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let ines = server.member("Inès", "ines@exemple.fr").await;
    let id = comment(&claire, &article, None, "Un contenu douteux.").await;
    assert_eq!(report(&paul, id, "illegal").await.status, 303);
    let mail = server.last_mail_to("paul@exemple.fr");
    assert_eq!(mail.subject, "Votre signalement de contenu illicite");
    assert!(mail.body.contains(&id.to_string()), "{mail:?}");
    assert_eq!(report(&ines, id, "spam").await.status, 303);
    assert!(
        server
            .mails_to("ines@exemple.fr")
            .iter()
            .all(|m| m.subject != "Votre signalement de contenu illicite"),
        "only illegal-content reports are acknowledged by mail"
    );
}

// ------------------------------------------------------------------------------ moderation

async fn moderation_is_for_staff_only(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let id = comment(&claire, &article, None, "Un avis ordinaire.").await;
    let claire_id = claire.id().await;

    let pages = [
        "/admin/moderation",
        "/admin/moderation/mots-interdits",
        "/admin/moderation/journal",
    ];
    for path in pages {
        let page = server.browser().get(path).await;
        assert_eq!(page.status, 303, "{path} for a visitor");
        let to = page.location.as_deref().unwrap_or_default();
        assert!(to.starts_with("/compte/connexion?"), "{path}: {to}");
        assert_eq!(query_param(to, "retour").as_deref(), Some(path));
        assert_eq!(
            paul.browser.get(path).await.status,
            403,
            "{path} for a member"
        );
    }
    let csrf = paul.csrf().await;
    let posts: [(String, Vec<(&str, &str)>); 3] = [
        (
            format!("/admin/moderation/commentaires/{id}"),
            vec![("decision", "remove"), ("reason", "Parce que.")],
        ),
        (
            format!("/admin/moderation/membres/{claire_id}"),
            vec![("duration", "permanent"), ("reason", "Parce que.")],
        ),
        (
            "/admin/moderation/mots-interdits".to_owned(),
            vec![("words", "ordinaire")],
        ),
    ];
    for (path, fields) in &posts {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(fields.iter().copied());
        assert_eq!(
            paul.browser.post(path, &form).await.status,
            403,
            "POST {path}"
        );
    }
    // Nothing changed: the comment is there, Claire may still comment, no word is banned.
    assert_eq!(shown_ids(&thread(&server, &article).await), [id]);
    let again = comment(&claire, &article, None, "Encore un avis ordinaire.").await;
    assert_eq!(shown_ids(&thread(&server, &article).await), [id, again]);

    let moderator = moderator(&server, &site).await;
    let editor = server
        .staff(&site, "Édith", "edith@exemple.fr", &["--role", "editor"])
        .await;
    let admin = server
        .staff(&site, "Alice", "admin@exemple.fr", &["--admin"])
        .await;
    for staff in [&moderator, &editor, &admin] {
        for path in pages {
            let page = staff.browser.get(path).await;
            assert_eq!(page.status, 200, "{path} for {}", staff.name);
        }
    }
}

async fn the_queue_lists_pending_hidden_and_reported_comments(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let mut reporters = Vec::new();
    for (name, email) in [
        ("Paul", "paul@exemple.fr"),
        ("Inès", "ines@exemple.fr"),
        ("Malik", "malik@exemple.fr"),
    ] {
        reporters.push(server.member(name, email).await);
    }
    let quiet = comment(&claire, &article, None, "Un avis sans histoire.").await;
    let reported = comment(&claire, &article, None, "Un avis signalé une fois.").await;
    let hidden = comment(&claire, &article, None, "Un avis signalé trois fois.").await;
    assert_eq!(
        report(&reporters[0], reported, "off_topic").await.status,
        303
    );
    for r in &reporters {
        assert_eq!(report(r, hidden, "abuse").await.status, 303);
    }
    set_monde(&site, Some(CommentMode::PreModerated), None).await;
    let page = send_comment(&claire, &article, None, "Un avis en attente.").await;
    assert_eq!(page.status, 303);
    let pending = claire.browser.get("/compte/export").await.json()["comments"]
        .as_array()
        .and_then(|c| {
            c.iter()
                .find(|c| c["body"] == "Un avis en attente.")
                .and_then(|c| c["id"].as_i64())
        })
        .expect("the pending comment is in the export");

    let moderator = moderator(&server, &site).await;
    let page = moderator.browser.get("/admin/moderation").await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let html = page.html();
    let mut listed: Vec<i64> = select(&html, "article.queue-item")
        .iter()
        .filter_map(|i| i.value().attr("data-comment"))
        .filter_map(|id| id.parse().ok())
        .collect();
    listed.sort_unstable();
    let mut expected = vec![pending, reported, hidden];
    expected.sort_unstable();
    assert_eq!(listed, expected, "{quiet} is not in the queue");
    let item = select(
        &html,
        &format!("article.queue-item[data-comment=\"{hidden}\"]"),
    );
    let item = norm(&item[0].text().collect::<String>());
    assert!(item.contains("Un avis signalé trois fois."), "{item}");
}

async fn removing_a_comment_takes_it_down_and_tells_its_author_why(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let id = comment(&claire, &article, None, "Un propos injurieux.").await;
    assert_eq!(report(&paul, id, "abuse").await.status, 303);
    let moderator = moderator(&server, &site).await;
    let reason = "Propos injurieux envers un autre lecteur.";
    let page = moderate(&moderator, id, "remove", reason).await;
    assert_eq!(page.status, 303, "{}", page.main_text());

    assert!(shown_ids(&thread(&server, &article).await).is_empty());
    let mail = server.last_mail_to("claire@exemple.fr");
    assert!(mail.subject.contains("retiré"), "{mail:?}");
    assert!(
        mail.body.contains(reason),
        "the statement of reasons: {mail:?}"
    );
    let mine = claire.browser.get("/compte/commentaires").await;
    assert!(
        mine.shows("Motif de la décision de modération"),
        "{}",
        mine.main_text()
    );
    assert!(mine.shows(reason));
    assert!(mine.shows("Retiré par la modération"));
    // Decided: it leaves the queue.
    let queue = moderator.browser.get("/admin/moderation").await;
    assert_eq!(
        count(
            &queue,
            &format!("article.queue-item[data-comment=\"{id}\"]")
        ),
        0
    );
}

async fn reject_and_remove_need_a_reason(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let published = comment(&claire, &article, None, "Un avis publié.").await;
    set_monde(&site, Some(CommentMode::PreModerated), None).await;
    let page = send_comment(&claire, &article, None, "Un avis en attente.").await;
    assert_eq!(page.status, 303);
    let moderator = moderator(&server, &site).await;
    let queue = moderator.browser.get("/admin/moderation").await;
    let pending = select(&queue.html(), "article.queue-item")
        .iter()
        .filter_map(|i| i.value().attr("data-comment"))
        .filter_map(|id| id.parse::<i64>().ok())
        .next()
        .expect("the pending comment is in the queue");

    for (id, decision) in [(published, "remove"), (pending, "reject")] {
        for reason in ["", "   "] {
            let page = moderate(&moderator, id, decision, reason).await;
            assert_eq!(page.status, 400, "{decision} with reason {reason:?}");
        }
    }
    assert_eq!(shown_ids(&thread(&server, &article).await), [published]);
    let queue = moderator.browser.get("/admin/moderation").await;
    assert_eq!(
        count(
            &queue,
            &format!("article.queue-item[data-comment=\"{pending}\"]")
        ),
        1,
        "still waiting"
    );

    // With a reason, the refusal is recorded and explained to the author.
    let page = moderate(&moderator, pending, "reject", "Hors sujet.").await;
    assert_eq!(page.status, 303);
    let mine = claire.browser.get("/compte/commentaires").await;
    assert!(mine.shows("Refusé"), "{}", mine.main_text());
    assert!(mine.shows("Hors sujet."));
}

async fn approving_publishes_a_held_comment(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    set_monde(&site, Some(CommentMode::PreModerated), None).await;
    let page = send_comment(&claire, &article, None, "Relisez-moi vite.").await;
    assert_eq!(page.status, 303);
    assert!(shown_ids(&thread(&server, &article).await).is_empty());
    let moderator = moderator(&server, &site).await;
    let queue = moderator.browser.get("/admin/moderation").await;
    let id = select(&queue.html(), "article.queue-item")
        .iter()
        .filter_map(|i| i.value().attr("data-comment"))
        .filter_map(|id| id.parse::<i64>().ok())
        .next()
        .expect("the comment is in the queue");
    let page = moderate(&moderator, id, "approve", "").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let page = thread(&server, &article).await;
    assert_eq!(shown_ids(&page), [id]);
    assert_eq!(
        first_text(&page, &format!("#commentaire-{id} .comment-body")),
        "Relisez-moi vite."
    );
}

async fn banned_members_cannot_comment_until_the_ban_is_lifted(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let moderator = moderator(&server, &site).await;
    let claire_id = claire.id().await;
    let page = ban(&moderator, claire_id, "7", "Insultes répétées.").await;
    assert_eq!(page.status, 303, "{}", page.main_text());

    let slot = claire.browser.get(&article.path).await;
    assert!(select(&slot.html(), "form[data-comment-form]").is_empty());
    assert!(
        slot.shows("suspendu"),
        "{}",
        first_text(&slot, "section#commentaires")
    );
    let json = send_comment_json(&claire, &article.id.to_string(), "Je suis suspendue ?").await;
    assert_refused_json(&json, 403, "suspendu");
    let html = send_comment(&claire, &article, None, "Je suis suspendue ?").await;
    assert_refused(&html, 403, "suspendu");
    assert!(shown_ids(&thread(&server, &article).await).is_empty());

    let page = ban(
        &moderator,
        claire_id,
        "lift",
        "Suspension levée après échange.",
    )
    .await;
    assert_eq!(page.status, 303);
    comment(&claire, &article, None, "Me revoilà.").await;
}

async fn banned_words_hold_comments_for_review(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let moderator = moderator(&server, &site).await;
    let form = moderator
        .browser
        .get("/admin/moderation/mots-interdits")
        .await;
    assert_eq!(form.status, 200);
    let csrf = form.csrf().expect("a token");
    assert_eq!(count(&form, "form [name=words]"), 1);
    let page = moderator
        .browser
        .post(
            "/admin/moderation/mots-interdits",
            &[
                ("csrf", csrf.as_str()),
                ("words", "saperlipopette\nfichtre"),
            ],
        )
        .await;
    assert!(
        page.status == 303 || page.status == 200,
        "{}: {}",
        page.status,
        page.main_text()
    );
    let form = moderator
        .browser
        .get("/admin/moderation/mots-interdits")
        .await;
    assert!(
        form.body.contains("saperlipopette"),
        "the list is shown again"
    );

    let page = send_comment(&claire, &article, None, "Fichtre, quelle histoire !").await;
    assert_eq!(page.status, 303);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("{}#ecrire", article.path).as_str())
    );
    let clean = comment(&claire, &article, None, "Un avis sans gros mot.").await;
    assert_eq!(shown_ids(&thread(&server, &article).await), [clean]);
    let own = claire.browser.get(&article.path).await;
    assert!(
        first_text(&own, ".own-pending").contains("Fichtre, quelle histoire !"),
        "{}",
        first_text(&own, "section#commentaires")
    );
    let queue = moderator.browser.get("/admin/moderation").await;
    let listed: Vec<String> = select(&queue.html(), "article.queue-item")
        .iter()
        .map(|i| norm(&i.text().collect::<String>()))
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(
        listed[0].contains("Fichtre, quelle histoire !"),
        "{listed:?}"
    );
}

async fn the_journal_lists_every_decision(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let id = comment(&claire, &article, None, "Un avis à retirer.").await;
    let claire_id = claire.id().await;
    let moderator = moderator(&server, &site).await;
    assert_eq!(
        moderate(&moderator, id, "remove", "Motif du retrait.")
            .await
            .status,
        303
    );
    assert_eq!(
        ban(&moderator, claire_id, "1", "Motif de la suspension.")
            .await
            .status,
        303
    );
    let csrf = moderator.csrf().await;
    let page = moderator
        .browser
        .post(
            "/admin/moderation/mots-interdits",
            &[("csrf", csrf.as_str()), ("words", "fichtre")],
        )
        .await;
    assert!(page.status == 303 || page.status == 200, "{}", page.status);

    let journal = moderator.browser.get("/admin/moderation/journal").await;
    assert_eq!(journal.status, 200);
    let html = journal.html();
    let rows: Vec<String> = select(&html, "tr")
        .iter()
        .map(|r| norm(&r.text().collect::<String>()))
        .filter(|r| r.contains("Modo"))
        .collect();
    assert!(
        rows.len() >= 3,
        "one row per decision, with its moderator: {rows:?}"
    );
    assert!(
        rows.iter().any(|r| r.contains("Motif du retrait.")),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r.contains("Motif de la suspension.")),
        "{rows:?}"
    );
    assert_eq!(
        select(&html, &format!("a[href='/commentaires/{id}']")).len(),
        1,
        "the removed comment is linked"
    );
}

// ------------------------------------------------------------------------------ comment modes

async fn pre_moderated_sections_hold_new_comments(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    set_monde(&site, Some(CommentMode::PreModerated), None).await;
    let slot = claire
        .browser
        .get_until(&article.path, |p| {
            p.shows("Les commentaires sont relus avant publication.")
        })
        .await;
    assert!(slot.shows("Les commentaires sont relus avant publication."));

    let page = send_comment(&claire, &article, None, "Un avis à relire.").await;
    assert_eq!(page.status, 303);
    assert_eq!(
        page.location.as_deref(),
        Some(format!("{}#ecrire", article.path).as_str())
    );
    let json = send_comment_json(&claire, &article.id.to_string(), "Un autre avis à relire.").await;
    assert_eq!(json.status, 201, "{}", json.body);
    assert_eq!(json.json()["status"], "pending");
    assert!(json.json()["html"].is_null());

    let visitor = thread(&server, &article).await;
    assert!(shown_ids(&visitor).is_empty());
    assert_eq!(count(&visitor, ".own-pending"), 0);
    let own = claire.browser.get(&article.path).await;
    let pending = first_text(&own, ".own-pending");
    assert!(pending.contains("Un avis à relire."), "{pending}");
    assert!(pending.contains("Un autre avis à relire."), "{pending}");
}

async fn closed_sections_refuse_comments(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let before = comment(&claire, &article, None, "Avant la fermeture.").await;
    set_monde(&site, Some(CommentMode::Closed), None).await;
    let slot = claire
        .browser
        .get_until(&article.path, |p| {
            select(&p.html(), "form[data-comment-form]").is_empty()
        })
        .await;
    assert!(select(&slot.html(), "form[data-comment-form]").is_empty());
    assert!(
        slot.shows(CLOSED),
        "{}",
        first_text(&slot, "section#commentaires")
    );
    assert_eq!(shown_ids(&slot), [before], "earlier comments stay");

    let page = send_comment(&claire, &article, None, "Après la fermeture.").await;
    assert_refused(&page, 400, CLOSED);
    let json = send_comment_json(&claire, &article.id.to_string(), "Après la fermeture.").await;
    assert_refused_json(&json, 400, CLOSED);
    assert_eq!(shown_ids(&thread(&server, &article).await), [before]);

    // Open again: the form comes back.
    set_monde(&site, None, None).await;
    let slot = claire
        .browser
        .get_until(&article.path, |p| {
            !select(&p.html(), "form[data-comment-form]").is_empty()
        })
        .await;
    assert_eq!(count(&slot, "form[data-comment-form]"), 1);
}

async fn comments_close_after_the_section_age_limit(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    // The fixture was published in December 2016: far older than a week.
    set_monde(&site, None, Some(7)).await;
    let slot = claire
        .browser
        .get_until(&article.path, |p| p.shows(CLOSED))
        .await;
    assert!(
        slot.shows(CLOSED),
        "{}",
        first_text(&slot, "section#commentaires")
    );
    assert!(select(&slot.html(), "form[data-comment-form]").is_empty());
    let page = send_comment(&claire, &article, None, "Trop tard ?").await;
    assert_refused(&page, 400, CLOSED);
    assert!(shown_ids(&thread(&server, &article).await).is_empty());
}

// ------------------------------------------------------------------------------ live updates

/// Reads server-sent events until one named `comment` arrives (at most `limit`); returns its
/// data, parsed.
async fn next_comment_event(
    res: &mut reqwest::Response,
    buffer: &mut String,
    limit: Duration,
) -> Option<serde_json::Value> {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            let mut event = None;
            let mut data = String::new();
            for line in block.lines() {
                if let Some(e) = line.strip_prefix("event:") {
                    event = Some(e.trim().to_owned());
                } else if let Some(d) = line.strip_prefix("data:") {
                    data.push_str(d.trim_start());
                }
            }
            if event.as_deref() == Some("comment") {
                return Some(
                    serde_json::from_str(&data)
                        .unwrap_or_else(|e| panic!("event data is not JSON ({e}): {data}")),
                );
            }
        }
        let chunk = tokio::time::timeout_at(deadline, res.chunk()).await;
        match chunk {
            Ok(Ok(Some(bytes))) => {
                buffer.push_str(&String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
            }
            Ok(Ok(None)) | Err(_) => return None,
            Ok(Err(e)) => panic!("event stream: {e}"),
        }
    }
}

async fn live_updates_stream_new_comments(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let earlier = comment(&claire, &article, None, "Déjà là.").await;

    let reader = server.browser();
    let page = reader.get(&article.path).await;
    let html = page.html();
    let last = select(&html, "section#commentaires")[0]
        .value()
        .attr("data-last")
        .expect("data-last")
        .to_owned();
    assert_eq!(last, earlier.to_string());
    let url = reader.url(&format!(
        "/articles/{}/commentaires/flux?depuis={last}",
        article.id
    ));
    let mut res = reader.send(reader.http().get(url), "event stream").await;
    assert_eq!(res.status(), 200);
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("text/event-stream"),
        "{content_type}"
    );

    let new = comment(&paul, &article, None, "Tout frais.").await;
    let mut buffer = String::new();
    let data = next_comment_event(&mut res, &mut buffer, Duration::from_secs(10))
        .await
        .expect("a comment event within 10 s");
    assert_eq!(data["id"], new, "only what came after {last}: {data}");
    assert!(data["parent_id"].is_null());
    let fragment = scraper::Html::parse_fragment(data["html"].as_str().unwrap_or_default());
    assert_eq!(
        select(
            &fragment,
            &format!("article.comment#commentaire-{new} .comment-body")
        )
        .first()
        .map(|b| norm(&text(b))),
        Some("Tout frais.".to_owned())
    );

    // A reply arrives too, with its parent.
    let reply = comment(&claire, &article, Some(new), "Bienvenue.").await;
    let data = next_comment_event(&mut res, &mut buffer, Duration::from_secs(10))
        .await
        .expect("a second comment event within 10 s");
    assert_eq!(data["id"], reply);
    assert_eq!(data["parent_id"], new);
}

/// A comment held for review, approved after newer comments were posted, still reaches the
/// pages open on the article.
async fn approved_comments_reach_open_pages(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let moderator = moderator(&server, &site).await;
    // Banned words hold a comment for review whatever the article's mode.
    let csrf = moderator.csrf().await;
    let page = moderator
        .browser
        .post(
            "/admin/moderation/mots-interdits",
            &[("csrf", csrf.as_str()), ("words", "tartempion")],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let held_page = send_comment(&claire, &article, None, "Quel tartempion, cet article.").await;
    assert_eq!(held_page.status, 303);
    let newer = comment(&paul, &article, None, "Un avis publié tout de suite.").await;

    let reader = server.browser();
    let url = reader.url(&format!(
        "/articles/{}/commentaires/flux?depuis={newer}",
        article.id
    ));
    let mut res = reader.send(reader.http().get(url), "event stream").await;
    assert_eq!(res.status(), 200);
    let queue = moderator.browser.get("/admin/moderation").await;
    let held = select(&queue.html(), "article.queue-item")
        .iter()
        .filter_map(|i| i.value().attr("data-comment"))
        .filter_map(|id| id.parse::<i64>().ok())
        .next()
        .expect("the held comment is in the queue");
    assert!(held < newer, "held before the newer one");
    let page = moderate(&moderator, held, "approve", "").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let mut buffer = String::new();
    let data = next_comment_event(&mut res, &mut buffer, Duration::from_secs(10))
        .await
        .expect("the approved comment arrives within 10 s");
    assert_eq!(data["id"], held);
}

// ------------------------------------------------------------------------------ rate limits

async fn comments_are_rate_limited_per_member(site: Site) {
    let server = site.start();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    for i in 0..5 {
        comment(&claire, &article, None, &format!("Commentaire numéro {i}.")).await;
    }
    let page = send_comment(&claire, &article, None, "Un de trop.").await;
    assert_too_many(&page);
    let page = thread(&server, &article).await;
    assert_eq!(shown_ids(&page).len(), 5);
    assert!(!page.shows("Un de trop."));
}

async fn comments_are_rate_limited_per_network_address(site: Site) {
    let server = site.start();
    let article = fixture_article(&server).await;
    let mut members = Vec::new();
    for i in 0..6 {
        members.push(
            server
                .member(&format!("Lecteur {i}"), &format!("lecteur{i}@exemple.fr"))
                .await,
        );
    }
    // 20 a minute from one address, 5 a minute per member: members take turns until the
    // address's quota is spent.
    let mut accepted = 0;
    let mut refused = None;
    'members: for m in &members {
        for n in 0..5 {
            let page = send_comment(m, &article, None, &format!("{} dit {n}.", m.name)).await;
            match page.status {
                303 => accepted += 1,
                429 => {
                    refused = Some((n, page));
                    break 'members;
                }
                s => panic!("unexpected {s}: {}", page.main_text()),
            }
        }
    }
    let (n, page) = refused.expect("comments from one address are limited");
    assert!(n < 5, "refused for the address, not for the member");
    assert!((20..=22).contains(&accepted), "refused after {accepted}");
    assert_too_many(&page);
}

both_backends!(
    visitors_are_invited_to_log_in_to_comment,
    verified_members_get_the_comment_form,
    unverified_members_are_asked_to_confirm_before_commenting,
    a_posted_comment_appears_under_the_article,
    posting_with_javascript_answers_json,
    comment_text_is_shown_as_text_and_links_are_marked_nofollow,
    invalid_comments_are_refused_with_a_clear_message,
    comments_at_the_limits_are_accepted,
    visitors_posting_are_sent_to_log_in,
    comment_posts_need_the_session_token,
    replies_are_one_level_deep,
    authors_get_edit_and_delete_forms_on_their_comment,
    authors_can_edit_their_comment,
    authors_can_delete_their_comment,
    members_cannot_change_others_comments,
    edits_close_after_the_edit_window,
    comment_actions_need_the_session_token,
    reply_form_is_offered_on_top_level_comments_only,
    report_threshold_is_configurable,
    reporting_a_comment_is_acknowledged_once,
    three_reports_hide_a_comment_until_review,
    illegal_content_reports_are_acknowledged_by_mail,
    moderation_is_for_staff_only,
    the_queue_lists_pending_hidden_and_reported_comments,
    removing_a_comment_takes_it_down_and_tells_its_author_why,
    reject_and_remove_need_a_reason,
    approving_publishes_a_held_comment,
    banned_members_cannot_comment_until_the_ban_is_lifted,
    banned_words_hold_comments_for_review,
    the_journal_lists_every_decision,
    pre_moderated_sections_hold_new_comments,
    closed_sections_refuse_comments,
    comments_close_after_the_section_age_limit,
    live_updates_stream_new_comments,
    approved_comments_reach_open_pages,
    comments_are_rate_limited_per_member,
    comments_are_rate_limited_per_network_address,
);
