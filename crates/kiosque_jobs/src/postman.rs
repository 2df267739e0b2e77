//! Sends what the durable mail queue holds. Every message was stored by
//! [`kiosque_store::Store::queue_mail`] (or by an edition's claim) before any try; the postman
//! claims due rows with a lease, sends each through the [`Mailer`] with its `Message-ID`, marks
//! it sent as soon as the server accepted it, and on failure puts it back with a growing delay
//! (`retry_base × 4ⁿ`) until it gives up. A node that stops holds no message for long: its
//! leases run out and another node (or itself, restarted) takes the rows it had not sent.
//!
//! A crash between the server's acceptance and the `sent` mark sends that one message again
//! when its lease runs out: the queue is at least once, and the `Message-ID` (the same at every
//! try) lets receivers drop the duplicate.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use kiosque_domain::newsletter::{
    mail_domain, message_id, retry_delay_ms, unsubscribe_path, MAX_ATTEMPTS, UNSUBSCRIBE_MARK,
};
use kiosque_mail::{Mailer, Outgoing};
use kiosque_store::{EditionBody, NewMail, QueuedMail, Store, StoreError};

use crate::follow::Pace;

/// How long a claim holds a message: longer than one SMTP send can take.
const LEASE_MS: i64 = 120_000;
/// Messages claimed at once.
const BATCH: i64 = 200;
/// Messages in flight at once (SMTP connections are pooled).
const CONCURRENCY: usize = 8;
/// How long a node keeps the outbox without renewing it (it renews at every step, each second).
const OUTBOX_LEASE_MS: i64 = 15_000;
/// The first retry's wait by default (then ×4).
pub const DEFAULT_RETRY_MS: i64 = 30_000;

/// An outbox folder's name across nodes: the machine's and the folder's, so that the processes
/// sharing one folder on one machine (a restart, two nodes on one data folder) are one holder.
fn outbox_identity(dir: &std::path::Path) -> String {
    // Without a host name to read, processes of one machine still agree with each other.
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map_or_else(|| "localhost".to_owned(), |h| h.trim().to_owned());
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    format!("{host}:{}", dir.display())
}

/// The queue's sender on this node. Cheap to share (`Arc`).
pub struct Postman {
    store: Store,
    mailer: Mailer,
    /// The site's public address without a trailing slash, for unsubscribe links.
    base: String,
    domain: String,
    retry_base_ms: AtomicI64,
    /// Editions' bodies, read once for all their mails.
    editions: Mutex<HashMap<i64, Arc<EditionBody>>>,
    /// Without SMTP: which outbox folder this is (machine and path). One folder holds the
    /// site's mail, so only the nodes writing to the folder holding the `outbox` role send.
    outbox: Option<String>,
}

/// What became of one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    Dropped,
    Retry,
    GaveUp,
}

impl Postman {
    pub fn new(store: Store, mailer: Mailer, public_url: &str) -> Self {
        Postman {
            store,
            base: public_url.trim_end_matches('/').to_owned(),
            domain: mail_domain(public_url),
            retry_base_ms: AtomicI64::new(DEFAULT_RETRY_MS),
            editions: Mutex::default(),
            outbox: mailer.outbox_dir().map(outbox_identity),
            mailer,
        }
    }

    /// Sets the first retry's wait (tests shorten it).
    pub fn set_retry_base(&self, ms: i64) {
        self.retry_base_ms.store(ms.max(1), Ordering::Relaxed);
    }

    /// Whether mail goes over the network (then callers send off the request's path).
    pub fn is_remote(&self) -> bool {
        self.mailer.is_remote()
    }

    /// Stores a message, then tries it at once; a failure leaves it queued for the retries.
    pub async fn queue_and_send(&self, mail: &NewMail) -> Result<i64, StoreError> {
        if !self.may_send().await {
            // Left for the node holding the outbox, free to claim at once.
            return Ok(self.store.queue_mail(mail, 0).await?.id);
        }
        // Stored already claimed by this call, so no postman takes it meanwhile.
        let q = self.store.queue_mail(mail, LEASE_MS).await?;
        let id = q.id;
        self.send(q).await?;
        Ok(id)
    }

    /// Whether this node sends: always over SMTP; with an outbox, while it holds the site's
    /// outbox (renewed at each step), so that every message lands in one folder.
    async fn may_send(&self) -> bool {
        let Some(outbox) = &self.outbox else {
            return true;
        };
        match self
            .store
            .hold_role("outbox", outbox, OUTBOX_LEASE_MS)
            .await
        {
            Ok(held) => held,
            Err(e) => {
                tracing::warn!(error = %e, "mail queue: cannot claim the outbox");
                false
            }
        }
    }

    /// Claims due messages and sends them, at most `per_second` a second (0: no limit); how
    /// many were claimed.
    pub async fn step(&self, pacer: &Pacer) -> Result<usize, StoreError> {
        if !self.may_send().await {
            return Ok(0);
        }
        let due = self.store.claim_mail(LEASE_MS, BATCH).await?;
        let n = due.len();
        let mut sends = futures_util::stream::iter(due)
            .map(|q| async move {
                pacer.wait().await;
                self.send(q).await
            })
            .buffer_unordered(CONCURRENCY);
        while let Some(r) = sends.next().await {
            r?;
        }
        Ok(n)
    }

