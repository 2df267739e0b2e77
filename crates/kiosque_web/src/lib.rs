#![doc = include_str!("../README.md")]

pub mod api;
mod auth;
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
mod pages;
mod readership;
mod respond;
mod router;
mod search;
mod state;
mod views;

pub use config::SiteConfig;
pub use error::AppError;
pub use router::router;
pub use state::AppState;
