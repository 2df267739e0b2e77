#![doc = include_str!("../README.md")]

pub mod ninjs;
pub mod page;
pub mod wordpress;

pub use page::{parse_page, ImportedPage, PageError};
