//! Newsletters and their subscribers: the daily digest and one newsletter per top-level
//! section (added as sections appear), double opt-in subscriptions (pending until the link of
//! the confirmation mail is followed), one-click unsubscribing, and the addresses an admin
//! marked bounced or complained, which are never sent to again.

use kiosque_domain::{SectionId, UserId};
use sqlx::Row;

use crate::db::{now_ms, Tx};
use crate::media_rights::actor_in;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A pending subscription's link works this long.
const CONFIRM_MS: i64 = 7 * 24 * 3_600_000;

/// A newsletter, with its number of confirmed subscribers who may receive it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsletterRow {
    pub id: i64,
    /// `daily`, or the section's slug.
    pub name: String,
    pub section_id: Option<SectionId>,
    pub section_name: Option<String>,
    pub section_slug: Option<String>,
    /// Minutes after midnight, Paris time.
    pub send_minute: i64,
    pub last_sent_at: Option<i64>,
    pub confirmed: i64,
}

/// What a subscription request did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requested {
    /// Newsletters now waiting for confirmation (a confirmation mail is due when not empty).
    pub pending: Vec<i64>,
    /// Newsletters already asked for or confirmed: nothing new to confirm.
    pub unchanged: Vec<i64>,
}

/// The result of following an unsubscribe link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsubscribed {
    /// Done now.
    Done(String),
    /// Done earlier (the link was used, or the address never subscribed).
    Already(String),
    /// No such address or newsletter.
    Unknown,
}

/// A subscription as "Mon espace" shows it: `pending` or `confirmed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionState {
    pub newsletter_id: i64,
    pub state: String,
}

const COLUMNS: &str = "n.id, n.name, n.section_id, s.name as section_name, \
     s.slug as section_slug, n.send_minute, n.last_sent_at, \
     (select count(*) from newsletter_subscriptions ns \
        join newsletter_subscribers a on a.id = ns.subscriber_id \
      where ns.newsletter_id = n.id and ns.state = 'confirmed' and a.state = 'ok') as confirmed \
     from newsletters n left join sections s on s.id = n.section_id";

fn newsletter_from_row(r: &sqlx::any::AnyRow) -> Result<NewsletterRow> {
    Ok(NewsletterRow {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        section_id: r.try_get::<Option<i64>, _>("section_id")?.map(SectionId),
        section_name: r.try_get("section_name")?,
        section_slug: r.try_get("section_slug")?,
        send_minute: r.try_get("send_minute")?,
        last_sent_at: r.try_get("last_sent_at")?,
        confirmed: r.try_get("confirmed")?,
    })
}

