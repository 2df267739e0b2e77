//! Podcasts: shows and their audio episodes, the rules their fields follow, and the identifiers
//! podcast apps read in a show's feed (Apple's categories, the Podcasting 2.0 `podcast:guid`).

use sha1::{Digest, Sha1};

use crate::article::{MediaRef, MAX_TITLE_CHARS};

/// Longest description of a show or an episode, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 5000;
/// Longest author or owner name, in characters.
pub const MAX_AUTHOR_CHARS: usize = 200;
/// Longest episode: a day. Beyond it a typed length is a typo, not a programme.
pub const MAX_DURATION_SECONDS: i64 = 24 * 3600;

/// The top-level categories of Apple's podcast directory, as `itunes:category` spells them
/// (every app reads this list). A show has one.
pub const CATEGORIES: [&str; 19] = [
    "News",
    "Society & Culture",
    "Government",
    "History",
    "Business",
    "Technology",
    "Science",
    "Health & Fitness",
    "Education",
    "Arts",
    "Music",
    "TV & Film",
    "Sports",
    "Comedy",
    "Fiction",
    "True Crime",
    "Religion & Spirituality",
    "Kids & Family",
    "Leisure",
];

/// The category's name for the newsroom, in the site's language (the feed keeps Apple's).
pub fn category_label(category: &str) -> String {
    use kiosque_i18n::t;
    match category {
        "News" => t("pod-cat-news"),
        "Society & Culture" => t("pod-cat-society"),
        "Government" => t("pod-cat-government"),
        "History" => t("pod-cat-history"),
        "Business" => t("pod-cat-business"),
        "Technology" => t("pod-cat-technology"),
        "Science" => t("pod-cat-science"),
        "Health & Fitness" => t("pod-cat-health"),
        "Education" => t("pod-cat-education"),
        "Arts" => t("pod-cat-arts"),
        "Music" => t("pod-cat-music"),
        "TV & Film" => t("pod-cat-tv"),
        "Sports" => t("pod-cat-sports"),
        "Comedy" => t("pod-cat-comedy"),
        "Fiction" => t("pod-cat-fiction"),
        "True Crime" => t("pod-cat-true-crime"),
        "Religion & Spirituality" => t("pod-cat-religion"),
        "Kids & Family" => t("pod-cat-kids"),
        "Leisure" => t("pod-cat-leisure"),
        other => other.to_owned(),
    }
}

/// The audio files a browser's `<audio>` and podcast apps play that the newsroom may upload.
/// WAV is accepted because it is what a program can write without an encoder (the demo's
/// generated tones); the newsroom should prefer MP3 or M4A, which apps everywhere play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioFormat {
    Mp3,
    M4a,
    Ogg,
    Wav,
}

impl AudioFormat {
    pub fn extension(self) -> &'static str {
        match self {
            AudioFormat::Mp3 => "mp3",
            AudioFormat::M4a => "m4a",
            AudioFormat::Ogg => "ogg",
            AudioFormat::Wav => "wav",
        }
    }

    /// The MIME type of the feed's enclosure and of the file as the site serves it.
    pub fn mime(self) -> &'static str {
        match self {
            AudioFormat::Mp3 => "audio/mpeg",
            AudioFormat::M4a => "audio/mp4",
            AudioFormat::Ogg => "audio/ogg",
            AudioFormat::Wav => "audio/wav",
        }
    }

    /// The format an address's file name says (`…/episode.mp3?x=1`), for a file hosted
    /// elsewhere, whose bytes the site never reads.
    pub fn of_name(name: &str) -> Option<Self> {
        let name = name.split(['?', '#']).next().unwrap_or(name);
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "mp3" => AudioFormat::Mp3,
            "m4a" | "mp4" | "aac" => AudioFormat::M4a,
            "ogg" | "oga" | "opus" => AudioFormat::Ogg,
            "wav" => AudioFormat::Wav,
            _ => return None,
        })
    }
}

