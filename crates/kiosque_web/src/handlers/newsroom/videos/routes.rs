//! The routes of the videos' back office, with the body limit of the two that receive the form.

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::get;
use axum::Router;
use kiosque_media::MAX_VIDEO_BYTES;

use super::editor::{edit, new_form};
use super::list::list;
use super::save::{create, save};
use crate::AppState;

/// The body limit of the two routes that receive the form: the file, a poster (the media
/// library's 15 MiB) and room for the other fields. Beyond it axum stops reading the body.
pub const VIDEO_BODY_LIMIT: usize = MAX_VIDEO_BYTES as usize + 16 * 1024 * 1024;

/// Every route of the videos' back office, to merge into the site's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/videos", get(list))
        .route(
            "/admin/videos/nouvelle",
            get(new_form).post(create.layer(DefaultBodyLimit::max(VIDEO_BODY_LIMIT))),
        )
        .route(
            "/admin/videos/{id}",
            get(edit).post(save.layer(DefaultBodyLimit::max(VIDEO_BODY_LIMIT))),
        )
}
