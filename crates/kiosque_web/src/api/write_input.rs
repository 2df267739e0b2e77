//! What the write API reads: a JSON body (the field at fault named when it cannot be read) and
//! an article, with its body in the editor's syntax or as structured blocks, checked by the
//! same rules as the editor's before anything is written.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use kiosque_domain::{
    markup, ArticleDraft, ArticleStatus, Block, CommentMode, DraftError, MediaRef,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use utoipa::ToSchema;

use super::write_error::WriteError;
use super::write_schema::{BlockInput, CommentModeName, HeroInput};
use crate::i18n::{t, t1};
use crate::AppState;

/// The JSON body as `T`. A body beyond the route's limit is 413 `too_large`; a body that is
/// not JSON, or a field of the wrong type, 400 with the field's path.
pub(super) fn json_body<T: DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, WriteError> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WriteError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                t("api-err-too-large"),
            )
            .at("body")
        } else {
            WriteError::new(StatusCode::BAD_REQUEST, "invalid_json", e.body_text())
        }
    })?;
    let de = &mut serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        // serde names an unknown or missing field in its message, not in the path.
        let named = message
            .split('`')
            .nth(1)
            .filter(|_| {
                message.starts_with("unknown field") || message.starts_with("missing field")
            })
            .map(str::to_owned);
        let field = named.or((path != ".").then_some(path));
        let e = WriteError::new(
            StatusCode::BAD_REQUEST,
            if inner.is_syntax() || inner.is_eof() {
                "invalid_json"
            } else {
                "invalid_field"
            },
            t1("api-err-json", "detail", &message),
        );
        match field {
            Some(f) => e.at(f),
            None => e,
        }
    })
}

