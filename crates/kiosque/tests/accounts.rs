//! Reader accounts, served by the real binary on both backends: signing up, confirming the
//! address, logging in and out, the forgotten password, profile changes, the data export and
//! account deletion, as a reader (or someone trying their luck) would use them.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{fixture_article, norm, query_param, select, text, Article, Member, Page, Site};
use common::{Server, PASSWORD};

const NEW_PASSWORD: &str = "Rouge-gorge dans la haie 17";
const SESSION: &str = "kiosque_session";

/// Posts a comment on the article with the member's form; returns its id.
async fn post_comment(member: &Member, article: &Article, body: &str) -> i64 {
    let page = member.browser.get(&article.path).await;
    let csrf = page.csrf().expect("the comment form has a token");
    let res = member
        .browser
        .post(
            "/commentaires",
            &[
                ("csrf", csrf.as_str()),
                ("article_id", article.id.to_string().as_str()),
                ("body", body),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "comment refused: {}", res.main_text());
    res.location
        .as_deref()
        .and_then(|l| l.rsplit_once("#commentaire-"))
        .and_then(|(_, id)| id.parse().ok())
        .unwrap_or_else(|| panic!("no comment anchor in {:?}", res.location))
}

/// The text of the first element matching `css`, or "" when there is none.
fn first_text(page: &Page, css: &str) -> String {
    let html = page.html();
    select(&html, css)
        .first()
        .map(|e| norm(&text(e)))
        .unwrap_or_default()
}

/// Asks for a reset link in a new browser and returns the answer page.
async fn forgot(server: &Server, email: &str) -> Page {
    let b = server.browser();
    let csrf = b.csrf("/compte/mot-de-passe-oublie").await;
    b.post(
        "/compte/mot-de-passe-oublie",
        &[("csrf", csrf.as_str()), ("email", email)],
    )
    .await
}

/// Whether this address and password log in (in a new browser).
async fn logs_in(server: &Server, email: &str, password: &str) -> bool {
    let page = server.log_in(&server.browser(), email, password, "/").await;
    match page.status {
        303 => true,
        400 => false,
        s => panic!("log-in of {email} answered {s}: {}", page.main_text()),
    }
}

/// Asserts a 303 to the log-in page that comes back to `back` afterwards.
fn assert_sent_to_log_in(page: &Page, back: &str) {
    assert_eq!(page.status, 303, "{}", page.body);
    let to = page.location.as_deref().unwrap_or_default();
    assert!(to.starts_with("/compte/connexion?"), "{to}");
    assert_eq!(query_param(to, "retour").as_deref(), Some(back), "{to}");
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

// ------------------------------------------------------------------------------ sign-up

async fn sign_up_mails_a_link_that_confirms_the_address_once(site: Site) {
    let server = site.start_relaxed();
    let b = server.browser();
    let form = b.get("/compte/inscription").await;
    assert_eq!(form.status, 200);
    let html = form.html();
    for field in ["csrf", "display_name", "email", "password"] {
        assert_eq!(
            select(
                &html,
                &format!("form[action='/compte/inscription'] [name={field}]")
            )
            .len(),
            1,
            "the sign-up form has {field}"
        );
    }
    assert!(
        b.cookie("kiosque_csrf").is_some(),
        "the form sets the anonymous token cookie"
    );

    let page = server
        .sign_up(&b, "Claire", "claire@exemple.fr", PASSWORD)
        .await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert!(
        page.shows("Vérifiez votre boîte e-mail"),
        "{}",
        page.main_text()
    );
    let mails = server.mails_to("claire@exemple.fr");
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].subject, "Confirmez votre adresse e-mail");
    let link = mails[0]
        .link("/compte/verifier?jeton=")
        .expect("a verify link");
    assert_eq!(link.len(), "/compte/verifier?jeton=".len() + 64, "{link}");
    assert!(
        mails[0].body.contains(&format!("{}{link}", server.base)),
        "an absolute link to this site: {}",
        mails[0].body
    );

    let confirmed = server.browser().get(&link).await;
    assert_eq!(confirmed.status, 200);
    assert!(
        confirmed.shows("Adresse confirmée"),
        "{}",
        confirmed.main_text()
    );
    let again = server.browser().get(&link).await;
    assert_eq!(again.status, 400);
    assert!(
        again.shows("Lien invalide ou expiré"),
        "{}",
        again.main_text()
    );
}

async fn profile_shows_whether_the_address_is_confirmed(site: Site) {
    let server = site.start_relaxed();
    let m = server
        .unverified_member("Claire Dubois", "claire@exemple.fr")
        .await;
    let page = m.browser.get("/compte").await;
    assert_eq!(page.status, 200);
    assert!(page.shows("Mon espace"));
    assert!(page.shows("Claire Dubois"));
    assert!(page.shows("claire@exemple.fr"));
    assert_eq!(first_text(&page, ".profile .badge"), "à confirmer");

    server.confirm("claire@exemple.fr").await;
    let page = m.browser.get("/compte").await;
    assert_eq!(first_text(&page, ".profile .badge"), "confirmée");
}

