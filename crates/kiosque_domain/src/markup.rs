//! The newsroom's body syntax: a small, Markdown-like plain-text form of an article body, typed
//! in a text area and turned into [`Block`]s by [`parse`]; [`render`] writes blocks back in the
//! same form, so an article can be edited again as text.
//!
//! # Syntax
//!
//! The text is read line by line. Leading and trailing spaces of a line never matter.
//!
//! | Text                                                        | Block                        |
//! |-------------------------------------------------------------|------------------------------|
//! | plain lines                                                 | [`Block::Paragraph`]         |
//! | `## Intertitre`                                             | [`Block::Intertitle`]        |
//! | `> Texte cité` lines, optional last `> — Source`            | [`Block::Quote`]             |
//! | `- élément` lines                                           | [`Block::List`], unordered   |
//! | `1. élément` lines (any number)                             | [`Block::List`], ordered     |
//! | `![alt](/2016/12/23/photo.jpg "Légende" "Crédit")`          | [`Block::Image`]             |
//! | `::video 12`                                                | [`Block::Video`]             |
//! | `::embed https://www.youtube.com/watch?v=abc`               | [`Block::Embed`]             |
//! | `::lire-aussi 123 Titre de l’article`                       | [`Block::ReadAlso`]          |
//!
//! - Blocks are separated by blank lines. Consecutive plain lines form one paragraph, joined with
//!   a space; consecutive `>` lines one quote; consecutive items of the same kind one list. A line
//!   that starts differently ends the block before it, so an intertitle, an image or a `::` line
//!   needs no blank line around it.
//! - Text is kept verbatim in the blocks: `_`, `#`, « », apostrophes mean nothing special. Only
//!   the start of a line is block syntax, and a marker needs a space after it (`##`, `>`, `-`,
//!   `1.`); `##Syrie`, `-5 %` or `1.5 million` are ordinary text.
//! - Inside a paragraph, a quote's text or a list item, `*italique*`, `**gras**` and links
//!   `[texte](https://…)` or `[texte](/monde/…_12.html)` are inline formatting, read by
//!   [`crate::inline`] when the text is shown (intertitles, sources, captions stay plain). A
//!   link to anything but `http(s)` or a path of the site is refused with its line.
//! - A quote's last line is its source when it starts with a dash (`— `, `– `, `-- `, `- `) and
//!   is not the quote's first line.
//! - Image: the alt text, then the path of a file of the media library
//!   (`/YYYY/MM/DD/name.ext`; the leading slash may be left out), then an optional caption and an
//!   optional credit in double quotes (`""` for no caption but a credit). Inside the brackets
//!   `\]` and `\\` stand for `]` and `\`; inside quotes, `\"` and `\\` for `"` and `\`. Web
//!   addresses, `..` and anything outside the media library are refused.
//! - `::embed` takes an `http` or `https` address, stored normalised (`https://exemple.fr/`).
//! - Escaping: a line starting with `\` is plain text, without that one backslash; it lets a
//!   paragraph really start with `## `, `> `, `- `, `1. `, `![` or `::` (or `\`). A lone `\` is
//!   just a backslash.
//! - Limits: at most [`MAX_BLOCKS`] blocks and [`MAX_BLOCK_CHARS`] characters in a block (all its
//!   texts together), as [`crate::ArticleDraft::validate`] requires.
//!
//! Errors ([`MarkupError`]) carry the line number and a message for the journalist in the
//! site's language; [`help`] is the cheat-sheet shown beside the editor.
//!
//! # Round trip
//!
//! `parse(&render(&blocks)) == Ok(blocks)` for every block list `parse` can return: texts are
//! trimmed, non-empty and on one line (no `\n`), optional texts are `None` rather than empty,
//! image paths are normalised and images carry no width or height, ids are positive, embed
//! addresses are normalised. [`render`] writes other blocks as best it can (line breaks become
//! spaces, so a text can never turn into syntax), but they may read back differently.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use thiserror::Error;
use url::Url;

