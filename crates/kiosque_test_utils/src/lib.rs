#![doc = include_str!("../README.md")]
// Test helpers fail loudly: a broken test environment must stop the test.
#![allow(clippy::unwrap_used)]

pub mod app;
mod browser;
mod client;
mod cookies;
mod db;
pub mod drafts;
mod fixtures;
pub mod forms;
pub mod live_blog;
mod mail;
pub mod member_slots;
pub mod newsletters;
pub mod nodes;
mod page;
pub mod raw_http;
pub mod readers;
pub mod s3;
pub mod server;
pub mod streams;
pub mod uploads;
pub mod webhook_events;
pub mod webhook_receiver;
pub mod write_api;

pub use db::{fresh_postgres_url, number, numbers, postgres, sqlite, TestDb};