async fn require_admin(tx: &mut Tx<'_>, by: UserId) -> Result<()> {
    if actor_in(tx, by).await?.can_manage_users() {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

impl Store {
    /// Gives every top-level section its newsletter (named after its slug) and follows slug
    /// changes. Cheap when nothing changed; called by the scheduler and before writes.
    pub async fn sync_newsletters(&self) -> Result<()> {
        let now = now_ms();
        let added = sqlx::query(
            "insert into newsletters (name, section_id, send_minute, created_at) \
             select s.slug, s.id, $1, $2 from sections s \
             where s.parent_id is null \
               and not exists (select 1 from newsletters n where n.section_id = s.id) \
               and not exists (select 1 from newsletters n where n.name = s.slug)",
        )
        .bind(kiosque_domain::newsletter::DEFAULT_SEND_MINUTE)
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected();
        let renamed = sqlx::query(
            "update newsletters set name = (select slug from sections where id = section_id) \
             where section_id is not null \
               and name <> (select slug from sections where id = section_id) \
               and not exists (select 1 from newsletters o \
                 where o.name = (select slug from sections where id = newsletters.section_id))",
        )
        .execute(&self.pool)
        .await?
        .rows_affected();
        if added + renamed > 0 {
            self.committed();
        }
        Ok(())
    }

    /// Every newsletter: the daily digest first, then the sections in the site's order.
    pub async fn newsletters(&self) -> Result<Vec<NewsletterRow>> {
        sqlx::query(&format!(
            "select {COLUMNS} order by case when n.section_id is null then 0 else 1 end, \
               s.position, s.name"
        ))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(newsletter_from_row)
        .collect()
    }

    /// The newsletter of this name (`daily` or a section's slug).
    pub async fn newsletter_by_name(&self, name: &str) -> Result<Option<NewsletterRow>> {
        sqlx::query(&format!("select {COLUMNS} where n.name = $1"))
            .bind(name)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(newsletter_from_row)
            .transpose()
    }

    /// Sets when a newsletter goes out (minutes after midnight, Paris time); admins only.
    pub async fn set_newsletter_time(&self, by: UserId, id: i64, minute: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        require_admin(&mut tx, by).await?;
        sqlx::query("update newsletters set send_minute = $1 where id = $2")
            .bind(minute.clamp(0, 24 * 60 - 1))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Asks for `newsletters` for `email` (already normalised): each one not yet asked for
    /// becomes pending under `confirm_hash` (the SHA-256 of the confirmation link's token);
    /// one already pending or confirmed is left as it is, so asking twice mails once.
    pub async fn request_subscription(
        &self,
        email: &str,
        newsletters: &[i64],
        token: &str,
        confirm_hash: &str,
    ) -> Result<Requested> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into newsletter_subscribers (email, token, created_at) values ($1, $2, $3) \
             on conflict (email) do nothing",
        )
        .bind(email)
        .bind(token)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let subscriber: i64 = sqlx::query("select id from newsletter_subscribers where email = $1")
            .bind(email)
            .fetch_one(&mut *tx)
            .await?
            .try_get("id")?;
        let mut done = Requested::default();
        for &id in newsletters {
            let state: Option<(String, i64)> = sqlx::query(
                "select state, requested_at from newsletter_subscriptions \
                 where subscriber_id = $1 and newsletter_id = $2",
            )
            .bind(subscriber)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| Ok::<_, StoreError>((r.try_get("state")?, r.try_get("requested_at")?)))
            .transpose()?;
            match state {
                Some((s, _)) if s == "confirmed" => done.unchanged.push(id),
                // A pending request whose link still works: no second mail.
                Some((s, at)) if s == "pending" && at + CONFIRM_MS > now => done.unchanged.push(id),
                Some(_) => {
                    sqlx::query(
                        "update newsletter_subscriptions set state = 'pending', \
                           confirm_hash = $1, requested_at = $2, unsubscribed_at = null \
                         where subscriber_id = $3 and newsletter_id = $4",
                    )
                    .bind(confirm_hash)
                    .bind(now)
                    .bind(subscriber)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    done.pending.push(id);
                }
                None => {
                    sqlx::query(
                        "insert into newsletter_subscriptions \
                           (subscriber_id, newsletter_id, state, confirm_hash, requested_at) \
                         values ($1, $2, 'pending', $3, $4)",
                    )
                    .bind(subscriber)
                    .bind(id)
                    .bind(confirm_hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    done.pending.push(id);
                }
            }
        }
        tx.commit().await?;
        self.committed();
        Ok(done)
    }

    /// The address and newsletters a confirmation link would confirm (for its page), if any.
    pub async fn pending_confirmation(
        &self,
        confirm_hash: &str,
    ) -> Result<Option<(String, Vec<i64>)>> {
        let rows = sqlx::query(
            "select a.email, ns.newsletter_id from newsletter_subscriptions ns \
             join newsletter_subscribers a on a.id = ns.subscriber_id \
             where ns.confirm_hash = $1 and ns.state = 'pending' and ns.requested_at > $2 \
             order by ns.newsletter_id",
        )
        .bind(confirm_hash)
        .bind(now_ms() - CONFIRM_MS)
        .fetch_all(&self.pool)
        .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let email: String = first.try_get("email")?;
        let ids = rows
            .iter()
            .map(|r| r.try_get("newsletter_id"))
            .collect::<std::result::Result<_, _>>()?;
        Ok(Some((email, ids)))
    }

    /// Confirms what a link asked for, once: the newsletters confirmed now (none when the link
    /// was used, expired or unknown). A confirmed address is sendable again, even if an admin
    /// had marked it bounced: its owner just proved it works.
    pub async fn confirm_subscription(&self, confirm_hash: &str) -> Result<Vec<i64>> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let rows = sqlx::query(
            "update newsletter_subscriptions set state = 'confirmed', confirmed_at = $1, \
               confirm_hash = null \
             where confirm_hash = $2 and state = 'pending' and requested_at > $3 \
             returning newsletter_id, subscriber_id",
        )
        .bind(now)
        .bind(confirm_hash)
        .bind(now - CONFIRM_MS)
        .fetch_all(&mut *tx)
        .await?;
        let mut ids = Vec::with_capacity(rows.len());
        for r in &rows {
            ids.push(r.try_get::<i64, _>("newsletter_id")?);
            sqlx::query(
                "update newsletter_subscribers set state = 'ok', state_at = $1 \
                 where id = $2 and state <> 'ok'",
            )
            .bind(now)
            .bind(r.try_get::<i64, _>("subscriber_id")?)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.committed();
        ids.sort_unstable();
        Ok(ids)
    }

    /// The address of an unsubscribe token and the state of its subscription to a newsletter
    /// (`None` state: never subscribed), for the link's page.
    pub async fn unsubscribe_target(
        &self,
        token: &str,
        newsletter_id: i64,
    ) -> Result<Option<(String, Option<String>)>> {
        let Some(r) = sqlx::query(
            "select a.email, ns.state from newsletter_subscribers a \
             left join newsletter_subscriptions ns \
               on ns.subscriber_id = a.id and ns.newsletter_id = $1 \
             where a.token = $2",
        )
        .bind(newsletter_id)
        .bind(token)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        Ok(Some((r.try_get("email")?, r.try_get("state")?)))
    }

    /// Unsubscribes the address of `token` from a newsletter, once.
    pub async fn unsubscribe(&self, token: &str, newsletter_id: i64) -> Result<Unsubscribed> {
        let Some((email, _)) = self.unsubscribe_target(token, newsletter_id).await? else {
            return Ok(Unsubscribed::Unknown);
        };
        let changed = sqlx::query(
            "update newsletter_subscriptions set state = 'unsubscribed', unsubscribed_at = $1, \
               confirm_hash = null \
             where newsletter_id = $2 and state <> 'unsubscribed' and subscriber_id = \
               (select id from newsletter_subscribers where token = $3)",
        )
        .bind(now_ms())
        .bind(newsletter_id)
        .bind(token)
        .execute(&self.pool)
        .await?
        .rows_affected();
        self.committed();
        Ok(if changed > 0 {
            Unsubscribed::Done(email)
        } else {
            Unsubscribed::Already(email)
        })
    }

    /// The token of an address (made when it first subscribes), for "Mon espace".
    pub async fn subscriber_token(&self, email: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query("select token from newsletter_subscribers where email = $1")
                .bind(email)
                .fetch_optional(&self.pool)
                .await?
                .map(|r| r.try_get("token"))
                .transpose()?,
        )
    }

    /// The subscriptions of an address that are pending or confirmed.
    pub async fn subscriptions_of(&self, email: &str) -> Result<Vec<SubscriptionState>> {
        sqlx::query(
            "select ns.newsletter_id, ns.state from newsletter_subscriptions ns \
             join newsletter_subscribers a on a.id = ns.subscriber_id \
             where a.email = $1 and ns.state in ('pending', 'confirmed') \
             order by ns.newsletter_id",
        )
        .bind(email)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(SubscriptionState {
                newsletter_id: r.try_get("newsletter_id")?,
                state: r.try_get("state")?,
            })
        })
        .collect()
    }

    /// Marks an address `bounced`, `complained` or `ok` again, for an admin; whether the
    /// address is known. Its newsletter mail still queued is dropped.
    pub async fn set_subscriber_state(&self, by: UserId, email: &str, state: &str) -> Result<bool> {
        if !matches!(state, "ok" | "bounced" | "complained") {
            return Err(StoreError::Invalid(format!(
                "unknown address state {state:?}"
            )));
        }
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        require_admin(&mut tx, by).await?;
        let changed = sqlx::query(
            "update newsletter_subscribers set state = $1, state_at = $2 where email = $3",
        )
        .bind(state)
        .bind(now)
        .bind(email)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if state != "ok" {
            sqlx::query(
                "update mail_queue set status = 'cancelled' \
                 where status = 'queued' and edition_id is not null and subscriber_id = \
                   (select id from newsletter_subscribers where email = $1)",
            )
            .bind(email)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.committed();
        Ok(changed > 0)
    }

    /// Addresses an admin marked, newest first: (address, state, when).
    pub async fn marked_subscribers(&self, limit: i64) -> Result<Vec<(String, String, i64)>> {
        sqlx::query(
            "select email, state, state_at from newsletter_subscribers \
             where state <> 'ok' order by state_at desc limit $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("email")?,
                r.try_get("state")?,
                r.try_get::<Option<i64>, _>("state_at")?.unwrap_or(0),
            ))
        })
        .collect()
    }
}
