//! The newsroom in English (`--language en`), on both backends: the words its handlers build
//! (notices, labels, refusals, dates) and the e-mails it sends are English, and none of the
//! French interface words they replace is left. Content (titles, names, comments) is never
//! translated, so only interface words are looked for.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::readers;
use kiosque_test_utils::server as common;

use common::{fixture_article, norm, select, Browser, Member, Page, Server, Site};

/// A site restarted in English, and its admin logged in.
async fn english_newsroom(site: &Site) -> (Server, Member) {
    let server = site.start_with(&["--rate-limit-factor", "1000", "--language", "en"]);
    let admin = server
        .staff(site, "Admin", "admin@kiosque.test", &["--admin"])
        .await;
    (server, admin)
}

/// `text` says every English phrase and none of the French ones, whatever its spaces and
/// apostrophes (both sides are compared after [`norm`]).
#[track_caller]
fn speaks_english(what: &str, text: &str, english: &[&str], french: &[&str]) {
    let text = norm(text);
    for e in english {
        assert!(
            text.contains(&norm(e)),
            "{what}: {e:?} missing from {text:?}"
        );
    }
    for f in french {
        assert!(
            !text.contains(&norm(f)),
            "{what}: French {f:?} left in {text:?}"
        );
    }
}

/// Whether `text` gives a time after `word` (`… at 15:34`, `… à 15:34`).
fn clock_after(text: &str, word: &str) -> bool {
    let needle = format!(" {word} ");
    text.match_indices(&needle).any(|(i, _)| {
        let after: Vec<char> = text[i + needle.len()..].chars().take(5).collect();
        after.len() == 5
            && after[2] == ':'
            && [0, 1, 3, 4].iter().all(|&k| after[k].is_ascii_digit())
    })
}

#[track_caller]
fn dates_in_english(what: &str, text: &str) {
    assert!(
        clock_after(text, "at"),
        "{what}: no English date in {text:?}"
    );
    assert!(!clock_after(text, "à"), "{what}: a French date in {text:?}");
}

/// The editor's form for a new article in the demo's "monde" section.
fn new_article<'a>(csrf: &'a str, title: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("intent", "save"),
        ("title", title),
        ("standfirst", ""),
        ("section", "monde"),
        ("tags", ""),
        ("authors", "Admin"),
        ("comment_mode", "open"),
        ("body", body),
    ]
}

