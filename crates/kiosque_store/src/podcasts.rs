//! Podcasts' writes: shows (`podcast_shows`) and their audio episodes (`audio_entries`). Each
//! write checks, inside its transaction, that the person may publish media without review
//! (journalists, editors, admins: who may add videos), validates with the domain's rules, and appends `Key::Podcasts` to the
//! change log, so that `/podcasts`, the show and episode pages, the feeds and the articles that
//! embed a player follow on every node. The command line (the demo) writes as the operator.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::podcast::{AudioSource, EpisodeDraft, ShowDraft};
use kiosque_domain::slug::slugify;
use kiosque_domain::UserId;
use sqlx::Row;

use crate::db::{log_change, now_ms, Tx};
use crate::media_rights::actor_in;
use crate::{Store, StoreError, Upserted};

type Result<T> = std::result::Result<T, StoreError>;

async fn check_role(tx: &mut Tx<'_>, by: Option<UserId>) -> Result<()> {
    if let Some(by) = by {
        if !actor_in(tx, by).await?.can_publish_media() {
            return Err(StoreError::Forbidden);
        }
    }
    Ok(())
}

fn invalid(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

fn image_json(image: Option<&kiosque_domain::MediaRef>) -> Result<Option<String>> {
    image
        .map(serde_json::to_string)
        .transpose()
        .map_err(invalid)
}

/// The source's columns: file path, size, MIME type, external address.
fn source_columns(s: &AudioSource) -> (Option<&str>, Option<i64>, &'static str, Option<&str>) {
    match s {
        AudioSource::File {
            path,
            bytes,
            format,
        } => (Some(path), Some(*bytes), format.mime(), None),
        AudioSource::External { url, format } => (None, None, format.mime(), Some(url.trim())),
    }
}

async fn show_exists(tx: &mut Tx<'_>, id: i64) -> Result<()> {
    let found = sqlx::query("select id from podcast_shows where id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    if found.is_none() {
        return Err(StoreError::Invalid(kiosque_i18n::t1(
            "pod-err-show-missing",
            "id",
            id,
        )));
    }
    Ok(())
}

impl Store {
    /// Creates a show, as `by` (`None`: the operator).
    pub async fn create_show(&self, draft: &ShowDraft, by: Option<UserId>) -> Result<Upserted> {
        draft.validate().map_err(invalid)?;
        let image = image_json(draft.image.as_ref())?;
        let title = draft.title.trim();
        let slug = slugify(title);
        let mut tx = self.begin_write().await?;
        check_role(&mut tx, by).await?;
        let id: i64 = sqlx::query(
            "insert into podcast_shows (slug, title, description, image, category, explicit, \
               author, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(&slug)
        .bind(title)
        .bind(draft.description.trim())
        .bind(image.as_deref())
        .bind(&draft.category)
        .bind(i64::from(draft.explicit))
        .bind(draft.author.trim())
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        log_change(&mut tx, Kind::Podcast, &[Key::Podcasts]).await?;
        tx.commit().await?;
        self.committed();
        Ok(Upserted {
            id,
            created: true,
            path: kiosque_domain::podcast::show_path(&slug, id),
        })
    }

    /// Rewrites show `id`; `None` when there is no such show.
    pub async fn update_show(
        &self,
        id: i64,
        draft: &ShowDraft,
        by: Option<UserId>,
    ) -> Result<Option<Upserted>> {
        draft.validate().map_err(invalid)?;
        let image = image_json(draft.image.as_ref())?;
        let title = draft.title.trim();
        let slug = slugify(title);
        let mut tx = self.begin_write().await?;
        check_role(&mut tx, by).await?;
        let updated = sqlx::query(
            "update podcast_shows set slug = $1, title = $2, description = $3, image = $4, \
               category = $5, explicit = $6, author = $7 where id = $8",
        )
        .bind(&slug)
        .bind(title)
        .bind(draft.description.trim())
        .bind(image.as_deref())
        .bind(&draft.category)
        .bind(i64::from(draft.explicit))
        .bind(draft.author.trim())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        log_change(&mut tx, Kind::Podcast, &[Key::Podcasts]).await?;
        tx.commit().await?;
        self.committed();
        Ok(Some(Upserted {
            id,
            created: false,
            path: kiosque_domain::podcast::show_path(&slug, id),
        }))
    }

    /// Adds an episode to its show, published at `published_at` (ms), as `by`.
    pub async fn create_episode(
        &self,
        draft: &EpisodeDraft,
        published_at: i64,
        by: Option<UserId>,
    ) -> Result<Upserted> {
        draft.validate().map_err(invalid)?;
        let image = image_json(draft.image.as_ref())?;
        let title = draft.title.trim();
        let slug = slugify(title);
        let (file, bytes, mime, url) = source_columns(&draft.source);
        let mut tx = self.begin_write().await?;
        check_role(&mut tx, by).await?;
        show_exists(&mut tx, draft.show_id).await?;
        let id: i64 = sqlx::query(
            "insert into audio_entries (show_id, slug, title, description, duration_seconds, \
               file_path, file_bytes, mime, external_url, image, published_at, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id",
        )
        .bind(draft.show_id)
        .bind(&slug)
        .bind(title)
        .bind(draft.description.trim())
        .bind(draft.duration_seconds)
        .bind(file)
        .bind(bytes)
        .bind(mime)
        .bind(url)
        .bind(image.as_deref())
        .bind(published_at)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        log_change(&mut tx, Kind::Podcast, &[Key::Podcasts]).await?;
        tx.commit().await?;
        self.committed();
        Ok(Upserted {
            id,
            created: true,
            path: kiosque_domain::podcast::episode_path(&slug, id),
        })
    }

    /// Rewrites episode `id` (its publication time stays); `None` when there is no such
    /// episode.
    pub async fn update_episode(
        &self,
        id: i64,
        draft: &EpisodeDraft,
        by: Option<UserId>,
    ) -> Result<Option<Upserted>> {
        draft.validate().map_err(invalid)?;
        let image = image_json(draft.image.as_ref())?;
        let title = draft.title.trim();
        let slug = slugify(title);
        let (file, bytes, mime, url) = source_columns(&draft.source);
        let mut tx = self.begin_write().await?;
        check_role(&mut tx, by).await?;
        show_exists(&mut tx, draft.show_id).await?;
        let updated = sqlx::query(
            "update audio_entries set show_id = $1, slug = $2, title = $3, description = $4, \
               duration_seconds = $5, file_path = $6, file_bytes = $7, mime = $8, \
               external_url = $9, image = $10 where id = $11",
        )
        .bind(draft.show_id)
        .bind(&slug)
        .bind(title)
        .bind(draft.description.trim())
        .bind(draft.duration_seconds)
        .bind(file)
        .bind(bytes)
        .bind(mime)
        .bind(url)
        .bind(image.as_deref())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        log_change(&mut tx, Kind::Podcast, &[Key::Podcasts]).await?;
        tx.commit().await?;
        self.committed();
        Ok(Some(Upserted {
            id,
            created: false,
            path: kiosque_domain::podcast::episode_path(&slug, id),
        }))
    }
}
