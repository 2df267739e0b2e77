//! Display-ready pieces of video cards and pages: a video's length and date, split so that the
//! templates write the words around them ("3:12", "3 min 12 s", "Vidéo du 22/12/2016").

use kiosque_domain::dates;
use kiosque_domain::video::{DateKind, Duration};
use kiosque_store::VideoCard;

/// The `sizes` of a poster on a video card: a card of the rail or of `/videos` is about 18rem
/// wide on wide screens, up to the width of a phone on /videos.
pub const VIDEO_CARD_SIZES: &str = "(min-width: 48rem) 18rem, 90vw";

/// A video's length: `clock` over the poster, `iso` for `<time datetime>` and schema.org, and
/// its parts for the words a screen reader says ("3 min 12 s").
pub struct DurationView {
    pub clock: String,
    pub iso: String,
    pub hours: u32,
    /// Two digits after hours (`1 h 02 min`), else as is.
    pub minutes: String,
    /// Always two digits (`1 min 05 s`).
    pub seconds: String,
}

pub fn duration(seconds: Option<i64>) -> Option<DurationView> {
    let d = Duration::of_seconds(seconds?)?;
    Some(DurationView {
        clock: d.clock(),
        iso: d.iso(),
        hours: d.hours,
        minutes: if d.hours > 0 {
            format!("{:02}", d.minutes)
        } else {
            d.minutes.to_string()
        },
        seconds: format!("{:02}", d.seconds),
    })
}

/// The date a video shows: its own (`recorded`, "Vidéo du …") or the day it went online here
/// ("Publiée le …"); none for an archive video whose date nobody gave.
pub struct VideoDate {
    pub day: String,
    pub datetime: String,
    pub recorded: bool,
}

pub fn date(v: &VideoCard) -> Option<VideoDate> {
    v.shown_date().map(|(at, kind)| VideoDate {
        day: dates::paris_date(at),
        datetime: dates::iso(at),
        recorded: kind == DateKind::Recorded,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_split_for_the_templates() {
        let d = duration(Some(65)).expect("a length");
        assert_eq!(
            (
                d.clock.as_str(),
                d.iso.as_str(),
                d.hours,
                d.minutes.as_str(),
                d.seconds.as_str()
            ),
            ("1:05", "PT1M5S", 0, "1", "05")
        );
        let d = duration(Some(3723)).expect("a length");
        assert_eq!((d.hours, d.minutes.as_str()), (1, "02"));
        assert!(duration(None).is_none() && duration(Some(0)).is_none());
    }
}
