//! French typography, applied to text at display time and never to what is stored: stored text
//! stays as the author typed it, so search, exports and other languages see the original.
//!
//! The rules a French reader expects:
//! - a narrow no-break space (U+202F) before `;`, `!`, `?` and a no-break space (U+00A0)
//!   before `:`, replacing any ordinary space there;
//! - no-break spaces inside « »;
//! - typographic apostrophes (’) instead of `'`;
//! - straight double quotes `"…"` become « … » when they pair up (an odd count is left alone,
//!   since guessing which one is unpaired would misquote someone).
//!
//! Colons inside URLs and times (`https://`, `15:34`) are left alone: the rule only applies
//! where the punctuation follows a space or closes a word that a space follows.

const NBSP: char = '\u{00A0}';
const NNBSP: char = '\u{202F}';

/// Applies French typography to plain text. The result is still plain text (escape it as usual).
pub fn french(text: &str) -> String {
    spaces(&guillemets(text))
}

/// Turns paired straight double quotes into guillemets: a quote opens at the start of the text
/// or after a space or an opening bracket, and closes otherwise.
fn guillemets(text: &str) -> std::borrow::Cow<'_, str> {
    let count = text.matches('"').count();
    if count == 0 || count % 2 == 1 {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + count * 2);
    let mut open = false;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if c == '"' {
            let opening = !open
                && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–'));
            if opening {
                out.push('«');
                open = true;
            } else if open {
                out.push('»');
                open = false;
            } else {
                // A quote that can neither open nor close: the text does not pair up, leave it.
                return std::borrow::Cow::Borrowed(text);
            }
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    if open {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(out)
}

fn spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            '\'' => {
                // An apostrophe between letters or after a letter is typographic; a lone quote
                // mark at the start of a word is left as typed.
                if prev.is_some_and(char::is_alphanumeric) {
                    out.push('’');
                } else {
                    out.push(c);
                }
            }
            ':' | ';' | '!' | '?' => {
                let space = if c == ':' { NBSP } else { NNBSP };
                let at_word_end = next.is_none_or(|n| n.is_whitespace() || is_closing(n));
                let after_space = prev.is_some_and(|p| p == ' ' || p == NBSP || p == NNBSP);
                if after_space {
                    // Replace the ordinary space already pushed.
                    while out.ends_with([' ', NBSP, NNBSP]) {
                        out.pop();
                    }
                    out.push(space);
                } else if at_word_end
                    && prev.is_some_and(|p| p.is_alphanumeric() || is_closing(p))
                    && !(c == ':' && prev.is_some_and(|p| p.is_ascii_digit()))
                    && !follows_same_mark(prev, c)
                {
                    out.push(space);
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                if next.is_some_and(|n| n != ' ' && n != NBSP && n != NNBSP) {
                    out.push(NBSP);
                }
            }
            '»' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                if !out.ends_with([NBSP, NNBSP]) && !out.is_empty() {
                    out.push(NBSP);
                }
                out.push(c);
            }
            ' ' if prev == Some('«') => out.push(NBSP),
            _ => out.push(c),
        }
    }
    out
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '»' | ')' | '”' | '’')
}

/// `?!` and `!!` keep their marks together after a single space.
fn follows_same_mark(prev: Option<char>, _c: char) -> bool {
    matches!(prev, Some('!' | '?'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn colon_gets_a_no_break_space() {
        assert_eq!(
            french("Syrie : Poutine appelle Al-Assad"),
            "Syrie\u{a0}: Poutine appelle Al-Assad"
        );
        assert_eq!(french("Syrie: Poutine"), "Syrie\u{a0}: Poutine");
    }

    #[test]
    fn question_and_exclamation_get_a_narrow_space() {
        assert_eq!(
            french("Où en est l'enquête ?"),
            "Où en est l’enquête\u{202f}?"
        );
        assert_eq!(french("Enfin!"), "Enfin\u{202f}!");
        assert_eq!(french("Vraiment ?!"), "Vraiment\u{202f}?!");
    }

    #[test]
    fn guillemets_get_inner_spaces() {
        assert_eq!(french("«Bonjour»"), "«\u{a0}Bonjour\u{a0}»");
        assert_eq!(french("« Bonjour »"), "«\u{a0}Bonjour\u{a0}»");
    }

    #[test]
    fn paired_straight_quotes_become_guillemets() {
        assert_eq!(
            french("\"Un pas très important\" vers la paix"),
            "«\u{a0}Un pas très important\u{a0}» vers la paix"
        );
        assert_eq!(
            french("a jugé que c'était \"un pas\" (\"vers la paix\")."),
            "a jugé que c’était «\u{a0}un pas\u{a0}» («\u{a0}vers la paix\u{a0}»)."
        );
        // Unpaired quotes are left as typed.
        assert_eq!(french("un \"deux"), "un \"deux");
        assert_eq!(french("12\" et 3\""), "12\" et 3\"");
    }

    #[test]
    fn apostrophes_become_typographic() {
        assert_eq!(french("l'armée d'Alep"), "l’armée d’Alep");
    }

    #[test]
    fn urls_and_times_are_left_alone() {
        assert_eq!(french("https://exemple.fr"), "https://exemple.fr");
        assert_eq!(french("à 15:34"), "à 15:34");
    }

    proptest! {
        #[test]
        fn never_loses_letters(s in "\\PC{0,200}") {
            let out = french(&s);
            let strip = |t: &str| t.chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '’' | '"' | '«' | '»'))
                .collect::<String>();
            prop_assert_eq!(strip(&out), strip(&s));
        }
    }
}
