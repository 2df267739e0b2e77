//! Users and roles in the back office, on both backends: admins invite staff by e-mail, change
//! roles and publishing sections, and deactivate accounts; nobody else may.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{query_param, select, Site};

const INVITED_PASSWORD: &str = "Rédaction-du-soir-2026";

async fn admins_invite_change_roles_and_deactivate(site: Site) {
    let server = site.start_relaxed();
    let admin = server
        .staff(&site, "Admin", "admin@kiosque.test", &["--admin"])
        .await;
    let csrf = admin.browser.csrf("/admin/utilisateurs").await;

    // The invitation: an account with the roles chosen and a link to choose a password.
    let page = admin
        .browser
        .post(
            "/admin/utilisateurs",
            &[
                ("csrf", &csrf),
                ("email", "Lea.Martin@Kiosque.test"),
                ("name", "Léa Martin"),
                ("roles", "journalist"),
                ("sections", "monde"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let mail = server.last_mail_to("lea.martin@kiosque.test");
    assert!(mail.subject.contains("Invitation"), "{}", mail.subject);
    let link = mail
        .link("/compte/reinitialiser?jeton=")
        .expect("a link to choose a password");
    // Before choosing a password, nothing logs in.
    let b = server.browser();
    let refused = server
        .log_in(&b, "lea.martin@kiosque.test", "!", "/admin")
        .await;
    assert_ne!(refused.status, 303);

    let form = b.get(&link).await;
    assert_eq!(form.status, 200);
    let csrf_reset = form.csrf().expect("token field");
    let token = query_param(&link, "jeton").expect("token");
    let done = b
        .post(
            "/compte/reinitialiser",
            &[
                ("csrf", csrf_reset.as_str()),
                ("jeton", token.as_str()),
                ("password", INVITED_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.main_text());
    let lea = server.browser();
    let login = server
        .log_in(&lea, "lea.martin@kiosque.test", INVITED_PASSWORD, "/admin")
        .await;
    assert_eq!(login.status, 303, "{}", login.main_text());
    assert_eq!(
        lea.get("/admin/articles").await.status,
        200,
        "a journalist works in the newsroom"
    );
    // Her space links to the newsroom, not to the admins' pages.
    let space = lea.get("/compte").await;
    assert!(!select(&space.html(), "a[href='/admin/articles']").is_empty());
    assert!(select(&space.html(), "a[href='/admin/utilisateurs']").is_empty());
    let admin_space = admin.browser.get("/compte").await;
    assert!(!select(&admin_space.html(), "a[href='/admin/utilisateurs']").is_empty());

    // The list shows her with her role; her page, her publishing section.
    let list = admin.browser.get("/admin/utilisateurs?q=martin").await;
    let html = list.html();
    let row = select(&html, "tr[data-user]")
        .first()
        .cloned()
        .expect("Léa is listed");
    let id = row.value().attr("data-user").expect("id").to_owned();
    assert!(common::text(&row).contains("Journaliste"));
    let page = admin
        .browser
        .get(&format!("/admin/utilisateurs/{id}"))
        .await;
    let html = page.html();
    assert_eq!(
        select(&html, "input#sec-monde[checked]").len(),
        1,
        "monde is checked"
    );

    // Roles changed: no more newsroom for her.
    let page = admin
        .browser
        .post(
            &format!("/admin/utilisateurs/{id}"),
            &[("csrf", &csrf), ("roles", "moderator")],
        )
        .await;
    assert_eq!(page.status, 303);
    assert_eq!(lea.get("/admin/articles").await.status, 403);
    assert_eq!(lea.get("/admin/moderation").await.status, 200);

    // Deactivated: her session ends at once and she cannot log in again.
    let page = admin
        .browser
        .post(
            &format!("/admin/utilisateurs/{id}/activation"),
            &[("csrf", &csrf), ("action", "desactiver")],
        )
        .await;
    assert_eq!(page.status, 303);
    let gone = lea.get("/admin/moderation").await;
    assert_eq!(gone.status, 303, "no session any more");
    let again = server.browser();
    let refused = server
        .log_in(&again, "lea.martin@kiosque.test", INVITED_PASSWORD, "/")
        .await;
    assert_eq!(refused.status, 403);
    assert!(refused.main_text().contains("désactivé"));
    // Reactivated: she may log in again.
    admin
        .browser
        .post(
            &format!("/admin/utilisateurs/{id}/activation"),
            &[("csrf", &csrf), ("action", "reactiver")],
        )
        .await;
    let back = server
        .log_in(
            &server.browser(),
            "lea.martin@kiosque.test",
            INVITED_PASSWORD,
            "/",
        )
        .await;
    assert_eq!(back.status, 303);

    // An admin cannot lock themselves out.
    let me = admin.id().await;
    let page = admin
        .browser
        .post(
            &format!("/admin/utilisateurs/{me}"),
            &[("csrf", &csrf), ("roles", "editor")],
        )
        .await;
    assert_eq!(page.status, 400);
    let page = admin
        .browser
        .post(
            &format!("/admin/utilisateurs/{me}/activation"),
            &[("csrf", &csrf), ("action", "desactiver")],
        )
        .await;
    assert_eq!(page.status, 400);
    // Inviting an address that has an account says so and changes nothing.
    let page = admin
        .browser
        .post(
            "/admin/utilisateurs",
            &[
                ("csrf", &csrf),
                ("email", "lea.martin@kiosque.test"),
                ("name", "Autre"),
                ("roles", "admin"),
            ],
        )
        .await;
    assert_eq!(page.status, 400);
    assert!(page.main_text().contains("existe déjà"));
}

async fn only_admins_manage_users(site: Site) {
    let server = site.start_relaxed();
    let editor = server
        .staff(&site, "Ed", "editor@kiosque.test", &["--role", "editor"])
        .await;
    assert_eq!(editor.browser.get("/admin/utilisateurs").await.status, 403);
    let csrf = editor.csrf().await;
    let me = editor.id().await;
    // A forged request to make oneself admin is refused, and the role is unchanged.
    let page = editor
        .browser
        .post(
            &format!("/admin/utilisateurs/{me}"),
            &[("csrf", &csrf), ("roles", "admin")],
        )
        .await;
    assert_eq!(page.status, 403);
    let page = editor
        .browser
        .post(
            "/admin/utilisateurs",
            &[
                ("csrf", &csrf),
                ("email", "x@kiosque.test"),
                ("name", "Intrus"),
                ("roles", "admin"),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
    assert!(server.mails_to("x@kiosque.test").is_empty());
    assert_eq!(editor.browser.get("/admin/api").await.status, 403);
    let visitor = server.browser();
    assert_eq!(visitor.get("/admin/utilisateurs").await.status, 303);
}

both_backends!(
    admins_invite_change_roles_and_deactivate,
    only_admins_manage_users
);
