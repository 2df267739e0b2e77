//! `kiosque alert …`: the breaking-news banner from the command line. It writes to the same
//! database as the server, and the write's change-log row makes every running node show or
//! hide the banner within its poll of the log.

use std::process::ExitCode;

use kiosque_domain::account;
use kiosque_domain::alert::{parse_duration, AlertDraft, AlertError};
use kiosque_domain::UserId;

use crate::Env;

#[derive(clap::Subcommand)]
pub enum AlertCommand {
    /// Show a breaking-news banner on every public page (ends the one showing).
    Send {
        /// The alert's text (one sentence).
        #[arg(long)]
        text: String,
        /// Where the banner leads: a path on the site (/monde/…) or an http(s) URL.
        #[arg(long, default_value = "")]
        link: String,
        /// How long it shows: 30m, 2h, 1h30m (1 minute to 24 hours).
        #[arg(long, value_name = "DURATION")]
        expires: String,
        /// The editor or admin it is sent as (recorded in the log, role checked); without it,
        /// the log says it came from the command line.
        #[arg(long, value_name = "EMAIL")]
        by: Option<String>,
    },
    /// End the banner showing.
    End {
        /// The editor or admin who ends it (as for `send`).
        #[arg(long, value_name = "EMAIL")]
        by: Option<String>,
    },
}

async fn person(
    store: &kiosque_store::Store,
    by: Option<String>,
) -> anyhow::Result<Option<UserId>> {
    let Some(by) = by else { return Ok(None) };
    let email = account::normalize_email(&by).map_err(|e| anyhow::anyhow!("{e}"))?;
    match store.user_by_email(&email).await? {
        Some(u) => Ok(Some(u.id)),
        None => anyhow::bail!("there is no account {email}"),
    }
}

fn refused(e: kiosque_store::StoreError) -> anyhow::Error {
    match e {
        kiosque_store::StoreError::Forbidden => {
            anyhow::anyhow!("only an editor or an admin may send or end an alert")
        }
        e => e.into(),
    }
}

pub async fn run(env: &Env, cmd: AlertCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        AlertCommand::Send {
            text,
            link,
            expires,
            by,
        } => {
            // Checked before opening the database: a typo costs nothing.
            let duration = parse_duration(&expires).unwrap_or(0);
            let draft = AlertDraft::new(&text, &link, duration).map_err(|errors| {
                let reasons: Vec<String> = errors
                    .iter()
                    .map(|e| format!("--{}: {}", flag(*e), e.message()))
                    .collect();
                anyhow::anyhow!("{}", reasons.join("\n"))
            })?;
            let store = env.open_store().await?;
            let by = person(&store, by).await?;
            let id = store.send_alert(by, &draft).await.map_err(refused)?;
            store.close().await;
            println!("{}", kiosque_i18n::t1("alert-cli-sent", "id", id));
        }
        AlertCommand::End { by } => {
            let store = env.open_store().await?;
            let by = person(&store, by).await?;
            let ended = store.end_alert(by).await.map_err(refused)?;
            store.close().await;
            if ended {
                println!("{}", kiosque_i18n::t("alert-cli-ended"));
            } else {
                println!("{}", kiosque_i18n::t("alert-cli-none"));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The command-line flag an error is about.
fn flag(e: AlertError) -> &'static str {
    match e.field() {
        "text" => "text",
        "link" => "link",
        _ => "expires",
    }
}
