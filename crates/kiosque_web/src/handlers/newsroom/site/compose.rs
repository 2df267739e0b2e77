//! The forms that compose the front page and a section's page: place a story in a slot, move
//! or empty a slot, order the section blocks. Each works without a script (one button, one
//! form, with its CSRF token); the page's script only adds drag and drop, which fills and sends
//! the same forms. The rights are checked again in the store's transaction.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::front::Place;
use kiosque_domain::{ArticleId, SectionId};
use kiosque_store::SlotAction;
use serde::Deserialize;

use super::common::{non_empty, position_of, refusal, Desk};
use super::front::{front_page, page_of, section_page};
use crate::form::Form;
use crate::{AppError, AppState};

/// The page of `place` again, with what went wrong.
async fn refused(
    state: &AppState,
    desk: &Desk,
    place: Place,
    message: String,
) -> Result<Response, AppError> {
    match place {
        Place::Front => front_page(state, desk, None, Some(message), StatusCode::BAD_REQUEST).await,
        Place::Block(s) | Place::Section(s) => {
            section_page(state, desk, s, None, Some(message), StatusCode::BAD_REQUEST).await
        }
    }
}

/// A `place:slot` target; the front page's lead when none is given (the form before slots).
fn target_of(raw: &str) -> Option<(Place, u8)> {
    let Some(raw) = non_empty(raw) else {
        return Some((Place::Front, 1));
    };
    let (place, slot) = raw.rsplit_once(':')?;
    let place = Place::parse(place)?;
    let slot = slot.parse::<u8>().ok().filter(|s| place.has_slot(*s))?;
    Some((place, slot))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PlaceForm {
    csrf: String,
    /// A chosen article id, or empty for none (the newest fills the slot).
    lead: String,
    /// Another article's id, typed; wins over `lead` when given.
    autre: String,
    /// `place:slot`, e.g. `front:2`.
    target: String,
}

/// Places a story in a slot, or empties the slot when no story is chosen.
pub async fn place_story(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Form(form): Form<PlaceForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let Some((place, slot)) = target_of(&form.target) else {
        let m = crate::i18n::t("nr-compose-bad-target");
        return refused(&state, &desk, Place::Front, m).await;
    };
    let by = desk.0.actor.user_id;
    let raw = non_empty(&form.autre).or(non_empty(&form.lead));
    let (action, ok) = match raw {
        None => (SlotAction::Remove, "retire"),
        Some(raw) => match raw.parse::<ArticleId>() {
            Ok(id) => (SlotAction::Place(id), "place"),
            Err(_) => {
                let m = crate::i18n::t1("nr-front-not-a-number", "raw", raw);
                return refused(&state, &desk, place, m).await;
            }
        },
    };
    if let Err(e) = state.store().arrange_slot(by, place, slot, action).await {
        let m = refusal(e)?;
        return refused(&state, &desk, place, m).await;
    }
    tracing::info!(user = by.get(), place = %place.key(), slot, ?action, "front slot changed");
    // The lead's own words, as before slots existed.
    let ok = match (place, slot, ok) {
        (Place::Front, 1, "place") => "epingle",
        (Place::Front, 1, _) => "automatique",
        _ => ok,
    };
    Ok(desk.done(&format!("{}?ok={ok}", page_of(place))))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SlotForm {
    csrf: String,
    place: String,
    slot: String,
    /// `up`, `down` or `remove`.
    action: String,
}

/// Moves a slot's story up or down, or empties the slot.
pub async fn arrange_slot(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Form(form): Form<SlotForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let Some((place, slot)) = target_of(&format!("{}:{}", form.place, form.slot)) else {
        let m = crate::i18n::t("nr-compose-bad-target");
        return refused(&state, &desk, Place::Front, m).await;
    };
    let (action, ok) = match form.action.as_str() {
        "up" => (SlotAction::Up, "deplace"),
        "down" => (SlotAction::Down, "deplace"),
        "remove" => (SlotAction::Remove, "retire"),
        _ => {
            let m = crate::i18n::t("nr-compose-bad-target");
            return refused(&state, &desk, place, m).await;
        }
    };
    let by = desk.0.actor.user_id;
    if let Err(e) = state.store().arrange_slot(by, place, slot, action).await {
        let m = refusal(e)?;
        return refused(&state, &desk, place, m).await;
    }
    tracing::info!(user = by.get(), place = %place.key(), slot, ?action, "front slot changed");
    Ok(desk.done(&format!("{}?ok={ok}", page_of(place))))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BlockForm {
    csrf: String,
    section: String,
    /// `up` or `down`.
    direction: String,
}

/// Moves a section's block one step up or down the front page.
pub async fn move_block(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Form(form): Form<BlockForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let section: SectionId = form
        .section
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let up = match form.direction.as_str() {
        "up" => true,
        "down" => false,
        _ => {
            let m = crate::i18n::t("nr-compose-bad-target");
            return refused(&state, &desk, Place::Front, m).await;
        }
    };
    let by = desk.0.actor.user_id;
    if let Err(e) = state.store().move_section_block(by, section, up).await {
        let m = refusal(e)?;
        return refused(&state, &desk, Place::Front, m).await;
    }
    tracing::info!(
        user = by.get(),
        section = section.get(),
        up,
        "front block moved"
    );
    Ok(desk.done("/admin/une?ok=ordre"))
}

/// The order of the front page's section blocks: `position-{id}` fields, one per top-level
/// section. All are saved together, or none.
pub async fn order_blocks(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    // No token is an empty token, which the check refuses.
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    desk.check_csrf(&headers, csrf)?;
    let sections = state.store().sections().await?;
    let mut positions = Vec::new();
    let mut error = None;
    for (key, value) in &pairs {
        let Some(raw_id) = key.strip_prefix("position-") else {
            continue;
        };
        let Some(s) = raw_id
            .parse::<SectionId>()
            .ok()
            .and_then(|id| sections.iter().find(|s| s.id == id))
        else {
            error = Some(crate::i18n::t("nr-front-section-gone"));
            break;
        };
        match position_of(value, &s.name) {
            Ok(p) => positions.push((s.id, p)),
            Err(m) => {
                error = Some(m);
                break;
            }
        }
    }
    if error.is_none() && positions.is_empty() {
        error = Some(crate::i18n::t("nr-front-no-position"));
    }
    if error.is_none() {
        if let Err(e) = state.store().set_section_positions(&positions).await {
            error = Some(refusal(e)?);
        }
    }
    match error {
        None => {
            tracing::info!(user = desk.0.actor.user_id.get(), "front blocks reordered");
            Ok(desk.done("/admin/une?ok=ordre"))
        }
        Some(m) => refused(&state, &desk, Place::Front, m).await,
    }
}
