//! Comments where the reader is, served by the real binary on both backends: replying,
//! editing and deleting under each comment of the article page (plain forms and the script's
//! JSON), who sees which actions, reply e-mails (once an hour per thread, never to oneself,
//! held replies once approved, one-click unsubscribe), and sign-up from an article (its return
//! path, consent to the charter, every field's error at once).

use std::time::Duration;

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{fixture_article, norm, select, text, Article, Browser, Mail, Member, Page, Server};
use common::{Site, PASSWORD};
use kiosque_domain::CommentMode;

/// A form of a page as a browser without JavaScript would send it: its action and its fields
/// (hidden ones and ticked boxes with their values, the textarea with `body`).
fn form_of(page: &Page, css: &str, body: &str) -> (String, Vec<(String, String)>) {
    let html = page.html();
    let forms = select(&html, css);
    let form = forms
        .first()
        .unwrap_or_else(|| panic!("no form {css} in {}", page.main_text()));
    let action = form.value().attr("action").expect("action").to_owned();
    let mut fields = Vec::new();
    let inputs =
        scraper::Selector::parse("input[type=hidden], input[type=checkbox][checked], textarea")
            .expect("selector");
    for input in form.select(&inputs) {
        let name = input.value().attr("name").unwrap_or_default().to_owned();
        let value = if input.value().name() == "textarea" {
            body.to_owned()
        } else {
            input.value().attr("value").unwrap_or_default().to_owned()
        };
        fields.push((name, value));
    }
    (action, fields)
}

async fn send_form(member: &Member, action: &str, fields: &[(String, String)]) -> Page {
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    member.browser.post(action, &form).await
}

/// Posts a comment (or a reply) from the article's forms without JavaScript; returns its id.
async fn comment(member: &Member, article: &Article, parent: Option<i64>, body: &str) -> i64 {
    let page = member.browser.get(&article.path).await;
    let css = match parent {
        None => "form[data-comment-form]".to_owned(),
        Some(p) => format!("#commentaire-{p} form[data-inline-form=reply]"),
    };
    let (action, fields) = form_of(&page, &css, body);
    let done = send_form(member, &action, &fields).await;
    assert_eq!(done.status, 303, "refused: {}", done.main_text());
    let to = done.location.unwrap_or_default();
    to.rsplit_once("#commentaire-")
        .and_then(|(_, id)| id.parse().ok())
        .unwrap_or_else(|| panic!("no comment anchor in {to:?}"))
}

/// The `summary` and link texts of the actions under one comment (not its replies).
fn actions(page: &Page, id: i64) -> Vec<String> {
    let html = page.html();
    select(
        &html,
        &format!(
            "#commentaire-{id} > .comment-actions > a, \
             #commentaire-{id} > .comment-actions > details > summary"
        ),
    )
    .iter()
    .map(|e| norm(&text(e)))
    .collect()
}

fn first_text(page: &Page, css: &str) -> String {
    let html = page.html();
    select(&html, css)
        .first()
        .map(|e| norm(&text(e)))
        .unwrap_or_default()
}

