use kiosque_domain::{ArticleStatus, Block, CommentMode, MediaRef};

use super::model::{Item, ItemTerm, Site};
use super::post::{post_draft, Context, PostError};

fn site() -> Site {
    Site {
        base_blog_url: "https://exemple.fr/".into(),
        ..Site::default()
    }
}

fn post(status: &str) -> Item {
    Item {
        title: "Alep reprise".into(),
        creator: "alice".into(),
        content: "<p>Le texte.</p>".into(),
        excerpt: "<p>Le <em>chapô</em>.</p>".into(),
        post_id: 123,
        post_date: "2016-12-23 13:00:00".into(),
        post_date_gmt: "2016-12-23 12:00:00".into(),
        comment_status: "closed".into(),
        post_name: "alep-reprise".into(),
        status: status.into(),
        post_type: "post".into(),
        terms: vec![
            ItemTerm {
                domain: "category".into(),
                nicename: "monde".into(),
                name: "Monde".into(),
            },
            ItemTerm {
                domain: "post_tag".into(),
                nicename: "syrie".into(),
                name: "Syrie".into(),
            },
        ],
        meta: vec![("_thumbnail_id".into(), "44".into())],
        ..Item::default()
    }
}

fn with<T>(f: impl FnOnce(&Context<'_>) -> T) -> T {
    let site = site();
    let cx = Context {
        site: &site,
        author_name: &|login| (login == "alice").then(|| "Alice Martin".to_owned()),
        library: &|_| None,
        attachment: &|id| {
            (id == 44).then(|| MediaRef {
                path: "/2016/12/23/alep.jpg".into(),
                ..MediaRef::default()
            })
        },
        default_section: "archives",
    };
    f(&cx)
}

#[test]
fn a_published_post_becomes_a_published_article() {
    let imported = with(|cx| post_draft(&post("publish"), cx)).expect("imports");
    let d = imported.draft;
    assert_eq!(d.source_key.as_deref(), Some("wordpress:exemple.fr:123"));
    assert_eq!(d.status, ArticleStatus::Published);
    assert_eq!(d.published_at, Some(1_482_494_400_000));
    assert_eq!(
        (d.section.as_str(), imported.section_name.as_str()),
        ("monde", "Monde")
    );
    assert_eq!(d.standfirst.as_deref(), Some("Le chapô."));
    assert_eq!(d.tags, ["Syrie"]);
    assert_eq!(d.authors, ["Alice Martin"]);
    assert_eq!(
        d.hero.map(|h| h.path).as_deref(),
        Some("/2016/12/23/alep.jpg")
    );
    assert_eq!(
        d.body,
        [Block::Paragraph {
            text: "Le texte.".into()
        }]
    );
    assert_eq!(d.comment_mode, CommentMode::Closed);
    assert_eq!(d.slug.as_deref(), Some("alep-reprise"));
}

#[test]
fn statuses_map_and_the_trash_is_left_out() {
    for (wp, ours) in [
        ("future", ArticleStatus::Scheduled),
        ("draft", ArticleStatus::Draft),
        ("pending", ArticleStatus::Draft),
        ("private", ArticleStatus::Unpublished),
    ] {
        let d = with(|cx| post_draft(&post(wp), cx)).expect(wp).draft;
        assert_eq!(d.status, ours, "{wp}");
    }
    assert_eq!(
        with(|cx| post_draft(&post("trash"), cx)),
        Err(PostError::Trashed { id: 123 })
    );
    let mut page = post("publish");
    page.post_type = "page".into();
    assert!(matches!(
        with(|cx| post_draft(&page, cx)),
        Err(PostError::NotAPost { .. })
    ));
    // A draft never dated has no date.
    let mut undated = post("draft");
    undated.post_date_gmt = "0000-00-00 00:00:00".into();
    undated.post_date = "0000-00-00 00:00:00".into();
    let d = with(|cx| post_draft(&undated, cx)).expect("draft").draft;
    assert_eq!(d.published_at, None);
}

#[test]
fn what_is_missing_or_too_long_is_made_up_and_told() {
    let mut p = post("publish");
    p.title = String::new();
    p.content = String::new();
    p.terms.clear();
    p.post_name = "caf%c3%a9".into();
    p.excerpt = "mot* ".repeat(300);
    let imported = with(|cx| post_draft(&p, cx)).expect("imports");
    let d = &imported.draft;
    assert_eq!(d.title, "#123");
    assert_eq!(d.section, "archives");
    assert_eq!(d.slug, None);
    assert_eq!(d.standfirst, None);
    let Block::Paragraph { text } = &d.body[0] else {
        panic!("{:?}", d.body);
    };
    assert!(text.starts_with("mot\\* mot\\*"), "{text}");
    // No body of its own: the excerpt it opens with is all of it.
    assert_eq!(d.body.len(), 1);
    assert_eq!(imported.report.len(), 2, "{:?}", imported.report);
}
