//! Webhooks: registrations, the outbox of deliveries written with each article event, and the
//! delivery log. Sending is the web crate's job; it claims due deliveries and reports attempts.

use kiosque_domain::webhook::{self, Event};
use kiosque_domain::{ArticleId, ArticleStatus, UserId};
use sqlx::Row;

use crate::db::{now_ms, Tx};
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookRow {
    pub id: i64,
    pub url: String,
    pub events: Vec<Event>,
    pub active: bool,
    pub created_at: i64,
    pub pending: i64,
    pub failed: i64,
}

/// A delivery due now, claimed by one sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDelivery {
    pub id: i64,
    pub webhook_id: i64,
    pub url: String,
    pub secret: String,
    pub event: String,
    pub payload: String,
    /// Attempts made before this one.
    pub attempts: i64,
}

/// What one attempt gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub status_code: Option<i64>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

impl Attempt {
    /// A 2xx answer is a delivery; anything else (3xx included: we do not follow redirects,
    /// a receiver that moved must be updated) is a failure to retry.
    pub fn succeeded(&self) -> bool {
        self.error.is_none() && self.status_code.is_some_and(|c| (200..300).contains(&c))
    }
}

/// A delivery in the log, with its attempts (newest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRow {
    pub id: i64,
    pub event: String,
    pub article_id: ArticleId,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
    pub payload: String,
    /// (time, attempt), newest first.
    pub log: Vec<(i64, Attempt)>,
}

fn parse_events(stored: &str) -> Vec<Event> {
    stored.split_whitespace().filter_map(Event::parse).collect()
}

