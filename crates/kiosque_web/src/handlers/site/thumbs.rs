//! Pictures of the cards of a page: the media-library rows of every card's hero, read in one
//! query, so that thumbnails get their responsive variants and the page follows their edits.

use kiosque_store::ArticleCard;

use crate::views::{self, CardView, FigureSource, FigureView, LibraryFigures};
use crate::{AppError, AppState};

/// The figures of a page showing these cards, and the images at `more` (the article's own
/// hero and body images): one read of the media library for the whole page. The page's cache
/// dependencies must include [`LibraryFigures::deps`].
pub(crate) async fn figures<'s, 'c>(
    state: &'s AppState,
    cards: impl IntoIterator<Item = &'c ArticleCard>,
    more: Vec<String>,
) -> Result<LibraryFigures, AppError> {
    let mut paths = card_image_paths(cards);
    paths.extend(more);
    paths.sort();
    paths.dedup();
    Ok(LibraryFigures::load(state.store(), &paths).await?)
}

/// The `sizes` of the front page's or a section's lead picture: three fifths of the page on
/// wide screens, the whole width on phones.
pub(crate) const LEAD_SIZES: &str = "(min-width: 72rem) 41rem, (min-width: 48rem) 60vw, 100vw";

/// The `sizes` of an article's hero: the article column beside the video rail on wide screens.
pub(crate) const HERO_SIZES: &str =
    "(min-width: 72rem) 48rem, (min-width: 64rem) calc(100vw - 24rem), 100vw";

/// A lead story: a card whose picture is large and loaded first.
pub(crate) fn lead(c: &ArticleCard, figures: &dyn FigureSource) -> CardView {
    let mut lead = views::card(c, Some(figures));
    lead.hero = lead.hero.map(|h| prominent(h, LEAD_SIZES));
    lead
}

/// The first picture of a page: loaded at once, at the `sizes` of where it stands.
pub(crate) fn prominent(figure: FigureView, sizes: &'static str) -> FigureView {
    FigureView {
        sizes: figure.srcset.as_ref().map(|_| sizes),
        priority: true,
        ..figure
    }
}

/// The paths of the cards' pictures, for `Store::media_by_paths`: one query for a whole list.
pub(crate) fn card_image_paths<'a>(
    cards: impl IntoIterator<Item = &'a ArticleCard>,
) -> Vec<String> {
    let mut paths: Vec<String> = cards
        .into_iter()
        .filter_map(|c| c.hero.as_ref())
        .flat_map(|h| views::image_paths(Some(h), &[]))
        .collect();
    paths.sort();
    paths.dedup();
    paths
}
