//! Display-ready podcast episodes: the player an episode page and an article (`::audio 12`)
//! show, and the lines of a show's list of episodes.
//!
//! An uploaded file plays in `<audio controls>` from `/media/…` (served with range requests,
//! so a listener can seek and resume). A file hosted elsewhere is a link: the
//! Content-Security-Policy lets media come from this site only (`media-src 'self'`), which keeps
//! third-party hosts from learning who reads what.

use kiosque_domain::typography::typeset;
use kiosque_store::EpisodeRow;

use crate::video_views::{self, DurationView};

/// Episodes listed on a show's page and in its feed.
pub const EPISODES_SHOWN: i64 = 100;

pub struct AudioPlayer {
    pub id: i64,
    pub title: String,
    pub show_title: String,
    /// The episode's page (its description, the transcript when the newsroom wrote one).
    pub href: String,
    pub show_href: String,
    /// The file on this site, played in `<audio>`; `None` for a file hosted elsewhere.
    pub src: Option<String>,
    /// Where to download or listen to it: the file here or the address elsewhere.
    pub download: String,
    pub mime: String,
    pub duration: Option<DurationView>,
    /// "12 MB": the file's size, for the download link.
    pub size: Option<String>,
    pub day: String,
    pub datetime: String,
}

/// The size of a file for people: "850 kB", "12.4 MB" (the catalogue writes the unit).
fn size_label(bytes: i64) -> String {
    if bytes < 1_000_000 {
        crate::i18n::t1("pod-size-kb", "size", (bytes / 1000).max(1))
    } else {
        let tenths = (bytes + 50_000) / 100_000;
        crate::i18n::t2("pod-size-mb", "whole", tenths / 10, "tenths", tenths % 10)
    }
}

pub fn player(e: &EpisodeRow) -> AudioPlayer {
    let local = e
        .file_path
        .as_ref()
        .map(|p| format!("/media/{}", p.trim_start_matches('/')));
    let download = local
        .clone()
        .or_else(|| e.external_url.clone())
        .unwrap_or_default();
    AudioPlayer {
        id: e.id,
        title: typeset(&e.title),
        show_title: typeset(&e.show_title),
        href: e.path(),
        show_href: e.show_path(),
        src: local,
        download,
        mime: e.mime.clone(),
        duration: video_views::duration(e.duration_seconds),
        size: e.file_bytes.map(size_label),
        day: kiosque_domain::dates::paris_date(e.published_at),
        datetime: kiosque_domain::dates::iso(e.published_at),
    }
}

/// A description as paragraphs: one per line the newsroom wrote.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(typeset)
        .collect()
}
