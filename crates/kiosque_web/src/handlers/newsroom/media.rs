//! The media library (`/admin/medias`), for contributors, journalists, editors and admins:
//! upload an image (validated by content and turned into responsive WebP variants by
//! `kiosque_media`), browse and search the library, edit an image's alt text, caption and
//! credit, and a small JSON list (`/admin/medias.json`) for the article editor's picker.
//!
//! An upload is read from a `multipart/form-data` body whose `csrf` field comes before the
//! file, so that a forged form is refused before its file is read. The file is read in chunks
//! and no more than [`Limits::max_bytes`] are kept: a heavier file gets a French message, as
//! does a body beyond the route's limit (16 MiB), which axum stops reading.

use askama::Template;
use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, FromRequestParts, Multipart, Path, Query, State};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::form::Form;
use axum_extra::extract::CookieJar;
use kiosque_domain::newsroom::Actor;
use kiosque_domain::typography::french;
use kiosque_domain::{Block, MediaRef};
use kiosque_media::{store_upload, Limits, MediaError, MediaStorage, StoredImage};
use kiosque_store::{MediaRow, NewMedia};
use serde::Deserialize;

use super::page::admin_page;
use super::when;
use crate::auth::{MaybeMember, Member};
use crate::extract::RequireMember;
use crate::pages::Layout;
use crate::respond::{encode_query, see_other};
use crate::views::{library_figure, FigureView, Pagination};
use crate::{AppError, AppState};

/// Images per page of the library.
pub const PER_PAGE: i64 = 24;
/// Images in one answer of the JSON list.
const JSON_LIMIT: i64 = 24;
/// The upload route's body limit: the largest image (15 MiB) and room for the form's other
/// fields. Beyond it axum stops reading the body.
pub const UPLOAD_BODY_LIMIT: usize = 16 * 1024 * 1024;
/// Longest alt text, caption and credit, in characters.
const MAX_ALT: usize = 300;
const MAX_CAPTION: usize = 1000;
const MAX_CREDIT: usize = 200;
/// Longest value kept of any other text field of the upload form (the CSRF token is 43).
const MAX_FIELD_BYTES: usize = 16 * 1024;

/// Every route of the media library, to merge into the site's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/medias",
            get(library).post(upload.layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))),
        )
        .route("/admin/medias.json", get(list_json))
        .route("/admin/medias/{id}", get(detail).post(edit))
}

/// A member who may use the media library (contributors and above); any other member gets
/// 403, a visitor the log-in page.
pub struct RequireMediaUser(pub Member, pub CookieJar);

impl FromRequestParts<AppState> for RequireMediaUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let RequireMember(member, jar) = RequireMember::from_request_parts(parts, state).await?;
        let actor = Actor::of_roles(member.user.id, member.user.roles.clone());
        if !actor.can_use_media() {
            return Err(AppError::Forbidden);
        }
        Ok(RequireMediaUser(member, jar))
    }
}

impl RequireMediaUser {
    fn check_csrf(&self, headers: &HeaderMap, token: &str) -> Result<(), AppError> {
        MaybeMember {
            member: Some(self.0.clone()),
            jar: self.1.clone(),
        }
        .check_csrf(headers, token)
    }
}

// ------------------------------------------------------------------ views

/// An image as the library shows it.
pub struct MediaItemView {
    pub id: i64,
    pub href: String,
    /// The smallest variant (the original if there is none).
    pub thumb: String,
    /// The original file, as uploaded.
    pub original: String,
    /// The path to write in an article: `/2016/12/23/photo-ab12.jpg`.
    pub path: String,
    pub width: i64,
    pub height: i64,
    pub mime: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// The body syntax that inserts it: `![alt](/2016/… "Légende" "Crédit")`.
    pub snippet: String,
    pub created: String,
}

