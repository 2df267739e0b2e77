#![doc = include_str!("../README.md")]

mod cache;
mod error;
mod handlers;
mod pages;
mod router;
mod state;
mod views;

pub use error::AppError;
pub use router::router;
pub use state::AppState;
