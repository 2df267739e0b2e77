//! Breaking news: the rules of an alert (its text, its link, how long it lasts) and whether one
//! is showing at a given moment. The store keeps them; the page cache shows the active one.

/// Longest alert text, in characters: a banner is one line on a phone, two at most.
pub const MAX_TEXT: usize = 200;
/// Longest link.
pub const MAX_LINK: usize = 500;
/// Longest an alert may last: a day. Breaking news that lasts longer is a story.
pub const MAX_DURATION_MS: i64 = 24 * 3600 * 1000;

/// What is wrong with an alert, by field, so a form can say it beside the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AlertError {
    #[error("alert text is empty")]
    EmptyText,
    #[error("alert text is too long")]
    LongText,
    #[error("alert link is neither an internal path nor an http(s) URL")]
    BadLink,
    #[error("alert duration is not understood or out of range")]
    BadDuration,
}

impl AlertError {
    /// The form field the error belongs to.
    pub fn field(self) -> &'static str {
        match self {
            AlertError::EmptyText | AlertError::LongText => "text",
            AlertError::BadLink => "link",
            AlertError::BadDuration => "expires",
        }
    }

    /// The message in the site's language.
    pub fn message(self) -> String {
        match self {
            AlertError::EmptyText => kiosque_i18n::t("alert-err-text-empty"),
            AlertError::LongText => kiosque_i18n::t1("alert-err-text-long", "max", MAX_TEXT as i64),
            AlertError::BadLink => kiosque_i18n::t("alert-err-link"),
            AlertError::BadDuration => kiosque_i18n::t("alert-err-duration"),
        }
    }
}

/// An alert as sent, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertDraft {
    pub text: String,
    pub link: Option<String>,
    pub duration_ms: i64,
}

impl AlertDraft {
    /// Checks and normalises what a person typed: the text trimmed (whitespace runs folded),
    /// an empty link as none. Every error found, in field order.
    pub fn new(text: &str, link: &str, duration_ms: i64) -> Result<Self, Vec<AlertError>> {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut errors = Vec::new();
        if text.is_empty() {
            errors.push(AlertError::EmptyText);
        } else if text.chars().count() > MAX_TEXT {
            errors.push(AlertError::LongText);
        }
        let link = link.trim();
        let link = if link.is_empty() {
            None
        } else if valid_link(link) {
            Some(link.to_owned())
        } else {
            errors.push(AlertError::BadLink);
            None
        };
        if !(60_000..=MAX_DURATION_MS).contains(&duration_ms) {
            errors.push(AlertError::BadDuration);
        }
        if errors.is_empty() {
            Ok(AlertDraft {
                text,
                link,
                duration_ms,
            })
        } else {
            Err(errors)
        }
    }
}

/// An internal path (`/monde/…`, not `//host`) or an absolute http(s) URL with a host; no
/// spaces or control characters, so it goes into an `href` as it is.
pub fn valid_link(link: &str) -> bool {
    if link.len() > MAX_LINK || link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if let Some(rest) = link.strip_prefix('/') {
        return !rest.starts_with('/') && !rest.starts_with('\\');
    }
    match url::Url::parse(link) {
        Ok(u) => {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        }
        Err(_) => false,
    }
}

/// A duration as typed on the command line or chosen in the form: `30m`, `2h`, `90min`,
/// `1h30m`, `45` (minutes). `None` when not understood or out of range.
pub fn parse_duration(s: &str) -> Option<i64> {
    let s = s.trim().to_ascii_lowercase();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i64>().ok()?.checked_mul(60_000).filter(valid_ms);
    }
    let mut total: i64 = 0;
    let mut rest = s.as_str();
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 6 {
            return None;
        }
        let n: i64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let unit = match &rest[..unit_len] {
            "h" => 3_600_000,
            "m" | "min" => 60_000,
            "s" => 1000,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total = total.checked_add(n.checked_mul(unit)?)?;
    }
    Some(total).filter(valid_ms)
}

fn valid_ms(ms: &i64) -> bool {
    (60_000..=MAX_DURATION_MS).contains(ms)
}

/// Whether an alert shows at `now`: not ended, not yet expired. Expiry needs no write.
pub fn showing(ended_at: Option<i64>, expires_at: i64, now: i64) -> bool {
    ended_at.is_none() && now < expires_at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2h"), Some(7_200_000));
        assert_eq!(parse_duration("30m"), Some(1_800_000));
        assert_eq!(parse_duration("1h30m"), Some(5_400_000));
        assert_eq!(parse_duration("45"), Some(2_700_000));
        for bad in ["", "2x", "h", "0m", "25h", "-1h", "2 h", "99999999999h"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn links() {
        assert!(valid_link("/monde/a_1.html"));
        assert!(valid_link("https://example.org/x"));
        for bad in [
            "//evil.example",
            "javascript:alert(1)",
            "ftp://x",
            "/a b",
            "monde",
        ] {
            assert!(!valid_link(bad), "{bad}");
        }
    }

    #[test]
    fn drafts() {
        let d = AlertDraft::new("  Séisme   au Japon ", "", 3_600_000).expect("valid");
        assert_eq!(d.text, "Séisme au Japon");
        assert_eq!(d.link, None);
        let e = AlertDraft::new(" ", "javascript:x", 0).expect_err("invalid");
        assert_eq!(
            e,
            [
                AlertError::EmptyText,
                AlertError::BadLink,
                AlertError::BadDuration
            ]
        );
        assert!(AlertDraft::new(&"x".repeat(MAX_TEXT + 1), "", 60_000).is_err());
    }

    #[test]
    fn expiry_needs_no_write() {
        assert!(showing(None, 10, 9));
        assert!(!showing(None, 10, 10));
        assert!(!showing(Some(5), 10, 6));
    }
}
