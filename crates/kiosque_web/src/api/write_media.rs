//! `POST /api/v1/media`: an image uploaded to the media library for the key's owner, under the
//! library's own rules (an image by its content, size limits, alt text required).

use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::Json;
use kiosque_domain::api_scope::Scope;
use kiosque_media::{store_upload, Limits, MediaError};
use kiosque_store::NewMedia;

use super::caller::Caller;
use super::schema::ErrorBody;
use super::write_error::WriteError;
use super::write_schema::{MediaUpload, UploadedMedia};
use crate::handlers::newsroom::media::common::{snippet, MediaTexts};
use crate::i18n::t;
use crate::{AppError, AppState};

/// The route's body limit: the largest image and room for the texts.
pub(super) const MEDIA_BODY_LIMIT: usize = 16 * 1024 * 1024;
/// Longest value kept of a text part.
const MAX_TEXT_BYTES: usize = 16 * 1024;

fn unreadable(e: &MultipartError) -> WriteError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return too_heavy(MEDIA_BODY_LIMIT);
    }
    WriteError::new(StatusCode::BAD_REQUEST, "invalid_multipart", e.body_text())
}

fn too_heavy(size: usize) -> WriteError {
    let e = MediaError::TooHeavy {
        size,
        max_bytes: Limits::default().max_bytes,
    };
    WriteError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "media.too_heavy",
        e.to_string(),
    )
    .at("file")
}

/// A part's bytes, up to `max`; `None` (the rest read and dropped) beyond it.
async fn read_part(
    field: &mut Field<'_>,
    max: usize,
) -> Result<(Option<Vec<u8>>, usize), WriteError> {
    let mut bytes = Vec::new();
    let mut size = 0usize;
    while let Some(chunk) = field.chunk().await.map_err(|e| unreadable(&e))? {
        size = size.saturating_add(chunk.len());
        if size <= max {
            bytes.extend_from_slice(&chunk);
        }
    }
    Ok(((size <= max).then_some(bytes), size))
}

/// The field of the first text the library refuses (each checked alone, with a valid alt).
fn refused_text(texts: &MediaTexts) -> &'static str {
    let alone = |alt: &str, caption: &str, credit: &str| MediaTexts {
        alt: alt.into(),
        caption: caption.into(),
        credit: credit.into(),
    };
    if alone(&texts.alt, "", "").checked().is_err() {
        "alt"
    } else if alone("x", &texts.caption, "").checked().is_err() {
        "caption"
    } else {
        "credit"
    }
}

fn media_error(e: &MediaError) -> WriteError {
    let code = match e {
        MediaError::Empty => "media.empty",
        MediaError::TooHeavy { size, .. } => return too_heavy(*size),
        MediaError::NotAnImage => "media.not_an_image",
        MediaError::TooManyPixels { .. } | MediaError::SideTooLong { .. } => {
            "media.too_many_pixels"
        }
        MediaError::UnsupportedEncoding { .. } => "media.unsupported",
        MediaError::Unreadable { .. } => "media.unreadable",
        _ => {
            tracing::error!(error = %e, "api upload failed");
            return WriteError::Api(crate::error::ApiError(AppError::Internal(e.to_string())));
        }
    };
    WriteError::field(code, "file", e.to_string())
}

/// Upload an image to the media library, as the key's owner.
#[utoipa::path(
    post, path = "/api/v1/media", tag = "writing",
    request_body(content = MediaUpload, content_type = "multipart/form-data"),
    security(("api_key" = ["media:write"])),
    responses(
        (status = 201, description = "The image, in the library", body = UploadedMedia),
        (status = 400, description = "Not an image, or a text refused (`field` names it); nothing is stored", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "The key lacks `media:write`, or its owner may not use the library", body = ErrorBody),
        (status = 413, description = "The file is too heavy", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn upload_media(
    State(state): State<AppState>,
    caller: Caller,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<UploadedMedia>), WriteError> {
    caller.require(Scope::MediaWrite)?;
    let owner = caller.owner(&state).await?;
    if !owner.can_use_media() {
        return Err(WriteError::owner_forbidden());
    }
    let mut multipart = multipart.map_err(|_| {
        WriteError::new(
            StatusCode::BAD_REQUEST,
            "invalid_multipart",
            t("nr-upload-malformed"),
        )
    })?;
    let mut texts = MediaTexts::default();
    let mut file: Option<(String, Option<Vec<u8>>, usize)> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(|e| unreadable(&e))? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" if file.is_none() => {
                let file_name = field.file_name().unwrap_or_default().to_owned();
                let (bytes, size) = read_part(&mut field, Limits::default().max_bytes).await?;
                file = Some((file_name, bytes, size));
            }
            "alt" | "caption" | "credit" => {
                let (bytes, _) = read_part(&mut field, MAX_TEXT_BYTES).await?;
                let text = String::from_utf8_lossy(&bytes.unwrap_or_default()).into_owned();
                match name.as_str() {
                    "alt" => texts.alt = text,
                    "caption" => texts.caption = text,
                    _ => texts.credit = text,
                }
            }
            _ => {
                read_part(&mut field, 0).await?;
            }
        }
    }
    let (file_name, bytes) = match file {
        None | Some((_, _, 0)) => {
            let m = t("nr-upload-choose-image");
            return Err(WriteError::field("missing_file", "file", m));
        }
        Some((_, None, size)) => return Err(too_heavy(size)),
        Some((name, Some(bytes), _)) => (name, bytes),
    };
    let (alt, caption, credit) = texts
        .checked()
        .map_err(|m| WriteError::field("invalid_text", refused_text(&texts), m))?;
    let storage = state.media().clone();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let stored = store_upload(&storage, bytes, &file_name, today, &Limits::default())
        .await
        .map_err(|e| media_error(&e))?;
    let new = NewMedia {
        path: stored.path.clone(),
        mime: stored.mime.to_owned(),
        width: i64::from(stored.width),
        height: i64::from(stored.height),
        alt: Some(alt),
        caption,
        credit,
        variants: stored.variants.clone(),
        placeholder: stored.placeholder.clone(),
    };
    let recorded = match crate::media_record::record_image(state.store(), &stored).await {
        Ok(()) => state.store().insert_media(&new, Some(owner.user_id)).await,
        Err(e) => Err(e),
    };
    let id = match recorded {
        Ok(id) => id,
        Err(e) => {
            // No row, no files: the library never points at nothing.
            for path in std::iter::once(&stored.path).chain(stored.variants.iter().map(|(_, p)| p))
            {
                if let Err(cleanup) = storage.delete(path).await {
                    tracing::warn!(path = %path, error = %cleanup, "could not delete an unrecorded upload");
                }
            }
            return Err(e.into());
        }
    };
    let row = state
        .store()
        .media(id)
        .await?
        .ok_or_else(WriteError::not_found)?;
    tracing::info!(
        media.id = id.get(),
        key = caller.0.key_id,
        user = owner.user_id.get(),
        "image uploaded (api)"
    );
    Ok((
        StatusCode::CREATED,
        Json(UploadedMedia {
            id: id.get(),
            path: format!("/{}", row.path),
            url: state.config().link(&format!("/media/{}", row.path)),
            width: row.width,
            height: row.height,
            alt: row.alt.clone().unwrap_or_default(),
            caption: row.caption.clone(),
            credit: row.credit.clone(),
            markup: snippet(&row),
        }),
    ))
}
