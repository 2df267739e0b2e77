//! Video cards with their posters: the "À regarder" rail beside articles and on the front page,
//! and the grid of `/videos`.

use kiosque_domain::change::Key;
use kiosque_store::VideoCard;

use crate::views::{self, LibraryFigures, RailItem};
use crate::{AppError, AppState};

/// Cards of these videos, with the posters of the media library in their responsive variants,
/// and the keys a page showing them depends on besides `Key::Videos` (the posters' images).
pub(crate) async fn cards(
    state: &AppState,
    videos: &[VideoCard],
) -> Result<(Vec<RailItem>, Vec<Key>), AppError> {
    let posters: Vec<String> = videos
        .iter()
        .flat_map(|v| views::image_paths(v.poster.as_ref(), &[]))
        .collect();
    let figures = LibraryFigures::load(state.store(), &posters).await?;
    Ok((views::rail(videos, &figures), figures.deps()))
}

/// The rail: the latest videos, but the one `except` (the video being watched).
pub(crate) async fn rail(
    state: &AppState,
    except: Option<i64>,
) -> Result<(Vec<RailItem>, Vec<Key>), AppError> {
    let mut videos = state.store().latest_videos(super::RAIL_LEN + 1).await?;
    videos.retain(|v| Some(v.id) != except);
    videos.truncate(super::RAIL_LEN as usize);
    cards(state, &videos).await
}
