//! The media library's routes.

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{get, post};
use axum::Router;

use super::framing::frame;
use super::image::{detail, edit};
use super::library::{library, list_json};
use super::upload::{upload, UPLOAD_BODY_LIMIT};
use crate::AppState;

/// Every route of the media library, to merge into the site's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/medias",
            get(library).post(upload.layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))),
        )
        .route("/admin/medias.json", get(list_json))
        .route("/admin/medias/{id}", get(detail).post(edit))
        .route("/admin/medias/{id}/cadrage", post(frame))
}
