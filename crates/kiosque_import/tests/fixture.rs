//! The real saved page in `tests/fixtures/000_0cb8e20bd6220873.txt`.

use chrono::NaiveDate;
use kiosque_domain::Block;
use kiosque_import::{parse_page, ImportedPage};

const PAGE: &[u8] = include_bytes!("fixtures/000_0cb8e20bd6220873.txt");

fn page() -> ImportedPage {
    parse_page(PAGE).expect("the fixture parses")
}

#[test]
fn title_topic_and_standfirst() {
    let page = page();
    assert_eq!(
        page.title,
        "Syrie : Poutine appelle Al-Assad afin de le féliciter pour la reprise d'Alep"
    );
    assert_eq!(page.topic.as_deref(), Some("Syrie"));
    assert_eq!(
        page.standfirst.as_deref(),
        Some(
            "\"Ce succès a été rendu possible par les efforts entrepris par tous ceux qui sont \
             engagés dans la lutte contre le terrorisme en Syrie\", a déclaré le président \
             russe, vendredi."
        )
    );
}

#[test]
fn body_is_five_paragraphs_and_one_intertitle() {
    let page = page();
    let kinds: Vec<&str> = page
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph { .. } => "p",
            Block::Intertitle { .. } => "h",
            Block::Quote { .. } => "q",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["p", "p", "h", "p", "p", "p"]);
    assert!(page.body.contains(&Block::Intertitle {
        text: "\"Un pas très important\" vers la paix".to_owned()
    }));
    let paragraphs = page
        .body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .count();
    assert_eq!(paragraphs, 5);
    assert!(page.body[0]
        .text()
        .starts_with("Le président russe a appelé son homologue syrien."));
    assert!(page.body[5]
        .text()
        .ends_with("Elles sont censées devenir une base navale permanente."));
}

#[test]
fn no_rail_or_boilerplate_in_the_body() {
    let page = page();
    for block in &page.body {
        let text = block.text();
        for chrome in [
            "À regarder",
            "Commentaires",
            "Connectez-vous",
            "Déjà un compte",
        ] {
            assert!(!text.contains(chrome), "{chrome:?} in {text:?}");
        }
    }
    assert_ne!(page.standfirst, None);
}

#[test]
fn dates_and_images() {
    let page = page();
    assert_eq!(page.published_on, NaiveDate::from_ymd_opt(2016, 12, 23));
    assert_eq!(page.published_time, None);
    assert_eq!(page.updated_on, None);
    assert_eq!(
        page.hero_image.as_deref(),
        Some("/2016/12/23/phpoTLVxE_1.jpg")
    );
    assert_eq!(page.images, ["/2016/12/23/phpoTLVxE_1.jpg"]);
    assert!(page.images.iter().all(|i| !i.contains("placeholder")));
    assert!(page.authors.is_empty());
}

#[test]
fn video_rail() {
    let page = page();
    assert_eq!(page.videos.len(), 30);
    assert_eq!(
        page.videos.first().map(String::as_str),
        Some("Nouvelle-Calédonie : 50 détenus attaquent l'État en justice")
    );
    assert_eq!(
        page.videos.last().map(String::as_str),
        Some("La lutte sans relâche contre les chauffards")
    );
    assert!(page.videos.iter().all(|v| v != "-" && v != "Commentaires"));
}

#[test]
fn draft_is_valid() {
    let page = page();
    let draft = page.to_draft("monde", 0);
    assert_eq!(draft.validate(), Ok(()));
    assert_eq!(draft.tags, ["Syrie"]);
    assert_eq!(draft.section, "monde");
    assert_eq!(draft.status, kiosque_domain::ArticleStatus::Published);
    assert_eq!(draft.comment_mode, kiosque_domain::CommentMode::Open);
    assert!(!draft.published_time_known);
    let day = NaiveDate::from_ymd_opt(2016, 12, 23).expect("date");
    assert_eq!(
        draft.published_at,
        Some(kiosque_domain::dates::paris_millis(day, None))
    );
    assert_eq!(
        draft
            .hero
            .as_ref()
            .map(|h| (h.path.as_str(), h.alt.as_deref())),
        Some(("/2016/12/23/phpoTLVxE_1.jpg", None))
    );
    assert_eq!(draft.body, page.body);
    assert_eq!(draft.source_key, Some(page.source_key()));
}

#[test]
fn source_key_is_stable() {
    let first = page().source_key();
    let second = page().source_key();
    assert_eq!(first, second);
    assert_eq!(
        first,
        "page:2016-12-23:syrie-poutine-appelle-al-assad-afin-de-le-feliciter-pour-la-reprise-d-alep"
    );
}

#[test]
fn video_drafts_are_newest_first() {
    let page = page();
    let now = 1_700_000_000_000;
    let videos = page.video_drafts(now);
    assert_eq!(videos.len(), 30);
    assert_eq!(videos[0].published_at, now);
    assert!(videos
        .windows(2)
        .all(|w| w[0].published_at > w[1].published_at));
    let max = videos.iter().map(|v| v.published_at).max();
    assert_eq!(max, Some(videos[0].published_at));
    assert_eq!(
        videos[0].source_key.as_deref(),
        Some("video:nouvelle-caledonie-50-detenus-attaquent-l-etat-en-justice")
    );
    assert!(videos.iter().all(|v| v.section.is_none()));
    assert_eq!(
        videos[29].title,
        "La lutte sans relâche contre les chauffards"
    );
}