async fn the_article_desk_speaks_english(site: Site) {
    let (server, admin) = english_newsroom(&site).await;
    let b = &admin.browser;

    // The list: statuses and dates.
    let list = b.get("/admin/articles").await;
    assert_eq!(list.status, 200);
    let text = list.main_text();
    speaks_english("article list", &text, &["Published"], &["Publié"]);
    dates_in_english("article list", &text);

    // The editor's checks refuse in English.
    let csrf = b.csrf("/admin/articles/nouveau").await;
    for (body, hero, english, french) in [
        (
            "Un paragraphe.\n\n::video 999",
            "",
            "There is no video no. 999",
            "Il n’y a pas de vidéo",
        ),
        (
            "Un paragraphe.\n\n::lire-aussi 999 Un titre",
            "",
            "“Read also” points to article no. 999",
            "renvoie à l’article",
        ),
        (
            "Un paragraphe.",
            "pas un chemin",
            "The main image must be a path of the media library",
            "L’image principale doit être",
        ),
    ] {
        let mut form = new_article(&csrf, "Un titre d’essai", body);
        form.push(("hero_path", hero));
        let page = b.post("/admin/articles/nouveau", &form).await;
        assert_eq!(page.status, 400, "{}", page.main_text());
        speaks_english("editor check", &page.main_text(), &[english], &[french]);
    }

    // A draft created, saved, then saved again from a stale page.
    let page = b
        .post(
            "/admin/articles/nouveau",
            &new_article(&csrf, "Un titre d’essai", "Un paragraphe."),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let location = page.location.expect("the new article's address");
    let id = location
        .strip_prefix("/admin/articles/")
        .and_then(|l| l.split('?').next())
        .expect("an article id")
        .to_owned();
    let edit = format!("/admin/articles/{id}");
    let mut form = new_article(&csrf, "Un titre d’essai", "Un paragraphe modifié.");
    form.push(("version", "1"));
    let saved = b.post(&edit, &form).await;
    assert_eq!(saved.status, 303, "{}", saved.main_text());
    let conflict = b.post(&edit, &form).await;
    assert_eq!(conflict.status, 409, "{}", conflict.main_text());
    speaks_english(
        "conflict",
        &conflict.main_text(),
        &["Someone saved this article", "kept as revision no."],
        &["Quelqu’un a enregistré", "Rien n’a été écrasé"],
    );

    // The editor of a draft: its workflow button, comment modes and the script's words.
    let page = b.get(&edit).await;
    assert_eq!(page.status, 200);
    speaks_english(
        "editor",
        &page.main_text(),
        &["Draft", "Submit for review", "Pre-moderated"],
        &["Brouillon", "Envoyer en relecture", "Modérés a priori"],
    );
    speaks_english(
        "editor's script words",
        &page.body,
        &["Session expired", "Autosave is not possible"],
        &["Session expirée", "Sauvegarde automatique impossible"],
    );
    let mut draft = new_article(&csrf, "Un titre d’essai", "Un brouillon en cours.");
    draft.retain(|(k, _)| *k != "intent");
    let autosave = b.post(&format!("{edit}/autosave"), &draft).await;
    assert_eq!(autosave.status, 200, "{}", autosave.body);
    let message = autosave.json()["message"].as_str().map(str::to_owned);
    let message = message.expect("an autosave message");
    assert!(message.starts_with("Saved automatically at "), "{message}");

    // The history: kinds of revisions and dates.
    let history = b.get(&format!("{edit}/revisions")).await;
    assert_eq!(history.status, 200);
    let text = history.main_text();
    speaks_english(
        "revisions",
        &text,
        &["Save", "Refused version (conflict)", "Autosave"],
        &[
            "Enregistrement",
            "Version refusée",
            "Sauvegarde automatique",
        ],
    );
    dates_in_english("revisions", &text);
    drop(server);
}

async fn moderation_and_its_mails_speak_english(site: Site) {
    let (server, admin) = english_newsroom(&site).await;
    let claire = server
        .staff(&site, "Claire", "claire@kiosque.test", &[])
        .await;
    let paul = server.staff(&site, "Paul", "paul@kiosque.test", &[]).await;
    let article = fixture_article(&server).await;
    let id = readers::post_on_article(
        &claire,
        &article,
        None,
        "Un avis bien tranché sur cette affaire.",
    )
    .await;
    let csrf = paul.csrf().await;
    let reported = paul
        .browser
        .post(
            &format!("/commentaires/{id}/signaler"),
            &[
                ("csrf", &csrf),
                ("reason", "illegal"),
                ("details", "Le deuxième paragraphe."),
            ],
        )
        .await;
    assert_eq!(reported.status, 303, "{}", reported.main_text());

    // The queue: who reported, when.
    let queue = admin.browser.get("/admin/moderation").await;
    assert_eq!(queue.status, 200);
    let html = queue.html();
    let item = select(&html, &format!("[data-comment=\"{id}\"]"));
    let item = item.first().expect("the reported comment is queued");
    let text = item.text().collect::<String>();
    speaks_english("queue", &text, &["by Paul"], &["par Paul"]);
    dates_in_english("queue", &text);

    // The decision, and its statement of reasons to the author.
    let csrf = admin.csrf().await;
    let reason = "Insults towards another reader.";
    let decided = admin
        .browser
        .post(
            &format!("/admin/moderation/commentaires/{id}"),
            &[("csrf", &csrf), ("decision", "remove"), ("reason", reason)],
        )
        .await;
    assert_eq!(decided.status, 303, "{}", decided.main_text());
    let back = decided.location.expect("back to the queue");
    let notice = admin.browser.get(&back).await.main_text();
    speaks_english("queue", &notice, &["Decision recorded."], &["Décision"]);
    let mail = server.last_mail_to("claire@kiosque.test");
    assert_eq!(mail.subject, "Your comment has been removed");
    speaks_english(
        "author's mail",
        &mail.body,
        &[
            "Hello Claire,",
            &format!("Your comment no. {id} has been removed by the moderation team."),
            &format!("Reason: {reason}"),
            "Your comment:\n“Un avis bien tranché sur cette affaire.”",
            "under “My comments”: http",
            "reply to this message to contest it",
        ],
        &["Bonjour", "Votre commentaire", "Motif", "Mes commentaires"],
    );
    let outcome = server
        .mails_to("paul@kiosque.test")
        .into_iter()
        .find(|m| m.subject == "The outcome of your report")
        .expect("the reporter of illegal content hears the outcome");
    speaks_english(
        "reporter's mail",
        &outcome.body,
        &[
            "Hello,",
            &format!("You reported comment no. {id} as illegal content."),
            "the moderation team removed it.",
            &format!("Reason: {reason}"),
        ],
        &["Bonjour", "Vous aviez signalé", "Motif"],
    );

    // A ban and its mail.
    let claire_id = claire.id().await.to_string();
    let banned = admin
        .browser
        .post(
            &format!("/admin/moderation/membres/{claire_id}"),
            &[("csrf", &csrf), ("duration", "permanent"), ("reason", "")],
        )
        .await;
    assert_eq!(banned.status, 303, "{}", banned.main_text());
    let mail = server.last_mail_to("claire@kiosque.test");
    assert_eq!(mail.subject, "Your Kiosque account is suspended");
    speaks_english(
        "ban mail",
        &mail.body,
        &[
            "Hello Claire,",
            "can no longer post comments until further notice.",
            "Reason: not given",
        ],
        &["Bonjour", "nouvel ordre", "non précisé"],
    );

    // The journal and the banned words.
    let journal = admin.browser.get("/admin/moderation/journal").await;
    let text = journal.main_text();
    speaks_english("journal", &text, &["Removal", "Suspension"], &["Retrait"]);
    dates_in_english("journal", &text);
    let words = admin.browser.get("/admin/moderation/mots-interdits").await;
    speaks_english(
        "banned words",
        &words.main_text(),
        &["One word per line.", "Words", "Back to the queue"],
        &["Un mot par ligne", "Retour à la file"],
    );
    drop(server);
}

async fn invitations_and_integrations_speak_english(site: Site) {
    let (server, admin) = english_newsroom(&site).await;
    let b = &admin.browser;

    // An invitation and its mail.
    let csrf = b.csrf("/admin/utilisateurs").await;
    let invited = b
        .post(
            "/admin/utilisateurs",
            &[
                ("csrf", &csrf),
                ("email", "lea@kiosque.test"),
                ("name", "Léa"),
                ("roles", "journalist"),
            ],
        )
        .await;
    assert_eq!(invited.status, 303, "{}", invited.main_text());
    let users = b.get(&invited.location.expect("back to the list")).await;
    let text = users.main_text();
    speaks_english(
        "users",
        &text,
        &["Invitation sent."],
        &["Invitation envoyée"],
    );
    dates_in_english("users", &text);
    let mail = server.last_mail_to("lea@kiosque.test");
    assert_eq!(mail.subject, "Invitation to join the Kiosque newsroom");
    speaks_english(
        "invitation",
        &mail.body,
        &[
            "Hello Léa,",
            "Admin invites you to join Kiosque (",
            "(valid for 7 days, once only):\n\nhttp",
            "/compte/reinitialiser?jeton=",
            "You can then log in and reach the newsroom: http",
        ],
        &["Bonjour", "vous invite", "valable", "rédaction"],
    );

    // API keys: who made one and when, and the notice of a revoked one.
    let created = b
        .post("/admin/api", &[("csrf", &csrf), ("name", "Mobile app")])
        .await;
    assert_eq!(created.status, 201, "{}", created.main_text());
    let text = created.main_text();
    speaks_english("API keys", &text, &[", by Admin"], &[", par Admin"]);
    dates_in_english("API keys", &text);
    let revoked = b.get("/admin/api?ok=revoquee").await.main_text();
    speaks_english("API keys", &revoked, &["The key is revoked"], &["révoquée"]);

    // Webhooks: the secret shown once, and the notices of the webhook's page.
    let registered = b
        .post(
            "/admin/webhooks",
            &[
                ("csrf", &csrf),
                ("url", "https://example.test/hook"),
                ("events", "article.published"),
            ],
        )
        .await;
    assert_eq!(registered.status, 201, "{}", registered.main_text());
    speaks_english(
        "webhooks",
        &registered.main_text(),
        &["registered. Here is its signing secret"],
        &["Voici son secret"],
    );
    let html = registered.html();
    let hook = select(&html, "tr[data-webhook]");
    let hook = hook
        .first()
        .and_then(|r| r.value().attr("data-webhook"))
        .expect("the webhook is listed");
    for (ok, english, french) in [
        ("reprise", "Webhook resumed.", "Webhook réactivé"),
        ("renvoi", "sent again in a moment", "renvoyée"),
    ] {
        let page = b.get(&format!("/admin/webhooks/{hook}?ok={ok}")).await;
        assert_eq!(page.status, 200);
        speaks_english("webhook", &page.main_text(), &[english], &[french]);
    }
    let gone = b.get("/admin/webhooks?ok=supprime").await.main_text();
    speaks_english("webhooks", &gone, &["Webhook deleted"], &["supprimé"]);
    drop(server);
}

/// A media library upload of a small JPEG, as the library's form sends it.
async fn upload(b: &Browser, csrf: &str, alt: &str) -> Page {
    let mut picture = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(48, 32, image::Rgb([200, 120, 40]))
        .write_to(&mut picture, image::ImageFormat::Jpeg)
        .expect("a JPEG");
    let file = reqwest::multipart::Part::bytes(picture.into_inner())
        .file_name("essai.jpg")
        .mime_str("image/jpeg")
        .expect("a mime type");
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_owned())
        .part("file", file)
        .text("alt", alt.to_owned());
    let res = b
        .send(
            b.http().post(b.url("/admin/medias")).multipart(form),
            "upload",
        )
        .await;
    let (status, headers) = (res.status().as_u16(), res.headers().clone());
    Page::new(status, headers, res.text().await.expect("the answer"))
}

