//! Uploading an image (`POST /admin/medias`): the multipart form read in order and within
//! limits, the image stored with its variants, then its row.

use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kiosque_domain::typography::french;
use kiosque_media::{store_upload, Limits, MediaError, MediaStorage, StoredImage};
use kiosque_store::NewMedia;

use super::common::{MediaTexts, RequireMediaUser};
use super::library::{item_json, library_page, LibraryQuery};
use crate::error::{code_for, json_error};
use crate::respond::see_other;
use crate::{AppError, AppState};

/// The upload route's body limit: the largest image (15 MiB) and room for the form's other
/// fields. Beyond it axum stops reading the body.
pub const UPLOAD_BODY_LIMIT: usize = 16 * 1024 * 1024;
/// Longest value kept of any other text field of the upload form (the CSRF token is 43).
const MAX_FIELD_BYTES: usize = 16 * 1024;

/// Why an upload is refused, and with which status.
struct Refusal {
    status: StatusCode,
    message: String,
}

impl Refusal {
    fn bad(message: impl Into<String>) -> Self {
        Refusal {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

fn too_heavy_message(size: usize) -> String {
    MediaError::TooHeavy {
        size,
        max_bytes: Limits::default().max_bytes,
    }
    .to_string()
}

/// A body that could not be read: beyond the route's limit (axum says 413), or cut off.
fn multipart_refusal(error: &MultipartError) -> Refusal {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Refusal {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            message: too_heavy_message(UPLOAD_BODY_LIMIT),
        }
    } else {
        tracing::info!(error = %error.body_text(), "unreadable upload");
        Refusal::bad(crate::i18n::t("nr-upload-interrupted"))
    }
}

/// Reads a small text field, keeping at most [`MAX_FIELD_BYTES`] (the rest is read and dropped).
async fn read_text(field: &mut Field<'_>) -> Result<String, MultipartError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        let room = MAX_FIELD_BYTES.saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The file part: its bytes, or `None` when it weighs more than `max` (the rest of it is read
/// and dropped, so that the browser gets the answer instead of a reset connection).
async fn read_file(
    field: &mut Field<'_>,
    max: usize,
) -> Result<(Option<Vec<u8>>, usize), MultipartError> {
    let mut bytes = Vec::new();
    let mut size = 0usize;
    let mut heavy = false;
    while let Some(chunk) = field.chunk().await? {
        size = size.saturating_add(chunk.len());
        if heavy {
            continue;
        }
        if size > max {
            heavy = true;
            bytes = Vec::new();
        } else {
            bytes.extend_from_slice(&chunk);
        }
    }
    Ok(((!heavy).then_some(bytes), size))
}

/// What the upload form sent.
#[derive(Default)]
struct UploadForm {
    csrf_checked: bool,
    /// The file's name and bytes; bytes `None` when the file was too heavy (its size kept).
    file: Option<(String, Option<Vec<u8>>, usize)>,
    texts: MediaTexts,
}

impl UploadForm {
    /// Reads one field into the form. The outer error refuses the request (a forged form, or a
    /// file before the token); the inner one is a body that could not be read.
    async fn read_field(
        &mut self,
        field: &mut Field<'_>,
        user: &RequireMediaUser,
        headers: &HeaderMap,
    ) -> Result<Result<(), MultipartError>, AppError> {
        // A part without a name matches no field and is skipped below.
        let name = field.name().unwrap_or_default().to_owned();
        let slot = match name.as_str() {
            "csrf" => {
                let token = match read_text(field).await {
                    Ok(token) => token,
                    Err(e) => return Ok(Err(e)),
                };
                user.check_csrf(headers, &token)?;
                self.csrf_checked = true;
                return Ok(Ok(()));
            }
            "file" if !self.csrf_checked => return Err(AppError::Csrf),
            "file" => return Ok(self.keep_file(field).await),
            "alt" => &mut self.texts.alt,
            "caption" => &mut self.texts.caption,
            "credit" => &mut self.texts.credit,
            _ => return Ok(read_text(field).await.map(|_| ())),
        };
        Ok(read_text(field).await.map(|text| *slot = text))
    }

    /// Keeps the first file chosen: one image at a time.
    async fn keep_file(&mut self, field: &mut Field<'_>) -> Result<(), MultipartError> {
        // A file sent without a name is named by the upload stem alone (see `upload_stem`).
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let (bytes, size) = read_file(field, Limits::default().max_bytes).await?;
        // Browsers send an empty part when no file was chosen.
        if size > 0 && self.file.is_none() {
            self.file = Some((file_name, bytes, size));
        }
        Ok(())
    }

    /// The file and its checked texts, or why they are refused.
    fn checked(self) -> Result<CheckedUpload, Refusal> {
        let (name, bytes) = match self.file {
            None => return Err(Refusal::bad(crate::i18n::t("nr-upload-choose-image"))),
            Some((_, None, size)) => return Err(Refusal::bad(too_heavy_message(size))),
            Some((name, Some(bytes), _)) => (name, bytes),
        };
        let (alt, caption, credit) = self.texts.checked().map_err(Refusal::bad)?;
        Ok(CheckedUpload {
            name,
            bytes,
            alt,
            caption,
            credit,
        })
    }
}

/// An upload ready to store.
struct CheckedUpload {
    name: String,
    bytes: Vec<u8>,
    alt: String,
    caption: Option<String>,
    credit: Option<String>,
}

/// Reads the form; the CSRF token must come before the file.
async fn read_upload(
    user: &RequireMediaUser,
    headers: &HeaderMap,
    multipart: &mut Multipart,
) -> Result<Result<UploadForm, Refusal>, AppError> {
    let mut form = UploadForm::default();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Ok(Err(multipart_refusal(&e))),
        };
        if let Err(e) = form.read_field(&mut field, user, headers).await? {
            return Ok(Err(multipart_refusal(&e)));
        }
    }
    if !form.csrf_checked {
        return Err(AppError::Csrf);
    }
    Ok(Ok(form))
}

/// Errors of the file itself are the journalist's to fix (400); a failing disk or encoder is
/// ours (500). Either way the message says what happened.
fn media_refusal(error: &MediaError) -> Refusal {
    match error {
        MediaError::Processing { .. } | MediaError::Storage(_) | MediaError::NotFound { .. } => {
            tracing::error!(error = %error, source = ?std::error::Error::source(error), "upload failed");
            Refusal {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: error.to_string(),
            }
        }
        _ => Refusal::bad(error.to_string()),
    }
}

/// Today in Paris: uploads are filed under the newsroom's date.
fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
}

