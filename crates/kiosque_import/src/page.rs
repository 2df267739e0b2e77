//! Article pages saved as plain text, parsed into an [`ImportedPage`].
//!
//! The input is what a browser's "save as text" (or a text dump of an archived page) gives for
//! an article of a French news site: one element per line, no markup. [`parse_page`] is pure:
//! no I/O, no clock, no panic on any input. It reads the page line by line with these rules.
//!
//! # Decoding
//!
//! * Pages larger than [`MAX_PAGE_BYTES`] are refused ([`PageError::TooLarge`]).
//! * A UTF-8 byte order mark is skipped. Nothing else (or only whitespace) left:
//!   [`PageError::Empty`].
//! * A NUL byte, or control characters (other than tab, LF, CR and form feed) making up more
//!   than 5 % of the bytes: [`PageError::Binary`]. This is checked before the encoding, so a
//!   PNG file is `Binary`, not `NotUtf8`.
//! * Not valid UTF-8 (a Latin-1 or Windows-1252 file, say): [`PageError::NotUtf8`].
//!
//! # Lines
//!
//! Lines end with LF, CRLF or a lone CR. Each line is cleaned: control and zero-width
//! characters are removed, tabs and runs of spaces become one space, and the line is trimmed
//! at both ends. Blank lines are ignored everywhere. Lines with no letter or digit at all (a
//! lone `-`, `***`, `•`) are separators: they never become text.
//!
//! # Title and topic
//!
//! The first non-blank line is the title. It is refused ([`PageError::NoTitle`]) when it is a
//! separator, an image reference, a boilerplate line, the `À regarder` rail heading, a date
//! line, or longer than [`MAX_TITLE_CHARS`] characters.
//!
//! The topic is the part of the title before the first ` : ` (a colon with whitespace on both
//! sides, as French typography writes it), when that part is at most [`MAX_TOPIC_CHARS`]
//! characters and [`MAX_TOPIC_WORDS`] words and something follows the colon:
//! `Syrie : Poutine appelle…` has the topic `Syrie`.
//!
//! # Image references
//!
//! A line `/YYYY/MM/DD/name.ext` with an optional closing `)` (what remains of a Markdown
//! image), where `ext` is `jpg`, `jpeg`, `png`, `gif` or `webp` in any case and `name` has no
//! whitespace or `/`. Images whose file name contains `placeholder` (any case) are dropped;
//! the others are kept in [`ImportedPage::images`] in page order, and the first kept one is the
//! hero. The date in the hero's path is the fallback publication date (an impossible date
//! such as `/2016/13/45/` is simply no date). Images are not body blocks.
//!
//! # Standfirst
//!
//! * With an image reference line: the text lines between the title and the first image
//!   reference line (placeholder or not) are the standfirst, joined with a space, provided
//!   there are at most [`MAX_STANDFIRST_LINES`] of them and they total at most
//!   [`MAX_STANDFIRST_CHARS`] characters. No line there: no standfirst. Too many or too long:
//!   they are read as if there were no image line (next rule), since the page then evidently
//!   has its images further down the body.
//! * Without an image reference line: the first text line is the standfirst only when it is
//!   at most [`MAX_LONE_STANDFIRST_CHARS`] characters, ends like a sentence (`.`, `!`, `?`,
//!   `…`, `»`, `"`, `”` or `)`) and the lines after it still hold at least one body paragraph.
//!   Otherwise it is body. (A page with no image and no standfirst whose first paragraph is
//!   short is therefore read as having a standfirst: the text alone cannot tell them apart.)
//!
//! # Dates
//!
//! A line that is wholly a publication stamp is metadata, never body:
//! `Publié le 23/12/2016 à 15:34`, optionally followed (after `-`, `–`, `—`, `|`, `·`, `,` or
//! `;`, or nothing) by `Mis à jour le 24/12/2016 à 09:02`; the update part may also stand on
//! its own line. Accepted forms: `Publié`/`Publie`; `Mis à jour`, `Modifié`, `Actualisé`
//! (with or without accents); an optional `le`; a date `23/12/2016` (also `23.12.2016`, one-
//! digit day and month) or `vendredi 23 décembre 2016` (weekday optional, `1er` accepted);
//! an optional time `à 15:34`, `à 15h34`, `à 15 h 34` or `à 15h`; a final `.`. Letter case
//! is ignored. A line that starts like a stamp but does not parse completely is body text.
//! The first publication stamp and the first update stamp found win.
//!
//! The publication date is the stamp's date when there is one, else the hero image's path
//! date, else none. The time is known only from a stamp.
//!
//! # Byline
//!
//! A line `Par Prénom Nom`, `Par A et B` or `Par A, B et C` (at most four names of at most
//! five words each; every word capitalised except the particles `de`, `du`, `des`, `d'`,
//! `la`, `le`, `van`, `von`, `di`, `da`, `del`, `ben`, `el`; at most 120 characters) names the
//! authors. It is metadata, never body. Only the first byline is used.
//!
//! # Boilerplate
//!
//! Dropped wherever it appears (letter case, typographic apostrophes, non-breaking spaces and
//! a final `:` ignored): `Commentaires`, `Voir les commentaires`, `Réagir`, `Se connecter`,
//! `S'inscrire`, `Déjà un compte ?`, `Déjà un compte ? Se connecter`, `Partager`,
//! `Partager l'article`, `Partager sur …` (Facebook, Twitter, X, LinkedIn, WhatsApp),
//! `Envoyer par e-mail`, `Copier le lien`, `Lire aussi`, `À lire aussi`, `Lire la suite`,
//! `Publicité`, `Abonnez-vous`, `S'abonner`, and any line starting with `Connectez-vous` and
//! ending with `pour commenter` (optionally followed by `.`).
//!
//! # Video rail
//!
//! The line `À regarder` (or `A regarder`, optionally with a final `:`) ends the article and
//! starts the rail. In the rail, separators (`-` lines) are skipped, image references
//! (thumbnails) are ignored, and every other line of at most [`MAX_TITLE_CHARS`] characters is
//! one video title, kept in page order (a title listed twice is kept once). The first
//! boilerplate line ends the rail; every text line after it is page chrome and ignored. Date
//! stamps are still read there.
//!
//! # Body
//!
//! The remaining text lines, in order, each become one block:
//!
//! * **Quote** when the line is wholly a quotation: it starts with `"`, `«` or `“`, the
//!   matching closing mark (nesting of `«»` and `“”` is counted) is followed by nothing, by a
//!   lone `.`, or by an attribution: at most [`MAX_ATTRIBUTION_CHARS`] characters, starting
//!   with `,` or a dash, with no quotation mark. The attribution, without its leading
//!   separator and trailing `.`, is the quote's `source`; the text is what lies between the
//!   outer marks, trimmed.
//! * **Intertitle** otherwise, when the line is at most [`MAX_INTERTITLE_CHARS`] characters,
//!   does not end with `.`, `…`, `:`, `,` or `;`, and is not the last body line.
//!   (`"Un pas très important" vers la paix` is one: its closing quote is followed by more
//!   than an attribution, so it is no quote.)
//! * **Paragraph** otherwise.
//!
//! A page whose body has no paragraph is refused ([`PageError::NoBody`]). So is a body that
//! an article could not hold: more than [`MAX_BLOCKS`] blocks ([`PageError::TooManyBlocks`])
//! or a block over [`MAX_BLOCK_CHARS`] characters ([`PageError::BlockTooLong`]). Hence for
//! every parsed page, [`ImportedPage::to_draft`] with a valid section slug passes
//! [`ArticleDraft::validate`].

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveTime};
use kiosque_domain::article::{MAX_BLOCKS, MAX_BLOCK_CHARS, MAX_STANDFIRST_CHARS, MAX_TITLE_CHARS};
use kiosque_domain::dates::paris_millis;
use kiosque_domain::slug::slugify;
use kiosque_domain::{ArticleDraft, ArticleStatus, Block, CommentMode, MediaRef, VideoDraft};