async fn the_library_and_the_site_desk_speak_english(site: Site) {
    let (server, admin) = english_newsroom(&site).await;
    let b = &admin.browser;

    // The media library: a refusal, an upload and an edit.
    let csrf = b.csrf("/admin/medias").await;
    let refused = upload(b, &csrf, " ").await;
    assert_eq!(refused.status, 400, "{}", refused.main_text());
    speaks_english(
        "library",
        &refused.main_text(),
        &["Describe the image in the alternative text"],
        &["Décrivez l’image"],
    );
    let uploaded = upload(b, &csrf, "A test pattern").await;
    assert_eq!(uploaded.status, 303, "{}", uploaded.main_text());
    let image = uploaded.location.expect("the image's page");
    let text = b.get(&image).await.main_text();
    speaks_english("image", &text, &["Image saved."], &["Image enregistrée"]);
    dates_in_english("image", &text);
    let path = image.split('?').next().unwrap_or_default().to_owned();
    let edited = b.get(&format!("{path}?ok=modifie")).await.main_text();
    speaks_english("image", &edited, &["Changes saved."], &["Modifications"]);

    // Sections, tags and the front page.
    let sections = b.get("/admin/rubriques").await;
    let html = sections.html();
    let section = select(&html, "a[href^='/admin/rubriques/']");
    let section = section
        .first()
        .and_then(|a| a.value().attr("href"))
        .expect("a section's page")
        .to_owned();
    for (ok, english, french) in [
        (
            "renomme",
            "Name and description saved.",
            "Nom et description",
        ),
        ("deplace", "Section moved.", "Rubrique déplacée"),
        ("position", "Position saved.", "Position enregistrée"),
    ] {
        let page = b.get(&format!("{section}?ok={ok}")).await;
        assert_eq!(page.status, 200, "{section}");
        speaks_english("section", &page.main_text(), &[english], &[french]);
    }
    let tags = b.get("/admin/mots-cles?ok=renomme").await.main_text();
    speaks_english("tags", &tags, &["Tag renamed;"], &["Mot-clé renommé"]);
    let front = b.get("/admin/une").await;
    dates_in_english("front page", &front.main_text());

    // The site's own pages: titles, a save and who made it.
    let pages = b.get("/admin/pages").await;
    assert!(
        pages.body.contains("<title>Site pages — Newsroom"),
        "{}",
        pages.body
    );
    let html = pages.html();
    let page = select(&html, "a[href^='/admin/pages/']");
    let page = page
        .first()
        .and_then(|a| a.value().attr("href"))
        .expect("a site page")
        .to_owned();
    let form = b.get(&page).await;
    let csrf = form.csrf().expect("the page's form");
    let saved = b
        .post(
            &page,
            &[
                ("csrf", &csrf),
                ("title", "Legal notice"),
                ("body", "Published by Kiosque."),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.main_text());
    let edit = b.get(&saved.location.expect("back to the page")).await;
    assert!(edit
        .body
        .contains("<title>Legal notice — Site pages — Newsroom"));
    let text = edit.main_text();
    speaks_english(
        "site page",
        &text,
        &["Page saved: it is online.", ", by Admin"],
        &["Page enregistrée", ", par Admin", "Pages du site"],
    );
    dates_in_english("site page", &text);
    drop(server);
}

both_backends!(
    the_article_desk_speaks_english,
    moderation_and_its_mails_speak_english,
    invitations_and_integrations_speak_english,
    the_library_and_the_site_desk_speak_english,
);
