//! Feeds arbitrary text to `markup::parse`. It must never panic, every body it accepts must be
//! storable, and rendering that body must read back as the same blocks, since the newsroom
//! edits stored articles through `render`. The same text is read as inline formatting too,
//! which must never panic either (pages read every stored text that way).

#![no_main]

use kiosque_domain::markup::{parse, render};
use kiosque_domain::{ArticleDraft, ArticleStatus, CommentMode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The editor only ever sends UTF-8; other bytes say nothing about the parser.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let words = kiosque_domain::inline::plain(text);
    assert!(words.len() <= text.len(), "formatting added text");
    let Ok(body) = parse(text) else {
        return;
    };
    let again = render(&body);
    assert_eq!(
        parse(&again).as_ref(),
        Ok(&body),
        "the body did not survive a round trip; rendered as:\n{again}"
    );
    let draft = ArticleDraft {
        source_key: None,
        section: "monde".into(),
        title: "Titre".into(),
        standfirst: None,
        hero: None,
        hero_video: None,
        body,
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
    if let Err(error) = draft.validate() {
        panic!("a parsed body gave an invalid draft: {error}");
    }
});
