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
//! | `::audio 12`                                                | [`Block::Audio`]             |
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

mod error;
mod fields;
mod lines;
mod write;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use crate::article::{Block, MAX_BLOCKS, MAX_BLOCK_CHARS};

/// The cheat-sheet shown beside the body editor, in the site's language. Every example line in
/// it parses, in every language: the syntax itself (`::lire-aussi`) is not translated.
pub fn help() -> &'static str {
    // The site's language is installed once, at start, before any page is drawn: the text is
    // worded once and kept, so that pages hold it as `&'static str`.
    static HELP: OnceLock<String> = OnceLock::new();
    HELP.get_or_init(|| kiosque_i18n::t("nr-markup-help"))
}

pub use self::error::{MarkupError, MarkupErrorKind};
pub use self::fields::media_path;
use self::fields::{directive, image, links, quote};
use self::lines::{classify, Line};
pub use self::write::render;

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
        Block::Video { .. } | Block::Audio { .. } => 0,
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
