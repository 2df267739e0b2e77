//! The desk's administration of the site, on both backends: editors create, rename and move
//! sections, order the front page's section blocks and pin its lead story, rename tags and edit
//! authors' bios and photos; the public pages follow. Journalists and contributors get 403 and
//! change nothing; visitors are sent to log in.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{select, text, Member, Page, Server, Site};
use kiosque_store::Store;

async fn open_store(site: &Site) -> Store {
    Store::open(&site.store_url()).await.expect("store")
}

async fn editor(server: &Server, site: &Site) -> Member {
    server
        .staff(
            site,
            "Éditrice",
            "editrice@kiosque.test",
            &["--role", "editor"],
        )
        .await
}

async fn section_id(store: &Store, slug: &str) -> kiosque_domain::SectionId {
    store
        .section_by_slug(slug)
        .await
        .expect("section")
        .unwrap_or_else(|| panic!("no section {slug}"))
        .id
}

/// Everything the site administration could change, to prove a refused request changed nothing.
async fn snapshot(store: &Store) -> String {
    let sections = store.sections().await.expect("sections");
    let (tags, _) = store.tags_admin(None, 0, 1000).await.expect("tags");
    let (authors, _) = store.authors_admin(0, 1000).await.expect("authors");
    let lead = store.pinned_lead().await.expect("lead").map(|c| c.id);
    format!("{sections:?}\n{tags:?}\n{authors:?}\nlead={lead:?}")
}

fn error_text(page: &Page) -> String {
    let html = page.html();
    select(&html, ".form-error")
        .first()
        .map(|e| common::norm(&text(e)))
        .unwrap_or_default()
}

fn h1(page: &Page) -> String {
    let html = page.html();
    select(&html, "main h1")
        .first()
        .map(|e| common::norm(&text(e)))
        .unwrap_or_default()
}

/// The hrefs of the public navigation.
fn nav_links(page: &Page) -> Vec<(String, String)> {
    let html = page.html();
    select(&html, "nav.site-nav a")
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap_or_default().to_owned(),
                common::norm(&text(a)),
            )
        })
        .collect()
}

/// The slugs of the front page's section blocks, in order.
fn front_blocks(page: &Page) -> Vec<String> {
    let html = page.html();
    select(&html, "section[aria-labelledby^=\"rubrique-\"]")
        .iter()
        .filter_map(|s| s.value().attr("aria-labelledby"))
        .map(|a| a.trim_start_matches("rubrique-").to_owned())
        .collect()
}

/// The href of the front page's lead story.
fn lead_href(page: &Page) -> String {
    let html = page.html();
    select(&html, "article.lead h2 a")
        .first()
        .and_then(|a| a.value().attr("href"))
        .unwrap_or_default()
        .to_owned()
}

fn id_of_path(path: &str) -> i64 {
    path.rsplit('_')
        .next()
        .and_then(|s| s.strip_suffix(".html"))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no id in {path}"))
}