/// Largest page accepted, in bytes. Real article pages are a few tens of kilobytes.
pub const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;
/// Longest text before ` : ` that is still read as the title's topic.
pub const MAX_TOPIC_CHARS: usize = 40;
/// Most words in a topic.
pub const MAX_TOPIC_WORDS: usize = 5;
/// Most lines a standfirst may span between the title and the first image line.
pub const MAX_STANDFIRST_LINES: usize = 3;
/// Longest first line read as a standfirst when the page has no image line.
pub const MAX_LONE_STANDFIRST_CHARS: usize = 400;
/// Longest line read as an intertitle.
pub const MAX_INTERTITLE_CHARS: usize = 120;
/// Longest attribution after a quotation's closing mark.
pub const MAX_ATTRIBUTION_CHARS: usize = 60;
/// Longest line read as a byline.
const MAX_BYLINE_CHARS: usize = 120;

/// An article page, as read from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPage {
    /// The whole title, as the page shows it.
    pub title: String,
    /// The text before ` : ` in the title, when short (see the module documentation).
    pub topic: Option<String>,
    pub standfirst: Option<String>,
    /// The first kept image path, e.g. `/2016/12/23/phpoTLVxE_1.jpg`.
    pub hero_image: Option<String>,
    /// Every kept (non-placeholder) image path, in page order; the hero first.
    pub images: Vec<String>,
    /// The date of a `Publié le` stamp if any, else the hero image's path date.
    pub published_on: Option<NaiveDate>,
    /// The time of the `Publié le` stamp, when it has one.
    pub published_time: Option<NaiveTime>,
    /// The `Mis à jour le` stamp, when there is one.
    pub updated_on: Option<(NaiveDate, Option<NaiveTime>)>,
    /// Paragraphs, intertitles and quotes only.
    pub body: Vec<Block>,
    /// Titles of the `À regarder` list, in page order.
    pub videos: Vec<String>,
    /// Names from a `Par X et Y` byline; empty when the page names no author.
    pub authors: Vec<String>,
}

