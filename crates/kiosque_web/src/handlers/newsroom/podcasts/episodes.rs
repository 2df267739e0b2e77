//! The episode form: `GET`/`POST /admin/podcasts/episodes/nouveau` and
//! `/admin/podcasts/episodes/{id}`. A refused form stores nothing (its file, if one came, is
//! deleted) and is shown again with the reason.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::podcast::{external_format, AudioSource, EpisodeDraft};
use kiosque_domain::typography::french;
use kiosque_media::{StoredAudio, MAX_AUDIO_BYTES};
use kiosque_store::EpisodeRow;
use serde::Deserialize;

use super::common::{image_choices, image_path, image_ref, path_id, require_podcasts, ImageChoice};
use super::episode_upload::{malformed, read_form, EpisodeForm, FilePart, Posted, Refusal};
use crate::handlers::newsroom::articles::{AdminNav, Newsroom};
use crate::handlers::newsroom::videos::{format_duration, parse_duration};
use crate::layout::layout;
use crate::respond::{personal, see_other};
use crate::views::Here;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "admin/podcast_episode_edit.html")]
pub struct EpisodeEditPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub id: Option<i64>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub form: EpisodeForm,
    /// (id as the form sends it, title).
    pub shows: Vec<(String, String)>,
    pub images: Vec<ImageChoice>,
    pub public_path: Option<String>,
    /// The file now played (`/media/…`), when there is one.
    pub current_file: Option<String>,
    pub max_megabytes: u64,
    /// Markup that embeds it in an article (`::audio 12`).
    pub markup: Option<String>,
}

fn form_of(e: &EpisodeRow) -> EpisodeForm {
    EpisodeForm {
        show: e.show_id.to_string(),
        title: e.title.clone(),
        description: e.description.clone(),
        duration: e.duration_seconds.map(format_duration).unwrap_or_default(),
        external_url: e.external_url.clone().unwrap_or_default(),
        image: image_path(e.image.as_ref()),
    }
}

