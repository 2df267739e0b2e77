//! Body blocks: each body line becomes a paragraph, an intertitle or a quote.

use kiosque_domain::Block;

use super::lines::has_alphanumeric;

/// Longest line read as an intertitle.
pub const MAX_INTERTITLE_CHARS: usize = 120;
/// Longest attribution after a quotation's closing mark.
pub const MAX_ATTRIBUTION_CHARS: usize = 60;

pub(super) fn classify_body(lines: &[String]) -> Vec<Block> {
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
}
