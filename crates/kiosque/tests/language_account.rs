//! The reader's account area and its e-mails in English (`--language en`), on both backends:
//! sign-up and its field errors, the confirmation e-mail, log-in, the forgotten password and
//! its e-mail, the account pages, and the reply e-mail with its unsubscribe pages. Each check
//! looks for the English words and for the absence of the French ones.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::readers::{confirmed_member, follow_confirmation};
use kiosque_test_utils::readers::{post_on_article, wait_for_mail};
use kiosque_test_utils::server as common;

use common::{fixture_article, norm, select, text, Mail, Page, Server, Site, PASSWORD};

fn start_in_english(site: &Site) -> Server {
    site.start_with(&["--rate-limit-factor", "1000", "--language", "en"])
}

/// Asserts that `text` holds every English phrase and none of the French ones.
fn assert_words(what: &str, text: &str, english: &[&str], french: &[&str]) {
    for e in english {
        assert!(text.contains(&norm(e)), "{what}: no {e:?} in {text}");
    }
    for f in french {
        assert!(!text.contains(&norm(f)), "{what}: French {f:?} in {text}");
    }
}

/// The French words no account page or e-mail of an English site may hold.
const FRENCH: &[&str] = &[
    "Mot de passe",
    "mot de passe",
    "Adresse",
    "Votre",
    "votre",
    "Bonjour",
    "espace",
    "Se connecter",
    "Enregistrer",
];

/// The texts of the field errors shown beside the fields of a form.
fn field_errors(page: &Page) -> Vec<String> {
    let html = page.html();
    select(&html, ".field-error")
        .iter()
        .map(|e| norm(&text(e)))
        .collect()
}

fn assert_mail(mail: &Mail, subject: &str, english: &[&str]) {
    assert_eq!(mail.subject, subject, "{mail:?}");
    assert_words("mail", &norm(&mail.body), english, FRENCH);
}

