//! Podcasts' reads: the shows, a show's episodes (newest first), one episode with its show.

use kiosque_domain::MediaRef;
use sqlx::Row;

use crate::{Store, StoreError};

type Result<T> = std::result::Result<T, StoreError>;

/// A show as pages, feeds and the newsroom show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub image: Option<MediaRef>,
    /// One of Apple's categories (`kiosque_domain::podcast::CATEGORIES`).
    pub category: String,
    pub explicit: bool,
    pub author: String,
    pub created_at: i64,
    pub episodes: i64,
    /// When its latest episode went out, if any.
    pub latest_at: Option<i64>,
}

impl ShowRow {
    pub fn path(&self) -> String {
        kiosque_domain::podcast::show_path(&self.slug, self.id)
    }
}

/// An episode, with the names of its show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeRow {
    pub id: i64,
    pub show_id: i64,
    pub show_slug: String,
    pub show_title: String,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub duration_seconds: Option<i64>,
    /// The uploaded file (`/2026/12/03/journal-ab12.mp3`) and its exact size.
    pub file_path: Option<String>,
    pub file_bytes: Option<i64>,
    pub mime: String,
    pub external_url: Option<String>,
    pub image: Option<MediaRef>,
    pub published_at: i64,
}

impl EpisodeRow {
    pub fn path(&self) -> String {
        kiosque_domain::podcast::episode_path(&self.slug, self.id)
    }

    pub fn show_path(&self) -> String {
        kiosque_domain::podcast::show_path(&self.show_slug, self.show_id)
    }

    /// Where the sound is, as a link: `/media/…` for an upload, the address for a file hosted
    /// elsewhere.
    pub fn audio_src(&self) -> Option<String> {
        match (&self.file_path, &self.external_url) {
            (Some(p), _) => Some(format!("/media/{}", p.trim_start_matches('/'))),
            (None, Some(u)) => Some(u.clone()),
            (None, None) => None,
        }
    }
}

fn media_ref(json: Option<String>) -> Result<Option<MediaRef>> {
    json.map(|j| {
        serde_json::from_str(&j).map_err(|e| StoreError::Corrupt(format!("media reference: {e}")))
    })
    .transpose()
}

const SHOW_COLUMNS: &str = "s.id, s.slug, s.title, s.description, s.image, s.category, \
     s.explicit, s.author, s.created_at, \
     (select count(*) from audio_entries e where e.show_id = s.id) as episodes, \
     (select max(e.published_at) from audio_entries e where e.show_id = s.id) as latest_at \
     from podcast_shows s";

fn show_of(r: &sqlx::any::AnyRow) -> Result<ShowRow> {
    Ok(ShowRow {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        title: r.try_get("title")?,
        description: r.try_get("description")?,
        image: media_ref(r.try_get("image")?)?,
        category: r.try_get("category")?,
        explicit: r.try_get::<i64, _>("explicit")? != 0,
        author: r.try_get("author")?,
        created_at: r.try_get("created_at")?,
        episodes: r.try_get("episodes")?,
        latest_at: r.try_get("latest_at")?,
    })
}

const EPISODE_COLUMNS: &str = "e.id, e.show_id, s.slug as show_slug, s.title as show_title, \
     e.slug, e.title, e.description, e.duration_seconds, e.file_path, e.file_bytes, e.mime, \
     e.external_url, e.image, e.published_at \
     from audio_entries e join podcast_shows s on s.id = e.show_id";

fn episode_of(r: &sqlx::any::AnyRow) -> Result<EpisodeRow> {
    Ok(EpisodeRow {
        id: r.try_get("id")?,
        show_id: r.try_get("show_id")?,
        show_slug: r.try_get("show_slug")?,
        show_title: r.try_get("show_title")?,
        slug: r.try_get("slug")?,
        title: r.try_get("title")?,
        description: r.try_get("description")?,
        duration_seconds: r.try_get("duration_seconds")?,
        file_path: r.try_get("file_path")?,
        file_bytes: r.try_get("file_bytes")?,
        mime: r.try_get("mime")?,
        external_url: r.try_get("external_url")?,
        image: media_ref(r.try_get("image")?)?,
        published_at: r.try_get("published_at")?,
    })
}

impl Store {
    /// Every show, the one with the latest episode first.
    pub async fn shows(&self) -> Result<Vec<ShowRow>> {
        let mut shows = sqlx::query(&format!("select {SHOW_COLUMNS}"))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(show_of)
            .collect::<Result<Vec<_>>>()?;
        shows.sort_by_key(|s| (std::cmp::Reverse(s.latest_at.unwrap_or(s.created_at)), s.id));
        Ok(shows)
    }

    pub async fn show(&self, id: i64) -> Result<Option<ShowRow>> {
        sqlx::query(&format!("select {SHOW_COLUMNS} where s.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(show_of)
            .transpose()
    }

    /// A show's latest episodes, newest first (`limit` at most).
    pub async fn show_episodes(&self, show_id: i64, limit: i64) -> Result<Vec<EpisodeRow>> {
        sqlx::query(&format!(
            "select {EPISODE_COLUMNS} where e.show_id = $1 \
             order by e.published_at desc, e.id desc limit $2"
        ))
        .bind(show_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(episode_of)
        .collect()
    }

    /// Every show's episodes, newest first, for the newsroom's list.
    pub async fn latest_episodes(&self, limit: i64) -> Result<Vec<EpisodeRow>> {
        sqlx::query(&format!(
            "select {EPISODE_COLUMNS} order by e.published_at desc, e.id desc limit $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(episode_of)
        .collect()
    }

    pub async fn episode(&self, id: i64) -> Result<Option<EpisodeRow>> {
        sqlx::query(&format!("select {EPISODE_COLUMNS} where e.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(episode_of)
            .transpose()
    }

    /// Whether any episode plays this uploaded file (before a replaced file is deleted).
    pub async fn audio_file_in_use(&self, file_path: &str) -> Result<bool> {
        Ok(
            sqlx::query("select id from audio_entries where file_path = $1 limit 1")
                .bind(file_path)
                .fetch_optional(&self.pool)
                .await?
                .is_some(),
        )
    }
}
