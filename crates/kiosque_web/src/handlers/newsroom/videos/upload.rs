//! Reading the posted `multipart/form-data` form: the CSRF token first, the text fields, and
//! the file, streamed to disk by `kiosque_media` as its chunks arrive.

use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::Multipart;
use axum::http::{HeaderMap, StatusCode};
use kiosque_domain::dates;
use kiosque_media::{MediaError, StoredVideo, VideoUpload, MAX_VIDEO_BYTES};

use super::form::{Refusal, VideoForm};
use super::poster::{read_poster, PosterFile};
use crate::handlers::newsroom::articles::Newsroom;
use crate::{AppError, AppState};

/// Longest value kept of a text field of the form (the CSRF token is 43 bytes).
const MAX_FIELD_BYTES: usize = 16 * 1024;

fn too_heavy() -> Refusal {
    Refusal {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: MediaError::VideoTooHeavy {
            max_bytes: MAX_VIDEO_BYTES,
        }
        .to_string(),
    }
}

/// A body that could not be read: beyond the route's limit (axum says 413), or cut off.
fn multipart_refusal(error: &MultipartError) -> Refusal {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_heavy()
    } else {
        tracing::info!(error = %error.body_text(), "unreadable video form");
        Refusal::bad(crate::i18n::t("nr-upload-interrupted"))
    }
}

pub(super) fn malformed(_: MultipartRejection) -> AppError {
    AppError::BadRequest(crate::i18n::t("nr-form-malformed"))
}

/// A file the journalist must change is refused with the reason; a failing disk is ours.
fn file_refusal(error: MediaError) -> Result<Refusal, AppError> {
    match error {
        MediaError::VideoTooHeavy { .. } => Ok(too_heavy()),
        MediaError::NotAVideo => Ok(Refusal::bad(error.to_string())),
        MediaError::VideoWrite { what, source } => {
            tracing::error!(error = %source, "{what}");
            Err(AppError::Internal(format!("{what}: {source}")))
        }
        MediaError::Storage(source) => {
            tracing::error!(error = %source, "the media store refused a video");
            Err(AppError::Internal(format!("media store: {source}")))
        }
        other => Err(AppError::Internal(other.to_string())),
    }
}

/// The stem of the stored file: the title's slug if the title came before the file, else the
/// uploaded file's name.
fn file_stem(title: &str, file_name: &str) -> String {
    let from = if title.trim().is_empty() {
        let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
        name.rsplit_once('.')
            .map_or(name, |(stem, _)| stem)
            .to_owned()
    } else {
        title.to_owned()
    };
    if !from.chars().any(char::is_alphanumeric) {
        return "video".to_owned();
    }
    let mut stem: String = kiosque_domain::slug::slugify(&from)
        .chars()
        .take(kiosque_media::MAX_STEM_CHARS)
        .collect();
    while stem.ends_with('-') {
        stem.pop();
    }
    if stem.is_empty() {
        stem.push_str("video");
    }
    stem
}

/// Reads what is left of a part, keeping nothing (so that the browser gets the answer rather
/// than a reset connection).
pub(crate) async fn drain(field: &mut Field<'_>) -> Result<(), MultipartError> {
    while field.chunk().await?.is_some() {}
    Ok(())
}

/// Reads a small text field, keeping at most [`MAX_FIELD_BYTES`].
pub(crate) async fn read_text(field: &mut Field<'_>) -> Result<String, MultipartError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        let room = MAX_FIELD_BYTES.saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What became of the file part.
pub(super) enum FilePart {
    /// No file chosen (browsers send an empty part).
    Empty,
    Refused(Refusal),
    Stored(StoredVideo),
}

/// Streams the file part to disk; its first bytes must say it is a video, else nothing is
/// written. Whatever is refused, the rest of the part is read so that the browser gets the
/// answer.
async fn receive_file(
    state: &AppState,
    field: &mut Field<'_>,
    stem: &str,
) -> Result<Result<FilePart, MultipartError>, AppError> {
    let today = dates::from_millis(state.config().clock.now_ms())
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let mut upload = VideoUpload::new(
        state.media(),
        state.staging_dir(),
        today,
        stem,
        MAX_VIDEO_BYTES,
    );
    loop {
        let chunk = match field.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            // `upload` drops here: the partial file is deleted.
            Err(e) => return Ok(Err(e)),
        };
        if let Err(e) = upload.push(&chunk).await {
            drop(upload);
            let refusal = file_refusal(e)?;
            return Ok(drain(field).await.map(|()| FilePart::Refused(refusal)));
        }
    }
    Ok(Ok(match upload.finish().await {
        Ok(Some(stored)) => FilePart::Stored(stored),
        Ok(None) => FilePart::Empty,
        Err(e) => FilePart::Refused(file_refusal(e)?),
    }))
}

/// What the form sent.
#[derive(Default)]
pub(super) struct Posted {
    pub(super) form: VideoForm,
    pub(super) file: Option<FilePart>,
    /// A poster image sent with the form (the first one).
    pub(super) poster: Option<PosterFile>,
}

/// Reads the form; the CSRF token must come before the file.
pub(super) async fn read_form(
    state: &AppState,
    n: &Newsroom,
    headers: &HeaderMap,
    multipart: &mut Multipart,
) -> Result<Result<Posted, Refusal>, AppError> {
    let mut posted = Posted::default();
    let mut csrf_checked = false;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Ok(Err(multipart_refusal(&e))),
        };
        // A part without a name matches no field and is skipped below.
        let name = field.name().unwrap_or_default().to_owned();
        let read = match name.as_str() {
            "csrf" => match read_text(&mut field).await {
                Ok(token) => {
                    n.check_csrf(headers, &token)?;
                    csrf_checked = true;
                    Ok(())
                }
                Err(e) => Err(e),
            },
            "file" if !csrf_checked => return Err(AppError::Csrf),
            "file" => read_file_field(state, &mut field, &mut posted).await?,
            "poster_file" if !csrf_checked => return Err(AppError::Csrf),
            "poster_file" => read_poster(&mut field).await.map(|poster| {
                if posted.poster.is_none() {
                    posted.poster = poster;
                }
            }),
            other => read_text(&mut field).await.map(|text| {
                if let Some(slot) = posted.form.slot(other) {
                    *slot = text;
                }
            }),
        };
        if let Err(e) = read {
            return Ok(Err(multipart_refusal(&e)));
        }
    }
    if !csrf_checked {
        return Err(AppError::Csrf);
    }
    Ok(Ok(posted))
}

/// The file part: stored, unless a file was already received (one video at a time).
async fn read_file_field(
    state: &AppState,
    field: &mut Field<'_>,
    posted: &mut Posted,
) -> Result<Result<(), MultipartError>, AppError> {
    if matches!(
        posted.file,
        Some(FilePart::Stored(_) | FilePart::Refused(_))
    ) {
        return Ok(drain(field).await);
    }
    // A file sent without a name is named after the video's title.
    let stem = file_stem(&posted.form.title, field.file_name().unwrap_or_default());
    Ok(receive_file(state, field, &stem)
        .await?
        .map(|part| posted.file = Some(part)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_files_are_named_after_the_title() {
        assert_eq!(
            file_stem("Alep : l’évacuation", "IMG_0001.MP4"),
            "alep-l-evacuation"
        );
        assert_eq!(file_stem("", "C:\\Vidéos\\Mon clip.mp4"), "mon-clip");
        assert_eq!(file_stem("", "…"), "video");
    }
}
