//! A show's podcast feed, `GET /podcasts/feeds/{id}.xml`: RSS 2.0 with the iTunes tags podcast
//! apps read (`itunes:image`, `itunes:duration`, `itunes:explicit`, `itunes:category`,
//! `itunes:author`) and Podcasting 2.0's `podcast:guid`. Every address is absolute on the
//! site's public URL; an enclosure gives the exact size in bytes and the MIME type that the
//! media folder serves the file with. Item GUIDs never change with a title or an address.
//! Written by an askama template, like the site's other feeds.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::dates::from_millis;
use kiosque_domain::podcast::{episode_guid, feed_path, itunes_duration, podcast_guid};
use kiosque_domain::MediaRef;
use kiosque_store::EpisodeRow;

use super::sitemaps::typed;
use crate::audio_player::EPISODES_SHOWN;
use crate::cache::Deps;
use crate::config::SiteConfig;
use crate::{AppError, AppState};

pub struct PodcastItem {
    pub title: String,
    pub url: String,
    pub guid: String,
    pub published_rfc2822: String,
    pub description: String,
    pub enclosure_url: String,
    pub length: i64,
    pub mime: String,
    pub duration: Option<String>,
    pub image_url: Option<String>,
}

#[derive(Template)]
#[template(path = "feeds/podcast.xml")]
struct PodcastFeed {
    title: String,
    description: String,
    page_url: String,
    self_url: String,
    guid: String,
    author: String,
    image_url: String,
    category: String,
    explicit: bool,
    updated_rfc2822: Option<String>,
    items: Vec<PodcastItem>,
}

/// The original file of a library image, absolute (apps want the full-size square artwork).
fn image_url(config: &SiteConfig, m: &MediaRef) -> String {
    config.link(&format!("/media/{}", m.path.trim_start_matches('/')))
}

fn item(config: &SiteConfig, show_guid: &str, e: &EpisodeRow) -> Option<PodcastItem> {
    let (enclosure_url, length) = match (&e.file_path, &e.external_url) {
        (Some(p), _) => (
            config.link(&format!("/media/{}", p.trim_start_matches('/'))),
            e.file_bytes.unwrap_or(0),
        ),
        // A file hosted elsewhere: its size is not known here, and apps accept 0.
        (None, Some(u)) => (u.clone(), 0),
        (None, None) => return None,
    };
    Some(PodcastItem {
        title: e.title.clone(),
        url: config.link(&e.path()),
        guid: episode_guid(show_guid, e.id),
        published_rfc2822: from_millis(e.published_at).to_rfc2822(),
        description: e.description.clone(),
        enclosure_url,
        length,
        mime: e.mime.clone(),
        duration: e.duration_seconds.map(itunes_duration),
        image_url: e.image.as_ref().map(|m| image_url(config, m)),
    })
}

/// `GET /podcasts/feeds/{id}.xml`.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let id = file
        .strip_suffix(".xml")
        .filter(|s| !s.is_empty() && s.len() < 19 && s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| s.parse::<i64>().ok())
        .ok_or(AppError::NotFound)?;
    let show = state.store().show(id).await?.ok_or(AppError::NotFound)?;
    let episodes = state.store().show_episodes(id, EPISODES_SHOWN).await?;
    let config = state.config();
    let self_url = config.link(&feed_path(id));
    let guid = podcast_guid(&self_url);
    let items: Vec<PodcastItem> = episodes
        .iter()
        .filter_map(|e| item(config, &guid, e))
        .collect();
    let feed = PodcastFeed {
        title: show.title.clone(),
        description: show.description.clone(),
        page_url: config.link(&show.path()),
        self_url,
        guid,
        author: show.author.clone(),
        image_url: show
            .image
            .as_ref()
            .map(|m| image_url(config, m))
            .unwrap_or_else(|| crate::metadata::site_image(config)),
        category: show.category.clone(),
        explicit: show.explicit,
        updated_rfc2822: episodes
            .first()
            .map(|e| from_millis(e.published_at).to_rfc2822()),
        items,
    };
    Ok(typed(
        feed.render()?,
        "application/rss+xml; charset=utf-8",
        Some(Deps::new([Key::Podcasts])),
    ))
}
