//! `kiosque newsletter …`: the newsletters from the command line. `list` prints their names;
//! `send NAME` builds a special edition of one now (what was published since its last send),
//! queues it in the durable mail queue, and delivers it (leave that to the running servers with
//! `--queue-only`).

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use kiosque_jobs::postman::{Pacer, Postman};
use kiosque_web::newsletters::{send_edition, Sent};

use crate::Env;

#[derive(clap::Subcommand)]
pub enum NewsletterCommand {
    /// Print every newsletter: its name (what `send` takes), title, confirmed subscribers and
    /// send time (Paris).
    List {
        /// The language of the titles (`fr`, `en`).
        #[arg(long, env = "KIOSQUE_LANGUAGE", default_value = kiosque_i18n::DEFAULT_LANGUAGE)]
        language: String,
    },
    /// Send a newsletter's digest now (a special edition): nothing when nothing is new.
    Send {
        /// The newsletter's name (`daily`, or a section's slug; see `list`).
        name: String,
        /// The site's public address for links (default: what `kiosque serve` recorded).
        #[arg(long, env = "KIOSQUE_PUBLIC_URL")]
        public_url: Option<String>,
        /// SMTP server (as for `serve`); without it, mail goes to the data folder's outbox.
        #[arg(long, env = "KIOSQUE_SMTP_URL", hide_env_values = true)]
        smtp_url: Option<String>,
        /// Sender of the mail.
        #[arg(
            long,
            env = "KIOSQUE_MAIL_FROM",
            default_value = "Kiosque <noreply@kiosque.local>"
        )]
        mail_from: String,
        /// Messages per second at most (0: no limit).
        #[arg(long, env = "KIOSQUE_MAIL_RATE", default_value_t = 20.0)]
        mail_rate: f64,
        /// The language of the digest (`fr`, `en`).
        #[arg(long, env = "KIOSQUE_LANGUAGE", default_value = kiosque_i18n::DEFAULT_LANGUAGE)]
        language: String,
        /// Only queue the edition: the running servers send it.
        #[arg(long)]
        queue_only: bool,
    },
}

pub async fn run(env: &Env, cmd: NewsletterCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        NewsletterCommand::List { language } => {
            kiosque_i18n::install(&language).context("--language")?;
            let store = env.open_store().await?;
            store.sync_newsletters().await?;
            for n in store.newsletters().await? {
                println!(
                    "{}\t{}\t{} confirmed\t{}",
                    n.name,
                    kiosque_web::newsletters::names::title(&n),
                    n.confirmed,
                    kiosque_domain::newsletter::send_time_label(n.send_minute)
                );
            }
            store.close().await;
        }
        NewsletterCommand::Send {
            name,
            public_url,
            smtp_url,
            mail_from,
            mail_rate,
            language,
            queue_only,
        } => {
            kiosque_i18n::install(&language).context("--language")?;
            let store = env.open_store().await?;
            store.sync_newsletters().await?;
            let Some(n) = store.newsletter_by_name(&name).await? else {
                store.close().await;
                anyhow::bail!("there is no newsletter {name:?} (see `kiosque newsletter list`)");
            };
            let public_url = match public_url {
                Some(u) if !u.trim().is_empty() => u,
                _ => store
                    .meta(kiosque_web::PUBLIC_URL_META)
                    .await?
                    .unwrap_or_else(|| "http://127.0.0.1:8080".to_owned()),
            };
            let now = chrono::Utc::now().timestamp_millis();
            let sent = send_edition(&store, &public_url, &n, None, now)
                .await
                .map_err(|e| anyhow::anyhow!("cannot build the digest: {e}"))?;
            let Sent::Queued {
                edition_id,
                recipients,
                articles,
            } = sent
            else {
                println!("nothing new since the last send of {name}: nothing sent");
                store.close().await;
                return Ok(ExitCode::SUCCESS);
            };
            println!(
                "edition {edition_id} of {name}: {articles} article(s), {recipients} recipient(s) queued"
            );
            if !queue_only && recipients > 0 {
                let mailer = match &smtp_url {
                    Some(url) if !url.trim().is_empty() => {
                        kiosque_mail::Mailer::smtp(url, &mail_from)
                    }
                    _ => kiosque_mail::Mailer::outbox(&env.data_dir.join("outbox"), &mail_from),
                }
                .context("cannot set up outgoing mail")?;
                let postman = Arc::new(Postman::new(store.clone(), mailer, &public_url));
                let started = std::time::Instant::now();
                postman.drain(&Pacer::new(mail_rate)).await?;
                let seconds = started.elapsed().as_secs_f64();
                let e = store
                    .recent_editions(n.id, 5)
                    .await?
                    .into_iter()
                    .find(|e| e.id == edition_id);
                if let Some(e) = e {
                    println!(
                        "sent {} in {seconds:.1} s ({:.0} messages/s), {} failed, {} waiting",
                        e.sent,
                        e.sent as f64 / seconds.max(0.001),
                        e.failed,
                        e.waiting
                    );
                }
            }
            store.close().await;
        }
    }
    Ok(ExitCode::SUCCESS)
}
