//! The site's routes in-process, on both backends: no server process, no socket. The client
//! keeps cookies and fills in CSRF tokens itself, as a browser submitting the form it was shown.

use kiosque_domain::{markup, ArticleDraft, ArticleStatus, CommentMode};
use kiosque_test_utils::app::{request, select, text, App, Client, PASSWORD};
use kiosque_test_utils::app_tests;

const TITLE: &str = "Le conseil municipal vote le budget";

/// A published article in a new "Monde" section, written through the store; its path.
async fn published_article(app: &App) -> String {
    app.store
        .upsert_section("monde", "Monde", None, None, 0)
        .await
        .expect("section");
    let draft = ArticleDraft {
        source_key: Some("routes:budget".to_owned()),
        section: "monde".to_owned(),
        title: TITLE.to_owned(),
        standfirst: Some("Le budget passe de justesse.".to_owned()),
        hero: None,
        hero_video: None,
        body: markup::parse("Les élus ont voté tard dans la soirée.").expect("body"),
        tags: Vec::new(),
        authors: vec!["Agence Essai".to_owned()],
        status: ArticleStatus::Published,
        published_at: Some(chrono::Utc::now().timestamp_millis()),
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    app.store
        .upsert_article(&draft)
        .await
        .expect("article")
        .path
}

async fn front_page_and_article_show_their_title(app: App) {
    let path = published_article(&app).await;
    let c = app.client();
    let front = c.get("/").await;
    assert_eq!(front.status, 200, "{}", front.body);
    assert!(front.shows(TITLE), "{}", front.main_text());
    let html = front.html();
    assert!(
        select(&html, "a[href]")
            .iter()
            .any(|a| a.value().attr("href") == Some(path.as_str())),
        "the front page links to {path}"
    );

    let page = c.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let html = page.html();
    assert_eq!(text(&select(&html, "h1")[0]), TITLE);
    assert!(text(&select(&html, "title")[0]).contains(TITLE));
}

async fn an_unknown_path_is_the_french_404_page(app: App) {
    let c = app.client();
    for path in ["/nulle-part", "/monde/inconnu_999.html"] {
        let page = c.get(path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(page.is_html(), "{path}: {:?}", page.content_type);
        assert!(page.shows("Page introuvable"), "{path}: {}", page.text());
    }
}

/// Signs up through the form; the client adds the form's CSRF token itself.
async fn sign_up(app: &App, c: &Client, name: &str, email: &str) {
    assert_eq!(c.get("/compte/inscription").await.status, 200);
    let page = c
        .post(
            "/compte/inscription",
            &[
                ("display_name", name),
                ("email", email),
                ("password", PASSWORD),
                ("charte", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert!(
        page.shows("Vérifiez votre boîte e-mail"),
        "{}",
        page.main_text()
    );
    let mail = app.last_mail_to(email);
    let link = mail
        .link("/compte/verifier?jeton=")
        .unwrap_or_else(|| panic!("no verify link in {mail:?}"));
    let confirmed = c.get(&link).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.main_text());
}

async fn a_member_signs_up_logs_in_and_out_through_the_forms(app: App) {
    let c = app.client();
    sign_up(&app, &c, "Camille Martin", "camille@example.org").await;
    // The verification link logged this browser in; out again, to log in through the form.
    assert!(c.cookie("kiosque_session").is_some(), "verifying logs in");
    assert!(c.get("/compte").await.shows("Camille Martin"));
    assert_eq!(c.post("/compte/deconnexion", &[]).await.status, 303);
    assert_eq!(c.cookie("kiosque_session"), None);

    assert_eq!(c.get("/compte/connexion").await.status, 200);
    let page = c
        .post(
            "/compte/connexion",
            &[
                ("email", "camille@example.org"),
                ("password", PASSWORD),
                ("retour", "/compte"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(page.location.as_deref(), Some("/compte"));
    assert!(c.cookie("kiosque_session").is_some());
    // The visitor's token died with the new session: the next form brings the member's.
    assert_eq!(c.csrf(), None);

    let account = c.get("/compte").await;
    assert_eq!(account.status, 200, "{}", account.body);
    assert!(account.shows("Camille Martin"), "{}", account.main_text());
    let out = c.post("/compte/deconnexion", &[]).await;
    assert_eq!(out.status, 303, "{}", out.main_text());
    assert_eq!(c.cookie("kiosque_session"), None);
    assert_eq!(c.get("/compte").await.status, 303, "logged out");
}

async fn a_post_without_a_valid_token_is_refused(app: App) {
    let c = app.client();
    assert_eq!(c.get("/compte/connexion").await.status, 200);
    for token in ["", "0123456789abcdef"] {
        let page = c.post("/compte/connexion", &login_form(token)).await;
        assert_eq!(page.status, 403, "token {token:?}: {}", page.main_text());
        assert!(page.shows("Action refusée"), "{}", page.main_text());
    }

    // The right token, from another site: refused too.
    let token = c.csrf().expect("the log-in form's token");
    let body = format!("csrf={token}&email=personne%40example.org&password=x");
    let req = request(axum::http::Method::POST, "/compte/connexion")
        .header("origin", "https://ailleurs.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body));
    assert_eq!(c.send(req).await.status, 403);

    // Someone else's token, in a browser that never got the matching cookie.
    let stranger = app.client();
    let page = stranger
        .post("/compte/connexion", &login_form(&token))
        .await;
    assert_eq!(page.status, 403);
}

fn login_form(csrf: &str) -> [(&str, &str); 3] {
    [
        ("csrf", csrf),
        ("email", "personne@example.org"),
        ("password", PASSWORD),
    ]
}

app_tests!(
    front_page_and_article_show_their_title,
    an_unknown_path_is_the_french_404_page,
    a_member_signs_up_logs_in_and_out_through_the_forms,
    a_post_without_a_valid_token_is_refused,
);
