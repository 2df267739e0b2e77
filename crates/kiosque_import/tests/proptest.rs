//! Property tests: no input makes the parser panic, and well-formed pages read back to what
//! generated them.

use kiosque_domain::Block;
use kiosque_import::parse_page;
use proptest::prelude::*;

/// Every parsed page must give a draft that the store accepts.
fn check_ok_page(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(page) = parse_page(bytes) {
        prop_assert!(!page.title.trim().is_empty());
        prop_assert_eq!(page.to_draft("monde", 0).validate(), Ok(()));
        prop_assert_eq!(page.video_drafts(0).len(), page.videos.len());
        prop_assert!(page.source_key().starts_with("page:"));
    }
    Ok(())
}

fn word() -> impl Strategy<Value = String> {
    "[a-zàâçéèêëîïôûùüÿœ]{1,10}"
}

/// Words joined by spaces, first letter upper-case, ending with a full stop.
fn sentence(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), min..=max).prop_map(|words| {
        let mut text = words.join(" ");
        if let Some(first) = text.chars().next() {
            let upper: String = first.to_uppercase().collect();
            text.replace_range(..first.len_utf8(), &upper);
        }
        text.push('.');
        text
    })
}

/// Title words, capitalised, no final full stop.
fn title() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Z][a-zéèà]{1,9}", 2..=12).prop_map(|words| words.join(" "))
}

#[derive(Debug, Clone)]
struct GeneratedPage {
    title: String,
    standfirst: String,
    image: String,
    paragraphs: Vec<String>,
    videos: Option<Vec<String>>,
    crlf: bool,
    bom: bool,
}

impl GeneratedPage {
    fn render(&self) -> Vec<u8> {
        let mut lines = vec![
            self.title.clone(),
            self.standfirst.clone(),
            self.image.clone(),
        ];
        lines.extend(self.paragraphs.iter().cloned());
        if let Some(videos) = &self.videos {
            lines.push("À regarder".to_owned());
            for video in videos {
                lines.push("-".to_owned());
                lines.push(video.clone());
            }
            lines.push("Commentaires".to_owned());
            lines
                .push("Connectez-vous ou créez votre espace franceinfo pour commenter.".to_owned());
            lines.push("Déjà un compte ? Se connecter".to_owned());
        }
        let eol = if self.crlf { "\r\n" } else { "\n" };
        let mut bytes = Vec::new();
        if self.bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(lines.join(eol).as_bytes());
        bytes
    }
}

fn image_line() -> impl Strategy<Value = String> {
    (
        2000i32..2030,
        1u32..=12,
        1u32..=28,
        "[a-zA-Z0-9_]{1,12}",
        prop::sample::select(vec!["jpg", "JPEG", "png", "gif", "webp"]),
        any::<bool>(),
    )
        .prop_map(|(y, m, d, name, ext, paren)| {
            format!(
                "/{y:04}/{m:02}/{d:02}/{name}.{ext}{}",
                if paren { ")" } else { "" }
            )
        })
}

