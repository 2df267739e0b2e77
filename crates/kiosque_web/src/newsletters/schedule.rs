//! Sending editions. Every node checks every five seconds whether a newsletter's send time
//! (Europe/Paris) has passed today without its edition: it builds the digest and claims the
//! day's edition in the database (`Store::claim_edition`, unique by newsletter and date), so
//! that with several nodes exactly one queues it; the mail queue then sends it. A day with
//! nothing new is recorded too, and sends nothing.

use std::time::Duration;

use kiosque_domain::newsletter::{due_edition, special_edition};
use kiosque_store::{NewsletterRow, Store};

use crate::{AppError, AppState};

/// What sending an edition did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// Queued for this many recipients, with this many articles.
    Queued {
        edition_id: i64,
        recipients: i64,
        articles: i64,
    },
    /// Nothing was published since the last send.
    NothingNew,
    /// Another node (or an earlier run) has this edition.
    AlreadySent,
}

/// Builds and claims the edition `key` of a newsletter at `now`.
pub async fn send_edition(
    store: &Store,
    public_url: &str,
    n: &NewsletterRow,
    key: Option<&str>,
    now: i64,
) -> Result<Sent, AppError> {
    let key = key.map_or_else(|| special_edition(now), str::to_owned);
    if store.edition_exists(n.id, &key).await? {
        return Ok(Sent::AlreadySent);
    }
    let draft = super::digest::build(store, public_url, n, now).await?;
    let empty = kiosque_store::EditionDraft {
        subject: String::new(),
        text: String::new(),
        html: String::new(),
        articles: 0,
        since_at: now,
    };
    let has_news = draft.is_some();
    let draft = draft.unwrap_or(empty);
    // A special edition with nothing in it is not worth a row; a day's is, so that the day is
    // not tried again all day.
    if !has_news && !kiosque_domain::newsletter::is_scheduled(&key) {
        return Ok(Sent::NothingNew);
    }
    Ok(match store.claim_edition(n.id, &key, &draft).await? {
        None => Sent::AlreadySent,
        Some(_) if !has_news => Sent::NothingNew,
        Some(c) => {
            tracing::info!(
                newsletter = %n.name, edition = c.edition_id, recipients = c.recipients,
                "newsletter edition queued"
            );
            Sent::Queued {
                edition_id: c.edition_id,
                recipients: c.recipients,
                articles: draft.articles,
            }
        }
    })
}

/// One look at every newsletter's schedule.
async fn tick(state: &AppState, sync: bool) -> Result<(), AppError> {
    let store = state.store();
    if sync {
        store.sync_newsletters().await?;
    }
    // The newsroom's clock, which tests move.
    let now = state.config().clock.now_ms();
    for n in store.newsletters().await? {
        let Some(key) = due_edition(n.send_minute, now) else {
            continue;
        };
        // Nobody to send to: the day is not claimed, so a first subscriber confirmed later in
        // the day does not move the digest's starting point for nothing.
        if n.confirmed == 0 {
            continue;
        }
        send_edition(store, &state.config().public_url, &n, Some(&key), now).await?;
    }
    Ok(())
}

/// Runs the schedule on this node until the store closes.
pub fn spawn_scheduler(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        // New sections get their newsletter within a minute.
        for round in 0u64.. {
            if state.store().is_closed() {
                return;
            }
            if let Err(e) = tick(&state, round % 12 == 0).await {
                tracing::warn!(error = %e, "newsletters: schedule");
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
    })
}
