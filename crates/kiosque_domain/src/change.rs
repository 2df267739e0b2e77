//! What a write changes, named once for everyone who follows the change log.
//!
//! Every write appends one row to the log with the keys it touched; pages name the keys they
//! were built from (the page cache drops a page when one of them is touched), the live comment
//! streams wake on [`Key::Comments`], and the search index re-reads [`Key::Article`] and
//! [`Key::Video`]. The stored form (`article:12 section:3 front`) is this module's business
//! alone: no other code builds or parses it.

use crate::ids::{ArticleId, AuthorId, CommentId, MediaId, SectionId, TagId, UserId, VideoId};

/// One thing a write can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// An article's own content and status.
    Article(ArticleId),
    /// The comment thread under an article (and its counts on lists).
    Comments(ArticleId),
    Comment(CommentId),
    /// A section and what is listed in it.
    Section(SectionId),
    Tag(TagId),
    Author(AuthorId),
    User(UserId),
    Video(VideoId),
    Media(MediaId),
    /// The front page's composition (lead, blocks, latest news).
    Front,
    /// The "À regarder" video rail.
    Videos,
    /// Section names and their tree: every page's navigation.
    Nav,
    /// Tag and author names, shown on article pages.
    Names,
    /// Moderation decisions (queue, audit trail).
    Moderation,
    /// The site's own pages (legal notice, privacy policy, moderation charter, contact).
    Pages,
    /// The ranking of "Les plus lus" (touched when a flush of view counts changes it).
    MostRead,
    /// The breaking-news alert (the banner every public page shows).
    Alert,
    /// The posts of a live blog (written, edited, deleted) and its open or closed state.
    Live(ArticleId),
    /// Which live blogs exist and which are open (`/direct`, the "En direct" badges).
    LiveBlogs,
    /// Podcast shows and their episodes: `/podcasts`, show and episode pages, feeds, and
    /// articles that embed an episode's player.
    Podcasts,
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Article(id) => write!(f, "article:{id}"),
            Key::Comments(id) => write!(f, "comments:{id}"),
            Key::Comment(id) => write!(f, "comment:{id}"),
            Key::Section(id) => write!(f, "section:{id}"),
            Key::Tag(id) => write!(f, "tag:{id}"),
            Key::Author(id) => write!(f, "author:{id}"),
            Key::User(id) => write!(f, "user:{id}"),
            Key::Video(id) => write!(f, "video:{id}"),
            Key::Media(id) => write!(f, "media:{id}"),
            Key::Front => f.write_str("front"),
            Key::Videos => f.write_str("videos"),
            Key::Nav => f.write_str("nav"),
            Key::Names => f.write_str("names"),
            Key::Moderation => f.write_str("moderation"),
            Key::Pages => f.write_str("pages"),
            Key::MostRead => f.write_str("most-read"),
            Key::Alert => f.write_str("alert"),
            Key::Live(id) => write!(f, "live:{id}"),
            Key::LiveBlogs => f.write_str("live-blogs"),
            Key::Podcasts => f.write_str("podcasts"),
        }
    }
}

impl std::str::FromStr for Key {
    type Err = UnknownKey;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownKey(s.to_owned());
        Ok(match s.split_once(':') {
            None => match s {
                "front" => Key::Front,
                "videos" => Key::Videos,
                "nav" => Key::Nav,
                "names" => Key::Names,
                "moderation" => Key::Moderation,
                "pages" => Key::Pages,
                "most-read" => Key::MostRead,
                "alert" => Key::Alert,
                "live-blogs" => Key::LiveBlogs,
                "podcasts" => Key::Podcasts,
                _ => return Err(unknown()),
            },
            Some((kind, id)) => {
                let id: i64 = id.parse().map_err(|_| unknown())?;
                match kind {
                    "article" => Key::Article(ArticleId(id)),
                    "comments" => Key::Comments(ArticleId(id)),
                    "comment" => Key::Comment(CommentId(id)),
                    "section" => Key::Section(SectionId(id)),
                    "tag" => Key::Tag(TagId(id)),
                    "author" => Key::Author(AuthorId(id)),
                    "user" => Key::User(UserId(id)),
                    "video" => Key::Video(VideoId(id)),
                    "media" => Key::Media(MediaId(id)),
                    "live" => Key::Live(ArticleId(id)),
                    _ => return Err(unknown()),
                }
            }
        })
    }
}

