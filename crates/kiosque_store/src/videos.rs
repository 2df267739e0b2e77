//! Video entries: the "À regarder" rail and video pages.

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::slug::slugify;
use kiosque_domain::video::VideoDetails;
use kiosque_domain::VideoDraft;
use kiosque_domain::VideoId;
use sqlx::Row;

use crate::db::{log_change, now_ms, Tx};
use crate::rows::{card_from_row, video_from_row, ARTICLE_CARD_COLUMNS, VIDEO_COLUMNS};
use crate::views::{ArticleCard, VideoCard};
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
        sqlx::query(&format!(
            "select {VIDEO_COLUMNS} from videos order by published_at desc, id asc limit $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(video_from_row)
        .collect()
    }

    /// A page of videos in the rail's order (newest first), and how many there are.
    pub async fn videos_page(&self, offset: i64, limit: i64) -> Result<(Vec<VideoCard>, i64)> {
        // The same order as the rail, so that /videos continues it.
        let videos = sqlx::query(&format!(
            "select {VIDEO_COLUMNS} from videos \
             order by published_at desc, id asc limit $1 offset $2"
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(video_from_row)
        .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query("select count(*) as n from videos")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        Ok((videos, total))
    }

    pub async fn video(&self, id: i64) -> Result<Option<VideoCard>> {
        sqlx::query(&format!("select {VIDEO_COLUMNS} from videos where id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(video_from_row)
            .transpose()
    }

    /// The published article that goes with a video: the one the newsroom tied to it, else the
    /// latest that opens with it (its hero video).
    pub async fn video_article(&self, video: &VideoCard) -> Result<Option<ArticleCard>> {
        sqlx::query(&format!(
            "select {ARTICLE_CARD_COLUMNS} from articles a join sections s on s.id = a.section_id \
             where a.status = 'published' and (a.id = $1 or a.hero_video_id = $2) \
             order by case when a.id = $3 then 0 else 1 end, a.published_at desc, a.id desc \
             limit 1"
        ))
        .bind(video.article_id.map(|a| a.get()))
        .bind(video.id)
        .bind(video.article_id.map(|a| a.get()))
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(card_from_row)
        .transpose()
    }

    /// Adds a video from the newsroom with what it tells about it, in one transaction.
    pub async fn create_video(
        &self,
        draft: &VideoDraft,
        details: &VideoDetails,
    ) -> Result<Upserted> {
        validate_video(draft)?;
        let details = checked_details(details)?;
        let mut tx = self.begin_write().await?;
        let up = write_video(&mut tx, draft).await?;
        write_details(&mut tx, up.id, &details).await?;
        tx.commit().await?;
        self.committed();
        Ok(up)
    }
}

/// The details as stored, or why they are refused.
pub(crate) fn checked_details(details: &VideoDetails) -> Result<VideoDetails> {
    details
        .clone()
        .normalized()
        .map_err(|e| StoreError::Invalid(e.to_string()))
}

/// Writes the newsroom's details of video `id`; the article named must exist (it may not be
/// published yet: the page shows it once it is).
pub(crate) async fn write_details(tx: &mut Tx<'_>, id: i64, details: &VideoDetails) -> Result<()> {
    if let Some(article) = details.article {
        let found = sqlx::query("select id from articles where id = $1")
            .bind(article.get())
            .fetch_optional(&mut **tx)
            .await?;
        if found.is_none() {
            return Err(StoreError::Invalid(kiosque_i18n::t1(
                "err-video-article-missing",
                "id",
                article.get(),
            )));
        }
    }
    sqlx::query(
        "update videos set recorded_at = $1, description = $2, article_id = $3 where id = $4",
    )
    .bind(details.recorded_at)
    .bind(details.description.as_deref())
    .bind(details.article.map(|a| a.get()))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) fn validate_video(draft: &VideoDraft) -> Result<()> {
    let title = draft.title.trim();
    if title.is_empty() || title.chars().count() > kiosque_domain::article::MAX_TITLE_CHARS {
        return Err(StoreError::Invalid(kiosque_i18n::t("err-video-title")));
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
