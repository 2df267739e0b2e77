//! Breaking-news alerts, in `alerts`: at most one is active (sending a new one ends the
//! previous, in the same transaction), and every alert stays as the newsroom's log. Each write
//! appends `Key::Alert` to the change log, so every node's page cache reloads the active alert.
//! Writes made for a person check, inside the transaction, that they are an editor or an admin;
//! the command line writes as the operator (no person) unless it names one.

use kiosque_domain::alert::{showing, AlertDraft};
use kiosque_domain::change::{Key, Kind};
use kiosque_domain::UserId;
use sqlx::Row;

use crate::db::{log_change, now_ms, Tx};
use crate::media_rights::actor_in;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// One alert, as the banner and the log show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub id: i64,
    pub text: String,
    pub link: Option<String>,
    pub expires_at: i64,
    pub created_at: i64,
    /// Who sent it (`None`: the command line, or a deleted account).
    pub created_by: Option<String>,
    pub ended_at: Option<i64>,
    pub ended_by: Option<String>,
}

impl Alert {
    /// Whether the banner shows it at `now` (ms): expiry needs no write.
    pub fn showing(&self, now: i64) -> bool {
        showing(self.ended_at, self.expires_at, now)
    }
}

const COLUMNS: &str = "a.id, a.text, a.link, a.expires_at, a.created_at, a.ended_at, \
     c.display_name as created_name, e.display_name as ended_name \
     from alerts a left join users c on c.id = a.created_by left join users e on e.id = a.ended_by";

fn alert_from_row(r: &sqlx::any::AnyRow) -> Result<Alert> {
    Ok(Alert {
        id: r.try_get("id")?,
        text: r.try_get("text")?,
        link: r.try_get("link")?,
        expires_at: r.try_get("expires_at")?,
        created_at: r.try_get("created_at")?,
        created_by: r.try_get("created_name")?,
        ended_at: r.try_get("ended_at")?,
        ended_by: r.try_get("ended_name")?,
    })
}

async fn check_role(tx: &mut Tx<'_>, by: Option<UserId>) -> Result<()> {
    if let Some(by) = by {
        if !actor_in(tx, by).await?.can_manage_site() {
            return Err(StoreError::Forbidden);
        }
    }
    Ok(())
}

/// Ends whatever alert is showing, as `by`; whether one was.
async fn end_active(tx: &mut Tx<'_>, by: Option<UserId>, now: i64) -> Result<bool> {
    let ended = sqlx::query(
        "update alerts set ended_at = $1, ended_by = $2 \
         where ended_at is null and expires_at > $3",
    )
    .bind(now)
    .bind(by.map(|u| u.get()))
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(ended > 0)
}

impl Store {
    /// Sends an alert for `by` (an editor or an admin; `None` for the command line), ending
    /// the one showing. Returns its id.
    pub async fn send_alert(&self, by: Option<UserId>, draft: &AlertDraft) -> Result<i64> {
        self.send_alert_at(by, draft, now_ms()).await
    }

    /// [`Store::send_alert`] as if sent at `now` (ms): its expiry counts from then. Tests use
    /// it to watch an alert expire without waiting a whole minute.
    pub async fn send_alert_at(
        &self,
        by: Option<UserId>,
        draft: &AlertDraft,
        now: i64,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        check_role(&mut tx, by).await?;
        end_active(&mut tx, by, now).await?;
        let id: i64 = sqlx::query(
            "insert into alerts (text, link, expires_at, created_by, created_at) \
             values ($1, $2, $3, $4, $5) returning id",
        )
        .bind(&draft.text)
        .bind(draft.link.as_deref())
        .bind(now.saturating_add(draft.duration_ms))
        .bind(by.map(|u| u.get()))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        log_change(&mut tx, Kind::Alert, &[Key::Alert]).await?;
        tx.commit().await?;
        self.committed();
        Ok(id)
    }

    /// Ends the alert showing, for `by` (as [`Store::send_alert`]); whether one was showing.
    pub async fn end_alert(&self, by: Option<UserId>) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        check_role(&mut tx, by).await?;
        let ended = end_active(&mut tx, by, now_ms()).await?;
        if ended {
            log_change(&mut tx, Kind::Alert, &[Key::Alert]).await?;
        }
        tx.commit().await?;
        self.committed();
        Ok(ended)
    }

    /// The alert showing now, if any.
    pub async fn active_alert(&self) -> Result<Option<Alert>> {
        let now = now_ms();
        let row = sqlx::query(&format!(
            "select {COLUMNS} where a.ended_at is null and a.expires_at > $1 \
             order by a.id desc limit 1"
        ))
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(alert_from_row).transpose()
    }

    /// The newest alerts first: the newsroom's log.
    pub async fn alert_log(&self, limit: i64) -> Result<Vec<Alert>> {
        sqlx::query(&format!("select {COLUMNS} order by a.id desc limit $1"))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(alert_from_row)
            .collect()
    }
}
