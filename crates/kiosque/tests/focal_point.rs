//! Framing images, on both backends: an editor sets a portrait's focal point on its library page
//! (two numbers, as the page's click fills them); every crop of the public pages keeps it in
//! view (the card on the front page, the section's list, the article's hero); each change is a
//! revision with its author. A journalist who may not publish in the section of an article
//! using the image, and a contributor, may not move it; nonsense is refused beside the form.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{select, Member, Page, Site};
use kiosque_domain::focal::FocalPoint;
use kiosque_domain::{markup, ArticleDraft, ArticleStatus, CommentMode, MediaId, MediaRef, UserId};
use kiosque_store::{NewMedia, Store};

/// The classes of the `<img>` elements showing `path` on a page, inside `scope`.
fn img_classes(page: &Page, scope: &str, path: &str) -> Vec<String> {
    let html = page.html();
    select(&html, &format!("{scope} img[src=\"/media/{path}\"]"))
        .iter()
        .map(|i| i.value().attr("class").unwrap_or_default().to_owned())
        .collect()
}

async fn send_focal(who: &Member, id: MediaId, x: &str, y: &str) -> Page {
    let page = format!("/admin/medias/{}", id.get());
    let csrf = who.browser.csrf(&page).await;
    who.browser
        .post(
            &format!("{page}/cadrage"),
            &[("csrf", csrf.as_str()), ("x", x), ("y", y)],
        )
        .await
}

fn form_error(page: &Page) -> String {
    let html = page.html();
    select(&html, ".form-error")
        .iter()
        .map(|e| common::norm(&common::text(e)))
        .collect::<Vec<_>>()
        .join(" ")
}

async fn focal(store: &Store, id: MediaId) -> FocalPoint {
    store
        .media(id)
        .await
        .expect("media")
        .expect("the image")
        .focal
}

