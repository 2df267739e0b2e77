//! Newsletters (issue 11, item 3), on both backends: a visitor subscribes from the front page
//! with double opt-in (one confirmation mail however often they ask, nothing sent before they
//! confirm), the digest goes out through the durable mail queue with both unsubscribe headers
//! and a Message-ID, the one-click unsubscribe works once and then says it is done; a member
//! manages their newsletters in "Mon espace"; a section's letter is offered on articles and
//! brings that section's news; bad input stores nothing; an admin marks a
//! bounced address, which is skipped, and sees the counts; a day's edition goes out once at its
//! time with two nodes; a send that fails is retried and arrives once; the English site speaks
//! English.

use std::time::Duration;

use kiosque_test_utils::both_backends;
use kiosque_test_utils::newsletters::{
    confirm_subscription, confirmation_mails, newsletter_command, outbox_html, refusing_port,
    subscribe,
};
use kiosque_test_utils::readers::wait_for_mail;
use kiosque_test_utils::server::{fixture_article, select, Server, Site};

/// A Paris time as the newsroom's clock file holds it (unix ms).
fn paris(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .expect("time")
        .timestamp_millis()
        .to_string()
}

/// A server whose clock says 06:00 in Paris, before any newsletter's send time: only
/// `kiosque newsletter send` sends, so each test knows what went out.
fn start_early(site: &Site, extra: &[&str]) -> Server {
    let clock = site.dir.path().join("clock");
    std::fs::write(&clock, paris("2026-01-15T06:00:00+01:00")).expect("clock");
    let clock = clock.to_string_lossy().into_owned();
    let mut args = vec![
        "--rate-limit-factor",
        "1000",
        "--test-clock",
        clock.as_str(),
    ];
    args.extend_from_slice(extra);
    site.start_with(&args)
}

fn digests_to(server: &Server, email: &str, subject_start: &str) -> usize {
    server
        .mails_to(email)
        .iter()
        .filter(|m| m.subject.starts_with(subject_start))
        .count()
}