fn generated_page() -> impl Strategy<Value = GeneratedPage> {
    (
        title(),
        sentence(3, 40),
        image_line(),
        prop::collection::vec(sentence(1, 60), 1..12),
        prop::option::of(prop::collection::vec(title(), 1..8)),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(title, standfirst, image, paragraphs, videos, crlf, bom)| GeneratedPage {
                title,
                standfirst,
                image,
                paragraphs,
                videos,
                crlf,
                bom,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_ok_page(&bytes)?;
    }

    #[test]
    fn any_string_never_panics(text in any::<String>()) {
        check_ok_page(text.as_bytes())?;
    }

    #[test]
    fn line_soup_never_panics(
        lines in prop::collection::vec(
            prop_oneof![
                Just("-".to_owned()),
                Just("À regarder".to_owned()),
                Just("Commentaires".to_owned()),
                Just("/2016/12/23/phpoTLVxE_1.jpg)".to_owned()),
                Just("/2023/07/06/x_placeholder.png)".to_owned()),
                Just("Publié le 23/12/2016 à 15h34 - Mis à jour le 24/12/2016".to_owned()),
                Just("Par Camille Durand".to_owned()),
                Just("« Oui », a dit X.".to_owned()),
                "[«»\"“” a-zé.,:…-]{0,40}",
                any::<String>(),
            ],
            0..20,
        ),
        crlf in any::<bool>(),
    ) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        check_ok_page(text.as_bytes())?;
    }

    #[test]
    fn well_formed_pages_read_back(page in generated_page()) {
        let parsed = parse_page(&page.render());
        prop_assert!(parsed.is_ok(), "{:?}", parsed);
        let parsed = parsed.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&parsed.title, &page.title);
        prop_assert_eq!(parsed.standfirst.as_deref(), Some(page.standfirst.as_str()));
        let expected: Vec<Block> = page
            .paragraphs
            .iter()
            .map(|text| Block::Paragraph { text: text.clone() })
            .collect();
        prop_assert_eq!(&parsed.body, &expected);
        let image = page.image.trim_end_matches(')');
        prop_assert_eq!(parsed.hero_image.as_deref(), Some(image));
        let mut videos = page.videos.clone().unwrap_or_default();
        videos.dedup();
        let mut unique = Vec::new();
        for v in videos {
            if !unique.contains(&v) {
                unique.push(v);
            }
        }
        prop_assert_eq!(&parsed.videos, &unique);
        prop_assert_eq!(parsed.to_draft("monde", 0).validate(), Ok(()));
    }
}

proptest! {
    /// No input makes the WordPress reader panic or loop: every read ends, in entries or an
    /// error.
    #[test]
    fn the_wxr_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut r = kiosque_import::wordpress::WxrReader::new(&bytes[..]);
        for _ in 0..4096 {
            match r.next_entry() {
                Ok(Some(_)) => {}
                Ok(None) | Err(_) => break,
            }
        }
    }

    /// An export cut anywhere reads its whole entries and then stops, never with a half entry.
    #[test]
    fn a_wxr_cut_anywhere_never_yields_a_half_entry(cut in 0usize..4000) {
        let xml = format!(
            "{}<item><title>Un</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type></item>\
             <item><title>Deux</title><wp:post_id>2</wp:post_id><wp:post_type>post</wp:post_type></item></channel></rss>",
            r#"<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>"#
        );
        let bytes = &xml.as_bytes()[..cut.min(xml.len())];
        let mut r = kiosque_import::wordpress::WxrReader::new(bytes);
        while let Ok(Some(entry)) = r.next_entry() {
            if let kiosque_import::wordpress::Entry::Item(item) = entry {
                prop_assert!(item.post_id > 0 && item.post_type == "post", "{item:?}");
            }
        }
    }
}

proptest! {
    /// Any body, however broken its HTML, converts to blocks the editor reads back.
    #[test]
    fn every_wordpress_body_converts_to_blocks_the_editor_reads_back(
        html in "(<(p|em|strong|a href=\"https://x.fr/\"|h2|ul|li|blockquote|cite|figure|img src=\"https://x.fr/i.jpg\" alt=\"a\"|table|tr|td|br|script)>|</(p|em|strong|a|h2|ul|li|blockquote|cite|figure|table|tr|td)>|[a-zé*\\[\\]\\\\#>:!1. -]{1,12}|\n\n?|\\[caption\\]|\\[/caption\\]|https://v.fr/x){0,40}"
    ) {
        let body = kiosque_import::wordpress::convert(&html, &|_| None);
        let text = kiosque_domain::markup::render(&body.blocks);
        let back = kiosque_domain::markup::parse(&text);
        prop_assert!(back.is_ok(), "{html:?} -> {text:?}: {back:?}");
        for b in &body.blocks {
            if let kiosque_domain::Block::Paragraph { text } = b {
                prop_assert!(kiosque_domain::inline::check(text).is_ok(), "{text:?}");
            }
        }
    }
}
