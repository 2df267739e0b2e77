//! Whatever a journalist types: the parser never panics, and what it accepts renders back to
//! itself and can be stored.

use super::tests::assert_storable;
use super::*;
use crate::article::MediaRef;
use proptest::prelude::*;

/// Text a journalist might type, syntax characters included, on one line and trimmed.
fn text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "Alep",
        "l’armée",
        "d'Alep",
        "«",
        "»",
        "«\u{a0}Bonjour\u{a0}»",
        "*",
        "**gras**",
        "_",
        "#",
        "##",
        "###",
        ">",
        "-",
        "--",
        "—",
        "–",
        "1.",
        "12.",
        "![",
        "](",
        "]",
        "[",
        "(",
        ")",
        "\"",
        "\\",
        "\\\\",
        "::",
        "::video",
        ":",
        ";",
        "!",
        "?",
        "…",
        "é",
        "Œuvre",
        "10\u{a0}%",
        "https://exemple.fr",
        "🙂",
        "\u{202f}",
        "\t",
        "\r",
    ]);
    let sep = prop::sample::select(vec![" ", "", "  ", "\u{a0}"]);
    let joined = prop::collection::vec((word, sep), 1..8).prop_map(|parts| {
        // Leading spaces, as pasted text often has; parse trims them.
        let mut s = String::from("  ");
        for (w, sep) in parts {
            s.push_str(w);
            s.push_str(sep);
        }
        s
    });
    prop_oneof![joined, "[^\n]{1,40}"].prop_filter_map("blank text or a refused link", |s| {
        let t = s.trim();
        // `[Alep](:)` is a link to nowhere, which `parse` refuses: not a valid block.
        (!t.is_empty() && crate::inline::check(t).is_ok()).then(|| t.to_owned())
    })
}

fn library_path() -> impl Strategy<Value = String> {
    "/(19|20)[0-9]{2}/(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/[A-Za-z0-9_-]{1,12}\\.(jpg|png|webp)"
}

fn block() -> impl Strategy<Value = Block> {
    let id = 1..=i64::MAX;
    prop_oneof![
        3 => text().prop_map(|text| Block::Paragraph { text }),
        1 => text().prop_map(|text| Block::Intertitle { text }),
        1 => (text(), prop::option::of(text()))
            .prop_map(|(text, source)| Block::Quote { text, source }),
        1 => (any::<bool>(), prop::collection::vec(text(), 1..5))
            .prop_map(|(ordered, items)| Block::List { ordered, items }),
        1 => (
            library_path(),
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text())
        )
            .prop_map(|(path, alt, caption, credit)| Block::Image {
                media: MediaRef {
                    path,
                    alt,
                    caption,
                    credit,
                    width: None,
                    height: None
                }
            }),
        1 => id.clone().prop_map(|video_id| Block::Video { video_id }),
        1 => id.clone().prop_map(|audio_id| Block::Audio { audio_id }),
        1 => "https://(www\\.youtube\\.com/watch\\?v=[A-Za-z0-9_-]{5,11}|x\\.com/[a-z]{1,8}/status/[0-9]{1,10}|vimeo\\.com/[0-9]{1,9})"
            .prop_map(|url| Block::Embed { url }),
        1 => (id, text()).prop_map(|(article_id, title)| Block::ReadAlso { article_id, title }),
    ]
}

/// Strings dense in syntax, so that the never-panics property reaches every branch.
fn syntaxy() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "## ",
        "> ",
        ">",
        "> — ",
        "- ",
        "-- ",
        "1. ",
        "![",
        "]",
        "](",
        "(",
        ")",
        "\"",
        "\\",
        "::",
        "::video ",
        "::embed ",
        "::lire-aussi ",
        "12",
        "0",
        "-1",
        "https://a.fr/",
        "javascript:",
        "/2016/12/23/a.jpg",
        "[",
        "*",
        "**",
        "2016/12/23/",
        "..",
        "/",
        "é",
        "«",
        "’",
        "—",
        "\u{a0}",
        "\u{feff}",
        "\u{2028}",
        "🙂",
        "x",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn valid_blocks_round_trip(blocks in prop::collection::vec(block(), 0..12)) {
        let text = render(&blocks);
        prop_assert_eq!(parse(&text), Ok(blocks), "rendered as:\n{}", text);
    }

    #[test]
    fn parse_never_panics_and_its_output_round_trips(
        text in prop_oneof![any::<String>(), syntaxy(), "\\PC{0,200}"]
    ) {
        if let Ok(blocks) = parse(&text) {
            assert_storable(&blocks);
            let again = render(&blocks);
            prop_assert_eq!(parse(&again), Ok(blocks), "rendered as:\n{}", again);
        }
    }
}
