//! Security finding 10 (issue 14), on both backends: a visitor whose first two requests leave
//! at once (two tabs opened together, a crawler) gets two anonymous CSRF cookies, of which the
//! browser keeps one; the form of either tab must still post. Forged and missing tokens are
//! still refused.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::nodes::account;
use kiosque_test_utils::server::{Site, PASSWORD};

const EMAIL: &str = "onglets@exemple.fr";

async fn two_tabs_opened_at_once_both_post_their_form(site: Site) {
    account(&site, EMAIL, PASSWORD);
    let server = site.start_relaxed();
    let b = server.browser();
    // Both requests leave with an empty jar; each answer sets its own cookie.
    let (first, second) = tokio::join!(b.get("/compte/connexion"), b.get("/compte/connexion"));
    let set = |p: &kiosque_test_utils::server::Page| {
        p.set_cookies()
            .into_iter()
            .find(|c| c.starts_with("kiosque_csrf="))
            .expect("a CSRF cookie")
    };
    assert_ne!(set(&first), set(&second), "two first requests, two cookies");
    for page in [&first, &second] {
        let token = page.csrf().expect("csrf field");
        let answer = b
            .post(
                "/compte/connexion",
                &[
                    ("csrf", token.as_str()),
                    ("email", EMAIL),
                    ("password", "pas celui-ci"),
                    ("retour", "/"),
                ],
            )
            .await;
        assert_eq!(
            answer.status,
            400,
            "the form is checked, not refused: {}",
            answer.main_text()
        );
    }
    // The first tab's form logs in, whichever cookie the browser kept.
    let token = first.csrf().expect("csrf field");
    let done = b
        .post(
            "/compte/connexion",
            &[
                ("csrf", token.as_str()),
                ("email", EMAIL),
                ("password", PASSWORD),
                ("retour", "/"),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
}

async fn forged_or_missing_tokens_are_still_refused(site: Site) {
    let server = site.start_relaxed();
    let b = server.browser();
    let form = b.get("/compte/connexion").await;
    let token = form.csrf().expect("csrf field");
    let last = if token.ends_with('0') { "1" } else { "0" };
    let forged = format!("{}{last}", &token[..token.len() - 1]);
    for bad in ["", forged.as_str(), "kiosque"] {
        let page = b
            .post(
                "/compte/connexion",
                &[("csrf", bad), ("email", EMAIL), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(page.status, 403, "token {bad:?}");
    }
    // A valid token without the site's cookie (what a cross-site form would send).
    let stranger = server.browser();
    let page = stranger
        .post(
            "/compte/connexion",
            &[
                ("csrf", token.as_str()),
                ("email", EMAIL),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
}

both_backends!(
    two_tabs_opened_at_once_both_post_their_form,
    forged_or_missing_tokens_are_still_refused,
);
