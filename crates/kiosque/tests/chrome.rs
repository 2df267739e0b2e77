//! The page frame, on both backends: the footer's links all lead somewhere, the icons are
//! served, the site's own pages are edited by admins only, and the header greets a logged-in
//! member by name while visitors keep getting the cached page.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{norm, select, text, Page, Server, Site};

/// The four site pages, at the URLs other pages link to.
const SITE_PAGES: [&str; 4] = [
    "/pages/mentions-legales",
    "/pages/confidentialite",
    "/pages/charte",
    "/pages/contact",
];

fn footer_links(page: &Page) -> Vec<String> {
    let html = page.html();
    select(&html, "footer.site-footer a[href]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_owned)
        .collect()
}

/// The text of the header's account link.
fn account_link(page: &Page) -> String {
    let html = page.html();
    select(&html, "header.site-header a.account-link")
        .first()
        .map(|a| norm(&text(a)))
        .unwrap_or_else(|| panic!("no account link in the header: {}", page.body))
}

async fn footer_links_answer_200(site: Site) {
    let server = site.start_relaxed();
    let front = server.get("/").await;
    let links = footer_links(&front);
    for must in
        SITE_PAGES
            .iter()
            .chain(&["/rss.xml", "/atom.xml", "/feed.json", "/monde", "/videos"])
    {
        assert!(
            links.iter().any(|l| l == must),
            "the footer links {must}: {links:?}"
        );
    }
    for link in &links {
        let page = server.get(link).await;
        assert_eq!(page.status, 200, "footer link {link}");
    }
    // Each site page has its own heading and the template text a publisher must complete.
    for (path, heading) in SITE_PAGES.iter().zip([
        "Mentions légales",
        "Politique de confidentialité",
        "Charte de modération",
        "Contact",
    ]) {
        let page = server.get(path).await;
        let html = page.html();
        assert_eq!(norm(&text(&select(&html, "main h1")[0])), heading, "{path}");
        assert!(
            page.main_text()
                .to_lowercase()
                .contains("[nom de l'éditeur"),
            "{path}: {}",
            page.main_text()
        );
    }
    assert_eq!(server.get("/pages/autre").await.status, 404);
    // The same footer on an article and on the 404 page.
    let article = common::fixture_article(&server).await;
    for path in [article.path.as_str(), "/nulle-part"] {
        let links = footer_links(&server.get(path).await);
        for must in SITE_PAGES {
            assert!(
                links.iter().any(|l| l == must),
                "{path}: footer links {must}"
            );
        }
    }
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

async fn bytes(server: &Server, path: &str) -> (u16, String, Vec<u8>) {
    let res = server
        .http
        .get(format!("{}{path}", server.base))
        .send()
        .await
        .expect("get");
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, kind, res.bytes().await.expect("body").to_vec())
}

async fn icons_and_brand_images_are_served(site: Site) {
    let server = site.start_relaxed();
    let (status, kind, ico) = bytes(&server, "/favicon.ico").await;
    assert_eq!(status, 200);
    assert_eq!(kind, "image/x-icon");
    // An ICO directory (reserved 0, type 1) with at least one image.
    assert_eq!(&ico[..4], &[0, 0, 1, 0]);
    assert!(u16::from_le_bytes([ico[4], ico[5]]) >= 1);

    let (status, kind, svg) = bytes(&server, "/static/icons/icon.svg").await;
    assert_eq!((status, kind.as_str()), (200, "image/svg+xml"));
    assert!(String::from_utf8_lossy(&svg).contains("<svg"));
    for (path, size) in [
        ("/static/icons/apple-touch-icon.png", (180, 180)),
        ("/apple-touch-icon.png", (180, 180)),
        ("/static/brand/og.png", (1200, 630)),
        ("/static/brand/logo.png", (600, 60)),
    ] {
        let (status, kind, png) = bytes(&server, path).await;
        assert_eq!((status, kind.as_str()), (200, "image/png"), "{path}");
        assert_eq!(png_size(&png), size, "{path}");
    }
    assert_eq!(bytes(&server, "/static/brand/autre.png").await.0, 404);

    // Every page declares them.
    let front = server.get("/").await;
    let html = front.html();
    let hrefs: Vec<(String, String)> = select(&html, "head link[href]")
        .iter()
        .map(|l| {
            (
                l.value().attr("rel").unwrap_or_default().to_owned(),
                l.value().attr("href").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    for (rel, href) in [
        ("icon", "/favicon.ico"),
        ("icon", "/static/icons/icon.svg"),
        ("apple-touch-icon", "/static/icons/apple-touch-icon.png"),
    ] {
        assert!(
            hrefs.iter().any(|(r, h)| r == rel && h == href),
            "<link rel={rel} href={href}>: {hrefs:?}"
        );
    }
}

async fn site_pages_are_edited_by_admins_only(site: Site) {
    let server = site.start_relaxed();
    let admin = server
        .staff(
            &site,
            "Adèle Admin",
            "admin@kiosque.test",
            &["--role", "admin"],
        )
        .await;
    let journalist = server
        .staff(
            &site,
            "Jules Journaliste",
            "jules@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let reader = server.member("Rita Lectrice", "rita@kiosque.test").await;
    let visitor = server.browser();

    // The public page is cached before the edit: the edit must reach it.
    let before = server.get("/pages/charte").await;
    assert!(before.shows("Charte de modération"));

    let list = admin.browser.get("/admin/pages").await;
    assert_eq!(list.status, 200, "{}", list.main_text());
    for path in SITE_PAGES {
        let slug = path.trim_start_matches("/pages/");
        assert!(
            list.body.contains(&format!("href=\"/admin/pages/{slug}\"")),
            "{slug}"
        );
    }
    let form = admin.browser.get("/admin/pages/charte").await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("[nom de l’éditeur]"),
        "the stored text is in the form"
    );

    let new_body = "Soyez courtois.\n\n## Signalements\n\nTout commentaire peut être signalé.";
    // Refused: others, and a form without its token.
    for (who, b) in [
        ("journalist", &journalist.browser),
        ("reader", &reader.browser),
    ] {
        assert_eq!(b.get("/admin/pages").await.status, 403, "{who}");
        assert_eq!(b.get("/admin/pages/charte").await.status, 403, "{who}");
        let csrf = b.csrf("/compte").await;
        let page = b
            .post(
                "/admin/pages/charte",
                &[
                    ("csrf", csrf.as_str()),
                    ("title", "Piraté"),
                    ("body", "Piraté"),
                ],
            )
            .await;
        assert_eq!(page.status, 403, "{who}");
    }
    let page = visitor.get("/admin/pages").await;
    assert_eq!(page.status, 303, "a visitor is sent to log in");
    for token in ["", "0123456789abcdef"] {
        let page = admin
            .browser
            .post(
                "/admin/pages/charte",
                &[("csrf", token), ("title", "Piraté"), ("body", "Piraté")],
            )
            .await;
        assert_eq!(page.status, 403, "token {token:?}");
    }
    // Bad markup: the form again with the reason, nothing changed.
    let csrf = admin.browser.csrf("/admin/pages/charte").await;
    let page = admin
        .browser
        .post(
            "/admin/pages/charte",
            &[
                ("csrf", csrf.as_str()),
                ("title", "Charte"),
                ("body", "Texte\n::inconnu 3"),
            ],
        )
        .await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    assert!(page.main_text().contains("Ligne 2"), "{}", page.main_text());
    assert!(page.body.contains("::inconnu 3"), "the text typed is kept");
    let unchanged = server.get("/pages/charte").await;
    assert!(unchanged.shows("Charte de modération"));
    assert!(!unchanged.body.contains("Piraté"));

    let page = admin
        .browser
        .post(
            "/admin/pages/charte",
            &[
                ("csrf", csrf.as_str()),
                ("title", "Règles du débat"),
                ("body", new_body),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(page.location.as_deref(), Some("/admin/pages/charte?ok=1"));

    let after = server.get("/pages/charte").await;
    assert_eq!(after.status, 200);
    let html = after.html();
    assert_eq!(norm(&text(&select(&html, "main h1")[0])), "Règles du débat");
    assert_eq!(norm(&text(&select(&html, "main h2")[0])), "Signalements");
    assert!(after
        .main_text()
        .contains("Tout commentaire peut être signalé."));
    assert!(!after.main_text().contains("[nom de l'éditeur"));
    // The URL stays; the footer's label too.
    assert!(footer_links(&after).iter().any(|l| l == "/pages/charte"));
    assert_eq!(
        admin
            .browser
            .post(
                "/admin/pages/autre",
                &[("csrf", csrf.as_str()), ("title", "T"), ("body", "x")]
            )
            .await
            .status,
        404
    );
}

async fn the_header_names_the_member_and_visitors_keep_the_cached_page(site: Site) {
    let server = site.start_relaxed();
    let article = common::fixture_article(&server).await;
    for path in ["/", article.path.as_str(), "/pages/contact"] {
        let first = server.get(path).await;
        assert_eq!(account_link(&first), "Mon espace", "{path}");
        let etag = first.header("etag").expect("etag").to_owned();
        let modified = first
            .header("last-modified")
            .expect("last-modified")
            .to_owned();
        assert_eq!(
            first.header("cache-control"),
            Some("public, max-age=0, must-revalidate")
        );

        let member = server
            .member(
                "Zoé Durand-Lefèvre",
                &format!("zoe{}@kiosque.test", path.len()),
            )
            .await;
        let mine = member.browser.get(path).await;
        assert_eq!(mine.status, 200);
        assert_eq!(
            account_link(&mine),
            "Mon espace : Zoé Durand-Lefèvre",
            "{path}"
        );
        assert_eq!(
            mine.header("cache-control"),
            Some("private, no-cache"),
            "{path}"
        );
        assert_ne!(mine.header("etag"), Some(etag.as_str()));
        assert_eq!(mine.header("vary"), Some("Cookie, Accept-Encoding"));

        // A second later, a visitor still gets the bytes rendered before: same ETag, same
        // render time, no name.
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let again = server.get(path).await;
        assert_eq!(again.header("etag"), Some(etag.as_str()), "{path}");
        assert_eq!(
            again.header("last-modified"),
            Some(modified.as_str()),
            "{path}"
        );
        assert_eq!(again.body, first.body, "{path}");
        assert!(!again.body.contains("Zoé"));
    }
    // Personal pages, which no cache keeps, name the member too.
    let member = server.member("Ana Bel", "ana@kiosque.test").await;
    for path in ["/compte", "/nulle-part"] {
        let page = member.browser.get(path).await;
        assert_eq!(account_link(&page), "Mon espace : Ana Bel", "{path}");
    }
    assert_eq!(
        account_link(&server.get("/compte/connexion").await),
        "Mon espace"
    );
}

both_backends!(
    footer_links_answer_200,
    icons_and_brand_images_are_served,
    site_pages_are_edited_by_admins_only,
    the_header_names_the_member_and_visitors_keep_the_cached_page,
);
