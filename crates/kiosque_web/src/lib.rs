#![doc = include_str!("../README.md")]

pub mod api;
mod auth;
mod cache;
pub mod clock;
mod config;
mod error;
mod form;
mod handlers;
mod limits;
mod live;
mod pages;
mod router;
pub mod search;
mod state;
mod views;
pub mod webhooks;

pub use config::{SearchConfig, SiteConfig};
pub use error::AppError;
pub use router::router;
pub use state::AppState;
