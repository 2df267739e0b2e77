//! Dates as the site shows them: in Europe/Paris time, worded in the site's language
//! ("Publié le 23/12/2016 à 15:34", "Published 23 December 2016 at 15:34"). Stored times are
//! Unix milliseconds in UTC; conversion happens only here, at display. The formats are the
//! catalogue's (`date-day-pattern`, `date-time-pattern`, `date-month`), so that a language
//! brings its own.

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::{Europe::Paris, Tz};
use kiosque_i18n::Catalogue;

/// Converts stored milliseconds to a UTC time; out-of-range values fall back to the epoch
/// rather than fail a page.
pub fn from_millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn in_paris(ms: i64) -> DateTime<Tz> {
    from_millis(ms).with_timezone(&Paris)
}

/// Formats with a pattern read from a catalogue. A pattern chrono cannot read would make
/// `to_string` panic: such a catalogue gets the French format instead of a broken page.
fn strftime(at: &DateTime<Tz>, pattern: &str, fallback: &'static str) -> String {
    let items: Vec<Item<'_>> = StrftimeItems::new(pattern).collect();
    if items.is_empty() || items.iter().any(|i| matches!(i, Item::Error)) {
        return at.format(fallback).to_string();
    }
    at.format_with_items(items.iter()).to_string()
}

/// `23/12/2016` in French, `23 December 2016` in English.
pub fn paris_date(ms: i64) -> String {
    day_in(kiosque_i18n::current(), ms)
}

/// `15:34`
pub fn paris_time(ms: i64) -> String {
    time_in(kiosque_i18n::current(), ms)
}

/// "23/12/2016 à 15:34", "23 December 2016 at 15:34".
pub fn date_time(ms: i64) -> String {
    stamp_in(kiosque_i18n::current(), "date-at", ms)
}

/// "le 23/12/2016 à 15:34", "on 23 December 2016 at 15:34": a date after a name.
pub fn on_date_time(ms: i64) -> String {
    stamp_in(kiosque_i18n::current(), "date-on-at", ms)
}

/// ISO 8601 with the Paris offset, for `<time datetime>` and metadata.
pub fn iso(ms: i64) -> String {
    in_paris(ms).to_rfc3339()
}

/// "Publié le 23/12/2016 à 15:34", or "Publié le 23/12/2016" when the time is unknown.
pub fn published_label(ms: i64, time_known: bool) -> String {
    published_in(kiosque_i18n::current(), ms, time_known)
}

/// "Mis à jour le 24/12/2016 à 09:02"
pub fn updated_label(ms: i64) -> String {
    stamp_in(kiosque_i18n::current(), "date-updated", ms)
}

fn day_in(c: &Catalogue, ms: i64) -> String {
    let at = in_paris(ms);
    // The month's name is the catalogue's, not chrono's (which knows only English).
    let month = c
        .format("date-month", &[("month", at.month().into())])
        .replace('%', "%%");
    let pattern = c.text("date-day-pattern").replace("%B", &month);
    strftime(&at, &pattern, "%d/%m/%Y")
}

fn time_in(c: &Catalogue, ms: i64) -> String {
    strftime(&in_paris(ms), &c.text("date-time-pattern"), "%H:%M")
}

/// A message of the catalogue around a date and a time (`date-at`, `date-updated`…).
fn stamp_in(c: &Catalogue, key: &str, ms: i64) -> String {
    let (date, time) = (day_in(c, ms), time_in(c, ms));
    c.format(
        key,
        &[
            ("date", date.as_str().into()),
            ("time", time.as_str().into()),
        ],
    )
}

fn published_in(c: &Catalogue, ms: i64, time_known: bool) -> String {
    if time_known {
        stamp_in(c, "date-published", ms)
    } else {
        let date = day_in(c, ms);
        c.format("date-published-day", &[("date", date.as_str().into())])
    }
}

/// Whether two moments fall on the same day in Paris.
pub fn same_paris_day(a: i64, b: i64) -> bool {
    in_paris(a).date_naive() == in_paris(b).date_naive()
}

