//! The newsroom's videos (`/admin/videos`): the list, one video with its section, and the edit of
//! an existing video by id. New videos go through [`Store::upsert_video`] without a source key.

use kiosque_domain::video::VideoDetails;
use kiosque_domain::{ArticleId, MediaRef, VideoDraft};
use sqlx::Row;

use kiosque_domain::change::{Key, Kind};
use kiosque_domain::{UserId, VideoId};

use crate::db::{log_change, Tx};
use crate::media_rights::{check, record, video_uses, Medium, MediumEdit};
use crate::structure::section_id;
use crate::videos::{checked_details, validate_video, write_details};
use crate::{Store, StoreError, Upserted};

type Result<T> = std::result::Result<T, StoreError>;

/// A video as the newsroom sees it: the public card's fields and its section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoAdminRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// The section's slug and name, when the video has one.
    pub section: Option<(String, String)>,
    pub poster: Option<MediaRef>,
    pub duration_seconds: Option<i64>,
    /// The uploaded file (`/2026/05/01/alep-ab12.mp4`), when there is one.
    pub file_path: Option<String>,
    pub embed_url: Option<String>,
    pub published_at: i64,
    pub created_at: i64,
    /// What the newsroom told about it: its own date, description, article.
    pub details: VideoDetails,
}

impl VideoAdminRow {
    /// The public page.
    pub fn path(&self) -> String {
        kiosque_domain::slug::video_path(&self.slug, self.id)
    }
}

const COLUMNS: &str = "v.id, v.slug, v.title, s.slug as section_slug, s.name as section_name, \
                       v.poster, v.duration_seconds, v.file_path, v.embed_url, v.published_at, \
                       v.created_at, v.recorded_at, v.description, v.article_id";

fn row_of(r: &sqlx::any::AnyRow) -> Result<VideoAdminRow> {
    let section_slug: Option<String> = r.try_get("section_slug")?;
    let section_name: Option<String> = r.try_get("section_name")?;
    let poster: Option<String> = r.try_get("poster")?;
    Ok(VideoAdminRow {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        title: r.try_get("title")?,
        section: section_slug.zip(section_name),
        poster: poster
            .map(|j| {
                serde_json::from_str(&j)
                    .map_err(|e| StoreError::Corrupt(format!("media reference: {e}")))
            })
            .transpose()?,
        duration_seconds: r.try_get("duration_seconds")?,
        file_path: r.try_get("file_path")?,
        embed_url: r.try_get("embed_url")?,
        published_at: r.try_get("published_at")?,
        created_at: r.try_get("created_at")?,
        details: VideoDetails {
            recorded_at: r.try_get("recorded_at")?,
            description: r.try_get("description")?,
            article: r.try_get::<Option<i64>, _>("article_id")?.map(ArticleId),
        },
    })
}

impl Store {
    /// Videos, newest first and in the order of the "À regarder" rail, and how many there are.
    pub async fn admin_videos(&self, offset: i64, limit: i64) -> Result<(Vec<VideoAdminRow>, i64)> {
        let rows = sqlx::query(&format!(
            "select {COLUMNS} from videos v left join sections s on s.id = v.section_id \
             order by v.published_at desc, v.id asc limit $1 offset $2"
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(row_of)
        .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query("select count(*) as n from videos")
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        Ok((rows, total))
    }

    /// One video, with its section; `None` when there is no such video.
    pub async fn admin_video(&self, id: i64) -> Result<Option<VideoAdminRow>> {
        sqlx::query(&format!(
            "select {COLUMNS} from videos v left join sections s on s.id = v.section_id \
             where v.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(row_of)
        .transpose()
    }

    /// Rewrites video `id` from `draft` (title, section, poster, duration, file, embed) and its
    /// `details`, written by `by`, in one transaction with its change-log row. The publication
    /// time and source key are kept, so the rail keeps its order and a re-import still finds
    /// it. Public articles show the entry, so the change is checked against the sections of
    /// those that use it (see `media_rights`) in this transaction; a change that alters
    /// something is kept as a revision. `None` when there is no such video.
    pub async fn update_video(
        &self,
        id: i64,
        draft: &VideoDraft,
        details: &VideoDetails,
        by: UserId,
    ) -> Result<Option<MediumEdit<Upserted>>> {
        validate_video(draft)?;
        let details = checked_details(details)?;
        let title = draft.title.trim();
        let slug = kiosque_domain::slug::slugify(title);
        let poster = draft
            .poster
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        let Some(before) = snapshot(&mut tx, id).await? else {
            return Ok(None);
        };
        let used_in = video_uses(&mut tx, id).await?;
        if let Some(sections) = check(&mut tx, by, &used_in).await? {
            return Ok(Some(MediumEdit::Refused { sections }));
        }
        let section = match &draft.section {
            Some(s) => Some(section_id(&mut tx, s).await?),
            None => None,
        };
        let updated = sqlx::query(
            "update videos set slug = $1, title = $2, section_id = $3, poster = $4, \
               duration_seconds = $5, file_path = $6, embed_url = $7 where id = $8",
        )
        .bind(&slug)
        .bind(title)
        .bind(section)
        .bind(poster.as_deref())
        .bind(draft.duration_seconds.map(i64::from))
        .bind(draft.file_path.as_deref())
        .bind(draft.embed_url.as_deref())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        write_details(&mut tx, id, &details).await?;
        if let Some(after) = snapshot(&mut tx, id).await? {
            if after != before {
                record(&mut tx, Medium::Video(id), by, &after).await?;
            }
        }
        log_change(
            &mut tx,
            Kind::Video,
            &[Key::Video(VideoId(id)), Key::Videos],
        )
        .await?;
        tx.commit().await?;
        self.committed();
        Ok(Some(MediumEdit::Done(Upserted {
            id,
            created: false,
            path: kiosque_domain::slug::video_path(&slug, id),
        })))
    }

    /// Whether any video plays this uploaded file (before a replaced file is deleted).
    pub async fn video_file_in_use(&self, file_path: &str) -> Result<bool> {
        Ok(
            sqlx::query("select id from videos where file_path = $1 limit 1")
                .bind(file_path)
                .fetch_optional(&self.pool)
                .await?
                .is_some(),
        )
    }
}

/// The public fields of video `id` as stored, to tell whether a save changed them and to keep
/// as its revision; `None` when there is no such video.
async fn snapshot(tx: &mut Tx<'_>, id: i64) -> Result<Option<serde_json::Value>> {
    let Some(r) = sqlx::query(
        "select v.title, s.slug as section, v.poster, v.duration_seconds, v.file_path, \
           v.embed_url, v.recorded_at, v.description, v.article_id \
         from videos v left join sections s on s.id = v.section_id where v.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(serde_json::json!({
        "title": r.try_get::<String, _>("title")?,
        "section": r.try_get::<Option<String>, _>("section")?,
        "poster": r.try_get::<Option<String>, _>("poster")?,
        "duration_seconds": r.try_get::<Option<i64>, _>("duration_seconds")?,
        "file_path": r.try_get::<Option<String>, _>("file_path")?,
        "embed_url": r.try_get::<Option<String>, _>("embed_url")?,
        "recorded_at": r.try_get::<Option<i64>, _>("recorded_at")?,
        "description": r.try_get::<Option<String>, _>("description")?,
        "article_id": r.try_get::<Option<i64>, _>("article_id")?,
    })))
}
