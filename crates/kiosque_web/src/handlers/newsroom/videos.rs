//! The newsroom's videos (`/admin/videos`), for contributors, journalists, editors and admins
//! (whoever may use the media library): the list, newest first, and a form to add or edit a
//! video — its title, section, duration, poster (an image of the media library) and either an
//! uploaded MP4 or WebM file or the address of a video hosted elsewhere (https only). A video
//! appears at once in the "À regarder" rail and has its page at `/videos/{slug}_{id}.html`.
//!
//! The form is `multipart/form-data` and its `csrf` field comes before the file, so that a
//! forged form is refused before any of its file is read. The file is streamed to disk, never
//! held in memory: its first bytes must be those of an MP4 (`ftyp` box) or a WebM (EBML magic)
//! file, else nothing is written. It is written under a hidden temporary name and renamed to
//! `YYYY/MM/DD/{slug}-{tag}.mp4|webm` in the media folder once complete; whatever is refused or
//! fails afterwards (a bad field, a database error, a dropped connection) deletes it, so the
//! disk holds no file without its row. The media folder is served at `/media/` by tower-http's
//! `ServeDir`, which answers `Range` requests (206): browsers can seek in the video.
//!
//! There is no owner column on videos: anyone in the newsroom may edit any video, as they may
//! describe any image of the media library.

use std::path::{Path as FsPath, PathBuf};

use askama::Template;
use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::handler::Handler;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use kiosque_domain::typography::french;
use kiosque_domain::{dates, MediaRef, VideoDraft};
use kiosque_store::{StoreError, VideoAdminRow};
use reqwest::Url;
use serde::Deserialize;
use tokio::io::AsyncWriteExt;

use super::articles::{AdminNav, Newsroom};
use super::when;
use crate::layout::layout;
use crate::respond::{personal, see_other};
use crate::views::{Here, Pagination};
use crate::{AppError, AppState};

/// The heaviest video file accepted: 500 MiB.
pub const MAX_VIDEO_BYTES: u64 = 500 * 1024 * 1024;
/// The body limit of the two routes that receive the form: the file and room for the other
/// fields. Beyond it axum stops reading the body.
pub const VIDEO_BODY_LIMIT: usize = MAX_VIDEO_BYTES as usize + 1024 * 1024;
/// Videos per page of the list.
const PER_PAGE: i64 = 30;
/// Longest value kept of a text field of the form (the CSRF token is 43 bytes).
const MAX_FIELD_BYTES: usize = 16 * 1024;
/// Longest address of a video hosted elsewhere.
const MAX_URL_CHARS: usize = 2000;
/// Longest poster alt text, in characters (as in the media library).
const MAX_ALT_CHARS: usize = 300;
/// The longest duration accepted: a day.
const MAX_DURATION_SECONDS: u32 = 24 * 3600;
/// How many leading bytes the content check reads.
const SNIFF_BYTES: usize = 12;

/// Every route of the videos' back office, to merge into the site's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/videos", get(list))
        .route(
            "/admin/videos/nouvelle",
            get(new_form).post(create.layer(DefaultBodyLimit::max(VIDEO_BODY_LIMIT))),
        )
        .route(
            "/admin/videos/{id}",
            get(edit).post(save.layer(DefaultBodyLimit::max(VIDEO_BODY_LIMIT))),
        )
}

/// A video goes online as soon as it is saved: journalists and up, not contributors (whose
/// work goes through review).
fn require_media(n: &Newsroom) -> Result<(), AppError> {
    if n.actor.can_publish_media() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

// ------------------------------------------------------------------ pure checks

/// The two kinds of file a browser plays in `<video>` that we accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoFormat {
    Mp4,
    WebM,
}

impl VideoFormat {
    pub fn extension(self) -> &'static str {
        match self {
            VideoFormat::Mp4 => "mp4",
            VideoFormat::WebM => "webm",
        }
    }
}

/// Major brands of the `ftyp` box that are still images (HEIF, AVIF), not videos.
const IMAGE_BRANDS: [&[u8; 4]; 8] = [
    b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis",
];