async fn page(
    state: &AppState,
    n: &Newsroom,
    episode: Option<&EpisodeRow>,
    form: EpisodeForm,
    notice: Option<String>,
    refusal: Option<Refusal>,
) -> Result<Response, AppError> {
    let (status, error) = match refusal {
        Some(r) => (r.status, Some(french(&r.message))),
        None => (StatusCode::OK, None),
    };
    let title = match episode {
        Some(e) => crate::i18n::t1("pod-title-edit-episode", "title", &e.title),
        None => crate::i18n::t("pod-title-new-episode"),
    };
    let shows = state
        .store()
        .shows()
        .await?
        .into_iter()
        .map(|s| (s.id.to_string(), french(&s.title)))
        .collect();
    let page = EpisodeEditPage {
        layout: layout(state, &title, None, None, Here::Elsewhere).await?,
        nav: AdminNav::of(&n.member, "podcasts"),
        csrf: n.member.csrf.clone(),
        id: episode.map(|e| e.id),
        notice,
        error,
        images: image_choices(state, &form.image).await?,
        form,
        shows,
        public_path: episode.map(EpisodeRow::path),
        current_file: episode
            .and_then(|e| e.file_path.as_deref())
            .map(|p| format!("/media/{}", p.trim_start_matches('/'))),
        max_megabytes: MAX_AUDIO_BYTES >> 20,
        markup: episode.map(|e| format!("::audio {}", e.id)),
    };
    Ok(personal(status, n.jar.clone(), page.render()?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewQuery {
    /// The show to add to (`?emission=3`, from a show's page).
    emission: Option<String>,
    ok: Option<String>,
}

/// `GET /admin/podcasts/episodes/nouveau`.
pub async fn new_form(
    State(state): State<AppState>,
    n: Newsroom,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    require_podcasts(&n)?;
    let form = EpisodeForm {
        show: q.emission.unwrap_or_default(),
        ..EpisodeForm::default()
    };
    page(&state, &n, None, form, None, None).await
}

/// `GET /admin/podcasts/episodes/{id}`.
pub async fn edit(
    State(state): State<AppState>,
    n: Newsroom,
    Path(id): Path<String>,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    require_podcasts(&n)?;
    let episode = state
        .store()
        .episode(path_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let notice =
        q.ok.is_some()
            .then(|| french(&crate::i18n::t("pod-episode-saved")));
    page(&state, &n, Some(&episode), form_of(&episode), notice, None).await
}

/// The draft the form and its file describe; `current` is the episode being edited (whose
/// source stays when neither a file nor an address is given).
async fn draft(
    state: &AppState,
    form: &EpisodeForm,
    file: Option<&StoredAudio>,
    current: Option<&EpisodeRow>,
) -> Result<Result<EpisodeDraft, Refusal>, AppError> {
    let bad = |m: String| Ok(Err(Refusal::bad(m)));
    let Some(show_id) = form.show.trim().parse::<i64>().ok().filter(|i| *i > 0) else {
        return bad(crate::i18n::t("pod-choose-show"));
    };
    let typed = match parse_duration(&form.duration) {
        Ok(d) => d.map(i64::from),
        Err(m) => return bad(m),
    };
    let url = form.external_url.trim();
    let source = match (file, url.is_empty()) {
        (Some(_), false) => return bad(crate::i18n::t("pod-both-sources")),
        (Some(f), true) => AudioSource::File {
            path: f.path().to_owned(),
            bytes: i64::try_from(f.bytes()).unwrap_or(i64::MAX),
            format: f.format(),
        },
        (None, false) => match external_format(url) {
            Ok(format) => AudioSource::External {
                url: url.to_owned(),
                format,
            },
            Err(e) => return bad(e.to_string()),
        },
        (None, true) => match current.and_then(kept_source) {
            Some(s) => s,
            None => return bad(crate::i18n::t("pod-no-source")),
        },
    };
    let image = match image_ref(state, &form.image).await? {
        Ok(image) => image,
        Err(m) => return bad(m),
    };
    // A length typed by the newsroom wins over the file's (a file may start with a jingle the
    // newsroom does not count, or its headers may be wrong).
    let duration_seconds = typed
        .or_else(|| file.map(StoredAudio::seconds))
        .or_else(|| {
            current
                .filter(|_| file.is_none())
                .and_then(|c| c.duration_seconds)
        });
    let draft = EpisodeDraft {
        show_id,
        title: form.title.clone(),
        description: form.description.clone(),
        duration_seconds,
        source,
        image,
    };
    Ok(draft
        .validate()
        .map(|()| draft)
        .map_err(|e| Refusal::bad(e.to_string())))
}

/// The source an edited episode keeps when the form gives none.
fn kept_source(e: &EpisodeRow) -> Option<AudioSource> {
    let format = kiosque_domain::podcast::AudioFormat::of_name(
        e.file_path.as_deref().or(e.external_url.as_deref())?,
    )?;
    Some(match (&e.file_path, &e.external_url) {
        (Some(p), _) => AudioSource::File {
            path: p.clone(),
            bytes: e.file_bytes.unwrap_or(0),
            format,
        },
        (None, Some(u)) => AudioSource::External {
            url: u.clone(),
            format,
        },
        (None, None) => return None,
    })
}

/// The stored file of a posted form, or the refusal to show.
fn file_of(file: Option<FilePart>) -> Result<Option<StoredAudio>, Refusal> {
    match file {
        Some(FilePart::Refused(r)) => Err(r),
        Some(FilePart::Stored(f)) => Ok(Some(f)),
        Some(FilePart::Empty) | None => Ok(None),
    }
}

/// `POST /admin/podcasts/episodes/nouveau`: stores the file (if any), then the episode; 303 to
/// its form.
pub async fn create(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    require_podcasts(&n)?;
    let mut multipart = multipart.map_err(malformed)?;
    let Posted { form, file } = match read_form(&state, &n, &headers, &mut multipart).await? {
        Ok(p) => p,
        Err((form, r)) => return page(&state, &n, None, form, None, Some(r)).await,
    };
    let file = match file_of(file) {
        Ok(f) => f,
        Err(r) => return page(&state, &n, None, form, None, Some(r)).await,
    };
    let draft = match draft(&state, &form, file.as_ref(), None).await? {
        Ok(d) => d,
        Err(r) => return page(&state, &n, None, form, None, Some(r)).await,
    };
    let now = state.config().clock.now_ms();
    let up = match state
        .store()
        .create_episode(&draft, now, Some(n.actor.user_id))
        .await
    {
        Ok(up) => up,
        // `file` drops with the error: the stored file is deleted.
        Err(e) => {
            let m = e.user_message().ok_or(e)?;
            return page(&state, &n, None, form, None, Some(Refusal::bad(m))).await;
        }
    };
    if let Some(f) = file {
        let (path, bytes) = (f.path().to_owned(), f.bytes());
        f.keep();
        crate::media_record::record_file(state.store(), &path, bytes).await?;
    }
    tracing::info!(
        episode = up.id,
        user = n.actor.user_id.get(),
        "episode created"
    );
    Ok(see_other(
        n.jar,
        &format!("/admin/podcasts/episodes/{}?ok=1", up.id),
    ))
}

/// `POST /admin/podcasts/episodes/{id}`: new fields; a new file or address replaces the
/// source, none keeps it. A replaced file no episode plays any more is deleted.
pub async fn save(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    require_podcasts(&n)?;
    let id = path_id(&id)?;
    let mut multipart = multipart.map_err(malformed)?;
    let episode = state.store().episode(id).await?.ok_or(AppError::NotFound)?;
    let e = Some(&episode);
    let Posted { form, file } = match read_form(&state, &n, &headers, &mut multipart).await? {
        Ok(p) => p,
        Err((form, r)) => return page(&state, &n, e, form, None, Some(r)).await,
    };
    let file = match file_of(file) {
        Ok(f) => f,
        Err(r) => return page(&state, &n, e, form, None, Some(r)).await,
    };
    let draft = match draft(&state, &form, file.as_ref(), e).await? {
        Ok(d) => d,
        Err(r) => return page(&state, &n, e, form, None, Some(r)).await,
    };
    match state
        .store()
        .update_episode(id, &draft, Some(n.actor.user_id))
        .await
    {
        Ok(Some(_)) => {}
        Ok(None) => return Err(AppError::NotFound),
        Err(err) => {
            let m = err.user_message().ok_or(err)?;
            return page(&state, &n, e, form, None, Some(Refusal::bad(m))).await;
        }
    }
    if let Some(f) = file {
        let (path, bytes) = (f.path().to_owned(), f.bytes());
        f.keep();
        crate::media_record::record_file(state.store(), &path, bytes).await?;
    }
    delete_replaced_file(&state, &episode, &draft.source).await?;
    Ok(see_other(
        n.jar,
        &format!("/admin/podcasts/episodes/{id}?ok=1"),
    ))
}

/// Deletes the file this episode played before, if it was replaced and nothing plays it now.
async fn delete_replaced_file(
    state: &AppState,
    episode: &EpisodeRow,
    now: &AudioSource,
) -> Result<(), AppError> {
    let Some(old) = episode.file_path.as_deref() else {
        return Ok(());
    };
    if matches!(now, AudioSource::File { path, .. } if path == old)
        || state.store().audio_file_in_use(old).await?
    {
        return Ok(());
    }
    let rel = old.trim_start_matches('/');
    if rel.split('/').any(|s| s.is_empty() || s == "..") {
        return Ok(());
    }
    match state.media().delete(rel).await {
        Ok(()) => {
            state.store().forget_media_file(rel).await?;
            tracing::info!(episode = episode.id, path = %old, "replaced audio file deleted")
        }
        Err(e) => tracing::warn!(path = %old, error = %e, "could not delete a replaced audio file"),
    }
    Ok(())
}
