//! Date stamps: `Publié le 23/12/2016 à 15:34 - Mis à jour le 24/12/2016`.

use chrono::{NaiveDate, NaiveTime};

use super::lines::{all_digits, norm_key};

/// A date with an optional time of day, as a stamp line gives it.
pub(super) type Stamp = (NaiveDate, Option<NaiveTime>);

/// What a stamp line says.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct StampLine {
    pub(super) published: Option<Stamp>,
    pub(super) updated: Option<Stamp>,
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
pub(super) fn parse_stamp_line(line: &str) -> Option<StampLine> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::test_support::{date, time};

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
}
