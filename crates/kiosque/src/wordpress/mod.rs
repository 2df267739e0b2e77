//! `kiosque import wordpress FILE.xml [--media-dir DIR]`: a WordPress site (its "Tools →
//! Export" file) becomes a Kiosque site.
//!
//! The file is read twice as a stream, one entry at a time, so memory stays flat whatever its
//! size. The first reading only checks it and gathers what posts refer to (authors,
//! categories, tags, attachments): a file cut short or broken is refused before anything is
//! written. The second writes the posts, pages and comments, each in its own transaction.
//! Everything is stored under the key of where it came from, so an import run again (after
//! an interruption, or on a newer export) skips what it already wrote and updates what
//! changed, without duplicating anything.

mod gather;
mod items;
mod media;
mod structure;
mod tally;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use kiosque_import::wordpress::Entry;

use gather::{gather, open};
use tally::Tally;

use crate::Env;

/// How many items between two progress lines.
const PROGRESS_EVERY: usize = 10_000;

/// Runs the whole import; the exit status fails when an item could not be imported.
pub async fn run(env: &Env, file: &Path, media_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &media_dir {
        anyhow::ensure!(
            dir.is_dir(),
            "--media-dir {}: no such folder (give WordPress's wp-content/uploads)",
            dir.display()
        );
    }
    let gathered = gather(file)?;
    let total = gathered.items;
    let store = env.open_store().await?;
    let mut tally = Tally::default();
    let known = structure::write(&store, &gathered, &mut tally).await?;
    let library =
        media::import_all(&store, env, &gathered, media_dir.as_deref(), &mut tally).await?;
    let mut importer = items::Importer {
        store: &store,
        site: &gathered.site,
        structure: &known,
        library: &library,
        tally: &mut tally,
    };
    let mut reader = open(file)?;
    let mut seen = 0usize;
    while let Some(entry) = reader
        .next_entry()
        .with_context(|| format!("{} changed while it was imported", file.display()))?
    {
        let Entry::Item(item) = entry else { continue };
        importer.item(&item).await?;
        seen += 1;
        if seen.is_multiple_of(PROGRESS_EVERY) {
            eprintln!("… {seen} of {total} items");
        }
    }
    store.close().await;
    tally.print();
    Ok(if tally.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