/// What the first bytes of a file say it is: an MP4 (an ISO media file: `ftyp` at bytes 4..8,
/// and a major brand that is not a still image) or a WebM (the EBML magic `1A 45 DF A3`).
/// Anything else — a text file renamed `.mp4`, an image — is `None`.
pub fn sniff(head: &[u8]) -> Option<VideoFormat> {
    if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Some(VideoFormat::WebM);
    }
    if head.len() >= SNIFF_BYTES && &head[4..8] == b"ftyp" {
        let brand = &head[8..12];
        if IMAGE_BRANDS.iter().any(|b| b.as_slice() == brand) {
            return None;
        }
        return Some(VideoFormat::Mp4);
    }
    None
}

/// A duration as typed: `3:25` (minutes:seconds), `1:02:03` (hours too), or seconds (`205`).
/// Empty is no duration.
pub fn parse_duration(raw: &str) -> Result<Option<u32>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let unreadable = || {
        format!(
            "La durée « {raw} » est illisible : écrivez-la en minutes et secondes (3:25) ou en \
             secondes (205)."
        )
    };
    let parts: Vec<&str> = raw.split(':').map(str::trim).collect();
    let mut numbers = Vec::with_capacity(parts.len());
    for p in &parts {
        if p.is_empty() || p.len() > 6 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(unreadable());
        }
        numbers.push(p.parse::<u32>().map_err(|_| unreadable())?);
    }
    let seconds = match numbers.as_slice() {
        [s] => *s,
        [m, s] if *s < 60 => m * 60 + s,
        [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
        _ => return Err(unreadable()),
    };
    if seconds == 0 {
        return Err(
            "Une vidéo dure au moins une seconde : laissez la durée vide si vous ne la \
                    connaissez pas."
                .into(),
        );
    }
    if seconds > MAX_DURATION_SECONDS {
        return Err("Cette durée dépasse 24 heures : vérifiez-la.".into());
    }
    Ok(Some(seconds))
}

/// A duration as the form shows it: `3:25`, `1:02:03`.
pub fn format_duration(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The address of a video hosted elsewhere, normalised (`url` crate: lowercase host, default
/// port dropped, characters escaped). Only `https://` addresses with a domain name and no
/// credentials are accepted: no `http:` (mixed content), no `javascript:`, no IP address.
pub fn normalize_embed_url(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let refuse = || {
        "L’adresse de la vidéo doit être une adresse web sécurisée, commençant par https:// \
         (par exemple https://www.dailymotion.com/video/x123)."
            .to_owned()
    };
    if raw.chars().count() > MAX_URL_CHARS {
        return Err(format!(
            "L’adresse de la vidéo est trop longue ({MAX_URL_CHARS} caractères au plus)."
        ));
    }
    let url = Url::parse(raw).map_err(|_| refuse())?;
    if url.scheme() != "https" || url.domain().is_none() || url.cannot_be_a_base() {
        return Err(refuse());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "L’adresse de la vidéo ne doit pas contenir d’identifiant ni de mot de passe.".into(),
        );
    }
    Ok(url.to_string())
}

/// The site an external video is on, as readers know it: `dailymotion.com` for
/// `https://www.dailymotion.com/video/x123`.
pub fn embed_host(url: &str) -> String {
    let host = Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(&host).to_owned()
}

/// A poster path of the media library as typed (`/2016/12/23/photo.jpg`), or why not.
fn poster_path(raw: &str) -> Result<Option<String>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let rel = raw.trim_start_matches('/');
    let image = rel.rsplit_once('.').is_some_and(|(_, ext)| {
        matches!(
            ext.to_ascii_lowercase().as_str(),
            "jpg" | "jpeg" | "png" | "webp" | "gif" | "avif"
        )
    });
    if rel.is_empty()
        || rel.contains("://")
        || rel.contains('\\')
        || rel
            .split('/')
            .any(|s| s.is_empty() || s == ".." || s == ".")
        || !image
    {
        return Err(
            "L’affiche doit être une image de la médiathèque, indiquée par son chemin \
             (/2016/12/23/photo.jpg)."
                .into(),
        );
    }
    Ok(Some(format!("/{rel}")))
}

/// A path of the media folder (`/2026/05/01/a.mp4`) as a file under `media_dir`, if it is a
/// plain relative path.
fn media_file(media_dir: &FsPath, path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    let safe = !rel.is_empty()
        && !rel.contains('\\')
        && rel
            .split('/')
            .all(|s| !s.is_empty() && s != ".." && s != ".");
    safe.then(|| media_dir.join(rel))
}

