//! A live blog's posts as HTML: the one rendering shared by the page (first render, cached)
//! and the live stream (each change rendered once per node, then sent to every open page), so
//! a streamed post is exactly the post a reload shows.

use askama::Template;
use kiosque_domain::change::Key;
use kiosque_domain::dates;
use kiosque_domain::typography::typeset;
use kiosque_store::LivePost;

use crate::error::AppError;
use crate::views::{self, BlockView, LibraryFigures};

/// A post as the page shows it.
pub struct PostView {
    pub id: i64,
    pub title: String,
    /// "14:32", or "3 décembre, 14:32" once the day changed since the coverage started.
    pub time_label: String,
    pub datetime: String,
    pub author: Option<String>,
    pub important: bool,
    pub key_point: bool,
    /// "Modifié à 14:40" when the post was edited.
    pub edited: Option<String>,
    pub body: Vec<BlockView>,
}

/// A line of "L'essentiel": a key point's title, linked to its post.
pub struct KeyPointView {
    pub id: i64,
    pub title: String,
    pub time_label: String,
    pub datetime: String,
}

/// One post, as the stream sends it and the page lists it.
#[derive(Template)]
#[template(path = "site/live_post.html")]
pub struct PostFragment<'a> {
    pub p: &'a PostView,
}

/// The "L'essentiel" box, as the stream sends it when a key point changes.
#[derive(Template)]
#[template(path = "site/live_essentials.html")]
pub struct EssentialsFragment<'a> {
    pub points: &'a [KeyPointView],
}

/// The posts as views, with the keys of the library images they show. One read of the media
/// library for all of them.
pub async fn post_views(
    store: &kiosque_store::Store,
    posts: &[LivePost],
    coverage_start: i64,
) -> Result<(Vec<PostView>, Vec<Key>), AppError> {
    let mut paths: Vec<String> = posts
        .iter()
        .flat_map(|p| views::image_paths(None, &p.body))
        .collect();
    paths.sort();
    paths.dedup();
    let figures = LibraryFigures::load(store, &paths).await?;
    let views = posts
        .iter()
        .map(|p| post_view(p, coverage_start, &figures))
        .collect();
    Ok((views, figures.deps()))
}

fn post_view(p: &LivePost, coverage_start: i64, figures: &LibraryFigures) -> PostView {
    PostView {
        id: p.id,
        title: typeset(&p.title),
        time_label: kiosque_domain::live::time_label(p.created_at, coverage_start),
        datetime: dates::iso(p.created_at),
        author: p.author.as_deref().map(typeset),
        important: p.important,
        key_point: p.key_point,
        edited: p.updated_at.map(|u| {
            crate::i18n::t1(
                "live-edited-at",
                "time",
                &kiosque_domain::live::time_label(u, coverage_start),
            )
        }),
        body: views::blocks(&p.body, figures),
    }
}

pub fn key_points(points: &[LivePost], coverage_start: i64) -> Vec<KeyPointView> {
    points
        .iter()
        .map(|p| KeyPointView {
            id: p.id,
            title: typeset(&p.title),
            time_label: kiosque_domain::live::time_label(p.created_at, coverage_start),
            datetime: dates::iso(p.created_at),
        })
        .collect()
}
