//! Reading around an article: "Les plus lus" (front page and article pages), "À lire aussi",
//! and the article's own extras (reading time, share links). Each returns the change keys
//! the page then depends on.

use kiosque_domain::change::Key;
use kiosque_domain::readership::{self, CLOSE_TEXT};
use kiosque_domain::typography::headline;
use kiosque_domain::ArticleId;
use kiosque_store::{ArticleCard, ArticleView};

use crate::extras::{ArticleExtras, MostReadItem, ShareLinks};
use crate::readership::{MOST_READ_LEN, WINDOW_MS};
use crate::{AppError, AppState};

/// "À lire aussi" lists this many articles at most.
const RELATED_LEN: usize = 4;
/// Candidates read from the database for the ranking.
const CANDIDATES: i64 = 200;

/// "Les plus lus": the most viewed articles of the last two days. The page depends on
/// `Key::MostRead` (the ranking) and on each listed article (its title).
pub(crate) async fn most_read(state: &AppState) -> Result<(Vec<MostReadItem>, Vec<Key>), AppError> {
    let now = chrono::Utc::now().timestamp_millis();
    let cards = state
        .store()
        .most_read(now - WINDOW_MS, MOST_READ_LEN)
        .await?;
    let mut keys = vec![Key::MostRead];
    keys.extend(cards.iter().map(|c| Key::Article(c.id)));
    let items = cards
        .iter()
        .map(|c| MostReadItem {
            href: c.path(),
            title: headline(&c.title),
        })
        .collect();
    Ok((items, keys))
}

/// The article's reading time and share links, with "Les plus lus".
pub(crate) fn article_extras(
    state: &AppState,
    article: &ArticleView,
    canonical: &str,
    most_read: Vec<MostReadItem>,
) -> ArticleExtras {
    let words =
        readership::word_count(&article.title, article.standfirst.as_deref(), &article.body);
    ArticleExtras {
        reading_minutes: readership::reading_minutes(words),
        share: ShareLinks::new(&state.config().link(canonical), &article.title),
        most_read: most_read
            .into_iter()
            .filter(|m| m.href != canonical)
            .collect(),
    }
}

/// "À lire aussi": articles sharing tags, then the section, then the most recent, then text
/// (`kiosque_domain::readership::related`); never one with nothing in common. The page
/// depends on each listed article, so a changed title or an unpublished article shows at
/// once; articles published later reach the list when the page is next rendered.
pub(crate) async fn related(
    state: &AppState,
    article: &ArticleView,
) -> Result<(Vec<ArticleCard>, Vec<Key>), AppError> {
    let store = state.store();
    let sections = store.sections().await?;
    let top = article
        .parent_section
        .as_ref()
        .map_or(article.section.id, |p| p.id);
    let family = kiosque_store::subtree(&sections, top);
    let mut candidates = store
        .related_candidates(article.id, article.section.id, &family, CANDIDATES)
        .await?;
    let similar = similar_texts(state, article.id);
    for c in &mut candidates {
        c.similarity = similar.iter().position(|s| *s == c.id);
    }
    let now = chrono::Utc::now().timestamp_millis();
    let ids = readership::related(now, &candidates, RELATED_LEN);
    // Cards, not views: the page builds their thumbnails with its other pictures.
    let cards = store.article_cards(&ids).await?;
    Ok((cards, ids.into_iter().map(Key::Article).collect()))
}

/// The articles whose text is closest to this one's, closest first, from the search index.
/// Suggestions are not worth failing the article for: a broken index is logged, and the
/// ranking goes on without text.
fn similar_texts(state: &AppState, id: ArticleId) -> Vec<ArticleId> {
    let (Some(index), Ok(doc)) = (state.search(), u64::try_from(id.get())) else {
        return Vec::new();
    };
    match index.related(doc, CLOSE_TEXT * 2) {
        Ok(ids) => ids
            .into_iter()
            .filter_map(|r| i64::try_from(r).ok().map(ArticleId))
            .collect(),
        Err(e) => {
            tracing::error!(article = id.get(), error = %e, "related articles: search failed");
            Vec::new()
        }
    }
}
