#![doc = include_str!("../README.md")]

mod error;
mod store;
mod views;

pub use error::StoreError;
pub use store::{sqlite_url, Backend, Store, Upserted};
pub use views::{ArticleCard, ArticleView, AuthorRef, SectionRow, TagRef, VideoCard};
