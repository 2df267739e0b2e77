//! The page read line by line: title, standfirst, metadata, body and rail, in one pass.

use chrono::NaiveDate;
use kiosque_domain::article::{MAX_BLOCKS, MAX_BLOCK_CHARS, MAX_STANDFIRST_CHARS, MAX_TITLE_CHARS};
use kiosque_domain::Block;

use super::blocks::classify_body;
use super::lines::{clean_line, decode, has_alphanumeric, is_boilerplate, is_rail_start};
use super::meta::{parse_byline, parse_image_line, topic_of, ImageRef};
use super::model::{ImportedPage, PageError};
use super::stamps::{parse_stamp_line, Stamp};
use super::videos::Rail;

/// Most lines a standfirst may span between the title and the first image line.
pub const MAX_STANDFIRST_LINES: usize = 3;
/// Longest first line read as a standfirst when the page has no image line.
pub const MAX_LONE_STANDFIRST_CHARS: usize = 400;

/// Parses an article page saved as text. See the module documentation for the rules.
pub fn parse_page(bytes: &[u8]) -> Result<ImportedPage, PageError> {
    let text = decode(bytes)?;
    let mut lines = text
        .split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(clean_line)
        .filter(|l| !l.is_empty());

    let title = lines.next().ok_or(PageError::Empty)?;
    if !is_plausible_title(&title) {
        return Err(PageError::NoTitle);
    }

    let mut scan = Scan::default();
    for line in lines {
        scan.push(line);
    }
    let Scan {
        head,
        body: after_image,
        saw_image,
        images,
        hero_date,
        published,
        updated,
        authors,
        rail,
        ..
    } = scan;

    let (standfirst, body_lines) = split_standfirst(head, after_image, saw_image);
    let body = classify_body(&body_lines);
    check_body(&body)?;

    let (published_on, published_time) = match published {
        Some((date, time)) => (Some(date), time),
        None => (hero_date, None),
    };

    Ok(ImportedPage {
        topic: topic_of(&title),
        title,
        standfirst,
        hero_image: images.first().cloned(),
        images,
        published_on,
        published_time,
        updated_on: updated,
        body,
        videos: rail.titles,
        authors,
    })
}

fn is_plausible_title(line: &str) -> bool {
    has_alphanumeric(line)
        && line.chars().count() <= MAX_TITLE_CHARS
        && parse_image_line(line).is_none()
        && !is_boilerplate(line)
        && !is_rail_start(line)
        && parse_stamp_line(line).is_none()
}

/// The standfirst and the body lines, from the lines before and after the first image line.
fn split_standfirst(
    head: Vec<String>,
    after_image: Vec<String>,
    saw_image: bool,
) -> (Option<String>, Vec<String>) {
    if !saw_image {
        split_lone_standfirst(head)
    } else if head.is_empty() {
        (None, after_image)
    } else if head.len() <= MAX_STANDFIRST_LINES
        && head.iter().map(|l| l.chars().count() + 1).sum::<usize>() <= MAX_STANDFIRST_CHARS + 1
    {
        (Some(head.join(" ")), after_image)
    } else {
        let mut all = head;
        all.extend(after_image);
        split_lone_standfirst(all)
    }
}

/// Refuses a body with no paragraph, or one that an article could not hold.
fn check_body(body: &[Block]) -> Result<(), PageError> {
    if !body.iter().any(|b| matches!(b, Block::Paragraph { .. })) {
        return Err(PageError::NoBody);
    }
    if body.len() > MAX_BLOCKS {
        return Err(PageError::TooManyBlocks { blocks: body.len() });
    }
    if let Some(chars) = body
        .iter()
        .map(|b| b.text().chars().count())
        .find(|&n| n > MAX_BLOCK_CHARS)
    {
        return Err(PageError::BlockTooLong { chars });
    }
    Ok(())
}

/// Where the scan is in the page.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Between the title and the first image reference line.
    #[default]
    Head,
    /// After the first image reference line.
    Body,
    /// After `À regarder`.
    Rail,
}

