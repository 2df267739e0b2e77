use axum::extract::State;
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::front::{fill, Place, BLOCK_SLOTS, FRONT_SLOTS};
use kiosque_domain::ArticleId;
use kiosque_store::{ArticleCard, Store};

use crate::cache::Deps;
use crate::pages::{render_page, FrontPage, SectionBlock, SlotCard};
use crate::views::{self, Here};
use crate::{AppError, AppState};

/// How many of the latest articles follow the lead.
const LATEST: i64 = 8;

/// The front page ("la une"): the lead and the secondary stories an editor placed (or the
/// newest), the latest articles, a block per section, and the "À regarder" rail.
pub async fn show(State(state): State<AppState>) -> Result<Response, AppError> {
    let store = state.store();
    let placements = store.front_placements().await?;
    let (lead, secondary, latest) = top_stories(store, &placements).await?;
    // Section blocks leave out what the top of the page already shows.
    let shown: Vec<ArticleId> = lead
        .iter()
        .chain(secondary.iter().map(|(_, c)| c))
        .chain(&latest)
        .map(|c| c.id)
        .collect();
    let blocks = section_blocks(store, &placements, &shown).await?;
    // Every picture of the page, from the media library in one read.
    let all_cards = lead
        .iter()
        .chain(secondary.iter().map(|(_, c)| c))
        .chain(&latest)
        .chain(blocks.iter().flat_map(|(_, cards)| cards));
    let figures = super::thumbs::figures(&state, all_cards, Vec::new()).await?;
    let mut lead = lead.map(|c| super::thumbs::lead(&c, &figures));
    let mut secondary: Vec<SlotCard> = secondary
        .iter()
        .map(|(slot, c)| SlotCard {
            slot: *slot,
            card: views::card(c, Some(&figures)),
        })
        .collect();
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
    cards.extend(secondary.iter_mut().map(|s| &mut s.card));
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
            secondary,
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

/// A front page slot's story: the one placed there, or the newest not shown elsewhere.
pub(crate) type Slotted = (u8, ArticleCard);

/// The lead (slot 1), the secondary slots with their numbers, and the latest articles after
/// them: placed stories where the desk placed them, the newest elsewhere, none twice. A story
/// placed in a section block is kept for its block.
pub(crate) async fn top_stories(
    store: &Store,
    placements: &[(Place, u8, ArticleCard)],
) -> Result<(Option<ArticleCard>, Vec<Slotted>, Vec<ArticleCard>), AppError> {
    let mut placed: Vec<Option<ArticleCard>> = vec![None; usize::from(FRONT_SLOTS)];
    let mut in_blocks = Vec::new();
    for (place, slot, card) in placements {
        match place {
            Place::Front => {
                if let Some(s) = placed.get_mut(usize::from(*slot).wrapping_sub(1)) {
                    *s = Some(card.clone());
                }
            }
            _ => in_blocks.push(card.id),
        }
    }
    // Enough of the newest to fill every slot and the list even if all were placed or taken.
    let wanted = i64::from(FRONT_SLOTS) + LATEST + placements.len() as i64;
    let (newest, _) = store.published_articles(None, 0, wanted).await?;
    let in_blocks: Vec<ArticleId> = in_blocks
        .into_iter()
        .filter(|id| !placed.iter().flatten().any(|c| c.id == *id))
        .collect();
    let (slots, latest) = fill(placed, newest, &in_blocks, LATEST as usize, |c| c.id);
    let mut slots = slots.into_iter();
    let lead = slots.next().flatten();
    let secondary = slots
        .zip(2u8..)
        .filter_map(|(c, n)| c.map(|c| (n, c)))
        .collect();
    Ok((lead, secondary, latest))
}

/// A block per top-level section: the stories placed in it, then its newest not `shown` above,
/// with its cards still to make; a section with none left has no block.
async fn section_blocks(
    store: &Store,
    placements: &[(Place, u8, ArticleCard)],
    shown: &[ArticleId],
) -> Result<Vec<(SectionBlock, Vec<ArticleCard>)>, AppError> {
    let all_sections = store.sections().await?;
    let mut sections = Vec::new();
    for top in all_sections.iter().filter(|s| s.parent_id.is_none()) {
        let mut placed: Vec<Option<ArticleCard>> = vec![None; usize::from(BLOCK_SLOTS)];
        for (place, slot, card) in placements {
            if *place == Place::Block(top.id) && !shown.contains(&card.id) {
                if let Some(s) = placed.get_mut(usize::from(*slot).wrapping_sub(1)) {
                    *s = Some(card.clone());
                }
            }
        }
        let ids = kiosque_store::subtree(&all_sections, top.id);
        let (newest, _) = store
            .published_articles(
                Some(&ids),
                0,
                i64::from(BLOCK_SLOTS) * 2 + shown.len() as i64,
            )
            .await?;
        let (slots, _) = fill(placed, newest, shown, 0, |c| c.id);
        let cards: Vec<_> = slots.into_iter().flatten().collect();
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