use crate::article::{Block, MediaRef, MAX_BLOCKS, MAX_BLOCK_CHARS};

/// The cheat-sheet shown beside the body editor, in the site's language. Every example line in
/// it parses, in every language: the syntax itself (`::lire-aussi`) is not translated.
pub fn help() -> &'static str {
    // The site's language is installed once, at start, before any page is drawn: the text is
    // worded once and kept, so that pages hold it as `&'static str`.
    static HELP: OnceLock<String> = OnceLock::new();
    HELP.get_or_init(|| kiosque_i18n::t("nr-markup-help"))
}

/// Why a body text cannot be read; shown to the journalist as `Ligne 12 : …` (`Line 12: …`),
/// in the site's language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct MarkupError {
    /// 1-based, counting every line of the text, blank ones included.
    pub line: usize,
    pub kind: MarkupErrorKind,
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&kiosque_i18n::t2(
            "err-markup-line",
            "line",
            self.line,
            "message",
            &self.kind.to_string(),
        ))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MarkupErrorKind {
    ImagePath,
    ImageNotInLibrary,
    ImageSyntax,
    ImageUnterminated,
    VideoId,
    EmbedUrl,
    ReadAlso,
    UnknownDirective(String),
    EmptyQuote,
    TooManyBlocks,
    BlockTooLong,
    /// A `[texte](adresse)` whose address is neither a web address nor a path of the site.
    LinkUrl(String),
}

impl fmt::Display for MarkupErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use kiosque_i18n::{t, t1};
        let message = match self {
            Self::ImagePath => t("err-markup-image-path"),
            Self::ImageNotInLibrary => t("err-markup-image-not-in-library"),
            Self::ImageSyntax => t("err-markup-image-syntax"),
            Self::ImageUnterminated => t("err-markup-image-unterminated"),
            Self::VideoId => t("err-markup-video-id"),
            Self::EmbedUrl => t("err-markup-embed-url"),
            Self::ReadAlso => t("err-markup-read-also"),
            Self::UnknownDirective(name) => t1("err-markup-unknown-directive", "name", name),
            Self::EmptyQuote => t("err-markup-empty-quote"),
            Self::TooManyBlocks => t1("err-markup-too-many-blocks", "max", MAX_BLOCKS),
            Self::BlockTooLong => t1("err-markup-block-too-long", "max", MAX_BLOCK_CHARS),
            Self::LinkUrl(href) => t1("err-markup-link-url", "href", href),
        };
        f.write_str(&message)
    }
}

/// Reads a body text. See the [module documentation](self) for the syntax.
pub fn parse(text: &str) -> Result<Vec<Block>, MarkupError> {
    parse_located(text).map(|blocks| blocks.into_iter().map(|(_, b)| b).collect())
}

/// Reads a body text as [`parse`] does, each block with the line it starts on (1-based), so
/// that a check made later (an image path the library does not hold) can name the line.
pub fn parse_located(text: &str) -> Result<Vec<(usize, Block)>, MarkupError> {
    let mut parser = Parser::default();
    for (index, line) in text.split('\n').enumerate() {
        parser.line(index + 1, line)?;
    }
    parser.close()?;
    Ok(parser.lines.into_iter().zip(parser.blocks).collect())
}

/// Writes blocks as body text, blocks separated by a blank line, so that [`parse`] gives them
/// back (see the [module documentation](self) for which blocks round-trip exactly).
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        render_block(&mut out, block);
    }
    out
}