async fn sign_up_with_a_known_address_answers_the_same_and_mails_the_owner(site: Site) {
    let server = site.start_relaxed();
    let first = server
        .sign_up(&server.browser(), "Claire", "claire@exemple.fr", PASSWORD)
        .await;
    assert_eq!(first.status, 200);
    let known = server
        .sign_up(
            &server.browser(),
            "Usurpateur",
            "claire@exemple.fr",
            "Un tout autre mot de passe 99",
        )
        .await;
    let fresh = server
        .sign_up(&server.browser(), "Paul", "paul@exemple.fr", PASSWORD)
        .await;
    assert_eq!(known.status, fresh.status);
    assert_eq!(
        known.main_text().replace("claire@exemple.fr", "ADRESSE"),
        fresh.main_text().replace("paul@exemple.fr", "ADRESSE"),
        "the page does not tell whether the address has an account"
    );
    let subjects: Vec<String> = server
        .mails_to("claire@exemple.fr")
        .into_iter()
        .map(|m| m.subject)
        .collect();
    assert_eq!(
        subjects,
        [
            "Confirmez votre adresse e-mail",
            "Votre espace Kiosque existe déjà"
        ]
    );
    // The account keeps its first password.
    assert!(logs_in(&server, "claire@exemple.fr", PASSWORD).await);
    assert!(
        !logs_in(
            &server,
            "claire@exemple.fr",
            "Un tout autre mot de passe 99"
        )
        .await
    );
}

async fn sign_up_refuses_bad_input_and_creates_nothing(site: Site) {
    let server = site.start_relaxed();
    let cases = [
        ("Claire", "pas-une-adresse", PASSWORD, "e-mail"),
        ("C", "claire@exemple.fr", PASSWORD, "nom affiché"),
        ("Claire", "claire@exemple.fr", "court", "mot de passe"),
        ("Claire", "claire@exemple.fr", "azertyuiop", "mot de passe"),
        ("Claire", "claire@exemple.fr", "password123", "mot de passe"),
    ];
    for (name, email, password, about) in cases {
        let page = server
            .sign_up(&server.browser(), name, email, password)
            .await;
        let case = format!("{name} / {email} / {password}");
        assert_eq!(page.status, 400, "{case}: {}", page.main_text());
        let error = first_text(&page, ".form-error");
        assert!(
            error.to_lowercase().contains(about),
            "{case}: the error says what is wrong: {error:?}"
        );
        let html = page.html();
        assert_eq!(
            select(&html, "form[action='/compte/inscription']").len(),
            1,
            "{case}: the form is shown again"
        );
        let typed = select(&html, "input[name=display_name]");
        assert_eq!(typed[0].value().attr("value"), Some(name), "{case}");
        let pw = select(&html, "input[name=password]");
        assert_eq!(
            pw[0].value().attr("value").unwrap_or_default(),
            "",
            "{case}: a password is never sent back"
        );
    }
    assert!(server.mails().is_empty(), "{:?}", server.mails());
    // No account was made: a proper sign-up now creates it.
    let page = server
        .sign_up(&server.browser(), "Claire", "claire@exemple.fr", PASSWORD)
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(
        server.last_mail_to("claire@exemple.fr").subject,
        "Confirmez votre adresse e-mail"
    );
}

