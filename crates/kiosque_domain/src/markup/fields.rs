//! The pieces of one line: an image's alt, path, caption and credit; a directive's number or
//! address; a quote's source; the links of a text.

use url::Url;

use super::error::MarkupErrorKind;
use crate::article::{Block, MediaRef};

pub(super) fn links(text: &str) -> Result<(), MarkupErrorKind> {
    // Most lines hold no link: the cheap test spares them the inline reader.
    if !text.contains("](") {
        return Ok(());
    }
    crate::inline::check(text)
        .map(drop)
        .map_err(|bad| MarkupErrorKind::LinkUrl(bad.href))
}

/// `parts` are the quote's non-empty lines.
pub(super) fn quote(mut parts: Vec<&str>) -> Option<Block> {
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

pub(super) fn image(line: &str) -> Result<MediaRef, MarkupErrorKind> {
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

pub(super) fn directive(rest: &str) -> Result<Block, MarkupErrorKind> {
    let (name, args) = match rest.split_once(char::is_whitespace) {
        Some((name, args)) => (name, args.trim()),
        None => (rest, ""),
    };
    let is = |expected: &str| name.eq_ignore_ascii_case(expected);
    if is("video") || is("vidéo") {
        let video_id = positive_id(args).ok_or(MarkupErrorKind::VideoId)?;
        Ok(Block::Video { video_id })
    } else if is("audio") {
        let audio_id = positive_id(args).ok_or(MarkupErrorKind::AudioId)?;
        Ok(Block::Audio { audio_id })
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