async fn editors_manage_the_section_tree(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let ed = editor(&server, &site).await;
    let b = &ed.browser;
    let csrf = b.csrf("/admin/rubriques").await;
    let monde = section_id(&store, "monde").await;
    let europe = section_id(&store, "europe").await;
    let monde_s = monde.to_string();

    // Created under Monde: its public page answers, with Monde in the breadcrumb.
    let page = b
        .post(
            "/admin/rubriques",
            &[
                ("csrf", &csrf),
                ("slug", "proche-orient"),
                ("name", "Proche-Orient"),
                ("parent", &monde_s),
                ("description", "Israël, Liban, Syrie, Irak"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let created = store
        .section_by_slug("proche-orient")
        .await
        .expect("read")
        .expect("the section is created");
    assert_eq!(created.parent_id, Some(monde));
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/admin/rubriques/{}?ok=cree", created.id).as_str())
    );
    let public = b.get_until("/proche-orient", |p| p.status == 200).await;
    assert_eq!(public.status, 200);
    assert_eq!(h1(&public), "Proche-Orient");
    let html = public.html();
    assert!(
        select(&html, "nav.breadcrumb a[href=\"/monde\"]").len() == 1,
        "Monde › Proche-Orient: {}",
        public.main_text()
    );
    drop(html);
    // In the tree of the back office, under Monde.
    let list = b.get("/admin/rubriques").await;
    assert_eq!(list.status, 200);
    let html = list.html();
    let row = select(&html, "tr[data-section=\"proche-orient\"]");
    assert_eq!(row.len(), 1, "listed");
    assert!(text(&row[0]).contains("Monde"));
    drop(html);
    // A child section is not in the top navigation.
    assert!(!nav_links(&public)
        .iter()
        .any(|(h, _)| h == "/proche-orient"));

    // Renamed: the public page shows the new name at the same address.
    let id = created.id;
    let page = b
        .post(
            &format!("/admin/rubriques/{id}/renommer"),
            &[
                ("csrf", &csrf),
                ("name", "Moyen-Orient"),
                ("description", "Du Liban à l’Iran"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let public = b
        .get_until("/proche-orient", |p| h1(p) == "Moyen-Orient")
        .await;
    assert_eq!(public.status, 200);
    assert_eq!(h1(&public), "Moyen-Orient");
    assert!(public.shows("Du Liban à l'Iran"));

    // Moved to the top level: it joins the navigation (last), without a breadcrumb.
    let page = b
        .post(
            &format!("/admin/rubriques/{id}/deplacer"),
            &[("csrf", &csrf), ("parent", "")],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let front = b
        .get_until("/", |p| {
            nav_links(p).iter().any(|(h, _)| h == "/proche-orient")
        })
        .await;
    let nav = nav_links(&front);
    assert_eq!(
        nav.iter()
            .rfind(|(h, _)| h != "/videos" && h != "/direct" && h != "/"),
        Some(&("/proche-orient".to_owned(), "Moyen-Orient".to_owned())),
        "{nav:?}"
    );
    let public = b.get("/proche-orient").await;
    assert_eq!(public.status, 200);
    assert!(select(&public.html(), "nav.breadcrumb").is_empty());
    assert_eq!(
        store
            .site_section(id)
            .await
            .expect("read")
            .expect("section")
            .parent_id,
        None
    );

    // Refused moves change nothing: under a child (three levels), under itself, and a section
    // with children under another.
    let before = snapshot(&store).await;
    let europe_s = europe.to_string();
    let id_s = id.to_string();
    let france_s = section_id(&store, "france").await.to_string();
    for (who, parent, expected) in [
        (id, europe_s.as_str(), "deux niveaux"),
        (id, id_s.as_str(), "sous elle-même"),
        (monde, france_s.as_str(), "sous-rubriques"),
        (id, "999999", "n'existe pas"),
        (id, "abc", "n'existe pas"),
    ] {
        let page = b
            .post(
                &format!("/admin/rubriques/{who}/deplacer"),
                &[("csrf", &csrf), ("parent", parent)],
            )
            .await;
        assert_eq!(
            page.status,
            400,
            "move {who} under {parent}: {}",
            page.main_text()
        );
        assert!(
            error_text(&page).contains(expected),
            "move {who} under {parent}: {}",
            error_text(&page)
        );
    }
    // Europe cannot take Monde under it: Monde is its parent (its own ancestor).
    let page = b
        .post(
            &format!("/admin/rubriques/{monde}/deplacer"),
            &[("csrf", &csrf), ("parent", &europe_s)],
        )
        .await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    assert_eq!(
        snapshot(&store).await,
        before,
        "refused moves change nothing"
    );

    // Back under Monde, then its position.
    let page = b
        .post(
            &format!("/admin/rubriques/{id}/deplacer"),
            &[("csrf", &csrf), ("parent", &monde_s)],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let page = b
        .post(
            &format!("/admin/rubriques/{id}/position"),
            &[("csrf", &csrf), ("position", "42")],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let s = store
        .site_section(id)
        .await
        .expect("read")
        .expect("section");
    assert_eq!((s.parent_id, s.position), (Some(monde), 42));
    let page = b
        .post(
            &format!("/admin/rubriques/{id}/position"),
            &[("csrf", &csrf), ("position", "-3")],
        )
        .await;
    assert_eq!(page.status, 400);

    // Bad, reserved and taken slugs, and no name: 400, with the reason, and nothing created.
    let before = snapshot(&store).await;
    for (slug, name, expected) in [
        ("Proche Orient", "Proche-Orient", "pas valable"),
        ("proche--orient", "Proche-Orient", "pas valable"),
        ("", "Sans adresse", "pas valable"),
        ("admin", "Administration", "réservée"),
        ("recherche", "Recherche", "réservée"),
        ("monde", "Monde bis", "déjà"),
        ("proche-orient", "Encore", "déjà"),
        ("nouvelle", "   ", "Donnez un nom"),
    ] {
        let page = b
            .post(
                "/admin/rubriques",
                &[
                    ("csrf", &csrf),
                    ("slug", slug),
                    ("name", name),
                    ("parent", ""),
                    ("description", ""),
                ],
            )
            .await;
        assert_eq!(page.status, 400, "slug {slug:?}: {}", page.main_text());
        assert!(
            error_text(&page).contains(&common::norm(expected)),
            "slug {slug:?}: {}",
            error_text(&page)
        );
        // The form keeps what was typed.
        let html = page.html();
        assert_eq!(
            select(&html, "input#r-slug")
                .first()
                .and_then(|i| i.value().attr("value")),
            Some(slug)
        );
    }
    // Under a section that is itself a child: three levels are refused too.
    let page = b
        .post(
            "/admin/rubriques",
            &[
                ("csrf", &csrf),
                ("slug", "balkans"),
                ("name", "Balkans"),
                ("parent", &europe_s),
            ],
        )
        .await;
    assert_eq!(page.status, 400, "{}", page.main_text());
    assert_eq!(snapshot(&store).await, before, "nothing was created");
    assert_eq!(b.get("/balkans").await.status, 404);
    // The reserved path is still the back office.
    assert_eq!(b.get("/admin/rubriques").await.status, 200);

    // Without the token, nothing happens.
    let page = b
        .post(
            "/admin/rubriques",
            &[("slug", "sans-jeton"), ("name", "Sans jeton")],
        )
        .await;
    assert_eq!(page.status, 403);
    assert_eq!(snapshot(&store).await, before);
}

async fn editors_order_the_front_page_and_pin_the_lead(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let ed = editor(&server, &site).await;
    let b = &ed.browser;
    let csrf = b.csrf("/admin/une").await;

    // The section blocks, reversed.
    let front = b.get("/").await;
    let blocks = front_blocks(&front);
    assert!(
        blocks.len() >= 3,
        "the demo shows several blocks: {blocks:?}"
    );
    let top: Vec<_> = store
        .sections()
        .await
        .expect("sections")
        .into_iter()
        .filter(|s| s.parent_id.is_none())
        .collect();
    let mut form: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
    for (i, s) in top.iter().rev().enumerate() {
        form.push((format!("position-{}", s.id), i.to_string()));
    }
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let page = b.post("/admin/une/rubriques", &pairs).await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let reversed: Vec<String> = blocks.iter().rev().cloned().collect();
    let front = b.get_until("/", |p| front_blocks(p) == reversed).await;
    assert_eq!(
        front_blocks(&front),
        reversed,
        "the blocks follow the new order"
    );
    // The navigation follows the same order.
    let nav: Vec<String> = nav_links(&front)
        .into_iter()
        .map(|(h, _)| h.trim_start_matches('/').to_owned())
        .filter(|h| top.iter().any(|s| &s.slug == h))
        .collect();
    let expected: Vec<String> = top.iter().rev().map(|s| s.slug.clone()).collect();
    assert_eq!(nav, expected);
    // The back office shows the positions.
    let admin = b.get("/admin/une").await;
    assert_eq!(admin.status, 200);
    let html = admin.html();
    let first = &top[0];
    assert_eq!(
        select(&html, &format!("input#position-{}", first.id))
            .first()
            .and_then(|i| i.value().attr("value")),
        Some((top.len() - 1).to_string().as_str())
    );
    drop(html);

    // A position that is no number: 400, nothing saved.
    let before = snapshot(&store).await;
    for bad in ["abc", "-1", "10000", ""] {
        let page = b
            .post(
                "/admin/une/rubriques",
                &[
                    ("csrf", csrf.as_str()),
                    (&format!("position-{}", top[1].id), "3"),
                    (&format!("position-{}", first.id), bad),
                ],
            )
            .await;
        assert_eq!(page.status, 400, "{bad:?}: {}", page.main_text());
        assert!(
            error_text(&page).contains("position"),
            "{}",
            error_text(&page)
        );
    }
    let page = b
        .post(
            "/admin/une/rubriques",
            &[("csrf", csrf.as_str()), ("position-999999", "1")],
        )
        .await;
    assert_eq!(page.status, 400);
    assert_eq!(
        snapshot(&store).await,
        before,
        "refused orders change nothing"
    );

    // The lead: another published article pinned.
    let old_lead = lead_href(&front);
    let html = front.html();
    let other = select(&html, "section[aria-labelledby=dernieres] h3 a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_owned)
        .find(|h| *h != old_lead)
        .expect("a latest article");
    drop(html);
    let other_id = id_of_path(&other);
    let admin = b.get("/admin/une").await;
    assert!(
        select(&admin.html(), &format!("input#lead-{other_id}")).len() == 1,
        "offered among the latest"
    );
    let page = b
        .post(
            "/admin/une",
            &[("csrf", csrf.as_str()), ("lead", &other_id.to_string())],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let front = b.get_until("/", |p| lead_href(p) == other).await;
    assert_eq!(lead_href(&front), other, "the front page leads with it");
    assert_eq!(
        store.pinned_lead().await.expect("lead").map(|c| c.id.get()),
        Some(other_id)
    );
    let admin = b.get("/admin/une").await;
    assert!(
        select(&admin.html(), &format!("input#lead-{other_id}[checked]")).len() == 1,
        "shown as pinned"
    );

    // An unknown number, or something else: 400, the lead stays.
    let before = snapshot(&store).await;
    for (lead, autre, expected) in [
        ("", "999999", "Aucun article"),
        ("", "douze", "pas un numéro"),
        ("abc", "", "pas un numéro"),
    ] {
        let page = b
            .post(
                "/admin/une",
                &[("csrf", csrf.as_str()), ("lead", lead), ("autre", autre)],
            )
            .await;
        assert_eq!(page.status, 400, "{lead:?}/{autre:?}: {}", page.main_text());
        assert!(
            error_text(&page).contains(&common::norm(expected)),
            "{}",
            error_text(&page)
        );
    }
    assert_eq!(snapshot(&store).await, before);

    // Typed by number, an older article.
    let (older, _) = store
        .published_articles(None, 25, 1)
        .await
        .expect("articles");
    let older = older.first().expect("an older article").clone();
    let page = b
        .post(
            "/admin/une",
            &[
                ("csrf", csrf.as_str()),
                ("lead", ""),
                ("autre", &older.id.to_string()),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let front = b.get_until("/", |p| lead_href(p) == older.path()).await;
    assert_eq!(lead_href(&front), older.path());

    // Unpinned: the latest article leads again.
    let page = b
        .post("/admin/une", &[("csrf", csrf.as_str()), ("lead", "")])
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(store.pinned_lead().await.expect("lead"), None);
    let (latest, _) = store.published_articles(None, 0, 1).await.expect("latest");
    let latest = latest[0].path();
    let front = b.get_until("/", |p| lead_href(p) == latest).await;
    assert_eq!(lead_href(&front), latest);
}

async fn editors_rename_tags_and_edit_authors(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let ed = editor(&server, &site).await;
    let b = &ed.browser;
    let csrf = b.csrf("/admin/mots-cles").await;

    // A tag renamed: its page shows the new name at the same address, and so do its articles.
    let tag = store
        .tag_by_slug("climat")
        .await
        .expect("tag")
        .expect("the demo has a Climat tag");
    let list = b.get("/admin/mots-cles?q=clim").await;
    assert_eq!(list.status, 200);
    let html = list.html();
    let row = select(&html, "tr[data-tag=climat]");
    assert_eq!(row.len(), 1, "listed");
    let count: i64 = text(&select(&html, "tr[data-tag=climat] td")[2])
        .parse()
        .expect("a count");
    assert!(count >= 2, "Climat has articles: {count}");
    drop(html);
    let page = b
        .post(
            &format!("/admin/mots-cles/{}", tag.id),
            &[("csrf", &csrf), ("name", "Climat et environnement")],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let public = b
        .get_until("/tag/climat", |p| h1(p) == "Climat et environnement")
        .await;
    assert_eq!(public.status, 200);
    assert_eq!(h1(&public), "Climat et environnement");
    let html = public.html();
    let article = select(&html, "ul.cards a[href$=\".html\"]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .find(|h| !h.starts_with("/videos"))
        .expect("an article")
        .to_owned();
    drop(html);
    let page = b.get(&article).await;
    let html = page.html();
    assert_eq!(
        select(&html, "ul.tags a[href=\"/tag/climat\"]")
            .first()
            .map(|a| common::norm(&text(a))),
        Some("Climat et environnement".to_owned()),
        "the article lists the new name"
    );
    drop(html);
    assert_eq!(
        store
            .tag_by_slug("climat")
            .await
            .expect("tag")
            .expect("tag")
            .slug,
        "climat"
    );
    // An empty name: 400, unchanged.
    let before = snapshot(&store).await;
    let page = b
        .post(
            &format!("/admin/mots-cles/{}", tag.id),
            &[("csrf", &csrf), ("name", "  ")],
        )
        .await;
    assert_eq!(page.status, 400);
    assert!(
        error_text(&page).contains("Donnez un nom"),
        "{}",
        error_text(&page)
    );
    assert_eq!(
        b.post(
            "/admin/mots-cles/999999",
            &[("csrf", &csrf), ("name", "Rien")],
        )
        .await
        .status,
        404
    );
    assert_eq!(snapshot(&store).await, before);

    // An author's bio and photo, from the media folder.
    let claire = store
        .author_profile_by_slug("claire-dubois")
        .await
        .expect("author")
        .expect("the demo has Claire Dubois");
    let dir = site.data_dir().join("media/2026/11/26");
    std::fs::create_dir_all(&dir).expect("media dir");
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::ImageBuffer::from_pixel(
        40,
        50,
        image::Rgb([120, 90, 60]),
    ))
    .write_to(&mut jpeg, image::ImageFormat::Jpeg)
    .expect("jpeg");
    std::fs::write(dir.join("claire.jpg"), jpeg.into_inner()).expect("photo");
    let list = b.get("/admin/auteurs").await;
    assert_eq!(list.status, 200);
    assert_eq!(
        select(&list.html(), "tr[data-author=claire-dubois]").len(),
        1
    );
    let path = format!("/admin/auteurs/{}", claire.id);
    let form = b.get(&path).await;
    assert_eq!(form.status, 200);
    let bio = "Correspondante à Genève depuis 2019, elle suit l’ONU et la diplomatie de l’eau.";
    let page = b
        .post(
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("name", "Claire Dubois"),
                ("bio", bio),
                ("photo", "/2026/11/26/claire.jpg"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let public = b.get_until("/auteur/claire-dubois", |p| p.shows(bio)).await;
    assert_eq!(public.status, 200);
    assert!(public.shows(bio), "{}", public.main_text());
    let html = public.html();
    let img = select(&html, "img.author-photo");
    assert_eq!(img.len(), 1, "the photo is shown");
    assert_eq!(
        img[0].value().attr("src"),
        Some("/media/2026/11/26/claire.jpg")
    );
    assert!(img[0]
        .value()
        .attr("alt")
        .is_some_and(|a| a.contains("Claire Dubois")));
    drop(html);
    assert_eq!(server.get("/media/2026/11/26/claire.jpg").await.status, 200);

    // A photo the site does not have, a path that is no path, an empty name, a bio too long:
    // 400, unchanged.
    let before = snapshot(&store).await;
    let long = "x".repeat(2_001);
    for (name, bio, photo, expected) in [
        (
            "Claire Dubois",
            "Bio",
            "/2026/11/26/absente.jpg",
            "Aucune image",
        ),
        ("Claire Dubois", "Bio", "../../etc/passwd", "chemin"),
        (
            "Claire Dubois",
            "Bio",
            "https://ailleurs.test/a.jpg",
            "chemin",
        ),
        ("", "Bio", "", "Donnez un nom"),
        ("Claire Dubois", long.as_str(), "", "trop longue"),
    ] {
        let page = b
            .post(
                &path,
                &[
                    ("csrf", csrf.as_str()),
                    ("name", name),
                    ("bio", bio),
                    ("photo", photo),
                ],
            )
            .await;
        assert_eq!(page.status, 400, "{photo:?}: {}", page.main_text());
        assert!(
            error_text(&page).contains(expected),
            "{photo:?}: {}",
            error_text(&page)
        );
    }
    assert_eq!(snapshot(&store).await, before);

    // The photo removed: the page shows none; the address stays.
    let page = b
        .post(
            &path,
            &[
                ("csrf", csrf.as_str()),
                ("name", "Claire Dubois-Martin"),
                ("bio", bio),
                ("photo", ""),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    let public = b
        .get_until("/auteur/claire-dubois", |p| h1(p) == "Claire Dubois-Martin")
        .await;
    assert_eq!(h1(&public), "Claire Dubois-Martin");
    assert!(select(&public.html(), "img.author-photo").is_empty());
}

/// Every page and form of the site administration.
async fn desk_paths(store: &Store) -> (Vec<String>, Vec<(String, Vec<(&'static str, String)>)>) {
    let monde = section_id(store, "monde").await;
    let europe = section_id(store, "europe").await;
    let tag = store
        .tag_by_slug("climat")
        .await
        .expect("tag")
        .expect("tag")
        .id;
    let author = store
        .author_profile_by_slug("claire-dubois")
        .await
        .expect("author")
        .expect("author")
        .id;
    let (latest, _) = store.published_articles(None, 3, 1).await.expect("latest");
    let pages = vec![
        "/admin/rubriques".to_owned(),
        format!("/admin/rubriques/{monde}"),
        "/admin/mots-cles".to_owned(),
        "/admin/auteurs".to_owned(),
        format!("/admin/auteurs/{author}"),
        "/admin/une".to_owned(),
    ];
    let posts = vec![
        (
            "/admin/rubriques".to_owned(),
            vec![("slug", "pirate".to_owned()), ("name", "Pirate".to_owned())],
        ),
        (
            format!("/admin/rubriques/{europe}/renommer"),
            vec![("name", "Pirate".to_owned())],
        ),
        (
            format!("/admin/rubriques/{europe}/deplacer"),
            vec![("parent", String::new())],
        ),
        (
            format!("/admin/rubriques/{europe}/position"),
            vec![("position", "0".to_owned())],
        ),
        (
            format!("/admin/mots-cles/{tag}"),
            vec![("name", "Pirate".to_owned())],
        ),
        (
            format!("/admin/auteurs/{author}"),
            vec![("name", "Pirate".to_owned()), ("bio", "Pirate".to_owned())],
        ),
        (
            "/admin/une".to_owned(),
            vec![("lead", latest[0].id.to_string())],
        ),
        (
            "/admin/une/rubriques".to_owned(),
            vec![("position-1", "99".to_owned())],
        ),
    ];
    (pages, posts)
}

async fn only_the_desk_manages_the_site(site: Site) {
    let server = site.start_relaxed();
    let store = open_store(&site).await;
    let journalist = server
        .staff(
            &site,
            "Journaliste",
            "journaliste@kiosque.test",
            &["--role", "journalist"],
        )
        .await;
    let contributor = server
        .staff(
            &site,
            "Pigiste",
            "pigiste@kiosque.test",
            &["--role", "contributor"],
        )
        .await;
    let (pages, posts) = desk_paths(&store).await;
    let before = snapshot(&store).await;
    for m in [&journalist, &contributor] {
        // Their own, valid, token: the role is what is refused.
        let csrf = m.csrf().await;
        for p in &pages {
            let page = m.browser.get(p).await;
            assert_eq!(page.status, 403, "{} GET {p}", m.email);
        }
        for (p, fields) in &posts {
            let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
            form.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
            let page = m.browser.post(p, &form).await;
            assert_eq!(page.status, 403, "{} POST {p}", m.email);
        }
    }
    // A visitor is sent to log in, and comes back.
    let visitor = server.browser();
    for p in &pages {
        let page = visitor.get(p).await;
        assert_eq!(page.status, 303, "visitor GET {p}");
        let to = page.location.unwrap_or_default();
        assert!(to.starts_with("/compte/connexion"), "{p} → {to}");
    }
    for (p, fields) in &posts {
        let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = visitor.post(p, &form).await;
        assert_eq!(page.status, 303, "visitor POST {p}");
    }
    assert_eq!(snapshot(&store).await, before, "nothing changed");
    assert_eq!(server.get("/pirate").await.status, 404);

    // Editors (and admins) see the link and the pages.
    let ed = editor(&server, &site).await;
    let articles = ed.browser.get("/admin/articles").await;
    assert_eq!(
        select(&articles.html(), "nav.admin-nav a[href=\"/admin/une\"]").len(),
        1
    );
    let admin = server
        .staff(&site, "Admin", "admin@kiosque.test", &["--admin"])
        .await;
    for p in &pages {
        assert_eq!(ed.browser.get(p).await.status, 200, "editor GET {p}");
        assert_eq!(admin.browser.get(p).await.status, 200, "admin GET {p}");
    }
}

both_backends!(
    editors_manage_the_section_tree,
    editors_order_the_front_page_and_pin_the_lead,
    editors_rename_tags_and_edit_authors,
    only_the_desk_manages_the_site,
);
