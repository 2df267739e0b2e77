//! Video entries: the "À regarder" rail and video pages.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::slug::slugify;
use kiosque_domain::VideoDraft;
use kiosque_domain::VideoId;
use sqlx::Row;

use crate::db::{log_change, now_ms, Tx};
use crate::rows::video_from_row;
use crate::views::VideoCard;
use crate::{Store, StoreError, Upserted};

type Result<T> = std::result::Result<T, StoreError>;
use crate::structure::section_id;

impl Store {
    /// Writes a video: updates the one with the same `source_key`, else creates it. An update
    /// keeps the original publication time, so re-importing does not reorder the rail.
    pub async fn upsert_video(&self, draft: &VideoDraft) -> Result<Upserted> {
        validate_video(draft)?;
        let mut tx = self.begin_write().await?;
        let up = write_video(&mut tx, draft).await?;
        tx.commit().await?;
        self.committed();
        Ok(up)
    }

    /// The latest videos, newest first (the "À regarder" rail).
    pub async fn latest_videos(&self, limit: i64) -> Result<Vec<VideoCard>> {
        sqlx::query(
            "select id, slug, title, poster, duration_seconds, file_path, embed_url, published_at \
             from videos order by published_at desc, id asc limit $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(video_from_row)
        .collect()
    }

    pub async fn video(&self, id: i64) -> Result<Option<VideoCard>> {
        sqlx::query(
            "select id, slug, title, poster, duration_seconds, file_path, embed_url, published_at \
             from videos where id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(video_from_row)
        .transpose()
    }
}

pub(crate) fn validate_video(draft: &VideoDraft) -> Result<()> {
    let title = draft.title.trim();
    if title.is_empty() || title.chars().count() > kiosque_domain::article::MAX_TITLE_CHARS {
        return Err(StoreError::Invalid(
            "Donnez à la vidéo un titre de 300 caractères au plus.".into(),
        ));
    }
    Ok(())
}

pub(crate) async fn write_video(tx: &mut Tx<'_>, draft: &VideoDraft) -> Result<Upserted> {
    let title = draft.title.trim();
    let slug = slugify(title);
    let poster = draft
        .poster
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    let section = match &draft.section {
        Some(s) => Some(section_id(tx, s).await?),
        None => None,
    };
    let existing: Option<i64> = match &draft.source_key {
        Some(key) => sqlx::query("select id from videos where source_key = $1")
            .bind(key)
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| r.try_get("id"))
            .transpose()?,
        None => None,
    };
    let duration = draft.duration_seconds.map(i64::from);
    let (id, created) = match existing {
        Some(id) => {
            sqlx::query(
                "update videos set slug = $1, title = $2, section_id = $3, poster = $4, \
                   duration_seconds = $5, file_path = $6, embed_url = $7 where id = $8",
            )
            .bind(&slug)
            .bind(title)
            .bind(section)
            .bind(poster.as_deref())
            .bind(duration)
            .bind(draft.file_path.as_deref())
            .bind(draft.embed_url.as_deref())
            .bind(id)
            .execute(&mut **tx)
            .await?;
            (id, false)
        }
        None => {
            let row = sqlx::query(
                "insert into videos (source_key, slug, title, section_id, poster, \
                   duration_seconds, file_path, embed_url, published_at, created_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
            )
            .bind(draft.source_key.as_deref())
            .bind(&slug)
            .bind(title)
            .bind(section)
            .bind(poster.as_deref())
            .bind(duration)
            .bind(draft.file_path.as_deref())
            .bind(draft.embed_url.as_deref())
            .bind(draft.published_at)
            .bind(now_ms())
            .fetch_one(&mut **tx)
            .await?;
            (row.try_get("id")?, true)
        }
    };
    log_change(tx, Kind::Video, &[Key::Video(VideoId(id)), Key::Videos]).await?;
    Ok(Upserted {
        id,
        created,
        path: kiosque_domain::slug::video_path(&slug, id),
    })
}
