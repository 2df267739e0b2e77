//! One image of the library (`/admin/medias/{id}`): its variants, and the form that
//! describes it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::newsroom::Actor;
use kiosque_domain::typography::french;
use kiosque_domain::MediaId;
use kiosque_domain::MediaRef;
use kiosque_store::{MediaRow, MediumEdit};
use serde::Deserialize;

use super::common::{item_view, MediaItemView, MediaTexts, RequireMediaUser};
use crate::form::Form;
use crate::handlers::newsroom::articles::AdminNav;
use crate::handlers::newsroom::medium_rights::{history, refusal};
use crate::handlers::newsroom::page::admin_page;
use crate::pages::Layout;
use crate::respond::see_other;
use crate::views::{library_figure, FigureView};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "admin/media.html")]
pub struct MediaDetailPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub item: MediaItemView,
    pub figure: FigureView,
    /// `(width, url)` of each variant, narrowest first.
    pub variants: Vec<(u32, String)>,
    pub form: MediaTexts,
    /// Who changed its texts and when, newest first.
    pub history: Vec<String>,
    /// The focal point, in percents from the top left.
    pub focal_x: u8,
    pub focal_y: u8,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DetailQuery {
    ok: Option<String>,
}

pub(super) fn media_id(raw: &str) -> Result<MediaId, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(MediaId)
        .ok_or(AppError::NotFound)
}

pub(super) async fn detail_page(
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
    let title = crate::i18n::t1("nr-title-image", "id", row.id.get());
    let history = history(&state.store().media_revisions(row.id).await?);
    admin_page(state, &title, status, user.1.clone(), |layout| {
        MediaDetailPage {
            layout,
            nav: AdminNav::of(&user.0, "media"),
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
            history,
            focal_x: row.focal.x(),
            focal_y: row.focal.y(),
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
        Some("1") => Some(crate::i18n::t("nr-media-uploaded")),
        Some("modifie") => Some(crate::i18n::t("nr-done-saved")),
        Some("cadrage") => Some(crate::i18n::t("nr-focal-done")),
        _ => None,
    };
    let form = MediaTexts {
        // A description not written yet shows as an empty field.
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
    let texts_again = texts.clone();
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
    let by = user.0.user.id;
    let edit = state
        .store()
        .update_media(id, Some(&alt), caption.as_deref(), credit.as_deref(), by)
        .await?;
    if let MediumEdit::Refused { sections } = edit {
        tracing::info!(
            media.id = id.get(),
            user.id = by.get(),
            "image description refused: used in other sections"
        );
        let message = refusal("nr-rights-image-refused", &sections);
        return detail_page(
            &state,
            &user,
            &row,
            StatusCode::FORBIDDEN,
            None,
            Some(message),
            texts_again,
        )
        .await;
    }
    tracing::info!(
        media.id = id.get(),
        user.id = user.0.user.id.get(),
        "image described"
    );
    Ok(see_other(user.1, &format!("/admin/medias/{id}?ok=modifie")))
}