async fn editors_frame_a_portrait_and_every_crop_follows(site: Site) {
    let server = site.start_relaxed();
    let store = Store::open(&site.store_url()).await.expect("store");
    let editor = server
        .staff(&site, "Éric", "eric@kiosque.test", &["--role", "editor"])
        .await;
    let journalist = server
        .staff(
            &site,
            "Claire",
            "claire@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let contributor = server
        .staff(
            &site,
            "Coco",
            "coco@kiosque.test",
            &["--role", "contributor"],
        )
        .await;

    // A portrait in the library, the hero of a new story of "france".
    let path = "2026/12/03/portrait-maire.jpg";
    let id = store
        .insert_media(
            &NewMedia {
                path: path.into(),
                mime: "image/jpeg".into(),
                width: 800,
                height: 1200,
                alt: Some("La maire devant la mairie".into()),
                caption: None,
                credit: Some("Kiosque".into()),
                variants: Vec::new(),
                placeholder: String::new(),
            },
            None,
        )
        .await
        .expect("image");
    assert_eq!(
        focal(&store, id).await,
        FocalPoint::CENTRE,
        "centred by default"
    );
    let draft = ArticleDraft {
        source_key: None,
        section: "france".into(),
        title: "Municipales : la maire sortante se représente".into(),
        standfirst: Some("Elle l’a annoncé ce matin.".into()),
        hero: Some(MediaRef {
            path: format!("/{path}"),
            ..MediaRef::default()
        }),
        hero_video: None,
        body: markup::parse("Elle l’a annoncé ce matin devant la mairie.").expect("body"),
        tags: Vec::new(),
        authors: vec!["Rédaction".into()],
        status: ArticleStatus::Draft,
        published_at: None,
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::default(),
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    let editor_id = UserId(editor.id().await);
    let article = store
        .create_article(&draft, editor_id)
        .await
        .expect("article")
        .id;
    let href = store
        .change_status(
            article,
            ArticleStatus::Draft,
            ArticleStatus::Published,
            None,
        )
        .await
        .expect("publish");
    let b = &editor.browser;
    let front = b.get("/").await;
    assert_eq!(
        img_classes(&front, "main .card-thumb", path),
        [""],
        "a centred picture needs no position: {}",
        front.main_text()
    );

    // The image's page offers the two numbers, at the centre.
    let media_page = b.get(&format!("/admin/medias/{}", id.get())).await;
    assert_eq!(media_page.status, 200);
    let html = media_page.html();
    let value = |css: &str| {
        select(&html, css)
            .first()
            .and_then(|i| i.value().attr("value"))
            .map(str::to_owned)
    };
    assert_eq!(value("input#focal-x").as_deref(), Some("50"));
    assert_eq!(value("input#focal-y").as_deref(), Some("50"));
    drop(html);

    // The face, high up on the left: every crop of the site keeps it.
    let revisions = store.media_revisions(id).await.expect("revisions").len();
    let page = send_focal(&editor, id, "40", "20").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(
        focal(&store, id).await,
        FocalPoint::new(40, 20).expect("point")
    );
    let history = store.media_revisions(id).await.expect("revisions");
    assert_eq!(history.len(), revisions + 1, "one revision");
    assert_eq!(history[0].author.as_deref(), Some("Éric"));
    let framed = |p: &Page, scope: &str| img_classes(p, scope, path) == ["fx-40 fy-20"];
    let front = b.get_until("/", |p| framed(p, "main .card-thumb")).await;
    assert!(framed(&front, "main .card-thumb"), "the front page's card");
    let list = b.get_until("/france", |p| framed(p, "main")).await;
    assert!(framed(&list, "main"), "the section page");
    let story = b.get_until(&href, |p| framed(p, "main .media-frame")).await;
    assert!(framed(&story, "main .media-frame"), "the article's hero");
    // The page says so, and shows the point in its fields.
    let media_page = b
        .get(&format!("/admin/medias/{}?ok=cadrage", id.get()))
        .await;
    assert!(media_page.main_text().contains("Cadrage enregistré"));
    assert!(
        media_page.main_text().contains("Éric"),
        "the history names the author"
    );

    // A click gives fractions: whole percents are kept, the page rounds to its steps.
    let page = send_focal(&editor, id, "33.4", "66.6").await;
    assert_eq!(page.status, 303, "{}", page.main_text());
    assert_eq!(
        focal(&store, id).await,
        FocalPoint::new(33, 67).expect("point")
    );
    b.get_until(&href, |p| {
        img_classes(p, "main .media-frame", path) == ["fx-35 fy-65"]
    })
    .await;

    // Nonsense is refused beside the form, and nothing moves.
    let before = store.media_revisions(id).await.expect("revisions").len();
    for (x, y) in [("150", "20"), ("-1", "20"), ("abc", "20"), ("40", "")] {
        let page = send_focal(&editor, id, x, y).await;
        assert_eq!(page.status, 400, "{x},{y}");
        assert!(
            form_error(&page).contains("0 à 100"),
            "{}",
            form_error(&page)
        );
    }
    // A journalist who may not publish in "france", and a contributor: refused.
    let page = send_focal(&journalist, id, "10", "10").await;
    assert_eq!(page.status, 403);
    assert!(
        form_error(&page).contains("France"),
        "{}",
        form_error(&page)
    );
    let page = send_focal(&contributor, id, "10", "10").await;
    assert_eq!(page.status, 403);
    let refused = store
        .set_focal_point(
            id,
            FocalPoint::new(10, 10).expect("point"),
            UserId(journalist.id().await),
        )
        .await
        .expect("answer");
    assert!(matches!(refused, kiosque_store::MediumEdit::Refused { .. }));
    assert_eq!(
        focal(&store, id).await,
        FocalPoint::new(33, 67).expect("point")
    );
    assert_eq!(
        store.media_revisions(id).await.expect("revisions").len(),
        before
    );

    // Back to the centre: the pages drop the position.
    let page = send_focal(&editor, id, "50", "50").await;
    assert_eq!(page.status, 303);
    let story = b
        .get_until(&href, |p| img_classes(p, "main .media-frame", path) == [""])
        .await;
    assert_eq!(img_classes(&story, "main .media-frame", path), [""]);
}

both_backends!(editors_frame_a_portrait_and_every_crop_follows);
