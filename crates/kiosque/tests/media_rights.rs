//! Rights on shared media, on both backends: a journalist who publishes only in "monde" may not
//! rewrite the caption of an image, or the title of a video, that a published article of
//! "france" shows (they are told why on the form, and the public page keeps its text); they may
//! change those only "monde" uses and those no article uses; an editor may change any. Every
//! accepted change is listed with its author on the medium's page.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{norm, select, text, Member, Page, Server, Site};
use kiosque_domain::{
    markup, ArticleDraft, ArticleId, ArticleStatus, Block, CommentMode, MediaId, MediaRef, UserId,
    VideoDraft,
};
use kiosque_store::{NewMedia, Store};

const EMBED: &str = "https://www.dailymotion.com/video/x8rights";

/// What a test works with: the server, its store, a journalist allowed in "monde" only and an
/// editor.
struct Desk {
    server: Server,
    store: Store,
    claire: Member,
    eric: Member,
    eric_id: UserId,
}

async fn desk(site: &Site) -> Desk {
    let server = site.start_with(&["--rate-limit-factor", "1000"]);
    let store = Store::open(&site.store_url()).await.expect("store");
    let claire = server
        .staff(
            site,
            "Claire",
            "claire@kiosque.test",
            &["--role", "journalist", "--section", "monde"],
        )
        .await;
    let eric = server
        .staff(site, "Éric", "eric@kiosque.test", &["--role", "editor"])
        .await;
    let eric_id = UserId(eric.id().await);
    Desk {
        server,
        store,
        claire,
        eric,
        eric_id,
    }
}

impl Desk {
    /// A library image with this caption (its file need not exist to be described).
    async fn image(&self, name: &str, caption: &str) -> (MediaId, String) {
        let path = format!("2026/12/03/{name}.jpg");
        let id = self
            .store
            .insert_media(
                &NewMedia {
                    path: path.clone(),
                    mime: "image/jpeg".into(),
                    width: 800,
                    height: 600,
                    alt: Some(format!("Photo {name}")),
                    caption: Some(caption.into()),
                    credit: Some("AFP".into()),
                    variants: Vec::new(),
                    placeholder: String::new(),
                },
                None,
            )
            .await
            .expect("insert media");
        (id, format!("/{path}"))
    }

    /// A video hosted elsewhere, in no section.
    async fn video(&self, title: &str) -> i64 {
        self.store
            .create_video(
                &VideoDraft {
                    source_key: None,
                    title: title.into(),
                    section: None,
                    poster: None,
                    duration_seconds: None,
                    file_path: None,
                    embed_url: Some(EMBED.into()),
                    published_at: chrono::Utc::now().timestamp_millis(),
                },
                &Default::default(),
            )
            .await
            .expect("create video")
            .id
    }

    /// An article published by the editor in `section`, with these blocks after a paragraph
    /// and this hero video; its public path.
    async fn published(
        &self,
        section: &str,
        title: &str,
        blocks: Vec<Block>,
        hero_video: Option<i64>,
    ) -> String {
        let id = self.draft(section, title, blocks, hero_video).await;
        self.store
            .change_status(id, ArticleStatus::Draft, ArticleStatus::Published, None)
            .await
            .expect("publish")
    }

    /// The same, left a draft.
    async fn draft(
        &self,
        section: &str,
        title: &str,
        blocks: Vec<Block>,
        hero_video: Option<i64>,
    ) -> ArticleId {
        let mut body = markup::parse("Un paragraphe.").expect("body");
        body.extend(blocks);
        let draft = ArticleDraft {
            source_key: None,
            section: section.into(),
            title: title.into(),
            standfirst: None,
            hero: None,
            hero_video,
            body,
            tags: Vec::new(),
            authors: vec!["Agence Essai".into()],
            status: ArticleStatus::Draft,
            published_at: None,
            published_time_known: true,
            updated_at: None,
            comment_mode: CommentMode::default(),
            slug: None,
            seo_title: None,
            seo_description: None,
        };
        self.store
            .create_article(&draft, self.eric_id)
            .await
            .expect("create article")
            .id
    }