/// The editor's picker uploads with `fetch` and asks for JSON: the stored image (with the
/// body line that inserts it) or the refusal, instead of a page.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// `POST /admin/medias`: stores the image and its variants, then its row; 303 to its page
/// (the stored image as JSON for the editor's picker). A refused upload stores nothing and
/// shows the library again with the reason (400; a JSON error for the picker).
pub async fn upload(
    State(state): State<AppState>,
    user: RequireMediaUser,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let json = wants_json(&headers);
    let mut multipart =
        multipart.map_err(|_| AppError::BadRequest(crate::i18n::t("nr-upload-malformed")))?;
    let form = match read_upload(&user, &headers, &mut multipart).await? {
        Ok(form) => form,
        Err(refusal) if json => return Ok(refuse_json(&refusal)),
        Err(refusal) => return refuse(&state, &user, refusal, MediaTexts::default()).await,
    };
    let texts = form.texts.clone();
    let stored = match form.checked() {
        Ok(upload) => store_image(&state, user.0.user.id, upload).await?,
        Err(refusal) => Err(refusal),
    };
    match stored {
        Ok(id) if json => {
            let row = state.store().media(id).await?.ok_or(AppError::NotFound)?;
            Ok((user.1, axum::Json(item_json(&row))).into_response())
        }
        Ok(id) => Ok(see_other(user.1, &format!("/admin/medias/{id}?ok=1"))),
        Err(refusal) if json => Ok(refuse_json(&refusal)),
        Err(refusal) => refuse(&state, &user, refusal, texts).await,
    }
}

fn refuse_json(refusal: &Refusal) -> Response {
    json_error(
        refusal.status,
        code_for(refusal.status),
        &french(&refusal.message),
    )
}

/// Writes the image and its variants, then its row; `Ok(Err(…))` is a refusal to show.
async fn store_image(
    state: &AppState,
    user_id: kiosque_domain::UserId,
    upload: CheckedUpload,
) -> Result<Result<kiosque_domain::MediaId, Refusal>, AppError> {
    let storage = state.media().clone();
    let name = upload.name;
    let stored =
        match store_upload(&storage, upload.bytes, &name, today(), &Limits::default()).await {
            Ok(stored) => stored,
            Err(e) => {
                tracing::info!(user.id = user_id.get(), file = %name, error = %e, "upload refused");
                return Ok(Err(media_refusal(&e)));
            }
        };
    let new = NewMedia {
        path: stored.path.clone(),
        mime: stored.mime.to_owned(),
        width: i64::from(stored.width),
        height: i64::from(stored.height),
        alt: Some(upload.alt),
        caption: upload.caption,
        credit: upload.credit,
        variants: stored.variants.clone(),
        placeholder: stored.placeholder.clone(),
    };
    let recorded = match crate::media_record::record_image(state.store(), &stored).await {
        Ok(()) => state.store().insert_media(&new, Some(user_id)).await,
        Err(e) => Err(e),
    };
    match recorded {
        Ok(id) => {
            tracing::info!(media.id = id.get(), user.id = user_id.get(), path = %stored.path, "image uploaded");
            Ok(Ok(id))
        }
        Err(e) => {
            // No row, no files: the library never points at nothing, nor the disk hold orphans.
            delete_files(&storage, &stored).await;
            Err(e.into())
        }
    }
}

/// Deletes an image's files, logging those that stay.
async fn delete_files(storage: &MediaStorage, stored: &StoredImage) {
    for path in std::iter::once(&stored.path).chain(stored.variants.iter().map(|(_, p)| p)) {
        if let Err(cleanup) = storage.delete(path).await {
            tracing::warn!(path = %path, error = %cleanup, "could not delete an unrecorded upload");
        }
    }
}

async fn refuse(
    state: &AppState,
    user: &RequireMediaUser,
    refusal: Refusal,
    texts: MediaTexts,
) -> Result<Response, AppError> {
    library_page(
        state,
        user,
        &LibraryQuery::default(),
        refusal.status,
        Some(refusal.message),
        texts,
    )
    .await
}
