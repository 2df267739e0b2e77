use axum::extract::{Path, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::dates;
use kiosque_domain::typography::french;
use kiosque_domain::VideoId;
use kiosque_store::{Store, VideoCard};

use crate::cache::Deps;
use crate::pages::{render_page, VideoPage, VideosPage};
use crate::views::{self, Here, LibraryFigures};
use crate::{AppError, AppState};

/// A video page at `/videos/{slug}_{id}.html`; a stale slug answers 301. An uploaded file plays
/// in `<video>` from `/media/…` (served with range requests, so readers can seek); a video
/// hosted elsewhere is a link to it.
pub async fn show(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let (slug, id) = kiosque_domain::slug::parse_permalink_file(&file).ok_or(AppError::NotFound)?;
    let store = state.store();
    let video = store.video(id).await?.ok_or(AppError::NotFound)?;
    let canonical = video.path();
    let deps = Deps::new([Key::Nav, Key::Videos, Key::Video(VideoId(id))]);
    if slug != video.slug {
        let mut res = super::moved_permanently(&canonical);
        res.extensions_mut().insert(deps);
        return Ok(res);
    }
    // A poster from the media library is shown at a sensible size rather than as uploaded.
    let library = match &video.poster {
        Some(poster) => {
            store
                .media_by_paths(&views::image_paths(Some(poster), &[]))
                .await?
        }
        None => Vec::new(),
    };
    let figures = LibraryFigures::new(state.media_dir(), library);
    let deps = deps.extend(figures.deps());
    let (file_src, poster_src, embed_url) = sources(&video, &figures);
    let rail = views::rail(&rail_without(store, video.id).await?);
    let layout = crate::layout::layout(
        &state,
        &format!("{} — Vidéo — Kiosque", video.title),
        None,
        Some(canonical),
        Here::InVideos,
    )
    .await?;
    render_page(
        &VideoPage {
            layout,
            title: french(&video.title),
            date_label: format!("Publiée le {}", dates::paris_date(video.published_at)),
            datetime: dates::iso(video.published_at),
            duration: video
                .duration_seconds
                .map(|s| format!("{} min {:02} s", s / 60, s % 60)),
            file_src,
            poster_src,
            embed_url,
            rail,
        },
        deps,
    )
}

/// Where the video plays from: our file, its poster, or the address of the host's page.
fn sources(
    video: &VideoCard,
    figures: &LibraryFigures<'_>,
) -> (Option<String>, Option<String>, Option<String>) {
    let file_src = video.file_path.as_ref().and_then(|p| {
        figures
            .figure(
                &kiosque_domain::MediaRef {
                    path: p.clone(),
                    ..Default::default()
                },
                "",
            )
            .src
    });
    let poster_src = video
        .poster
        .as_ref()
        .and_then(|p| figures.figure(p, "").src);
    // An external video is a link, not an `<iframe>`: the Content-Security-Policy allows no
    // third-party frame (no tracking scripts from video hosts in our pages), so the page says
    // where the video is and sends the reader there. Archive entries may hold `http://`
    // addresses; the newsroom only accepts `https://` ones.
    let embed_url = video
        .embed_url
        .clone()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    (file_src, poster_src, embed_url)
}

/// The rail leaves out the video being watched.
async fn rail_without(store: &Store, id: i64) -> Result<Vec<VideoCard>, AppError> {
    let mut others = store.latest_videos(super::RAIL_LEN + 1).await?;
    others.retain(|v| v.id != id);
    others.truncate(super::RAIL_LEN as usize);
    Ok(others)
}

/// `/videos`: the latest videos.
pub async fn index(State(state): State<AppState>) -> Result<Response, AppError> {
    let videos = views::rail(&state.store().latest_videos(60).await?);
    let layout = crate::layout::layout(
        &state,
        "Vidéos — Kiosque",
        None,
        Some("/videos".into()),
        Here::VideosPage,
    )
    .await?;
    render_page(
        &VideosPage { layout, videos },
        Deps::new([Key::Nav, Key::Videos]),
    )
}

/// The site an external video is on, for the link's text (`dailymotion.com`). Called by the
/// `site/video.html` template.
pub fn embed_host(url: &str) -> String {
    crate::handlers::newsroom::videos::embed_host(url)
}
