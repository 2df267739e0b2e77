//! `POST /admin/videos/nouvelle` and `POST /admin/videos/{id}`: a posted form becomes a video.
//! A refused form stores nothing (its file, if any, is deleted) and is shown again with the
//! reason.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::VideoDraft;
use kiosque_media::StoredVideo;
use kiosque_store::{MediumEdit, VideoAdminRow};

use super::checks::media_file;
use super::editor::refused_page;
use super::form::{check_form, require_media, video_id, Checked, Refusal, VideoForm};
use super::poster::{store_poster, PosterFile};
use super::upload::{malformed, read_form, FilePart, Posted};
use crate::handlers::newsroom::articles::Newsroom;
use crate::handlers::newsroom::medium_rights::refusal;
use crate::respond::see_other;
use crate::{AppError, AppState};

/// A file and an address were both given.
fn both_sources() -> Refusal {
    Refusal::bad(crate::i18n::t("nr-video-both-sources"))
}

/// Neither a file nor an address was given.
fn no_source() -> Refusal {
    Refusal::bad(crate::i18n::t("nr-video-no-source"))
}

/// A posted form, checked: the form as typed, the stored file if one came, and the fields.
struct Accepted {
    form: VideoForm,
    file: Option<StoredVideo>,
    checked: Checked,
}

/// Stores a poster sent with the form in the media library and makes it the video's; with
/// none, the poster chosen or typed stays. `Ok(Err(…))` is a refusal to show.
async fn take_poster(
    state: &AppState,
    n: &Newsroom,
    poster: Option<PosterFile>,
    form: &VideoForm,
    checked: &mut Checked,
) -> Result<Result<(), Refusal>, AppError> {
    let Some(poster) = poster else {
        return Ok(Ok(()));
    };
    // The library wants an alt text: the one typed, else the video's title.
    let alt = match form.poster_alt.trim() {
        "" => checked.title.as_str(),
        alt => alt,
    }
    .to_owned();
    Ok(
        store_poster(state, n.actor.user_id, poster, &alt, &form.poster_credit)
            .await?
            .map(|r| checked.poster = Some(r)),
    )
}

/// Checks what was posted; a refusal gives the form back to be shown again (and drops the
/// stored file, which deletes it).
async fn accept(
    state: &AppState,
    n: &Newsroom,
    posted: Posted,
    current: Option<&VideoAdminRow>,
) -> Result<Result<Accepted, (VideoForm, Refusal)>, AppError> {
    let Posted { form, file, poster } = posted;
    let file = match file {
        Some(FilePart::Refused(r)) => return Ok(Err((form, r))),
        Some(FilePart::Stored(f)) => Some(f),
        Some(FilePart::Empty) | None => None,
    };
    let mut checked = match check_form(state, &form, current).await? {
        Ok(checked) => checked,
        Err(e) => return Ok(Err((form, Refusal::bad(e)))),
    };
    if let Err(r) = take_poster(state, n, poster, &form, &mut checked).await? {
        return Ok(Err((form, r)));
    }
    Ok(Ok(Accepted {
        form,
        file,
        checked,
    }))
}

/// The video to store: the checked fields and its source (a file path or an address).
fn draft(checked: Checked, source: (Option<String>, Option<String>), at: i64) -> VideoDraft {
    let (file_path, embed_url) = source;
    VideoDraft {
        source_key: None,
        title: checked.title,
        section: checked.section,
        poster: checked.poster,
        duration_seconds: checked.duration,
        file_path,
        embed_url,
        published_at: at,
    }
}

/// The source of a new video: the file sent or the address typed, exactly one of them.
fn new_source(
    file: Option<&StoredVideo>,
    embed_url: Option<String>,
) -> Result<(Option<String>, Option<String>), Refusal> {
    match (file, embed_url) {
        (Some(_), Some(_)) => Err(both_sources()),
        (None, None) => Err(no_source()),
        (Some(f), None) => Ok((Some(f.path().to_owned()), None)),
        (None, Some(url)) => Ok((None, Some(url))),
    }
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
        Err(r) => return refused_page(&state, &n, None, VideoForm::default(), r).await,
    };
    let Accepted {
        form,
        file,
        mut checked,
    } = match accept(&state, &n, posted, None).await? {
        Ok(a) => a,
        Err((form, r)) => return refused_page(&state, &n, None, form, r).await,
    };
    let source = match new_source(file.as_ref(), checked.embed_url.take()) {
        Ok(s) => s,
        Err(r) => return refused_page(&state, &n, None, form, r).await,
    };
    let details = std::mem::take(&mut checked.details);
    let draft = draft(checked, source, state.config().clock.now_ms());
    let up = match state.store().create_video(&draft, &details).await {
        Ok(up) => up,
        // `file` drops with the error: the stored file is deleted.
        Err(e) => match e.user_message() {
            Some(m) => return refused_page(&state, &n, None, form, Refusal::bad(m)).await,
            None => return Err(e.into()),
        },
    };
    let format = file.as_ref().map(StoredVideo::format);
    if let Some(f) = file {
        let (path, bytes) = (f.path().to_owned(), f.bytes());
        f.keep();
        crate::media_record::record_file(state.store(), &path, bytes).await?;
    }
    tracing::info!(
        video = up.id,
        user = n.actor.user_id.get(),
        ?format,
        "video created"
    );
    Ok(see_other(
        n.jar,
        &format!("/admin/videos/{}?ok=cree", up.id),
    ))
}

