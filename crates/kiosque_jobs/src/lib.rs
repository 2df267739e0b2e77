#![doc = include_str!("../README.md")]

pub mod clock;
pub mod follow;
pub mod indexer;
pub mod postman;
pub mod replies;
pub mod webhook_targets;
pub mod webhooks;

pub use clock::Clock;
