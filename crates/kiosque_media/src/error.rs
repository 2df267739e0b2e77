//! The one error type of the crate. Its `Display` text is shown as is to the journalist who
//! uploaded the file, so it says in the site's language what is wrong and what to do; the
//! technical cause, when there is one, is kept as the `source` for the logs.

use std::fmt;

use kiosque_i18n::{t, t1, t2, t3};

use crate::format::ImageFormat;

/// Why an upload was refused, or why the media storage failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MediaError {
    Empty,

    TooHeavy {
        size: usize,
        max_bytes: usize,
    },

    NotAnImage,

    TooManyPixels {
        width: u32,
        height: u32,
        max_pixels: u64,
    },

    SideTooLong {
        width: u32,
        height: u32,
        max_side: u32,
    },

    UnsupportedEncoding {
        format: ImageFormat,
        #[source]
        source: image::ImageError,
    },

    Unreadable {
        #[source]
        source: image::ImageError,
    },

    /// Encoding a variant failed, or the worker thread died: a fault of ours, not of the file.
    Processing {
        detail: String,
    },

    NotAVideo,

    VideoTooHeavy {
        max_bytes: u64,
    },

    /// Writing a video file failed: a fault of the disk, not of the file. `what` says which
    /// step, for the logs.
    VideoWrite {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },

    NotFound {
        path: String,
    },

    /// Neither the first bytes nor the headers are those of an MP3, M4A, Ogg or WAV file.
    NotAudio,

    AudioTooHeavy {
        max_bytes: u64,
    },

    /// Writing an audio file failed: a fault of the disk, not of the file.
    AudioWrite {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },

    Storage(#[source] object_store::Error),
}

impl fmt::Display for MediaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match self {
            MediaError::Empty => t("err-media-empty"),
            MediaError::TooHeavy { max_bytes, .. } => {
                t1("err-media-too-heavy", "max", &megabytes(*max_bytes))
            }
            MediaError::NotAnImage => t("err-media-not-an-image"),
            MediaError::TooManyPixels {
                width,
                height,
                max_pixels,
            } => t3(
                "err-media-too-many-pixels",
                "width",
                width,
                "height",
                height,
                "max",
                &megapixels(*max_pixels),
            ),
            MediaError::SideTooLong {
                width,
                height,
                max_side,
            } => t3(
                "err-media-side-too-long",
                "width",
                width,
                "height",
                height,
                "max",
                max_side,
            ),
            MediaError::UnsupportedEncoding { format, .. } => {
                t1("err-media-unsupported-encoding", "format", format.name())
            }
            MediaError::Unreadable { .. } => t("err-media-unreadable"),
            MediaError::Processing { .. } => t("err-media-processing"),
            MediaError::NotAVideo => t("err-media-not-a-video"),
            MediaError::VideoTooHeavy { max_bytes } => {
                t1("err-media-video-too-heavy", "max", *max_bytes >> 20)
            }
            MediaError::VideoWrite { .. } => t("err-media-video-write"),
            MediaError::NotFound { path } => t1("err-media-not-found", "path", path),
            MediaError::Storage(_) => t("err-media-storage"),
            MediaError::NotAudio => t("err-media-not-audio"),
            MediaError::AudioTooHeavy { max_bytes } => {
                t1("err-media-audio-too-heavy", "max", *max_bytes >> 20)
            }
            MediaError::AudioWrite { .. } => t("err-media-audio-write"),
        };
        f.write_str(&message)
    }
}

impl From<object_store::Error> for MediaError {
    fn from(error: object_store::Error) -> Self {
        match error {
            object_store::Error::NotFound { path, .. } => MediaError::NotFound { path },
            other => MediaError::Storage(other),
        }
    }
}

/// "15 Mo", "1,5 Mo" (15 MB, 1.5 MB): the catalogue writes the unit and the decimal mark.
fn megabytes(bytes: usize) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    decimal(
        bytes as f64 / MIB,
        |whole| t1("err-media-megabytes", "whole", whole),
        |whole, tenths| {
            t2(
                "err-media-megabytes-tenths",
                "whole",
                whole,
                "tenths",
                tenths,
            )
        },
    )
}

fn megapixels(pixels: u64) -> String {
    decimal(
        pixels as f64 / 1_000_000.0,
        |whole| t1("err-media-megapixels", "whole", whole),
        |whole, tenths| {
            t2(
                "err-media-megapixels-tenths",
                "whole",
                whole,
                "tenths",
                tenths,
            )
        },
    )
}

/// `value` to a tenth, worded by `whole` when the tenth is 0 and by `tenths` otherwise.
fn decimal(
    value: f64,
    whole: impl Fn(i64) -> String,
    tenths: impl Fn(i64, i64) -> String,
) -> String {
    // Limits are sizes a site configures: far below i64::MAX tenths.
    let in_tenths = (value * 10.0).round() as i64;
    match in_tenths % 10 {
        0 => whole(in_tenths / 10),
        tenth => tenths(in_tenths / 10, tenth),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_french_sentences() {
        let heavy = MediaError::TooHeavy {
            size: 20 << 20,
            max_bytes: 15 << 20,
        };
        assert_eq!(
            heavy.to_string(),
            "Le fichier dépasse la taille maximale de 15 Mo."
        );
        let heavy = MediaError::TooHeavy {
            size: 2 << 20,
            max_bytes: 3 << 19,
        };
        assert_eq!(
            heavy.to_string(),
            "Le fichier dépasse la taille maximale de 1,5 Mo."
        );
        let big = MediaError::TooManyPixels {
            width: 30000,
            height: 30000,
            max_pixels: 40_000_000,
        };
        assert_eq!(
            big.to_string(),
            "L’image est trop grande (30000 × 30000 pixels\u{a0}; 40 mégapixels au plus)."
        );
        let long = MediaError::SideTooLong {
            width: 20000,
            height: 100,
            max_side: 16383,
        };
        assert_eq!(
            long.to_string(),
            "L’image est trop grande (20000 × 100 pixels\u{a0}; 16383 pixels de côté au plus)."
        );
        assert_eq!(
            MediaError::NotAnImage.to_string(),
            "Ce fichier n’est pas une image JPEG, PNG ou WebP."
        );
        assert_eq!(
            MediaError::VideoTooHeavy {
                max_bytes: 500 << 20
            }
            .to_string(),
            "Cette vidéo est trop lourde\u{a0}: 500 Mo au plus. Réduisez-la (définition ou débit) ou \
             publiez-la chez un hébergeur de vidéos et indiquez son adresse."
        );
        assert_eq!(
            MediaError::NotAVideo.to_string(),
            "Ce fichier n’est pas une vidéo MP4 ou WebM\u{a0}: son contenu ne correspond à aucun de \
             ces formats, quel que soit son nom. Exportez la vidéo en MP4 (H.264) ou en WebM, \
             puis envoyez-la de nouveau."
        );
    }

    #[test]
    fn a_missing_object_is_not_a_storage_failure() {
        let error = object_store::Error::NotFound {
            path: "2016/12/23/a.jpg".into(),
            source: "gone".into(),
        };
        assert!(
            matches!(MediaError::from(error), MediaError::NotFound { path } if path == "2016/12/23/a.jpg")
        );
    }
}
