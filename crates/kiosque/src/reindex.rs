//! `kiosque reindex`: rebuild the search index from the database.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use crate::Env;

pub async fn run(env: &Env) -> anyhow::Result<ExitCode> {
    let store = env.open_store().await?;
    let dir = kiosque_search::SearchIndex::dir_of(&env.data_dir);
    let (index, _) = kiosque_search::SearchIndex::open(&dir)
        .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
    let index = Arc::new(index);
    let cursor = store.last_change_id().await?;
    match kiosque_jobs::indexer::rebuild(&store, &index).await {
        Ok(n) => {
            std::fs::write(dir.join("kiosque-cursor"), cursor.to_string())
                .context("cannot save the index cursor")?;
            println!("search index rebuilt: {n} articles");
            store.close().await;
            Ok(ExitCode::SUCCESS)
        }
        Err(kiosque_jobs::indexer::IndexingError::Search(
            e @ kiosque_search::SearchError::Busy(_),
        )) => {
            anyhow::bail!(
                "the search index is in use by a running server, which keeps it up to date by \
                 itself; stop the server to rebuild it ({e})"
            )
        }
        Err(e) => Err(e.into()),
    }
}