/// State of the line-by-line pass that follows the title.
#[derive(Debug, Default)]
struct Scan {
    phase: Phase,
    head: Vec<String>,
    body: Vec<String>,
    saw_image: bool,
    images: Vec<String>,
    hero_date: Option<NaiveDate>,
    published: Option<Stamp>,
    updated: Option<Stamp>,
    authors: Vec<String>,
    rail: Rail,
}

impl Scan {
    fn push(&mut self, line: String) {
        // Stamps are read anywhere, even in the rail and the page chrome after it.
        if let Some(stamps) = parse_stamp_line(&line) {
            self.published = self.published.or(stamps.published);
            self.updated = self.updated.or(stamps.updated);
            return;
        }
        if self.phase == Phase::Rail {
            self.rail.push(line);
            return;
        }
        if is_boilerplate(&line) || !has_alphanumeric(&line) {
            return;
        }
        if is_rail_start(&line) {
            self.phase = Phase::Rail;
        } else if let Some(image) = parse_image_line(&line) {
            self.push_image(image);
        } else if let Some(names) = parse_byline(&line) {
            if self.authors.is_empty() {
                self.authors = names;
            }
        } else if self.phase == Phase::Head {
            self.head.push(line);
        } else {
            self.body.push(line);
        }
    }

    /// An image line ends the head; the first kept image is the hero, whose path dates the page.
    fn push_image(&mut self, image: ImageRef) {
        self.saw_image = true;
        self.phase = Phase::Body;
        if !image.placeholder {
            if self.images.is_empty() {
                self.hero_date = image.date;
            }
            self.images.push(image.path);
        }
    }
}

/// The no-image standfirst rule: the first line, when short, ending like a sentence, and
/// followed by at least one paragraph.
fn split_lone_standfirst(mut lines: Vec<String>) -> (Option<String>, Vec<String>) {
    let qualifies = match lines.split_first() {
        Some((first, rest)) => {
            first.chars().count() <= MAX_LONE_STANDFIRST_CHARS
                && first.ends_with(['.', '!', '?', '…', '»', '"', '”', ')'])
                && classify_body(rest)
                    .iter()
                    .any(|b| matches!(b, Block::Paragraph { .. }))
        }
        None => false,
    };
    if qualifies {
        let first = lines.remove(0);
        (Some(first), lines)
    } else {
        (None, lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::test_support::date;

    #[test]
    fn lone_standfirst_needs_a_following_paragraph() {
        let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (s, body) = split_lone_standfirst(lines(&["Chapô.", "Paragraphe."]));
        assert_eq!(s.as_deref(), Some("Chapô."));
        assert_eq!(body.len(), 1);
        let (s, _) = split_lone_standfirst(lines(&["Seul."]));
        assert_eq!(s, None);
        let (s, _) = split_lone_standfirst(lines(&["Pas de point", "Paragraphe."]));
        assert_eq!(s, None);
    }

    #[test]
    fn images_far_down_the_page_do_not_swallow_the_body() {
        let page = parse_page(
            "Titre\nChapô court.\nUn.\nDeux.\nTrois.\n/2020/05/06/a.jpg\nQuatre.\n\
             /2020/05/07/b.png)\nCinq.\n"
                .as_bytes(),
        )
        .expect("parses");
        assert_eq!(page.standfirst.as_deref(), Some("Chapô court."));
        assert_eq!(page.body.len(), 5);
        assert_eq!(page.images, ["/2020/05/06/a.jpg", "/2020/05/07/b.png"]);
        assert_eq!(page.published_on, Some(date(2020, 5, 6)));
    }

    #[test]
    fn a_body_of_quotes_and_intertitles_only_has_no_paragraph() {
        assert_eq!(
            parse_page("Titre\n/2020/01/01/a.jpg\nIntertitre\n« Citation. »\n".as_bytes()),
            Err(PageError::NoBody)
        );
    }
}
