#![doc = include_str!("../README.md")]

mod error;
mod handlers;
mod pages;
mod router;
mod state;
mod views;

pub use error::AppError;
pub use router::router;
pub use state::AppState;
