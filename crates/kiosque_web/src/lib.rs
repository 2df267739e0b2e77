#![doc = include_str!("../README.md")]

mod admin_nav;
pub mod api;
mod audio_player;
mod auth;
mod banner;
mod brand;
mod cache;
mod config;
mod error;
mod extract;
mod extras;
mod figures;
mod form;
mod handlers;
mod i18n;
mod inline_html;
mod layout;
mod limits;
mod live;
mod metadata;
mod pages;
mod readership;
mod respond;
mod router;
mod search;
mod slots;
mod state;
mod video_views;
mod views;

pub use config::SiteConfig;
pub use error::AppError;
pub use router::router;
pub use state::AppState;
