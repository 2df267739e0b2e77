//! The site's language, on both backends: French by default, English with `--language en`
//! (the page frame, the front page and the newsroom's screens), and a clear refusal of a
//! language without a catalogue.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::Site;

async fn the_newsroom_speaks_the_sites_language(site: Site) {
    // French by default.
    let server = site.start_relaxed();
    let admin = server
        .staff(&site, "Admin", "admin@kiosque.test", &["--admin"])
        .await;
    let front = server.get("/").await;
    assert!(front.body.contains("<html lang=\"fr\">"), "{}", front.body);
    assert!(front.main_text().contains("Dernières informations"));
    let page = admin.browser.get("/admin/articles").await;
    assert_eq!(page.status, 200);
    let text = page.main_text();
    assert!(text.contains("Écrire un nouvel article"), "{text}");
    assert!(text.contains("Trier par"), "{text}");
    assert!(!text.contains("Write a new article"), "{text}");
    drop(admin);
    drop(server);

    // The same site, restarted in English.
    let server = site.start_with(&["--rate-limit-factor", "1000", "--language", "en"]);
    // The reader's site: the page frame and the front page's words.
    let front = server.get("/").await;
    assert!(front.body.contains("<html lang=\"en\">"), "{}", front.body);
    assert!(front.body.contains("My account"), "{}", front.body);
    let text = front.main_text();
    assert!(text.contains("Latest news"), "{text}");
    assert!(!text.contains("Dernières informations"), "{text}");
    let b = server.browser();
    let done = server
        .log_in(
            &b,
            "admin@kiosque.test",
            common::PASSWORD,
            "/admin/articles",
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.main_text());
    for (path, english, french) in [
        (
            "/admin/articles",
            "Write a new article",
            "Écrire un nouvel article",
        ),
        ("/admin/articles", "Sort by", "Trier par"),
        (
            "/admin/rubriques",
            "Create the section",
            "Créer la rubrique",
        ),
        ("/admin/medias", "Upload an image", "Envoyer une image"),
        (
            "/admin/utilisateurs",
            "Users and roles",
            "Utilisateurs et rôles",
        ),
        ("/admin/videos", "Add a video", "Ajouter une vidéo"),
        ("/admin/pages", "Site pages", "Pages du site"),
    ] {
        let page = b.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        let text = page.main_text();
        assert!(text.contains(english), "{path}: {text}");
        assert!(!text.contains(french), "{path}: {text}");
    }
    // Statuses and counts follow the language's plural rules.
    let list = b.get("/admin/articles").await.main_text();
    assert!(list.contains("Published"), "{list}");
    assert!(list.contains(" articles."), "{list}");
}

async fn a_language_without_catalogue_is_refused_at_start(site: Site) {
    let out = site
        .command()
        .args(["serve", "--listen", "127.0.0.1:0", "--language", "xx"])
        .output()
        .expect("run kiosque");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown language \"xx\"") && stderr.contains("en, fr"),
        "{stderr}"
    );
}

both_backends!(
    the_newsroom_speaks_the_sites_language,
    a_language_without_catalogue_is_refused_at_start,
);
