//! Videos beyond their source: how long they last, in the forms people and machines read, and
//! what the newsroom tells about a video (its own date, a description, the article it goes
//! with).

use crate::ids::ArticleId;

/// Longest description of a video, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 5000;

/// A video's length, split for display: `3:12` over a poster, "3 min 12 s" for a screen
/// reader (the template writes the units), `PT3M12S` for `<time datetime>` and schema.org.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    pub hours: u32,
    pub minutes: u32,
    pub seconds: u32,
}

impl Duration {
    /// `None` for no length or a nonsensical one (zero, negative, beyond `u32` hours).
    pub fn of_seconds(total: i64) -> Option<Self> {
        let total = u64::try_from(total).ok().filter(|t| *t > 0)?;
        Some(Duration {
            hours: u32::try_from(total / 3600).ok()?,
            minutes: (total / 60 % 60) as u32,
            seconds: (total % 60) as u32,
        })
    }

    /// `3:12`, `0:45`, `1:02:03`: how video sites print a length.
    pub fn clock(&self) -> String {
        let Duration {
            hours,
            minutes,
            seconds,
        } = *self;
        if hours > 0 {
            format!("{hours}:{minutes:02}:{seconds:02}")
        } else {
            format!("{minutes}:{seconds:02}")
        }
    }

    /// ISO 8601 (`PT3M12S`, `PT1H2M3S`, `PT45S`), as HTML's `<time datetime>` and schema.org's
    /// `duration` want it.
    pub fn iso(&self) -> String {
        let mut out = String::from("PT");
        if self.hours > 0 {
            out.push_str(&format!("{}H", self.hours));
        }
        if self.minutes > 0 {
            out.push_str(&format!("{}M", self.minutes));
        }
        if self.seconds > 0 || (self.hours == 0 && self.minutes == 0) {
            out.push_str(&format!("{}S", self.seconds));
        }
        out
    }
}

/// What the newsroom tells about a video besides its title, poster and source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VideoDetails {
    /// The video's own date (shot or first shown), Unix milliseconds; not the day it joined
    /// this site.
    pub recorded_at: Option<i64>,
    pub description: Option<String>,
    /// The article that goes with it, when the newsroom names one.
    pub article: Option<ArticleId>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VideoError {
    DescriptionTooLong,
}

/// What the journalist reads, in the site's language.
impl std::fmt::Display for VideoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            VideoError::DescriptionTooLong => {
                kiosque_i18n::t1("err-description-too-long", "max", MAX_DESCRIPTION_CHARS)
            }
        })
    }
}

impl VideoError {
    /// A stable code for programs (logs, the API); the `Display` text is what people read.
    pub fn code(&self) -> &'static str {
        match self {
            VideoError::DescriptionTooLong => "video.description_too_long",
        }
    }
}

impl VideoDetails {
    /// The details as they are stored: a blank description is none.
    pub fn normalized(self) -> Result<Self, VideoError> {
        let description = self
            .description
            .map(|d| d.trim().replace("\r\n", "\n"))
            .filter(|d| !d.is_empty());
        if description
            .as_ref()
            .is_some_and(|d| d.chars().count() > MAX_DESCRIPTION_CHARS)
        {
            return Err(VideoError::DescriptionTooLong);
        }
        Ok(VideoDetails {
            description,
            ..self
        })
    }
}

/// The date a video page and card show, and what it is: the newsroom's date of the video
/// itself; else the day it went online here, unless it came from an archive page, whose import
/// day says nothing about the video (then no date at all rather than a wrong one).
pub fn shown_date(
    recorded_at: Option<i64>,
    published_at: i64,
    from_archive: bool,
) -> Option<(i64, DateKind)> {
    match recorded_at {
        Some(at) => Some((at, DateKind::Recorded)),
        None if from_archive => None,
        None => Some((published_at, DateKind::Published)),
    }
}

/// Which date [`shown_date`] chose, so that the page words it rightly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// The video's own date.
    Recorded,
    /// When it went online on this site.
    Published,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_clocks_and_iso() {
        let d = Duration::of_seconds(192).expect("a duration");
        assert_eq!((d.clock(), d.iso()), ("3:12".into(), "PT3M12S".into()));
        let d = Duration::of_seconds(45).expect("a duration");
        assert_eq!((d.clock(), d.iso()), ("0:45".into(), "PT45S".into()));
        let d = Duration::of_seconds(3723).expect("a duration");
        assert_eq!((d.clock(), d.iso()), ("1:02:03".into(), "PT1H2M3S".into()));
        let d = Duration::of_seconds(180).expect("a duration");
        assert_eq!((d.clock(), d.iso()), ("3:00".into(), "PT3M".into()));
        assert_eq!(
            Duration::of_seconds(3600).map(|d| d.iso()),
            Some("PT1H".into())
        );
        assert_eq!(Duration::of_seconds(0), None);
        assert_eq!(Duration::of_seconds(-5), None);
    }

    #[test]
    fn details_are_trimmed_and_bounded() {
        let d = VideoDetails {
            description: Some("  \r\n ".into()),
            ..VideoDetails::default()
        };
        assert_eq!(d.normalized().expect("ok").description, None);
        let d = VideoDetails {
            description: Some(" Un\r\ntexte ".into()),
            ..VideoDetails::default()
        };
        assert_eq!(
            d.normalized().expect("ok").description.as_deref(),
            Some("Un\ntexte")
        );
        let long = VideoDetails {
            description: Some("é".repeat(MAX_DESCRIPTION_CHARS + 1)),
            ..VideoDetails::default()
        };
        assert_eq!(long.normalized(), Err(VideoError::DescriptionTooLong));
    }

    #[test]
    fn archive_videos_show_no_import_day() {
        assert_eq!(shown_date(Some(5), 9, true), Some((5, DateKind::Recorded)));
        assert_eq!(shown_date(None, 9, true), None);
        assert_eq!(shown_date(None, 9, false), Some((9, DateKind::Published)));
    }
}
