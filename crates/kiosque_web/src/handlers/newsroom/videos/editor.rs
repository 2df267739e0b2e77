//! The form to add or edit a video: `GET /admin/videos/nouvelle` and `GET /admin/videos/{id}`,
//! and the same page shown again when a posted form is refused.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kiosque_domain::typography::french;
use kiosque_media::MAX_VIDEO_BYTES;
use kiosque_store::VideoAdminRow;
use serde::Deserialize;

use super::form::{require_media, video_id, Refusal, VideoForm};
use crate::handlers::newsroom::articles::{AdminNav, Newsroom};
use crate::handlers::newsroom::medium_rights::history;
use crate::layout::layout;
use crate::respond::personal;
use crate::views::Here;
use crate::{AppError, AppState};

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
    /// The latest images of the media library, to choose a poster among.
    pub posters: Vec<PosterChoice>,
    /// The poster now shown (its smallest variant), when it is in the library.
    pub current_poster: Option<String>,
    /// The article now tied to the video: (its page, its title).
    pub linked_article: Option<(String, String)>,
    /// Who changed the entry and when, newest first.
    pub history: Vec<String>,
}

/// An image of the library offered as a poster.
pub struct PosterChoice {
    /// The path the form sends (`/2026/12/03/photo-ab12.jpg`).
    pub path: String,
    /// Its smallest variant, to show.
    pub thumb: String,
    pub alt: String,
}

/// How many of the library's latest images the form offers.
const POSTER_CHOICES: i64 = 12;

fn poster_choice(row: &kiosque_store::MediaRow) -> PosterChoice {
    let thumb = row
        .variants
        .iter()
        .min_by_key(|(w, _)| *w)
        .map_or(row.path.as_str(), |(_, p)| p.as_str());
    PosterChoice {
        path: format!("/{}", row.path),
        thumb: format!("/media/{thumb}"),
        alt: row.alt.clone().unwrap_or_default(),
    }
}

pub(super) async fn editor_page(
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
    let (latest, _) = state.store().media_list(None, 0, POSTER_CHOICES).await?;
    let current_poster = match video.and_then(|v| v.poster.as_ref()) {
        Some(p) => state
            .store()
            .media_by_paths(std::slice::from_ref(&p.path))
            .await?
            .first()
            .map(|row| poster_choice(row).thumb),
        None => None,
    };
    let linked_article = match video.and_then(|v| v.details.article) {
        Some(id) => state
            .store()
            .article(id)
            .await?
            .map(|a| (a.path(), french(&a.title))),
        None => None,
    };
    let history = match video {
        Some(v) => history(&state.store().video_revisions(v.id).await?),
        None => Vec::new(),
    };
    let title = match video {
        Some(v) => crate::i18n::t1("nr-title-video", "title", &v.title),
        None => crate::i18n::t("nr-title-new-video"),
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
        posters: latest.iter().map(poster_choice).collect(),
        current_poster,
        linked_article,
        history,
    };
    Ok(personal(status, n.jar.clone(), page.render()?))
}

/// The form shown again as typed, with why it was refused.
pub(super) async fn refused_page(
    state: &AppState,
    n: &Newsroom,
    video: Option<&VideoAdminRow>,
    form: VideoForm,
    refusal: Refusal,
) -> Result<Response, AppError> {
    let Refusal { status, message } = refusal;
    editor_page(state, n, video, form, None, Some(message), status).await
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
        Some("cree") => Some(crate::i18n::t("nr-video-created")),
        Some("enregistre") => Some(crate::i18n::t("nr-done-saved")),
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
