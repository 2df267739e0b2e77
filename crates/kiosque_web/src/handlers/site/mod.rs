pub mod article;
mod article_meta;
pub mod author;
pub mod comments;
mod extras;
pub mod feeds;
pub mod front;
pub mod live;
pub mod newsletters;
pub mod podcast_feed;
pub mod podcasts;
mod rail;
pub mod search;
pub mod section;
pub mod site_page;
pub mod sitemaps;
pub mod tag;
mod thumbs;
pub mod video;

use kiosque_domain::change::Key;
use kiosque_domain::ArticleId;

use crate::views;
use crate::{AppError, AppState};

/// Fills the comment counts of cards, and returns the cache keys they depend on.
pub(crate) async fn count_comments(
    state: &AppState,
    cards: Vec<&mut views::CardView>,
) -> Result<Vec<Key>, AppError> {
    let ids: Vec<ArticleId> = cards.iter().map(|c| ArticleId(c.id)).collect();
    let counts: std::collections::HashMap<ArticleId, i64> = state
        .store()
        .comment_counts(&ids)
        .await?
        .into_iter()
        .collect();
    for card in cards {
        card.comments = counts.get(&ArticleId(card.id)).copied().unwrap_or(0);
    }
    Ok(ids.iter().map(|id| Key::Comments(*id)).collect())
}

/// `?page=N` for list pages: absent is 1; anything that is not a page number is a 404, as the
/// page does not exist.
pub(crate) fn page_number(raw: Option<&str>) -> Result<i64, AppError> {
    match raw {
        None | Some("") => Ok(1),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=100_000).contains(n))
            .ok_or(AppError::NotFound),
    }
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    pub page: Option<String>,
}

/// A 301 to the canonical path: search engines and old links follow it for good.
/// (axum's `Redirect::permanent` answers 308, which older crawlers treat less well.)
pub(crate) fn moved_permanently(path: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        axum::http::StatusCode::MOVED_PERMANENTLY,
        [(axum::http::header::LOCATION, path.to_owned())],
    )
        .into_response()
}

/// Number of articles on a section or tag page.
pub const PER_PAGE: i64 = 10;
/// Number of videos in the "À regarder" rail.
pub const RAIL_LEN: i64 = 30;