// ------------------------------------------------------------------ the form

/// What the form holds, as typed (shown again when it is refused).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct VideoForm {
    pub title: String,
    pub section: String,
    pub duration: String,
    pub poster_path: String,
    pub poster_alt: String,
    pub embed_url: String,
}

impl VideoForm {
    fn of(v: &VideoAdminRow) -> Self {
        let poster = v.poster.clone().unwrap_or_default();
        VideoForm {
            title: v.title.clone(),
            section: v.section.as_ref().map(|s| s.0.clone()).unwrap_or_default(),
            duration: v.duration_seconds.map(format_duration).unwrap_or_default(),
            poster_path: poster.path,
            poster_alt: poster.alt.unwrap_or_default(),
            embed_url: v.embed_url.clone().unwrap_or_default(),
        }
    }

    fn slot(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "title" => &mut self.title,
            "section" => &mut self.section,
            "duration" => &mut self.duration,
            "poster_path" => &mut self.poster_path,
            "poster_alt" => &mut self.poster_alt,
            "embed_url" => &mut self.embed_url,
            _ => return None,
        })
    }
}

/// The checked fields, all but the source.
struct Checked {
    title: String,
    section: Option<String>,
    duration: Option<u32>,
    poster: Option<MediaRef>,
    embed_url: Option<String>,
}

/// Checks the typed fields; `current` is the video being edited (its poster keeps its
/// dimensions when the path is unchanged, and an unchanged path is not looked for on disk:
/// archive posters may be missing).
async fn check_form(
    state: &AppState,
    form: &VideoForm,
    current: Option<&VideoAdminRow>,
) -> Result<Result<Checked, String>, AppError> {
    let title = form.title.trim();
    if title.is_empty() {
        return Ok(Err("Donnez un titre à la vidéo.".into()));
    }
    if title.chars().count() > kiosque_domain::article::MAX_TITLE_CHARS {
        return Ok(Err(format!(
            "Le titre est trop long ({} caractères au plus).",
            kiosque_domain::article::MAX_TITLE_CHARS
        )));
    }
    let section = Some(form.section.trim().to_owned()).filter(|s| !s.is_empty());
    if let Some(slug) = &section {
        if !state
            .store()
            .sections()
            .await?
            .iter()
            .any(|s| &s.slug == slug)
        {
            return Ok(Err("Cette rubrique n’existe pas.".into()));
        }
    }
    let duration = match parse_duration(&form.duration) {
        Ok(d) => d,
        Err(e) => return Ok(Err(e)),
    };
    let alt = form.poster_alt.trim();
    if alt.chars().count() > MAX_ALT_CHARS {
        return Ok(Err(format!(
            "Le texte alternatif de l’affiche est trop long ({MAX_ALT_CHARS} caractères au plus)."
        )));
    }
    let poster = match poster_path(&form.poster_path) {
        Err(e) => return Ok(Err(e)),
        Ok(None) => None,
        Ok(Some(path)) => {
            let old = current.and_then(|c| c.poster.clone());
            let unchanged = old.as_ref().is_some_and(|o| o.path == path);
            if !unchanged && !media_file(state.media_dir(), &path).is_some_and(|f| f.is_file()) {
                return Ok(Err(format!(
                    "L’image {path} n’est pas dans la médiathèque : envoyez-la d’abord à la \
                     médiathèque, puis copiez son chemin ici."
                )));
            }
            let mut poster = match old.filter(|_| unchanged) {
                Some(o) => o,
                None => MediaRef {
                    path,
                    ..MediaRef::default()
                },
            };
            poster.alt = (!alt.is_empty()).then(|| alt.to_owned());
            Some(poster)
        }
    };
    let embed_url = match form.embed_url.trim() {
        "" => None,
        raw => match normalize_embed_url(raw) {
            Ok(u) => Some(u),
            Err(e) => return Ok(Err(e)),
        },
    };
    Ok(Ok(Checked {
        title: title.to_owned(),
        section,
        duration,
        poster,
        embed_url,
    }))
}

// ------------------------------------------------------------------ the list

