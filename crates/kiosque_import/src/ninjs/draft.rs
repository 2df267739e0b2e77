//! A wire item as a draft of the "Dépêches" section: the headline, the summary as standfirst,
//! the body (HTML converted like WordPress bodies, plain text by paragraphs), the byline,
//! subjects as tags, and the place as the body's dateline. Always a draft: an editor decides
//! what goes online.

use kiosque_domain::article::{MAX_STANDFIRST_CHARS, MAX_TITLE_CHARS};
use kiosque_domain::{ArticleDraft, ArticleStatus, Block, CommentMode, MediaRef};

use super::WireItem;
use crate::wordpress::{convert, escape_inline};

/// The section wire items land in.
pub const WIRE_SECTION: &str = "depeches";

/// How many subjects become tags: agencies send dozens of codes, a page shows a few.
const MAX_TAGS: usize = 8;

/// The draft of `item`. `hero` is the library's copy of its picture, when the importer made
/// one; `received` (Unix ms) dates an item that gives no time.
pub fn to_draft(item: &WireItem, hero: Option<MediaRef>, received: i64) -> ArticleDraft {
    let title = [&item.headline, &item.slugline, &item.uri]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .map(|s| cut(s.trim(), MAX_TITLE_CHARS))
        .unwrap_or_default();
    let mut body = if item.body_html.trim().is_empty() {
        paragraphs(&item.body_text)
    } else {
        convert(&item.body_html, &|_| None).blocks
    };
    let mut standfirst = Some(item.description.trim().to_owned()).filter(|s| !s.is_empty());
    if let Some(long) = standfirst.take_if(|s| s.chars().count() > MAX_STANDFIRST_CHARS) {
        body.insert(
            0,
            Block::Paragraph {
                text: escape_inline(&long),
            },
        );
    }
    if !item.located.is_empty() {
        // The dateline, as agencies write it at the head of the story.
        let dateline = escape_inline(&item.located.to_uppercase());
        match body.first_mut() {
            Some(Block::Paragraph { text }) if !text.starts_with(&dateline) => {
                *text = format!("{dateline} – {text}");
            }
            Some(Block::Paragraph { .. }) => {}
            _ => body.insert(0, Block::Paragraph { text: dateline }),
        }
    }
    if body.is_empty() {
        body.push(Block::Paragraph {
            text: escape_inline(&title),
        });
    }
    let byline = if item.byline.is_empty() {
        item.agency.clone()
    } else {
        item.byline.clone()
    };
    ArticleDraft {
        source_key: Some(source_key(&item.uri)),
        section: WIRE_SECTION.to_owned(),
        title,
        standfirst,
        hero,
        hero_video: None,
        body,
        tags: item
            .subjects
            .iter()
            .filter(|s| s.chars().count() <= 60)
            .take(MAX_TAGS)
            .cloned()
            .collect(),
        authors: Some(byline).filter(|b| !b.is_empty()).into_iter().collect(),
        status: ArticleStatus::Draft,
        published_at: Some(item.versioncreated.unwrap_or(received)),
        published_time_known: true,
        updated_at: None,
        comment_mode: CommentMode::Open,
        slug: None,
        seo_title: None,
        seo_description: None,
    }
}

/// What identifies an item across its versions.
pub fn source_key(uri: &str) -> String {
    format!("ninjs:{uri}")
}

/// Plain text by paragraphs: blank lines part them, and so do single line breaks (agencies
/// send one paragraph per line).
fn paragraphs(text: &str) -> Vec<Block> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph {
            text: escape_inline(l),
        })
        .collect()
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect::<String>().trim().to_owned()
}
