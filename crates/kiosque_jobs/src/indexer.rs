//! The search index follows the database: a follower with its own cursor on the change log
//! updates the documents of the articles and videos a change touched (within a poll interval,
//! 250 ms), and a rebuild fills an index that is new or was emptied for a new schema.

use std::sync::Arc;

use kiosque_domain::change::Key;
use kiosque_domain::{ArticleId, ArticleStatus, VideoId};
use kiosque_search::{ArticleDoc, SearchIndex, VideoDoc};
use kiosque_store::{Change, SectionRow, Store, StoreError, VideoCard};

/// A database id as a document id. Ids are positive (`bigint` keys from a sequence); one that is
/// not is a corrupt row, reported instead of being indexed under a wrong number.
fn doc_id(id: i64) -> Result<u64, IndexingError> {
    u64::try_from(id).map_err(|_| IndexingError::BadId(id))
}

/// The indexed form of an article, or `None` when readers must not find it.
pub async fn doc_for(
    store: &Store,
    sections: &[SectionRow],
    id: ArticleId,
) -> Result<Option<ArticleDoc>, IndexingError> {
    let Some(a) = store.article(id).await? else {
        return Ok(None);
    };
    if a.status != ArticleStatus::Published {
        return Ok(None);
    }
    let mut chain = vec![a.section.slug.clone()];
    let mut parent = a.section.parent_id;
    while let Some(p) = parent.and_then(|p| sections.iter().find(|s| s.id == p)) {
        chain.push(p.slug.clone());
        parent = p.parent_id;
    }
    Ok(Some(ArticleDoc {
        id: doc_id(a.id.get())?,
        title: a.title.clone(),
        // No standfirst is nothing to search, not a failure.
        standfirst: a.standfirst.clone().unwrap_or_default(),
        body: a
            .body
            .iter()
            .map(|b| b.text())
            .collect::<Vec<_>>()
            .join("\n"),
        sections: chain,
        section_name: a.section.name.clone(),
        tags: a.tags.iter().map(|t| t.slug.clone()).collect(),
        tag_names: a.tags.iter().map(|t| t.name.clone()).collect(),
        authors: a.authors.iter().map(|x| x.slug.clone()).collect(),
        author_names: a.authors.iter().map(|x| x.name.clone()).collect(),
        // A published article always has its publication time (the store stamps it).
        published_at: a.published_at.unwrap_or_default(),
    }))
}

/// The indexed form of a video. Videos have no status: every video is public.
pub fn video_doc(v: &VideoCard) -> Result<VideoDoc, IndexingError> {
    // `VideoCard` does not carry the video's section (nor does any read of the store), so a
    // video is found by its title only, and a section filter leaves it out.
    Ok(VideoDoc {
        id: doc_id(v.id)?,
        title: v.title.clone(),
        sections: Vec::new(),
        section_name: String::new(),
        published_at: v.published_at,
    })
}

/// Errors of the glue between the store and the index.
#[derive(Debug, thiserror::Error)]
pub enum IndexingError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Search(#[from] kiosque_search::SearchError),
    #[error("indexing task: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("id {0} cannot be a search document's id")]
    BadId(i64),
}

/// Updates (or removes) the documents of these articles, in one commit.
pub async fn update(
    store: &Store,
    index: &Arc<SearchIndex>,
    ids: &[ArticleId],
) -> Result<(), IndexingError> {
    let sections = store.sections().await?;
    let mut upserts = Vec::new();
    let mut deleted = Vec::new();
    for id in ids {
        match doc_for(store, &sections, *id).await? {
            Some(doc) => upserts.push(doc),
            None => deleted.push(doc_id(id.get())?),
        }
    }
    let index = index.clone();
    tokio::task::spawn_blocking(move || index.apply(&upserts, &deleted)).await??;
    Ok(())
}

/// Updates (or removes, when they no longer exist) the documents of these videos, in one commit.
pub async fn update_videos(
    store: &Store,
    index: &Arc<SearchIndex>,
    ids: &[VideoId],
) -> Result<(), IndexingError> {
    let mut upserts = Vec::new();
    let mut deleted = Vec::new();
    for id in ids {
        match store.video(id.get()).await? {
            Some(v) => upserts.push(video_doc(&v)?),
            None => deleted.push(doc_id(id.get())?),
        }
    }
    let index = index.clone();
    tokio::task::spawn_blocking(move || index.apply_videos(&upserts, &deleted)).await??;
    Ok(())
}

