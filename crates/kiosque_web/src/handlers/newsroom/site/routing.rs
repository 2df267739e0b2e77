//! The routes of the site's administration, all in one table.

use axum::routing::{get, post};
use axum::Router;

use super::alert;
use super::authors::{author, authors, update_author};
use super::compose::{arrange_slot, move_block, order_blocks, place_story};
use super::front::{front, section as compose_section};
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
        .route("/admin/alerte", get(alert::show).post(alert::send))
        .route("/admin/alerte/fin", post(alert::end))
        .route("/admin/une", get(front).post(place_story))
        .route("/admin/une/rubriques", post(order_blocks))
        .route("/admin/une/emplacements", post(arrange_slot))
        .route("/admin/une/blocs", post(move_block))
        .route("/admin/une/rubrique/{id}", get(compose_section))
}