    /// Sends every due message until none is left (the command line's `newsletter send`).
    pub async fn drain(&self, pacer: &Pacer) -> Result<(), StoreError> {
        while self.step(pacer).await? > 0 {}
        Ok(())
    }

    async fn edition(&self, id: i64) -> Result<Option<Arc<EditionBody>>, StoreError> {
        if let Some(e) = self.editions.lock().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(Some(e));
        }
        let Some(body) = self.store.edition_body(id).await? else {
            return Ok(None);
        };
        let body = Arc::new(body);
        if let Ok(mut m) = self.editions.lock() {
            if m.len() > 32 {
                m.clear();
            }
            m.insert(id, body.clone());
        }
        Ok(Some(body))
    }

    /// Sends one claimed message and records what happened.
    pub async fn send(&self, q: QueuedMail) -> Result<Outcome, StoreError> {
        let id = message_id(q.id, q.created_at, &self.domain);
        let result = match &q.newsletter {
            None => {
                self.mailer
                    .deliver(&Outgoing {
                        to: &q.recipient,
                        subject: &q.subject,
                        text: &q.text,
                        html: q.html.as_deref(),
                        headers: &q.headers,
                        message_id: Some(&id),
                    })
                    .await
            }
            Some(n) => {
                let edition = match self.edition(n.edition_id).await? {
                    Some(e) if n.deliverable && !n.token.is_empty() => e,
                    // Unsubscribed, bounced or complained since the edition was queued.
                    _ => {
                        self.store.mail_dropped(q.id).await?;
                        return Ok(Outcome::Dropped);
                    }
                };
                let link = format!(
                    "{}{}",
                    self.base,
                    unsubscribe_path(&n.token, n.newsletter_id)
                );
                let headers = vec![
                    ("List-Unsubscribe".to_owned(), format!("<{link}>")),
                    (
                        "List-Unsubscribe-Post".to_owned(),
                        "List-Unsubscribe=One-Click".to_owned(),
                    ),
                    (
                        "List-Id".to_owned(),
                        format!("<{}.{}>", n.newsletter_id, self.domain),
                    ),
                ];
                let html = edition
                    .html
                    .replace(UNSUBSCRIBE_MARK, &link.replace('&', "&amp;"));
                let text = edition.text.replace(UNSUBSCRIBE_MARK, &link);
                self.mailer
                    .deliver(&Outgoing {
                        to: &q.recipient,
                        subject: &edition.subject,
                        text: &text,
                        html: Some(&html),
                        headers: &headers,
                        message_id: Some(&id),
                    })
                    .await
            }
        };
        match result {
            Ok(()) => {
                self.store.mail_sent(q.id).await?;
                if q.newsletter.is_none() {
                    tracing::info!(mail.id = q.id, mail.subject = %q.subject, "mail sent");
                }
                Ok(Outcome::Sent)
            }
            Err(e) => {
                let attempts = q.attempts + 1;
                let retry = (attempts < MAX_ATTEMPTS && !e.is_permanent()).then(|| {
                    chrono::Utc::now().timestamp_millis()
                        + retry_delay_ms(self.retry_base_ms.load(Ordering::Relaxed), attempts)
                });
                tracing::warn!(
                    error = %e, mail.id = q.id, attempts, gave_up = retry.is_none(),
                    "mail not sent"
                );
                self.store.mail_failed(q.id, &e.to_string(), retry).await?;
                Ok(if retry.is_some() {
                    Outcome::Retry
                } else {
                    Outcome::GaveUp
                })
            }
        }
    }
}

/// Spaces sends to a rate: at most `per_second` messages a second (0: no limit), shared by the
/// concurrent sends of one node.
pub struct Pacer {
    gap: Option<Duration>,
    next: tokio::sync::Mutex<tokio::time::Instant>,
}

impl Pacer {
    pub fn new(per_second: f64) -> Self {
        Pacer {
            gap: (per_second > 0.0).then(|| Duration::from_secs_f64(1.0 / per_second)),
            next: tokio::sync::Mutex::new(tokio::time::Instant::now()),
        }
    }

    async fn wait(&self) {
        let Some(gap) = self.gap else { return };
        let at = {
            let mut next = self.next.lock().await;
            let now = tokio::time::Instant::now();
            // No credit for idle time: after a pause, sending resumes at the rate, not in a burst.
            let at = (*next).max(now);
            *next = at + gap;
            at
        };
        tokio::time::sleep_until(at).await;
    }
}

/// Runs the postman of this node until the store closes: it wakes every second, and at once
/// after a local write (a request that queued a message, an edition just claimed).
pub fn spawn(postman: Arc<Postman>, per_second: f64) -> tokio::task::JoinHandle<()> {
    let pacer = Arc::new(Pacer::new(per_second));
    let store = postman.store.clone();
    tokio::spawn(crate::follow::every(
        store,
        Duration::from_secs(1),
        true,
        move || {
            let postman = postman.clone();
            let pacer = pacer.clone();
            async move {
                match postman.step(&pacer).await {
                    Ok(n) if n as i64 == BATCH => Pace::Again,
                    Ok(_) => Pace::Wait,
                    Err(e) => {
                        tracing::warn!(error = %e, "mail queue: cannot read");
                        Pace::Wait
                    }
                }
            }
        },
    ))
}
