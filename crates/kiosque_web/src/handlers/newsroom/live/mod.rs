//! The newsroom's side of live blogs: the live blog's desk (`/admin/articles/{id}/direct`) with
//! its fast composer, the list of posts to edit or delete, opening and closing; a post's own
//! page with its history; the list of live blogs (`/admin/direct`). Who may write is decided by
//! the store inside each write's transaction (`kiosque_domain::live::may_write`); the pages ask
//! the same rule first only to answer 403 early.

pub(crate) mod common;
mod desk;
mod posts;

use axum::routing::{get, post};
use axum::Router;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/direct", get(desk::index))
        .route(
            "/admin/articles/{id}/direct",
            get(desk::show).post(posts::create),
        )
        .route("/admin/articles/{id}/direct/ouvrir", post(desk::open))
        .route("/admin/articles/{id}/direct/fermer", post(desk::close))
        .route(
            "/admin/direct/posts/{post}",
            get(posts::edit_form).post(posts::save),
        )
        .route("/admin/direct/posts/{post}/supprimer", post(posts::delete))
}