/// Why a page cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("the page is empty: it holds no text")]
    Empty,
    #[error("the page is not UTF-8 text; convert it to UTF-8 first")]
    NotUtf8,
    #[error(
        "the page is a binary file, not text (it holds NUL bytes or too many control characters)"
    )]
    Binary,
    #[error(
        "the page does not start with a plausible title (its first line is an image reference, \
         a separator, boilerplate, a date line, or longer than {MAX_TITLE_CHARS} characters)"
    )]
    NoTitle,
    #[error("the page has a title but no body paragraph")]
    NoBody,
    #[error(
        "the page is {bytes} bytes long, more than the {MAX_PAGE_BYTES} bytes a page may have"
    )]
    TooLarge { bytes: usize },
    #[error("the page body has {blocks} blocks, more than the {MAX_BLOCKS} an article may hold")]
    TooManyBlocks { blocks: usize },
    #[error(
        "a body block of the page has {chars} characters, more than the {MAX_BLOCK_CHARS} \
         an article block may hold"
    )]
    BlockTooLong { chars: usize },
}

/// A date with an optional time of day, as a stamp line gives it.
type Stamp = (NaiveDate, Option<NaiveTime>);

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
        videos,
        ..
    } = scan;

    let (standfirst, body_lines) = if !saw_image {
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
    };

    let body = classify_body(&body_lines);
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
        videos,
        authors,
    })
}

