//! The durable mail queue (`mail_queue`): every outgoing message is a row before it is sent.
//! Senders claim due rows with a lease, so two nodes never hold the same row at once; a row is
//! marked `sent` once the mail server accepted it, so a restarted node never sends it again;
//! a failure puts it back with a later `next_at`, until the sender gives up (`failed`).
//! Newsletter rows carry only their recipient and point at their edition and subscriber.

use sqlx::Row;

use crate::db::now_ms;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A message to queue.
#[derive(Debug, Clone, Default)]
pub struct NewMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    /// Extra header fields, name and value.
    pub headers: Vec<(String, String)>,
}

/// A claimed message, ready to send.
#[derive(Debug, Clone)]
pub struct QueuedMail {
    pub id: i64,
    pub created_at: i64,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    pub headers: Vec<(String, String)>,
    /// Failed tries so far.
    pub attempts: i64,
    pub newsletter: Option<NewsletterMail>,
}

/// What a newsletter row needs besides its edition's body.
#[derive(Debug, Clone)]
pub struct NewsletterMail {
    pub edition_id: i64,
    pub newsletter_id: i64,
    /// The address's unsubscribe token.
    pub token: String,
    /// Still confirmed, and the address neither bounced nor complained: sent; otherwise the
    /// row is dropped.
    pub deliverable: bool,
}

/// How many messages wait, and how many were given up, for the back office.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueCounts {
    pub queued: i64,
    pub failed: i64,
}

fn encode_headers(headers: &[(String, String)]) -> String {
    headers.iter().map(|(n, v)| format!("{n}: {v}\n")).collect()
}

fn decode_headers(s: &str) -> Vec<(String, String)> {
    s.lines()
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

const CLAIMED: &str = "q.id, q.created_at, q.recipient, q.subject, q.body_text, q.body_html, \
     q.headers, q.attempts, q.edition_id, e.newsletter_id, s.token, \
     cast(case when s.state = 'ok' and ns.state = 'confirmed' then 1 else 0 end as bigint) as deliverable \
     from mail_queue q left join newsletter_editions e on e.id = q.edition_id \
     left join newsletter_subscribers s on s.id = q.subscriber_id \
     left join newsletter_subscriptions ns \
       on ns.subscriber_id = q.subscriber_id and ns.newsletter_id = e.newsletter_id";

fn claimed_from_row(r: &sqlx::any::AnyRow) -> Result<QueuedMail> {
    let edition_id: Option<i64> = r.try_get("edition_id")?;
    let newsletter = match edition_id {
        Some(edition_id) => Some(NewsletterMail {
            edition_id,
            newsletter_id: r.try_get::<Option<i64>, _>("newsletter_id")?.unwrap_or(0),
            token: r.try_get::<Option<String>, _>("token")?.unwrap_or_default(),
            deliverable: r.try_get::<i64, _>("deliverable")? == 1,
        }),
        None => None,
    };
    Ok(QueuedMail {
        id: r.try_get("id")?,
        created_at: r.try_get("created_at")?,
        recipient: r.try_get("recipient")?,
        subject: r.try_get("subject")?,
        text: r.try_get("body_text")?,
        html: r.try_get("body_html")?,
        headers: decode_headers(&r.try_get::<String, _>("headers")?),
        attempts: r.try_get("attempts")?,
        newsletter,
    })
}

impl Store {
    /// Stores a message to send, already claimed by the caller for `lease_ms` (it tries it at
    /// once; should it not record the outcome, the lease runs out and a postman takes it).
    /// Returns the claimed message. The queue is not in the change log: no follower is woken.
    pub async fn queue_mail(&self, m: &NewMail, lease_ms: i64) -> Result<QueuedMail> {
        let now = now_ms();
        let id: i64 = sqlx::query(
            "insert into mail_queue (recipient, subject, body_text, body_html, headers, \
               next_at, locked_until, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8) \
             returning id",
        )
        .bind(&m.to)
        .bind(&m.subject)
        .bind(&m.text)
        .bind(m.html.as_deref())
        .bind(encode_headers(&m.headers))
        .bind(now)
        .bind(now + lease_ms)
        .bind(now)
        .fetch_one(&self.pool)
        .await?
        .try_get("id")?;
        self.claimed(&[id])
            .await?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound)
    }

    /// Claims up to `limit` due messages for `lease_ms`, oldest first.
    pub async fn claim_mail(&self, lease_ms: i64, limit: i64) -> Result<Vec<QueuedMail>> {
        let now = now_ms();
        // The due test is repeated in the outer update so that on PostgreSQL a concurrent
        // claimer re-checks it after waiting for the row, and skips rows taken meanwhile.
        let ids: Vec<i64> = sqlx::query(
            "update mail_queue set locked_until = $1 \
             where id in (select id from mail_queue \
                          where status = 'queued' and next_at <= $2 and locked_until < $3 \
                          order by id limit $4) \
               and status = 'queued' and locked_until < $5 \
             returning id",
        )
        .bind(now + lease_ms)
        .bind(now)
        .bind(now)
        .bind(limit)
        .bind(now)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<std::result::Result<_, _>>()?;
        self.claimed(&ids).await
    }

    async fn claimed(&self, ids: &[i64]) -> Result<Vec<QueuedMail>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // Ids come from the database as integers: safe to write into the query.
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        sqlx::query(&format!(
            "select {CLAIMED} where q.id in ({}) order by q.id",
            list.join(",")
        ))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(claimed_from_row)
        .collect()
    }

    /// The mail server accepted the message: it is never sent again.
    pub async fn mail_sent(&self, id: i64) -> Result<()> {
        sqlx::query("update mail_queue set status = 'sent', sent_at = $1 where id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The message will not be sent (its subscriber left or bounced meanwhile).
    pub async fn mail_dropped(&self, id: i64) -> Result<()> {
        sqlx::query("update mail_queue set status = 'cancelled' where id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A try failed: the message waits until `retry_at`, or is given up when `None`.
    pub async fn mail_failed(&self, id: i64, error: &str, retry_at: Option<i64>) -> Result<()> {
        let error: String = error.chars().take(500).collect();
        sqlx::query(
            "update mail_queue set attempts = attempts + 1, last_error = $1, locked_until = 0, \
               next_at = $2, status = $3 where id = $4",
        )
        .bind(error)
        .bind(retry_at.unwrap_or(0))
        .bind(if retry_at.is_some() {
            "queued"
        } else {
            "failed"
        })
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Messages waiting and given up.
    pub async fn mail_queue_counts(&self) -> Result<QueueCounts> {
        let r = sqlx::query(
            "select cast(coalesce(sum(case when status = 'queued' then 1 else 0 end), 0) as bigint) \
               as queued, \
               cast(coalesce(sum(case when status = 'failed' then 1 else 0 end), 0) as bigint) \
               as failed from mail_queue where status in ('queued', 'failed')",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(QueueCounts {
            queued: r.try_get("queued")?,
            failed: r.try_get("failed")?,
        })
    }

    /// Whether messages of this edition still wait to be sent.
    pub async fn edition_pending(&self, edition_id: i64) -> Result<i64> {
        Ok(sqlx::query(
            "select count(*) as n from mail_queue where edition_id = $1 and status = 'queued'",
        )
        .bind(edition_id)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_round_trip() {
        let h = vec![
            (
                "List-Unsubscribe".to_owned(),
                "<https://a/b?c=d>".to_owned(),
            ),
            ("X-A".to_owned(), "b: c".to_owned()),
        ];
        assert_eq!(decode_headers(&encode_headers(&h)), h);
    }
}
