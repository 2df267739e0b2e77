use kiosque_domain::{markup, Block, MediaRef};

use super::body::{comment_text, convert};

fn library(src: &str) -> Option<String> {
    src.strip_prefix("https://exemple.fr/wp-content/uploads")
        .map(|p| p.replace("/2016/12/", "/2016/12/23/"))
}

fn blocks(html: &str) -> Vec<Block> {
    convert(html, &library).blocks
}

fn para(text: &str) -> Block {
    Block::Paragraph { text: text.into() }
}

fn image(path: &str, alt: &str, caption: &str) -> Block {
    Block::Image {
        media: MediaRef {
            path: path.into(),
            alt: Some(alt.into()),
            caption: Some(caption.into()),
            credit: None,
            width: None,
            height: None,
        },
    }
}

#[test]
fn block_markup_becomes_the_editors_blocks() {
    let html = r#"<!-- wp:paragraph --><p>Le <em>président</em> a parlé, <strong>vendredi</strong>, voir <a href="https://exemple.fr/a">ici</a>.</p><!-- /wp:paragraph -->
<!-- wp:heading --><h2>Une <em>réaction</em> attendue</h2><!-- /wp:heading -->
<!-- wp:quote --><blockquote class="wp-block-quote"><p>Ce succès a été rendu possible.</p><cite>Vladimir Poutine</cite></blockquote><!-- /wp:quote -->
<!-- wp:list --><ul><li>Alep</li><li>Homs <em>et</em> Idlib</li></ul><!-- /wp:list -->
<!-- wp:list {"ordered":true} --><ol><li>un</li><li>deux</li></ol><!-- /wp:list -->
<!-- wp:image --><figure class="wp-block-image"><img src="https://exemple.fr/wp-content/uploads/2016/12/alep.jpg" alt="Alep"/><figcaption>La ville, jeudi.</figcaption></figure><!-- /wp:image -->
<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc"} --><figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc
</div></figure><!-- /wp:embed -->"#;
    assert_eq!(
        blocks(html),
        [
            para("Le *président* a parlé, **vendredi**, voir [ici](https://exemple.fr/a)."),
            Block::Intertitle {
                text: "Une réaction attendue".into()
            },
            Block::Quote {
                text: "Ce succès a été rendu possible.".into(),
                source: Some("Vladimir Poutine".into())
            },
            Block::List {
                ordered: false,
                items: vec!["Alep".into(), "Homs *et* Idlib".into()]
            },
            Block::List {
                ordered: true,
                items: vec!["un".into(), "deux".into()]
            },
            image("/2016/12/23/alep.jpg", "Alep", "La ville, jeudi."),
            Block::Embed {
                url: "https://www.youtube.com/watch?v=abc".into()
            },
        ]
    );
}

#[test]
fn classic_content_gets_its_paragraphs_captions_and_embeds() {
    let html = "Premier paragraphe\nsur deux lignes.\n\nSecond, avec une étoile * et [crochets].\n\n[caption id=\"\" align=\"alignnone\" width=\"300\"]<a href=\"x\"><img src=\"https://exemple.fr/wp-content/uploads/2016/12/b.jpg\" alt=\"B\" /></a> Une légende[/caption]\n\nhttps://vimeo.com/12345\n\n[gallery ids=\"1,2\"]";
    let body = convert(html, &library);
    assert_eq!(
        body.blocks,
        [
            para("Premier paragraphe sur deux lignes."),
            para("Second, avec une étoile \\* et \\[crochets\\]."),
            image("/2016/12/23/b.jpg", "B", "Une légende"),
            Block::Embed {
                url: "https://vimeo.com/12345".into()
            },
            para("\\[gallery ids=\"1,2\"\\]"),
        ]
    );
}

#[test]
fn what_has_no_block_keeps_its_words_and_is_reported() {
    let html = r#"<p>Écrire à <a href="mailto:a@exemple.fr">la rédaction</a>.<script>alert(1)</script></p>
<table><tr><td>Alep</td><td>1,8 M</td></tr><tr><td>Homs</td><td>0,7 M</td></tr></table>
<p><img src="https://ailleurs.fr/photo.jpg" alt="Une photo"></p>
<ul><li>un<ul><li>sous</li></ul></li></ul>"#;
    let body = convert(html, &library);
    assert_eq!(
        body.blocks,
        [
            para("Écrire à la rédaction."),
            para("Alep · 1,8 M"),
            para("Homs · 0,7 M"),
            para("[Une photo](https://ailleurs.fr/photo.jpg)"),
            Block::List {
                ordered: false,
                items: vec!["un — sous".into()]
            },
        ]
    );
    let report = body.report.join("\n");
    for said in [
        "mailto",
        "<table>",
        "<script>",
        "not in the library",
        "nested list",
    ] {
        assert!(report.contains(said), "{said} in {report}");
    }
}

#[test]
fn every_converted_body_is_one_the_editor_reads_back() {
    for html in [
        "<p>**déjà** des *étoiles* \\ et ]( au milieu</p>",
        "<h2>## pas un titre</h2><p>- pas une liste</p><p>1. pas une liste</p><p>::embed x</p>",
        "<p><em> espacé </em>mot<strong></strong></p>",
        "<blockquote>Seule ligne<cite>— Source</cite></blockquote>",
        "<p><a href=\"https://exemple.fr/a(b)\">lien (parenthèses)</a></p>",
    ] {
        let blocks = blocks(html);
        let text = markup::render(&blocks);
        let back = markup::parse(&text).unwrap_or_else(|e| panic!("{html}: {e:?}\n{text}"));
        assert_eq!(back, blocks, "{html}\n{text}");
        for b in &blocks {
            if let Block::Paragraph { text } = b {
                kiosque_domain::inline::check(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            }
        }
    }
}

#[test]
fn a_comment_keeps_its_paragraphs_as_plain_text() {
    assert_eq!(
        comment_text("<p>Premier <strong>avis</strong>.</p>\n<p>Voir <a href=\"https://example.org/\">ici</a>.</p>"),
        "Premier avis.\n\nVoir ici."
    );
    assert_eq!(
        comment_text("Une ligne\n\nPuis une autre"),
        "Une ligne\n\nPuis une autre"
    );
    assert_eq!(comment_text("<script>x()</script>"), "");
}
