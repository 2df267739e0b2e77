//! The one error type of the crate. Its `Display` text is shown as is to the journalist who
//! uploaded the file, so it says in French what is wrong and what to do; the technical cause,
//! when there is one, is kept as the `source` for the logs.

use crate::format::ImageFormat;

/// Why an upload was refused, or why the media storage failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MediaError {
    #[error("Le fichier est vide.")]
    Empty,

    #[error("Le fichier dépasse la taille maximale de {}.", megabytes(*max_bytes))]
    TooHeavy { size: usize, max_bytes: usize },

    #[error("Ce fichier n’est pas une image JPEG, PNG ou WebP.")]
    NotAnImage,

    #[error(
        "L’image est trop grande ({width} × {height} pixels ; {} au plus).",
        megapixels(*max_pixels)
    )]
    TooManyPixels {
        width: u32,
        height: u32,
        max_pixels: u64,
    },

    #[error(
        "L’image est trop grande ({width} × {height} pixels ; {max_side} pixels de côté au plus)."
    )]
    SideTooLong {
        width: u32,
        height: u32,
        max_side: u32,
    },

    #[error(
        "Cette image {} utilise un codage que Kiosque ne sait pas lire : enregistrez-la de \
         nouveau depuis un logiciel d’images, puis réessayez.",
        format.name()
    )]
    UnsupportedEncoding {
        format: ImageFormat,
        #[source]
        source: image::ImageError,
    },

    #[error("L’image est illisible ou tronquée.")]
    Unreadable {
        #[source]
        source: image::ImageError,
    },

    /// Encoding a variant failed, or the worker thread died: a fault of ours, not of the file.
    #[error("Le traitement de l’image a échoué ; réessayez plus tard.")]
    Processing { detail: String },

    #[error(
        "Ce fichier n’est pas une vidéo MP4 ou WebM : son contenu ne correspond à aucun de ces \
         formats, quel que soit son nom. Exportez la vidéo en MP4 (H.264) ou en WebM, puis \
         envoyez-la de nouveau."
    )]
    NotAVideo,

    #[error(
        "Cette vidéo est trop lourde : {} Mo au plus. Réduisez-la (définition ou débit) ou \
         publiez-la chez un hébergeur de vidéos et indiquez son adresse.",
        *max_bytes >> 20
    )]
    VideoTooHeavy { max_bytes: u64 },

    /// Writing a video file failed: a fault of the disk, not of the file. `what` says which
    /// step, for the logs.
    #[error("L’enregistrement de la vidéo a échoué ; réessayez plus tard.")]
    VideoWrite {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },

    #[error("Le fichier {path} n’existe pas.")]
    NotFound { path: String },

    #[error("Le stockage des médias a échoué ; réessayez plus tard.")]
    Storage(#[source] object_store::Error),
}

impl From<object_store::Error> for MediaError {
    fn from(error: object_store::Error) -> Self {
        match error {
            object_store::Error::NotFound { path, .. } => MediaError::NotFound { path },
            other => MediaError::Storage(other),
        }
    }
}

/// "15 Mo", "1,5 Mo": the French unit, with a decimal comma when the limit is not whole.
fn megabytes(bytes: usize) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    format!("{} Mo", french_decimal(bytes as f64 / MIB))
}

fn megapixels(pixels: u64) -> String {
    format!("{} mégapixels", french_decimal(pixels as f64 / 1_000_000.0))
}

fn french_decimal(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}").replace('.', ",")
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
            "L’image est trop grande (30000 × 30000 pixels ; 40 mégapixels au plus)."
        );
        let long = MediaError::SideTooLong {
            width: 20000,
            height: 100,
            max_side: 16383,
        };
        assert_eq!(
            long.to_string(),
            "L’image est trop grande (20000 × 100 pixels ; 16383 pixels de côté au plus)."
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
            "Cette vidéo est trop lourde : 500 Mo au plus. Réduisez-la (définition ou débit) ou \
             publiez-la chez un hébergeur de vidéos et indiquez son adresse."
        );
        assert_eq!(
            MediaError::NotAVideo.to_string(),
            "Ce fichier n’est pas une vidéo MP4 ou WebM : son contenu ne correspond à aucun de \
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
