//! The body syntax as a journalist types it: what parses, what is refused and with which line.

use super::*;
use crate::article::MediaRef;
use crate::{ArticleDraft, ArticleStatus, CommentMode};

fn p(text: &str) -> Block {
    Block::Paragraph { text: text.into() }
}

#[test]
fn blocks_know_the_line_they_start_on() {
    let text = "Un paragraphe\nsur deux lignes.\n\n## Intertitre\n![Une rue](/2026/12/03/rue.jpg)\n\n::video 4";
    let lines: Vec<usize> = parse_located(text)
        .expect("valid")
        .iter()
        .map(|(line, _)| *line)
        .collect();
    assert_eq!(lines, vec![1, 4, 5, 7]);
}

fn err(text: &str) -> MarkupError {
    match parse(text) {
        Err(error) => error,
        Ok(blocks) => panic!("{text:?} should not parse, gave {blocks:?}"),
    }
}

/// Whatever `parse` accepts must be storable as an article body.
pub(super) fn assert_storable(blocks: &[Block]) {
    let draft = ArticleDraft {
        source_key: None,
        section: "monde".into(),
        title: "Titre".into(),
        standfirst: None,
        hero: None,
        hero_video: None,
        body: blocks.to_vec(),
        tags: vec![],
        authors: vec![],
        status: ArticleStatus::Draft,
        published_at: None,
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    };
    assert_eq!(draft.validate(), Ok(()), "{blocks:?}");
}

const ARTICLE: &str = "\
Les forces du régime de Bachar Al-Assad ont annoncé, jeudi 22 décembre,
avoir repris le contrôle total d’Alep, après plus de quatre ans de combats.

## « Un pas très important »

> C'est un pas très important vers le règlement de la situation en Syrie.
> — Vladimir Poutine