impl ImportedPage {
    /// Stable key so that importing the same page twice updates instead of duplicating:
    /// `page:{YYYY-MM-DD or "undated"}:{slugify(title)}`.
    pub fn source_key(&self) -> String {
        let date = self
            .published_on
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "undated".to_owned());
        format!("page:{date}:{}", slugify(&self.title))
    }

    /// The article to store, published in `section` (a section slug).
    ///
    /// `published_at` comes from the page's date (at noon Paris time when the time is
    /// unknown); a page with no date at all gets `fallback_published_ms`.
    pub fn to_draft(&self, section: &str, fallback_published_ms: i64) -> ArticleDraft {
        let published_at = match self.published_on {
            Some(date) => paris_millis(date, self.published_time),
            None => fallback_published_ms,
        };
        ArticleDraft {
            source_key: Some(self.source_key()),
            section: section.to_owned(),
            title: self.title.clone(),
            standfirst: self.standfirst.clone(),
            hero: self.hero_image.as_ref().map(|path| MediaRef {
                path: path.clone(),
                alt: None,
                ..MediaRef::default()
            }),
            hero_video: None,
            body: self.body.clone(),
            tags: self.topic.iter().cloned().collect(),
            authors: self.authors.clone(),
            status: ArticleStatus::Published,
            published_at: Some(published_at),
            published_time_known: self.published_on.is_some() && self.published_time.is_some(),
            updated_at: self.updated_on.map(|(date, time)| paris_millis(date, time)),
            comment_mode: CommentMode::Open,
        }
    }

    /// One video per rail title, newest first: the first listed is published at `now_ms`,
    /// each next one a second earlier.
    pub fn video_drafts(&self, now_ms: i64) -> Vec<VideoDraft> {
        self.videos
            .iter()
            .enumerate()
            .map(|(index, title)| {
                let offset = i64::try_from(index)
                    .unwrap_or(i64::MAX)
                    .saturating_mul(1000);
                VideoDraft {
                    source_key: Some(format!("video:{}", slugify(title))),
                    title: title.clone(),
                    section: None,
                    poster: None,
                    duration_seconds: None,
                    file_path: None,
                    embed_url: None,
                    published_at: now_ms.saturating_sub(offset),
                }
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding and lines

fn decode(bytes: &[u8]) -> Result<&str, PageError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(PageError::TooLarge { bytes: bytes.len() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.is_empty() {
        return Err(PageError::Empty);
    }
    if bytes.contains(&0) {
        return Err(PageError::Binary);
    }
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    if controls.saturating_mul(20) > bytes.len() {
        return Err(PageError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| PageError::NotUtf8)?;
    if text.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(PageError::Empty);
    }
    Ok(text)
}

/// Characters removed from lines: controls (tabs excepted) and zero-width ones.
fn is_invisible(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{feff}' | '\u{200b}' | '\u{2060}')
}

/// Removes invisible characters, turns tabs and runs of spaces into one space, trims.
fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if c == ' ' || c == '\t' {
            pending_space = true;
        } else if !is_invisible(c) {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// Lowercase, whitespace collapsed to single spaces, typographic apostrophes folded: the form
/// in which boilerplate and headings are compared.
fn norm_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        let c = if c == '’' { '\'' } else { c };
        out.extend(c.to_lowercase());
    }
    out
}

fn has_alphanumeric(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

fn is_plausible_title(line: &str) -> bool {
    has_alphanumeric(line)
        && line.chars().count() <= MAX_TITLE_CHARS
        && parse_image_line(line).is_none()
        && !is_boilerplate(line)
        && !is_rail_start(line)
        && parse_stamp_line(line).is_none()
}

// ---------------------------------------------------------------------------------------------
// The line scan

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
    /// After the boilerplate that ends the rail.
    AfterRail,
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
    videos: Vec<String>,
    /// The titles already in `videos`, so that a long rail stays linear to read.
    seen_videos: HashSet<String>,
}

impl Scan {
    fn push(&mut self, line: String) {
        if let Some(stamps) = parse_stamp_line(&line) {
            self.published = self.published.or(stamps.published);
            self.updated = self.updated.or(stamps.updated);
            return;
        }
        match self.phase {
            Phase::AfterRail => {}
            Phase::Rail => {
                if is_boilerplate(&line) {
                    self.phase = Phase::AfterRail;
                } else if has_alphanumeric(&line)
                    && parse_image_line(&line).is_none()
                    && !is_rail_start(&line)
                    && line.chars().count() <= MAX_TITLE_CHARS
                    && self.seen_videos.insert(line.clone())
                {
                    self.videos.push(line);
                }
            }
            Phase::Head | Phase::Body => {
                if is_boilerplate(&line) || !has_alphanumeric(&line) {
                    return;
                }
                if is_rail_start(&line) {
                    self.phase = Phase::Rail;
                    return;
                }
                if let Some(image) = parse_image_line(&line) {
                    self.saw_image = true;
                    self.phase = Phase::Body;
                    if !image.placeholder {
                        if self.images.is_empty() {
                            self.hero_date = image.date;
                        }
                        self.images.push(image.path);
                    }
                    return;
                }
                if let Some(names) = parse_byline(&line) {
                    if self.authors.is_empty() {
                        self.authors = names;
                    }
                    return;
                }
                if self.phase == Phase::Head {
                    self.head.push(line);
                } else {
                    self.body.push(line);
                }
            }
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

// ---------------------------------------------------------------------------------------------
// Line kinds

const BOILERPLATE: &[&str] = &[
    "commentaires",
    "voir les commentaires",
    "réagir",
    "se connecter",
    "s'inscrire",
    "déjà un compte ?",
    "déjà un compte ? se connecter",
    "partager",
    "partager l'article",
    "partager sur facebook",
    "partager sur twitter",
    "partager sur x",
    "partager sur linkedin",
    "partager sur whatsapp",
    "envoyer par e-mail",
    "copier le lien",
    "lire aussi",
    "à lire aussi",
    "lire la suite",
    "publicité",
    "abonnez-vous",
    "s'abonner",
];

fn key_without_colon(line: &str) -> String {
    let key = norm_key(line);
    key.trim_end_matches(':').trim_end().to_owned()
}

fn is_boilerplate(line: &str) -> bool {
    let key = key_without_colon(line);
    BOILERPLATE.contains(&key.as_str())
        || (key.starts_with("connectez-vous")
            && key.trim_end_matches('.').ends_with("pour commenter"))
}

fn is_rail_start(line: &str) -> bool {
    matches!(
        key_without_colon(line).as_str(),
        "à regarder" | "a regarder"
    )
}

/// An image reference line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ImageRef {
    path: String,
    date: Option<NaiveDate>,
    placeholder: bool,
}

const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "gif", "webp"];

fn all_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

fn parse_image_line(line: &str) -> Option<ImageRef> {
    let path = line.strip_suffix(')').unwrap_or(line).trim_end();
    let rest = path.strip_prefix('/')?;
    let mut parts = rest.splitn(4, '/');
    let (year, month, day, name) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if !all_digits(year, 4) || !all_digits(month, 2) || !all_digits(day, 2) {
        return None;
    }
    if name
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '/' | '(' | ')'))
    {
        return None;
    }
    let (stem, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    if stem.is_empty() || !IMAGE_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    let date = match (year.parse(), month.parse(), day.parse()) {
        (Ok(y), Ok(m), Ok(d)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    };
    Some(ImageRef {
        path: path.to_owned(),
        date,
        placeholder: name.to_lowercase().contains("placeholder"),
    })
}

fn topic_of(title: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    let colon = chars.windows(3).find_map(|w| match w {
        [(_, before), (i, ':'), (_, after)] if before.is_whitespace() && after.is_whitespace() => {
            Some(*i)
        }
        _ => None,
    })?;
    let topic = title.get(..colon)?.trim();
    let rest = title.get(colon + 1..)?.trim();
    let fits = !rest.is_empty()
        && has_alphanumeric(topic)
        && topic.chars().count() <= MAX_TOPIC_CHARS
        && topic.split_whitespace().count() <= MAX_TOPIC_WORDS;
    fits.then(|| topic.to_owned())
}

// ---------------------------------------------------------------------------------------------
// Bylines

const NAME_PARTICLES: &[&str] = &[
    "de", "du", "des", "d'", "la", "le", "van", "von", "di", "da", "del", "ben", "el",
];

fn is_name_word(word: &str, first: bool) -> bool {
    let Some(initial) = word.chars().next() else {
        return false;
    };
    let letters_only = word
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
    let capitalised = initial.is_uppercase();
    letters_only && (capitalised || (!first && NAME_PARTICLES.contains(&word)))
}

fn is_person_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last_capitalised = words
        .last()
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    (1..=5).contains(&words.len())
        && last_capitalised
        && words
            .iter()
            .enumerate()
            .all(|(i, w)| is_name_word(w, i == 0))
}

fn parse_byline(line: &str) -> Option<Vec<String>> {
    if line.chars().count() > MAX_BYLINE_CHARS {
        return None;
    }
    let rest = line.strip_prefix("Par ")?.trim();
    let mut names = Vec::new();
    for part in rest.split(", ") {
        for name in part.split(" et ") {
            let name = name.trim();
            if !is_person_name(name) {
                return None;
            }
            names.push(name.to_owned());
        }
    }
    (1..=4).contains(&names.len()).then_some(names)
}

// ---------------------------------------------------------------------------------------------
// Date stamps

/// What a stamp line says.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct StampLine {
    published: Option<Stamp>,
    updated: Option<Stamp>,
}

const PUBLISHED_MARKERS: &[&str] = &["publié", "publie"];
const UPDATED_MARKERS: &[&str] = &[
    "mis à jour",
    "mis a jour",
    "modifié",
    "modifie",
    "actualisé",
    "actualise",
];

/// Reads a line that is wholly a publication and/or update stamp.
fn parse_stamp_line(line: &str) -> Option<StampLine> {
    let key = norm_key(line);
    let split = UPDATED_MARKERS
        .iter()
        .filter_map(|m| key.find(m))
        .filter(|&i| i > 0)
        .min();
    let (first, second) = match split {
        Some(i) => (key.get(..i)?, Some(key.get(i..)?)),
        None => (key.as_str(), None),
    };
    let first = first.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '·' | ',' | ';')
    });
    let mut out = StampLine::default();
    for segment in std::iter::once(first).chain(second) {
        let (is_update, stamp) = parse_stamp_segment(segment)?;
        let slot = if is_update {
            &mut out.updated
        } else {
            &mut out.published
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some(stamp);
    }
    Some(out)
}

