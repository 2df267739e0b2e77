//! Typography, applied to text at display time and never to what is stored: stored text stays
//! as the author typed it, so search, exports and other languages see the original.
//!
//! The rules follow the site's language ([`typeset`]): French rules on a French site, English
//! ones otherwise (curly quotes “…” and ’, nothing added before punctuation, numbers as typed).
//!
//! The rules a French reader expects ([`french_rules`]):
//! - a narrow no-break space (U+202F) before `;`, `!`, `?` and a no-break space (U+00A0)
//!   before `:`, replacing any ordinary space there;
//! - no-break spaces inside « »;
//! - typographic apostrophes (’) instead of `'`;
//! - straight double quotes `"…"` become « … » when they pair up (an odd count is left alone,
//!   since guessing which one is unpaired would misquote someone).
//!
//! - thousands separated by a narrow no-break space (`80 000 euros` never breaks inside the
//!   number), see [`thousands`];
//!
//! Colons inside URLs and times (`https://`, `15:34`) are left alone: the rule only applies
//! where the punctuation follows a space or closes a word that a space follows.
//!
//! Headlines get one more rule, [`headline`]: a hyphenated proper name never breaks at its
//! hyphen ("Al-Assad", "Saint-Denis").

const NBSP: char = '\u{00A0}';
const NNBSP: char = '\u{202F}';
/// U+2011 NON-BREAKING HYPHEN: it draws as a hyphen, and lines never break after it. The
/// system fonts of the site's stack (Segoe UI, Roboto, San Francisco, DejaVu, Liberation)
/// all have it, and it keeps a headline plain text: nothing to escape, nothing for the
/// `<title>` or the feeds to strip.
const NB_HYPHEN: char = '\u{2011}';
/// A hyphenated name longer than this may break: an unbreakable 40-letter word would overflow
/// a phone's column.
const MAX_UNBROKEN_NAME: usize = 30;

/// Applies the typography of the site's language to plain text: [`french_rules`] on a French
/// site, [`english_rules`] otherwise. The result is still plain text (escape it as usual).
pub fn typeset(text: &str) -> String {
    if kiosque_i18n::current().french_typography() {
        french_rules(text)
    } else {
        english_rules(text)
    }
}

/// The site's typography, under the name it had when Kiosque spoke only French: the same as
/// [`typeset`], so that every page, e-mail and snippet follows the site's language.
pub fn french(text: &str) -> String {
    typeset(text)
}

/// French typography, whatever the site's language.
pub fn french_rules(text: &str) -> String {
    thousands(&spaces(&paired_quotes(text, '«', '»')))
}

/// English typography: paired straight double quotes become “ ”, apostrophes ’. Nothing is
/// added before `: ; ! ?` and numbers keep the separators they were typed with.
pub fn english_rules(text: &str) -> String {
    apostrophes(&paired_quotes(text, '“', '”'))
}

/// The site's typography for a headline (cards, the lead, an article's title): [`typeset`],
/// and hyphenated proper names joined by non-breaking hyphens so that "Al-Assad" never ends a
/// line on "Al-". Only the displayed headline: `<title>`, feeds and metadata keep the plain
/// hyphen.
pub fn headline(text: &str) -> String {
    unbroken_names(&typeset(text))
}

/// Digit groups of a number separated by a space or a no-break space are joined by a narrow
/// no-break space: "80 000" and "1 250 000" never break across lines.
///
/// What is left alone, because it is not a grouped number: years and other numbers written
/// without a separator ("en 2016 2017" stays as typed: a leading group has at most 3 digits),
/// phone-like numbers ("01 23 45 67 89", "0 800 123 456": groups of 2, or a leading zero),
/// a group of another length after the last one ("123 456 78"), and digits glued to a word,
/// a sign or another number ("+33 612 345", "A4 000", "3,5 000").
pub fn thousands(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A run of digits: is it the first group of a grouped number?
        let lead_end = digits_end(&chars, i);
        let seps = number_groups(&chars, i, lead_end);
        let end = seps.last().map_or(lead_end, |s| s + 4);
        for (k, &c) in chars[i..end].iter().enumerate() {
            out.push(if seps.contains(&(i + k)) { NNBSP } else { c });
        }
        i = end;
    }
    out
}

fn is_space_like(c: char) -> bool {
    matches!(c, ' ' | NBSP | NNBSP)
}

