//! The pure checks of the video form's fields: duration, address of a video hosted elsewhere,
//! poster path, and where a media path lies on disk.

use reqwest::Url;

/// Longest address of a video hosted elsewhere.
const MAX_URL_CHARS: usize = 2000;
/// The longest duration accepted: a day.
const MAX_DURATION_SECONDS: u32 = 24 * 3600;

/// A duration as typed: `3:25` (minutes:seconds), `1:02:03` (hours too), or seconds (`205`).
/// Empty is no duration.
pub fn parse_duration(raw: &str) -> Result<Option<u32>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let unreadable = || crate::i18n::t1("nr-video-duration-unreadable", "raw", raw);
    let parts: Vec<&str> = raw.split(':').map(str::trim).collect();
    let mut numbers = Vec::with_capacity(parts.len());
    for p in &parts {
        if p.is_empty() || p.len() > 6 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(unreadable());
        }
        numbers.push(p.parse::<u32>().map_err(|_| unreadable())?);
    }
    let seconds = match numbers.as_slice() {
        [s] => *s,
        [m, s] if *s < 60 => m * 60 + s,
        [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
        _ => return Err(unreadable()),
    };
    if seconds == 0 {
        return Err(crate::i18n::t("nr-video-duration-zero"));
    }
    if seconds > MAX_DURATION_SECONDS {
        return Err(crate::i18n::t("nr-video-duration-too-long"));
    }
    Ok(Some(seconds))
}

/// A duration as the form shows it: `3:25`, `1:02:03`.
pub fn format_duration(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The address of a video hosted elsewhere, normalised (`url` crate: lowercase host, default
/// port dropped, characters escaped). Only `https://` addresses with a domain name and no
/// credentials are accepted: no `http:` (mixed content), no `javascript:`, no IP address.
pub fn normalize_embed_url(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let refuse = || crate::i18n::t("nr-video-url-https");
    if raw.chars().count() > MAX_URL_CHARS {
        return Err(crate::i18n::t1(
            "nr-video-url-too-long",
            "max",
            MAX_URL_CHARS,
        ));
    }
    let url = Url::parse(raw).map_err(|_| refuse())?;
    if url.scheme() != "https" || url.domain().is_none() || url.cannot_be_a_base() {
        return Err(refuse());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(crate::i18n::t("nr-video-url-credentials"));
    }
    Ok(url.to_string())
}

/// The site an external video is on, as readers know it: `dailymotion.com` for
/// `https://www.dailymotion.com/video/x123`.
/// Empty for an address that does not parse (the link then shows no host).
pub fn embed_host(url: &str) -> String {
    let host = Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(&host).to_owned()
}

/// The video's own date as a date field sends it (`2016-12-22`), as Paris noon (so that the
/// day is the same wherever a reader is); empty is none.
pub(super) fn parse_video_day(raw: &str) -> Result<Option<i64>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let day = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|d| (1890..=2100).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| crate::i18n::t1("nr-video-date-unreadable", "raw", raw))?;
    Ok(Some(kiosque_domain::dates::paris_millis(day, None)))
}

/// The day a date field shows for stored milliseconds (`2016-12-22`, in Paris).
pub(super) fn video_day(ms: i64) -> String {
    kiosque_domain::dates::from_millis(ms)
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%d")
        .to_string()
}

/// The article tied to a video, as typed: its number (`123`) or its address
/// (`https://…/monde/alep_123.html`, `/monde/alep_123.html`); empty is none.
pub(super) fn parse_article_ref(raw: &str) -> Result<Option<kiosque_domain::ArticleId>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let file = raw.split(['?', '#']).next().unwrap_or(raw);
    let file = file.rsplit('/').next().unwrap_or(file);
    let id = match file.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => kiosque_domain::slug::parse_permalink_file(file).map(|(_, id)| id),
    };
    id.map(|id| Some(kiosque_domain::ArticleId(id)))
        .ok_or_else(|| crate::i18n::t("nr-video-article-unreadable"))
}

