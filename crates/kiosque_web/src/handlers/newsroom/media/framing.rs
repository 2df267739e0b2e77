//! `POST /admin/medias/{id}/cadrage`: an image's focal point, the spot every crop of the site
//! keeps in view. Set by a click on the picture (the page's script fills the two numbers) or by
//! typing them; the same rights as its texts, since it reframes the articles that show it.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::focal::FocalPoint;
use kiosque_domain::newsroom::Actor;
use kiosque_store::MediumEdit;
use serde::Deserialize;

use super::common::{MediaTexts, RequireMediaUser};
use super::image::{detail_page, media_id};
use crate::form::Form;
use crate::handlers::newsroom::medium_rights::refusal;
use crate::respond::see_other;
use crate::{AppError, AppState};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FocalForm {
    csrf: String,
    x: String,
    y: String,
}

pub async fn frame(
    State(state): State<AppState>,
    user: RequireMediaUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<FocalForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&headers, &form.csrf)?;
    let actor = Actor::of_roles(user.0.user.id, user.0.user.roles.clone());
    if !actor.can_publish_media() {
        return Err(AppError::Forbidden);
    }
    let id = media_id(&id)?;
    let row = state.store().media(id).await?.ok_or(AppError::NotFound)?;
    let texts = MediaTexts {
        alt: row.alt.clone().unwrap_or_default(),
        caption: row.caption.clone().unwrap_or_default(),
        credit: row.credit.clone().unwrap_or_default(),
    };
    let number = |raw: &str| raw.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    // A click gives fractions; the point is kept in whole percents.
    let focal = match (number(&form.x), number(&form.y)) {
        (Some(x), Some(y)) => FocalPoint::new(x.round() as i64, y.round() as i64),
        _ => None,
    };
    let Some(focal) = focal else {
        let message = crate::i18n::t("nr-focal-invalid");
        return detail_page(
            &state,
            &user,
            &row,
            StatusCode::BAD_REQUEST,
            None,
            Some(message),
            texts,
        )
        .await;
    };
    let by = user.0.user.id;
    if let MediumEdit::Refused { sections } = state.store().set_focal_point(id, focal, by).await? {
        tracing::info!(
            media.id = id.get(),
            user.id = by.get(),
            "focal point refused: used in other sections"
        );
        let message = refusal("nr-focal-refused", &sections);
        return detail_page(
            &state,
            &user,
            &row,
            StatusCode::FORBIDDEN,
            None,
            Some(message),
            texts,
        )
        .await;
    }
    tracing::info!(media.id = id.get(), user.id = by.get(), %focal, "focal point set");
    Ok(see_other(
        user.1,
        &format!("/admin/medias/{id}?ok=cadrage#cadrage"),
    ))
}
