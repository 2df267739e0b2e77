//! A poster sent with the video form: read from its part (within the media library's size
//! limit), then stored in the media library like any upload — decoded, its responsive variants
//! written, its row added — so that cards and pages show it in the right size.

use axum::extract::multipart::{Field, MultipartError};
use axum::http::StatusCode;
use kiosque_domain::{MediaRef, UserId};
use kiosque_media::{store_upload, Limits, MediaError, MediaStorage, StoredImage};
use kiosque_store::NewMedia;

use super::form::Refusal;
use crate::{AppError, AppState};

/// Longest credit, in characters (as in the media library).
const MAX_CREDIT_CHARS: usize = 200;

/// The poster part: its name and bytes, or only its size when it weighs too much.
pub(super) struct PosterFile {
    name: String,
    bytes: Option<Vec<u8>>,
    size: usize,
}

/// Reads the poster part; `None` when no file was chosen (browsers send an empty part). The
/// rest of a file that weighs too much is read and dropped, so that the browser gets the answer.
pub(super) async fn read_poster(
    field: &mut Field<'_>,
) -> Result<Option<PosterFile>, MultipartError> {
    let name = field.file_name().unwrap_or_default().to_owned();
    let max = Limits::default().max_bytes;
    let mut bytes = Some(Vec::new());
    let mut size = 0usize;
    while let Some(chunk) = field.chunk().await? {
        size = size.saturating_add(chunk.len());
        if size > max {
            bytes = None;
        } else if let Some(b) = bytes.as_mut() {
            b.extend_from_slice(&chunk);
        }
    }
    Ok((size > 0).then_some(PosterFile { name, bytes, size }))
}

/// Errors of the file are the journalist's to fix (400); a failing disk or encoder is ours.
fn refusal(error: &MediaError) -> Refusal {
    match error {
        MediaError::Processing { .. } | MediaError::Storage(_) | MediaError::NotFound { .. } => {
            tracing::error!(error = %error, "poster upload failed");
            Refusal {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: error.to_string(),
            }
        }
        _ => Refusal::bad(error.to_string()),
    }
}

/// Stores the poster in the media library, described by `alt` and `credit`, and gives the
/// reference a video keeps; `Ok(Err(…))` is a refusal to show with the form. The image stays
/// in the library even if the video is refused afterwards: it has its row there and can be
/// chosen again.
pub(super) async fn store_poster(
    state: &AppState,
    by: UserId,
    file: PosterFile,
    alt: &str,
    credit: &str,
) -> Result<Result<MediaRef, Refusal>, AppError> {
    let credit = credit.trim();
    if credit.chars().count() > MAX_CREDIT_CHARS {
        return Ok(Err(Refusal::bad(crate::i18n::t1(
            "nr-video-credit-too-long",
            "max",
            MAX_CREDIT_CHARS,
        ))));
    }
    let Some(bytes) = file.bytes else {
        return Ok(Err(refusal(&MediaError::TooHeavy {
            size: file.size,
            max_bytes: Limits::default().max_bytes,
        })));
    };
    let storage = state.media().clone();
    let today = kiosque_domain::dates::from_millis(state.config().clock.now_ms())
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let stored = match store_upload(&storage, bytes, &file.name, today, &Limits::default()).await {
        Ok(stored) => stored,
        Err(e) => {
            tracing::info!(user.id = by.get(), file = %file.name, error = %e, "poster refused");
            return Ok(Err(refusal(&e)));
        }
    };
    let new = NewMedia {
        path: stored.path.clone(),
        mime: stored.mime.to_owned(),
        width: i64::from(stored.width),
        height: i64::from(stored.height),
        alt: Some(alt.to_owned()),
        caption: None,
        credit: (!credit.is_empty()).then(|| credit.to_owned()),
        variants: stored.variants.clone(),
        placeholder: stored.placeholder.clone(),
    };
    let recorded = match crate::media_record::record_image(state.store(), &stored).await {
        Ok(()) => state.store().insert_media(&new, Some(by)).await,
        Err(e) => Err(e),
    };
    match recorded {
        Ok(id) => {
            tracing::info!(media.id = id.get(), user.id = by.get(), path = %stored.path, "poster uploaded");
            Ok(Ok(MediaRef {
                path: format!("/{}", stored.path),
                alt: Some(alt.to_owned()),
                width: Some(stored.width),
                height: Some(stored.height),
                ..MediaRef::default()
            }))
        }
        Err(e) => {
            // No row, no files: the library never points at nothing, nor the disk hold orphans.
            delete_files(&storage, &stored).await;
            Err(e.into())
        }
    }
}

async fn delete_files(storage: &MediaStorage, stored: &StoredImage) {
    for path in std::iter::once(&stored.path).chain(stored.variants.iter().map(|(_, p)| p)) {
        if let Err(e) = storage.delete(path).await {
            tracing::warn!(path = %path, error = %e, "could not delete an unrecorded poster");
        }
    }
}
