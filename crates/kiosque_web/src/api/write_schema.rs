//! The write API's JSON shapes, as the OpenAPI document shows them. `BlockInput` documents the
//! domain's `Block` as it is read (a unit test keeps the two together).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An image of the media library inside a block.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)] // documentation only: blocks are read as the domain's `Block`
pub(crate) struct BlockMedia {
    /// The library path (`/2016/12/23/photo-ab12.jpg`).
    path: String,
    alt: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
}

/// One block of an article body, tagged by `type`. Texts may carry the editor's inline
/// formatting: `*italics*`, `**bold**`, `[text](address)`.
#[derive(Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(dead_code)] // documentation only: blocks are read as the domain's `Block`
pub(crate) enum BlockInput {
    Paragraph {
        text: String,
    },
    Intertitle {
        text: String,
    },
    Quote {
        text: String,
        source: Option<String>,
    },
    Image {
        media: BlockMedia,
    },
    Video {
        video_id: i64,
    },
    Audio {
        audio_id: i64,
    },
    Embed {
        url: String,
    },
    List {
        ordered: Option<bool>,
        items: Vec<String>,
    },
    ReadAlso {
        article_id: i64,
        title: String,
    },
}

/// An image of the media library, by its path.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct HeroInput {
    /// The library path (`/2016/12/23/photo-ab12.jpg`), as `POST /api/v1/media` returns it.
    pub path: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// How readers may comment on the article.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)] // documentation only: the value is read as text and checked
pub(crate) enum CommentModeName {
    Open,
    PreModerated,
    Closed,
}

/// An article's state after a write.
#[derive(Serialize, ToSchema)]
pub(crate) struct WrittenArticle {
    pub id: i64,
    /// Send it back with the next update or workflow action.
    pub version: i64,
    /// `draft`, `in_review`, `scheduled`, `published` or `unpublished`.
    pub status: String,
    /// The public page, once published.
    pub url: Option<String>,
    /// The article in the newsroom's editor.
    pub edit_url: String,
}

/// A newsroom article as the write API reads it back, to update it: send its fields back
/// with changes (an update replaces the whole editable content) and its `version`.
#[derive(Serialize, ToSchema)]
pub(crate) struct DraftArticle {
    pub id: i64,
    pub version: i64,
    pub status: String,
    pub title: String,
    pub section: String,
    pub standfirst: Option<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub hero: Option<HeroInput>,
    pub hero_video: Option<i64>,
    pub comment_mode: String,
    /// The body in the editor's syntax.
    pub body: String,
    /// The same body as structured blocks.
    #[schema(value_type = Vec<BlockInput>)]
    pub blocks: Vec<kiosque_domain::Block>,
    /// The end of the article's public address (`/{section}/{slug}_{id}.html`).
    pub slug: String,
    /// The title search engines and social sites show, when it differs from the headline.
    pub seo_title: Option<String>,
    /// The description search engines and social sites show, when it differs from the
    /// standfirst.
    pub seo_description: Option<String>,
}

/// What a workflow action does: `submit` (to review), `publish`, `schedule` (with
/// `scheduled_at`) or `unpublish`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WorkflowInput {
    pub action: String,
    /// The version the client read (a stale one gets 409).
    pub version: i64,
    /// RFC 3339, in the future: when a scheduled article goes online.
    #[schema(format = DateTime)]
    pub scheduled_at: Option<String>,
}

/// An image to upload (`multipart/form-data`). The same rules as the media library: JPEG,
/// PNG, WebP or GIF up to 15 MiB, alt text required.
#[derive(ToSchema)]
#[allow(dead_code)] // documentation only: the form is read part by part
pub(crate) struct MediaUpload {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// What the image shows, for readers who do not see it. Required.
    alt: String,
    caption: Option<String>,
    /// Who holds the rights ("AFP").
    credit: Option<String>,
}

/// An image now in the media library.
#[derive(Serialize, ToSchema)]
pub(crate) struct UploadedMedia {
    pub id: i64,
    /// The path to use in an article (`hero.path`, an image block, or the editor's syntax).
    pub path: String,
    /// Absolute URL of the original file.
    pub url: String,
    pub width: i64,
    pub height: i64,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// The body line that inserts it, in the editor's syntax.
    pub markup: String,
}

/// A moderation decision: `approve` (publish it) or `reject` (a reason is then required; it
/// is mailed to the author).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ModerationInput {
    pub decision: String,
    pub reason: Option<String>,
}

/// A comment after a decision.
#[derive(Serialize, ToSchema)]
pub(crate) struct ModeratedComment {
    pub id: i64,
    /// `published` or `rejected`.
    pub status: String,
}

#[cfg(test)]
mod tests {
    use kiosque_domain::{Block, MediaRef};

    /// Every kind of the domain's blocks is documented under the name it is read by.
    #[test]
    fn documented_blocks_are_the_domain_blocks() {
        use utoipa::PartialSchema;
        let schema = serde_json::to_value(super::BlockInput::schema()).expect("json");
        let documented = schema.to_string();
        let m = MediaRef::default();
        for b in [
            Block::Paragraph { text: "a".into() },
            Block::Intertitle { text: "a".into() },
            Block::Quote {
                text: "a".into(),
                source: None,
            },
            Block::Image { media: m },
            Block::Video { video_id: 1 },
            Block::Audio { audio_id: 1 },
            Block::Embed { url: "a".into() },
            Block::List {
                ordered: false,
                items: vec![],
            },
            Block::ReadAlso {
                article_id: 1,
                title: "a".into(),
            },
        ] {
            let v = serde_json::to_value(&b).expect("json");
            let kind = v["type"].as_str().expect("tagged");
            assert!(
                documented.contains(&format!("\"{kind}\"")),
                "{kind} in {documented}"
            );
            for field in v.as_object().expect("object").keys() {
                assert!(documented.contains(&format!("\"{field}\"")), "{field}");
            }
        }
    }
}