    async fn caption(&self, id: MediaId) -> Option<String> {
        self.store
            .media(id)
            .await
            .expect("media")
            .expect("the image")
            .caption
    }

    async fn video_title(&self, id: i64) -> String {
        self.store
            .admin_video(id)
            .await
            .expect("video")
            .expect("the video")
            .title
    }
}

fn image_block(path: &str) -> Block {
    Block::Image {
        media: MediaRef {
            path: path.into(),
            ..MediaRef::default()
        },
    }
}

/// Sends the image's description form with a new caption, as the image page does.
async fn describe(who: &Member, id: MediaId, caption: &str) -> Page {
    let href = format!("/admin/medias/{}", id.get());
    let csrf = who.browser.csrf(&href).await;
    who.browser
        .post(
            &href,
            &[
                ("csrf", &csrf),
                ("alt", "Une photo"),
                ("caption", caption),
                ("credit", "AFP"),
            ],
        )
        .await
}

/// Sends the video form of an existing video hosted elsewhere with a new title (multipart, the
/// CSRF token first and an empty file input last, as a browser does).
async fn retitle(who: &Member, id: i64, title: &str) -> Page {
    let href = format!("/admin/videos/{id}");
    let csrf = who.browser.csrf(&href).await;
    let fields = [
        ("csrf", csrf.as_str()),
        ("title", title),
        ("embed_url", EMBED),
    ];
    let form = fields
        .iter()
        .fold(reqwest::multipart::Form::new(), |f, (k, v)| {
            f.text(*k, (*v).to_owned())
        })
        .part(
            "file",
            reqwest::multipart::Part::bytes(Vec::new()).file_name(String::new()),
        );
    let b = &who.browser;
    let res = b
        .send(b.http().post(b.url(&href)).multipart(form), "video form")
        .await;
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.text().await.expect("the answer's body");
    Page::new(status, headers, body)
}

/// The lines of the history on a medium's edit page.
async fn history(who: &Member, href: &str) -> Vec<String> {
    let page = who.browser.get(href).await;
    assert_eq!(page.status, 200, "{href}: {}", page.main_text());
    let html = page.html();
    select(&html, ".medium-history li")
        .iter()
        .map(|li| norm(&text(li)))
        .collect()
}

fn accepted(page: &Page, what: &str) {
    assert_eq!(
        page.status,
        303,
        "{what} should be accepted: {}",
        page.main_text()
    );
}

/// The refusal: the form again with the reason, naming the section, and a 403.
fn refused(page: &Page, what: &str) {
    assert_eq!(
        page.status,
        403,
        "{what} should be refused: {}",
        page.main_text()
    );
    let html = page.html();
    let alert = select(&html, "[role=alert]")
        .first()
        .map(|e| norm(&text(e)))
        .unwrap_or_else(|| panic!("no message on the form: {}", page.main_text()));
    assert!(
        alert.contains("rubriques où vous ne pouvez pas publier") && alert.contains("France"),
        "{what}: {alert}"
    );
    assert!(
        !select(&html, "main form").is_empty(),
        "{what}: the form is shown again"
    );
}

