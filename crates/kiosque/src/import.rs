//! `kiosque import page FILE…`: archive pages saved as text become articles.

use std::path::PathBuf;
use std::process::ExitCode;

use kiosque_store::Store;

use crate::Env;

#[derive(clap::Subcommand)]
pub enum ImportCommand {
    /// Import article pages saved as text (title, standfirst, image lines, body, "À regarder").
    /// Prints the public path of each article created or updated.
    Page {
        /// Section (slug) the articles go into. The default, "archives", is created if missing;
        /// any other section must exist.
        #[arg(long, default_value = DEFAULT_SECTION)]
        section: String,
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

const DEFAULT_SECTION: &str = "archives";

pub async fn run(env: &Env, cmd: ImportCommand) -> anyhow::Result<ExitCode> {
    let ImportCommand::Page { section, files } = cmd;
    let store = env.open_store().await?;
    if store.section_by_slug(&section).await?.is_none() {
        if section == DEFAULT_SECTION {
            store
                .upsert_section(DEFAULT_SECTION, "Archives", None, None, 1000)
                .await?;
        } else {
            let known: Vec<String> = store
                .sections()
                .await?
                .into_iter()
                .map(|s| s.slug)
                .collect();
            anyhow::bail!(
                "there is no section {section:?}; known sections: {}",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            );
        }
    }
    let mut failures = 0;
    for file in &files {
        match import_one(&store, &section, file).await {
            Ok(path) => println!("{path}"),
            Err(message) => {
                failures += 1;
                eprintln!("error: {}: {message}", file.display());
            }
        }
    }
    store.close().await;
    if failures > 0 {
        eprintln!("{failures} of {} file(s) not imported", files.len());
        Ok(ExitCode::FAILURE)
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// Imports one file in one transaction; the error is a message for the person running the
/// command, and nothing is written for that file.
pub async fn import_one(
    store: &Store,
    section: &str,
    file: &std::path::Path,
) -> Result<String, String> {
    let bytes = tokio::fs::read(file)
        .await
        .map_err(|e| format!("cannot read the file: {e}"))?;
    let page =
        kiosque_import::parse_page(&bytes).map_err(|e| format!("not an article page: {e}"))?;
    let now = chrono::Utc::now().timestamp_millis();
    let draft = page.to_draft(section, now);
    let videos = page.video_drafts(now);
    let (article, written) = store
        .upsert_article_with_videos(&draft, &videos)
        .await
        .map_err(|e| format!("cannot store the article: {e}"))?;
    tracing::info!(
        file = %file.display(),
        article.id = article.id.get(),
        created = article.created,
        videos = written.len(),
        "imported"
    );
    Ok(article.path)
}
