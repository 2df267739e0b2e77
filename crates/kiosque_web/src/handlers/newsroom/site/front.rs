//! The front page's composition (`/admin/une`): its lead and secondary slots, the order of the
//! section blocks; and a section's own composition (`/admin/une/rubrique/{id}`): the stories of
//! its block on the front page and its page's lead. The forms are in `compose.rs`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kiosque_domain::front::{fill, Place};
use kiosque_domain::{ArticleId, SectionId};
use kiosque_store::ArticleCard;

use super::common::{id_of, Desk, OkQuery};
use crate::handlers::newsroom::articles::AdminNav;
use crate::handlers::newsroom::when;
use crate::{AppError, AppState};

/// How many of the latest published articles the forms offer.
const CHOICES: i64 = 20;

/// An article the desk may place.
pub struct LeadChoice {
    pub id: ArticleId,
    pub title: String,
    pub section: String,
    pub published: String,
    pub href: String,
    /// Placed in the form's first slot now (the front page's lead, a section's lead).
    pub pinned: bool,
}

/// A story as a slot shows it.
pub struct SlotStory {
    pub id: ArticleId,
    pub title: String,
    pub href: String,
}

pub struct SlotView {
    pub number: u8,
    pub name: String,
    /// The story the desk placed here.
    pub placed: Option<SlotStory>,
    /// What fills the slot while nothing is placed: the newest story not shown elsewhere.
    pub automatic: Option<SlotStory>,
    pub first: bool,
    pub last: bool,
}

/// The slots of one place, with what the public page shows in each.
pub struct SlotGroup {
    pub place: String,
    pub heading: String,
    pub help: String,
    pub slots: Vec<SlotView>,
}

pub struct BlockItem {
    pub id: SectionId,
    pub slug: String,
    pub name: String,
    pub position: i64,
    pub first: bool,
    pub last: bool,
}

#[derive(Template)]
#[template(path = "admin/front.html")]
pub struct FrontAdminPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub heading: String,
    /// The section composed on this page; `None` for the front page itself.
    pub section: Option<SectionId>,
    pub groups: Vec<SlotGroup>,
    /// The form's slots: (`place:slot`, label).
    pub targets: Vec<(String, String)>,
    pub choices: Vec<LeadChoice>,
    /// The front page's section blocks, in order; empty on a section's page.
    pub blocks: Vec<BlockItem>,
}

/// Where the desk is sent back after changing `place`.
pub(super) fn page_of(place: Place) -> String {
    match place.section() {
        None => "/admin/une".to_owned(),
        Some(s) => format!("/admin/une/rubrique/{}", s.get()),
    }
}

fn story(c: &ArticleCard) -> SlotStory {
    SlotStory {
        id: c.id,
        title: c.title.clone(),
        href: c.path(),
    }
}

/// The slots of `place` as the desk sees them: the placed stories, and in the empty slots the
/// `automatic` ones the public page shows there.
fn group(
    place: Place,
    heading: String,
    help: String,
    placed: &[(u8, ArticleCard)],
    automatic: &[Option<ArticleCard>],
) -> SlotGroup {
    let count = place.slots();
    let slots = (1..=count)
        .map(|n| {
            let placed = placed.iter().find(|(s, _)| *s == n).map(|(_, c)| story(c));
            let automatic = match placed {
                Some(_) => None,
                None => automatic
                    .get(usize::from(n) - 1)
                    .and_then(Option::as_ref)
                    .map(story),
            };
            SlotView {
                number: n,
                name: slot_name(place, n),
                placed,
                automatic,
                first: n == 1,
                last: n == count,
            }
        })
        .collect();
    SlotGroup {
        place: place.key(),
        heading,
        help,
        slots,
    }
}

fn slot_name(place: Place, n: u8) -> String {
    match (place, n) {
        (Place::Front, 1) => crate::i18n::t("nr-compose-front-lead"),
        (Place::Section(_), _) => crate::i18n::t("nr-compose-section-lead"),
        _ => crate::i18n::t1("nr-compose-slot", "number", i64::from(n)),
    }
}

fn targets(groups: &[SlotGroup]) -> Vec<(String, String)> {
    groups
        .iter()
        .flat_map(|g| {
            g.slots.iter().map(|s| {
                let label = if groups.len() > 1 {
                    crate::i18n::t2("nr-compose-target", "place", &g.heading, "slot", &s.name)
                } else {
                    s.name.clone()
                };
                (format!("{}:{}", g.place, s.number), label)
            })
        })
        .collect()
}

/// The articles offered: those placed first (they may be older), then the latest.
fn choices(
    placed: &[&ArticleCard],
    latest: Vec<ArticleCard>,
    lead: Option<ArticleId>,
) -> Vec<LeadChoice> {
    let mut out: Vec<LeadChoice> = Vec::new();
    for c in placed.iter().copied().chain(latest.iter()) {
        if out.iter().any(|o| o.id == c.id) {
            continue;
        }
        out.push(LeadChoice {
            id: c.id,
            title: c.title.clone(),
            section: c.section_name.clone(),
            published: when(c.published_at),
            href: c.path(),
            pinned: lead == Some(c.id),
        });
    }
    out
}

