//! `kiosque article …`: publish or take down an article from the command line (scripts,
//! emergencies). Pages, feeds, search and webhooks follow as they do for the newsroom.

use std::process::ExitCode;

use kiosque_domain::ArticleStatus;

use crate::Env;

#[derive(clap::Subcommand)]
pub enum ArticleCommand {
    /// Put an article online (it keeps its first publication time if it had one).
    Publish {
        /// The article's id (the number at the end of its URL).
        id: i64,
    },
    /// Take an article offline: its page answers 404, it leaves lists, feeds and search.
    Unpublish { id: i64 },
}

pub async fn run(env: &Env, cmd: ArticleCommand) -> anyhow::Result<ExitCode> {
    let (id, status) = match cmd {
        ArticleCommand::Publish { id } => (id, ArticleStatus::Published),
        ArticleCommand::Unpublish { id } => (id, ArticleStatus::Unpublished),
    };
    let store = env.open_store().await?;
    let result = store
        .set_article_status(kiosque_domain::ArticleId(id), status)
        .await;
    store.close().await;
    match result {
        Ok(path) => {
            println!("article {id}: {} ({path})", status.as_str());
            Ok(ExitCode::SUCCESS)
        }
        Err(kiosque_store::StoreError::NotFound) => anyhow::bail!("there is no article {id}"),
        Err(e) => Err(e.into()),
    }
}