/// The source of an edited video: a new file or address replaces it, none keeps it.
fn kept_source(
    file: Option<&StoredVideo>,
    embed_url: Option<String>,
    video: &VideoAdminRow,
) -> Result<(Option<String>, Option<String>), Refusal> {
    match (file, embed_url) {
        (Some(_), Some(_)) => Err(both_sources()),
        (Some(f), None) => Ok((Some(f.path().to_owned()), None)),
        (None, Some(url)) => Ok((None, Some(url))),
        // Neither: an uploaded file stays (the file input starts empty); an address was
        // emptied on purpose, which would leave nothing to watch; an archive entry that never
        // had a source keeps having none.
        (None, None) => match (&video.file_path, &video.embed_url) {
            (Some(f), _) => Ok((Some(f.clone()), None)),
            (None, Some(_)) => Err(no_source()),
            (None, None) => Ok((None, None)),
        },
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
    let v = Some(&video);
    let posted = match read_form(&state, &n, &headers, &mut multipart).await? {
        Ok(p) => p,
        Err(r) => return refused_page(&state, &n, v, VideoForm::of(&video), r).await,
    };
    let Accepted {
        form,
        file,
        mut checked,
    } = match accept(&state, &n, posted, v).await? {
        Ok(a) => a,
        Err((form, r)) => return refused_page(&state, &n, v, form, r).await,
    };
    let source = match kept_source(file.as_ref(), checked.embed_url.take(), &video) {
        Ok(s) => s,
        Err(r) => return refused_page(&state, &n, v, form, r).await,
    };
    let file_path = source.0.clone();
    let details = std::mem::take(&mut checked.details);
    let by = n.actor.user_id;
    match state
        .store()
        .update_video(
            id,
            &draft(checked, source, video.published_at),
            &details,
            by,
        )
        .await
    {
        Ok(Some(MediumEdit::Done(_))) => {}
        // `file` drops with the refusal: the stored file is deleted.
        Ok(Some(MediumEdit::Refused { sections })) => {
            tracing::info!(
                video = id,
                user = by.get(),
                "video change refused: used in other sections"
            );
            let refusal = Refusal {
                status: StatusCode::FORBIDDEN,
                message: refusal("nr-rights-video-refused", &sections),
            };
            return refused_page(&state, &n, v, form, refusal).await;
        }
        Ok(None) => return Err(AppError::NotFound),
        Err(e) => match e.user_message() {
            Some(m) => return refused_page(&state, &n, v, form, Refusal::bad(m)).await,
            None => return Err(e.into()),
        },
    }
    if let Some(f) = file {
        let (path, bytes) = (f.path().to_owned(), f.bytes());
        f.keep();
        crate::media_record::record_file(state.store(), &path, bytes).await?;
    }
    delete_replaced_file(&state, &video, file_path.as_deref()).await?;
    tracing::info!(video = id, user = n.actor.user_id.get(), "video saved");
    Ok(see_other(
        n.jar,
        &format!("/admin/videos/{id}?ok=enregistre"),
    ))
}

/// Deletes the file this video played before, if it was replaced and nothing else plays it.
async fn delete_replaced_file(
    state: &AppState,
    video: &VideoAdminRow,
    now_played: Option<&str>,
) -> Result<(), AppError> {
    let Some(old) = video
        .file_path
        .as_deref()
        .filter(|old| now_played != Some(*old))
    else {
        return Ok(());
    };
    if state.store().video_file_in_use(old).await? {
        return Ok(());
    }
    let Some(rel) = media_file(old) else {
        return Ok(());
    };
    match state.media().delete(&rel).await {
        Ok(()) => {
            state.store().forget_media_file(&rel).await?;
            tracing::info!(video = video.id, path = %old, "replaced video file deleted")
        }
        Err(e) => {
            tracing::warn!(path = %old, error = %e, "could not delete a replaced video file")
        }
    }
    Ok(())
}
