//! The articles' workflow: status transitions (review, publication, take-down), scheduled
//! publication, and corrections to published articles. Each change is logged and announced to
//! webhooks in the transaction that makes it.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{ArticleId, ArticleStatus, SectionId, UserId};
use sqlx::Row;

use crate::articles::listing_keys;
use crate::db::{log_change, now_ms, Tx};
use crate::hooks::enqueue_article_event;
use crate::newsroom::status_of;
use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

impl Store {
    /// Publishes, takes down or sends for review (status only), checked against the article's
    /// status as read in the same transaction: `from` must still hold, so two people acting
    /// at once cannot both succeed from a stale screen. Publishing stamps the first publication
    /// time (`at`, default now); scheduling sets when.
    pub async fn change_status(
        &self,
        id: ArticleId,
        from: ArticleStatus,
        to: ArticleStatus,
        scheduled_at: Option<i64>,
    ) -> Result<String> {
        let mut tx = self.begin_write().await?;
        let path = transition(&mut tx, id, from, to, scheduled_at, now_ms()).await?;
        tx.commit().await?;
        self.committed();
        Ok(path)
    }

    /// Publishes every scheduled article whose time has come (at `now`, the scheduler's clock),
    /// each at its scheduled time. Returns their ids. Safe to run on several nodes at once.
    pub async fn publish_due(&self, now: i64) -> Result<Vec<ArticleId>> {
        let due: Vec<(ArticleId, i64)> = sqlx::query(
            "select id, scheduled_at from articles \
             where status = 'scheduled' and scheduled_at <= $1 order by scheduled_at, id",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((ArticleId(r.try_get("id")?), r.try_get("scheduled_at")?)))
        .collect::<Result<_>>()?;
        let mut published = Vec::new();
        for (id, at) in due {
            let mut tx = self.begin_write().await?;
            match transition(
                &mut tx,
                id,
                ArticleStatus::Scheduled,
                ArticleStatus::Published,
                None,
                at,
            )
            .await
            {
                Ok(_) => {
                    tx.commit().await?;
                    self.committed();
                    published.push(id);
                }
                // Another node published it (or someone unscheduled it) meanwhile.
                Err(StoreError::Conflict { .. }) => {}
                // One bad row must not hold back the others; it is retried next round.
                Err(e) => {
                    tracing::warn!(article = id.get(), error = %e, "cannot publish a due article")
                }
            }
        }
        Ok(published)
    }

    /// Adds a correction note, shown on the public page from now on.
    pub async fn add_correction(&self, id: ArticleId, body: &str, by: UserId) -> Result<()> {
        let body = body.trim();
        if body.is_empty() || body.chars().count() > kiosque_domain::newsroom::MAX_CORRECTION_CHARS
        {
            return Err(StoreError::Invalid(kiosque_i18n::t(
                "err-correction-length",
            )));
        }
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into corrections (article_id, body, author_id, created_at) \
             values ($1, $2, $3, $4)",
        )
        .bind(id.get())
        .bind(body)
        .bind(by.get())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        // A correction is an update readers and partners must hear about.
        sqlx::query("update articles set updated_at = $1 where id = $2 and status = 'published'")
            .bind(now_ms())
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
        log_change(&mut tx, Kind::Correction, &[Key::Article(id)]).await?;
        enqueue_article_event(
            &mut tx,
            id,
            Some(ArticleStatus::Published),
            ArticleStatus::Published,
        )
        .await?;
        tx.commit().await?;
        self.committed();
        Ok(())
    }

    /// Correction notes of an article, oldest first: (text, time).
    pub async fn corrections(&self, id: ArticleId) -> Result<Vec<(String, i64)>> {
        sqlx::query("select body, created_at from corrections where article_id = $1 order by id")
            .bind(id.get())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("body")?, r.try_get("created_at")?)))
            .collect()
    }
}

/// Moves an article from `from` to `to` inside a transaction; `Conflict` if its status is no
/// longer `from`. Logs the change and the webhook event.
pub(crate) async fn transition(
    tx: &mut Tx<'_>,
    id: ArticleId,
    from: ArticleStatus,
    to: ArticleStatus,
    scheduled_at: Option<i64>,
    publish_at: i64,
) -> Result<String> {
    let Some(row) = sqlx::query(
        "select a.status, a.slug, a.section_id, s.slug as section_slug \
         from articles a join sections s on s.id = a.section_id where a.id = $1",
    )
    .bind(id.get())
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Err(StoreError::NotFound);
    };
    let before = status_of(&row.try_get::<String, _>("status")?)?;
    if before != from {
        return Err(StoreError::Conflict {
            constraint: "article status".into(),
        });
    }
    set_status(tx, id, from, to, scheduled_at, publish_at).await?;
    let section: i64 = row.try_get("section_id")?;
    let mut keys = vec![
        Key::Article(id),
        Key::Section(SectionId(section)),
        Key::Front,
    ];
    keys.extend(listing_keys(tx, id).await?);
    log_change(tx, Kind::Article, &keys).await?;
    enqueue_article_event(tx, id, Some(before), to).await?;
    Ok(kiosque_domain::slug::article_path(
        &row.try_get::<String, _>("section_slug")?,
        &row.try_get::<String, _>("slug")?,
        id.get(),
    ))
}

/// Writes the new status, provided the article still has `from`; `Conflict` otherwise.
async fn set_status(
    tx: &mut Tx<'_>,
    id: ArticleId,
    from: ArticleStatus,
    to: ArticleStatus,
    scheduled_at: Option<i64>,
    publish_at: i64,
) -> Result<()> {
    let now = now_ms();
    // The status test is repeated in the update: on PostgreSQL two transitions of one article
    // (two nodes' schedulers, an editor unscheduling) serialise on the row and the second one
    // finds the status changed, instead of both succeeding from the same read.
    let done = sqlx::query(
        "update articles set status = $1, modified_at = $2, scheduled_at = $3, \
           published_at = case when $4 = 1 and published_at is null then $5 \
                          else published_at end \
         where id = $6 and status = $7",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(if to == ArticleStatus::Scheduled {
        scheduled_at
    } else {
        None
    })
    .bind(i64::from(to == ArticleStatus::Published))
    .bind(publish_at)
    .bind(id.get())
    .bind(from.as_str())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict {
            constraint: "article status".into(),
        });
    }
    Ok(())
}
