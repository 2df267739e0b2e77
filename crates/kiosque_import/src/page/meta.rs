//! What the page says about the article rather than in it: the title's topic, the byline and
//! image references.

use chrono::NaiveDate;

use super::lines::{all_digits, has_alphanumeric};

/// Longest text before ` : ` that is still read as the title's topic.
pub const MAX_TOPIC_CHARS: usize = 40;
/// Most words in a topic.
pub const MAX_TOPIC_WORDS: usize = 5;
/// Longest line read as a byline.
const MAX_BYLINE_CHARS: usize = 120;

/// An image reference line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ImageRef {
    pub(super) path: String,
    pub(super) date: Option<NaiveDate>,
    pub(super) placeholder: bool,
}

const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "gif", "webp"];

pub(super) fn parse_image_line(line: &str) -> Option<ImageRef> {
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

pub(super) fn topic_of(title: &str) -> Option<String> {
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

pub(super) fn parse_byline(line: &str) -> Option<Vec<String>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::test_support::date;

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
}
