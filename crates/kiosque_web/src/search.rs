//! The one search behind `/recherche` and `/api/v1/search`: both pages parse their own
//! parameters (names, error messages) into a [`SearchQuery`], then run it here, so that the
//! index is queried and its hits resolved to articles and videos in a single way.

use kiosque_domain::ArticleId;
use kiosque_search::{DocKind, SearchQuery, SnippetRun};
use kiosque_store::{ArticleCard, VideoCard};

use crate::{AppError, AppState};

/// Longer queries are refused: no reader types more, and it bounds the work.
pub(crate) const MAX_QUERY_CHARS: usize = 500;

/// What a hit found, as the database has it now.
pub(crate) enum Item {
    Article(ArticleCard),
    Video(VideoCard),
}

/// A hit resolved to its article or video, with its highlighted snippet.
pub(crate) struct Hit {
    pub kind: DocKind,
    pub item: Item,
    pub snippet: Vec<SnippetRun>,
}

/// A page of results, in the index's order.
pub(crate) struct Found {
    /// Matches in all, of which `articles` articles and `videos` videos.
    pub total: usize,
    pub articles: usize,
    pub videos: usize,
    /// The counts are estimates (a frequent word: see `kiosque_search::SearchResults`).
    pub estimated: bool,
    pub hits: Vec<Hit>,
}

/// A slug filter: surrounding spaces are dropped, and an empty one is no filter.
pub(crate) fn slug(raw: &str) -> Option<String> {
    let s = raw.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// Midnight in Paris at the start of a day written `2016-12-23`, in milliseconds.
pub(crate) fn day_start(s: &str) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    Some(kiosque_domain::dates::paris_millis(
        d,
        chrono::NaiveTime::from_hms_opt(0, 0, 0),
    ))
}

/// A query with neither words nor filters would list everything: it is not run.
pub(crate) fn asks_nothing(q: &SearchQuery) -> bool {
    q.text.is_empty()
        && q.section.is_none()
        && q.tag.is_none()
        && q.author.is_none()
        && q.from.is_none()
        && q.to.is_none()
}

/// Runs the query and resolves its hits; `None` when this site has no search index.
/// A hit the database no longer has is left out.
pub(crate) async fn run(state: &AppState, query: SearchQuery) -> Result<Option<Found>, AppError> {
    let Some(index) = state.search().cloned() else {
        return Ok(None);
    };
    // The index reads files and scores documents: that work stays off the async runtime.
    let found = tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let ids_of = |kind: DocKind| -> Vec<i64> {
        found
            .hits
            .iter()
            .filter(|h| h.kind == kind)
            .filter_map(|h| i64::try_from(h.id).ok())
            .collect()
    };
    let articles = state
        .store()
        .article_cards(
            &ids_of(DocKind::Article)
                .into_iter()
                .map(ArticleId)
                .collect::<Vec<_>>(),
        )
        .await?;
    let mut videos = Vec::new();
    for id in ids_of(DocKind::Video) {
        if let Some(v) = state.store().video(id).await? {
            videos.push(v);
        }
    }
    let hits = found
        .hits
        .into_iter()
        .filter_map(|h| {
            let id = i64::try_from(h.id).ok()?;
            let item = match h.kind {
                DocKind::Article => {
                    Item::Article(articles.iter().find(|c| c.id == ArticleId(id))?.clone())
                }
                DocKind::Video => Item::Video(videos.iter().find(|v| v.id == id)?.clone()),
            };
            Some(Hit {
                kind: h.kind,
                item,
                snippet: h.snippet,
            })
        })
        .collect();
    Ok(Some(Found {
        total: found.total,
        articles: found.articles,
        videos: found.videos,
        estimated: found.estimated,
        hits,
    }))
}