async fn captions_follow_the_sections_of_the_articles_showing_them(site: Site) {
    let d = desk(&site).await;
    let (elsewhere, elsewhere_path) = d.image("paris", "Une rue de Paris").await;
    let (here, here_path) = d.image("alep", "Alep en décembre").await;
    let (unused, _) = d.image("libre", "Pas encore publiée").await;
    let france_article = d
        .published(
            "france",
            "Un article de France",
            vec![image_block(&elsewhere_path)],
            None,
        )
        .await;
    d.published(
        "monde",
        "Un article du Monde",
        vec![image_block(&here_path)],
        None,
    )
    .await;
    // A draft of "france" does not count: it is read again before it goes out.
    d.draft(
        "france",
        "Un brouillon",
        vec![image_block(&here_path)],
        None,
    )
    .await;

    let before = d.server.get(&france_article).await;
    assert!(before.shows("Une rue de Paris"), "{}", before.main_text());

    // Claire publishes in "monde" only: the image of a published "france" article is not hers
    // to rewrite.
    let page = describe(&d.claire, elsewhere, "Une légende trompeuse").await;
    refused(&page, "a caption shown in france");
    assert_eq!(
        d.caption(elsewhere).await.as_deref(),
        Some("Une rue de Paris")
    );
    let public = d.server.get(&france_article).await;
    assert!(public.shows("Une rue de Paris"), "{}", public.main_text());
    assert!(!public.shows("Une légende trompeuse"));
    assert!(
        history(&d.claire, &format!("/admin/medias/{}", elsewhere.get()))
            .await
            .is_empty()
    );

    // The image only "monde" shows is hers to describe.
    accepted(
        &describe(&d.claire, here, "Alep, le 22 décembre").await,
        "monde",
    );
    assert_eq!(
        d.caption(here).await.as_deref(),
        Some("Alep, le 22 décembre")
    );
    let lines = history(&d.claire, &format!("/admin/medias/{}", here.get())).await;
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("Modifié par Claire le "), "{lines:?}");

    // An image no article uses stays open to journalists, as before.
    accepted(&describe(&d.claire, unused, "Une légende").await, "unused");
    assert_eq!(d.caption(unused).await.as_deref(), Some("Une légende"));

    // The editor may change any: the public page follows, and the history names him.
    accepted(
        &describe(&d.eric, elsewhere, "Paris, rue de Rivoli").await,
        "editor",
    );
    assert_eq!(
        d.caption(elsewhere).await.as_deref(),
        Some("Paris, rue de Rivoli")
    );
    let lines = history(&d.eric, &format!("/admin/medias/{}", elsewhere.get())).await;
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("Modifié par Éric le "), "{lines:?}");
    let public = d
        .server
        .browser()
        .get_until(&france_article, |p| p.shows("Paris, rue de Rivoli"))
        .await;
    assert!(
        public.shows("Paris, rue de Rivoli"),
        "{}",
        public.main_text()
    );
}

async fn video_entries_follow_the_sections_of_the_articles_showing_them(site: Site) {
    let d = desk(&site).await;
    let in_france = d.video("Le marché de Lyon").await;
    let in_monde = d.video("Les rues d’Alep").await;
    let unused = d.video("Une vidéo en attente").await;
    // One opens a "france" article, the other is in the body of a "monde" one.
    d.published("france", "Lyon en images", Vec::new(), Some(in_france))
        .await;
    d.published(
        "monde",
        "Alep en images",
        vec![Block::Video { video_id: in_monde }],
        None,
    )
    .await;

    let page = retitle(&d.claire, in_france, "Un autre titre").await;
    refused(&page, "a video shown in france");
    assert_eq!(d.video_title(in_france).await, "Le marché de Lyon");
    let video_page = d
        .store
        .admin_video(in_france)
        .await
        .expect("video")
        .expect("the video")
        .path();
    let public = d.server.get(&video_page).await;
    assert_eq!(public.status, 200, "{video_page}");
    assert!(public.shows("Le marché de Lyon"), "{}", public.main_text());
    assert!(!public.shows("Un autre titre"));

    accepted(
        &retitle(&d.claire, in_monde, "Alep, décembre 2016").await,
        "monde",
    );
    assert_eq!(d.video_title(in_monde).await, "Alep, décembre 2016");
    let lines = history(&d.claire, &format!("/admin/videos/{in_monde}")).await;
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("Modifié par Claire le "), "{lines:?}");

    accepted(
        &retitle(&d.claire, unused, "Une vidéo prête").await,
        "unused",
    );
    assert_eq!(d.video_title(unused).await, "Une vidéo prête");

    accepted(
        &retitle(&d.eric, in_france, "Lyon, le marché").await,
        "editor",
    );
    assert_eq!(d.video_title(in_france).await, "Lyon, le marché");
    let lines = history(&d.eric, &format!("/admin/videos/{in_france}")).await;
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("Modifié par Éric le "), "{lines:?}");
}

both_backends!(
    captions_follow_the_sections_of_the_articles_showing_them,
    video_entries_follow_the_sections_of_the_articles_showing_them,
);
