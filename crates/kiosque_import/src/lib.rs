#![doc = include_str!("../README.md")]

pub mod page;

pub use page::{parse_page, ImportedPage, PageError};
