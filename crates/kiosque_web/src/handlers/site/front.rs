use axum::extract::State;
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_store::{ArticleCard, Store};

use crate::cache::Deps;
use crate::pages::{render_page, FrontPage, SectionBlock};
use crate::views::{self, Here};
use crate::{AppError, AppState};

/// How many cards each top-level section shows on the front page.
const PER_SECTION: i64 = 4;
/// How many of the latest articles follow the lead.
const LATEST: i64 = 8;

/// The front page ("la une"): the lead story, the latest articles, a block per section, and the
/// "À regarder" rail.
pub async fn show(State(state): State<AppState>) -> Result<Response, AppError> {
    let store = state.store();
    let (lead, latest) = lead_and_latest(store).await?;
    // Section blocks leave out what the lead and the latest already show.
    let shown: Vec<kiosque_domain::ArticleId> = lead.iter().chain(&latest).map(|c| c.id).collect();
    let blocks = section_blocks(store, &shown).await?;
    // Every picture of the page, from the media library in one read.
    let all_cards = lead
        .iter()
        .chain(&latest)
        .chain(blocks.iter().flat_map(|(_, cards)| cards));
    let figures = super::thumbs::figures(&state, all_cards, Vec::new()).await?;
    let mut lead = lead.map(|c| super::thumbs::lead(&c, &figures));
    let mut latest: Vec<_> = latest
        .iter()
        .map(|c| views::card(c, Some(&figures)))
        .collect();
    let mut sections: Vec<SectionBlock> = blocks
        .into_iter()
        .map(|(mut block, cards)| {
            block.cards = cards
                .iter()
                .map(|c| views::card(c, Some(&figures)))
                .collect();
            block
        })
        .collect();
    let (rail, rail_deps) = super::rail::rail(&state, None).await?;
    let mut cards: Vec<&mut views::CardView> = lead.iter_mut().collect();
    cards.extend(latest.iter_mut());
    cards.extend(sections.iter_mut().flat_map(|s| s.cards.iter_mut()));
    let comment_deps = super::count_comments(&state, cards).await?;
    let (most_read, most_read_deps) = super::extras::most_read(&state).await?;
    let layout = crate::layout::layout(
        &state,
        &crate::i18n::t("site-title-front"),
        Some(crate::i18n::t("site-description-front").as_str()),
        Some("/".into()),
        Here::Elsewhere,
    )
    .await?;
    render_page(
        &FrontPage {
            layout,
            lead,
            latest,
            sections,
            rail,
            most_read,
        },
        // Every article write touches `Key::Front`; section renames touch `Key::Nav`.
        Deps::new([Key::Front, Key::Videos, Key::Nav])
            .extend(comment_deps)
            .extend(most_read_deps)
            .extend(figures.deps())
            .extend(rail_deps),
    )
}

/// The lead is the pinned story if there is one, else the latest; it is not repeated among
/// the latest articles that follow it.
async fn lead_and_latest(
    store: &Store,
) -> Result<(Option<ArticleCard>, Vec<ArticleCard>), AppError> {
    let pinned = store.pinned_lead().await?;
    let (latest, _) = store.published_articles(None, 0, LATEST + 1).await?;
    let mut latest: Vec<_> = latest
        .into_iter()
        .filter(|c| pinned.as_ref().is_none_or(|p| p.id != c.id))
        .collect();
    let lead = match pinned {
        Some(p) => Some(p),
        None if !latest.is_empty() => Some(latest.remove(0)),
        None => None,
    };
    latest.truncate(LATEST as usize);
    Ok((lead, latest))
}

/// A block per top-level section with articles not `shown` above, with its cards still to
/// make; a section with none left has no block.
async fn section_blocks(
    store: &Store,
    shown: &[kiosque_domain::ArticleId],
) -> Result<Vec<(SectionBlock, Vec<ArticleCard>)>, AppError> {
    let all_sections = store.sections().await?;
    let mut sections = Vec::new();
    for top in all_sections.iter().filter(|s| s.parent_id.is_none()) {
        let ids = kiosque_store::subtree(&all_sections, top.id);
        let (cards, _) = store
            .published_articles(Some(&ids), 0, PER_SECTION + shown.len() as i64)
            .await?;
        let cards: Vec<_> = cards
            .into_iter()
            .filter(|c| !shown.contains(&c.id))
            .take(PER_SECTION as usize)
            .collect();
        if cards.is_empty() {
            continue;
        }
        let block = SectionBlock {
            slug: top.slug.clone(),
            name: kiosque_domain::typography::typeset(&top.name),
            href: views::section_href(&top.slug),
            cards: Vec::new(),
        };
        sections.push((block, cards));
    }
    Ok(sections)
}
