//! The article and video content model, as written by importers and the newsroom.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Where an article is in its life. Only `Published` articles are visible to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Draft,
    InReview,
    Scheduled,
    Published,
    Unpublished,
}

impl ArticleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InReview => "in_review",
            Self::Scheduled => "scheduled",
            Self::Published => "published",
            Self::Unpublished => "unpublished",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Self::Draft,
            "in_review" => Self::InReview,
            "scheduled" => Self::Scheduled,
            "published" => Self::Published,
            "unpublished" => Self::Unpublished,
            _ => return None,
        })
    }
}

/// Whether readers may comment under an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentMode {
    #[default]
    Open,
    PreModerated,
    Closed,
}

impl CommentMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::PreModerated => "pre_moderated",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "open" => Self::Open,
            "pre_moderated" => Self::PreModerated,
            "closed" => Self::Closed,
            _ => return None,
        })
    }
}

/// A reference to an image in the media library, by its date-based path
/// (`/2016/12/23/phpoTLVxE_1.jpg`). The file itself may be missing, as it is for
/// pages recovered from an archive: pages then show a neutral placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MediaRef {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// One block of an article body. Stored as JSON, so adding a variant needs no migration;
/// renaming one does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// A sub-heading inside the body, rendered as `<h2>`.
    Intertitle {
        text: String,
    },
    Quote {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    Image {
        media: MediaRef,
    },
    Video {
        video_id: i64,
    },
    /// A podcast episode's player (`::audio 12`).
    Audio {
        audio_id: i64,
    },
    Embed {
        url: String,
    },
    List {
        #[serde(default)]
        ordered: bool,
        items: Vec<String>,
    },
    /// "Lire aussi": a link to another article of the site.
    ReadAlso {
        article_id: i64,
        title: String,
    },
}

impl Block {
    /// The visible text of the block, for counting, search and summaries: the words without
    /// their inline formatting (`*`, `**`, `[…](…)`, see [`crate::inline`]).
    pub fn text(&self) -> String {
        use crate::inline::plain;
        match self {
            Block::Intertitle { text } => text.clone(),
            Block::Paragraph { text } | Block::Quote { text, .. } => plain(text),
            Block::List { items, .. } => items
                .iter()
                .map(|i| plain(i))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::ReadAlso { title, .. } => title.clone(),
            Block::Image { media } => media.caption.clone().unwrap_or_default(),
            Block::Video { .. } | Block::Audio { .. } | Block::Embed { .. } => String::new(),
        }
    }
}

/// Limits on what an article may hold; they protect pages and the database from absurd input.
pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_STANDFIRST_CHARS: usize = 1_000;
pub const MAX_BLOCKS: usize = 2_000;
pub const MAX_BLOCK_CHARS: usize = 50_000;
/// What search engines show of a page fits well under these; longer is cut off in results
/// anyway, and refused so that a pasted paragraph does not become a title.
pub const MAX_SEO_TITLE_CHARS: usize = 110;
pub const MAX_SEO_DESCRIPTION_CHARS: usize = 300;

/// An article as an importer or an editor hands it to the store: what to write, validated by
/// [`ArticleDraft::validate`] before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDraft {
    /// A stable key from the source (an archive page, a wire story), so that importing the same
    /// thing twice updates the article instead of duplicating it.
    pub source_key: Option<String>,
    /// Slug of the section the article belongs to; it must exist.
    pub section: String,
    pub title: String,
    pub standfirst: Option<String>,
    pub hero: Option<MediaRef>,
    /// A video entry (its id) shown at the top of the article in place of the hero image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hero_video: Option<i64>,
    pub body: Vec<Block>,
    /// Tag names, as displayed ("Syrie").
    pub tags: Vec<String>,
    /// Author names, as displayed; empty for an unsigned article.
    pub authors: Vec<String>,
    pub status: ArticleStatus,
    /// Unix time in milliseconds.
    pub published_at: Option<i64>,
    /// False when only the day of publication is known (archive pages): pages then show the date
    /// without a time rather than invent one.
    pub published_time_known: bool,
    pub updated_at: Option<i64>,
    pub comment_mode: CommentMode,
    /// The last part of the address chosen by the newsroom (`[a-z0-9-]`); `None` forms it from
    /// the title. The permalink carries the id, so a new slug only redirects old links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// The title search engines and social sites show; `None` uses the headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seo_title: Option<String>,
    /// The description search engines and social sites show; `None` uses the standfirst.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seo_description: Option<String>,
}

