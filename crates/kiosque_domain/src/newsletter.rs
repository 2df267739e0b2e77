//! Newsletters and the mail queue's rules, with no I/O: which newsletter a name means, when a
//! day's edition is due (Europe/Paris), how long a failed message waits before its next try,
//! the `Message-ID` of a queued message and the unsubscribe link of a newsletter mail.

use chrono::{NaiveDate, NaiveTime, Timelike};
use chrono_tz::Europe::Paris;

use crate::dates::from_millis;

/// The daily digest's name (the CLI's `kiosque newsletter send daily`); section newsletters are
/// named after their section's slug.
pub const DAILY: &str = "daily";

/// Default send time: 07:00, Paris time, in minutes after midnight.
pub const DEFAULT_SEND_MINUTE: i64 = 7 * 60;

/// A message is given up after this many failed tries (about two days with the default
/// back-off).
pub const MAX_ATTEMPTS: i64 = 10;

/// The most articles one digest lists.
pub const MAX_ARTICLES: usize = 10;

/// Where the per-recipient unsubscribe link goes in an edition's stored HTML and text: the
/// sender replaces it for each recipient, so 100,000 mails share one stored body.
pub const UNSUBSCRIBE_MARK: &str = "%%kiosque-unsubscribe%%";

/// The site-relative unsubscribe link of one address from one newsletter: the address's
/// token is the proof, no log-in needed (RFC 8058 one-click POSTs to the same URL).
pub fn unsubscribe_path(token: &str, newsletter_id: i64) -> String {
    format!("/lettres/desabonnement?jeton={token}&lettre={newsletter_id}")
}

/// The wait before the next try of a message that failed `attempts` times (1 or more):
/// `base_ms` × 4ⁿ⁻¹, at most six hours.
pub fn retry_delay_ms(base_ms: i64, attempts: i64) -> i64 {
    let n = attempts.clamp(1, 12) - 1;
    base_ms
        .max(1)
        .saturating_mul(4i64.saturating_pow(n as u32))
        .min(6 * 3_600_000)
}

/// The host of the site's public URL, for `Message-ID`s (`kiosque.local` when there is none).
pub fn mail_domain(public_url: &str) -> String {
    url::Url::parse(public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .map(|h| h.trim_start_matches('[').trim_end_matches(']').to_owned())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_graphic() && c != '>'))
        .unwrap_or_else(|| "kiosque.local".to_owned())
}

/// The `Message-ID` of the queued message `id` made at `created_at`: the same at every try,
/// so a receiver sees a retry as the same message, and unique on the site's domain.
pub fn message_id(id: i64, created_at: i64, domain: &str) -> String {
    format!("<kiosque.{id}.{created_at}@{domain}>")
}

/// The send time "07:30" as minutes after midnight.
pub fn parse_send_time(s: &str) -> Option<i64> {
    let t = NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()?;
    Some(i64::from(t.hour() * 60 + t.minute()))
}

/// Minutes after midnight as "07:30".
pub fn send_time_label(minute: i64) -> String {
    let m = minute.clamp(0, 24 * 60 - 1);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The key of the scheduled edition due at `now` (its Paris date, `2026-12-03`), once the
/// newsletter's send time has passed on that day; `None` before it.
pub fn due_edition(send_minute: i64, now_ms: i64) -> Option<String> {
    let local = from_millis(now_ms).with_timezone(&Paris);
    let minute = i64::from(local.hour() * 60 + local.minute());
    (minute >= send_minute).then(|| local.date_naive().format("%Y-%m-%d").to_string())
}

/// The key of a special edition (`kiosque newsletter send`), unique by its time.
pub fn special_edition(now_ms: i64) -> String {
    format!("special-{now_ms}")
}

/// Whether a key names a day's scheduled edition (as opposed to a special one).
pub fn is_scheduled(key: &str) -> bool {
    NaiveDate::parse_from_str(key, "%Y-%m-%d").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::paris_millis;

    #[test]
    fn the_edition_is_due_after_its_paris_time() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
        let at = |h, m| paris_millis(day, NaiveTime::from_hms_opt(h, m, 0));
        assert_eq!(due_edition(420, at(6, 59)), None);
        assert_eq!(due_edition(420, at(7, 0)).as_deref(), Some("2026-12-03"));
        assert_eq!(due_edition(420, at(23, 59)).as_deref(), Some("2026-12-03"));
        // 00:30 in Paris is still the previous day in UTC: the Paris date counts.
        assert_eq!(due_edition(0, at(0, 30)).as_deref(), Some("2026-12-03"));
        assert!(is_scheduled("2026-12-03"));
        assert!(!is_scheduled(&special_edition(5)));
    }

    #[test]
    fn retries_back_off_and_stop_growing() {
        assert_eq!(retry_delay_ms(30_000, 1), 30_000);
        assert_eq!(retry_delay_ms(30_000, 2), 120_000);
        assert_eq!(retry_delay_ms(30_000, 30), 6 * 3_600_000);
    }

    #[test]
    fn message_ids_use_the_public_host() {
        assert_eq!(mail_domain("https://www.kiosque.fr/"), "www.kiosque.fr");
        assert_eq!(mail_domain("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(mail_domain("nonsense"), "kiosque.local");
        assert_eq!(message_id(7, 9, "a.fr"), "<kiosque.7.9@a.fr>");
    }

    #[test]
    fn send_times_read_and_print() {
        assert_eq!(parse_send_time("07:30"), Some(450));
        assert_eq!(parse_send_time("25:00"), None);
        assert_eq!(send_time_label(450), "07:30");
    }
}