/// A show, as the newsroom writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShowDraft {
    pub title: String,
    pub description: String,
    /// The show's square artwork, from the media library.
    pub image: Option<MediaRef>,
    /// One of [`CATEGORIES`].
    pub category: String,
    pub explicit: bool,
    /// Who makes it (`itunes:author`, and the feed's owner).
    pub author: String,
}

/// Where an episode's sound is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AudioSource {
    /// An uploaded file of the media folder (`/2026/12/03/episode-ab12.mp3`), its exact size.
    File {
        path: String,
        bytes: i64,
        format: AudioFormat,
    },
    /// A file hosted elsewhere (https only).
    External { url: String, format: AudioFormat },
}

impl AudioSource {
    pub fn format(&self) -> AudioFormat {
        match self {
            AudioSource::File { format, .. } | AudioSource::External { format, .. } => *format,
        }
    }
}

/// An episode, as the newsroom writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeDraft {
    pub show_id: i64,
    pub title: String,
    pub description: String,
    pub duration_seconds: Option<i64>,
    pub source: AudioSource,
    pub image: Option<MediaRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PodcastError {
    Title,
    DescriptionTooLong,
    Author,
    Category,
    Duration,
    ExternalUrl,
}

/// What the journalist reads, in the site's language.
impl std::fmt::Display for PodcastError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use kiosque_i18n::{t, t1};
        f.write_str(&match self {
            PodcastError::Title => t1("pod-err-title", "max", MAX_TITLE_CHARS),
            PodcastError::DescriptionTooLong => {
                t1("pod-err-description", "max", MAX_DESCRIPTION_CHARS)
            }
            PodcastError::Author => t1("pod-err-author", "max", MAX_AUTHOR_CHARS),
            PodcastError::Category => t("pod-err-category"),
            PodcastError::Duration => t("pod-err-duration"),
            PodcastError::ExternalUrl => t("pod-err-external-url"),
        })
    }
}

fn check_title(title: &str) -> Result<(), PodcastError> {
    let n = title.trim().chars().count();
    if n == 0 || n > MAX_TITLE_CHARS {
        return Err(PodcastError::Title);
    }
    Ok(())
}

fn check_description(text: &str) -> Result<(), PodcastError> {
    if text.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(PodcastError::DescriptionTooLong);
    }
    Ok(())
}

impl ShowDraft {
    pub fn validate(&self) -> Result<(), PodcastError> {
        check_title(&self.title)?;
        check_description(&self.description)?;
        let author = self.author.trim().chars().count();
        if author == 0 || author > MAX_AUTHOR_CHARS {
            return Err(PodcastError::Author);
        }
        if !CATEGORIES.contains(&self.category.as_str()) {
            return Err(PodcastError::Category);
        }
        Ok(())
    }
}

impl EpisodeDraft {
    pub fn validate(&self) -> Result<(), PodcastError> {
        check_title(&self.title)?;
        check_description(&self.description)?;
        if let Some(d) = self.duration_seconds {
            if !(1..=MAX_DURATION_SECONDS).contains(&d) {
                return Err(PodcastError::Duration);
            }
        }
        if let AudioSource::External { url, .. } = &self.source {
            external_format(url)?;
        }
        Ok(())
    }
}

/// The format of a file hosted elsewhere: an `https` address whose name ends like an audio
/// file; anything else is refused (apps need the type, and a page is not a sound).
pub fn external_format(url: &str) -> Result<AudioFormat, PodcastError> {
    let parsed = url::Url::parse(url.trim()).map_err(|_| PodcastError::ExternalUrl)?;
    if parsed.scheme() != "https" || parsed.host_str().is_none() {
        return Err(PodcastError::ExternalUrl);
    }
    AudioFormat::of_name(parsed.path()).ok_or(PodcastError::ExternalUrl)
}