/// Why a draft cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DraftError {
    EmptyTitle,
    TitleTooLong,
    StandfirstTooLong,
    TooManyBlocks,
    BlockTooLong,
    PublishedWithoutDate,
    BadSection(String),
    /// The slug given is not lowercase ASCII letters, digits and single hyphens.
    BadSlug(String),
    SeoTitleTooLong,
    SeoDescriptionTooLong,
}

/// What the journalist reads, in the site's language.
impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use kiosque_i18n::{t, t1};
        let message = match self {
            DraftError::EmptyTitle => t("nr-form-title-missing"),
            DraftError::TitleTooLong => t("err-draft-title-too-long"),
            DraftError::StandfirstTooLong => t("err-draft-standfirst-too-long"),
            DraftError::TooManyBlocks => t1("err-draft-too-many-blocks", "max", MAX_BLOCKS),
            DraftError::BlockTooLong => t1("err-draft-block-too-long", "max", MAX_BLOCK_CHARS),
            DraftError::PublishedWithoutDate => t("err-draft-published-without-date"),
            DraftError::BadSection(_) => t("err-unknown-section"),
            DraftError::BadSlug(s) => kiosque_i18n::t2(
                "seo-err-slug",
                "max",
                crate::slug::MAX_SLUG_LEN,
                "example",
                &crate::slug::slugify(s),
            ),
            DraftError::SeoTitleTooLong => t1("seo-err-title-long", "max", MAX_SEO_TITLE_CHARS),
            DraftError::SeoDescriptionTooLong => {
                t1("seo-err-description-long", "max", MAX_SEO_DESCRIPTION_CHARS)
            }
        };
        f.write_str(&message)
    }
}

impl DraftError {
    /// A stable code for programs (the API, logs); the `Display` text is what people read.
    pub fn code(&self) -> &'static str {
        match self {
            DraftError::EmptyTitle => "draft.empty_title",
            DraftError::TitleTooLong => "draft.title_too_long",
            DraftError::StandfirstTooLong => "draft.standfirst_too_long",
            DraftError::TooManyBlocks => "draft.too_many_blocks",
            DraftError::BlockTooLong => "draft.block_too_long",
            DraftError::PublishedWithoutDate => "draft.published_without_date",
            DraftError::BadSection(_) => "draft.unknown_section",
            DraftError::BadSlug(_) => "draft.invalid_slug",
            DraftError::SeoTitleTooLong => "draft.seo_title_too_long",
            DraftError::SeoDescriptionTooLong => "draft.seo_description_too_long",
        }
    }
}

impl ArticleDraft {
    /// Checks the rules every stored article obeys. Call before opening a transaction.
    pub fn validate(&self) -> Result<(), DraftError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(DraftError::EmptyTitle);
        }
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(DraftError::TitleTooLong);
        }
        if self
            .standfirst
            .as_deref()
            .is_some_and(|s| s.chars().count() > MAX_STANDFIRST_CHARS)
        {
            return Err(DraftError::StandfirstTooLong);
        }
        if self.body.len() > MAX_BLOCKS {
            return Err(DraftError::TooManyBlocks);
        }
        if self
            .body
            .iter()
            .any(|b| b.text().chars().count() > MAX_BLOCK_CHARS)
        {
            return Err(DraftError::BlockTooLong);
        }
        if self.status == ArticleStatus::Published && self.published_at.is_none() {
            return Err(DraftError::PublishedWithoutDate);
        }
        if !crate::slug::is_valid_slug(&self.section) {
            return Err(DraftError::BadSection(self.section.clone()));
        }
        self.validate_seo()
    }

    /// The address and search-engine fields: a slug the permalink can carry, bounded texts.
    pub fn validate_seo(&self) -> Result<(), DraftError> {
        if let Some(s) = &self.slug {
            if !crate::slug::is_valid_slug(s) {
                return Err(DraftError::BadSlug(s.clone()));
            }
        }
        let longer =
            |s: &Option<String>, max: usize| s.as_deref().is_some_and(|s| s.chars().count() > max);
        if longer(&self.seo_title, MAX_SEO_TITLE_CHARS) {
            return Err(DraftError::SeoTitleTooLong);
        }
        if longer(&self.seo_description, MAX_SEO_DESCRIPTION_CHARS) {
            return Err(DraftError::SeoDescriptionTooLong);
        }
        Ok(())
    }
}

