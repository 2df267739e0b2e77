//! Hand-made pages in `tests/fixtures/`, one per rule, and the files that must be refused.

use chrono::{NaiveDate, NaiveTime};
use kiosque_domain::Block;
use kiosque_import::{parse_page, ImportedPage, PageError};

fn parse(bytes: &[u8]) -> ImportedPage {
    let page = parse_page(bytes).expect("the page parses");
    assert_eq!(page.to_draft("monde", 0).validate(), Ok(()));
    page
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

fn paragraphs(page: &ImportedPage) -> Vec<String> {
    page.body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn intertitles(page: &ImportedPage) -> Vec<String> {
    page.body
        .iter()
        .filter_map(|b| match b {
            Block::Intertitle { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn no_standfirst() {
    let page = parse(include_bytes!("fixtures/010_sans_chapo.txt"));
    assert_eq!(page.topic.as_deref(), Some("Retraites"));
    assert_eq!(page.standfirst, None);
    assert_eq!(
        page.hero_image.as_deref(),
        Some("/2023/04/14/conseil-constitutionnel_1.jpg")
    );
    assert_eq!(page.published_on, Some(date(2023, 4, 14)));
    assert_eq!(paragraphs(&page).len(), 3);
    assert_eq!(page.body.len(), 3);
    assert!(paragraphs(&page)[0].starts_with("Le Conseil constitutionnel a validé"));
    assert!(page.videos.is_empty());
}

#[test]
fn no_image_at_all() {
    let page = parse(include_bytes!("fixtures/011_sans_image.txt"));
    assert_eq!(page.topic.as_deref(), Some("Météo"));
    assert_eq!(
        page.standfirst.as_deref(),
        Some("Météo-France place onze départements en vigilance orange à partir de mardi midi.")
    );
    assert_eq!(page.hero_image, None);
    assert!(page.images.is_empty());
    assert_eq!(page.published_on, None);
    assert_eq!(paragraphs(&page).len(), 3);
    assert!(page
        .source_key()
        .starts_with("page:undated:meteo-un-episode"));
    let draft = page.to_draft("france", 1_234_567);
    assert_eq!(draft.published_at, Some(1_234_567));
    assert!(!draft.published_time_known);
    assert_eq!(draft.hero, None);
}

#[test]
fn several_intertitles() {
    let page = parse(include_bytes!("fixtures/012_intertitres.txt"));
    assert_eq!(
        page.standfirst.as_deref(),
        Some(
            "Le gouvernement a présenté jeudi en Conseil des ministres un budget marqué par \
             60 milliards d'euros d'efforts."
        )
    );
    assert_eq!(
        intertitles(&page),
        [
            "Des hausses d'impôts ciblées",
            "Les collectivités mises à contribution",
            "Que va-t-il se passer maintenant ?",
        ]
    );
    assert_eq!(paragraphs(&page).len(), 4);
    assert!(matches!(page.body.first(), Some(Block::Paragraph { .. })));
    assert!(matches!(page.body.last(), Some(Block::Paragraph { .. })));
}

#[test]
fn quote_with_attribution() {
    let page = parse(include_bytes!("fixtures/013_citation.txt"));
    let quotes: Vec<(String, Option<String>)> = page
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Quote { text, source } => Some((text.clone(), source.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        quotes,
        [
            (
                "Nous ne laisserons personne au bord du chemin".to_owned(),
                Some("a déclaré Emmanuel Macron".to_owned())
            ),
            (
                "La souveraineté alimentaire n'est pas négociable.".to_owned(),
                None
            ),
        ]
    );
    assert!(matches!(page.body[1], Block::Quote { .. }));
    assert_eq!(paragraphs(&page).len(), 3);
    assert!(intertitles(&page).is_empty());
}

#[test]
fn publication_line_overrides_the_image_date() {
    let page = parse(include_bytes!("fixtures/014_date_publiee.txt"));
    assert_eq!(
        page.standfirst.as_deref(),
        Some("Le Slovène a signé sa sixième victoire d'étape à la veille de l'arrivée à Nice.")
    );
    assert_eq!(
        page.hero_image.as_deref(),
        Some("/2024/07/19/pogacar-col-de-la-couillole_1.jpg")
    );
    assert_eq!(page.published_on, Some(date(2024, 7, 20)));
    assert_eq!(page.published_time, Some(time(17, 42)));
    assert_eq!(page.updated_on, Some((date(2024, 7, 21), Some(time(9, 5)))));
    assert_eq!(page.authors, ["Camille Durand", "Louis Martin"]);
    assert_eq!(page.body.len(), 2);
    for block in &page.body {
        assert!(!block.text().contains("Publié"));
        assert!(!block.text().starts_with("Par "));
    }
    assert_eq!(
        page.videos,
        [
            "Les images de l'arrivée au sommet",
            "Le Tour en 60 secondes"
        ]
    );
    assert!(page.source_key().starts_with("page:2024-07-20:"));

    let draft = page.to_draft("sport", 0);
    assert!(draft.published_time_known);
    assert_eq!(
        draft.published_at,
        Some(kiosque_domain::dates::paris_millis(
            date(2024, 7, 20),
            Some(time(17, 42))
        ))
    );
    assert_eq!(
        draft.updated_at,
        Some(kiosque_domain::dates::paris_millis(
            date(2024, 7, 21),
            Some(time(9, 5))
        ))
    );
    assert_eq!(draft.authors, ["Camille Durand", "Louis Martin"]);
    assert_eq!(draft.tags, ["Tour de France"]);
}

#[test]
fn dates_written_in_words_on_their_own_lines() {
    let page = parse(include_bytes!("fixtures/015_date_en_lettres.txt"));
    assert_eq!(page.published_on, Some(date(2024, 9, 2)));
    assert_eq!(page.published_time, Some(time(7, 15)));
    assert_eq!(page.updated_on, Some((date(2024, 9, 3), None)));
    assert_eq!(page.standfirst, None);
    assert_eq!(page.images, ["/2024/08/30/uniforme-ecole_4.webp"]);
    assert_eq!(paragraphs(&page).len(), 2);
}

#[test]
fn no_video_list() {
    let page = parse(include_bytes!("fixtures/016_sans_videos.txt"));
    assert!(page.videos.is_empty());
    assert_eq!(paragraphs(&page).len(), 2);
    assert_eq!(page.body.len(), 2);
    for block in &page.body {
        let text = block.text();
        for chrome in [
            "Lire aussi",
            "Partager",
            "Commentaires",
            "Connectez-vous",
            "Déjà un compte",
        ] {
            assert!(!text.contains(chrome), "{chrome:?} in {text:?}");
        }
    }
    assert!(page.video_drafts(0).is_empty());
}

#[test]
fn crlf_and_bom() {
    let bytes: &[u8] = include_bytes!("fixtures/017_crlf_bom.txt");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    let page = parse(bytes);
    assert_eq!(
        page.title,
        "Transports : la SNCF annonce un nouveau TGV pour 2025"
    );
    assert_eq!(page.topic.as_deref(), Some("Transports"));
    assert_eq!(
        page.standfirst.as_deref(),
        Some("Le TGV M doit entrer en service commercial sur l'axe Paris-Lyon-Marseille.")
    );
    assert_eq!(
        paragraphs(&page),
        [
            "Plus économe en énergie, la nouvelle rame pourra transporter jusqu'à 740 voyageurs \
             sur deux niveaux.",
            "Les premiers essais à grande vitesse ont eu lieu dans l'est de la France au \
             printemps.",
        ]
    );
    assert_eq!(page.videos, ["À bord du TGV M"]);
    let lf = String::from_utf8_lossy(bytes)
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n");
    assert_eq!(parse(lf.as_bytes()), page);
}

#[test]
fn empty_file() {
    assert_eq!(
        parse_page(include_bytes!("fixtures/100_vide.txt")),
        Err(PageError::Empty)
    );
    assert_eq!(parse_page(b"\xEF\xBB\xBF"), Err(PageError::Empty));
}

#[test]
fn whitespace_only() {
    assert_eq!(
        parse_page(include_bytes!("fixtures/101_espaces.txt")),
        Err(PageError::Empty)
    );
}

#[test]
fn binary_file() {
    assert_eq!(
        parse_page(include_bytes!("fixtures/102_binaire.png")),
        Err(PageError::Binary)
    );
    assert_eq!(
        parse_page(b"\x01\x02\x03\x04 a title\n"),
        Err(PageError::Binary)
    );
}

#[test]
fn latin1_file() {
    assert_eq!(
        parse_page(include_bytes!("fixtures/103_latin1.txt")),
        Err(PageError::NotUtf8)
    );
}

#[test]
fn no_title() {
    assert_eq!(
        parse_page(include_bytes!("fixtures/104_sans_titre.txt")),
        Err(PageError::NoTitle)
    );
    for first_line in [
        "-",
        "Commentaires",
        "À regarder",
        "Publié le 23/12/2016 à 15:34",
        &"Très long titre ".repeat(30),
    ] {
        let page = format!("{first_line}\nUn chapô.\nUn paragraphe.\n");
        assert_eq!(
            parse_page(page.as_bytes()),
            Err(PageError::NoTitle),
            "{first_line}"
        );
    }
}

#[test]
fn title_only() {
    assert_eq!(
        parse_page(include_bytes!("fixtures/105_titre_seul.txt")),
        Err(PageError::NoBody)
    );
    assert_eq!(
        parse_page("Un titre\n/2016/12/23/a.jpg)\nÀ regarder\n-\nUne vidéo\n".as_bytes()),
        Err(PageError::NoBody)
    );
}

#[test]
fn errors_have_human_messages() {
    for error in [
        PageError::Empty,
        PageError::NotUtf8,
        PageError::Binary,
        PageError::NoTitle,
        PageError::NoBody,
        PageError::TooLarge { bytes: 3_000_000 },
        PageError::TooManyBlocks { blocks: 2_001 },
        PageError::BlockTooLong { chars: 60_000 },
    ] {
        let message = error.to_string();
        assert!(message.starts_with("the page") || message.starts_with("a body block"));
        assert!(message.len() > 25, "{message}");
    }
}

#[test]
fn oversized_pages_are_refused() {
    let huge = vec![b'a'; kiosque_import::page::MAX_PAGE_BYTES + 1];
    assert!(matches!(parse_page(&huge), Err(PageError::TooLarge { .. })));
    let long_paragraph = format!("Titre\n{}.\n", "mot ".repeat(15_000));
    assert!(matches!(
        parse_page(long_paragraph.as_bytes()),
        Err(PageError::BlockTooLong { .. })
    ));
    let many = format!("Titre\n{}", "Une phrase.\n".repeat(2_002));
    // The first line is read as the standfirst; 2,001 paragraphs remain.
    assert_eq!(
        parse_page(many.as_bytes()),
        Err(PageError::TooManyBlocks { blocks: 2_001 })
    );
}

#[test]
fn pages_near_the_size_limit_parse_in_linear_time() {
    // A rail of ~400,000 distinct titles: deduplicating them must not be quadratic.
    let mut page = String::from("Titre\nUn paragraphe.\nÀ regarder\n");
    let mut i = 0u32;
    while page.len() < kiosque_import::page::MAX_PAGE_BYTES - 16 {
        page.push_str(&format!("v{i}\n"));
        i += 1;
    }
    let parsed = parse_page(page.as_bytes()).expect("the page parses");
    assert_eq!(parsed.videos.len(), i as usize);

    let body = format!("Titre\n{}", "Une phrase.\n".repeat(150_000));
    assert!(matches!(
        parse_page(body.as_bytes()),
        Err(PageError::TooManyBlocks { .. })
    ));
}
