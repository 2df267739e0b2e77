//! `GET /admin/podcasts` (the shows and the latest episodes) and the show form: `GET`/`POST
//! /admin/podcasts/emissions/nouvelle` and `/admin/podcasts/emissions/{id}`. A refused form
//! stores nothing and is shown again, 400, with the reason.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::podcast::{category_label, ShowDraft, CATEGORIES};
use kiosque_domain::typography::french;
use kiosque_store::ShowRow;
use serde::Deserialize;

use super::common::{image_choices, image_path, image_ref, path_id, require_podcasts, ImageChoice};
use crate::handlers::newsroom::articles::{AdminNav, Newsroom};
use crate::handlers::newsroom::videos::format_duration;
use crate::handlers::newsroom::when;
use crate::layout::layout;
use crate::respond::{personal, see_other};
use crate::views::Here;
use crate::{AppError, AppState};

/// Episodes listed under the shows.
const LATEST: i64 = 50;

pub struct ShowLine {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub episodes: i64,
    pub public_path: String,
}

pub struct EpisodeLine {
    pub id: i64,
    pub title: String,
    pub show: String,
    pub duration: String,
    pub published: String,
    pub public_path: String,
}

#[derive(Template)]
#[template(path = "admin/podcasts.html")]
pub struct PodcastsPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub shows: Vec<ShowLine>,
    pub episodes: Vec<EpisodeLine>,
}

/// `GET /admin/podcasts`.
pub async fn list(State(state): State<AppState>, n: Newsroom) -> Result<Response, AppError> {
    require_podcasts(&n)?;
    let shows = state.store().shows().await?;
    let episodes = state.store().latest_episodes(LATEST).await?;
    let page = PodcastsPage {
        layout: layout(
            &state,
            &crate::i18n::t("pod-nav"),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        nav: AdminNav::of(&n.member, "podcasts"),
        shows: shows
            .iter()
            .map(|s| ShowLine {
                id: s.id,
                title: french(&s.title),
                category: category_label(&s.category),
                episodes: s.episodes,
                public_path: s.path(),
            })
            .collect(),
        episodes: episodes
            .iter()
            .map(|e| EpisodeLine {
                id: e.id,
                title: french(&e.title),
                show: french(&e.show_title),
                duration: e.duration_seconds.map(format_duration).unwrap_or_default(),
                published: when(e.published_at),
                public_path: e.path(),
            })
            .collect(),
    };
    Ok(personal(StatusCode::OK, n.jar, page.render()?))
}

/// The show form, as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ShowForm {
    pub csrf: String,
    pub title: String,
    pub description: String,
    pub author: String,
    pub category: String,
    /// A checkbox: present when ticked.
    pub explicit: Option<String>,
    pub image: String,
}

impl ShowForm {
    fn of(s: &ShowRow) -> Self {
        ShowForm {
            csrf: String::new(),
            title: s.title.clone(),
            description: s.description.clone(),
            author: s.author.clone(),
            category: s.category.clone(),
            explicit: s.explicit.then(|| "1".to_owned()),
            image: image_path(s.image.as_ref()),
        }
    }
}

pub struct CategoryChoice {
    pub value: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "admin/podcast_show_edit.html")]
pub struct ShowEditPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub id: Option<i64>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub form: ShowForm,
    pub categories: Vec<CategoryChoice>,
    pub images: Vec<ImageChoice>,
    pub public_path: Option<String>,
}

