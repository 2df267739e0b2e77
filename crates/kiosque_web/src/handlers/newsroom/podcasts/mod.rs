//! The newsroom's podcasts (`/admin/podcasts`), for the staff who may add videos (journalists,
//! editors, admins): shows (title, description, artwork from the media library, Apple category,
//! explicit flag, author) and their episodes (title, description, length, artwork, and either an
//! uploaded MP3, M4A, Ogg or WAV file or the https address of a file hosted elsewhere).
//!
//! The episode form is `multipart/form-data` with its `csrf` field before the file, so that a
//! forged form is refused before any of its file is read. The file is streamed to disk by
//! [`kiosque_media::AudioUpload`]: its first bytes and then its headers must be those of an audio
//! file, whatever its name, else nothing is kept; its length is read from them (the form's
//! duration field, when filled, wins: the newsroom may correct it). Whatever is refused or fails
//! afterwards deletes the file, so the disk holds no file without its row. The store checks the
//! person's role again inside its write.

mod common;
mod episode_upload;
mod episodes;
mod shows;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::get;
use axum::Router;
use kiosque_media::MAX_AUDIO_BYTES;

use crate::AppState;

/// The episode form's body limit: the file and room for the other fields.
const EPISODE_BODY_LIMIT: usize = MAX_AUDIO_BYTES as usize + 1024 * 1024;

/// Every route of the podcasts' back office, to merge into the site's router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/podcasts", get(shows::list))
        .route(
            "/admin/podcasts/emissions/nouvelle",
            get(shows::new_form).post(shows::create),
        )
        .route(
            "/admin/podcasts/emissions/{id}",
            get(shows::edit).post(shows::save),
        )
        .route(
            "/admin/podcasts/episodes/nouveau",
            get(episodes::new_form)
                .post(episodes::create.layer(DefaultBodyLimit::max(EPISODE_BODY_LIMIT))),
        )
        .route(
            "/admin/podcasts/episodes/{id}",
            get(episodes::edit)
                .post(episodes::save.layer(DefaultBodyLimit::max(EPISODE_BODY_LIMIT))),
        )
}
