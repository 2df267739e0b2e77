//! Pictures of the cards of a page: the media-library rows of every card's hero, read in one
//! query, so that thumbnails get their responsive variants and the page follows their edits.

use kiosque_store::ArticleCard;

use crate::views::{self, LibraryFigures};
use crate::{AppError, AppState};

/// The figures of a page showing these cards, and the images at `more` (the article's own
/// hero and body images): one read of the media library for the whole page. The page's cache
/// dependencies must include [`LibraryFigures::deps`].
pub(crate) async fn figures<'s, 'c>(
    state: &'s AppState,
    cards: impl IntoIterator<Item = &'c ArticleCard>,
    more: Vec<String>,
) -> Result<LibraryFigures<'s>, AppError> {
    let mut paths = views::card_image_paths(cards);
    paths.extend(more);
    paths.sort();
    paths.dedup();
    let rows = state.store().media_by_paths(&paths).await?;
    Ok(LibraryFigures::new(state.media_dir(), rows))
}