/// The day of the month and the month's name in Paris: (3, "décembre"), (3, "December").
pub fn paris_day_and_month(ms: i64) -> (u32, String) {
    let at = in_paris(ms);
    let month = kiosque_i18n::current().format("date-month", &[("month", at.month().into())]);
    (at.day(), month)
}

/// Milliseconds of a Paris wall-clock date and time (noon when only the day is known, so that
/// the day is the same in every time zone a reader may be in).
pub fn paris_millis(date: NaiveDate, time: Option<NaiveTime>) -> i64 {
    let t = time.unwrap_or_else(|| NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
    Paris
        .from_local_datetime(&date.and_time(t))
        .earliest()
        .map(|d| d.with_timezone(&Utc).timestamp_millis())
        .unwrap_or_else(|| date.and_time(t).and_utc().timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_in_paris_time() {
        let d = NaiveDate::from_ymd_opt(2016, 12, 23).expect("date");
        let t = NaiveTime::from_hms_opt(15, 34, 0).expect("time");
        let ms = paris_millis(d, Some(t));
        assert_eq!(published_label(ms, true), "Publié le 23/12/2016 à 15:34");
        assert_eq!(published_label(ms, false), "Publié le 23/12/2016");
        assert!(iso(ms).starts_with("2016-12-23T15:34:00+01:00"));
        assert_eq!(updated_label(ms), "Mis à jour le 23/12/2016 à 15:34");
        assert_eq!(date_time(ms), "23/12/2016 à 15:34");
        assert_eq!(on_date_time(ms), "le 23/12/2016 à 15:34");
    }

    #[test]
    fn english_dates_name_the_month() {
        let en = Catalogue::load("en").expect("en");
        let d = NaiveDate::from_ymd_opt(2016, 12, 23).expect("date");
        let t = NaiveTime::from_hms_opt(15, 34, 0).expect("time");
        let ms = paris_millis(d, Some(t));
        assert_eq!(
            published_in(&en, ms, true),
            "Published 23 December 2016 at 15:34"
        );
        assert_eq!(published_in(&en, ms, false), "Published 23 December 2016");
        assert_eq!(
            stamp_in(&en, "date-updated", ms),
            "Updated 23 December 2016 at 15:34"
        );
        let early = paris_millis(NaiveDate::from_ymd_opt(2024, 3, 5).expect("date"), None);
        assert_eq!(day_in(&en, early), "5 March 2024");
    }

    #[test]
    fn the_day_keeps_its_leading_zeros_in_french() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5).expect("date");
        let t = NaiveTime::from_hms_opt(7, 5, 0).expect("time");
        let ms = paris_millis(d, Some(t));
        assert_eq!(paris_date(ms), "05/03/2024");
        assert_eq!(paris_time(ms), "07:05");
    }

    #[test]
    fn a_pattern_chrono_cannot_read_falls_back_to_the_french_format() {
        let d = NaiveDate::from_ymd_opt(2016, 12, 23).expect("date");
        let at = in_paris(paris_millis(d, None));
        assert_eq!(strftime(&at, "%Q %d", "%d/%m/%Y"), "23/12/2016");
        assert_eq!(strftime(&at, "", "%d/%m/%Y"), "23/12/2016");
        assert_eq!(strftime(&at, "%-d %Y", "%d/%m/%Y"), "23 2016");
    }

    #[test]
    fn every_catalogue_names_the_twelve_months() {
        for lang in Catalogue::languages() {
            let catalogue = Catalogue::load(lang).expect("catalogue");
            let names: Vec<String> = (1..=12)
                .map(|m: i64| catalogue.format("date-month", &[("month", m.into())]))
                .collect();
            let mut distinct = names.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), 12, "{lang}: {names:?}");
        }
        let en = Catalogue::load("en").expect("en");
        assert_eq!(en.format("date-month", &[("month", 1.into())]), "January");
    }

    #[test]
    fn summer_time_is_respected() {
        let d = NaiveDate::from_ymd_opt(2024, 7, 1).expect("date");
        let t = NaiveTime::from_hms_opt(8, 0, 0).expect("time");
        assert!(iso(paris_millis(d, Some(t))).ends_with("+02:00"));
    }
}