fn render_block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph { text } => {
            let text = one_line(text);
            if !matches!(classify(&text), Line::Text(_)) {
                out.push('\\');
            }
            out.push_str(&text);
        }
        Block::Intertitle { text } => {
            out.push_str("## ");
            out.push_str(&one_line(text));
        }
        Block::Quote { text, source } => {
            out.push_str("> ");
            out.push_str(&one_line(text));
            if let Some(source) = source {
                out.push_str("\n> — ");
                out.push_str(&one_line(source));
            }
        }
        Block::List { ordered, items } => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                if *ordered {
                    out.push_str(&format!("{}. ", i + 1));
                } else {
                    out.push_str("- ");
                }
                out.push_str(&one_line(item));
            }
        }
        Block::Image { media } => {
            out.push_str("![");
            out.push_str(&escape(&one_line(media.alt.as_deref().unwrap_or("")), ']'));
            out.push_str("](");
            out.push_str(&one_line(&media.path));
            let caption = media.caption.as_deref().map(one_line);
            let credit = media.credit.as_deref().map(one_line);
            if caption.is_some() || credit.is_some() {
                out.push_str(" \"");
                out.push_str(&escape(caption.as_deref().unwrap_or(""), '"'));
                out.push('"');
            }
            if let Some(credit) = credit {
                out.push_str(" \"");
                out.push_str(&escape(&credit, '"'));
                out.push('"');
            }
            out.push(')');
        }
        Block::Video { video_id } => out.push_str(&format!("::video {video_id}")),
        Block::Embed { url } => {
            out.push_str("::embed ");
            out.push_str(&one_line(url));
        }
        Block::ReadAlso { article_id, title } => {
            out.push_str(&format!("::lire-aussi {article_id} "));
            out.push_str(&one_line(title));
        }
    }
}

/// A line break inside a text would end its block (or start another) when read back; a space
/// is the closest reading of what the author meant.
fn one_line(text: &str) -> Cow<'_, str> {
    if text.contains('\n') {
        Cow::Owned(text.replace('\n', " ").trim().to_owned())
    } else {
        Cow::Borrowed(text.trim())
    }
}