/// The public page of a show: `/podcasts/{slug}_{id}.html`.
pub fn show_path(slug: &str, id: i64) -> String {
    format!("/podcasts/{slug}_{id}.html")
}

/// The public page of an episode: `/podcasts/episodes/{slug}_{id}.html`.
pub fn episode_path(slug: &str, id: i64) -> String {
    format!("/podcasts/episodes/{slug}_{id}.html")
}

/// A show's feed: by id alone, so that a new title never moves the address apps subscribed to
/// (nor its `podcast:guid`, made from it).
pub fn feed_path(id: i64) -> String {
    format!("/podcasts/feeds/{id}.xml")
}

/// The namespace of Podcasting 2.0's `podcast:guid`.
const PODCAST_NAMESPACE: [u8; 16] = [
    0xea, 0xd4, 0xc2, 0x36, 0xbf, 0x58, 0x58, 0xc6, 0xa2, 0xc6, 0xa6, 0xb2, 0x8d, 0x12, 0x8c, 0xb6,
];

/// A show's `podcast:guid`: the UUIDv5 of its feed's address without the scheme and trailing
/// slashes, as the Podcasting 2.0 namespace specifies, so any app computes the same one.
pub fn podcast_guid(feed_url: &str) -> String {
    let name = feed_url
        .split_once("://")
        .map_or(feed_url, |(_, rest)| rest)
        .trim_end_matches('/');
    uuid_v5(&PODCAST_NAMESPACE, name.as_bytes())
}

/// An episode's stable GUID: its feed's show GUID and its own number, never its address or
/// title, so an edit never makes apps download it again.
pub fn episode_guid(show_guid: &str, episode_id: i64) -> String {
    format!("{show_guid}/episode/{episode_id}")
}

/// RFC 4122 version 5 (name-based, SHA-1).
fn uuid_v5(namespace: &[u8; 16], name: &[u8]) -> String {
    let mut hasher = Sha1::new();
    hasher.update(namespace);
    hasher.update(name);
    let hash = hasher.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// `itunes:duration` in seconds (the form every app reads).
pub fn itunes_duration(seconds: i64) -> String {
    seconds.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guid_follows_the_podcasting_2_0_example() {
        // The example of the namespace's documentation.
        assert_eq!(
            podcast_guid("https://podnews.net/rss"),
            "9b024349-ccf0-5f69-a609-6b82873eab3c"
        );
        assert_eq!(
            podcast_guid("http://podnews.net/rss/"),
            "9b024349-ccf0-5f69-a609-6b82873eab3c"
        );
    }

    #[test]
    fn external_files_need_https_and_an_audio_name() {
        assert_eq!(
            external_format("https://cdn.example.org/ep1.mp3?token=1"),
            Ok(AudioFormat::Mp3)
        );
        assert_eq!(
            external_format("https://cdn.example.org/ep1.M4A"),
            Ok(AudioFormat::M4a)
        );
        assert!(external_format("http://cdn.example.org/ep1.mp3").is_err());
        assert!(external_format("https://cdn.example.org/page.html").is_err());
        assert!(external_format("javascript:alert(1)//.mp3").is_err());
    }

    #[test]
    fn shows_and_episodes_are_checked() {
        let show = ShowDraft {
            title: "Le journal".into(),
            author: "La rédaction".into(),
            category: "News".into(),
            ..Default::default()
        };
        assert_eq!(show.validate(), Ok(()));
        let bad = ShowDraft {
            category: "Nouvelles".into(),
            ..show.clone()
        };
        assert_eq!(bad.validate(), Err(PodcastError::Category));
        let episode = EpisodeDraft {
            show_id: 1,
            title: "Épisode 1".into(),
            description: String::new(),
            duration_seconds: Some(0),
            source: AudioSource::File {
                path: "/a.mp3".into(),
                bytes: 10,
                format: AudioFormat::Mp3,
            },
            image: None,
        };
        assert_eq!(episode.validate(), Err(PodcastError::Duration));
    }
}