/// A key this build does not know (written by a newer one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown change key {0:?}")]
pub struct UnknownKey(pub String);

/// The stored form of a change's keys: space-separated, in the order given.
pub fn encode(keys: &[Key]) -> String {
    let mut out = String::new();
    for k in keys {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&k.to_string());
    }
    out
}

/// Reads the stored form back. Keys this build does not know are returned apart, so that a
/// node that is older than the writer still applies what it understands.
pub fn decode(stored: &str) -> (Vec<Key>, Vec<UnknownKey>) {
    let mut keys = Vec::new();
    let mut unknown = Vec::new();
    for word in stored.split_whitespace() {
        match word.parse() {
            Ok(k) => keys.push(k),
            Err(e) => unknown.push(e),
        }
    }
    (keys, unknown)
}

/// What kind of write a change was, for the log's readers and operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Article,
    Correction,
    Comment,
    Report,
    Moderation,
    Section,
    Tag,
    Author,
    User,
    Video,
    Media,
    Front,
    Page,
    /// View counts added to "Les plus lus".
    Views,
    /// A breaking-news alert sent or ended.
    Alert,
    /// A live blog opened or closed, or one of its posts written, edited or deleted.
    Live,
    /// A podcast show or episode written.
    Podcast,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Correction => "correction",
            Kind::Comment => "comment",
            Kind::Report => "report",
            Kind::Moderation => "moderation",
            Kind::Section => "section",
            Kind::Tag => "tag",
            Kind::Author => "author",
            Kind::User => "user",
            Kind::Video => "video",
            Kind::Media => "media",
            Kind::Front => "front",
            Kind::Page => "page",
            Kind::Views => "views",
            Kind::Alert => "alert",
            Kind::Live => "live",
            Kind::Podcast => "podcast",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_keep_their_stored_form() {
        let keys = [
            Key::Article(ArticleId(12)),
            Key::Section(SectionId(3)),
            Key::Front,
            Key::Comments(ArticleId(12)),
            Key::Pages,
        ];
        assert_eq!(
            encode(&keys),
            "article:12 section:3 front comments:12 pages"
        );
        assert_eq!(
            decode("article:12 section:3 front comments:12 pages").0,
            keys
        );
    }

    #[test]
    fn unknown_keys_are_set_apart() {
        let (keys, unknown) = decode("article:1 liveblog:4 video:x nav");
        assert_eq!(keys, [Key::Article(ArticleId(1)), Key::Nav]);
        assert_eq!(
            unknown,
            [
                UnknownKey("liveblog:4".into()),
                UnknownKey("video:x".into())
            ]
        );
    }

    fn any_key() -> impl Strategy<Value = Key> {
        let id = any::<i64>();
        prop_oneof![
            id.prop_map(|i| Key::Article(ArticleId(i))),
            id.prop_map(|i| Key::Comments(ArticleId(i))),
            id.prop_map(|i| Key::Comment(CommentId(i))),
            id.prop_map(|i| Key::Section(SectionId(i))),
            id.prop_map(|i| Key::Tag(TagId(i))),
            id.prop_map(|i| Key::Author(AuthorId(i))),
            id.prop_map(|i| Key::User(UserId(i))),
            id.prop_map(|i| Key::Video(VideoId(i))),
            id.prop_map(|i| Key::Media(MediaId(i))),
            Just(Key::Front),
            Just(Key::Videos),
            Just(Key::Nav),
            Just(Key::Names),
            Just(Key::Moderation),
            Just(Key::Pages),
            Just(Key::MostRead),
            Just(Key::Alert),
            id.prop_map(|i| Key::Live(ArticleId(i))),
            Just(Key::LiveBlogs),
            Just(Key::Podcasts),
        ]
    }

    proptest! {
        #[test]
        fn every_key_list_round_trips(keys in proptest::collection::vec(any_key(), 0..12)) {
            let (back, unknown) = decode(&encode(&keys));
            prop_assert!(unknown.is_empty());
            prop_assert_eq!(back, keys);
        }

        #[test]
        fn decoding_never_panics(s in ".{0,80}") {
            let _ = decode(&s);
        }
    }
}
