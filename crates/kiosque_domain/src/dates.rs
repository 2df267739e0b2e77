//! Dates as the site shows them: Europe/Paris, French formats ("Publié le 23/12/2016 à 15:34").
//! Stored times are Unix milliseconds in UTC; conversion happens only here, at display.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;

/// Converts stored milliseconds to a UTC time; out-of-range values fall back to the epoch
/// rather than fail a page.
pub fn from_millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// `23/12/2016`
pub fn paris_date(ms: i64) -> String {
    from_millis(ms)
        .with_timezone(&Paris)
        .format("%d/%m/%Y")
        .to_string()
}

/// `15:34`
pub fn paris_time(ms: i64) -> String {
    from_millis(ms)
        .with_timezone(&Paris)
        .format("%H:%M")
        .to_string()
}

/// ISO 8601 with the Paris offset, for `<time datetime>` and metadata.
pub fn iso(ms: i64) -> String {
    from_millis(ms).with_timezone(&Paris).to_rfc3339()
}

/// "Publié le 23/12/2016 à 15:34", or "Publié le 23/12/2016" when the time is unknown.
pub fn published_label(ms: i64, time_known: bool) -> String {
    if time_known {
        format!("Publié le {} à {}", paris_date(ms), paris_time(ms))
    } else {
        format!("Publié le {}", paris_date(ms))
    }
}

/// "Mis à jour le 24/12/2016 à 09:02"
pub fn updated_label(ms: i64) -> String {
    format!("Mis à jour le {} à {}", paris_date(ms), paris_time(ms))
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
    }

    #[test]
    fn summer_time_is_respected() {
        let d = NaiveDate::from_ymd_opt(2024, 7, 1).expect("date");
        let t = NaiveTime::from_hms_opt(8, 0, 0).expect("time");
        assert!(iso(paris_millis(d, Some(t))).ends_with("+02:00"));
    }
}
