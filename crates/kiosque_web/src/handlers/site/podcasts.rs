//! The public podcasts: `/podcasts` (the shows), a show's page with its episodes, an episode's
//! page with its player, and the players of articles that embed an episode (`::audio 12`).
//! Every page depends on `Key::Podcasts`, which every podcast write touches. The feeds are in
//! `podcast_feed`.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::podcast::{category_label, feed_path};
use kiosque_domain::typography::typeset;
use kiosque_domain::MediaRef;
use kiosque_store::ShowRow;

use crate::audio_player::{paragraphs, player, AudioPlayer, EPISODES_SHOWN};
use crate::cache::Deps;
use crate::pages::{render_page, Layout};
use crate::views::{BlockView, FigureView, Here, LibraryFigures};
use crate::{AppError, AppState};

pub struct ShowCard {
    pub href: String,
    pub title: String,
    pub description: Vec<String>,
    pub author: String,
    pub category: String,
    pub explicit: bool,
    pub episodes: i64,
    pub image: Option<FigureView>,
    /// The feed's absolute address, for podcast apps.
    pub feed: String,
}

#[derive(Template)]
#[template(path = "site/podcasts.html")]
pub struct PodcastsPage {
    pub layout: Layout,
    pub shows: Vec<ShowCard>,
}

#[derive(Template)]
#[template(path = "site/podcast_show.html")]
pub struct ShowPage {
    pub layout: Layout,
    pub show: ShowCard,
    pub episodes: Vec<AudioPlayer>,
}

#[derive(Template)]
#[template(path = "site/podcast_episode.html")]
pub struct EpisodePage {
    pub layout: Layout,
    pub show: ShowCard,
    pub p: AudioPlayer,
    pub image: Option<FigureView>,
    pub description: Vec<String>,
}

/// The images of the media library these pages show, in one read.
async fn figures(
    state: &AppState,
    images: &[Option<&MediaRef>],
) -> Result<LibraryFigures, AppError> {
    let paths: Vec<String> = images.iter().flatten().map(|m| m.path.clone()).collect();
    Ok(LibraryFigures::load(state.store(), &paths).await?)
}

fn image(figures: &LibraryFigures, m: Option<&MediaRef>) -> Option<FigureView> {
    m.map(|m| figures.figure(m, ""))
        .filter(|f| f.src.is_some())
        .map(|f| FigureView {
            // The artwork stands beside the show's name, which says what it is.
            alt: String::new(),
            caption: None,
            sizes: f.srcset.as_ref().map(|_| "(min-width: 48rem) 12rem, 8rem"),
            ..f
        })
}

fn show_card(state: &AppState, s: &ShowRow, figures: &LibraryFigures) -> ShowCard {
    ShowCard {
        href: s.path(),
        title: typeset(&s.title),
        description: paragraphs(&s.description),
        author: typeset(&s.author),
        category: category_label(&s.category),
        explicit: s.explicit,
        episodes: s.episodes,
        image: image(figures, s.image.as_ref()),
        feed: state.config().link(&feed_path(s.id)),
    }
}

/// The page's layout, advertising the show's feed first (podcast apps and browsers find it
/// from the page's address).
async fn layout_with_feed(
    state: &AppState,
    title: &str,
    description: Option<&str>,
    canonical: String,
    show: Option<&ShowCard>,
) -> Result<Layout, AppError> {
    let mut layout =
        crate::layout::layout(state, title, description, Some(canonical), Here::Elsewhere).await?;
    if let Some(show) = show {
        layout.feeds.insert(
            0,
            (
                "application/rss+xml",
                crate::i18n::t1("pod-feed-link", "title", &show.title),
                show.feed.clone(),
            ),
        );
    }
    Ok(layout)
}

