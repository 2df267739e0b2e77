//! The routes of the site's administration, all in one table.

use axum::routing::{get, post};
use axum::Router;

use super::authors::{author, authors, update_author};
use super::front::{front, order_blocks, pin_lead};
use super::sections::{
    create_section, move_section, position_section, rename_section, section, sections,
};
use super::tags::{rename_tag, tags};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/rubriques", get(sections).post(create_section))
        .route("/admin/rubriques/{id}", get(section))
        .route("/admin/rubriques/{id}/renommer", post(rename_section))
        .route("/admin/rubriques/{id}/deplacer", post(move_section))
        .route("/admin/rubriques/{id}/position", post(position_section))
        .route("/admin/mots-cles", get(tags))
        .route("/admin/mots-cles/{id}", post(rename_tag))
        .route("/admin/auteurs", get(authors))
        .route("/admin/auteurs/{id}", get(author).post(update_author))
        .route("/admin/une", get(front).post(pin_lead))
        .route("/admin/une/rubriques", post(order_blocks))
}
