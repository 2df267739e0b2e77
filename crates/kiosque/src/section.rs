//! `kiosque section …`: section settings from the command line (until the newsroom has them).

use std::process::ExitCode;

use kiosque_domain::CommentMode;

use crate::Env;

#[derive(clap::Subcommand)]
pub enum SectionCommand {
    /// Set a section's comment rules: its default mode and whether comments close after an age.
    Comments {
        /// The section's slug (e.g. monde).
        slug: String,
        /// Default mode for the section's articles: open, pre_moderated, closed, or "site" for
        /// the site default (open). An article's own mode may be stricter, never more open.
        #[arg(long, default_value = "site")]
        mode: String,
        /// Close comments this many days after publication (0 or absent: never).
        #[arg(long)]
        close_after_days: Option<i64>,
    },
}

pub async fn run(env: &Env, cmd: SectionCommand) -> anyhow::Result<ExitCode> {
    let SectionCommand::Comments {
        slug,
        mode,
        close_after_days,
    } = cmd;
    let mode = match mode.as_str() {
        "site" => None,
        m => Some(CommentMode::parse(m).ok_or_else(|| {
            anyhow::anyhow!("unknown mode {m:?}: use open, pre_moderated, closed or site")
        })?),
    };
    if close_after_days.is_some_and(|d| d < 0) {
        anyhow::bail!("--close-after-days must be 0 or more");
    }
    let store = env.open_store().await?;
    match store
        .set_section_comment_settings(&slug, mode, close_after_days.filter(|d| *d > 0))
        .await
    {
        Ok(()) => {}
        Err(kiosque_store::StoreError::NotFound) => anyhow::bail!("there is no section {slug:?}"),
        Err(e) => return Err(e.into()),
    }
    store.close().await;
    println!(
        "section {slug}: comments {}, {}",
        mode.map_or("as the site default (open)", |m| m.as_str()),
        match close_after_days.filter(|d| *d > 0) {
            Some(d) => format!("closing {d} days after publication"),
            None => "never closing by age".to_owned(),
        }
    );
    Ok(ExitCode::SUCCESS)
}