async fn anonymous_forms_refuse_a_missing_or_wrong_token(site: Site) {
    let server = site.start_relaxed();
    // An account to try to log in to and to reset.
    let page = server
        .sign_up(&server.browser(), "Claire", "claire@exemple.fr", PASSWORD)
        .await;
    assert_eq!(page.status, 200);
    let mails_before = server.mails().len();

    let b = server.browser();
    // Neither cookie nor field.
    let page = b
        .post(
            "/compte/inscription",
            &[
                ("display_name", "Paul"),
                ("email", "paul@exemple.fr"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 403, "no token");
    // A valid field without its cookie (another browser's token).
    let token = b.csrf("/compte/inscription").await;
    let other = server.browser();
    let page = other
        .post(
            "/compte/inscription",
            &[
                ("csrf", token.as_str()),
                ("display_name", "Paul"),
                ("email", "paul@exemple.fr"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 403, "token without its cookie");
    // The cookie with another value in the field.
    let wrong = "0".repeat(64);
    let page = b
        .post(
            "/compte/inscription",
            &[
                ("csrf", wrong.as_str()),
                ("display_name", "Paul"),
                ("email", "paul@exemple.fr"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 403, "wrong token");
    assert!(page.shows("Action refusée"), "{}", page.main_text());

    let page = b
        .post(
            "/compte/connexion",
            &[
                ("email", "claire@exemple.fr"),
                ("password", PASSWORD),
                ("retour", "/"),
            ],
        )
        .await;
    assert_eq!(page.status, 403, "log-in without token");
    assert!(b.cookie(SESSION).is_none(), "no session was opened");
    let page = b
        .post(
            "/compte/mot-de-passe-oublie",
            &[("email", "claire@exemple.fr")],
        )
        .await;
    assert_eq!(page.status, 403, "reset request without token");
    let page = b
        .post(
            "/compte/reinitialiser",
            &[
                ("jeton", "a".repeat(64).as_str()),
                ("password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 403, "reset without token");

    assert_eq!(server.mails().len(), mails_before, "{:?}", server.mails());
    assert!(server.mails_to("paul@exemple.fr").is_empty());
    // Paul's account was not created: a proper sign-up creates it now.
    let page = server
        .sign_up(&server.browser(), "Paul", "paul@exemple.fr", PASSWORD)
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(
        server.last_mail_to("paul@exemple.fr").subject,
        "Confirmez votre adresse e-mail"
    );
}

// ------------------------------------------------------------------------------ log-in

async fn log_in_sets_a_safe_session_cookie_and_returns_to_the_page(site: Site) {
    let server = site.start_relaxed();
    server.member("Claire Dubois", "claire@exemple.fr").await;
    let b = server.browser();
    let form = b.get("/compte/connexion?retour=/monde").await;
    assert_eq!(form.status, 200);
    let html = form.html();
    assert_eq!(
        select(&html, "input[name=retour]")[0].value().attr("value"),
        Some("/monde")
    );

    let page = server
        .log_in(&b, "claire@exemple.fr", PASSWORD, "/monde")
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(page.location.as_deref(), Some("/monde"));
    let cookie = page
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("kiosque_session="))
        .expect("a session cookie");
    let attributes = cookie.to_lowercase();
    for attribute in ["httponly", "samesite=lax", "path=/"] {
        assert!(
            attributes.split(';').any(|a| a.trim() == attribute),
            "{attribute} in {cookie}"
        );
    }
    assert_eq!(b.cookie(SESSION).map(|v| v.len()), Some(64));

    let profile = b.get("/compte").await;
    assert_eq!(profile.status, 200);
    assert!(profile.shows("Mon espace"));
    assert!(profile.shows("Claire Dubois"));
    assert!(profile.shows("claire@exemple.fr"));
}

async fn log_in_refuses_wrong_passwords_and_unknown_addresses_alike(site: Site) {
    let server = site.start_relaxed();
    server.member("Claire", "claire@exemple.fr").await;
    let b1 = server.browser();
    let wrong = server
        .log_in(&b1, "claire@exemple.fr", "Pas le bon mot de passe 1", "/")
        .await;
    let b2 = server.browser();
    let unknown = server
        .log_in(&b2, "inconnue@exemple.fr", PASSWORD, "/")
        .await;
    for (what, page) in [("wrong password", &wrong), ("unknown address", &unknown)] {
        assert_eq!(page.status, 400, "{what}");
        assert_eq!(
            first_text(page, ".form-error"),
            norm("Adresse e-mail ou mot de passe incorrect."),
            "{what}"
        );
    }
    assert!(b1.cookie(SESSION).is_none());
    assert!(b2.cookie(SESSION).is_none());
}

async fn log_in_only_returns_to_pages_of_this_site(site: Site) {
    let server = site.start_relaxed();
    server.member("Claire", "claire@exemple.fr").await;
    for back in ["//evil.example", "https://evil.example", "/\\evil.example"] {
        let page = server
            .log_in(&server.browser(), "claire@exemple.fr", PASSWORD, back)
            .await;
        assert_eq!(page.status, 303, "{back}");
        assert_eq!(page.location.as_deref(), Some("/"), "{back}");
    }
}

async fn each_log_in_issues_a_new_session_id(site: Site) {
    let server = site.start_relaxed();
    let m = server.member("Claire", "claire@exemple.fr").await;
    let first = m.browser.cookie(SESSION).expect("logged in");

    // From another browser: another session.
    let b2 = server.browser();
    server.log_in(&b2, "claire@exemple.fr", PASSWORD, "/").await;
    let second = b2.cookie(SESSION).expect("logged in");
    assert_ne!(first, second);

    // Logging in again in the same browser replaces its session; the old id stops working.
    let csrf = m.csrf().await;
    let page = m
        .browser
        .post(
            "/compte/connexion",
            &[
                ("csrf", csrf.as_str()),
                ("email", "claire@exemple.fr"),
                ("password", PASSWORD),
                ("retour", "/"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let third = m.browser.cookie(SESSION).expect("logged in");
    assert_ne!(third, first);
    let replay = server.browser();
    replay.set_cookie(SESSION, &first);
    assert_sent_to_log_in(&replay.get("/compte").await, "/compte");

    // A session id planted before log-in (session fixation) is not the one issued.
    let planted = "a".repeat(64);
    let b3 = server.browser();
    b3.set_cookie(SESSION, &planted);
    let page = server.log_in(&b3, "claire@exemple.fr", PASSWORD, "/").await;
    assert_eq!(page.status, 303);
    let issued = b3.cookie(SESSION).expect("logged in");
    assert_ne!(issued, planted);
    let attacker = server.browser();
    attacker.set_cookie(SESSION, &planted);
    assert_eq!(attacker.get("/compte").await.status, 303);
}

async fn log_out_ends_the_session_on_the_server(site: Site) {
    let server = site.start_relaxed();
    let m = server.member("Claire", "claire@exemple.fr").await;
    let old = m.browser.cookie(SESSION).expect("logged in");
    let csrf = m.csrf().await;
    let page = m
        .browser
        .post("/compte/deconnexion", &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location.as_deref(), Some("/"));
    assert!(
        m.browser.cookie(SESSION).is_none(),
        "the browser is told to forget the cookie"
    );
    // A copy of the old cookie is worth nothing.
    let replay = server.browser();
    replay.set_cookie(SESSION, &old);
    assert_sent_to_log_in(&replay.get("/compte").await, "/compte");
}

async fn log_out_needs_the_session_token(site: Site) {
    let server = site.start_relaxed();
    let m = server.member("Claire", "claire@exemple.fr").await;
    let page = m.browser.post("/compte/deconnexion", &[]).await;
    assert_eq!(page.status, 403, "no token");
    let page = m
        .browser
        .post("/compte/deconnexion", &[("csrf", "0".repeat(64).as_str())])
        .await;
    assert_eq!(page.status, 403, "wrong token");
    assert_eq!(
        m.browser.get("/compte").await.status,
        200,
        "still logged in"
    );
}

async fn account_pages_send_visitors_to_log_in(site: Site) {
    let server = site.start_relaxed();
    for path in [
        "/compte",
        "/compte/commentaires",
        "/compte/export",
        "/compte/nom",
        "/compte/email",
        "/compte/mot-de-passe",
        "/compte/supprimer",
    ] {
        let b = server.browser();
        let page = b.get(path).await;
        assert_sent_to_log_in(&page, path);
        // The log-in page carries the way back.
        let form = b.get(page.location.as_deref().unwrap_or_default()).await;
        assert_eq!(form.status, 200, "{path}");
        let html = form.html();
        assert_eq!(
            select(&html, "input[name=retour]")[0].value().attr("value"),
            Some(path)
        );
    }
}

// ------------------------------------------------------------------------------ passwords

async fn forgotten_password_answers_the_same_for_known_and_unknown_addresses(site: Site) {
    let server = site.start_relaxed();
    server.member("Claire", "claire@exemple.fr").await;
    let known = forgot(&server, "claire@exemple.fr").await;
    let unknown = forgot(&server, "inconnue@exemple.fr").await;
    assert_eq!(known.status, 200, "{}", known.main_text());
    assert_eq!(unknown.status, 200, "{}", unknown.main_text());
    assert_eq!(
        known.main_text().replace("claire@exemple.fr", "ADRESSE"),
        unknown
            .main_text()
            .replace("inconnue@exemple.fr", "ADRESSE")
    );
    let mail = server.last_mail_to("claire@exemple.fr");
    assert_eq!(mail.subject, "Choisir un nouveau mot de passe");
    assert!(
        mail.link("/compte/reinitialiser?jeton=").is_some(),
        "{mail:?}"
    );
    assert!(server.mails_to("inconnue@exemple.fr").is_empty());
}

async fn password_reset_sets_a_new_password_once_and_ends_every_session(site: Site) {
    let server = site.start_relaxed();
    let m = server.member("Claire", "claire@exemple.fr").await;
    assert_eq!(forgot(&server, "claire@exemple.fr").await.status, 200);
    let link = server
        .last_mail_to("claire@exemple.fr")
        .link("/compte/reinitialiser?jeton=")
        .expect("a reset link");
    let token = query_param(&link, "jeton").expect("token");

    let b = server.browser();
    let form = b.get(&link).await;
    assert_eq!(form.status, 200);
    let html = form.html();
    assert_eq!(
        select(
            &html,
            "form[action='/compte/reinitialiser'] input[name=jeton]"
        )[0]
        .value()
        .attr("value"),
        Some(token.as_str())
    );
    let csrf = form.csrf().expect("token field");
    let page = b
        .post(
            "/compte/reinitialiser",
            &[
                ("csrf", csrf.as_str()),
                ("jeton", token.as_str()),
                ("password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert!(page.shows("Mot de passe changé"));

    assert_sent_to_log_in(&m.browser.get("/compte").await, "/compte");
    assert!(!logs_in(&server, "claire@exemple.fr", PASSWORD).await);
    assert!(logs_in(&server, "claire@exemple.fr", NEW_PASSWORD).await);

    // The link works once.
    let again = b
        .post(
            "/compte/reinitialiser",
            &[
                ("csrf", csrf.as_str()),
                ("jeton", token.as_str()),
                ("password", "Encore un autre mot de passe 5"),
            ],
        )
        .await;
    assert_eq!(again.status, 400);
    assert!(
        again.shows("Lien invalide ou expiré"),
        "{}",
        again.main_text()
    );
    assert!(
        !logs_in(
            &server,
            "claire@exemple.fr",
            "Encore un autre mot de passe 5"
        )
        .await
    );
    assert!(logs_in(&server, "claire@exemple.fr", NEW_PASSWORD).await);
}

async fn password_change_needs_the_current_password(site: Site) {
    let server = site.start_relaxed();
    let m = server.member("Claire", "claire@exemple.fr").await;
    let elsewhere = server.browser();
    server
        .log_in(&elsewhere, "claire@exemple.fr", PASSWORD, "/")
        .await;
    let csrf = m.csrf().await;
    let wrong = m
        .browser
        .post(
            "/compte/mot-de-passe",
            &[
                ("csrf", csrf.as_str()),
                ("password", "Pas le bon mot de passe 1"),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert!(!first_text(&wrong, ".form-error").is_empty());
    assert!(logs_in(&server, "claire@exemple.fr", PASSWORD).await);

    let page = m
        .browser
        .post(
            "/compte/mot-de-passe",
            &[
                ("csrf", csrf.as_str()),
                ("password", PASSWORD),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(page.location.as_deref(), Some("/compte?ok=mot-de-passe"));
    assert_eq!(
        m.browser.get("/compte").await.status,
        200,
        "this session goes on"
    );
    assert_eq!(
        elsewhere.get("/compte").await.status,
        303,
        "other sessions end"
    );
    assert!(!logs_in(&server, "claire@exemple.fr", PASSWORD).await);
    assert!(logs_in(&server, "claire@exemple.fr", NEW_PASSWORD).await);
}

// ------------------------------------------------------------------------------ profile

async fn display_name_change_shows_on_the_profile_and_under_comments(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let id = post_comment(&m, &article, "Un premier avis.").await;
    let csrf = m.csrf().await;

    let page = m
        .browser
        .post("/compte/nom", &[("display_name", "Claire D.")])
        .await;
    assert_eq!(page.status, 403, "no token");
    let page = m
        .browser
        .post(
            "/compte/nom",
            &[("csrf", csrf.as_str()), ("display_name", "C")],
        )
        .await;
    assert_eq!(page.status, 400, "too short");
    assert!(!first_text(&page, ".form-error").is_empty());
    assert!(m.browser.get("/compte").await.shows("Claire"));

    let page = m
        .browser
        .post(
            "/compte/nom",
            &[("csrf", csrf.as_str()), ("display_name", "Claire D.")],
        )
        .await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location.as_deref(), Some("/compte?ok=nom"));
    let profile = m.browser.get("/compte?ok=nom").await;
    assert!(profile.shows("Claire D."), "{}", profile.main_text());

    let thread = server
        .browser()
        .get_until(&article.path, |p| {
            first_text(p, &format!("#commentaire-{id} .comment-author")) == "Claire D."
        })
        .await;
    assert_eq!(
        first_text(&thread, &format!("#commentaire-{id} .comment-author")),
        "Claire D."
    );
}

async fn profile_forms_refuse_a_missing_or_wrong_token(site: Site) {
    let server = site.start_relaxed();
    let m = server.member("Claire", "claire@exemple.fr").await;
    let wrong = "0".repeat(64);
    let forms: [(&str, Vec<(&str, &str)>); 4] = [
        ("/compte/nom", vec![("display_name", "Claire D.")]),
        (
            "/compte/mot-de-passe",
            vec![("password", PASSWORD), ("new_password", NEW_PASSWORD)],
        ),
        (
            "/compte/email",
            vec![
                ("email", "claire.nouvelle@exemple.fr"),
                ("password", PASSWORD),
            ],
        ),
        ("/compte/supprimer", vec![("password", PASSWORD)]),
    ];
    for (path, fields) in &forms {
        for token in [None, Some(wrong.as_str())] {
            let mut form = fields.clone();
            if let Some(t) = token {
                form.push(("csrf", t));
            }
            let page = m.browser.post(path, &form).await;
            assert_eq!(page.status, 403, "{path} with token {token:?}");
        }
    }
    // Nothing changed.
    let profile = m.browser.get("/compte").await;
    assert_eq!(profile.status, 200, "the account still exists");
    assert!(!profile.shows("Claire D."));
    assert!(profile.shows("claire@exemple.fr"));
    assert!(server.mails_to("claire.nouvelle@exemple.fr").is_empty());
    assert!(logs_in(&server, "claire@exemple.fr", PASSWORD).await);
}

async fn email_change_is_confirmed_from_the_new_address(site: Site) {
    let server = site.start_relaxed();
    let m = server.member("Claire", "claire@exemple.fr").await;
    let csrf = m.csrf().await;

    let wrong = m
        .browser
        .post(
            "/compte/email",
            &[
                ("csrf", csrf.as_str()),
                ("email", "claire.nouvelle@exemple.fr"),
                ("password", "Pas le bon mot de passe 1"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert!(server.mails_to("claire.nouvelle@exemple.fr").is_empty());

    let page = m
        .browser
        .post(
            "/compte/email",
            &[
                ("csrf", csrf.as_str()),
                ("email", "claire.nouvelle@exemple.fr"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert!(page.shows("claire.nouvelle@exemple.fr"));
    let mail = server.last_mail_to("claire.nouvelle@exemple.fr");
    let link = mail
        .link("/compte/email/confirmer?jeton=")
        .unwrap_or_else(|| panic!("no confirmation link in {mail:?}"));
    // Until confirmed, the account keeps its address.
    let profile = m.browser.get("/compte").await;
    assert!(profile.shows("claire@exemple.fr"));
    assert!(!profile.shows("claire.nouvelle@exemple.fr"));

    let page = m.browser.get(&link).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location.as_deref(), Some("/compte?ok=email"));
    let profile = m.browser.get("/compte?ok=email").await;
    assert!(
        profile.shows("claire.nouvelle@exemple.fr"),
        "{}",
        profile.main_text()
    );
    assert!(logs_in(&server, "claire.nouvelle@exemple.fr", PASSWORD).await);
    assert!(!logs_in(&server, "claire@exemple.fr", PASSWORD).await);
    // The link works once.
    assert_eq!(server.browser().get(&link).await.status, 400);
}

async fn data_export_is_a_json_attachment_with_the_comments(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire Dubois", "claire@exemple.fr").await;
    let id = post_comment(&m, &article, "Un avis tranché sur la question.").await;

    let page = m.browser.get("/compte/export").await;
    assert_eq!(page.status, 200);
    assert!(
        page.content_type
            .as_deref()
            .unwrap_or_default()
            .starts_with("application/json"),
        "{:?}",
        page.content_type
    );
    assert!(
        page.header("content-disposition")
            .unwrap_or_default()
            .starts_with("attachment"),
        "{:?}",
        page.header("content-disposition")
    );
    let doc = page.json();
    assert_eq!(doc["account"]["email"], "claire@exemple.fr");
    assert_eq!(doc["account"]["display_name"], "Claire Dubois");
    let comments = doc["comments"].as_array().expect("a comments array");
    assert_eq!(comments.len(), 1, "{doc}");
    assert_eq!(comments[0]["id"], id);
    assert_eq!(comments[0]["body"], "Un avis tranché sur la question.");
    assert_eq!(comments[0]["status"], "published");
    assert_eq!(comments[0]["article"]["id"], article.id);
    assert_eq!(comments[0]["article"]["path"], article.path.as_str());
}

async fn my_comments_lists_each_comment_with_its_status(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let empty = m.browser.get("/compte/commentaires").await;
    assert_eq!(empty.status, 200);
    assert!(empty.shows("Vous n’avez encore rien commenté."));

    let kept = post_comment(&m, &article, "Celui-ci reste en ligne.").await;
    let deleted = post_comment(&m, &article, "Celui-ci sera supprimé.").await;
    let csrf = m.csrf().await;
    let page = m
        .browser
        .post(
            &format!("/commentaires/{deleted}/supprimer"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(page.status, 303);

    let page = m.browser.get("/compte/commentaires").await;
    assert_eq!(page.status, 200);
    let html = page.html();
    let items: Vec<String> = select(&html, ".my-comments > li")
        .iter()
        .map(|li| norm(&li.text().collect::<String>()))
        .collect();
    assert_eq!(items.len(), 2, "{items:?}");
    // Newest first.
    assert!(items[0].contains("Celui-ci sera supprimé."), "{items:?}");
    assert!(items[0].contains("Supprimé par vous"), "{items:?}");
    assert!(items[1].contains("Celui-ci reste en ligne."), "{items:?}");
    assert!(items[1].contains("Publié"), "{items:?}");
    assert!(
        items[1].contains("Syrie : Poutine"),
        "the article's title: {items:?}"
    );
    assert_eq!(
        select(&html, &format!("a[href='/commentaires/{kept}']")).len(),
        1
    );
}

async fn deleting_the_account_keeps_comments_signed_deleted_account(site: Site) {
    let server = site.start_relaxed();
    let article = fixture_article(&server).await;
    let m = server.member("Claire", "claire@exemple.fr").await;
    let id = post_comment(&m, &article, "Un avis qui restera.").await;

    let form = m.browser.get("/compte/supprimer").await;
    assert_eq!(form.status, 200);
    let csrf = form.csrf().expect("token");
    let html = form.html();
    assert_eq!(
        select(
            &html,
            "form[action='/compte/supprimer'] input[name=password]"
        )
        .len(),
        1
    );
    let wrong = m
        .browser
        .post(
            "/compte/supprimer",
            &[
                ("csrf", csrf.as_str()),
                ("password", "Pas le bon mot de passe 1"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(m.browser.get("/compte").await.status, 200);

    let session = m.browser.cookie(SESSION).expect("logged in");
    let page = m
        .browser
        .post(
            "/compte/supprimer",
            &[("csrf", csrf.as_str()), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert!(page.shows("Compte supprimé"));
    assert!(!logs_in(&server, "claire@exemple.fr", PASSWORD).await);
    let replay = server.browser();
    replay.set_cookie(SESSION, &session);
    assert_eq!(replay.get("/compte").await.status, 303);

    let thread = server.browser().get(&article.path).await;
    let html = thread.html();
    let comment = select(&html, &format!("article.comment#commentaire-{id}"));
    assert_eq!(comment.len(), 1, "the comment stays");
    assert_eq!(
        first_text(&thread, &format!("#commentaire-{id} .comment-author")),
        "Compte supprimé"
    );
    assert_eq!(
        first_text(&thread, &format!("#commentaire-{id} .comment-body")),
        "Un avis qui restera."
    );
    // The address is free again.
    let page = server
        .sign_up(&server.browser(), "Claire", "claire@exemple.fr", PASSWORD)
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(
        server.last_mail_to("claire@exemple.fr").subject,
        "Confirmez votre adresse e-mail"
    );
}

// ------------------------------------------------------------------------------ CLI

async fn cli_creates_staff_accounts_and_refuses_weak_passwords(site: Site) {
    let server = site.start_relaxed();
    let moderator = server
        .staff(&site, "Modo", "modo@exemple.fr", &["--role", "moderator"])
        .await;
    let profile = moderator.browser.get("/compte").await;
    assert!(profile.shows("Modo"));
    assert!(profile.shows("Modérateur"), "{}", profile.main_text());
    assert_eq!(first_text(&profile, ".profile .badge"), "confirmée");

    let admin = server
        .staff(&site, "Alice Admin", "admin@exemple.fr", &["--admin"])
        .await;
    let profile = admin.browser.get("/compte").await;
    assert!(profile.shows("Administrateur"), "{}", profile.main_text());

    let weak = site.create_user(&["--email", "faible@exemple.fr"], "court");
    assert!(!weak.status.success(), "a weak password is refused");
    assert!(!String::from_utf8_lossy(&weak.stderr).trim().is_empty());
    // Nothing was created: the same address with a good password is accepted.
    let good = site.create_user(&["--email", "faible@exemple.fr"], PASSWORD);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    assert!(logs_in(&server, "faible@exemple.fr", PASSWORD).await);
    let again = site.create_user(&["--email", "faible@exemple.fr"], PASSWORD);
    assert!(!again.status.success(), "an address has one account");
}

// ------------------------------------------------------------------------------ rate limits

async fn sign_up_is_rate_limited_per_address(site: Site) {
    let server = site.start();
    for i in 0..10 {
        let page = server
            .sign_up(
                &server.browser(),
                "Lecteur",
                &format!("lecteur{i}@exemple.fr"),
                PASSWORD,
            )
            .await;
        assert_eq!(page.status, 200, "sign-up {i}: {}", page.main_text());
    }
    let page = server
        .sign_up(
            &server.browser(),
            "Lecteur",
            "lecteur10@exemple.fr",
            PASSWORD,
        )
        .await;
    assert_too_many(&page);
    assert!(server.mails_to("lecteur10@exemple.fr").is_empty());
}

async fn log_in_is_rate_limited_per_account(site: Site) {
    let server = site.start();
    for (name, email) in [("Claire", "claire@exemple.fr"), ("Paul", "paul@exemple.fr")] {
        let page = server
            .sign_up(&server.browser(), name, email, PASSWORD)
            .await;
        assert_eq!(page.status, 200);
        server.confirm(email).await;
    }
    // Hashing makes each attempt slow in a debug build: the forms are fetched first and the
    // five wrong attempts sent at once, well within the quota's refill time (12 s).
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..5 {
        let b = server.browser();
        let csrf = b.csrf("/compte/connexion").await;
        attempts.spawn(async move {
            b.post(
                "/compte/connexion",
                &[
                    ("csrf", csrf.as_str()),
                    ("email", "claire@exemple.fr"),
                    ("password", "Pas le bon mot de passe 1"),
                    ("retour", "/"),
                ],
            )
            .await
        });
    }
    while let Some(page) = attempts.join_next().await {
        let page = page.expect("attempt task");
        assert_eq!(page.status, 400, "{}", page.main_text());
    }
    let b = server.browser();
    let page = server.log_in(&b, "claire@exemple.fr", PASSWORD, "/").await;
    assert_too_many(&page);
    assert!(b.cookie(SESSION).is_none(), "even the right password waits");
    // Another account, from the same address, may still log in.
    assert!(logs_in(&server, "paul@exemple.fr", PASSWORD).await);
}

async fn log_in_is_rate_limited_per_network_address(site: Site) {
    let server = site.start();
    // Hashing makes each attempt slow in a debug build, slower than the quota refills (one
    // every 3 s): the forms are fetched first, then all the attempts are sent at once.
    let mut ready = Vec::new();
    for i in 0..24 {
        let b = server.browser();
        let csrf = b.csrf("/compte/connexion").await;
        ready.push((b, csrf, format!("inconnu{i}@exemple.fr")));
    }
    let mut attempts = tokio::task::JoinSet::new();
    for (b, csrf, email) in ready {
        attempts.spawn(async move {
            b.post(
                "/compte/connexion",
                &[
                    ("csrf", csrf.as_str()),
                    ("email", email.as_str()),
                    ("password", PASSWORD),
                    ("retour", "/"),
                ],
            )
            .await
        });
    }
    let mut refused = Vec::new();
    let mut answered = 0;
    while let Some(page) = attempts.join_next().await {
        let page = page.expect("attempt task");
        match page.status {
            400 => answered += 1,
            429 => refused.push(page),
            s => panic!("unexpected {s}: {}", page.main_text()),
        }
    }
    // 20 a minute, refilled one every 3 s: a slow machine may let one more through while the
    // burst is still arriving.
    assert!(
        (20..=21).contains(&answered),
        "20 attempts a minute from one address, {answered} answered"
    );
    assert_eq!(refused.len(), 24 - answered);
    assert_too_many(&refused[0]);
}

async fn password_reset_is_rate_limited_per_account(site: Site) {
    let server = site.start();
    let page = server
        .sign_up(&server.browser(), "Claire", "claire@exemple.fr", PASSWORD)
        .await;
    assert_eq!(page.status, 200);
    for i in 0..3 {
        assert_eq!(
            forgot(&server, "claire@exemple.fr").await.status,
            200,
            "{i}"
        );
    }
    let page = forgot(&server, "claire@exemple.fr").await;
    assert_too_many(&page);
    let resets = server
        .mails_to("claire@exemple.fr")
        .into_iter()
        .filter(|m| m.subject == "Choisir un nouveau mot de passe")
        .count();
    assert_eq!(resets, 3);
}

/// A form body that cannot be decoded gets the site's French error page, not a plain-text 400.
async fn a_malformed_form_gets_a_clear_page(site: Site) {
    let server = site.start_relaxed();
    let b = server.browser();
    let csrf = b.csrf("/compte/connexion").await;
    let res = b
        .send(
            b.http()
                .post(b.url("/compte/connexion"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!(
                    "csrf={csrf}&email=a%40b.fr&email=c%40d.fr&password=x"
                )),
            "POST a malformed form",
        )
        .await;
    assert_eq!(res.status().as_u16(), 400);
    assert!(res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("text/html")));
    let body = res.text().await.expect("body");
    assert!(body.contains("mal formé"), "{body}");
}

both_backends!(
    a_malformed_form_gets_a_clear_page,
    sign_up_mails_a_link_that_confirms_the_address_once,
    profile_shows_whether_the_address_is_confirmed,
    sign_up_with_a_known_address_answers_the_same_and_mails_the_owner,
    sign_up_refuses_bad_input_and_creates_nothing,
    anonymous_forms_refuse_a_missing_or_wrong_token,
    log_in_sets_a_safe_session_cookie_and_returns_to_the_page,
    log_in_refuses_wrong_passwords_and_unknown_addresses_alike,
    log_in_only_returns_to_pages_of_this_site,
    each_log_in_issues_a_new_session_id,
    log_out_ends_the_session_on_the_server,
    log_out_needs_the_session_token,
    account_pages_send_visitors_to_log_in,
    forgotten_password_answers_the_same_for_known_and_unknown_addresses,
    password_reset_sets_a_new_password_once_and_ends_every_session,
    password_change_needs_the_current_password,
    display_name_change_shows_on_the_profile_and_under_comments,
    profile_forms_refuse_a_missing_or_wrong_token,
    email_change_is_confirmed_from_the_new_address,
    data_export_is_a_json_attachment_with_the_comments,
    my_comments_lists_each_comment_with_its_status,
    deleting_the_account_keeps_comments_signed_deleted_account,
    cli_creates_staff_accounts_and_refuses_weak_passwords,
    sign_up_is_rate_limited_per_address,
    log_in_is_rate_limited_per_account,
    log_in_is_rate_limited_per_network_address,
    password_reset_is_rate_limited_per_account,
);