fn digits_end(chars: &[char], from: usize) -> usize {
    let mut j = from;
    while j < chars.len() && chars[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// The positions of the separators of the grouped number whose first group is
/// `chars[start..lead_end]`, or none when it is not one.
fn number_groups(chars: &[char], start: usize, lead_end: usize) -> Vec<usize> {
    let lead = lead_end - start;
    if lead > 3 || chars[start] == '0' {
        return Vec::new();
    }
    let prev = start.checked_sub(1).map(|p| chars[p]);
    let glued =
        prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '+' | ',' | '.' | ':' | '/' | '_'));
    // "45 678" at the end of "01 23 45 678" is the tail of a phone-like number.
    let after_digits = prev.is_some_and(is_space_like)
        && start
            .checked_sub(2)
            .is_some_and(|p| chars[p].is_ascii_digit());
    if glued || after_digits {
        return Vec::new();
    }
    let mut seps = Vec::new();
    let mut j = lead_end;
    while j + 3 < chars.len() && is_space_like(chars[j]) && digits_end(chars, j + 1) == j + 4 {
        seps.push(j);
        j += 4;
    }
    // Another group of digits after the last one, of any length, makes it phone-like.
    let more = j + 1 < chars.len() && is_space_like(chars[j]) && chars[j + 1].is_ascii_digit();
    if more {
        return Vec::new();
    }
    seps
}

/// Joins the parts of hyphenated words that are proper names ("Al-Assad", "Moyen-Orient",
/// "11-Novembre") with non-breaking hyphens; common compounds ("a-t-il", "peut-être") keep
/// their ordinary, breakable hyphen.
fn unbroken_names(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A word made of alphanumeric parts joined by single hyphens.
        let start = i;
        let mut parts_start = vec![start];
        let mut j = i;
        loop {
            while j < chars.len() && chars[j].is_alphanumeric() {
                j += 1;
            }
            if j + 1 < chars.len() && chars[j] == '-' && chars[j + 1].is_alphanumeric() {
                parts_start.push(j + 1);
                j += 1;
            } else {
                break;
            }
        }
        let proper = parts_start.iter().any(|&p| chars[p].is_uppercase());
        let join = parts_start.len() > 1 && proper && j - start <= MAX_UNBROKEN_NAME;
        for &c in &chars[start..j] {
            out.push(if join && c == '-' { NB_HYPHEN } else { c });
        }
        i = j;
    }
    out
}

/// Turns paired straight double quotes into `open` … `close` (guillemets, curly quotes): a quote
/// opens at the start of the text or after a space or an opening bracket, and closes otherwise.
fn paired_quotes(text: &str, open_mark: char, close_mark: char) -> std::borrow::Cow<'_, str> {
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
                out.push(open_mark);
                open = true;
            } else if open {
                out.push(close_mark);
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

/// An apostrophe after a letter or a digit is typographic; a lone quote mark at the start of a
/// word is left as typed.
fn is_apostrophe(prev: Option<char>) -> bool {
    prev.is_some_and(char::is_alphanumeric)
}

fn apostrophes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev = None;
    for c in text.chars() {
        out.push(if c == '\'' && is_apostrophe(prev) {
            '’'
        } else {
            c
        });
        prev = Some(c);
    }
    out
}

