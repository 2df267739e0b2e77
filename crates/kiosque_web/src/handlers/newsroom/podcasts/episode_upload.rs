//! Reading the posted episode form (`multipart/form-data`): the CSRF token first, the text
//! fields, and the sound file, streamed to disk by `kiosque_media` as its chunks arrive.

use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::Multipart;
use axum::http::{HeaderMap, StatusCode};
use kiosque_domain::dates;
use kiosque_media::{AudioUpload, MediaError, StoredAudio, MAX_AUDIO_BYTES};

use crate::handlers::newsroom::articles::Newsroom;
use crate::handlers::newsroom::videos::{drain, read_text};
use crate::{AppError, AppState};

/// Why a form is shown again, and with which status.
pub struct Refusal {
    pub status: StatusCode,
    pub message: String,
}

impl Refusal {
    pub fn bad(message: impl Into<String>) -> Self {
        Refusal {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

/// The episode form, as typed (shown again when refused).
#[derive(Default, Clone)]
pub struct EpisodeForm {
    pub show: String,
    pub title: String,
    pub description: String,
    pub duration: String,
    pub external_url: String,
    pub image: String,
}

impl EpisodeForm {
    fn slot(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "show" => &mut self.show,
            "title" => &mut self.title,
            "description" => &mut self.description,
            "duration" => &mut self.duration,
            "external_url" => &mut self.external_url,
            "image" => &mut self.image,
            _ => return None,
        })
    }
}

fn too_heavy() -> Refusal {
    Refusal {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: MediaError::AudioTooHeavy {
            max_bytes: MAX_AUDIO_BYTES,
        }
        .to_string(),
    }
}

fn multipart_refusal(error: &MultipartError) -> Refusal {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_heavy()
    } else {
        tracing::info!(error = %error.body_text(), "unreadable episode form");
        Refusal::bad(crate::i18n::t("nr-upload-interrupted"))
    }
}

pub fn malformed(_: MultipartRejection) -> AppError {
    AppError::BadRequest(crate::i18n::t("nr-form-malformed"))
}

/// A file the journalist must change is refused with the reason; a failing disk is ours.
fn file_refusal(error: MediaError) -> Result<Refusal, AppError> {
    match error {
        MediaError::AudioTooHeavy { .. } => Ok(too_heavy()),
        MediaError::NotAudio => Ok(Refusal::bad(error.to_string())),
        MediaError::AudioWrite { what, source } => {
            tracing::error!(error = %source, "{what}");
            Err(AppError::Internal(format!("{what}: {source}")))
        }
        MediaError::Storage(source) => {
            tracing::error!(error = %source, "the media store refused an audio file");
            Err(AppError::Internal(format!("media store: {source}")))
        }
        other => Err(AppError::Internal(other.to_string())),
    }
}

/// What became of the file part.
pub enum FilePart {
    Empty,
    Refused(Refusal),
    Stored(StoredAudio),
}

fn stem(title: &str) -> String {
    let mut stem: String = kiosque_domain::slug::slugify(title)
        .chars()
        .take(kiosque_media::MAX_STEM_CHARS)
        .collect();
    while stem.ends_with('-') {
        stem.pop();
    }
    if stem.is_empty() {
        stem.push_str("episode");
    }
    stem
}

async fn receive_file(
    state: &AppState,
    field: &mut Field<'_>,
    stem: &str,
) -> Result<Result<FilePart, MultipartError>, AppError> {
    let today = dates::from_millis(state.config().clock.now_ms())
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let mut upload = AudioUpload::new(
        state.media(),
        state.staging_dir(),
        today,
        stem,
        MAX_AUDIO_BYTES,
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
pub struct Posted {
    pub form: EpisodeForm,
    pub file: Option<FilePart>,
}

/// Reads the form; the CSRF token must come before the file. `Ok(Err(…))` is a form to show
/// again with the reason.
pub async fn read_form(
    state: &AppState,
    n: &Newsroom,
    headers: &HeaderMap,
    multipart: &mut Multipart,
) -> Result<Result<Posted, (EpisodeForm, Refusal)>, AppError> {
    let mut posted = Posted::default();
    let mut csrf_checked = false;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Ok(Err((posted.form, multipart_refusal(&e)))),
        };
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
            // One file per episode: a second one is read and dropped.
            "file" if posted.file.is_some() => drain(&mut field).await,
            "file" => {
                let stem = stem(&posted.form.title);
                receive_file(state, &mut field, &stem)
                    .await?
                    .map(|part| posted.file = Some(part))
            }
            other => read_text(&mut field).await.map(|text| {
                if let Some(slot) = posted.form.slot(other) {
                    *slot = text;
                }
            }),
        };
        if let Err(e) = read {
            return Ok(Err((posted.form, multipart_refusal(&e))));
        }
    }
    if !csrf_checked {
        return Err(AppError::Csrf);
    }
    Ok(Ok(posted))
}