fn strip_marker<'a>(s: &'a str, markers: &[&str]) -> Option<&'a str> {
    markers.iter().find_map(|m| s.strip_prefix(m))
}

/// `publié le 23/12/2016 à 15:34` (already in [`norm_key`] form) → (is_update, stamp).
fn parse_stamp_segment(segment: &str) -> Option<(bool, Stamp)> {
    let segment = segment.trim().trim_end_matches('.').trim_end();
    let (is_update, rest) = match strip_marker(segment, PUBLISHED_MARKERS) {
        Some(rest) => (false, rest),
        None => (true, strip_marker(segment, UPDATED_MARKERS)?),
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"le", tail)) => tail,
        _ => &words[..],
    };
    let (date, used) = parse_date_words(words)?;
    let rest = words.get(used..)?;
    let rest = match rest.split_first() {
        Some((&"à" | &"a", tail)) => tail,
        _ => rest,
    };
    let time = if rest.is_empty() {
        None
    } else {
        Some(parse_time(&rest.concat())?)
    };
    Some((is_update, (date, time)))
}

const MONTHS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
];

const WEEKDAYS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

fn small_number(s: &str, max_len: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn year_number(s: &str) -> Option<i32> {
    if !all_digits(s, 4) {
        return None;
    }
    s.parse().ok()
}

/// A date at the start of `words`, and how many words it took.
fn parse_date_words(words: &[&str]) -> Option<(NaiveDate, usize)> {
    let first = words.first()?.trim_end_matches(',');
    if first.contains(['/', '.']) {
        let mut parts = first.split(['/', '.']);
        let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(
            year_number(year)?,
            small_number(month, 2)?,
            small_number(day, 2)?,
        )?;
        return Some((date, 1));
    }
    let skip = usize::from(WEEKDAYS.contains(&first));
    let day_word = *words.get(skip)?;
    let day = small_number(day_word.strip_suffix("er").unwrap_or(day_word), 2)?;
    let month_word = *words.get(skip + 1)?;
    let month = MONTHS
        .iter()
        .find(|(name, _)| *name == month_word)
        .map(|&(_, n)| n)?;
    let year = year_number(words.get(skip + 2)?.trim_end_matches(','))?;
    Some((NaiveDate::from_ymd_opt(year, month, day)?, skip + 3))
}

/// `15:34`, `15h34`, `15h`.
fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim_end_matches('.');
    let (hours, minutes) = s.split_once([':', 'h'])?;
    let hours = small_number(hours, 2)?;
    let minutes = if minutes.is_empty() && s.contains('h') {
        0
    } else if minutes.len() == 2 {
        small_number(minutes, 2)?
    } else {
        return None;
    };
    NaiveTime::from_hms_opt(hours, minutes, 0)
}