/// Writes one pending delivery per webhook subscribed to `event`, in the caller's
/// transaction: the event and the article write commit together or not at all. Paused
/// webhooks get theirs too; they wait until it is resumed.
pub(crate) async fn enqueue_article_event(
    tx: &mut Tx<'_>,
    article_id: ArticleId,
    before: Option<ArticleStatus>,
    after: ArticleStatus,
) -> Result<()> {
    let Some(event) = Event::of_write(before, after) else {
        return Ok(());
    };
    let row = sqlx::query(
        "select a.id, a.slug, a.title, a.standfirst, a.status, a.published_at, a.updated_at, \
           s.slug as section_slug \
         from articles a join sections s on s.id = a.section_id where a.id = $1",
    )
    .bind(article_id.get())
    .fetch_one(&mut **tx)
    .await?;
    let now = now_ms();
    let section: String = row.try_get("section_slug")?;
    let slug: String = row.try_get("slug")?;
    let payload = serde_json::json!({
        "event": event.as_str(),
        "occurred_at": chrono::DateTime::from_timestamp_millis(now)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        "article": {
            "id": article_id.get(),
            "title": row.try_get::<String, _>("title")?,
            "standfirst": row.try_get::<Option<String>, _>("standfirst")?,
            "section": section,
            "status": row.try_get::<String, _>("status")?,
            "path": kiosque_domain::slug::article_path(&section, &slug, article_id.get()),
            "published_at": row.try_get::<Option<i64>, _>("published_at")?
                .and_then(chrono::DateTime::from_timestamp_millis)
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
            "api": format!("/api/v1/articles/{article_id}"),
        }
    })
    .to_string();
    // Match whole words of the space-separated list.
    sqlx::query(
        "insert into webhook_deliveries (webhook_id, event, article_id, payload, status, \
           attempts, next_attempt_at, created_at) \
         select id, $1, $2, $3, 'pending', 0, $4, $5 from webhooks \
         where (' ' || events || ' ') like $6",
    )
    .bind(event.as_str())
    .bind(article_id.get())
    .bind(&payload)
    .bind(now)
    .bind(now)
    .bind(format!("% {} %", event.as_str()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Registers a webhook; the URL must already be normalised by
    /// [`kiosque_domain::webhook::normalize_url`].
    pub async fn create_webhook(
        &self,
        url: &str,
        secret: &str,
        events: &[Event],
        created_by: UserId,
    ) -> Result<i64> {
        let url = webhook::normalize_url(url).map_err(|e| StoreError::Invalid(e.to_string()))?;
        if events.is_empty() {
            return Err(StoreError::Invalid(kiosque_i18n::t("err-webhook-no-event")));
        }
        let events = events
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let row = sqlx::query(
            "insert into webhooks (url, secret, events, active, created_by, created_at) \
             values ($1, $2, $3, 1, $4, $5) returning id",
        )
        .bind(&url)
        .bind(secret)
        .bind(&events)
        .bind(created_by.get())
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get("id")?)
    }

    pub async fn webhooks(&self) -> Result<Vec<WebhookRow>> {
        sqlx::query(
            "select w.id, w.url, w.events, w.active, w.created_at, \
               (select count(*) from webhook_deliveries d \
                where d.webhook_id = w.id and d.status = 'pending') as pending, \
               (select count(*) from webhook_deliveries d \
                where d.webhook_id = w.id and d.status = 'failed') as failed \
             from webhooks w order by w.id",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(WebhookRow {
                id: r.try_get("id")?,
                url: r.try_get("url")?,
                events: parse_events(&r.try_get::<String, _>("events")?),
                active: r.try_get::<i64, _>("active")? != 0,
                created_at: r.try_get("created_at")?,
                pending: r.try_get("pending")?,
                failed: r.try_get("failed")?,
            })
        })
        .collect()
    }

    pub async fn webhook(&self, id: i64) -> Result<Option<WebhookRow>> {
        Ok(self.webhooks().await?.into_iter().find(|w| w.id == id))
    }

    /// Pauses or resumes a webhook. A paused webhook's deliveries wait, in order, until it is
    /// resumed.
    pub async fn set_webhook_active(&self, id: i64, active: bool) -> Result<()> {
        let done = sqlx::query("update webhooks set active = $1 where id = $2")
            .bind(i64::from(active))
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Deletes a webhook with its deliveries and their log.
    pub async fn delete_webhook(&self, id: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "delete from webhook_attempts where delivery_id in \
               (select id from webhook_deliveries where webhook_id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("delete from webhook_deliveries where webhook_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("delete from webhooks where id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    /// Claims up to `limit` deliveries due now for `lock_ms`, oldest first. Another sender
    /// (another node) skips them until the lock expires, so a crash mid-send only delays.
    ///
    /// Events about one article reach a receiver in the order they happened, retries
    /// included: a delivery waits while an earlier one for the same webhook and article is
    /// pending (an "unpublished" overtaking its "published" would leave the receiver wrong).
    /// Different articles do not wait for each other.
    pub async fn claim_due_deliveries(&self, lock_ms: i64, limit: i64) -> Result<Vec<DueDelivery>> {
        let now = now_ms();
        // The lock test is repeated in the outer update so that on PostgreSQL a concurrent
        // claimer re-checks it after waiting for the row and skips rows taken meanwhile.
        let ids: Vec<i64> = sqlx::query(
            "update webhook_deliveries set locked_until = $1 \
             where id in (select d.id from webhook_deliveries d join webhooks w \
                            on w.id = d.webhook_id \
                          where d.status = 'pending' and w.active = 1 \
                            and d.next_attempt_at <= $2 \
                            and (d.locked_until is null or d.locked_until < $3) \
                            and not exists (select 1 from webhook_deliveries e \
                              where e.webhook_id = d.webhook_id \
                                and e.article_id = d.article_id \
                                and e.status = 'pending' and e.id < d.id) \
                          order by d.id limit $4) \
               and (locked_until is null or locked_until < $5) \
             returning id",
        )
        .bind(now + lock_ms)
        .bind(now)
        .bind(now)
        .bind(limit)
        .bind(now)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<std::result::Result<_, _>>()?;
        let mut due = Vec::with_capacity(ids.len());
        for id in ids {
            let r = sqlx::query(
                "select d.id, d.webhook_id, w.url, w.secret, d.event, d.payload, d.attempts \
                 from webhook_deliveries d join webhooks w on w.id = d.webhook_id \
                 where d.id = $1",
            )
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
            due.push(DueDelivery {
                id: r.try_get("id")?,
                webhook_id: r.try_get("webhook_id")?,
                url: r.try_get("url")?,
                secret: r.try_get("secret")?,
                event: r.try_get("event")?,
                payload: r.try_get("payload")?,
                attempts: r.try_get("attempts")?,
            });
        }
        due.sort_by_key(|d| d.id);
        Ok(due)
    }

    /// Records an attempt and decides what follows: delivered, retried after the back-off, or
    /// failed for good once the attempts are spent. One transaction.
    pub async fn record_attempt(
        &self,
        delivery_id: i64,
        attempt: &Attempt,
        retry_base_ms: i64,
    ) -> Result<()> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        // Write first: on SQLite a transaction that reads and then writes cannot wait for a
        // concurrent writer (it gets "database is locked" at once); one that writes first does.
        let attempts: i64 = sqlx::query(
            "update webhook_deliveries set attempts = attempts + 1 where id = $1 \
             returning attempts",
        )
        .bind(delivery_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("attempts")?;
        sqlx::query(
            "insert into webhook_attempts (delivery_id, at, status_code, error, duration_ms) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(delivery_id)
        .bind(now)
        .bind(attempt.status_code)
        .bind(attempt.error.as_deref())
        .bind(attempt.duration_ms)
        .execute(&mut *tx)
        .await?;
        let (status, next, delivered) = if attempt.succeeded() {
            ("delivered", now, Some(now))
        } else {
            match webhook::retry_delay_ms(attempts, retry_base_ms) {
                Some(wait) => ("pending", now + wait, None),
                None => ("failed", now, None),
            }
        };
        sqlx::query(
            "update webhook_deliveries set status = $1, attempts = $2, next_attempt_at = $3, \
               locked_until = null, last_status_code = $4, last_error = $5, delivered_at = $6 \
             where id = $7",
        )
        .bind(status)
        .bind(attempts)
        .bind(next)
        .bind(attempt.status_code)
        .bind(attempt.error.as_deref())
        .bind(delivered)
        .bind(delivery_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sends a failed (or delivered) delivery again, now, with fresh attempts. A pending one
    /// waiting for its next retry is sent now (a failing receiver would otherwise hold back
    /// the article's later events for hours); one being sent at this moment (its lease held)
    /// is left alone, since clearing the lease could send it twice at once. Receivers tell an
    /// old event from a new one by its `occurred_at`.
    pub async fn redeliver(&self, webhook_id: i64, delivery_id: i64) -> Result<()> {
        let now = now_ms();
        let done = sqlx::query(
            "update webhook_deliveries set status = 'pending', \
               attempts = case when status = 'pending' then attempts else 0 end, \
               next_attempt_at = $1, locked_until = null \
             where id = $2 and webhook_id = $3 \
               and (status <> 'pending' or locked_until is null or locked_until < $1)",
        )
        .bind(now)
        .bind(delivery_id)
        .bind(webhook_id)
        .execute(&self.pool)
        .await?;
        // Wakes this node's sender at once.
        self.committed();
        if done.rows_affected() == 0 {
            let exists =
                sqlx::query("select id from webhook_deliveries where id = $1 and webhook_id = $2")
                    .bind(delivery_id)
                    .bind(webhook_id)
                    .fetch_optional(&self.pool)
                    .await?
                    .is_some();
            if !exists {
                return Err(StoreError::NotFound);
            }
        }
        Ok(())
    }

    /// The latest deliveries of a webhook with their attempts, newest first.
    pub async fn deliveries(&self, webhook_id: i64, limit: i64) -> Result<Vec<DeliveryRow>> {
        let rows = sqlx::query(
            "select id, event, article_id, status, attempts, next_attempt_at, created_at, \
               delivered_at, payload \
             from webhook_deliveries where webhook_id = $1 order by id desc limit $2",
        )
        .bind(webhook_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let attempts = sqlx::query(
                "select at, status_code, error, duration_ms from webhook_attempts \
                 where delivery_id = $1 order by id desc limit 20",
            )
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
            let log = attempts
                .iter()
                .map(|a| {
                    Ok((
                        a.try_get("at")?,
                        Attempt {
                            status_code: a.try_get("status_code")?,
                            error: a.try_get("error")?,
                            duration_ms: a.try_get("duration_ms")?,
                        },
                    ))
                })
                .collect::<Result<Vec<_>>>()?;
            out.push(DeliveryRow {
                id,
                event: r.try_get("event")?,
                article_id: ArticleId(r.try_get("article_id")?),
                status: r.try_get("status")?,
                attempts: r.try_get("attempts")?,
                next_attempt_at: r.try_get("next_attempt_at")?,
                created_at: r.try_get("created_at")?,
                delivered_at: r.try_get("delivered_at")?,
                payload: r.try_get("payload")?,
                log,
            });
        }
        Ok(out)
    }
}
