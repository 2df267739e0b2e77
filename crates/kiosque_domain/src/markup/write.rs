//! Blocks written back as body text, so that the parser reads them back the same.

use std::borrow::Cow;

use super::lines::{classify, Line};
use crate::article::Block;

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
        Block::Audio { audio_id } => out.push_str(&format!("::audio {audio_id}")),
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