/// `GET /podcasts`: every show.
pub async fn index(State(state): State<AppState>) -> Result<Response, AppError> {
    let shows = state.store().shows().await?;
    let images: Vec<Option<&MediaRef>> = shows.iter().map(|s| s.image.as_ref()).collect();
    let figures = figures(&state, &images).await?;
    let cards = shows
        .iter()
        .map(|s| show_card(&state, s, &figures))
        .collect();
    let layout = layout_with_feed(
        &state,
        &crate::i18n::t("pod-title-index"),
        Some(&crate::i18n::t("pod-index-intro")),
        "/podcasts".to_owned(),
        None,
    )
    .await?;
    let deps = Deps::new([Key::Nav, Key::Podcasts]).extend(figures.deps());
    render_page(
        &PodcastsPage {
            layout,
            shows: cards,
        },
        deps,
    )
}

/// `GET /podcasts/{slug}_{id}.html`: a show and its episodes, newest first; a stale slug
/// answers 301.
pub async fn show(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let (slug, id) = kiosque_domain::slug::parse_permalink_file(&file).ok_or(AppError::NotFound)?;
    let show = state.store().show(id).await?.ok_or(AppError::NotFound)?;
    let deps = Deps::new([Key::Nav, Key::Podcasts]);
    if slug != show.slug {
        let mut res = super::moved_permanently(&show.path());
        res.extensions_mut().insert(deps);
        return Ok(res);
    }
    let episodes = state.store().show_episodes(id, EPISODES_SHOWN).await?;
    let figures = figures(&state, &[show.image.as_ref()]).await?;
    let card = show_card(&state, &show, &figures);
    let layout = layout_with_feed(
        &state,
        &crate::i18n::t1("pod-title-show", "title", &show.title),
        show.description.lines().next(),
        show.path(),
        Some(&card),
    )
    .await?;
    let deps = deps.extend(figures.deps());
    render_page(
        &ShowPage {
            layout,
            show: card,
            episodes: episodes.iter().map(player).collect(),
        },
        deps,
    )
}

/// `GET /podcasts/episodes/{slug}_{id}.html`: an episode with its player, description and
/// download link; a stale slug answers 301.
pub async fn episode(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let (slug, id) = kiosque_domain::slug::parse_permalink_file(&file).ok_or(AppError::NotFound)?;
    let episode = state.store().episode(id).await?.ok_or(AppError::NotFound)?;
    let deps = Deps::new([Key::Nav, Key::Podcasts]);
    if slug != episode.slug {
        let mut res = super::moved_permanently(&episode.path());
        res.extensions_mut().insert(deps);
        return Ok(res);
    }
    let show = state
        .store()
        .show(episode.show_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let figures = figures(&state, &[show.image.as_ref(), episode.image.as_ref()]).await?;
    let card = show_card(&state, &show, &figures);
    let layout = layout_with_feed(
        &state,
        &crate::i18n::t2(
            "pod-title-episode",
            "title",
            &episode.title,
            "show",
            &show.title,
        ),
        episode.description.lines().next(),
        episode.path(),
        Some(&card),
    )
    .await?;
    let deps = deps.extend(figures.deps());
    render_page(
        &EpisodePage {
            layout,
            image: image(&figures, episode.image.as_ref().or(show.image.as_ref())),
            show: card,
            p: player(&episode),
            description: paragraphs(&episode.description),
        },
        deps,
    )
}

/// Fills the players of the `::audio` blocks of a page's body, and adds what they depend on to
/// the page's keys. An episode that does not exist (deleted since) stays a plain link.
pub async fn attach_players(
    state: &AppState,
    blocks: &mut [BlockView],
    deps: Deps,
) -> Result<Deps, AppError> {
    let mut any = false;
    for block in blocks.iter_mut() {
        if let BlockView::Audio {
            id, player: slot, ..
        } = block
        {
            any = true;
            *slot = state.store().episode(*id).await?.as_ref().map(player);
        }
    }
    Ok(if any { deps.with(Key::Podcasts) } else { deps })
}
