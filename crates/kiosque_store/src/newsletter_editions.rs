//! Newsletter editions: one row per send, claimed by its key (the Paris date of a scheduled
//! edition, `special-…` for one sent by hand), so that of several nodes only one sends a day's
//! edition. The claim queues one `mail_queue` row per confirmed, sendable subscriber in the
//! same transaction, and (when it reached somebody) moves the newsletter's "since" point, so
//! the next digest starts there.

use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// The content of an edition, as built by the web layer.
#[derive(Debug, Clone)]
pub struct EditionDraft {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub articles: i64,
    /// What it covers: articles published after this time.
    pub since_at: i64,
}

/// An edition that was claimed: its id and how many mails it queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claimed {
    pub edition_id: i64,
    pub recipients: i64,
}

/// An edition's body, shared by all its mails.
#[derive(Debug, Clone)]
pub struct EditionBody {
    pub newsletter_id: i64,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A past send, for the back office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionRow {
    pub id: i64,
    pub key: String,
    pub created_at: i64,
    pub subject: String,
    pub articles: i64,
    pub recipients: i64,
    pub sent: i64,
    pub failed: i64,
    pub waiting: i64,
}

impl Store {
    /// Whether the edition `key` of a newsletter exists (built and claimed by some node).
    pub async fn edition_exists(&self, newsletter_id: i64, key: &str) -> Result<bool> {
        Ok(sqlx::query(
            "select 1 as one from newsletter_editions where newsletter_id = $1 and edition_key = $2",
        )
        .bind(newsletter_id)
        .bind(key)
        .fetch_optional(&self.pool)
        .await?
        .is_some())
    }

    /// Claims the edition `key` and queues its mails, in one transaction; `None` when another
    /// node (or an earlier run) already has it. An edition with no article is recorded, so that
    /// the day is not tried again, and queues nothing.
    pub async fn claim_edition(
        &self,
        newsletter_id: i64,
        key: &str,
        draft: &EditionDraft,
    ) -> Result<Option<Claimed>> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query(
            "insert into newsletter_editions (newsletter_id, edition_key, subject, body_text, \
               body_html, articles, since_at, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8) \
             on conflict (newsletter_id, edition_key) do nothing returning id",
        )
        .bind(newsletter_id)
        .bind(key)
        .bind(&draft.subject)
        .bind(&draft.text)
        .bind(&draft.html)
        .bind(draft.articles)
        .bind(draft.since_at)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = inserted else {
            return Ok(None);
        };
        let edition_id: i64 = row.try_get("id")?;
        let mut recipients = 0;
        if draft.articles > 0 {
            recipients = sqlx::query(
                "insert into mail_queue (recipient, subject, body_text, headers, edition_id, \
                   subscriber_id, next_at, created_at) \
                 select a.email, $1, '', '', $2, a.id, $3, $4 \
                 from newsletter_subscriptions ns \
                 join newsletter_subscribers a on a.id = ns.subscriber_id \
                 where ns.newsletter_id = $5 and ns.state = 'confirmed' and a.state = 'ok' \
                 order by a.id",
            )
            .bind(&draft.subject)
            .bind(edition_id)
            .bind(now)
            .bind(now)
            .bind(newsletter_id)
            .execute(&mut *tx)
            .await?
            .rows_affected() as i64;
            sqlx::query("update newsletter_editions set recipients = $1 where id = $2")
                .bind(recipients)
                .bind(edition_id)
                .execute(&mut *tx)
                .await?;
        }
        // The next digest starts from the last one somebody received.
        if recipients > 0 {
            sqlx::query("update newsletters set last_sent_at = $1 where id = $2")
                .bind(now)
                .bind(newsletter_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.committed();
        Ok(Some(Claimed {
            edition_id,
            recipients,
        }))
    }

    /// The body an edition's mails share.
    pub async fn edition_body(&self, edition_id: i64) -> Result<Option<EditionBody>> {
        sqlx::query(
            "select newsletter_id, subject, body_text, body_html from newsletter_editions \
             where id = $1",
        )
        .bind(edition_id)
        .fetch_optional(&self.pool)
        .await?
        .map(|r| {
            Ok(EditionBody {
                newsletter_id: r.try_get("newsletter_id")?,
                subject: r.try_get("subject")?,
                text: r.try_get("body_text")?,
                html: r.try_get("body_html")?,
            })
        })
        .transpose()
    }

    /// The last sends of a newsletter (editions that had articles), newest first, with how
    /// many of their mails were sent, given up, and still wait.
    pub async fn recent_editions(&self, newsletter_id: i64, limit: i64) -> Result<Vec<EditionRow>> {
        let editions = sqlx::query(
            "select id, edition_key, created_at, subject, articles, recipients \
             from newsletter_editions where newsletter_id = $1 and articles > 0 \
             order by id desc limit $2",
        )
        .bind(newsletter_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(editions.len());
        for e in &editions {
            let id: i64 = e.try_get("id")?;
            let counts = sqlx::query(
                "select status, count(*) as n from mail_queue where edition_id = $1 \
                 group by status",
            )
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
            let mut row = EditionRow {
                id,
                key: e.try_get("edition_key")?,
                created_at: e.try_get("created_at")?,
                subject: e.try_get("subject")?,
                articles: e.try_get("articles")?,
                recipients: e.try_get("recipients")?,
                sent: 0,
                failed: 0,
                waiting: 0,
            };
            for c in &counts {
                let n: i64 = c.try_get("n")?;
                match c.try_get::<String, _>("status")?.as_str() {
                    "sent" => row.sent = n,
                    "failed" => row.failed = n,
                    "queued" => row.waiting = n,
                    _ => {}
                }
            }
            out.push(row);
        }
        Ok(out)
    }
}