/// An article as the write API takes it. Give its body either as `body`, text in the
/// newsroom editor's syntax (`## Intertitre`, `*italique*`, `![alt](/2016/12/23/x.jpg)`…), or
/// as `blocks`, structured blocks; not both.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticleInput {
    /// Required to update: the version the text was written on (a stale one gets 409).
    /// Ignored when creating.
    pub version: Option<i64>,
    #[serde(default)]
    pub title: String,
    /// The section's slug (`monde`).
    #[serde(default)]
    pub section: String,
    pub standfirst: Option<String>,
    /// Tag names, as displayed.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Bylines, as displayed; empty for an unsigned article.
    #[serde(default)]
    pub authors: Vec<String>,
    pub hero: Option<HeroInput>,
    /// A video entry's id, shown at the top in place of the hero image.
    pub hero_video: Option<i64>,
    #[schema(value_type = Option<CommentModeName>)]
    pub comment_mode: Option<String>,
    /// The body in the editor's syntax.
    pub body: Option<String>,
    /// The body as structured blocks.
    #[schema(value_type = Option<Vec<BlockInput>>)]
    pub blocks: Option<Vec<Block>>,
    /// The end of the public address, `/{section}/{slug}_{id}.html`: lowercase ASCII letters,
    /// digits and single hyphens, at most 80 characters. `""` forms it from the title (as
    /// does leaving it out when creating); left out of an update, the address is kept. The
    /// id in the address finds the article, so an old address redirects (301) to the new one.
    #[schema(max_length = 80, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    /// The title search engines and social sites show instead of the headline (at most 110
    /// characters). `""` clears it; left out of an update, the stored one is kept.
    #[schema(max_length = 110)]
    pub seo_title: Option<String>,
    /// The description search engines and social sites show instead of the standfirst (at
    /// most 300 characters). `""` clears it; left out of an update, the stored one is kept.
    #[schema(max_length = 300)]
    pub seo_description: Option<String>,
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl ArticleInput {
    /// The draft this input describes, or the first field at fault.
    pub(super) fn to_draft(&self) -> Result<ArticleDraft, WriteError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(draft_error(&DraftError::EmptyTitle));
        }
        if self.section.trim().is_empty() {
            let m = t("nr-form-section-missing");
            return Err(WriteError::field("draft.missing_section", "section", m));
        }
        let body = match (&self.body, &self.blocks) {
            (Some(_), Some(_)) => {
                return Err(WriteError::field(
                    "body_twice",
                    "blocks",
                    t("api-err-body-twice"),
                ))
            }
            (Some(text), None) => markup::parse(text)
                .map_err(|e| WriteError::field("markup", "body", e.to_string()))?,
            (None, Some(blocks)) => checked_blocks(blocks)?,
            (None, None) => Vec::new(),
        };
        let comment_mode = match self.comment_mode.as_deref().map(str::trim) {
            None | Some("") => CommentMode::default(),
            Some(m) => CommentMode::parse(m).ok_or_else(|| {
                WriteError::field(
                    "invalid_comment_mode",
                    "comment_mode",
                    t("nr-form-comment-mode"),
                )
            })?,
        };
        let hero = match &self.hero {
            None => None,
            Some(h) => Some(MediaRef {
                path: markup::media_path(h.path.trim()).map_err(|_| {
                    WriteError::field("invalid_hero", "hero.path", t("nr-form-hero-path"))
                })?,
                alt: non_empty(&h.alt),
                caption: non_empty(&h.caption),
                credit: non_empty(&h.credit),
                width: None,
                height: None,
            }),
        };
        if self.hero_video.is_some_and(|v| v <= 0) {
            let m = t("nr-form-hero-video");
            return Err(WriteError::field("invalid_hero_video", "hero_video", m));
        }
        let draft = ArticleDraft {
            source_key: None,
            section: self.section.trim().to_owned(),
            title: title.to_owned(),
            standfirst: non_empty(&self.standfirst),
            hero,
            hero_video: self.hero_video,
            body,
            tags: clean_list(&self.tags),
            authors: clean_list(&self.authors),
            status: ArticleStatus::Draft,
            published_at: None,
            published_time_known: true,
            updated_at: None,
            comment_mode,
            slug: non_empty(&self.slug),
            seo_title: non_empty(&self.seo_title),
            seo_description: non_empty(&self.seo_description),
        };
        draft.validate().map_err(|e| draft_error(&e))?;
        Ok(draft)
    }

    /// An update leaves out what it does not change among the address and search-engine
    /// fields (clients written before them know nothing of them): those keep `stored`'s.
    pub(super) fn keep_unsent(&self, draft: &mut ArticleDraft, stored: &ArticleDraft) {
        if self.slug.is_none() {
            draft.slug = stored.slug.clone();
        }
        if self.seo_title.is_none() {
            draft.seo_title = stored.seo_title.clone();
        }
        if self.seo_description.is_none() {
            draft.seo_description = stored.seo_description.clone();
        }
    }

    /// Which field holds the body, for errors about it.
    fn body_field(&self) -> &'static str {
        if self.blocks.is_some() {
            "blocks"
        } else {
            "body"
        }
    }

    /// Videos, articles and library images the draft names must exist: refused with the field
    /// that names the missing one.
    pub(super) async fn check_references(
        &self,
        state: &AppState,
        draft: &ArticleDraft,
    ) -> Result<(), WriteError> {
        let store = state.store();
        if let Some(v) = draft.hero_video {
            if store.video(v).await?.is_none() {
                let m = t1("nr-edit-no-such-video", "id", v);
                return Err(WriteError::field("unknown_video", "hero_video", m));
            }
        }
        let mut images = Vec::new();
        if let Some(h) = &draft.hero {
            images.push((h.path.clone(), "hero.path"));
        }
        for b in &draft.body {
            match b {
                Block::Video { video_id } if store.video(*video_id).await?.is_none() => {
                    let m = t1("nr-edit-no-such-video", "id", video_id);
                    return Err(WriteError::field("unknown_video", self.body_field(), m));
                }
                Block::Audio { audio_id } if store.episode(*audio_id).await?.is_none() => {
                    let m = t1("ed-missing-audio", "id", audio_id);
                    return Err(WriteError::field("unknown_audio", self.body_field(), m));
                }
                Block::ReadAlso { article_id, .. }
                    if store
                        .article_meta(kiosque_domain::ArticleId(*article_id))
                        .await?
                        .is_none() =>
                {
                    let m = t1("nr-edit-no-such-read-also", "id", article_id);
                    return Err(WriteError::field("unknown_article", self.body_field(), m));
                }
                Block::Image { media } => images.push((media.path.clone(), self.body_field())),
                _ => {}
            }
        }
        let paths: Vec<String> = images.iter().map(|(p, _)| p.clone()).collect();
        let known = store.media_by_paths(&paths).await?;
        for (path, field) in images {
            if !known.iter().any(|m| m.path == path.trim_start_matches('/')) {
                let m = t1("api-err-unknown-image", "path", &path);
                return Err(WriteError::field("unknown_image", field, m));
            }
        }
        Ok(())
    }
}

fn clean_list(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Structured blocks go through the editor's own syntax (written, then read back), so that they
/// obey exactly its rules: library paths for images, web addresses for embeds and links. The
/// first block refused is named (`blocks[3]`).
fn checked_blocks(blocks: &[Block]) -> Result<Vec<Block>, WriteError> {
    if blocks.len() > kiosque_domain::article::MAX_BLOCKS {
        return Err(draft_error(&DraftError::TooManyBlocks).at("blocks"));
    }
    let mut out = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        let text = markup::render(std::slice::from_ref(b));
        let read = markup::parse(&text)
            .map_err(|e| WriteError::field("markup", format!("blocks[{i}]"), e.kind.to_string()))?;
        out.extend(read);
    }
    Ok(out)
}

/// A draft refused by the domain's rules, with its code and field.
fn draft_error(e: &DraftError) -> WriteError {
    let field = match e {
        DraftError::EmptyTitle | DraftError::TitleTooLong => "title",
        DraftError::StandfirstTooLong => "standfirst",
        DraftError::TooManyBlocks | DraftError::BlockTooLong => "body",
        DraftError::PublishedWithoutDate => "status",
        DraftError::BadSection(_) => "section",
        DraftError::BadSlug(_) => "slug",
        DraftError::SeoTitleTooLong => "seo_title",
        DraftError::SeoDescriptionTooLong => "seo_description",
    };
    WriteError::field(e.code(), field, e.to_string())
}