/// Waits (up to about 8 s) until `n` mails went to this address; returns them.
async fn mails_until(server: &Server, to: &str, n: usize) -> Vec<Mail> {
    for _ in 0..80 {
        let mails = server.mails_to(to);
        if mails.len() >= n {
            return mails;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server.mails_to(to)
}

fn reply_mails(server: &Server, to: &str) -> Vec<Mail> {
    server
        .mails_to(to)
        .into_iter()
        .filter(|m| m.subject == "Nouvelle réponse à votre commentaire")
        .collect()
}

/// Ticks or unticks "e-mail me about replies" on the account page.
async fn choose_reply_mails(member: &Member, on: bool) {
    let csrf = member.csrf().await;
    let mut form = vec![("csrf", csrf.as_str())];
    if on {
        form.push(("notifier", "1"));
    }
    let page = member.browser.post("/compte/notifications", &form).await;
    assert_eq!(page.status, 303, "{}", page.main_text());
}

async fn reply_mails_chosen(member: &Member) -> bool {
    let page = member.browser.get("/compte").await;
    let html = page.html();
    let boxes = select(
        &html,
        "form[action='/compte/notifications'] input#notifier-reponses",
    );
    assert_eq!(boxes.len(), 1, "the account page has the setting");
    boxes[0].value().attr("checked").is_some()
}

// ------------------------------------------------------------------------------ who sees what

async fn the_author_sees_edit_and_delete_others_see_reply_and_report(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let top = comment(&claire, &article, None, "Mon avis sur le fond.").await;
    let reply = comment(&paul, &article, Some(top), "Ma réponse à Claire.").await;

    let mine = claire.browser.get(&article.path).await;
    assert_eq!(actions(&mine, top), ["Modifier", "Supprimer"]);
    assert_eq!(actions(&mine, reply), ["Signaler"], "no reply to a reply");
    assert!(mine.body.contains("Modifier</summary>"));
    let edit = form_of(
        &mine,
        &format!("#commentaire-{top} form[data-inline-form=edit]"),
        "",
    );
    assert_eq!(edit.0, format!("/commentaires/{top}/modifier"));
    assert_eq!(
        first_text(
            &mine,
            &format!("#commentaire-{top} form[data-inline-form=edit] textarea")
        ),
        "Mon avis sur le fond."
    );

    let his = paul.browser.get(&article.path).await;
    assert_eq!(actions(&his, top), ["Répondre", "Signaler"]);
    assert_eq!(actions(&his, reply), ["Modifier", "Supprimer"]);
    let (action, fields) = form_of(
        &his,
        &format!("#commentaire-{top} form[data-inline-form=reply]"),
        "x",
    );
    assert_eq!(action, "/commentaires");
    assert!(fields.contains(&("parent_id".to_owned(), top.to_string())));
    assert!(fields.contains(&("csrf".to_owned(), paul.csrf().await)));

    // Visitors share one cached page: links to the comment's page, and nothing personal.
    let visitor = server.browser().get(&article.path).await;
    assert_eq!(actions(&visitor, top), ["Répondre", "Signaler"]);
    assert!(select(&visitor.html(), "#commentaires details").is_empty());
    assert!(
        !visitor.body.contains("name=\"csrf\""),
        "no token for a visitor"
    );
    assert!(visitor
        .header("cache-control")
        .is_none_or(|c| !c.contains("private")));
    let again = server.browser().get(&article.path).await;
    assert_eq!(
        again.header("etag"),
        visitor.header("etag"),
        "the same bytes"
    );

    // Relative times need the exact time: the title and datetime of each comment's <time>.
    let html = visitor.html();
    let times = select(&html, &format!("#commentaire-{top} > .comment-meta time"));
    assert_eq!(times.len(), 1);
    assert!(times[0]
        .value()
        .attr("datetime")
        .is_some_and(|d| d.contains('T')));
    let title = times[0].value().attr("title").unwrap_or_default();
    assert!(
        title.contains(" à "),
        "an exact date and time in the title: {title:?}"
    );
    assert!(text(&times[0]).starts_with("le "), "an absolute fallback");
}

// ------------------------------------------------------------------------------ without JavaScript

async fn inline_forms_without_javascript_come_back_to_the_comment(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let top = comment(&claire, &article, None, "Premier jet.").await;

    // Reply from under the comment.
    let page = paul.browser.get(&article.path).await;
    let (action, fields) = form_of(
        &page,
        &format!("#commentaire-{top} form[data-inline-form=reply]"),
        "Une réponse en place.",
    );
    let done = send_form(&paul, &action, &fields).await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    let to = done.location.clone().unwrap_or_default();
    let reply: i64 = to
        .strip_prefix(&format!("{}#commentaire-", article.path))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("back to the reply's anchor: {to}"));
    let page = server.browser().get(&article.path).await;
    assert_eq!(
        first_text(
            &page,
            &format!("#commentaire-{top} .replies #commentaire-{reply} .comment-body")
        ),
        "Une réponse en place."
    );

    // Edit from under the comment.
    let page = claire.browser.get(&article.path).await;
    let (action, fields) = form_of(
        &page,
        &format!("#commentaire-{top} form[data-inline-form=edit]"),
        "Version corrigée.",
    );
    let done = send_form(&claire, &action, &fields).await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    assert_eq!(
        done.location.as_deref(),
        Some(format!("{}#commentaire-{top}", article.path).as_str())
    );
    let page = server.browser().get(&article.path).await;
    assert_eq!(
        first_text(&page, &format!("#commentaire-{top} > .comment-body")),
        "Version corrigée."
    );
    assert_eq!(
        first_text(
            &page,
            &format!("#commentaire-{top} > .comment-meta .edited")
        ),
        "(modifié)"
    );

    // Delete from under the comment: the reply first, back at its parent.
    let page = paul.browser.get(&article.path).await;
    let (action, fields) = form_of(
        &page,
        &format!("#commentaire-{reply} form[data-inline-form=delete]"),
        "",
    );
    assert_eq!(action, format!("/commentaires/{reply}/supprimer"));
    let done = send_form(&paul, &action, &fields).await;
    assert_eq!(done.status, 303);
    assert_eq!(
        done.location.as_deref(),
        Some(format!("{}#commentaire-{top}", article.path).as_str())
    );
    let page = claire.browser.get(&article.path).await;
    let (action, fields) = form_of(
        &page,
        &format!("#commentaire-{top} form[data-inline-form=delete]"),
        "",
    );
    let done = send_form(&claire, &action, &fields).await;
    assert_eq!(done.status, 303);
    assert_eq!(
        done.location.as_deref(),
        Some(format!("{}#commentaires", article.path).as_str())
    );
    let page = server.browser().get(&article.path).await;
    assert!(
        select(&page.html(), "article.comment").is_empty(),
        "{}",
        page.main_text()
    );

    // The comment's own page still works as before.
    let kept = comment(&claire, &article, None, "Je reste.").await;
    let own = claire.browser.get(&format!("/commentaires/{kept}")).await;
    assert_eq!(own.status, 200);
    assert_eq!(select(&own.html(), "#modifier form").len(), 1);
}

async fn the_script_edits_and_deletes_in_place(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let top = comment(&claire, &article, None, "Premier jet.").await;
    let csrf = claire.csrf().await;
    let page = claire
        .browser
        .post_json(
            &format!("/commentaires/{top}/modifier"),
            &[
                ("csrf", csrf.as_str()),
                ("body", "Texte revu."),
                ("depuis", "article"),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let json = page.json();
    assert_eq!(json["status"], "published");
    let html = json["html"].as_str().expect("the comment's new HTML");
    assert!(html.contains("Texte revu."), "{html}");
    assert!(
        html.contains("Modifier</summary>"),
        "the author's actions: {html}"
    );
    assert!(json["message"]
        .as_str()
        .is_some_and(|m| m.contains("modifié")));

    let refused = claire
        .browser
        .post_json(
            &format!("/commentaires/{top}/modifier"),
            &[("csrf", csrf.as_str()), ("body", "  ")],
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(refused.json()["error"]["message"].is_string());

    let page = claire
        .browser
        .post_json(
            &format!("/commentaires/{top}/supprimer"),
            &[("csrf", csrf.as_str()), ("depuis", "article")],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.json()["message"]
        .as_str()
        .is_some_and(|m| m.contains("supprimé")));
    let page = server.browser().get(&article.path).await;
    assert!(select(&page.html(), "article.comment").is_empty());
}

// ------------------------------------------------------------------------------ reply e-mails

async fn set_monde(site: &Site, mode: Option<CommentMode>) {
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("open store");
    store
        .set_section_comment_settings("monde", mode, None)
        .await
        .expect("section settings");
    store.close().await;
}

async fn reply_mails_once_an_hour_per_thread_never_to_oneself(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;

    // Claire ticks the box on the comment form: remembered on her account page.
    let page = claire.browser.get(&article.path).await;
    assert_eq!(
        select(&page.html(), "form[data-comment-form] input[name=notifier]").len(),
        1
    );
    let (action, mut fields) = form_of(&page, "form[data-comment-form]", "Qui me répondra ?");
    fields.push(("notifier".into(), "1".into()));
    let done = send_form(&claire, &action, &fields).await;
    assert_eq!(done.status, 303);
    assert!(
        reply_mails_chosen(&claire).await,
        "the choice is remembered"
    );
    let page = claire.browser.get(&article.path).await;
    assert!(
        select(
            &page.html(),
            "form[data-comment-form] input[name=notifier][checked]"
        )
        .len()
            == 1,
        "the box stays ticked"
    );
    let thread = done
        .location
        .and_then(|l| {
            l.rsplit_once("#commentaire-")
                .and_then(|(_, id)| id.parse::<i64>().ok())
        })
        .expect("comment id");

    // Her own reply (from the comment's page: under her comment she has Modifier · Supprimer)
    // tells nobody.
    let own_page = claire.browser.get(&format!("/commentaires/{thread}")).await;
    let (action, fields) = form_of(&own_page, "#repondre form", "Je précise moi-même.");
    assert_eq!(send_form(&claire, &action, &fields).await.status, 303);
    // Paul's reply: one e-mail.
    let first = comment(&paul, &article, Some(thread), "Moi !").await;
    let mails = mails_until(&server, "claire@exemple.fr", 2).await;
    let replies: Vec<&Mail> = mails
        .iter()
        .filter(|m| m.subject == "Nouvelle réponse à votre commentaire")
        .collect();
    assert_eq!(replies.len(), 1, "{mails:?}");
    let mail = replies[0];
    assert!(mail.body.contains("Paul a répondu"), "{}", mail.body);
    assert!(mail.body.contains("Moi !"), "{}", mail.body);
    assert!(
        mail.body.contains(&format!(
            "{}{}#commentaire-{first}",
            server.base, article.path
        )),
        "a link to the reply: {}",
        mail.body
    );
    let unsubscribe = mail.header("List-Unsubscribe").expect("List-Unsubscribe");
    assert!(
        unsubscribe.starts_with(&format!("<{}/compte/desabonnement?", server.base))
            && unsubscribe.ends_with('>'),
        "{unsubscribe}"
    );
    assert_eq!(
        mail.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(mail.body.contains(unsubscribe.trim_matches(['<', '>'])));

    // A second reply in the same thread within the hour: no second e-mail.
    comment(&paul, &article, Some(thread), "Et encore moi.").await;
    // Another thread: its own e-mail.
    let other = comment(&claire, &article, None, "Un autre sujet.").await;
    comment(&paul, &article, Some(other), "Sur l’autre sujet.").await;
    mails_until(&server, "claire@exemple.fr", 3).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let replies = reply_mails(&server, "claire@exemple.fr");
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert!(
        replies[1].body.contains("Sur l’autre sujet."),
        "{}",
        replies[1].body
    );
    assert!(
        reply_mails(&server, "paul@exemple.fr").is_empty(),
        "Paul did not ask"
    );
}

async fn held_replies_tell_the_author_once_approved(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    choose_reply_mails(&claire, true).await;
    let thread = comment(&claire, &article, None, "Relisez-moi.").await;
    set_monde(&site, Some(CommentMode::PreModerated)).await;
    let csrf = paul.csrf().await;
    let held = paul
        .browser
        .post(
            "/commentaires",
            &[
                ("csrf", csrf.as_str()),
                ("article_id", article.id.to_string().as_str()),
                ("parent_id", thread.to_string().as_str()),
                ("body", "Une réponse relue."),
            ],
        )
        .await;
    assert_eq!(held.status, 303);
    assert!(
        held.location.unwrap_or_default().ends_with("#ecrire"),
        "held"
    );
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(
        reply_mails(&server, "claire@exemple.fr").is_empty(),
        "not while held"
    );

    let moderator = server
        .staff(&site, "Modo", "modo@exemple.fr", &["--role", "moderator"])
        .await;
    let queue = moderator.browser.get("/admin/moderation").await;
    let id = select(&queue.html(), "article.queue-item")
        .iter()
        .filter_map(|i| i.value().attr("data-comment"))
        .filter_map(|id| id.parse::<i64>().ok())
        .next()
        .expect("the reply is in the queue");
    let csrf = moderator.csrf().await;
    let page = moderator
        .browser
        .post(
            &format!("/admin/moderation/commentaires/{id}"),
            &[
                ("csrf", csrf.as_str()),
                ("decision", "approve"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    mails_until(&server, "claire@exemple.fr", 2).await;
    let replies = reply_mails(&server, "claire@exemple.fr");
    assert_eq!(replies.len(), 1, "told once approved");
    assert!(replies[0].body.contains("Une réponse relue."));
}

async fn unsubscribing_takes_one_click_without_logging_in(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let claire = server.member("Claire", "claire@exemple.fr").await;
    let paul = server.member("Paul", "paul@exemple.fr").await;
    assert!(!reply_mails_chosen(&claire).await, "off until asked");
    choose_reply_mails(&claire, true).await;
    assert!(reply_mails_chosen(&claire).await);
    let thread = comment(&claire, &article, None, "Un avis.").await;
    comment(&paul, &article, Some(thread), "Une réponse.").await;
    mails_until(&server, "claire@exemple.fr", 2).await;
    let mail = reply_mails(&server, "claire@exemple.fr")
        .pop()
        .expect("a reply e-mail");
    let link = mail
        .header("List-Unsubscribe")
        .expect("List-Unsubscribe")
        .trim_matches(['<', '>'])
        .to_owned();
    let path = link
        .strip_prefix(&server.base)
        .expect("a link to this site");

    // A forged signature changes nothing.
    let forged = format!("{}0", &path[..path.len() - 1]);
    let forged = if forged == path {
        format!("{}1", &path[..path.len() - 1])
    } else {
        forged
    };
    let page = server
        .browser()
        .post(&forged, &[("List-Unsubscribe", "One-Click")])
        .await;
    assert_eq!(page.status, 400);
    assert!(reply_mails_chosen(&claire).await);

    // The mail client's one-click POST (RFC 8058): no cookie, no form token.
    let page = server
        .browser()
        .post(path, &[("List-Unsubscribe", "One-Click")])
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(!reply_mails_chosen(&claire).await, "unsubscribed");

    // The link itself, opened in a browser that is not logged in.
    choose_reply_mails(&claire, true).await;
    let page = server.browser().get(path).await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert!(page.shows("Désabonnement confirmé"), "{}", page.main_text());
    assert!(!reply_mails_chosen(&claire).await, "unsubscribed");
    let page = server.browser().get(&forged).await;
    assert_eq!(page.status, 400);
}

// ------------------------------------------------------------------------------ sign-up

/// Percent-encodes a value for a query string.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn sign_up_with(b: &Browser, fields: &[(&str, &str)]) -> Page {
    let csrf = b.csrf("/compte/inscription").await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    b.post("/compte/inscription", &form).await
}

async fn sign_up_from_an_article_comes_back_to_its_comment_form(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let b = server.browser();
    let page = b.get(&article.path).await;
    let html = page.html();
    let link = select(&html, "section#commentaires a")
        .into_iter()
        .find(|a| text(a) == "créez votre espace Kiosque")
        .and_then(|a| a.value().attr("href").map(str::to_owned))
        .expect("a sign-up link in the comment area");
    let back = common::query_param(&link, "retour").expect("retour");
    assert_eq!(back, format!("{}#ecrire", article.path));

    let form = b.get(&link).await;
    assert_eq!(form.status, 200);
    let html = form.html();
    let hidden = select(
        &html,
        "form[action='/compte/inscription'] input[name=retour]",
    );
    assert_eq!(hidden[0].value().attr("value"), Some(back.as_str()));
    let charter = select(
        &html,
        "form[action='/compte/inscription'] label a[href='/pages/charte']",
    );
    assert_eq!(charter.len(), 1, "the consent links to the charter");

    let page = sign_up_with(
        &b,
        &[
            ("display_name", "Claire"),
            ("email", "claire@exemple.fr"),
            ("password", PASSWORD),
            ("charte", "1"),
            ("retour", back.as_str()),
        ],
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    let mail = server.last_mail_to("claire@exemple.fr");
    let verify = mail.link("/compte/verifier?jeton=").expect("a verify link");
    let done = b.get(&verify).await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    assert_eq!(done.location.as_deref(), Some(back.as_str()));
    let page = b.get(&article.path).await;
    assert_eq!(
        select(&page.html(), "#ecrire form[data-comment-form]").len(),
        1,
        "logged in, at the comment form: {}",
        first_text(&page, "section#commentaires")
    );

    // Log-in from an article's sign-up page also carries the return path.
    let login = server
        .browser()
        .get(&format!("/compte/connexion?retour={}", encode(&back)))
        .await;
    let html = login.html();
    let signup = select(&html, ".account-links a")
        .into_iter()
        .find_map(|a| {
            a.value()
                .attr("href")
                .filter(|h| h.starts_with("/compte/inscription"))
                .map(str::to_owned)
        })
        .expect("a sign-up link");
    assert_eq!(
        common::query_param(&signup, "retour").as_deref(),
        Some(back.as_str())
    );
}

async fn hostile_return_paths_are_refused(site: Site) {
    let server = site.start_relaxed();
    for (n, hostile) in [
        "//evil.example",
        "https://evil.example/x",
        "/\\evil.example",
    ]
    .into_iter()
    .enumerate()
    {
        let b = server.browser();
        let form = b
            .get(&format!("/compte/inscription?retour={}", encode(hostile)))
            .await;
        assert!(
            select(&form.html(), "input[name=retour]").is_empty(),
            "{hostile} is not carried"
        );
        let email = format!("lecteur{n}@exemple.fr");
        let page = sign_up_with(
            &b,
            &[
                ("display_name", "Lecteur"),
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("charte", "1"),
                ("retour", hostile),
            ],
        )
        .await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("evil.example"), "{hostile}");
        let verify = server
            .last_mail_to(&email)
            .link("/compte/verifier?jeton=")
            .expect("link");
        let done = b.get(&verify).await;
        assert_eq!(
            done.status, 200,
            "{hostile}: no redirection, {:?}",
            done.location
        );
        assert!(done.shows("Adresse confirmée"));

        let login = server
            .log_in(&server.browser(), &email, PASSWORD, hostile)
            .await;
        assert_eq!(login.status, 303);
        assert_eq!(login.location.as_deref(), Some("/"), "{hostile}");
    }
}

async fn sign_up_asks_consent_and_stores_its_date(site: Site) {
    let server = site.start_relaxed();
    let page = sign_up_with(
        &server.browser(),
        &[
            ("display_name", "Claire"),
            ("email", "claire@exemple.fr"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(page.status, 400);
    assert!(
        first_text(&page, "#erreur-charte").contains("charte de modération"),
        "{}",
        page.main_text()
    );
    assert!(server.mails().is_empty(), "nothing was created");

    let before = chrono::Utc::now().timestamp_millis();
    let page = sign_up_with(
        &server.browser(),
        &[
            ("display_name", "Claire"),
            ("email", "claire@exemple.fr"),
            ("password", PASSWORD),
            ("charte", "1"),
        ],
    )
    .await;
    assert_eq!(page.status, 200);
    let store = kiosque_store::Store::open(&site.store_url())
        .await
        .expect("open store");
    let user = store
        .user_by_email("claire@exemple.fr")
        .await
        .expect("read")
        .expect("the account");
    let at = store.charter_accepted_at(user.id).await.expect("read");
    store.close().await;
    assert!(
        at.is_some_and(|t| t >= before - 1000 && t <= chrono::Utc::now().timestamp_millis()),
        "consent stored with its date: {at:?}"
    );
    // And given back in the member's data export.
    let paul = server.member("Paul", "paul@exemple.fr").await;
    let export = paul.browser.get("/compte/export").await;
    assert!(
        export.json()["account"]["charter_accepted_at"].is_string(),
        "{}",
        export.body
    );
    assert_eq!(export.json()["account"]["reply_emails"], false);
}

async fn sign_up_shows_every_error_beside_its_field(site: Site) {
    let server = site.start_relaxed();
    let page = sign_up_with(
        &server.browser(),
        &[
            ("display_name", "C"),
            ("email", "pas-une-adresse"),
            ("password", "court"),
        ],
    )
    .await;
    assert_eq!(page.status, 400);
    let html = page.html();
    for (field, says) in [
        ("display_name", "nom affiché"),
        ("email", "e-mail"),
        ("password", "mot de passe"),
        ("charte", "charte"),
    ] {
        let error = first_text(&page, &format!("#erreur-{field}"));
        assert!(error.to_lowercase().contains(says), "{field}: {error:?}");
        let input = select(&html, &format!("#champ-{field}"));
        assert_eq!(input.len(), 1, "{field}");
        assert_eq!(
            input[0].value().attr("aria-invalid"),
            Some("true"),
            "{field}"
        );
        let described = input[0]
            .value()
            .attr("aria-describedby")
            .unwrap_or_default();
        assert!(
            described
                .split(' ')
                .any(|id| id == format!("erreur-{field}")),
            "{field} is described by its error: {described:?}"
        );
        // The error sits in the field's own block, beside it.
        assert_eq!(
            select(&html, &format!(".field #champ-{field} ~ #erreur-{field}")).len(),
            1,
            "{field}"
        );
    }
    assert_eq!(
        select(&html, ".form-error li").len(),
        4,
        "the summary lists them all"
    );
    let typed = select(&html, "#champ-display_name");
    assert_eq!(typed[0].value().attr("value"), Some("C"));
}

both_backends!(
    the_author_sees_edit_and_delete_others_see_reply_and_report,
    inline_forms_without_javascript_come_back_to_the_comment,
    the_script_edits_and_deletes_in_place,
    reply_mails_once_an_hour_per_thread_never_to_oneself,
    held_replies_tell_the_author_once_approved,
    unsubscribing_takes_one_click_without_logging_in,
    sign_up_from_an_article_comes_back_to_its_comment_form,
    hostile_return_paths_are_refused,
    sign_up_asks_consent_and_stores_its_date,
    sign_up_shows_every_error_beside_its_field,
);
