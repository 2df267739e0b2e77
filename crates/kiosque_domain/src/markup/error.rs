//! What a body text can get wrong, with the line to show the journalist.

use std::fmt;

use thiserror::Error;

use crate::article::{MAX_BLOCKS, MAX_BLOCK_CHARS};

/// Why a body text cannot be read; shown to the journalist as `Ligne 12 : …` (`Line 12: …`),
/// in the site's language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct MarkupError {
    /// 1-based, counting every line of the text, blank ones included.
    pub line: usize,
    pub kind: MarkupErrorKind,
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&kiosque_i18n::t2(
            "err-markup-line",
            "line",
            self.line,
            "message",
            &self.kind.to_string(),
        ))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MarkupErrorKind {
    ImagePath,
    ImageNotInLibrary,
    ImageSyntax,
    ImageUnterminated,
    VideoId,
    AudioId,
    EmbedUrl,
    ReadAlso,
    UnknownDirective(String),
    EmptyQuote,
    TooManyBlocks,
    BlockTooLong,
    /// A `[texte](adresse)` whose address is neither a web address nor a path of the site.
    LinkUrl(String),
}

impl fmt::Display for MarkupErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use kiosque_i18n::{t, t1};
        let message = match self {
            Self::ImagePath => t("err-markup-image-path"),
            Self::ImageNotInLibrary => t("err-markup-image-not-in-library"),
            Self::ImageSyntax => t("err-markup-image-syntax"),
            Self::ImageUnterminated => t("err-markup-image-unterminated"),
            Self::VideoId => t("err-markup-video-id"),
            Self::AudioId => t("err-markup-audio-id"),
            Self::EmbedUrl => t("err-markup-embed-url"),
            Self::ReadAlso => t("err-markup-read-also"),
            Self::UnknownDirective(name) => t1("err-markup-unknown-directive", "name", name),
            Self::EmptyQuote => t("err-markup-empty-quote"),
            Self::TooManyBlocks => t1("err-markup-too-many-blocks", "max", MAX_BLOCKS),
            Self::BlockTooLong => t1("err-markup-block-too-long", "max", MAX_BLOCK_CHARS),
            Self::LinkUrl(href) => t1("err-markup-link-url", "href", href),
        };
        f.write_str(&message)
    }
}
