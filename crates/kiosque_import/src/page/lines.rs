//! Decoding the bytes, cleaning lines, and the line kinds that are never text: boilerplate
//! and the video rail's heading.

use super::model::{PageError, MAX_PAGE_BYTES};

pub(super) fn decode(bytes: &[u8]) -> Result<&str, PageError> {
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
pub(super) fn clean_line(raw: &str) -> String {
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
pub(super) fn norm_key(s: &str) -> String {
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

pub(super) fn has_alphanumeric(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

pub(super) fn all_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

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

pub(super) fn is_boilerplate(line: &str) -> bool {
    let key = key_without_colon(line);
    BOILERPLATE.contains(&key.as_str())
        || (key.starts_with("connectez-vous")
            && key.trim_end_matches('.').ends_with("pour commenter"))
}

pub(super) fn is_rail_start(line: &str) -> bool {
    matches!(
        key_without_colon(line).as_str(),
        "à regarder" | "a regarder"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