/// Empties the index and fills it with every published article and every video, then merges
/// it into one segment. Returns how many articles (the videos are counted in the log).
pub async fn rebuild(store: &Store, index: &Arc<SearchIndex>) -> Result<usize, IndexingError> {
    let started = std::time::Instant::now();
    let i = index.clone();
    tokio::task::spawn_blocking(move || i.clear()).await??;
    let mut after = ArticleId(0);
    let mut count = 0;
    loop {
        let ids = store.published_article_ids(after, 500).await?;
        let Some(last) = ids.last() else { break };
        after = *last;
        count += ids.len();
        update(store, index, &ids).await?;
    }
    let mut videos = 0;
    let mut cursor = None;
    loop {
        let page = store.video_page(cursor, 500).await?;
        videos += page.items.len();
        let docs = page
            .items
            .iter()
            .map(video_doc)
            .collect::<Result<Vec<_>, _>>()?;
        if !docs.is_empty() {
            let i = index.clone();
            tokio::task::spawn_blocking(move || i.apply_videos(&docs, &[])).await??;
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    // Batch by batch, the build left many segments; one answers searches faster.
    let i = index.clone();
    tokio::task::spawn_blocking(move || i.compact()).await??;
    tracing::info!(
        articles = count,
        videos,
        seconds = started.elapsed().as_secs_f64(),
        "search index rebuilt"
    );
    Ok(count)
}

/// What the indexer needs: the index, whether it must be filled from the database first, and
/// where it keeps its place in the change log.
pub struct Indexer {
    pub index: Arc<SearchIndex>,
    /// The index is new or was emptied: fill it from the database first.
    pub rebuild: bool,
    /// Where the indexer keeps its place in the change log (beside the index), so that changes
    /// made while the server was stopped (an import, another node) are applied at the next
    /// start. `None`: start from the log's end.
    pub cursor_file: Option<std::path::PathBuf>,
    /// The last change the index has applied, for an operator's lag figure (`/metrics`); 0
    /// until the indexer has started.
    pub position: Arc<std::sync::atomic::AtomicI64>,
}

/// Follows the change log for the index, with its own cursor, until the store is closed.
pub fn spawn_indexer(store: Store, indexer: Indexer) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let Indexer {
            index,
            rebuild: rebuild_first,
            cursor_file,
            position,
        } = indexer;
        let saved = match cursor_file.as_ref().map(std::fs::read_to_string) {
            Some(Ok(s)) => match s.trim().parse::<i64>() {
                Ok(c) => Some(c),
                Err(e) => {
                    tracing::warn!(error = %e, "search index cursor unreadable: rebuilding");
                    None
                }
            },
            // No cursor yet: a new index, or one built before cursors were kept.
            Some(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => None,
            Some(Err(e)) => {
                tracing::warn!(error = %e, "search index cursor unreadable: rebuilding");
                None
            }
            None => None,
        };
        let cursor = match (rebuild_first, saved) {
            (false, Some(c)) => c,
            // A rebuild (or an index without a cursor) covers everything up to the log's end.
            _ => match store.last_change_id().await {
                Ok(c) => c,
                Err(e) => {
                    tracing::error!(error = %e, "search indexer cannot start");
                    return;
                }
            },
        };
        if rebuild_first || saved.is_none() {
            if let Err(e) = rebuild(&store, &index).await {
                if store.is_closed() {
                    return;
                }
                tracing::error!(error = %e, "search index rebuild failed");
            }
            save_cursor(cursor_file.as_deref(), cursor);
        }
        position.store(cursor, std::sync::atomic::Ordering::Relaxed);
        let s = store.clone();
        crate::follow::follow(store, "search index", cursor, move |changes| {
            let (store, index, file) = (s.clone(), index.clone(), cursor_file.clone());
            let position = position.clone();
            async move {
                let last = changes.last().map(|c| c.id);
                let (ids, video_ids) = touched(&changes);
                if !ids.is_empty() {
                    update(&store, &index, &ids).await?;
                }
                if !video_ids.is_empty() {
                    // Should this fail, the articles are updated again with it: harmless.
                    update_videos(&store, &index, &video_ids).await?;
                }
                if let Some(last) = last {
                    save_cursor(file.as_deref(), last);
                    position.store(last, std::sync::atomic::Ordering::Relaxed);
                }
                Ok::<(), IndexingError>(())
            }
        })
        .await;
    })
}

/// The articles and videos the changes touched, once each, in id order.
fn touched(changes: &[Change]) -> (Vec<ArticleId>, Vec<VideoId>) {
    let mut articles = Vec::new();
    let mut videos = Vec::new();
    for key in changes.iter().flat_map(|c| &c.keys) {
        match key {
            Key::Article(id) => articles.push(*id),
            Key::Video(id) => videos.push(*id),
            _ => {}
        }
    }
    articles.sort_unstable();
    articles.dedup();
    videos.sort_unstable();
    videos.dedup();
    (articles, videos)
}

fn save_cursor(file: Option<&std::path::Path>, cursor: i64) {
    if let Some(f) = file {
        if let Err(e) = std::fs::write(f, cursor.to_string()) {
            tracing::warn!(error = %e, "cannot save the search index cursor");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touched_ids_are_read_by_kind() {
        let change = |id, keys: &str| Change {
            id,
            keys: kiosque_domain::change::decode(keys).0,
        };
        let changes = vec![
            change(1, "article:12 section:3 front videos"),
            change(2, "video:12 videos"),
            change(3, "video:7 videos"),
            change(4, "article:12 comments:12"),
        ];
        let (articles, videos) = touched(&changes);
        assert_eq!(articles, [ArticleId(12)]);
        assert_eq!(videos, [VideoId(7), VideoId(12)]);
    }
}
