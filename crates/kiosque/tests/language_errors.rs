//! Refusals and labels worded below the web layer — the domain's rules (body syntax, comments,
//! drafts), the store's checks (sections, reports) and the media library's validation — in the
//! site's language, on both backends: with `--language en` the journalist and the reader read
//! them in English, and not in French.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::readers;
use kiosque_test_utils::server as common;

use common::{fixture_article, norm, Member, Page, Server, Site};

fn english_site(site: &Site) -> Server {
    site.start_with(&["--rate-limit-factor", "1000", "--language", "en"])
}

/// `text` (already normalised, as `Page::main_text` gives it) says `english` and not `french`.
#[track_caller]
fn says(text: &str, english: &str, french: &str) {
    assert!(text.contains(&norm(english)), "{english:?} not in {text:?}");
    assert!(!text.contains(&norm(french)), "{french:?} in {text:?}");
}

async fn the_newsroom_reads_its_refusals_in_english(site: Site) {
    let server = english_site(&site);
    let admin = server
        .staff(&site, "Ada Admin", "ada@kiosque.test", &["--admin"])
        .await;
    let b = &admin.browser;
    let csrf = admin.csrf().await;
    let draft = |section: &'static str, body: &'static str| {
        [
            ("csrf", csrf.clone()),
            ("intent", "save".into()),
            ("title", "Aleppo: the evacuation resumes".into()),
            ("standfirst", String::new()),
            ("section", section.into()),
            ("tags", String::new()),
            ("authors", String::new()),
            ("hero_path", String::new()),
            ("hero_alt", String::new()),
            ("hero_caption", String::new()),
            ("hero_credit", String::new()),
            ("comment_mode", "open".into()),
            ("body", body.into()),
        ]
    };
    let post = |form: [(&'static str, String); 13]| async move {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        b.post("/admin/articles/nouveau", &pairs).await
    };

    // The body's syntax: the error names the line, in English.
    let page = post(draft("monde", "A paragraph.\n\n::map Paris")).await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    let text = page.main_text();
    says(
        &text,
        "Line 3: “::map” is not a known command (::video, ::embed, ::lire-aussi).",
        "n’est pas une commande connue",
    );
    assert!(!text.contains("Ligne 3"), "{text}");
    let page = post(draft(
        "monde",
        "Text.\n\n![Photo](https://example.com/a.jpg)",
    ))
    .await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    says(
        &page.main_text(),
        "Line 3: the image must come from the media library, not from a web address",
        "l’image doit venir de la médiathèque",
    );
    // The draft's own rules.
    let page = post(draft("atlantis", "A paragraph.")).await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    says(
        &page.main_text(),
        "This section does not exist.",
        "Cette rubrique n’existe pas.",
    );

    // The section tree: a taken slug, a reserved one, a missing name.
    let csrf = b.csrf("/admin/rubriques").await;
    for (slug, name, english, french) in [
        (
            "monde",
            "World again",
            "A section already has the address “monde”.",
            "Une rubrique a déjà",
        ),
        (
            "admin",
            "Administration",
            "The address “admin” is reserved by the site: choose another one.",
            "est réservée par le site",
        ),
        (
            "middle-east",
            "   ",
            "Give the section a name.",
            "Donnez un nom à la rubrique.",
        ),
    ] {
        let page = b
            .post(
                "/admin/rubriques",
                &[
                    ("csrf", csrf.as_str()),
                    ("slug", slug),
                    ("name", name),
                    ("parent", ""),
                    ("description", ""),
                ],
            )
            .await;
        assert_eq!(page.status, 400, "{slug}: {}", page.main_text());
        says(&page.main_text(), english, french);
    }

    // The events a webhook can send are named in English.
    let page = b.get("/admin/webhooks").await;
    assert_eq!(page.status, 200);
    let text = page.main_text();
    says(&text, "Article unpublished", "Article dépublié");
    says(&text, "Article updated", "Article mis à jour");
}

async fn a_file_that_is_no_image_is_refused_in_english(site: Site) {
    let server = english_site(&site);
    let julie = server
        .staff(
            &site,
            "Julie Reporter",
            "julie@kiosque.test",
            &["--role", "journalist"],
        )
        .await;
    let b = &julie.browser;
    let csrf = b.csrf("/admin/medias").await;
    let file = reqwest::multipart::Part::bytes(b"Only words here, no picture at all.\n".repeat(20))
        .file_name("photo.jpg")
        .mime_str("image/jpeg")
        .expect("a mime type");
    // The token first, as the browser sends the form's fields in order.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .part("file", file)
        .text("alt", "Civilians evacuated from Aleppo board a bus")
        .text("caption", "")
        .text("credit", "");
    let res = b
        .send(
            b.http().post(b.url("/admin/medias")).multipart(form),
            "upload",
        )
        .await;
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let page = Page::new(status, headers, res.text().await.expect("the answer"));
    assert_eq!(page.status, 400, "{}", page.main_text());
    says(
        &page.main_text(),
        "This file is not a JPEG, PNG or WebP image.",
        "Ce fichier n’est pas une image",
    );
}

/// A comment sent by `member` without JavaScript; the answer as it comes.
async fn send(member: &Member, article_id: &str, body: &str) -> Page {
    let csrf = member.csrf().await;
    member
        .browser
        .post(
            "/commentaires",
            &[
                ("csrf", csrf.as_str()),
                ("article_id", article_id),
                ("parent_id", ""),
                ("body", body),
            ],
        )
        .await
}

async fn comments_are_refused_and_moderated_in_english(site: Site) {
    let server = english_site(&site);
    let article = fixture_article(&server).await;
    let article_id = article.id.to_string();
    let claire = readers::confirmed_member(&server, "Claire", "claire@example.com").await;

    // Refused without JavaScript: the error page says why.
    let page = send(&claire, &article_id, "   ").await;
    assert_eq!(page.status, 400);
    says(
        &page.main_text(),
        "The comment is empty.",
        "Le commentaire est vide.",
    );
    // Refused with the script: the JSON error keeps its code and speaks English.
    let csrf = claire.csrf().await;
    let long = "x".repeat(3001);
    let json = claire
        .browser
        .post_json(
            "/commentaires",
            &[
                ("csrf", csrf.as_str()),
                ("article_id", article_id.as_str()),
                ("body", long.as_str()),
            ],
        )
        .await;
    assert_eq!(json.status, 400, "{}", json.body);
    let error = &json.json()["error"];
    assert_eq!(error["code"], "bad_request", "{error}");
    assert_eq!(
        error["message"], "The comment is too long (3000 characters at most).",
        "{error}"
    );

    // The moderation queue: a comment held for a banned word, another one reported.
    let modo = server
        .staff(
            &site,
            "Mo Derator",
            "mo@kiosque.test",
            &["--role", "moderator"],
        )
        .await;
    let words = "/admin/moderation/mots-interdits";
    let csrf = modo.browser.csrf(words).await;
    let page = modo
        .browser
        .post(words, &[("csrf", csrf.as_str()), ("words", "fiddlesticks")])
        .await;
    assert!(page.status == 303 || page.status == 200, "{}", page.status);
    let held = send(&claire, &article_id, "Fiddlesticks, what a story!").await;
    assert_eq!(held.status, 303, "{}", held.main_text());
    let posted = send(&claire, &article_id, "A fair point about the siege.").await;
    assert_eq!(posted.status, 303, "{}", posted.main_text());
    let comment = posted
        .location
        .as_deref()
        .and_then(|l| l.rsplit_once("#commentaire-"))
        .map(|(_, id)| id.to_owned())
        .unwrap_or_else(|| panic!("no comment in {:?}", posted.location));
    let bruno = readers::confirmed_member(&server, "Bruno", "bruno@example.com").await;
    let report = || async {
        let csrf = bruno.csrf().await;
        bruno
            .browser
            .post(
                &format!("/commentaires/{comment}/signaler"),
                &[("csrf", csrf.as_str()), ("reason", "spam"), ("details", "")],
            )
            .await
    };
    let first = report().await;
    assert_eq!(first.status, 303, "{}", first.main_text());
    let again = report().await;
    assert_eq!(again.status, 400);
    says(
        &again.main_text(),
        "You have already reported this comment.",
        "Vous avez déjà signalé ce commentaire.",
    );

    let queue = modo.browser.get("/admin/moderation").await;
    assert_eq!(queue.status, 200);
    let text = queue.main_text();
    says(&text, "Awaiting moderation", "En attente de modération");
    says(&text, "Spam or advertising", "Spam ou publicité");
    says(&text, "Published", "Publié");
}

both_backends!(
    the_newsroom_reads_its_refusals_in_english,
    a_file_that_is_no_image_is_refused_in_english,
    comments_are_refused_and_moderated_in_english,
);
