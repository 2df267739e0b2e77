#![doc = include_str!("../README.md")]

pub mod api;
mod auth;
mod brand;
mod cache;
mod config;
mod error;
mod extract;
mod extras;
mod form;
mod handlers;
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

// Templates ask for their words with `crate::t` … `crate::t3`: the site's catalogue.
pub(crate) use kiosque_i18n::{t, t1, t2, t3};

pub use config::SiteConfig;
pub use error::AppError;
pub use router::router;
pub use state::AppState;