fn escape(text: &str, end: char) -> Cow<'_, str> {
    if !text.contains(['\\', end]) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if c == '\\' || c == end {
            out.push('\\');
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// What a trimmed line is, judged by its start alone.
enum Line<'a> {
    Blank,
    Text(&'a str),
    /// A line starting with `\`: text, whatever follows.
    Escaped(&'a str),
    Intertitle(&'a str),
    /// The text after `>`; empty for a bare `>`, which Markdown writers use inside quotes.
    Quote(&'a str),
    Item {
        ordered: bool,
        text: &'a str,
    },
    /// The whole line, `![` included.
    Image(&'a str),
    /// What follows `::`.
    Directive(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    if line.is_empty() {
        return Line::Blank;
    }
    if let Some(rest) = line.strip_prefix('\\') {
        // A lone backslash has nothing to escape, so it is kept as typed.
        return Line::Escaped(if rest.is_empty() {
            line
        } else {
            rest.trim_start()
        });
    }
    if let Some(text) = after_marker(line, "##") {
        return Line::Intertitle(text);
    }
    if line == ">" {
        return Line::Quote("");
    }
    if let Some(text) = after_marker(line, ">") {
        return Line::Quote(text);
    }
    if let Some(text) = after_marker(line, "-") {
        return Line::Item {
            ordered: false,
            text,
        };
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if let Some(text) = after_marker(&line[digits..], ".") {
            return Line::Item {
                ordered: true,
                text,
            };
        }
    }
    if line.starts_with("![") {
        return Line::Image(line);
    }
    if let Some(rest) = line.strip_prefix("::") {
        return Line::Directive(rest);
    }
    Line::Text(line)
}

/// The text after `marker` when the marker is followed by whitespace: requiring the space keeps
/// `##Syrie`, `-5 %` and `>50 ans` ordinary text.
fn after_marker<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(marker)?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
}

/// A block that spans several lines, still being read.
enum Open<'a> {
    Paragraph(Vec<&'a str>),
    Quote(Vec<&'a str>),
    List { ordered: bool, items: Vec<&'a str> },
}

#[derive(Default)]
struct Parser<'a> {
    blocks: Vec<Block>,
    /// The line each block of `blocks` starts on.
    lines: Vec<usize>,
    /// The open block and the line it started on, which errors about it point to.
    open: Option<(usize, Open<'a>)>,
}

impl<'a> Parser<'a> {
    fn line(&mut self, number: usize, line: &'a str) -> Result<(), MarkupError> {
        let at = |kind| MarkupError { line: number, kind };
        let line = classify(line.trim());
        // Links are checked line by line, so the message names the very line; a link split
        // over two lines is checked again when its block closes.
        if let Line::Text(text)
        | Line::Escaped(text)
        | Line::Quote(text)
        | Line::Item { text, .. } = &line
        {
            links(text).map_err(at)?;
        }
        match line {
            Line::Blank => self.close()?,
            Line::Text(text) | Line::Escaped(text) => {
                if let Some((_, Open::Paragraph(parts))) = &mut self.open {
                    parts.push(text);
                } else {
                    self.close()?;
                    self.open = Some((number, Open::Paragraph(vec![text])));
                }
            }
            Line::Quote(text) => {
                if let Some((_, Open::Quote(parts))) = &mut self.open {
                    if !text.is_empty() {
                        parts.push(text);
                    }
                } else {
                    self.close()?;
                    let parts = if text.is_empty() { vec![] } else { vec![text] };
                    self.open = Some((number, Open::Quote(parts)));
                }
            }
            Line::Item { ordered, text } => match &mut self.open {
                Some((_, Open::List { ordered: o, items })) if *o == ordered => items.push(text),
                _ => {
                    self.close()?;
                    let items = vec![text];
                    self.open = Some((number, Open::List { ordered, items }));
                }
            },
            Line::Intertitle(text) => {
                self.close()?;
                let text = text.to_owned();
                self.push(number, Block::Intertitle { text })?;
            }
            Line::Image(line) => {
                self.close()?;
                let media = image(line).map_err(at)?;
                self.push(number, Block::Image { media })?;
            }
            Line::Directive(rest) => {
                self.close()?;
                let block = directive(rest).map_err(at)?;
                self.push(number, block)?;
            }
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), MarkupError> {
        let Some((line, open)) = self.open.take() else {
            return Ok(());
        };
        let block = match open {
            Open::Paragraph(parts) => Block::Paragraph {
                text: parts.join(" "),
            },
            Open::Quote(parts) => quote(parts).ok_or(MarkupError {
                line,
                kind: MarkupErrorKind::EmptyQuote,
            })?,
            Open::List { ordered, items } => Block::List {
                ordered,
                items: items.into_iter().map(str::to_owned).collect(),
            },
        };
        for text in inline_texts(&block) {
            links(text).map_err(|kind| MarkupError { line, kind })?;
        }
        self.push(line, block)
    }

    fn push(&mut self, line: usize, block: Block) -> Result<(), MarkupError> {
        let kind = if block_chars(&block) > MAX_BLOCK_CHARS {
            MarkupErrorKind::BlockTooLong
        } else if self.blocks.len() >= MAX_BLOCKS {
            MarkupErrorKind::TooManyBlocks
        } else {
            self.blocks.push(block);
            self.lines.push(line);
            return Ok(());
        };
        Err(MarkupError { line, kind })
    }
}

/// Every text of a block counted together: at least what [`Block::text`] gives, so whatever
/// `parse` accepts passes [`crate::ArticleDraft::validate`], and alt texts, paths and addresses
/// are bounded too.
fn block_chars(block: &Block) -> usize {
    let count = |s: &str| s.chars().count();
    let count_opt = |s: &Option<String>| s.as_deref().map_or(0, count);
    match block {
        Block::Paragraph { text } | Block::Intertitle { text } => count(text),
        Block::Quote { text, source } => count(text) + count_opt(source),
        Block::Image { media } => {
            count(&media.path)
                + count_opt(&media.alt)
                + count_opt(&media.caption)
                + count_opt(&media.credit)
        }
        Block::Video { .. } => 0,
        Block::Embed { url } => count(url),
        Block::List { items, .. } => {
            items.iter().map(|i| count(i)).sum::<usize>() + items.len().saturating_sub(1)
        }
        Block::ReadAlso { title, .. } => count(title),
    }
}

/// The texts of a block that may hold inline formatting (see [`crate::inline`]).
fn inline_texts(block: &Block) -> Vec<&str> {
    match block {
        Block::Paragraph { text } | Block::Quote { text, .. } => vec![text],
        Block::List { items, .. } => items.iter().map(String::as_str).collect(),
        _ => vec![],
    }
}

fn links(text: &str) -> Result<(), MarkupErrorKind> {
    // Most lines hold no link: the cheap test spares them the inline reader.
    if !text.contains("](") {
        return Ok(());
    }
    crate::inline::check(text)
        .map(drop)
        .map_err(|bad| MarkupErrorKind::LinkUrl(bad.href))
}

/// `parts` are the quote's non-empty lines.
fn quote(mut parts: Vec<&str>) -> Option<Block> {
    // A first line is always quoted text: a quote cannot be all source.
    let source = match parts.as_slice() {
        [_, .., last] => source_line(last),
        _ => None,
    };
    if source.is_some() {
        parts.pop();
    }
    if parts.is_empty() {
        return None;
    }
    Some(Block::Quote {
        text: parts.join(" "),
        source: source.map(str::to_owned),
    })
}

fn source_line(line: &str) -> Option<&str> {
    let rest = if let Some(rest) = line.strip_prefix(['—', '–']) {
        rest
    } else {
        // Hyphens need the space, or `-5 %` on a quote's last line would become a source.
        let rest = line.strip_prefix("--").or_else(|| line.strip_prefix('-'))?;
        if !rest.starts_with(char::is_whitespace) {
            return None;
        }
        rest
    };
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

fn image(line: &str) -> Result<MediaRef, MarkupErrorKind> {
    use MarkupErrorKind::{ImageSyntax, ImageUnterminated};
    let rest = line.strip_prefix("![").ok_or(ImageSyntax)?;
    let (alt, rest) = take_until(rest, ']').ok_or(ImageUnterminated)?;
    let rest = rest.strip_prefix('(').ok_or(ImageSyntax)?.trim_start();
    let path_end = rest
        .find(|c: char| c.is_whitespace() || c == ')' || c == '"')
        .unwrap_or(rest.len());
    let (raw_path, mut rest) = rest.split_at(path_end);
    // The path is checked first: a pasted web address is the likeliest mistake, and its
    // message helps more than one about brackets.
    let path = media_path(raw_path)?;
    let mut texts: Vec<String> = Vec::new();
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix(')') {
            if !after.is_empty() {
                return Err(ImageSyntax);
            }
            break;
        }
        if rest.is_empty() {
            return Err(ImageUnterminated);
        }
        let quoted = rest.strip_prefix('"').ok_or(ImageSyntax)?;
        if texts.len() == 2 {
            return Err(ImageSyntax);
        }
        let (text, after) = take_until(quoted, '"').ok_or(ImageUnterminated)?;
        texts.push(text);
        rest = after;
    }
    let mut texts = texts.into_iter();
    Ok(MediaRef {
        path,
        alt: non_empty(alt),
        caption: texts.next().and_then(non_empty),
        credit: texts.next().and_then(non_empty),
        width: None,
        height: None,
    })
}

fn non_empty(text: String) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == text.len() {
        Some(text)
    } else {
        Some(trimmed.to_owned())
    }
}

/// The text up to the first `end` not escaped by a backslash, with `\end` and `\\` undone, and
/// what follows that `end`; `None` when the line ends first. Any other backslash is kept, so a
/// journalist's stray `\` survives.
fn take_until(s: &str, end: char) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == end {
            return Some((out, &s[i + c.len_utf8()..]));
        }
        if c == '\\' {
            let mut ahead = chars.clone();
            if let Some((_, next)) = ahead.next() {
                if next == end || next == '\\' {
                    out.push(next);
                    chars = ahead;
                    continue;
                }
            }
        }
        out.push(c);
    }
    None
}

/// `/YYYY/MM/DD/name.ext`, the shape of every file of the media library, with the leading
/// slash added when missing. Nothing else can name a file there, and refusing the rest keeps
/// `..`, absolute URLs and `javascript:` out of the page. Used for every image reference an
/// editor types (body images, the hero image).
pub fn media_path(raw: &str) -> Result<String, MarkupErrorKind> {
    if raw.contains(':') || raw.starts_with("//") {
        return Err(MarkupErrorKind::ImageNotInLibrary);
    }
    let rel = raw.strip_prefix('/').unwrap_or(raw);
    let mut parts = rel.split('/');
    let well_formed = match (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) {
        (Some(year), Some(month), Some(day), Some(name), None) => {
            number(year, 4).is_some()
                && number(month, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(day, 2).is_some_and(|d| (1..=31).contains(&d))
                && is_file_name(name)
        }
        _ => false,
    };
    if well_formed {
        Ok(format!("/{rel}"))
    } else {
        Err(MarkupErrorKind::ImagePath)
    }
}

fn number(s: &str, digits: usize) -> Option<u32> {
    if s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn is_file_name(name: &str) -> bool {
    name.len() <= 200
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && name
            .rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && !ext.is_empty())
}

fn directive(rest: &str) -> Result<Block, MarkupErrorKind> {
    let (name, args) = match rest.split_once(char::is_whitespace) {
        Some((name, args)) => (name, args.trim()),
        None => (rest, ""),
    };
    let is = |expected: &str| name.eq_ignore_ascii_case(expected);
    if is("video") || is("vidéo") {
        let video_id = positive_id(args).ok_or(MarkupErrorKind::VideoId)?;
        Ok(Block::Video { video_id })
    } else if is("embed") {
        Ok(Block::Embed {
            url: embed_url(args).ok_or(MarkupErrorKind::EmbedUrl)?,
        })
    } else if is("lire-aussi") {
        let (id, title) = args
            .split_once(char::is_whitespace)
            .ok_or(MarkupErrorKind::ReadAlso)?;
        let article_id = positive_id(id).ok_or(MarkupErrorKind::ReadAlso)?;
        Ok(Block::ReadAlso {
            article_id,
            title: title.trim().to_owned(),
        })
    } else {
        // The name is echoed in the message; a pasted page must not make that message huge.
        let shown: String = name.chars().take(30).collect();
        Err(MarkupErrorKind::UnknownDirective(shown))
    }
}

fn positive_id(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&id| id > 0)
}

fn embed_url(raw: &str) -> Option<String> {
    if raw.is_empty() || raw.contains(char::is_whitespace) {
        return None;
    }
    let url = Url::parse(raw).ok()?;
    let web = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.is_empty())
        // Credentials in an address shown to every reader are a leak, never an embed.
        && url.username().is_empty()
        && url.password().is_none();
    if !web {
        return None;
    }
    let normalised = String::from(url);
    // A few odd addresses normalise differently a second time; refusing them keeps what is
    // stored identical to what the editor reads back.
    let again = Url::parse(&normalised).ok().map(String::from);
    (again.as_deref() == Some(normalised.as_str())).then_some(normalised)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ArticleDraft, ArticleStatus, CommentMode};
    use proptest::prelude::*;

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
    fn assert_storable(blocks: &[Block]) {
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
                text: "C'est un pas très important vers le règlement de la situation en Syrie."
                    .into(),
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
}