async fn sign_up_and_log_in_speak_english(site: Site) {
    let server = start_in_english(&site);
    let b = server.browser();
    let form = b.get("/compte/inscription").await;
    assert_eq!(form.status, 200);
    assert_words(
        "sign-up page",
        &form.main_text(),
        &[
            "Create my account",
            "Your account lets you comment on articles.",
            "Name shown under your comments",
            "Email address",
            "Password",
            "At least 10 characters; avoid common passwords.",
            "I have read and accept the comment moderation policy: read the policy",
            "Already have an account? Log in",
        ],
        &["Créer mon espace", "Nom affiché", "charte", "caractères"],
    );
    assert!(form
        .body
        .contains("<title>Create my account — Kiosque</title>"));

    // Every field wrong at once: each error in English, beside its field.
    let csrf = b.csrf("/compte/inscription").await;
    let bad = b
        .post(
            "/compte/inscription",
            &[
                ("csrf", csrf.as_str()),
                ("display_name", "C"),
                ("email", "not-an-address"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(bad.status, 400, "{}", bad.main_text());
    assert_eq!(
        field_errors(&bad),
        [
            "The display name must be 2 to 50 characters long.",
            "Invalid email address.",
            "The password must be at least 10 characters long.",
            "Accept the moderation policy to create your account.",
        ]
    );
    assert_words(
        "sign-up errors",
        &bad.main_text(),
        &["4 fields need correcting:"],
        &["invalide", "caractères", "Acceptez", "à corriger"],
    );
    let common = b
        .post(
            "/compte/inscription",
            &[
                ("csrf", csrf.as_str()),
                ("display_name", "Claire"),
                ("email", "claire@example.com"),
                ("password", "azertyuiop"),
                ("charte", "1"),
            ],
        )
        .await;
    assert_eq!(
        field_errors(&common),
        ["This password is too common or too easy to guess. Choose another one."]
    );

    // A proper sign-up, and its confirmation e-mail.
    let done = server
        .sign_up(&b, "Claire", "claire@example.com", PASSWORD)
        .await;
    assert_eq!(done.status, 200, "{}", done.main_text());
    assert_words(
        "sign-up sent",
        &done.main_text(),
        &[
            "Check your inbox",
            "If claire@example.com can receive our messages, an email has just been sent to it.",
        ],
        FRENCH,
    );
    let mail = server.last_mail_to("claire@example.com");
    assert_mail(
        &mail,
        "Confirm your email address",
        &[
            "Hello Claire,",
            "Welcome to Kiosque. To confirm your address and start commenting, open this link \
             (valid for 24 hours):",
            &format!("{}/compte/verifier?jeton=", server.base),
            "If you did not create an account, you can ignore this message.",
        ],
    );
    let confirmed = follow_confirmation(&server, "claire@example.com").await;
    assert_eq!(confirmed.status, 200);
    assert_words(
        "confirmed",
        &confirmed.main_text(),
        &[
            "Address confirmed",
            "Thank you: your address is confirmed.",
            "My account",
            "Back to the front page",
        ],
        &["Adresse confirmée", "Merci", "Mon espace"],
    );
    let again = follow_confirmation(&server, "claire@example.com").await;
    assert_eq!(again.status, 400);
    assert_words(
        "used link",
        &again.main_text(),
        &[
            "Invalid or expired link",
            "it has expired or has already been used",
        ],
        &["Lien invalide", "expiré"],
    );

    // Signing up again with the same address mails its owner, in English too.
    server
        .sign_up(&server.browser(), "Other", "claire@example.com", PASSWORD)
        .await;
    let mail = server.last_mail_to("claire@example.com");
    assert_mail(
        &mail,
        "Your Kiosque account already exists",
        &[
            "Hello,",
            "Someone (perhaps you) asked to create a Kiosque account with this address",
            &format!("To log in: {}/compte/connexion", server.base),
            &format!(
                "Forgotten your password? {}/compte/mot-de-passe-oublie",
                server.base
            ),
        ],
    );

    // Log-in: the page, a refusal, then the account page.
    let login = server.browser().get("/compte/connexion").await;
    assert_words(
        "log-in page",
        &login.main_text(),
        &[
            "Log in to your account to comment on articles.",
            "Forgotten your password?",
            "No account yet? Create one",
        ],
        FRENCH,
    );
    let refused = server
        .log_in(
            &server.browser(),
            "claire@example.com",
            "Not the password 1",
            "/",
        )
        .await;
    assert_eq!(refused.status, 400);
    let error = norm(&text(&select(&refused.html(), ".form-error")[0]));
    assert_eq!(error, "Incorrect email address or password.");
    let me = server.browser();
    let done = server
        .log_in(&me, "claire@example.com", PASSWORD, "/compte")
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    let account = me.get("/compte").await;
    assert!(account.body.contains("<title>My account — Kiosque</title>"));
    assert_words(
        "account page",
        &account.main_text(),
        &[
            "My account",
            "Email address",
            "confirmed",
            "Roles",
            "Member",
            "Change my password",
            "Log out",
        ],
        &["Mon espace", "Membre", "confirmée", "Rôles"],
    );
    let saved = me.get("/compte?ok=nom").await;
    assert!(saved.shows("Your display name has been changed."));
    let change = me.get("/compte/mot-de-passe").await;
    assert_words(
        "password change",
        &change.main_text(),
        &[
            "Change my password",
            "Current password",
            "New password",
            "Save",
        ],
        FRENCH,
    );
    let delete = me.get("/compte/supprimer").await;
    assert_words(
        "deletion",
        &delete.main_text(),
        &[
            "signed “Deleted account”",
            "Password, to confirm",
            "Delete my account permanently",
            "Cancel",
        ],
        &["Compte supprimé", "Annuler"],
    );
}

async fn the_password_reset_speaks_english(site: Site) {
    let server = start_in_english(&site);
    confirmed_member(&server, "Claire", "claire@example.com").await;
    let b = server.browser();
    let form = b.get("/compte/mot-de-passe-oublie").await;
    assert_words(
        "forgotten password",
        &form.main_text(),
        &[
            "Forgotten password",
            "Enter your account’s email address",
            "Send the link",
        ],
        FRENCH,
    );
    let csrf = b.csrf("/compte/mot-de-passe-oublie").await;
    let bad = b
        .post(
            "/compte/mot-de-passe-oublie",
            &[("csrf", csrf.as_str()), ("email", "nobody")],
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.shows("Invalid email address."), "{}", bad.main_text());
    let sent = b
        .post(
            "/compte/mot-de-passe-oublie",
            &[("csrf", csrf.as_str()), ("email", "claire@example.com")],
        )
        .await;
    assert_eq!(sent.status, 200);
    assert_words(
        "reset sent",
        &sent.main_text(),
        &[
            "Check your inbox",
            "If an account exists for claire@example.com, a link to choose a new password",
        ],
        FRENCH,
    );
    let mail = server.last_mail_to("claire@example.com");
    assert_mail(
        &mail,
        "Choose a new password",
        &[
            "Hello Claire,",
            "To choose a new password, open this link (valid for 60 minutes, and only once):",
            &format!("{}/compte/reinitialiser?jeton=", server.base),
            "your password stays the same.",
        ],
    );
    let link = mail
        .link("/compte/reinitialiser?jeton=")
        .expect("a reset link");
    let page = b.get(&link).await;
    assert_words(
        "reset page",
        &page.main_text(),
        &[
            "Choose a new password",
            "New password",
            "At least 10 characters",
        ],
        FRENCH,
    );
    assert!(page.body.contains("<title>New password — Kiosque</title>"));
}

async fn the_reply_email_and_unsubscribing_speak_english(site: Site) {
    let server = start_in_english(&site);
    let article = fixture_article(&server).await;
    let claire = confirmed_member(&server, "Claire", "claire@example.com").await;
    let paul = confirmed_member(&server, "Paul", "paul@example.com").await;
    let csrf = claire.csrf().await;
    let chosen = claire
        .browser
        .post(
            "/compte/notifications",
            &[("csrf", csrf.as_str()), ("notifier", "1")],
        )
        .await;
    assert_eq!(chosen.status, 303);
    let account = claire.browser.get("/compte?ok=notifications").await;
    assert!(account.shows("Your email preferences are saved."));

    let thread = post_on_article(&claire, &article, None, "Who will answer?").await;
    let reply = post_on_article(&paul, &article, Some(thread), "I will.").await;
    let mail = wait_for_mail(&server, "claire@example.com", "New reply to your comment").await;
    let unsubscribe = mail
        .header("List-Unsubscribe")
        .expect("List-Unsubscribe")
        .trim_matches(['<', '>'])
        .to_owned();
    assert!(unsubscribe.starts_with(&format!("{}/compte/desabonnement?", server.base)));
    assert_mail(
        &mail,
        "New reply to your comment",
        &[
            "Hello Claire,",
            "Paul replied to your comment on the article “",
            "“I will.”",
            "Read the reply and the discussion:",
            &format!("{}{}#commentaire-{reply}", server.base, article.path),
            "You are receiving this email because you asked to be emailed when someone \
             replies to your comments",
            &format!("Stop receiving these emails, in one click: {unsubscribe}"),
        ],
    );
    assert_words(
        "reply mail",
        &mail.body,
        &[],
        &["a répondu", "Lire la réponse", "désabonn"],
    );

    // The link, opened in a browser, and the mail client's one-click POST.
    let path = unsubscribe
        .strip_prefix(&server.base)
        .expect("a link to this site");
    let page = server.browser().get(path).await;
    assert_eq!(page.status, 200, "{}", page.main_text());
    assert_words(
        "unsubscribed",
        &page.main_text(),
        &[
            "Unsubscribed",
            "You will no longer receive an email when someone replies to your comments.",
            "My account",
        ],
        &["Désabonnement", "Mon espace"],
    );
    let one_click = server
        .browser()
        .post(path, &[("List-Unsubscribe", "One-Click")])
        .await;
    assert_eq!(one_click.status, 200);
    assert_eq!(one_click.body, "You have been unsubscribed.\n");
    let forged = "/compte/desabonnement?membre=1&signature=00";
    let refused = server
        .browser()
        .post(forged, &[("List-Unsubscribe", "One-Click")])
        .await;
    assert_eq!(refused.status, 400);
    assert_eq!(refused.body, "Invalid unsubscribe link.\n");
    let refused = server.browser().get(forged).await;
    assert_eq!(refused.status, 400);
    assert_words(
        "bad unsubscribe link",
        &refused.main_text(),
        &["Invalid link", "This unsubscribe link is not valid."],
        &["Lien invalide"],
    );
}

both_backends!(
    sign_up_and_log_in_speak_english,
    the_password_reset_speaks_english,
    the_reply_email_and_unsubscribing_speak_english,
);