async fn a_visitor_subscribes_confirms_receives_and_unsubscribes(site: Site) {
    let server = start_early(&site, &[]);
    let email = "lectrice@exemple.fr";
    // The front page's box posts to /lettres without a token (the page is cached and shared):
    // the answer is the form, filled in, and nothing is stored or sent.
    let front = server.get("/").await;
    let html = front.html();
    let form = select(&html, "aside.newsletter-box form[action='/lettres']");
    assert_eq!(form.len(), 1, "the front page has a sign-up box");
    let b = server.browser();
    let step = b
        .post("/lettres", &[("lettre", "daily"), ("email", email)])
        .await;
    assert_eq!(step.status, 200, "{}", step.main_text());
    let page = step.html();
    let filled = select(&page, "input#champ-email");
    assert_eq!(filled[0].value().attr("value"), Some(email));
    let ticked = select(&page, "input#lettre-daily[checked]");
    assert_eq!(ticked.len(), 1, "the daily digest is ticked");
    assert!(server.mails_to(email).is_empty(), "nothing sent yet");

    // Subscribing twice sends one confirmation.
    let done = subscribe(&b, email, &["daily"]).await;
    assert_eq!(done.status, 200, "{}", done.main_text());
    assert!(
        done.shows("Vérifiez votre boîte mail"),
        "{}",
        done.main_text()
    );
    let again = subscribe(&b, email, &["daily"]).await;
    assert_eq!(again.status, 200);
    assert_eq!(confirmation_mails(&server, email).len(), 1);
    let confirmation = &confirmation_mails(&server, email)[0];
    assert_eq!(confirmation.subject, "Confirmez votre abonnement");
    assert!(
        confirmation.body.contains("L’essentiel du jour"),
        "{confirmation:?}"
    );
    assert!(
        confirmation
            .header("Message-ID")
            .is_some_and(|id| id.ends_with("@127.0.0.1>")),
        "account mail goes through the queue with a Message-ID: {confirmation:?}"
    );

    // Nothing is sent before confirmation.
    let (ok, out, err) = newsletter_command(&site, &["send", "daily"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("0 recipient(s)"), "{out}");
    assert_eq!(digests_to(&server, email, "L’essentiel du jour"), 0);

    let confirmed = confirm_subscription(&server, email).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.main_text());
    assert!(
        confirmed.shows("Abonnement confirmé"),
        "{}",
        confirmed.main_text()
    );
    // The link works once.
    let token = confirmation
        .link("/lettres/confirmer?jeton=")
        .and_then(|l| l.rsplit('=').next().map(str::to_owned))
        .expect("token");
    let twice = b
        .post("/lettres/confirmer", &[("jeton", token.as_str())])
        .await;
    assert_eq!(twice.status, 400);
    assert!(
        twice.shows("Ce lien ne fonctionne plus"),
        "{}",
        twice.main_text()
    );

    // The digest, sent now, arrives with both unsubscribe headers and a Message-ID.
    let (ok, out, err) = newsletter_command(&site, &["send", "daily"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("1 recipient(s) queued"), "{out}");
    assert!(out.contains("sent 1"), "{out}");
    let digest = wait_for_mail_starting(&server, email, "L’essentiel du jour").await;
    let unsubscribe = digest.header("List-Unsubscribe").expect("List-Unsubscribe");
    assert!(
        unsubscribe.starts_with(&format!("<{}/lettres/desabonnement?jeton=", server.base)),
        "{unsubscribe}"
    );
    assert_eq!(
        digest.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let id = digest.header("Message-ID").expect("Message-ID");
    assert!(
        id.starts_with("<kiosque.") && id.ends_with("@127.0.0.1>"),
        "{id}"
    );
    assert!(
        digest
            .body
            .contains("/monde/syrie-poutine-appelle-al-assad"),
        "{}",
        digest.body
    );
    assert!(
        digest.body.contains("Se désabonner en un clic"),
        "{}",
        digest.body
    );
    let html = outbox_html(&server).pop().expect("the HTML part");
    assert!(html.contains(r#"<meta name="color-scheme" content="light dark">"#));
    assert!(
        html.contains("<table role=\"presentation\""),
        "tables for layout"
    );
    assert!(
        html.contains("/lettres/desabonnement?jeton="),
        "its own link"
    );

    // Nothing new: nothing sent.
    let (ok, out, _) = newsletter_command(&site, &["send", "daily"]);
    assert!(ok && out.contains("nothing new"), "{out}");
    assert_eq!(digests_to(&server, email, "L’essentiel du jour"), 1);

    // One-click unsubscribe (RFC 8058): a POST with no cookie and no token, once.
    let url = unsubscribe.trim_start_matches('<').trim_end_matches('>');
    let one_click = || async {
        let res = server
            .http
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .expect("one-click POST");
        (res.status().as_u16(), res.text().await.unwrap_or_default())
    };
    let (status, body) = one_click().await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Désabonnement effectué"), "{body}");
    let (status, body) = one_click().await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("C’est déjà fait"), "{body}");
    let path = url.trim_start_matches(&server.base);
    assert!(b.get(path).await.shows("C’est déjà fait"));
}

async fn a_section_letter_is_offered_on_articles_and_brings_its_news(site: Site) {
    let server = start_early(&site, &[]);
    let email = "abonne.monde@exemple.fr";
    // An article's page offers the sign-up box too.
    let article = fixture_article(&server).await;
    let page = server.get(&article.path).await;
    let html = page.html();
    assert_eq!(
        select(&html, "aside.newsletter-box form[action='/lettres']").len(),
        1,
        "the article has a sign-up box"
    );
    let (ok, out, err) = newsletter_command(&site, &["list"]);
    assert!(
        ok && out.lines().any(|l| l.starts_with("monde\t")),
        "{out}{err}"
    );

    let b = server.browser();
    let done = subscribe(&b, email, &["monde"]).await;
    assert_eq!(done.status, 200, "{}", done.main_text());
    let confirmed = confirm_subscription(&server, email).await;
    assert!(confirmed.shows("Abonnement confirmé"));
    let (ok, out, err) = newsletter_command(&site, &["send", "monde"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("1 recipient(s) queued"), "{out}");
    let digest = wait_for_mail_starting(&server, email, "La lettre Monde").await;
    // The section's newest (its subsections' too: Afrique and Europe sit under Monde), and
    // nothing of France's.
    assert!(
        digest.body.contains(&format!("{}/monde/", server.base)),
        "the section's newest: {}",
        digest.body
    );
    assert!(
        !digest.body.contains(&format!("{}/france/", server.base)),
        "{}",
        digest.body
    );
    assert!(digest.header("List-Unsubscribe").is_some());
    assert_eq!(
        digest.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    // Subscribed to Monde only: the daily digest is not theirs.
    let (ok, out, _) = newsletter_command(&site, &["send", "daily"]);
    assert!(ok, "{out}");
    assert_eq!(digests_to(&server, email, "L’essentiel du jour"), 0);
}

async fn wait_for_mail_starting(
    server: &Server,
    to: &str,
    subject_start: &str,
) -> kiosque_test_utils::server::Mail {
    for _ in 0..80 {
        if let Some(m) = server
            .mails_to(to)
            .into_iter()
            .find(|m| m.subject.starts_with(subject_start))
        {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "no mail {subject_start:?}… to {to}: {:?}",
        server.mails_to(to)
    )
}

async fn bad_input_is_refused_and_nothing_is_stored(site: Site) {
    let server = start_early(&site, &[]);
    let b = server.browser();
    let bad = subscribe(&b, "pas-une-adresse", &["daily"]).await;
    assert_eq!(bad.status, 400);
    assert!(
        bad.shows("Cette adresse e-mail n’est pas valide"),
        "{}",
        bad.main_text()
    );
    let none = subscribe(&b, "quelqu-un@exemple.fr", &[]).await;
    assert_eq!(none.status, 400);
    assert!(
        none.shows("Choisissez au moins une lettre"),
        "{}",
        none.main_text()
    );
    assert!(server.mails().is_empty(), "{:?}", server.mails());
    // A form with a token that is not this browser's is refused.
    let forged = server
        .browser()
        .post(
            "/lettres",
            &[
                ("csrf", "0".repeat(64).as_str()),
                ("email", "a@exemple.fr"),
                ("lettre", "daily"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);
    let (ok, out, _) = newsletter_command(&site, &["list"]);
    assert!(ok);
    assert!(out.lines().all(|l| l.contains("\t0 confirmed")), "{out}");
    // An unsubscribe link with a wrong token changes nothing and says so.
    let wrong = b.get("/lettres/desabonnement?jeton=abc&lettre=1").await;
    assert_eq!(wrong.status, 400);
}

async fn a_member_manages_newsletters_in_mon_espace(site: Site) {
    let server = start_early(&site, &[]);
    let member = server
        .member("Camille Lectrice", "camille@exemple.fr")
        .await;
    let b = &member.browser;
    assert!(b
        .get("/compte")
        .await
        .body
        .contains("href=\"/compte/lettres\""));
    let page = b.get("/compte/lettres").await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert!(page.shows("La lettre Monde"), "{}", page.main_text());
    let csrf = page.csrf().expect("token");
    let saved = b
        .post(
            "/compte/lettres",
            &[
                ("csrf", csrf.as_str()),
                ("lettre", "daily"),
                ("lettre", "monde"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303);
    assert_eq!(confirmation_mails(&server, &member.email).len(), 1);
    let page = b.get("/compte/lettres?ok=confirm").await;
    assert!(
        page.shows("En attente de confirmation"),
        "{}",
        page.main_text()
    );
    confirm_subscription(&server, &member.email).await;
    let page = b.get("/compte/lettres").await;
    assert_eq!(select(&page.html(), "input[name=lettre][checked]").len(), 2);
    assert!(page.shows("Abonné"), "{}", page.main_text());
    // Unticking "monde" unsubscribes from it at once.
    let saved = b
        .post(
            "/compte/lettres",
            &[("csrf", csrf.as_str()), ("lettre", "daily")],
        )
        .await;
    assert_eq!(saved.status, 303);
    let page = b.get("/compte/lettres").await;
    let ticked: Vec<String> = select(&page.html(), "input[name=lettre][checked]")
        .iter()
        .filter_map(|i| i.value().attr("value").map(str::to_owned))
        .collect();
    assert_eq!(ticked, vec!["daily".to_owned()]);
    let (_, out, _) = newsletter_command(&site, &["list"]);
    assert!(
        out.contains("daily\tL’essentiel du jour\t1 confirmed"),
        "{out}"
    );
    assert!(out.contains("monde\tLa lettre Monde\t0 confirmed"), "{out}");
}

async fn bounced_addresses_are_skipped_and_the_admin_sees_the_sends(site: Site) {
    let server = start_early(&site, &[]);
    for email in ["bonne@exemple.fr", "rejetee@exemple.fr"] {
        let b = server.browser();
        subscribe(&b, email, &["daily"]).await;
        confirm_subscription(&server, email).await;
    }
    let admin = server
        .staff(&site, "Ada Admin", "ada@kiosque.test", &["--role", "admin"])
        .await;
    let page = admin.browser.get("/admin/lettres").await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert!(
        page.shows("2 abonné(s) confirmé(s)"),
        "{}",
        page.main_text()
    );
    assert!(
        page.body.contains("href=\"/admin/lettres\""),
        "in the admin nav"
    );
    let csrf = page.csrf().expect("token");
    let marked = admin
        .browser
        .post(
            "/admin/lettres/adresses",
            &[
                ("csrf", csrf.as_str()),
                ("email", "rejetee@exemple.fr"),
                ("etat", "bounced"),
            ],
        )
        .await;
    assert_eq!(marked.status, 303, "{}", marked.main_text());
    let (ok, out, err) = newsletter_command(&site, &["send", "daily"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("1 recipient(s) queued"), "{out}");
    assert_eq!(
        digests_to(&server, "bonne@exemple.fr", "L’essentiel du jour"),
        1
    );
    assert_eq!(
        digests_to(&server, "rejetee@exemple.fr", "L’essentiel du jour"),
        0
    );
    let page = admin.browser.get("/admin/lettres").await;
    assert!(
        page.shows("1 abonné(s) confirmé(s)"),
        "{}",
        page.main_text()
    );
    let html = page.html();
    let first_send: Vec<String> = select(&html, "table.journal tbody tr")[0]
        .select(&scraper::Selector::parse("td").expect("selector"))
        .map(|td| td.text().collect::<String>())
        .collect();
    assert_eq!(&first_send[3..6], &["1", "1", "0"], "{first_send:?}");
    // The send time: 07:30 is kept, nonsense refused.
    let saved = admin
        .browser
        .post(
            "/admin/lettres/1/heure",
            &[("csrf", csrf.as_str()), ("heure", "07:30")],
        )
        .await;
    assert_eq!(saved.status, 303);
    let refused = admin
        .browser
        .post(
            "/admin/lettres/1/heure",
            &[("csrf", csrf.as_str()), ("heure", "25:99")],
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(admin
        .browser
        .get("/admin/lettres")
        .await
        .body
        .contains("value=\"07:30\""));
    // A reader may not open the page.
    let reader = server.member("Rémi Lecteur", "remi@exemple.fr").await;
    assert_eq!(reader.browser.get("/admin/lettres").await.status, 403);
}

async fn the_daily_edition_goes_out_once_at_its_time_with_two_nodes(site: Site) {
    let a = start_early(&site, &[]);
    let b = start_early(&site, &[]);
    let email = "matinale@exemple.fr";
    subscribe(&a.browser(), email, &["daily"]).await;
    confirm_subscription(&a, email).await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(
        digests_to(&a, email, "L’essentiel du jour"),
        0,
        "not before 07:00"
    );
    std::fs::write(
        site.dir.path().join("clock"),
        paris("2026-01-15T07:01:00+01:00"),
    )
    .expect("clock");
    wait_for_mail_starting(&a, email, "L’essentiel du jour").await;
    // Both nodes looked at least once more: still one.
    tokio::time::sleep(Duration::from_secs(7)).await;
    assert_eq!(digests_to(&a, email, "L’essentiel du jour"), 1);
    drop(b);
}

async fn a_failed_send_is_retried_and_arrives_once(site: Site) {
    let port = refusing_port();
    let smtp = format!("smtp://127.0.0.1:{port}");
    let mut broken = start_early(&site, &["--smtp-url", &smtp, "--mail-retry-seconds", "0.2"]);
    let email = "patiente@exemple.fr";
    let done = subscribe(&broken.browser(), email, &["daily"]).await;
    assert_eq!(done.status, 200);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(broken.mails_to(email).is_empty());
    broken.stop();
    // The message was stored before the failed tries: a node with a working mailer sends it.
    let fixed = start_early(&site, &["--mail-retry-seconds", "0.2"]);
    wait_for_mail(&fixed, email, "Confirmez votre abonnement").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(confirmation_mails(&fixed, email).len(), 1);
}

async fn the_english_site_speaks_english(site: Site) {
    let server = start_early(&site, &["--language", "en"]);
    let b = server.browser();
    let page = b.get("/lettres").await;
    assert!(page.shows("Newsletters"), "{}", page.main_text());
    assert!(page.shows("The Daily Briefing"), "{}", page.main_text());
    let front = server.get("/").await;
    assert!(front.shows("The Daily Briefing"));
    let bad = subscribe(&b, "nope", &["daily"]).await;
    assert!(
        bad.shows("This e-mail address is not valid"),
        "{}",
        bad.main_text()
    );
    let email = "reader@example.com";
    let done = subscribe(&b, email, &["daily"]).await;
    assert!(done.shows("Check your inbox"), "{}", done.main_text());
    assert_eq!(
        confirmation_mails(&server, email)[0].subject,
        "Confirm your subscription"
    );
    let confirmed = confirm_subscription(&server, email).await;
    assert!(
        confirmed.shows("Subscription confirmed"),
        "{}",
        confirmed.main_text()
    );
    let (ok, out, err) = newsletter_command(&site, &["send", "daily", "--language", "en"]);
    assert!(ok, "{out}{err}");
    let digest = wait_for_mail_starting(&server, email, "The Daily Briefing: ").await;
    assert!(
        digest.body.contains("Unsubscribe in one click"),
        "{}",
        digest.body
    );
    let url = digest.header("List-Unsubscribe").expect("header");
    let path = url
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_start_matches(&server.base)
        .to_owned();
    let confirm = b.get(&path).await;
    assert!(confirm.shows("Stop sending"), "{}", confirm.main_text());
    let done = b.post(&path, &[]).await;
    assert!(done.shows("You are unsubscribed"), "{}", done.main_text());
}

both_backends!(
    a_visitor_subscribes_confirms_receives_and_unsubscribes,
    a_section_letter_is_offered_on_articles_and_brings_its_news,
    bad_input_is_refused_and_nothing_is_stored,
    a_member_manages_newsletters_in_mon_espace,
    bounced_addresses_are_skipped_and_the_admin_sees_the_sends,
    the_daily_edition_goes_out_once_at_its_time_with_two_nodes,
    a_failed_send_is_retried_and_arrives_once,
    the_english_site_speaks_english,
);
