//! The search index follows the database: a follower with its own cursor on the change log
//! updates the documents of the articles a change touched (within a poll interval, 250 ms), and
//! a rebuild fills an index that is new or was emptied for a new schema.

use std::sync::Arc;
use std::time::Duration;

use kiosque_domain::ArticleStatus;
use kiosque_search::{ArticleDoc, SearchIndex};
use kiosque_store::{SectionRow, Store, StoreError};

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

/// Empties the index and fills it with every published article. Returns how many.
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
    tracing::info!(
        articles = count,
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
            let mut ids: Vec<i64> = changes
                .iter()
                .flat_map(|(_, t)| t.split_whitespace())
                .filter_map(|k| k.strip_prefix("article:"))
                .filter_map(|id| id.parse().ok())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            if !ids.is_empty() {
                if let Err(e) = update(&store, &index, &ids).await {
                    // Keep the cursor: the next round tries these changes again.
                    tracing::warn!(error = %e, "search index update failed");
                    continue;
                }
            }
            cursor = last;
            save_cursor(cursor_file.as_deref(), cursor);
        }
    });
}

fn save_cursor(file: Option<&std::path::Path>, cursor: i64) {
    if let Some(f) = file {
        if let Err(e) = std::fs::write(f, cursor.to_string()) {
            tracing::warn!(error = %e, "cannot save the search index cursor");
        }
    }
}
