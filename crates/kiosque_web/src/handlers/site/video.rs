use axum::extract::{Path, Query, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::typography::typeset;
use kiosque_domain::VideoId;
use kiosque_store::VideoCard;

use crate::cache::Deps;
use crate::config::SiteConfig;
use crate::pages::{render_page, VideoPage, VideosPage};
use crate::video_views::{self, DurationView};
use crate::views::{self, FigureView, Here, LibraryFigures, Pagination};
use crate::{AppError, AppState};

/// Video cards per page of `/videos`.
const PER_PAGE: i64 = 24;

/// A video page at `/videos/{slug}_{id}.html`; a stale slug answers 301. An uploaded file plays
/// in `<video>` from `/media/…` (served with range requests, so readers can seek); a video
/// hosted elsewhere is its poster and a link to it. The page says the video's own date, its
/// length, its description and the article that goes with it.
pub async fn show(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let (slug, id) = kiosque_domain::slug::parse_permalink_file(&file).ok_or(AppError::NotFound)?;
    let store = state.store();
    let video = store.video(id).await?.ok_or(AppError::NotFound)?;
    let canonical = video.path();
    // Every article write touches `Key::Front`: an article that starts (or stops) opening with
    // this video, or the linked article's new title, refreshes the page.
    let deps = Deps::new([Key::Nav, Key::Videos, Key::Front, Key::Video(VideoId(id))]);
    if slug != video.slug {
        let mut res = super::moved_permanently(&canonical);
        res.extensions_mut().insert(deps);
        return Ok(res);
    }
    // A poster from the media library is shown at a sensible size rather than as uploaded.
    let figures =
        LibraryFigures::load(store, &views::image_paths(video.poster.as_ref(), &[])).await?;
    let (rail, rail_deps) = super::rail::rail(&state, Some(video.id)).await?;
    let deps = deps.extend(figures.deps()).extend(rail_deps);
    let (file_src, poster, embed_url) = sources(&video, &figures);
    let article = store
        .video_article(&video)
        .await?
        .map(|a| views::card(&a, None));
    let duration = video_views::duration(video.duration_seconds);
    let mut layout = crate::layout::layout(
        &state,
        &crate::i18n::t1("site-title-video", "title", &video.title),
        video.description.as_deref().map(first_line),
        Some(canonical.clone()),
        Here::InVideos,
    )
    .await?;
    let ld = video_object(
        &video,
        state.config(),
        &canonical,
        poster.as_ref(),
        file_src.as_deref(),
        duration.as_ref(),
    );
    layout.json_ld = Some(crate::pages::json_ld(&ld));
    render_page(
        &VideoPage {
            layout,
            title: typeset(&video.title),
            date: video_views::date(&video),
            duration,
            description: paragraphs(video.description.as_deref()),
            file_src,
            poster,
            embed_url,
            article,
            rail,
        },
        deps,
    )
}

/// The first line of a description, for `<meta name="description">`.
fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or(text)
}

/// A description as paragraphs: one per line the newsroom wrote.
fn paragraphs(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(typeset)
        .collect()
}

/// Where the video plays from: our file, its poster, or the address of the host's page.
fn sources(
    video: &VideoCard,
    figures: &LibraryFigures,
) -> (Option<String>, Option<FigureView>, Option<String>) {
    // The video's row records its file: that is what says it exists.
    let file_src = video
        .file_path
        .as_deref()
        .and_then(crate::figures::recorded_src);
    // The poster stands for the video, whose title is the page's heading: no alt text.
    let poster = video
        .poster
        .as_ref()
        .map(|p| figures.figure(p, ""))
        .filter(|f| f.src.is_some())
        .map(|f| FigureView {
            alt: String::new(),
            ..f
        });
    // An external video is a link, not an `<iframe>`: the Content-Security-Policy allows no
    // third-party frame (no tracking scripts from video hosts in our pages), so the page says
    // where the video is and sends the reader there. Archive entries may hold `http://`
    // addresses; the newsroom only accepts `https://` ones.
    let embed_url = video
        .embed_url
        .clone()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    (file_src, poster, embed_url)
}

/// schema.org `VideoObject`, as search engines read it; what is not known is left out.
fn video_object(
    video: &VideoCard,
    config: &SiteConfig,
    canonical: &str,
    poster: Option<&FigureView>,
    file_src: Option<&str>,
    duration: Option<&DurationView>,
) -> serde_json::Value {
    let url = config.link(canonical);
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": video.title,
        // Search engines want a description: the title stands in for a missing one.
        "description": video.description.as_deref().unwrap_or(&video.title),
        "url": url,
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "inLanguage": crate::i18n::t("site-locale"),
        "publisher": { "@type": "Organization", "name": "Kiosque", "url": config.link("/") },
    });
    if let Some((at, _)) = video.shown_date() {
        ld["uploadDate"] = serde_json::json!(kiosque_domain::dates::iso(at));
    }
    if let Some(d) = duration {
        ld["duration"] = serde_json::json!(d.iso);
    }
    if let Some(src) = poster.and_then(|p| p.src.as_deref()) {
        ld["thumbnailUrl"] = serde_json::json!([config.link(src)]);
    }
    if let Some(src) = file_src {
        ld["contentUrl"] = serde_json::json!(config.link(src));
    }
    ld
}

/// `/videos`: every video as a card, newest first, a page at a time.
pub async fn index(
    State(state): State<AppState>,
    Query(q): Query<super::PageQuery>,
) -> Result<Response, AppError> {
    let page = super::page_number(q.page.as_deref())?;
    let (videos, total) = state
        .store()
        .videos_page((page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    if page > 1 && videos.is_empty() {
        return Err(AppError::NotFound);
    }
    let (videos, poster_deps) = super::rail::cards(&state, &videos).await?;
    let canonical = if page == 1 {
        "/videos".to_owned()
    } else {
        format!("/videos?page={page}")
    };
    let layout = crate::layout::layout(
        &state,
        &crate::i18n::t("site-title-videos"),
        None,
        Some(canonical),
        Here::VideosPage,
    )
    .await?;
    crate::pages::render_paginated(
        &VideosPage {
            layout,
            videos,
            pagination: Pagination::new("/videos", page, total, PER_PAGE),
        },
        Deps::new([Key::Nav, Key::Videos]).extend(poster_deps),
    )
}

/// The site an external video is on, for the link's text (`dailymotion.com`). Called by the
/// `site/video.html` template.
pub fn embed_host(url: &str) -> String {
    crate::handlers::newsroom::videos::embed_host(url)
}