fn spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            '\'' => out.push(if is_apostrophe(prev) { '’' } else { c }),
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

    #[test]
    fn thousands_get_a_narrow_no_break_space() {
        assert_eq!(french("80 000 euros"), "80\u{202f}000 euros");
        assert_eq!(french("80\u{a0}000 euros"), "80\u{202f}000 euros");
        assert_eq!(
            french("1 250 000 habitants et 3 000 000,50 €"),
            "1\u{202f}250\u{202f}000 habitants et 3\u{202f}000\u{202f}000,50 €"
        );
        assert_eq!(french("le 3 000e visiteur"), "le 3\u{202f}000e visiteur");
        assert_eq!(french("(12 000)"), "(12\u{202f}000)");
    }

    #[test]
    fn other_numbers_are_left_alone() {
        for s in [
            "en 2016 2017 et 2018",
            "de 1914 à 1918",
            "appelez le 01 23 45 67 89",
            "le 0 800 123 456 est gratuit",
            "au +33 612 345 678",
            "le 123 456 78",
            "le format A4 000",
            "3,5 000",
            "à 15:34 000",
            "les 35 heures",
            "12 3456",
            "le 11 novembre 2016",
        ] {
            assert_eq!(french(s), s, "{s}");
        }
    }

    #[test]
    fn headlines_keep_hyphenated_names_whole() {
        assert_eq!(
            headline("Syrie : Poutine appelle Al-Assad"),
            "Syrie\u{a0}: Poutine appelle Al\u{2011}Assad"
        );
        assert_eq!(
            headline("Bachar al-Assad à Saint-Genest-les-Prés"),
            "Bachar al\u{2011}Assad à Saint\u{2011}Genest\u{2011}les\u{2011}Prés"
        );
        assert_eq!(headline("11-Novembre"), "11\u{2011}Novembre");
        // Common compounds may still break at their hyphen.
        assert_eq!(
            headline("Que va-t-il faire ?"),
            "Que va-t-il faire\u{202f}?"
        );
        assert_eq!(headline("peut-être"), "peut-être");
        // Too long to stay on one line of a phone.
        let long = "Aaaaaaaaaa-Bbbbbbbbbb-Cccccccccc-Dddd";
        assert_eq!(headline(long), long);
    }

    #[test]
    fn english_gets_curly_quotes_and_no_french_spacing() {
        assert_eq!(
            english_rules("Syria: Putin calls Al-Assad \"to congratulate him\"!"),
            "Syria: Putin calls Al-Assad “to congratulate him”!"
        );
        assert_eq!(english_rules("Aleppo's fall"), "Aleppo’s fall");
        assert_eq!(english_rules("Really?"), "Really?");
        // Numbers and spaces are left as typed; an odd quote is not guessed at.
        assert_eq!(english_rules("80 000 euros"), "80 000 euros");
        assert_eq!(english_rules("12\" and 3"), "12\" and 3");
    }

    #[test]
    fn the_default_typography_is_french() {
        assert_eq!(typeset("Syrie: Poutine"), "Syrie\u{a0}: Poutine");
        assert_eq!(french("Syrie: Poutine"), french_rules("Syrie: Poutine"));
    }

    fn grouped(n: u64, sep: char) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #[test]
        fn grouped_numbers_never_break(n in 1_000u64..u64::MAX, nb in any::<bool>()) {
            let sep = if nb { NBSP } else { ' ' };
            let text = format!("Il y a {} euros.", grouped(n, sep));
            let expected = format!("Il y a {} euros.", grouped(n, NNBSP));
            prop_assert_eq!(french(&text), expected);
        }

        #[test]
        fn years_and_phone_numbers_are_untouched(
            y1 in 1000u32..2100,
            y2 in 1000u32..2100,
            pairs in proptest::collection::vec(0u32..100, 4),
            first in 1u32..10,
        ) {
            let years = format!("de {y1} à {y2}, en {y1} {y2}");
            prop_assert_eq!(thousands(&years), years.clone());
            let phone = format!(
                "0{first} {:02} {:02} {:02} {:02}",
                pairs[0], pairs[1], pairs[2], pairs[3]
            );
            prop_assert_eq!(thousands(&phone), phone.clone());
        }

        #[test]
        fn only_spaces_between_digits_change(s in "[0-9a-z ,.\u{a0}]{0,60}") {
            let out: Vec<char> = thousands(&s).chars().collect();
            let inp: Vec<char> = s.chars().collect();
            prop_assert_eq!(out.len(), inp.len());
            for (k, (a, b)) in inp.iter().zip(&out).enumerate() {
                if a != b {
                    prop_assert!(is_space_like(*a) && *b == NNBSP, "{s:?} at {k}");
                    prop_assert!(inp[k - 1].is_ascii_digit() && inp[k + 1].is_ascii_digit());
                }
            }
        }

        #[test]
        fn headlines_only_change_hyphens(s in "\\PC{0,120}") {
            let plain: Vec<char> = french(&s).chars().collect();
            let head: Vec<char> = headline(&s).chars().collect();
            prop_assert_eq!(plain.len(), head.len());
            for (a, b) in plain.iter().zip(&head) {
                prop_assert!(a == b || (*a == '-' && *b == NB_HYPHEN));
            }
        }

        #[test]
        fn english_never_adds_a_space(s in "\\PC{0,200}") {
            let out = english_rules(&s);
            let count = |t: &str| t.chars().filter(|c| c.is_whitespace()).count();
            prop_assert_eq!(count(&out), count(&s));
            prop_assert_eq!(out.chars().count(), s.chars().count());
        }

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