/// A video entry, as an importer hands it to the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoDraft {
    pub source_key: Option<String>,
    pub title: String,
    pub section: Option<String>,
    pub poster: Option<MediaRef>,
    pub duration_seconds: Option<u32>,
    /// The uploaded file's path in the media library, when there is one.
    pub file_path: Option<String>,
    pub embed_url: Option<String>,
    /// Unix time in milliseconds.
    pub published_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ArticleDraft {
        ArticleDraft {
            source_key: None,
            section: "monde".into(),
            title: "Un titre".into(),
            standfirst: None,
            hero: None,
            hero_video: None,
            body: vec![Block::Paragraph {
                text: "Texte".into(),
            }],
            tags: vec![],
            authors: vec![],
            status: ArticleStatus::Published,
            published_at: Some(0),
            published_time_known: true,
            updated_at: None,
            comment_mode: CommentMode::Open,
            slug: None,
            seo_title: None,
            seo_description: None,
        }
    }

    #[test]
    fn valid_draft_passes() {
        assert_eq!(draft().validate(), Ok(()));
    }

    #[test]
    fn blank_title_is_refused() {
        let d = ArticleDraft {
            title: "  \n".into(),
            ..draft()
        };
        assert_eq!(d.validate(), Err(DraftError::EmptyTitle));
    }

    #[test]
    fn published_needs_a_date() {
        let d = ArticleDraft {
            published_at: None,
            ..draft()
        };
        assert_eq!(d.validate(), Err(DraftError::PublishedWithoutDate));
    }

    #[test]
    fn bad_section_slug_is_refused() {
        let d = ArticleDraft {
            section: "Monde Entier".into(),
            ..draft()
        };
        assert!(matches!(d.validate(), Err(DraftError::BadSection(_))));
    }

    #[test]
    fn the_address_and_search_fields_are_checked() {
        let d = ArticleDraft {
            slug: Some("ete-2026".into()),
            seo_title: Some("t".repeat(MAX_SEO_TITLE_CHARS)),
            seo_description: Some("d".repeat(MAX_SEO_DESCRIPTION_CHARS)),
            ..draft()
        };
        assert_eq!(d.validate(), Ok(()));
        for bad in ["Été 2026", "a_b", "-a", "a--b", ""] {
            let d = ArticleDraft {
                slug: Some(bad.into()),
                ..draft()
            };
            assert!(matches!(d.validate(), Err(DraftError::BadSlug(_))), "{bad}");
        }
        let d = ArticleDraft {
            seo_title: Some("t".repeat(MAX_SEO_TITLE_CHARS + 1)),
            ..draft()
        };
        assert_eq!(d.validate(), Err(DraftError::SeoTitleTooLong));
        let d = ArticleDraft {
            seo_description: Some("d".repeat(MAX_SEO_DESCRIPTION_CHARS + 1)),
            ..draft()
        };
        assert_eq!(d.validate(), Err(DraftError::SeoDescriptionTooLong));
    }

    #[test]
    fn a_draft_saved_before_the_search_fields_still_reads() {
        let mut json = serde_json::to_value(draft()).expect("serialize");
        assert!(json.get("slug").is_none(), "{json}");
        json.as_object_mut().expect("object").remove("seo_title");
        let back: ArticleDraft = serde_json::from_value(json).expect("deserialize");
        assert_eq!(back, draft());
    }

    #[test]
    fn blocks_round_trip_as_tagged_json() {
        let b = Block::Quote {
            text: "Un pas".into(),
            source: Some("Poutine".into()),
        };
        let json = serde_json::to_string(&b).expect("serialize");
        assert!(json.contains("\"type\":\"quote\""), "{json}");
        let back: Block = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, b);
    }
}
