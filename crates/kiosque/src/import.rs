//! `kiosque import page FILE…` (and `kiosque import wordpress`, in `wordpress/`): archive pages saved as text become articles. Importing a page
//! again is safe: unchanged, nothing is written; changed, the article gets a new revision in
//! its current section; edited in the newsroom since its last import, it is refused unless
//! `--force`.

use std::path::PathBuf;
use std::process::ExitCode;

use kiosque_store::{PageImport, PageImported, Store};
use sha2::{Digest, Sha256};

use crate::Env;

#[derive(clap::Subcommand)]
pub enum ImportCommand {
    /// Import article pages saved as text (title, standfirst, image lines, body, "À regarder").
    /// Prints the public path of each article created, updated or unchanged on standard
    /// output, and what happened to each file (created, unchanged, updated, refused) on
    /// standard error.
    Page {
        /// Section (slug) of the articles; it must exist. Without it, new articles go into
        /// "archives" (created if missing) and articles imported before keep their section.
        #[arg(long)]
        section: Option<String>,
        /// Replace articles edited in the newsroom since their last import (their newsroom
        /// text stays in the history).
        #[arg(long)]
        force: bool,
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Import a WordPress site from its export file ("Tools → Export", WXR): authors (as
    /// bylines and staff accounts without a password), categories as sections, tags, posts as
    /// articles, pages as site pages, attachments into the media library, comments, and the
    /// old addresses (answered with a 301). Run it again to resume an interrupted import or
    /// bring a newer export: what is unchanged is not written again.
    Wordpress {
        /// WordPress's `wp-content/uploads` folder, where the attachments' files are read.
        /// Without it, attachments stay at their original addresses.
        #[arg(long, value_name = "DIR")]
        media_dir: Option<PathBuf>,
        /// The export file (`.xml`).
        file: PathBuf,
    },
    /// Import a whole site written by `kiosque export DIR` into this one, which must hold no
    /// content yet: every file is checked first, then everything loads in one transaction.
    Site {
        /// The folder `kiosque export` wrote.
        dir: PathBuf,
    },
    /// Import agency wire items in IPTC ninjs (JSON, 1.x or 2.x), one per file, as drafts of
    /// the "Dépêches" section (listed at /admin/depeches). A newer version of an item (same
    /// `uri`) updates its draft and keeps the history; an older one writes nothing.
    Ninjs {
        /// The items (`.json`); pictures they name by a relative path are read beside them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

const DEFAULT_SECTION: &str = "archives";

/// How many files ended each way.
#[derive(Default)]
struct Tally {
    created: usize,
    unchanged: usize,
    updated: usize,
    refused: usize,
    failed: usize,
}

pub async fn run(env: &Env, cmd: ImportCommand) -> anyhow::Result<ExitCode> {
    let (section, force, files) = match cmd {
        ImportCommand::Page {
            section,
            force,
            files,
        } => (section, force, files),
        ImportCommand::Wordpress { media_dir, file } => {
            return crate::wordpress::run(env, &file, media_dir).await;
        }
        ImportCommand::Site { dir } => return crate::site_export::import(env, &dir).await,
        ImportCommand::Ninjs { files } => {
            let store = env.open_store().await?;
            let failed = crate::wire::import_files(&store, &env.media, &files).await?;
            store.close().await;
            return Ok(if failed > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            });
        }
    };
    let store = env.open_store().await?;
    if let Some(section) = &section {
        check_section(&store, section).await?;
    }
    let mut tally = Tally::default();
    for file in &files {
        let shown = file.display();
        match import_one(&store, section.as_deref(), force, file).await {
            Ok(PageImported::Created { path, .. }) => {
                tally.created += 1;
                println!("{path}");
                eprintln!("created: {shown} -> {path}");
            }
            Ok(PageImported::Unchanged { path, .. }) => {
                tally.unchanged += 1;
                println!("{path}");
                eprintln!("unchanged: {shown} -> {path} (same content as its last import)");
            }
            Ok(PageImported::Updated { path, version, .. }) => {
                tally.updated += 1;
                println!("{path}");
                eprintln!("updated: {shown} -> {path} (version {version})");
            }
            Ok(PageImported::Refused {
                id,
                path,
                title,
                version,
                imported_version,
            }) => {
                tally.refused += 1;
                eprintln!(
                    "refused: {shown}: the article {title:?} (id {id}, {path}) was edited in \
                     the newsroom since its last import (version {imported_version} then, \
                     {version} now); nothing was written. Keep the newsroom's version, or run \
                     the import again with --force to replace it with this page (the \
                     newsroom's text stays in the article's history).",
                    id = id.get()
                );
            }
            Err(message) => {
                tally.failed += 1;
                eprintln!("error: {shown}: {message}");
            }
        }
    }
    store.close().await;
    eprintln!(
        "{} created, {} unchanged, {} updated, {} refused, {} not imported",
        tally.created, tally.unchanged, tally.updated, tally.refused, tally.failed
    );
    if tally.failed + tally.refused > 0 {
        Ok(ExitCode::FAILURE)
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

async fn check_section(store: &Store, section: &str) -> anyhow::Result<()> {
    if store.section_by_slug(section).await?.is_some() {
        return Ok(());
    }
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
    )
}

/// What identifies a page's content, compared with the last import's: the article and the
/// videos the page gives, without what depends on the day of the import (the section, the
/// fallback publication time of an undated page, the videos' times).
pub fn digest(page: &kiosque_import::ImportedPage) -> Result<String, String> {
    let content = serde_json::to_vec(&(page.to_draft("", 0), &page.videos))
        .map_err(|e| format!("cannot read the page's content: {e}"))?;
    Ok(hex::encode(Sha256::digest(content)))
}

/// Imports one file in one transaction; the error is a message for the person running the
/// command, and nothing is written for that file.
async fn import_one(
    store: &Store,
    section: Option<&str>,
    force: bool,
    file: &std::path::Path,
) -> Result<PageImported, String> {
    let bytes = tokio::fs::read(file)
        .await
        .map_err(|e| format!("cannot read the file: {e}"))?;
    let page =
        kiosque_import::parse_page(&bytes).map_err(|e| format!("not an article page: {e}"))?;
    let now = chrono::Utc::now().timestamp_millis();
    let draft = page.to_draft(DEFAULT_SECTION, now);
    if section.is_none() {
        ensure_default_section(store, &page.source_key())
            .await
            .map_err(|e| format!("cannot create the section {DEFAULT_SECTION:?}: {e}"))?;
    }
    let videos = page.video_drafts(now);
    let digest = digest(&page)?;
    let imported = store
        .import_page(PageImport {
            draft: &draft,
            videos: &videos,
            digest: &digest,
            section,
            new_section: DEFAULT_SECTION,
            force,
            undated: page.published_on.is_none(),
        })
        .await
        .map_err(|e| format!("cannot store the article: {e}"))?;
    tracing::info!(file = %file.display(), ?imported, videos = videos.len(), "imported");
    Ok(imported)
}

/// Creates the default section for a page that will be a new article in it; a page imported
/// before keeps its section, so its import creates nothing.
async fn ensure_default_section(
    store: &Store,
    source_key: &str,
) -> Result<(), kiosque_store::StoreError> {
    if store.article_by_source_key(source_key).await?.is_some()
        || store.section_by_slug(DEFAULT_SECTION).await?.is_some()
    {
        return Ok(());
    }
    store
        .upsert_section(DEFAULT_SECTION, "Archives", None, None, 1000)
        .await
        .map(|_| ())
}
