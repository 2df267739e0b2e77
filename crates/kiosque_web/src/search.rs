//! The search index follows the database: a follower with its own cursor on the change log
//! updates the documents of the articles and videos a change touched (within a poll interval,
//! 250 ms), and a rebuild fills an index that is new or was emptied for a new schema.

use std::sync::Arc;
use std::time::Duration;

use kiosque_domain::ArticleStatus;
use kiosque_search::{ArticleDoc, SearchIndex, VideoDoc};
use kiosque_store::{SectionRow, Store, StoreError, VideoCard};

/// The indexed form of an article, or `None` when readers must not find it.
pub async fn doc_for(
    store: &Store,
    sections: &[SectionRow],
    id: i64,
) -> Result<Option<ArticleDoc>, StoreError> {
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
        id: u64::try_from(a.id).unwrap_or_default(),
        title: a.title.clone(),
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
        published_at: a.published_at.unwrap_or_default(),
    }))
}

/// The indexed form of a video. Videos have no status: every video is public.
pub fn video_doc(v: &VideoCard) -> VideoDoc {
    // `VideoCard` does not carry the video's section (nor does any read of the store), so a
    // video is found by its title only, and a section filter leaves it out.
    VideoDoc {
        id: u64::try_from(v.id).unwrap_or_default(),
        title: v.title.clone(),
        sections: Vec::new(),
        section_name: String::new(),
        published_at: v.published_at,
    }
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
}

/// Updates (or removes) the documents of these articles, in one commit.
pub async fn update(
    store: &Store,
    index: &Arc<SearchIndex>,
    ids: &[i64],
) -> Result<(), IndexingError> {
    let sections = store.sections().await?;
    let mut upserts = Vec::new();
    let mut deleted = Vec::new();
    for id in ids {
        match doc_for(store, &sections, *id).await? {
            Some(doc) => upserts.push(doc),
            None => deleted.push(u64::try_from(*id).unwrap_or_default()),
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
    ids: &[i64],
) -> Result<(), IndexingError> {
    let mut upserts = Vec::new();
    let mut deleted = Vec::new();
    for id in ids {
        match store.video(*id).await? {
            Some(v) => upserts.push(video_doc(&v)),
            None => deleted.push(u64::try_from(*id).unwrap_or_default()),
        }
    }
    let index = index.clone();
    tokio::task::spawn_blocking(move || index.apply_videos(&upserts, &deleted)).await??;
    Ok(())
}

/// Empties the index and fills it with every published article and every video. Returns how
/// many articles (the videos are counted in the log).
pub async fn rebuild(store: &Store, index: &Arc<SearchIndex>) -> Result<usize, IndexingError> {
    let started = std::time::Instant::now();
    let i = index.clone();
    tokio::task::spawn_blocking(move || i.clear()).await??;
    let mut after = 0;
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
        let docs: Vec<VideoDoc> = page.items.iter().map(video_doc).collect();
        if !docs.is_empty() {
            let i = index.clone();
            tokio::task::spawn_blocking(move || i.apply_videos(&docs, &[])).await??;
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    tracing::info!(
        articles = count,
        videos,
        seconds = started.elapsed().as_secs_f64(),
        "search index rebuilt"
    );
    Ok(count)
}

/// Follows the change log for the index, with its own cursor, until the runtime stops. The
/// cursor is kept in `cursor_file` beside the index, so that changes made while the server was
/// stopped (an import, another node) are applied at the next start.
pub fn spawn_indexer(
    store: Store,
    index: Arc<SearchIndex>,
    rebuild_first: bool,
    cursor_file: Option<std::path::PathBuf>,
) {
    tokio::spawn(async move {
        let saved = cursor_file
            .as_ref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .and_then(|s| s.trim().parse::<i64>().ok());
        let mut cursor = match (rebuild_first, saved) {
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
        let mut local = store.watch_local_writes();
        loop {
            tokio::select! {
                () = tokio::time::sleep(Duration::from_millis(250)) => {},
                _ = local.changed() => {},
            }
            // The server is stopping: the pool is closed, so is the follower.
            if store.is_closed() {
                return;
            }
            let changes = match store.changes_since(cursor, 1000).await {
                Ok(c) => c,
                Err(e) => {
                    tracing::warn!(error = %e, "search indexer cannot read the change log");
                    continue;
                }
            };
            let Some((last, _)) = changes.last() else {
                continue;
            };
            let last = *last;
            let ids = touched(&changes, "article:");
            let video_ids = touched(&changes, "video:");
            if !ids.is_empty() {
                if let Err(e) = update(&store, &index, &ids).await {
                    // Keep the cursor: the next round tries these changes again.
                    tracing::warn!(error = %e, "search index update failed");
                    continue;
                }
            }
            if !video_ids.is_empty() {
                if let Err(e) = update_videos(&store, &index, &video_ids).await {
                    // As above; updating the articles again is harmless.
                    tracing::warn!(error = %e, "search index update failed");
                    continue;
                }
            }
            cursor = last;
            save_cursor(cursor_file.as_deref(), cursor);
        }
    });
}

/// The ids of the log entries' `touches` that start with `prefix` (`article:`, `video:`), once
/// each, in order.
fn touched(changes: &[(i64, String)], prefix: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = changes
        .iter()
        .flat_map(|(_, t)| t.split_whitespace())
        .filter_map(|k| k.strip_prefix(prefix))
        .filter_map(|id| id.parse().ok())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
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
    use super::touched;

    #[test]
    fn touched_ids_are_read_by_kind() {
        let changes = vec![
            (1, "article:12 section:3 front videos".to_owned()),
            (2, "video:12 videos".to_owned()),
            (3, "video:7 videos".to_owned()),
            (4, "article:12 comments:12 video:x".to_owned()),
        ];
        assert_eq!(touched(&changes, "article:"), [12]);
        assert_eq!(touched(&changes, "video:"), [7, 12]);
    }
}
