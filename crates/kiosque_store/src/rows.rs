//! Turning rows into read views, shared by the modules that list articles and videos.

use kiosque_domain::{ArticleId, MediaRef};
use sqlx::Row;

use crate::views::{ArticleCard, VideoCard};
use crate::StoreError;

type Result<T> = std::result::Result<T, StoreError>;

pub(crate) const ARTICLE_CARD_COLUMNS: &str =
    "a.id, a.slug, s.slug as section_slug, s.name as section_name, \
     a.title, a.standfirst, a.hero, a.published_at, a.published_time_known, \
     (select count(*) from live_blogs lbc where lbc.article_id = a.id \
      and lbc.closed_at is null) as live_open";

pub(crate) fn parse_media(json: Option<String>) -> Result<Option<MediaRef>> {
    json.map(|j| {
        serde_json::from_str(&j).map_err(|e| StoreError::Corrupt(format!("media reference: {e}")))
    })
    .transpose()
}

pub(crate) fn card_from_row(r: &sqlx::any::AnyRow) -> Result<ArticleCard> {
    Ok(ArticleCard {
        id: ArticleId(r.try_get("id")?),
        slug: r.try_get("slug")?,
        section_slug: r.try_get("section_slug")?,
        section_name: r.try_get("section_name")?,
        title: r.try_get("title")?,
        standfirst: r.try_get("standfirst")?,
        hero: parse_media(r.try_get("hero")?)?,
        // Cards list published articles, which always have a publication time; a draft shown
        // in the newsroom's lists has none yet and sorts first.
        published_at: r
            .try_get::<Option<i64>, _>("published_at")?
            .unwrap_or_default(),
        published_time_known: r.try_get::<i64, _>("published_time_known")? != 0,
        live: r.try_get::<i64, _>("live_open")? > 0,
    })
}

/// The columns [`video_from_row`] reads, of the `videos` table.
pub(crate) const VIDEO_COLUMNS: &str =
    "id, slug, title, poster, duration_seconds, file_path, embed_url, published_at, \
     recorded_at, description, article_id, source_key";

pub(crate) fn video_from_row(r: &sqlx::any::AnyRow) -> Result<VideoCard> {
    Ok(VideoCard {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        title: r.try_get("title")?,
        poster: parse_media(r.try_get("poster")?)?,
        duration_seconds: r.try_get("duration_seconds")?,
        file_path: r.try_get("file_path")?,
        embed_url: r.try_get("embed_url")?,
        published_at: r.try_get("published_at")?,
        recorded_at: r.try_get("recorded_at")?,
        description: r.try_get("description")?,
        article_id: r.try_get::<Option<i64>, _>("article_id")?.map(ArticleId),
        from_archive: r.try_get::<Option<String>, _>("source_key")?.is_some(),
    })
}