fn item_view(row: &MediaRow) -> MediaItemView {
    MediaItemView {
        id: row.id,
        href: format!("/admin/medias/{}", row.id),
        thumb: format!("/media/{}", thumb_path(row)),
        original: format!("/media/{}", row.path),
        path: format!("/{}", row.path),
        width: row.width,
        height: row.height,
        mime: row.mime.clone(),
        alt: row.alt.clone().unwrap_or_default(),
        caption: row.caption.clone().unwrap_or_default(),
        credit: row.credit.clone().unwrap_or_default(),
        snippet: snippet(row),
        created: when(row.created_at),
    }
}

/// The narrowest variant (variants are stored narrowest first), else the original.
fn thumb_path(row: &MediaRow) -> &str {
    row.variants
        .iter()
        .min_by_key(|(w, _)| *w)
        .map_or(row.path.as_str(), |(_, p)| p.as_str())
}

/// The article body's image line, written by the body syntax's own writer so that the editor
/// reads it back as this image: `![alt](/2016/12/23/photo-ab12.jpg "Légende" "Crédit")`.
pub fn snippet(row: &MediaRow) -> String {
    let present = |s: &Option<String>| {
        s.as_deref()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    kiosque_domain::markup::render(&[Block::Image {
        media: MediaRef {
            path: format!("/{}", row.path),
            alt: present(&row.alt),
            caption: present(&row.caption),
            credit: present(&row.credit),
            ..MediaRef::default()
        },
    }])
}

/// What was typed in the upload or edit form, shown again when it is refused.
#[derive(Default, Clone)]
pub struct MediaTexts {
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

impl MediaTexts {
    /// Trimmed; `Err` with the French reason when the alt text is missing or a text too long.
    fn checked(&self) -> Result<(String, Option<String>, Option<String>), String> {
        let alt = self.alt.trim();
        let caption = self.caption.trim();
        let credit = self.credit.trim();
        if alt.is_empty() {
            return Err(
                "Décrivez l’image dans le texte alternatif : les lecteurs qui ne la \
                        voient pas l’entendent à sa place."
                    .into(),
            );
        }
        for (text, max, what) in [
            (alt, MAX_ALT, "Le texte alternatif"),
            (caption, MAX_CAPTION, "La légende"),
            (credit, MAX_CREDIT, "Le crédit"),
        ] {
            if text.chars().count() > max {
                return Err(format!("{what} est trop long ({max} caractères au plus)."));
            }
        }
        let optional = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Ok((alt.to_owned(), optional(caption), optional(credit)))
    }
}

#[derive(Template)]
#[template(path = "admin/medias.html")]
pub struct MediaLibraryPage {
    pub layout: Layout,
    pub csrf: String,
    pub error: Option<String>,
    pub form: MediaTexts,
    pub q: String,
    pub total: i64,
    pub items: Vec<MediaItemView>,
    pub pagination: Pagination,
    pub max_megabytes: usize,
}

#[derive(Template)]
#[template(path = "admin/media.html")]
pub struct MediaDetailPage {
    pub layout: Layout,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub item: MediaItemView,
    pub figure: FigureView,
    /// `(width, url)` of each variant, narrowest first.
    pub variants: Vec<(u32, String)>,
    pub form: MediaTexts,
}

// ------------------------------------------------------------------ the library

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LibraryQuery {
    q: Option<String>,
    page: Option<String>,
}

impl LibraryQuery {
    fn text(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }

    fn page(&self) -> Result<i64, AppError> {
        crate::handlers::site::page_number(self.page.as_deref())
    }
}

/// Links to the other pages of a list, keeping the search.
fn pagination(q: Option<&str>, current: i64, total_items: i64) -> Pagination {
    let total = ((total_items + PER_PAGE - 1) / PER_PAGE).max(1);
    let link = |p: i64| {
        let mut params = Vec::new();
        if let Some(q) = q {
            params.push(format!("q={}", encode_query(q)));
        }
        if p > 1 {
            params.push(format!("page={p}"));
        }
        if params.is_empty() {
            "/admin/medias".to_owned()
        } else {
            format!("/admin/medias?{}", params.join("&"))
        }
    };
    Pagination {
        current,
        total,
        prev: (current > 1).then(|| link(current - 1)),
        next: (current < total).then(|| link(current + 1)),
    }
}

async fn library_page(
    state: &AppState,
    user: &RequireMediaUser,
    query: &LibraryQuery,
    status: StatusCode,
    error: Option<String>,
    form: MediaTexts,
) -> Result<Response, AppError> {
    let page = query.page()?;
    let q = query.text();
    let (rows, total) = state
        .store()
        .media_list(q, (page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    if page > 1 && rows.is_empty() {
        return Err(AppError::NotFound);
    }
    let title = "Médiathèque — Kiosque";
    admin_page(state, title, status, user.1.clone(), |layout| {
        MediaLibraryPage {
            layout,
            csrf: user.0.csrf.clone(),
            error: error.map(|e| french(&e)),
            form,
            q: q.unwrap_or_default().to_owned(),
            total,
            items: rows.iter().map(item_view).collect(),
            pagination: pagination(q, page, total),
            max_megabytes: Limits::default().max_bytes >> 20,
        }
    })
    .await
}

/// `GET /admin/medias`: the library, newest first, searchable, with the upload form.
pub async fn library(
    State(state): State<AppState>,
    user: RequireMediaUser,
    Query(query): Query<LibraryQuery>,
) -> Result<Response, AppError> {
    library_page(
        &state,
        &user,
        &query,
        StatusCode::OK,
        None,
        MediaTexts::default(),
    )
    .await
}

// ------------------------------------------------------------------ upload

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
        Refusal::bad("L’envoi a été interrompu ou le formulaire est mal formé ; réessayez.")
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
            None => {
                return Err(Refusal::bad(
                    "Choisissez une image à envoyer (JPEG, PNG ou WebP).",
                ))
            }
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

/// `POST /admin/medias`: stores the image and its variants, then its row; 303 to its page.
/// A refused upload stores nothing and shows the library again with the reason (400).
pub async fn upload(
    State(state): State<AppState>,
    user: RequireMediaUser,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let mut multipart = multipart.map_err(|_| {
        AppError::BadRequest(
            "Le formulaire d’envoi est mal formé : choisissez une image et réessayez.".into(),
        )
    })?;
    let form = match read_upload(&user, &headers, &mut multipart).await? {
        Ok(form) => form,
        Err(refusal) => return refuse(&state, &user, refusal, MediaTexts::default()).await,
    };
    let texts = form.texts.clone();
    let stored = match form.checked() {
        Ok(upload) => store_image(&state, user.0.user.id, upload).await?,
        Err(refusal) => Err(refusal),
    };
    match stored {
        Ok(id) => Ok(see_other(user.1, &format!("/admin/medias/{id}?ok=1"))),
        Err(refusal) => refuse(&state, &user, refusal, texts).await,
    }
}

/// Writes the image and its variants, then its row; `Ok(Err(…))` is a refusal to show.
async fn store_image(
    state: &AppState,
    user_id: i64,
    upload: CheckedUpload,
) -> Result<Result<i64, Refusal>, AppError> {
    let storage = match MediaStorage::local(state.media_dir()) {
        Ok(storage) => storage,
        Err(e) => return Ok(Err(media_refusal(&e))),
    };
    let name = upload.name;
    let stored =
        match store_upload(&storage, upload.bytes, &name, today(), &Limits::default()).await {
            Ok(stored) => stored,
            Err(e) => {
                tracing::info!(user.id = user_id, file = %name, error = %e, "upload refused");
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
    match state.store().insert_media(&new, user_id).await {
        Ok(id) => {
            tracing::info!(media.id = id, user.id = user_id, path = %stored.path, "image uploaded");
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

// ------------------------------------------------------------------ one image

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DetailQuery {
    ok: Option<String>,
}

fn media_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

async fn detail_page(
    state: &AppState,
    user: &RequireMediaUser,
    row: &MediaRow,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
    form: MediaTexts,
) -> Result<Response, AppError> {
    let media = MediaRef {
        path: format!("/{}", row.path),
        ..MediaRef::default()
    };
    let title = format!("Image n° {} — Médiathèque — Kiosque", row.id);
    admin_page(state, &title, status, user.1.clone(), |layout| {
        MediaDetailPage {
            layout,
            csrf: user.0.csrf.clone(),
            notice: notice.map(|n| french(&n)),
            error: error.map(|e| french(&e)),
            item: item_view(row),
            figure: library_figure(row, &media, ""),
            variants: row
                .variants
                .iter()
                .map(|(w, p)| (*w, format!("/media/{p}")))
                .collect(),
            form,
        }
    })
    .await
}

/// `GET /admin/medias/{id}`: the image, its variants and the form to describe it.
pub async fn detail(
    State(state): State<AppState>,
    user: RequireMediaUser,
    Path(id): Path<String>,
    Query(q): Query<DetailQuery>,
) -> Result<Response, AppError> {
    let id = media_id(&id)?;
    let row = state.store().media(id).await?.ok_or(AppError::NotFound)?;
    let notice = match q.ok.as_deref() {
        Some("1") => Some(
            "Image enregistrée. Copiez la ligne ci-dessous dans le texte de l’article pour l’y \
             insérer."
                .to_owned(),
        ),
        Some("modifie") => Some("Modifications enregistrées.".to_owned()),
        _ => None,
    };
    let form = MediaTexts {
        alt: row.alt.clone().unwrap_or_default(),
        caption: row.caption.clone().unwrap_or_default(),
        credit: row.credit.clone().unwrap_or_default(),
    };
    detail_page(&state, &user, &row, StatusCode::OK, notice, None, form).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditForm {
    csrf: String,
    alt: String,
    caption: String,
    credit: String,
}

/// `POST /admin/medias/{id}`: new alt text, caption and credit. Pages showing the image are
/// refreshed (the change log says `media:{id}`).
pub async fn edit(
    State(state): State<AppState>,
    user: RequireMediaUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<EditForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&headers, &form.csrf)?;
    // Published articles show the library's descriptions: changing them is not a
    // contributor's call (they describe their image when they upload it).
    let actor = Actor::of_roles(user.0.user.id, user.0.user.roles.clone());
    if !actor.can_publish_media() {
        return Err(AppError::Forbidden);
    }
    let id = media_id(&id)?;
    let row = state.store().media(id).await?.ok_or(AppError::NotFound)?;
    let texts = MediaTexts {
        alt: form.alt,
        caption: form.caption,
        credit: form.credit,
    };
    let (alt, caption, credit) = match texts.checked() {
        Ok(checked) => checked,
        Err(message) => {
            return detail_page(
                &state,
                &user,
                &row,
                StatusCode::BAD_REQUEST,
                None,
                Some(message),
                texts,
            )
            .await
        }
    };
    state
        .store()
        .update_media(id, Some(&alt), caption.as_deref(), credit.as_deref())
        .await?;
    tracing::info!(media.id = id, user.id = user.0.user.id, "image described");
    Ok(see_other(user.1, &format!("/admin/medias/{id}?ok=modifie")))
}

// ------------------------------------------------------------------ JSON for the editor

/// `GET /admin/medias.json?q=…&page=…`: the library for the editor's image picker.
pub async fn list_json(
    State(state): State<AppState>,
    user: RequireMediaUser,
    Query(query): Query<LibraryQuery>,
) -> Result<Response, AppError> {
    let page = query.page()?;
    let (rows, total) = state
        .store()
        .media_list(query.text(), (page - 1) * JSON_LIMIT, JSON_LIMIT)
        .await?;
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            serde_json::json!({
                "id": row.id,
                "path": format!("/{}", row.path),
                "alt": row.alt,
                "caption": row.caption,
                "credit": row.credit,
                "width": row.width,
                "height": row.height,
                "thumb": format!("/media/{}", thumb_path(row)),
                "snippet": snippet(row),
            })
        })
        .collect();
    let body = serde_json::json!({ "items": items, "total": total, "page": page });
    let mut res = (user.1, axum::Json(body)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(alt: Option<&str>, caption: Option<&str>, credit: Option<&str>) -> MediaRow {
        MediaRow {
            id: 7,
            path: "2016/12/23/photo-ab12.jpg".into(),
            mime: "image/jpeg".into(),
            width: 700,
            height: 350,
            alt: alt.map(str::to_owned),
            caption: caption.map(str::to_owned),
            credit: credit.map(str::to_owned),
            variants: vec![
                (320, "2016/12/23/photo-ab12-320w.webp".into()),
                (640, "2016/12/23/photo-ab12-640w.webp".into()),
            ],
            placeholder: "data:image/webp;base64,AAAA".into(),
            created_at: 0,
        }
    }

    #[test]
    fn snippets_follow_the_body_syntax() {
        assert_eq!(
            snippet(&row(Some("Des civils"), Some("Évacuation"), Some("AFP"))),
            "![Des civils](/2016/12/23/photo-ab12.jpg \"Évacuation\" \"AFP\")"
        );
        assert_eq!(
            snippet(&row(Some("a ] b \\ c"), None, None)),
            "![a \\] b \\\\ c](/2016/12/23/photo-ab12.jpg)"
        );
        assert_eq!(
            snippet(&row(Some("x"), None, Some("Le \"Monde\""))),
            "![x](/2016/12/23/photo-ab12.jpg \"\" \"Le \\\"Monde\\\"\")"
        );
        assert_eq!(
            snippet(&row(Some("x"), Some("deux\nlignes"), Some("  "))),
            "![x](/2016/12/23/photo-ab12.jpg \"deux lignes\")"
        );
        // The editor reads it back as the same image.
        let r = row(Some("a ] b"), Some("« Le \"Monde\" »"), Some("AFP"));
        let blocks = kiosque_domain::markup::parse(&snippet(&r)).expect("a valid line");
        assert_eq!(
            blocks,
            vec![Block::Image {
                media: MediaRef {
                    path: "/2016/12/23/photo-ab12.jpg".into(),
                    alt: Some("a ] b".into()),
                    caption: Some("« Le \"Monde\" »".into()),
                    credit: Some("AFP".into()),
                    ..MediaRef::default()
                }
            }]
        );
    }

    #[test]
    fn thumbnails_are_the_narrowest_variant() {
        assert_eq!(
            thumb_path(&row(None, None, None)),
            "2016/12/23/photo-ab12-320w.webp"
        );
        let mut bare = row(None, None, None);
        bare.variants.clear();
        assert_eq!(thumb_path(&bare), "2016/12/23/photo-ab12.jpg");
    }

    #[test]
    fn alt_text_is_required_and_texts_are_bounded() {
        let texts = |alt: &str, caption: &str| MediaTexts {
            alt: alt.into(),
            caption: caption.into(),
            credit: String::new(),
        };
        assert!(texts("  ", "").checked().is_err());
        assert_eq!(
            texts(" Une rue ", "").checked(),
            Ok(("Une rue".to_owned(), None, None))
        );
        assert!(texts("x", &"a".repeat(MAX_CAPTION + 1)).checked().is_err());
    }

    #[test]
    fn pages_keep_the_search() {
        let p = pagination(Some("été à Paris"), 2, 60);
        assert_eq!(p.total, 3);
        assert_eq!(
            p.prev.as_deref(),
            Some("/admin/medias?q=%C3%A9t%C3%A9%20%C3%A0%20Paris")
        );
        assert_eq!(
            p.next.as_deref(),
            Some("/admin/medias?q=%C3%A9t%C3%A9%20%C3%A0%20Paris&page=3")
        );
        let p = pagination(None, 1, 0);
        assert_eq!((p.total, p.prev, p.next), (1, None, None));
    }
}