pub(super) async fn front_page(
    state: &AppState,
    desk: &Desk,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let store = state.store();
    let placements = store.front_placements().await?;
    let (lead, secondary, _) =
        crate::handlers::site::front::top_stories(store, &placements).await?;
    let mut automatic = vec![lead];
    for n in 2..=Place::Front.slots() {
        automatic.push(
            secondary
                .iter()
                .find(|(s, _)| *s == n)
                .map(|(_, c)| c.clone()),
        );
    }
    let placed: Vec<(u8, ArticleCard)> = placements
        .iter()
        .filter(|(p, _, _)| *p == Place::Front)
        .map(|(_, s, c)| (*s, c.clone()))
        .collect();
    let groups = vec![group(
        Place::Front,
        crate::i18n::t("nr-compose-front-heading"),
        crate::i18n::t("nr-compose-front-help"),
        &placed,
        &automatic,
    )];
    let (latest, _) = store.published_articles(None, 0, CHOICES).await?;
    let lead_id = placed.iter().find(|(s, _)| *s == 1).map(|(_, c)| c.id);
    let placed_cards: Vec<&ArticleCard> = placed.iter().map(|(_, c)| c).collect();
    let choices = choices(&placed_cards, latest, lead_id);
    let top: Vec<_> = store
        .sections()
        .await?
        .into_iter()
        .filter(|s| s.parent_id.is_none())
        .collect();
    let count = top.len();
    let blocks = top
        .into_iter()
        .enumerate()
        .map(|(i, s)| BlockItem {
            id: s.id,
            slug: s.slug,
            name: s.name,
            position: s.position,
            first: i == 0,
            last: i + 1 == count,
        })
        .collect();
    let title = crate::i18n::t("nr-title-front");
    desk.page(state, &title, status, |layout| FrontAdminPage {
        layout,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice,
        error,
        heading: crate::i18n::t("nr-site-front"),
        section: None,
        targets: targets(&groups),
        groups,
        choices,
        blocks,
    })
    .await
}

pub(super) async fn section_page(
    state: &AppState,
    desk: &Desk,
    section: SectionId,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let store = state.store();
    let all = store.sections().await?;
    let row = all
        .iter()
        .find(|s| s.id == section)
        .ok_or(AppError::NotFound)?;
    let ids = kiosque_store::subtree(&all, section);
    let (latest, _) = store.published_articles(Some(&ids), 0, CHOICES).await?;
    let mut groups = Vec::new();
    let mut placed_cards: Vec<ArticleCard> = Vec::new();
    let mut lead_id = None;
    let mut places = vec![Place::Section(section)];
    // Only a top-level section has a block on the front page.
    if row.parent_id.is_none() {
        places.insert(0, Place::Block(section));
    }
    for place in places {
        let placed = store.placed_stories(place).await?;
        let slots = vec![None; usize::from(place.slots())];
        let (automatic, _) = match place {
            Place::Block(_) => {
                let slots = slots
                    .into_iter()
                    .enumerate()
                    .map(|(i, _)| {
                        placed
                            .iter()
                            .find(|(s, _)| usize::from(*s) == i + 1)
                            .map(|(_, c)| c.clone())
                    })
                    .collect();
                fill(slots, latest.clone(), &[], 0, |c| c.id)
            }
            // The section page's own choice (the newest with a picture) is made there.
            _ => (slots, Vec::new()),
        };
        let (heading, help) = match place {
            Place::Block(_) => (
                crate::i18n::t1("nr-compose-block-heading", "name", &row.name),
                crate::i18n::t("nr-compose-block-help"),
            ),
            _ => {
                lead_id = placed.first().map(|(_, c)| c.id);
                (
                    crate::i18n::t1("nr-compose-section-heading", "name", &row.name),
                    crate::i18n::t("nr-compose-section-help"),
                )
            }
        };
        groups.push(group(place, heading, help, &placed, &automatic));
        placed_cards.extend(placed.into_iter().map(|(_, c)| c));
    }
    let refs: Vec<&ArticleCard> = placed_cards.iter().collect();
    let choices = choices(&refs, latest, lead_id);
    let heading = crate::i18n::t1("nr-compose-section-title", "name", &row.name);
    desk.page(state, &heading, status, |layout| FrontAdminPage {
        layout,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice,
        error,
        heading: heading.clone(),
        section: Some(section),
        targets: targets(&groups),
        groups,
        choices,
        blocks: Vec::new(),
    })
    .await
}

/// The confirmation a `?ok=…` asks for.
pub(super) fn notice_of(q: &OkQuery) -> Option<String> {
    match q.ok.as_deref() {
        Some("epingle") => Some(crate::i18n::t("nr-front-pinned-done")),
        Some("automatique") => Some(crate::i18n::t("nr-front-automatic-done")),
        Some("ordre") => Some(crate::i18n::t("nr-front-order-done")),
        Some("place") => Some(crate::i18n::t("nr-compose-placed-done")),
        Some("retire") => Some(crate::i18n::t("nr-compose-removed-done")),
        Some("deplace") => Some(crate::i18n::t("nr-compose-moved-done")),
        _ => None,
    }
}

pub async fn front(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    front_page(&state, &desk, notice_of(&q), None, StatusCode::OK).await
}

pub async fn section(
    State(state): State<AppState>,
    desk: Desk,
    Path(raw): Path<String>,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    let id: SectionId = id_of(&raw)?;
    section_page(&state, &desk, id, notice_of(&q), None, StatusCode::OK).await
}