/// A poster path of the media library as typed (`/2016/12/23/photo.jpg`), or why not.
pub(super) fn poster_path(raw: &str) -> Result<Option<String>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let rel = raw.trim_start_matches('/');
    let image = rel.rsplit_once('.').is_some_and(|(_, ext)| {
        matches!(
            ext.to_ascii_lowercase().as_str(),
            "jpg" | "jpeg" | "png" | "webp" | "gif" | "avif"
        )
    });
    if rel.is_empty()
        || rel.contains("://")
        || rel.contains('\\')
        || rel
            .split('/')
            .any(|s| s.is_empty() || s == ".." || s == ".")
        || !image
    {
        return Err(crate::i18n::t("nr-video-poster-path-invalid"));
    }
    Ok(Some(format!("/{rel}")))
}

/// A path of the media store (`/2026/05/01/a.mp4`) without its slash, if it is a plain
/// relative path.
pub(super) fn media_file(path: &str) -> Option<String> {
    let rel = path.trim_start_matches('/');
    let safe = !rel.is_empty()
        && !rel.contains('\\')
        && rel
            .split('/')
            .all(|s| !s.is_empty() && s != ".." && s != ".");
    safe.then(|| rel.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_read_as_typed() {
        assert_eq!(parse_duration(""), Ok(None));
        assert_eq!(parse_duration(" 205 "), Ok(Some(205)));
        assert_eq!(parse_duration("3:25"), Ok(Some(205)));
        assert_eq!(parse_duration("03:05"), Ok(Some(185)));
        assert_eq!(parse_duration("1:02:03"), Ok(Some(3723)));
        for bad in [
            "3:75", "abc", "3:", ":30", "1:2:3:4", "-5", "0", "0:00", "25:00:00", "3.5",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(format_duration(205), "3:25");
        assert_eq!(format_duration(59), "0:59");
        assert_eq!(format_duration(3723), "1:02:03");
    }

    #[test]
    fn only_https_addresses_are_embedded() {
        assert_eq!(
            normalize_embed_url(" https://WWW.Dailymotion.com:443/video/x123 "),
            Ok("https://www.dailymotion.com/video/x123".to_owned())
        );
        assert_eq!(
            normalize_embed_url("https://vimeo.com/1 2"),
            Ok("https://vimeo.com/1%202".to_owned())
        );
        for bad in [
            "http://www.dailymotion.com/video/x123",
            "javascript:alert(1)",
            "JavaScript://example.com/%0Aalert(1)",
            "data:text/html,hi",
            "//www.dailymotion.com/video/x123",
            "www.dailymotion.com/video/x123",
            "https://user:pw@example.com/v",
            "https://192.168.0.1/v",
            "ftp://example.com/v.mp4",
        ] {
            assert!(normalize_embed_url(bad).is_err(), "{bad}");
        }
        assert_eq!(
            embed_host("https://www.dailymotion.com/video/x123"),
            "dailymotion.com"
        );
        assert_eq!(embed_host("https://vimeo.com/1"), "vimeo.com");
    }

    #[test]
    fn days_and_articles_are_read_as_typed() {
        let noon = parse_video_day(" 2016-12-22 ")
            .expect("a day")
            .expect("some");
        assert_eq!(video_day(noon), "2016-12-22");
        assert_eq!(parse_video_day(""), Ok(None));
        for bad in ["22/12/2016", "2016-13-01", "0001-01-01", "hier"] {
            assert!(parse_video_day(bad).is_err(), "{bad}");
        }
        let id = |n| Ok(Some(kiosque_domain::ArticleId(n)));
        assert_eq!(parse_article_ref(" 123 "), id(123));
        assert_eq!(parse_article_ref("/monde/alep_45.html"), id(45));
        assert_eq!(
            parse_article_ref("https://kiosque.test/monde/alep_45.html?page=2#commentaires"),
            id(45)
        );
        assert_eq!(parse_article_ref(""), Ok(None));
        for bad in ["0", "-3", "alep", "/monde/alep.html"] {
            assert!(parse_article_ref(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn posters_are_library_paths() {
        assert_eq!(
            poster_path("2016/12/23/x.jpg"),
            Ok(Some("/2016/12/23/x.jpg".to_owned()))
        );
        assert_eq!(poster_path("  "), Ok(None));
        for bad in [
            "https://example.com/x.jpg",
            "/2016/../../etc/passwd.jpg",
            "/2016//x.jpg",
            "/2016/12/23/x.mp4",
            "/2016/12/23/x",
        ] {
            assert!(poster_path(bad).is_err(), "{bad}");
        }
    }
}