async fn page(
    state: &AppState,
    n: &Newsroom,
    show: Option<&ShowRow>,
    form: ShowForm,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let title = match show {
        Some(s) => crate::i18n::t1("pod-title-edit-show", "title", &s.title),
        None => crate::i18n::t("pod-title-new-show"),
    };
    let page = ShowEditPage {
        layout: layout(state, &title, None, None, Here::Elsewhere).await?,
        nav: AdminNav::of(&n.member, "podcasts"),
        csrf: n.member.csrf.clone(),
        id: show.map(|s| s.id),
        notice,
        error: error.map(|e| french(&e)),
        images: image_choices(state, &form.image).await?,
        form,
        categories: CATEGORIES
            .iter()
            .map(|c| CategoryChoice {
                value: c,
                label: category_label(c),
            })
            .collect(),
        public_path: show.map(ShowRow::path),
    };
    Ok(personal(status, n.jar.clone(), page.render()?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    ok: Option<String>,
}

/// `GET /admin/podcasts/emissions/nouvelle`.
pub async fn new_form(State(state): State<AppState>, n: Newsroom) -> Result<Response, AppError> {
    require_podcasts(&n)?;
    let form = ShowForm {
        category: "News".to_owned(),
        ..ShowForm::default()
    };
    page(&state, &n, None, form, None, None, StatusCode::OK).await
}

/// `GET /admin/podcasts/emissions/{id}`.
pub async fn edit(
    State(state): State<AppState>,
    n: Newsroom,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    require_podcasts(&n)?;
    let show = state
        .store()
        .show(path_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let notice =
        q.ok.is_some()
            .then(|| french(&crate::i18n::t("nr-done-saved")));
    let form = ShowForm::of(&show);
    page(&state, &n, Some(&show), form, notice, None, StatusCode::OK).await
}

/// The draft the form describes, or why it is refused.
async fn draft(state: &AppState, form: &ShowForm) -> Result<Result<ShowDraft, String>, AppError> {
    let image = match image_ref(state, &form.image).await? {
        Ok(image) => image,
        Err(m) => return Ok(Err(m)),
    };
    let draft = ShowDraft {
        title: form.title.clone(),
        description: form.description.clone(),
        image,
        category: form.category.clone(),
        explicit: form.explicit.is_some(),
        author: form.author.clone(),
    };
    Ok(draft.validate().map(|()| draft).map_err(|e| e.to_string()))
}

/// `POST /admin/podcasts/emissions/nouvelle`.
pub async fn create(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    crate::form::Form(form): crate::form::Form<ShowForm>,
) -> Result<Response, AppError> {
    require_podcasts(&n)?;
    n.check_csrf(&headers, &form.csrf)?;
    let refused = |m: String| (Some(m), StatusCode::BAD_REQUEST);
    let (error, status) = match draft(&state, &form).await? {
        Ok(d) => match state.store().create_show(&d, Some(n.actor.user_id)).await {
            Ok(up) => {
                tracing::info!(show = up.id, user = n.actor.user_id.get(), "show created");
                return Ok(see_other(
                    n.jar,
                    &format!("/admin/podcasts/emissions/{}?ok=1", up.id),
                ));
            }
            Err(e) => refused(e.user_message().ok_or(e)?),
        },
        Err(m) => refused(m),
    };
    page(&state, &n, None, form, None, error, status).await
}

/// `POST /admin/podcasts/emissions/{id}`.
pub async fn save(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    crate::form::Form(form): crate::form::Form<ShowForm>,
) -> Result<Response, AppError> {
    require_podcasts(&n)?;
    n.check_csrf(&headers, &form.csrf)?;
    let id = path_id(&id)?;
    let show = state.store().show(id).await?.ok_or(AppError::NotFound)?;
    let error = match draft(&state, &form).await? {
        Ok(d) => match state
            .store()
            .update_show(id, &d, Some(n.actor.user_id))
            .await
        {
            Ok(Some(_)) => {
                return Ok(see_other(
                    n.jar,
                    &format!("/admin/podcasts/emissions/{id}?ok=1"),
                ))
            }
            Ok(None) => return Err(AppError::NotFound),
            Err(e) => e.user_message().ok_or(e)?,
        },
        Err(m) => m,
    };
    page(
        &state,
        &n,
        Some(&show),
        form,
        None,
        Some(error),
        StatusCode::BAD_REQUEST,
    )
    .await
}