![Des civils évacués d'Alep-Est](2016/12/23/phpoTLVxE_1.jpg \"Évacuation du 22 décembre\" \"AFP\")

Les étapes de l’évacuation :

- 34 000 personnes évacuées depuis le 15 décembre ;
- les derniers bus ont quitté la ville jeudi soir.

1. Cessez-le-feu négocié par Moscou et Ankara.
3. Reprise des bombardements, le 14 décembre.

::video 12

::embed https://www.youtube.com/watch?v=abc123

::lire-aussi 4242 Syrie : qui contrôle quoi à Alep ?

\\## 5 % des habitants seraient restés, selon l’ONU.
";

fn article_blocks() -> Vec<Block> {
    vec![
        p(
            "Les forces du régime de Bachar Al-Assad ont annoncé, jeudi 22 décembre, avoir \
           repris le contrôle total d’Alep, après plus de quatre ans de combats.",
        ),
        Block::Intertitle {
            text: "« Un pas très important »".into(),
        },
        Block::Quote {
            text: "C'est un pas très important vers le règlement de la situation en Syrie.".into(),
            source: Some("Vladimir Poutine".into()),
        },
        Block::Image {
            media: MediaRef {
                path: "/2016/12/23/phpoTLVxE_1.jpg".into(),
                alt: Some("Des civils évacués d'Alep-Est".into()),
                caption: Some("Évacuation du 22 décembre".into()),
                credit: Some("AFP".into()),
                width: None,
                height: None,
            },
        },
        p("Les étapes de l’évacuation :"),
        Block::List {
            ordered: false,
            items: vec![
                "34 000 personnes évacuées depuis le 15 décembre ;".into(),
                "les derniers bus ont quitté la ville jeudi soir.".into(),
            ],
        },
        Block::List {
            ordered: true,
            items: vec![
                "Cessez-le-feu négocié par Moscou et Ankara.".into(),
                "Reprise des bombardements, le 14 décembre.".into(),
            ],
        },
        Block::Video { video_id: 12 },
        Block::Embed {
            url: "https://www.youtube.com/watch?v=abc123".into(),
        },
        Block::ReadAlso {
            article_id: 4242,
            title: "Syrie : qui contrôle quoi à Alep ?".into(),
        },
        p("## 5 % des habitants seraient restés, selon l’ONU."),
    ]
}

#[test]
fn a_whole_article_parses_and_renders_back() {
    let blocks = parse(ARTICLE).expect("the article parses");
    assert_eq!(blocks, article_blocks());
    assert_storable(&blocks);
    let text = render(&blocks);
    assert_eq!(parse(&text), Ok(blocks));
    assert!(text.contains("\n\n\\## 5 % des habitants"), "{text}");
    assert!(
        text.contains("![Des civils évacués d'Alep-Est](/2016/12/23/phpoTLVxE_1.jpg"),
        "{text}"
    );
    assert!(text.contains("1. Cessez-le-feu") && text.contains("2. Reprise"));
}

#[test]
fn crlf_leading_spaces_and_blank_lines_do_not_matter() {
    let text = "\r\n   ## Titre  \r\n\r\n  Un\r\n   paragraphe  \r\n\t\r\n";
    assert_eq!(
        parse(text),
        Ok(vec![
            Block::Intertitle {
                text: "Titre".into()
            },
            p("Un paragraphe"),
        ])
    );
    assert_eq!(parse(""), Ok(vec![]));
    assert_eq!(parse(" \n\n \t \n"), Ok(vec![]));
    assert_eq!(render(&[]), "");
}

#[test]
fn text_is_kept_verbatim() {
    let text = "Il a dit *non* et _jamais_, #Alep, «\u{a0}non\u{a0}» ; l'ONU — 10 %.";
    assert_eq!(parse(text), Ok(vec![p(text)]));
    assert_eq!(parse("a  b"), Ok(vec![p("a  b")]));
}

#[test]
fn markers_need_a_space() {
    for text in [
        "##Syrie",
        "-5 % sur un an",
        ">50 ans",
        "1.5 million",
        "2016",
        "##",
        "-",
    ] {
        assert_eq!(parse(text), Ok(vec![p(text)]), "{text}");
        assert_eq!(render(&[p(text)]), text);
    }
}

#[test]
fn single_line_blocks_need_no_blank_line() {
    let text = "Avant\n## Titre\nAprès\n::video 3\n- a\n- b\n1. c\n> d";
    assert_eq!(
        parse(text),
        Ok(vec![
            p("Avant"),
            Block::Intertitle {
                text: "Titre".into()
            },
            p("Après"),
            Block::Video { video_id: 3 },
            Block::List {
                ordered: false,
                items: vec!["a".into(), "b".into()]
            },
            Block::List {
                ordered: true,
                items: vec!["c".into()]
            },
            Block::Quote {
                text: "d".into(),
                source: None
            },
        ])
    );
}

#[test]
fn a_blank_line_splits_lists_and_quotes() {
    assert_eq!(
        parse("- a\n\n- b"),
        Ok(vec![
            Block::List {
                ordered: false,
                items: vec!["a".into()]
            },
            Block::List {
                ordered: false,
                items: vec!["b".into()]
            },
        ])
    );
}

#[test]
fn escaped_paragraphs() {
    for text in [
        "## pas un titre",
        "> pas une citation",
        ">",
        "- pas une liste",
        "12. pas une liste",
        "![pas une image",
        "::pas une commande",
        "::",
        "\\ déjà une barre",
        "\\",
    ] {
        let rendered = render(&[p(text)]);
        assert_eq!(rendered, format!("\\{text}"));
        assert_eq!(parse(&rendered), Ok(vec![p(text)]), "{rendered}");
    }
    assert_eq!(parse("\\"), Ok(vec![p("\\")]));
    assert_eq!(parse("\\   ## x"), Ok(vec![p("## x")]));
    assert_eq!(
        parse("Début\n\\- suite"),
        Ok(vec![p("Début - suite")]),
        "an escaped line continues a paragraph"
    );
}

#[test]
fn quote_sources() {
    for line in [
        "> — Le Monde",
        "> – Le Monde",
        "> -- Le Monde",
        "> - Le Monde",
        "> —Le Monde",
    ] {
        assert_eq!(
            parse(&format!("> Texte\n> suite\n{line}")),
            Ok(vec![Block::Quote {
                text: "Texte suite".into(),
                source: Some("Le Monde".into())
            }]),
            "{line}"
        );
    }
    // A first line is text, whatever it starts with; so is a last line without a source.
    for text in ["— Texte", "-5 %", "--force"] {
        assert_eq!(
            parse(&format!("> {text}")),
            Ok(vec![Block::Quote {
                text: text.into(),
                source: None
            }])
        );
    }
    assert_eq!(
        parse("> a\n>\n> -5 %"),
        Ok(vec![Block::Quote {
            text: "a -5 %".into(),
            source: None
        }])
    );
    assert_eq!(err("> \n>").kind, MarkupErrorKind::EmptyQuote);
}

#[test]
fn images() {
    let image = |text: &str| match parse(text) {
        Ok(blocks) => match blocks.as_slice() {
            [Block::Image { media }] => media.clone(),
            other => panic!("{text}: {other:?}"),
        },
        Err(error) => panic!("{text}: {error}"),
    };
    let m = image("![](/2016/12/23/a.jpg)");
    assert_eq!(m.path, "/2016/12/23/a.jpg");
    assert_eq!((m.alt, m.caption, m.credit), (None, None, None));
    let m = image("![ Une \\] et \\\\ ]( 2016/01/05/b-c_d.webp   \"\"  \"Crédit \\\"X\\\"\" )");
    assert_eq!(m.path, "/2016/01/05/b-c_d.webp");
    assert_eq!(m.alt.as_deref(), Some("Une ] et \\"));
    assert_eq!(m.caption, None);
    assert_eq!(m.credit.as_deref(), Some("Crédit \"X\""));
    let m = image("![a\\b](/2016/12/23/a.jpg \"(légende)\")");
    assert_eq!(m.alt.as_deref(), Some("a\\b"));
    assert_eq!(m.caption.as_deref(), Some("(légende)"));
    let block = Block::Image { media: m };
    assert_eq!(
        parse(&render(std::slice::from_ref(&block))),
        Ok(vec![block])
    );
}

#[test]
fn image_paths_outside_the_library_are_refused() {
    use MarkupErrorKind::{ImageNotInLibrary, ImagePath};
    for (path, kind) in [
        ("", ImagePath),
        ("/", ImagePath),
        ("/2016/12/23/../../etc/passwd", ImagePath),
        ("/2016/12/../x.jpg", ImagePath),
        ("/2016/12/23/..jpg", ImagePath),
        ("/2016/12/23/.htaccess", ImagePath),
        ("/2016/13/23/x.jpg", ImagePath),
        ("/2016/12/23/x", ImagePath),
        ("/photo.jpg", ImagePath),
        ("/2016/12/23/sous/x.jpg", ImagePath),
        ("/2016/12/23/é.jpg", ImagePath),
        ("javascript:alert(1)", ImageNotInLibrary),
        ("http://exemple.fr/2016/12/23/x.jpg", ImageNotInLibrary),
        ("https://exemple.fr/x.jpg", ImageNotInLibrary),
        ("//exemple.fr/2016/12/23/x.jpg", ImageNotInLibrary),
        ("data:image/png;base64,AAAA", ImageNotInLibrary),
    ] {
        let text = format!("Texte\n\n![alt]({path})");
        assert_eq!(err(&text), MarkupError { line: 3, kind }, "{path}");
    }
}

#[test]
fn broken_images_are_refused() {
    use MarkupErrorKind::{ImageSyntax, ImageUnterminated};
    for (text, kind) in [
        ("![alt", ImageUnterminated),
        ("![alt](/2016/12/23/a.jpg", ImageUnterminated),
        ("![alt](/2016/12/23/a.jpg \"légende)", ImageUnterminated),
        ("![alt] (/2016/12/23/a.jpg)", ImageSyntax),
        ("![alt](/2016/12/23/a.jpg) et du texte", ImageSyntax),
        ("![alt](/2016/12/23/a.jpg légende)", ImageSyntax),
        ("![alt](/2016/12/23/a.jpg \"a\" \"b\" \"c\")", ImageSyntax),
    ] {
        assert_eq!(err(text).kind, kind, "{text}");
    }
}

#[test]
fn directives() {
    assert_eq!(
        parse("::VIDEO 7\n::vidéo 8"),
        Ok(vec![
            Block::Video { video_id: 7 },
            Block::Video { video_id: 8 }
        ])
    );
    assert_eq!(
        parse("::embed HTTPS://Exemple.FR"),
        Ok(vec![Block::Embed {
            url: "https://exemple.fr/".into()
        }])
    );
    assert_eq!(
        parse("::lire-aussi   0042   Un titre  "),
        Ok(vec![Block::ReadAlso {
            article_id: 42,
            title: "Un titre".into()
        }])
    );
    use MarkupErrorKind::{EmbedUrl, ReadAlso, UnknownDirective, VideoId};
    for (text, kind) in [
        ("::video", VideoId),
        ("::video 0", VideoId),
        ("::video -3", VideoId),
        ("::video +3", VideoId),
        ("::video douze", VideoId),
        ("::video 99999999999999999999", VideoId),
        ("::embed", EmbedUrl),
        ("::embed exemple.fr", EmbedUrl),
        ("::embed javascript:alert(1)", EmbedUrl),
        ("::embed ftp://exemple.fr/x", EmbedUrl),
        ("::embed data:text/html,x", EmbedUrl),
        ("::embed https://user:pass@exemple.fr/", EmbedUrl),
        ("::embed https://exemple.fr/a b", EmbedUrl),
        ("::lire-aussi", ReadAlso),
        ("::lire-aussi 123", ReadAlso),
        ("::lire-aussi 123   ", ReadAlso),
        ("::lire-aussi Titre seul", ReadAlso),
        ("::lire-aussi 0 Titre", ReadAlso),
        (
            "::image /2016/12/23/a.jpg",
            UnknownDirective("image".into()),
        ),
        ("::", UnknownDirective(String::new())),
    ] {
        assert_eq!(err(text).kind, kind, "{text}");
    }
    let long = format!("::{}", "x".repeat(1000));
    assert_eq!(
        err(&long).kind,
        UnknownDirective("x".repeat(30)),
        "the name shown is cut short"
    );
}

#[test]
fn messages_name_the_line_in_french() {
    let text = "Un\n\nDeux\n\n![photo](https://exemple.fr/photo.jpg)";
    assert_eq!(
        err(text).to_string(),
        "Ligne 5\u{a0}: l’image doit venir de la médiathèque, pas d’une adresse web\u{a0}: \
         déposez-la, puis indiquez son chemin (/2016/12/23/photo.jpg)."
    );
    let text = format!("{}![photo](/photos/x.jpg)", "\n".repeat(11));
    assert_eq!(
        err(&text).to_string(),
        "Ligne 12\u{a0}: l’image doit avoir un chemin de la médiathèque (/2016/12/23/photo.jpg)."
    );
    assert_eq!(
        err("a\n::carte Paris").to_string(),
        "Ligne 2\u{a0}: «\u{a0}::carte\u{a0}» n’est pas une commande connue (::video, ::embed, \
         ::lire-aussi). Pour commencer un paragraphe par «\u{a0}::\u{a0}», écrivez \\:: ."
    );
}

#[test]
fn limits() {
    let at_limit = "a".repeat(MAX_BLOCK_CHARS);
    assert_eq!(parse(&at_limit), Ok(vec![p(&at_limit)]));
    let escaped = format!("## {}", "a".repeat(MAX_BLOCK_CHARS - 3));
    assert_eq!(parse(&render(&[p(&escaped)])), Ok(vec![p(&escaped)]));

    let text = format!("Titre\n\n{}", "a".repeat(MAX_BLOCK_CHARS + 1));
    assert_eq!(
        err(&text),
        MarkupError {
            line: 3,
            kind: MarkupErrorKind::BlockTooLong
        }
    );
    // Many short lines make one long paragraph; the error points to its first line.
    let text = format!("x\n\n{}", "abcd\n".repeat(MAX_BLOCK_CHARS / 5 + 1));
    assert_eq!(err(&text).line, 3);
    let text = format!("- {}", "a".repeat(MAX_BLOCK_CHARS + 1));
    assert_eq!(err(&text).kind, MarkupErrorKind::BlockTooLong);

    let many = "::video 1\n".repeat(MAX_BLOCKS);
    assert_eq!(parse(&many).map(|b| b.len()), Ok(MAX_BLOCKS));
    let text = format!("{many}Un de trop");
    assert_eq!(
        err(&text),
        MarkupError {
            line: MAX_BLOCKS + 1,
            kind: MarkupErrorKind::TooManyBlocks
        }
    );
    assert!(err(&text).to_string().contains("plus de 2000 blocs"));
}

#[test]
fn render_keeps_line_breaks_from_becoming_syntax() {
    let blocks = [
        p("un\n## deux\n\n::video 3"),
        Block::Quote {
            text: "a\n\n- b".into(),
            source: Some("c\nd".into()),
        },
        Block::List {
            ordered: true,
            items: vec!["x\n\n## y".into()],
        },
    ];
    assert_eq!(
        parse(&render(&blocks)),
        Ok(vec![
            p("un ## deux  ::video 3"),
            Block::Quote {
                text: "a  - b".into(),
                source: Some("c d".into())
            },
            Block::List {
                ordered: true,
                items: vec!["x  ## y".into()]
            },
        ])
    );
}

fn assert_examples_parse(help: &str) {
    let mut examples = 0;
    for line in help.lines() {
        if matches!(classify(line.trim()), Line::Text(_) | Line::Blank) {
            continue;
        }
        examples += 1;
        match parse(line) {
            Ok(blocks) => assert_eq!(blocks.len(), 1, "{line}"),
            Err(error) => panic!("{line}: {error}"),
        }
    }
    assert!(examples >= 12, "{examples}");
    assert!(parse(help).is_ok());
    // The inline examples are plain lines: each must really format something.
    let inline_examples: Vec<&str> = help
        .lines()
        .filter(|l| matches!(classify(l.trim()), Line::Text(_)))
        .filter(|l| l.contains("**") || l.contains("]("))
        .collect();
    assert!(inline_examples.len() >= 2, "{help}");
    for line in inline_examples {
        let spans = crate::inline::check(line).unwrap_or_else(|e| panic!("{line}: {e:?}"));
        assert!(
            spans
                .iter()
                .any(|s| !matches!(s, crate::inline::Span::Text(_))),
            "{line}"
        );
    }
}

#[test]
fn links_to_anything_but_the_web_or_the_site_are_refused_with_their_line() {
    let ok = "Voir [ceci](/monde/x_12.html) et [cela](https://exemple.fr/a).";
    assert_eq!(parse(ok), Ok(vec![p(ok)]));
    for (text, line) in [
        ("Un\n\nDeux [clic](javascript:alert(1)) fin", 3),
        ("Un\n- a\n- [b](data:text/html,x)", 3),
        ("> [c](//autre.fr/x)\n> — Source", 1),
        ("Début\nsuite [un\nlien](mailto:a@b.fr)", 1),
    ] {
        let error = err(text);
        assert_eq!(error.line, line, "{text}");
        assert!(matches!(error.kind, MarkupErrorKind::LinkUrl(_)), "{text}");
    }
    assert_eq!(
        err("a\n\nb [x](javascript:alert(1))").to_string(),
        "Ligne 3\u{a0}: «\u{a0}javascript:alert(1\u{a0}» n’est pas une adresse de lien \
         acceptée\u{a0}: écrivez une adresse web complète (https://…) ou une adresse du site \
         commençant par / (/monde/…_12.html)."
    );
}

#[test]
fn help_examples_parse() {
    assert_examples_parse(help());
    assert_eq!(help(), kiosque_i18n::t("nr-markup-help"));
    // Every language's cheat-sheet, read without installing it (the language is global).
    for lang in kiosque_i18n::Catalogue::languages() {
        let catalogue = kiosque_i18n::Catalogue::load(lang).expect("a catalogue");
        let help = catalogue.text("nr-markup-help");
        assert!(help.lines().count() > 30, "{lang}: {help}");
        assert_examples_parse(&help);
    }
}