// ---------------------------------------------------------------------------------------------
// Body blocks

fn classify_body(lines: &[String]) -> Vec<Block> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let is_last = i + 1 == lines.len();
            if let Some((text, source)) = parse_quote(line) {
                Block::Quote { text, source }
            } else if !is_last && looks_like_intertitle(line) {
                Block::Intertitle { text: line.clone() }
            } else {
                Block::Paragraph { text: line.clone() }
            }
        })
        .collect()
}

fn looks_like_intertitle(line: &str) -> bool {
    line.chars().count() <= MAX_INTERTITLE_CHARS
        && has_alphanumeric(line)
        && !line.ends_with(['.', '…', ':', ',', ';'])
}

const QUOTE_MARKS: &[char] = &['"', '«', '»', '“', '”'];

/// A line that is wholly a quotation → (text, source).
fn parse_quote(line: &str) -> Option<(String, Option<String>)> {
    let mut chars = line.char_indices();
    let (_, open) = chars.next()?;
    let close = match open {
        '"' => '"',
        '«' => '»',
        '“' => '”',
        _ => return None,
    };
    let mut depth = 1usize;
    let mut end = None;
    for (i, c) in chars {
        if c == close {
            depth -= 1;
            if depth == 0 {
                end = Some(i);
                break;
            }
        } else if c == open {
            depth += 1;
        }
    }
    let end = end?;
    let text = line.get(open.len_utf8()..end)?.trim();
    let tail = line.get(end + close.len_utf8()..)?.trim();
    if !has_alphanumeric(text) {
        return None;
    }
    if tail.is_empty() || tail == "." {
        return Some((text.to_owned(), None));
    }
    if tail.chars().count() > MAX_ATTRIBUTION_CHARS
        || tail.contains(QUOTE_MARKS)
        || !tail.starts_with([',', '-', '–', '—'])
    {
        return None;
    }
    let source = tail
        .trim_start_matches(|c: char| matches!(c, ',' | '-' | '–' | '—') || c.is_whitespace())
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    if !has_alphanumeric(source) {
        return None;
    }
    Some((text.to_owned(), Some(source.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
    }

    #[test]
    fn image_lines() {
        let img = parse_image_line("/2016/12/23/phpoTLVxE_1.jpg)").expect("image");
        assert_eq!(img.path, "/2016/12/23/phpoTLVxE_1.jpg");
        assert_eq!(img.date, Some(date(2016, 12, 23)));
        assert!(!img.placeholder);

        let ph =
            parse_image_line("/2023/07/06/64a68815cd1a7_placeholder-36b69ec8.png)").expect("image");
        assert!(ph.placeholder);

        let upper = parse_image_line("/2020/01/02/Photo.JPEG").expect("image");
        assert_eq!(upper.path, "/2020/01/02/Photo.JPEG");

        let bad_date = parse_image_line("/2016/13/45/x.webp").expect("image");
        assert_eq!(bad_date.date, None);

        for not_image in [
            "/2016/12/23/phpoTLVxE_1.pdf)",
            "/2016/12/23/.jpg",
            "/16/12/23/a.jpg",
            "/2016/12/23/a b.jpg",
            "/2016/12/23/sub/a.jpg",
            "2016/12/23/a.jpg",
            "Le 2016/12/23/a.jpg",
        ] {
            assert_eq!(parse_image_line(not_image), None, "{not_image}");
        }
    }

    #[test]
    fn topics() {
        assert_eq!(
            topic_of("Syrie : Poutine appelle Al-Assad").as_deref(),
            Some("Syrie")
        );
        assert_eq!(
            topic_of("Nouvelle-Calédonie\u{a0}: 50 détenus").as_deref(),
            Some("Nouvelle-Calédonie")
        );
        assert_eq!(topic_of("Pas de sujet ici"), None);
        assert_eq!(topic_of("Heure: 15:34"), None);
        assert_eq!(topic_of("Syrie :"), None);
        assert_eq!(
            topic_of("Un sujet beaucoup trop long pour être un thème : la suite"),
            None
        );
    }

    #[test]
    fn stamps() {
        let s = parse_stamp_line("Publié le 23/12/2016 à 15:34").expect("stamp");
        assert_eq!(s.published, Some((date(2016, 12, 23), Some(time(15, 34)))));
        assert_eq!(s.updated, None);

        let s = parse_stamp_line("Publié le 23/12/2016 à 15h34 - Mis à jour le 24/12/2016 à 09:02")
            .expect("stamp");
        assert_eq!(s.published, Some((date(2016, 12, 23), Some(time(15, 34)))));
        assert_eq!(s.updated, Some((date(2016, 12, 24), Some(time(9, 2)))));

        let s = parse_stamp_line("Mis à jour le 24/12/2016").expect("stamp");
        assert_eq!(s.published, None);
        assert_eq!(s.updated, Some((date(2016, 12, 24), None)));

        let s = parse_stamp_line("PUBLIÉ LE vendredi 1er mars 2024 à 8 h 05.").expect("stamp");
        assert_eq!(s.published, Some((date(2024, 3, 1), Some(time(8, 5)))));

        let s = parse_stamp_line("Publié le 2 août 2021 à 18h").expect("stamp");
        assert_eq!(s.published, Some((date(2021, 8, 2), Some(time(18, 0)))));

        for not_stamp in [
            "Publié le 23/12/2016 à 15:34, le rapport a fait grand bruit.",
            "Publié le 31/02/2016",
            "Publié le 23/12/2016 à 25:00",
            "Publiées le 23/12/2016",
            "Publié le 23 décembre",
            "Mis à jour le 24/12/2016 - Mis à jour le 25/12/2016",
            "Le rapport publié le 23/12/2016",
        ] {
            assert_eq!(parse_stamp_line(not_stamp), None, "{not_stamp}");
        }
    }

    #[test]
    fn quotes() {
        assert_eq!(
            parse_quote("« Nous ne céderons pas », a déclaré Emmanuel Macron."),
            Some((
                "Nous ne céderons pas".to_owned(),
                Some("a déclaré Emmanuel Macron".to_owned())
            ))
        );
        assert_eq!(
            parse_quote("\"La paix est à portée de main.\""),
            Some(("La paix est à portée de main.".to_owned(), None))
        );
        assert_eq!(
            parse_quote("“Un « grand » jour”."),
            Some(("Un « grand » jour".to_owned(), None))
        );
        assert_eq!(
            parse_quote("« Un jour » — Victor Hugo"),
            Some(("Un jour".to_owned(), Some("Victor Hugo".to_owned())))
        );
        for not_quote in [
            "\"Un pas très important\" vers la paix",
            "\"A\", a-t-il dit, \"B\".",
            "« Jamais fermé",
            "« » , a dit X.",
            "\"Oui\", a répondu le président de la République française au terme d'un long entretien.",
            "Il a dit « oui ».",
        ] {
            assert_eq!(parse_quote(not_quote), None, "{not_quote}");
        }
    }

    #[test]
    fn bylines() {
        assert_eq!(
            parse_byline("Par Camille Durand"),
            Some(vec!["Camille Durand".to_owned()])
        );
        assert_eq!(
            parse_byline("Par Anne-Sophie de La Tour et Louis Martin"),
            Some(vec![
                "Anne-Sophie de La Tour".to_owned(),
                "Louis Martin".to_owned()
            ])
        );
        assert_eq!(
            parse_byline("Par A. Durand, B. Martin et C. Petit").map(|v| v.len()),
            Some(3)
        );
        for not_byline in [
            "Par ailleurs, le président a parlé.",
            "Par la suite",
            "Par Camille durand",
            "Partager",
            "Par ",
        ] {
            assert_eq!(parse_byline(not_byline), None, "{not_byline}");
        }
    }

    #[test]
    fn boilerplate() {
        for line in [
            "Commentaires",
            "Connectez-vous ou créez votre espace franceinfo pour commenter.",
            "Déjà un compte ? Se connecter",
            "Déjà un compte\u{a0}? Se connecter",
            "LIRE AUSSI :",
            "Partager l’article",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        assert!(!is_boilerplate("Commentaires acerbes de l'opposition."));
        assert!(is_rail_start("À regarder"));
        assert!(is_rail_start("A regarder :"));
    }

    #[test]
    fn lines_are_cleaned() {
        assert_eq!(clean_line("  a \t b\u{feff}  c\u{7}  "), "a b c");
        assert_eq!(clean_line("\u{a0}x\u{a0}"), "x");
    }

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
    fn rail_thumbnails_and_trailing_chrome_are_ignored() {
        let page = parse_page(
            "Titre\nUn paragraphe.\nÀ regarder\n-\n/2020/01/01/thumb.jpg)\nVidéo un\n-\n\
             Vidéo un\n-\nVidéo deux\nCommentaires\nMentions légales\nPublié le 02/01/2020\n"
                .as_bytes(),
        )
        .expect("parses");
        assert_eq!(page.videos, ["Vidéo un", "Vidéo deux"]);
        assert!(page.images.is_empty());
        assert_eq!(page.published_on, Some(date(2020, 1, 2)));
        assert_eq!(page.body.len(), 1);
    }

    #[test]
    fn a_body_of_quotes_and_intertitles_only_has_no_paragraph() {
        assert_eq!(
            parse_page("Titre\n/2020/01/01/a.jpg\nIntertitre\n« Citation. »\n".as_bytes()),
            Err(PageError::NoBody)
        );
    }

    #[test]
    fn video_offsets_saturate() {
        let page = ImportedPage {
            title: "T".into(),
            topic: None,
            standfirst: None,
            hero_image: None,
            images: vec![],
            published_on: None,
            published_time: None,
            updated_on: None,
            body: vec![],
            videos: vec!["A".into(), "B".into()],
            authors: vec![],
        };
        let v = page.video_drafts(i64::MIN);
        assert_eq!(v[0].published_at, i64::MIN);
        assert_eq!(v[1].published_at, i64::MIN);
    }
}