pub struct VideoRowView {
    pub id: i64,
    pub title: String,
    pub section: String,
    pub duration: String,
    pub source: String,
    pub published: String,
    pub public_path: String,
}

fn source_label(v: &VideoAdminRow) -> String {
    match (&v.file_path, &v.embed_url) {
        (Some(f), _) if f.ends_with(".webm") => "Fichier WebM".to_owned(),
        (Some(_), _) => "Fichier MP4".to_owned(),
        (None, Some(u)) => format!("Lien vers {}", embed_host(u)),
        (None, None) => "Archive (sans lecture)".to_owned(),
    }
}

#[derive(Template)]
#[template(path = "admin/videos.html")]
pub struct VideosPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub rows: Vec<VideoRowView>,
    pub total: i64,
    pub pagination: Pagination,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    page: Option<String>,
}

/// `GET /admin/videos`: every video, newest first.
pub async fn list(
    State(state): State<AppState>,
    n: Newsroom,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    require_media(&n)?;
    let page = crate::handlers::site::page_number(q.page.as_deref())?;
    let (rows, total) = state
        .store()
        .admin_videos((page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    if page > 1 && rows.is_empty() {
        return Err(AppError::NotFound);
    }
    let rows = rows
        .iter()
        .map(|v| VideoRowView {
            id: v.id,
            title: french(&v.title),
            section: v.section.as_ref().map(|s| s.1.clone()).unwrap_or_default(),
            duration: v.duration_seconds.map(format_duration).unwrap_or_default(),
            source: source_label(v),
            published: when(v.published_at),
            public_path: v.path(),
        })
        .collect();
    let page = VideosPage {
        layout: layout(&state, "Vidéos — Rédaction", None, None, Here::Elsewhere).await?,
        nav: AdminNav::of(&n.member, "videos"),
        rows,
        total,
        pagination: Pagination::new("/admin/videos", page, total, PER_PAGE),
    };
    Ok(personal(StatusCode::OK, n.jar, page.render()?))
}

// ------------------------------------------------------------------ the editor

#[derive(Template)]
#[template(path = "admin/video_edit.html")]
pub struct VideoEditPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    /// None for a new video.
    pub id: Option<i64>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub form: VideoForm,
    pub sections: Vec<(String, String)>,
    pub public_path: Option<String>,
    /// The file now played (`/media/…`), when there is one.
    pub current_file: Option<String>,
    pub max_megabytes: u64,
}

async fn editor_page(
    state: &AppState,
    n: &Newsroom,
    video: Option<&VideoAdminRow>,
    form: VideoForm,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let sections = state
        .store()
        .sections()
        .await?
        .into_iter()
        .map(|s| (s.slug, s.name))
        .collect();
    let title = match video {
        Some(v) => format!("{} — Vidéos — Rédaction", v.title),
        None => "Nouvelle vidéo — Rédaction".to_owned(),
    };
    let page = VideoEditPage {
        layout: layout(state, &title, None, None, Here::Elsewhere).await?,
        nav: AdminNav::of(&n.member, "videos"),
        csrf: n.member.csrf.clone(),
        id: video.map(|v| v.id),
        notice,
        error: error.map(|e| french(&e)),
        form,
        sections,
        public_path: video.map(VideoAdminRow::path),
        current_file: video
            .and_then(|v| v.file_path.as_deref())
            .map(|p| format!("/media/{}", p.trim_start_matches('/'))),
        max_megabytes: MAX_VIDEO_BYTES >> 20,
    };
    Ok(personal(status, n.jar.clone(), page.render()?))
}

/// `GET /admin/videos/nouvelle`: the empty form.
pub async fn new_form(State(state): State<AppState>, n: Newsroom) -> Result<Response, AppError> {
    require_media(&n)?;
    editor_page(
        &state,
        &n,
        None,
        VideoForm::default(),
        None,
        None,
        StatusCode::OK,
    )
    .await
}

fn video_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditQuery {
    ok: Option<String>,
}

/// `GET /admin/videos/{id}`: the form, filled in.
pub async fn edit(
    State(state): State<AppState>,
    n: Newsroom,
    Path(id): Path<String>,
    Query(q): Query<EditQuery>,
) -> Result<Response, AppError> {
    require_media(&n)?;
    let video = state
        .store()
        .admin_video(video_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let notice = match q.ok.as_deref() {
        Some("cree") => {
            Some("Vidéo enregistrée : elle est en ligne et dans le rail « À regarder ».".to_owned())
        }
        Some("enregistre") => Some("Modifications enregistrées.".to_owned()),
        _ => None,
    };
    editor_page(
        &state,
        &n,
        Some(&video),
        VideoForm::of(&video),
        notice.map(|t| french(&t)),
        None,
        StatusCode::OK,
    )
    .await
}

// ------------------------------------------------------------------ receiving the form

/// Why the form is refused, and with which status.
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

fn too_heavy() -> Refusal {
    Refusal {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: format!(
            "Cette vidéo est trop lourde : {} Mo au plus. Réduisez-la (définition ou débit) ou \
             publiez-la chez un hébergeur de vidéos et indiquez son adresse.",
            MAX_VIDEO_BYTES >> 20
        ),
    }
}

fn not_a_video() -> Refusal {
    Refusal::bad(
        "Ce fichier n’est pas une vidéo MP4 ou WebM : son contenu ne correspond à aucun de ces \
         formats, quel que soit son nom. Exportez la vidéo en MP4 (H.264) ou en WebM, puis \
         envoyez-la de nouveau.",
    )
}

/// A body that could not be read: beyond the route's limit (axum says 413), or cut off.
fn multipart_refusal(error: &MultipartError) -> Refusal {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_heavy()
    } else {
        tracing::info!(error = %error.body_text(), "unreadable video form");
        Refusal::bad("L’envoi a été interrompu ou le formulaire est mal formé ; réessayez.")
    }
}

/// An uploaded file on disk, deleted when dropped unless [`StoredFile::keep`] was called:
/// whatever refuses or fails after the file was written (or while it is written, including a
/// dropped connection, which drops the handler) leaves nothing behind.
struct StoredFile {
    /// Where the file is now (its temporary name until complete).
    disk: PathBuf,
    /// Its path in the media folder, as stored on the video: `/2026/05/01/alep-ab12.mp4`.
    path: String,
    format: VideoFormat,
    kept: bool,
}

impl StoredFile {
    fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for StoredFile {
    fn drop(&mut self) {
        if !self.kept {
            if let Err(e) = std::fs::remove_file(&self.disk) {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(file = %self.disk.display(), error = %e, "could not delete a refused video");
                }
            }
        }
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

fn io_error(what: &str, e: &std::io::Error) -> AppError {
    tracing::error!(error = %e, "{what}");
    AppError::Internal(format!("{what}: {e}"))
}

/// Reads what is left of a part, keeping nothing (so that the browser gets the answer rather
/// than a reset connection).
async fn drain(field: &mut Field<'_>) -> Result<(), MultipartError> {
    while field.chunk().await?.is_some() {}
    Ok(())
}

/// Reads a small text field, keeping at most [`MAX_FIELD_BYTES`].
async fn read_text(field: &mut Field<'_>) -> Result<String, MultipartError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        let room = MAX_FIELD_BYTES.saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What became of the file part.
enum FilePart {
    /// No file chosen (browsers send an empty part).
    Empty,
    Refused(Refusal),
    Stored(StoredFile),
}

/// Streams the file part to disk after checking its first bytes.
async fn receive_file(
    state: &AppState,
    field: &mut Field<'_>,
    stem: &str,
) -> Result<Result<FilePart, MultipartError>, AppError> {
    // The first bytes decide: nothing is written for a file that is not a video.
    let mut head: Vec<u8> = Vec::new();
    while head.len() < SNIFF_BYTES {
        match field.chunk().await {
            Ok(Some(chunk)) => head.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(e) => return Ok(Err(e)),
        }
    }
    if head.is_empty() {
        return Ok(Ok(FilePart::Empty));
    }
    let Some(format) = sniff(&head) else {
        return Ok(drain(field)
            .await
            .map(|()| FilePart::Refused(not_a_video())));
    };
    let today = dates::from_millis(state.config().clock.now_ms())
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let media_dir = state.media_dir();
    // A fresh name: four random characters keep two uploads of the same title apart; a
    // collision with a file already there (or being written) draws again.
    let mut opened = None;
    for _ in 0..16 {
        let rel = kiosque_media::dated_path(
            today,
            &format!("{stem}-{}", kiosque_media::random_tag()),
            "",
            format.extension(),
        );
        let target = media_dir.join(&rel);
        let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
            continue;
        };
        let temp = dir.join(format!(".{}.part", name.to_string_lossy()));
        if target.exists() {
            continue;
        }
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| io_error("could not create the video folder", &e))?;
        match tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .await
        {
            Ok(file) => {
                opened = Some((
                    file,
                    StoredFile {
                        disk: temp,
                        path: format!("/{rel}"),
                        format,
                        kept: false,
                    },
                    target,
                ));
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_error("could not create the video file", &e)),
        }
    }
    let Some((mut file, mut stored, target)) = opened else {
        return Err(AppError::Internal("no free name for a video file".into()));
    };
    let mut size = head.len() as u64;
    file.write_all(&head)
        .await
        .map_err(|e| io_error("could not write the video file", &e))?;
    loop {
        let chunk = match field.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            // `stored` drops here: the partial file is deleted.
            Err(e) => return Ok(Err(e)),
        };
        size += chunk.len() as u64;
        if size > MAX_VIDEO_BYTES {
            drop(file);
            drop(stored);
            return Ok(drain(field).await.map(|()| FilePart::Refused(too_heavy())));
        }
        file.write_all(&chunk)
            .await
            .map_err(|e| io_error("could not write the video file", &e))?;
    }
    file.flush()
        .await
        .map_err(|e| io_error("could not write the video file", &e))?;
    file.sync_all()
        .await
        .map_err(|e| io_error("could not write the video file", &e))?;
    drop(file);
    tokio::fs::rename(&stored.disk, &target)
        .await
        .map_err(|e| io_error("could not name the video file", &e))?;
    stored.disk = target;
    tracing::info!(path = %stored.path, bytes = size, "video file received");
    Ok(Ok(FilePart::Stored(stored)))
}

/// What the form sent.
#[derive(Default)]
struct Posted {
    form: VideoForm,
    file: Option<FilePart>,
}

/// Reads the form; the CSRF token must come before the file.
async fn read_form(
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
            "file" => {
                if !csrf_checked {
                    return Err(AppError::Csrf);
                }
                if matches!(
                    posted.file,
                    Some(FilePart::Stored(_) | FilePart::Refused(_))
                ) {
                    // One video at a time.
                    drain(&mut field).await
                } else {
                    let stem = file_stem(&posted.form.title, field.file_name().unwrap_or_default());
                    match receive_file(state, &mut field, &stem).await? {
                        Ok(part) => {
                            posted.file = Some(part);
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
            }
            other => match read_text(&mut field).await {
                Ok(text) => {
                    if let Some(slot) = posted.form.slot(other) {
                        *slot = text;
                    }
                    Ok(())
                }
                Err(e) => Err(e),
            },
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

fn malformed(_: MultipartRejection) -> AppError {
    AppError::BadRequest("Le formulaire est mal formé : rechargez la page et réessayez.".into())
}

/// `POST /admin/videos/nouvelle`: stores the file (if any), then the video; 303 to its form.
/// A refused form stores nothing and is shown again with the reason.
pub async fn create(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    require_media(&n)?;
    let mut multipart = multipart.map_err(malformed)?;
    let posted = match read_form(&state, &n, &headers, &mut multipart).await? {
        Ok(p) => p,
        Err(r) => {
            return editor_page(
                &state,
                &n,
                None,
                VideoForm::default(),
                None,
                Some(r.message),
                r.status,
            )
            .await
        }
    };
    let Posted { form, file } = posted;
    let refuse = |form: VideoForm, r: Refusal| {
        let state = state.clone();
        let n = &n;
        async move { editor_page(&state, n, None, form, None, Some(r.message), r.status).await }
    };
    let file = match file {
        Some(FilePart::Refused(r)) => return refuse(form, r).await,
        Some(FilePart::Stored(f)) => Some(f),
        Some(FilePart::Empty) | None => None,
    };
    let checked = match check_form(&state, &form, None).await? {
        Ok(c) => c,
        Err(e) => return refuse(form, Refusal::bad(e)).await,
    };
    let file_path = match (&file, &checked.embed_url) {
        (Some(_), Some(_)) => return refuse(form, Refusal::bad(BOTH_SOURCES)).await,
        (None, None) => return refuse(form, Refusal::bad(NO_SOURCE)).await,
        (Some(f), None) => Some(f.path.clone()),
        (None, Some(_)) => None,
    };
    let draft = VideoDraft {
        source_key: None,
        title: checked.title,
        section: checked.section,
        poster: checked.poster,
        duration_seconds: checked.duration,
        file_path,
        embed_url: checked.embed_url,
        published_at: state.config().clock.now_ms(),
    };
    let up = match state.store().upsert_video(&draft).await {
        Ok(up) => up,
        // `file` drops with the error: the stored file is deleted.
        Err(StoreError::Invalid(m)) => return refuse(form, Refusal::bad(store_message(&m))).await,
        Err(e) => return Err(e.into()),
    };
    let format = file.as_ref().map(|f| f.format);
    if let Some(f) = file {
        f.keep();
    }
    tracing::info!(
        video = up.id,
        user = n.actor.user_id,
        ?format,
        "video created"
    );
    Ok(see_other(
        n.jar,
        &format!("/admin/videos/{}?ok=cree", up.id),
    ))
}

const BOTH_SOURCES: &str = "Une vidéo est soit un fichier envoyé, soit un lien vers un autre \
                            site, pas les deux : videz l’adresse pour envoyer un fichier, ou \
                            n’en choisissez pas pour donner une adresse.";

const NO_SOURCE: &str = "Envoyez le fichier de la vidéo (MP4 ou WebM), ou indiquez l’adresse où \
                         elle est publiée (https://…).";

fn store_message(m: &str) -> String {
    if m.starts_with("no section") {
        "Cette rubrique n’existe pas.".to_owned()
    } else {
        m.to_owned()
    }
}

/// `POST /admin/videos/{id}`: new fields; a new file or address replaces the source, none
/// keeps it. A replaced file no video plays any more is deleted.
pub async fn save(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    require_media(&n)?;
    let id = video_id(&id)?;
    let mut multipart = multipart.map_err(malformed)?;
    let video = state
        .store()
        .admin_video(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let posted = match read_form(&state, &n, &headers, &mut multipart).await? {
        Ok(p) => p,
        Err(r) => {
            return editor_page(
                &state,
                &n,
                Some(&video),
                VideoForm::of(&video),
                None,
                Some(r.message),
                r.status,
            )
            .await
        }
    };
    let Posted { form, file } = posted;
    let refuse = |form: VideoForm, r: Refusal| {
        let state = state.clone();
        let n = &n;
        let video = &video;
        async move {
            editor_page(
                &state,
                n,
                Some(video),
                form,
                None,
                Some(r.message),
                r.status,
            )
            .await
        }
    };
    let file = match file {
        Some(FilePart::Refused(r)) => return refuse(form, r).await,
        Some(FilePart::Stored(f)) => Some(f),
        Some(FilePart::Empty) | None => None,
    };
    let checked = match check_form(&state, &form, Some(&video)).await? {
        Ok(c) => c,
        Err(e) => return refuse(form, Refusal::bad(e)).await,
    };
    let (file_path, embed_url) = match (&file, checked.embed_url) {
        (Some(_), Some(_)) => return refuse(form, Refusal::bad(BOTH_SOURCES)).await,
        (Some(f), None) => (Some(f.path.clone()), None),
        (None, Some(url)) => (None, Some(url)),
        // Neither: an uploaded file stays (the file input starts empty); an address was
        // emptied on purpose, which would leave nothing to watch; an archive entry that never
        // had a source keeps having none.
        (None, None) => match (&video.file_path, &video.embed_url) {
            (Some(f), _) => (Some(f.clone()), None),
            (None, Some(_)) => return refuse(form, Refusal::bad(NO_SOURCE)).await,
            (None, None) => (None, None),
        },
    };
    let draft = VideoDraft {
        source_key: None,
        title: checked.title,
        section: checked.section,
        poster: checked.poster,
        duration_seconds: checked.duration,
        file_path: file_path.clone(),
        embed_url,
        published_at: video.published_at,
    };
    match state.store().update_video(id, &draft).await {
        Ok(Some(_)) => {}
        Ok(None) => return Err(AppError::NotFound),
        Err(StoreError::Invalid(m)) => return refuse(form, Refusal::bad(store_message(&m))).await,
        Err(e) => return Err(e.into()),
    }
    if let Some(f) = file {
        f.keep();
    }
    // The file this video played before, if it was replaced and nothing else plays it.
    if let Some(old) = video
        .file_path
        .as_deref()
        .filter(|old| file_path.as_deref() != Some(*old))
    {
        if !state.store().video_file_in_use(old).await? {
            if let Some(disk) = media_file(state.media_dir(), old) {
                match tokio::fs::remove_file(&disk).await {
                    Ok(()) => {
                        tracing::info!(video = id, path = %old, "replaced video file deleted")
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        tracing::warn!(path = %old, error = %e, "could not delete a replaced video file")
                    }
                }
            }
        }
    }
    tracing::info!(video = id, user = n.actor.user_id, "video saved");
    Ok(see_other(
        n.jar,
        &format!("/admin/videos/{id}?ok=enregistre"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_recognised_by_their_content() {
        let mut mp4 = vec![0, 0, 0, 0x18];
        mp4.extend_from_slice(b"ftypisom\0\0\x02\0isomiso2");
        assert_eq!(sniff(&mp4), Some(VideoFormat::Mp4));
        assert_eq!(
            sniff(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81]),
            Some(VideoFormat::WebM)
        );
        assert_eq!(sniff(b"hello, this is not a video"), None);
        assert_eq!(sniff(b"\0\0\0\x18ftyp"), None, "too short to say");
        let mut heic = vec![0, 0, 0, 0x18];
        heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
        assert_eq!(sniff(&heic), None, "a HEIF still image");
        assert_eq!(sniff(&[]), None);
    }

    #[test]
    fn durations_are_read_as_typed() {
        assert_eq!(parse_duration(""), Ok(None));
        assert_eq!(parse_duration(" 205 "), Ok(Some(205)));
        assert_eq!(parse_duration("3:25"), Ok(Some(205)));
        assert_eq!(parse_duration("03:05"), Ok(Some(185)));
        assert_eq!(parse_duration("1:02:03"), Ok(Some(3723)));
        for bad in [
            "3:75", "abc", "3:", ":30", "1:2:3:4", "-5", "0", "0:00", "25:00:00", "3.5",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(format_duration(205), "3:25");
        assert_eq!(format_duration(59), "0:59");
        assert_eq!(format_duration(3723), "1:02:03");
    }

    #[test]
    fn only_https_addresses_are_embedded() {
        assert_eq!(
            normalize_embed_url(" https://WWW.Dailymotion.com:443/video/x123 "),
            Ok("https://www.dailymotion.com/video/x123".to_owned())
        );
        assert_eq!(
            normalize_embed_url("https://vimeo.com/1 2"),
            Ok("https://vimeo.com/1%202".to_owned())
        );
        for bad in [
            "http://www.dailymotion.com/video/x123",
            "javascript:alert(1)",
            "JavaScript://example.com/%0Aalert(1)",
            "data:text/html,hi",
            "//www.dailymotion.com/video/x123",
            "www.dailymotion.com/video/x123",
            "https://user:pw@example.com/v",
            "https://192.168.0.1/v",
            "ftp://example.com/v.mp4",
        ] {
            assert!(normalize_embed_url(bad).is_err(), "{bad}");
        }
        assert_eq!(
            embed_host("https://www.dailymotion.com/video/x123"),
            "dailymotion.com"
        );
        assert_eq!(embed_host("https://vimeo.com/1"), "vimeo.com");
    }

    #[test]
    fn posters_are_library_paths() {
        assert_eq!(
            poster_path("2016/12/23/x.jpg"),
            Ok(Some("/2016/12/23/x.jpg".to_owned()))
        );
        assert_eq!(poster_path("  "), Ok(None));
        for bad in [
            "https://example.com/x.jpg",
            "/2016/../../etc/passwd.jpg",
            "/2016//x.jpg",
            "/2016/12/23/x.mp4",
            "/2016/12/23/x",
        ] {
            assert!(poster_path(bad).is_err(), "{bad}");
        }
    }

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
