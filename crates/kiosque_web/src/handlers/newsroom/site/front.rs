//! The front page (`/admin/une`): the pinned lead story and the order of the section blocks.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::{ArticleId, ArticleStatus};
use serde::Deserialize;

use super::common::{non_empty, position_of, refusal, Desk, OkQuery};
use crate::form::Form;
use crate::handlers::newsroom::articles::AdminNav;
use crate::handlers::newsroom::when;
use crate::{AppError, AppState};

/// How many of the latest published articles the front-page form offers as lead.
const LEAD_CHOICES: i64 = 20;

pub struct LeadChoice {
    pub id: ArticleId,
    pub title: String,
    pub section: String,
    pub published: String,
    pub href: String,
    pub pinned: bool,
}

pub struct BlockItem {
    pub id: kiosque_domain::SectionId,
    pub slug: String,
    pub name: String,
    pub position: i64,
}

#[derive(Template)]
#[template(path = "admin/front.html")]
pub struct FrontAdminPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    /// The pinned lead, if one is pinned and still published: (id, title, href).
    pub pinned: Option<(ArticleId, String, String)>,
    pub choices: Vec<LeadChoice>,
    pub blocks: Vec<BlockItem>,
}

async fn front_page(
    state: &AppState,
    desk: &Desk,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let store = state.store();
    let pinned = store.pinned_lead().await?;
    let (latest, _) = store.published_articles(None, 0, LEAD_CHOICES).await?;
    let mut choices: Vec<LeadChoice> = Vec::with_capacity(latest.len() + 1);
    // The pinned story is offered even when it is older than the latest ones.
    for c in pinned.iter().chain(
        latest
            .iter()
            .filter(|c| pinned.as_ref().is_none_or(|p| p.id != c.id)),
    ) {
        choices.push(LeadChoice {
            id: c.id,
            title: c.title.clone(),
            section: c.section_name.clone(),
            published: when(c.published_at),
            href: c.path(),
            pinned: pinned.as_ref().is_some_and(|p| p.id == c.id),
        });
    }
    let blocks = store
        .sections()
        .await?
        .into_iter()
        .filter(|s| s.parent_id.is_none())
        .map(|s| BlockItem {
            id: s.id,
            slug: s.slug,
            name: s.name,
            position: s.position,
        })
        .collect();
    let title = crate::i18n::t("nr-title-front");
    desk.page(state, &title, status, |layout| FrontAdminPage {
        layout,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice,
        error,
        pinned: pinned.map(|p| (p.id, p.title.clone(), p.path())),
        choices,
        blocks,
    })
    .await
}

pub async fn front(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    let notice = match q.ok.as_deref() {
        Some("epingle") => Some(crate::i18n::t("nr-front-pinned-done")),
        Some("automatique") => Some(crate::i18n::t("nr-front-automatic-done")),
        Some("ordre") => Some(crate::i18n::t("nr-front-order-done")),
        _ => None,
    };
    front_page(&state, &desk, notice, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LeadForm {
    csrf: String,
    /// A chosen article id, or empty for none (the latest leads).
    lead: String,
    /// Another article's id, typed; wins over `lead` when given.
    autre: String,
}

pub async fn pin_lead(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Form(form): Form<LeadForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let raw = non_empty(&form.autre).or(non_empty(&form.lead));
    let Some(raw) = raw else {
        state.store().pin_lead(None).await?;
        tracing::info!(user = desk.0.actor.user_id.get(), "front lead unpinned");
        return Ok(desk.done("/admin/une?ok=automatique"));
    };
    let message = match raw.parse::<ArticleId>() {
        Err(_) => Some(crate::i18n::t1("nr-front-not-a-number", "raw", raw)),
        Ok(id) => match state.store().article_meta(id).await? {
            Some(m) if m.status == ArticleStatus::Published => {
                state.store().pin_lead(Some(id)).await?;
                tracing::info!(
                    article = id.get(),
                    user = desk.0.actor.user_id.get(),
                    "front lead pinned"
                );
                None
            }
            Some(_) => Some(crate::i18n::t1("nr-front-not-published", "id", id.get())),
            None => Some(crate::i18n::t1("nr-front-no-such-article", "id", id.get())),
        },
    };
    match message {
        None => Ok(desk.done("/admin/une?ok=epingle")),
        Some(m) => front_page(&state, &desk, None, Some(m), StatusCode::BAD_REQUEST).await,
    }
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
            .parse::<kiosque_domain::SectionId>()
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
        Some(m) => front_page(&state, &desk, None, Some(m), StatusCode::BAD_REQUEST).await,
    }
}
