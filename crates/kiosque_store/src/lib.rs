#![doc = include_str!("../README.md")]

mod accounts;
mod comments;
mod error;
mod store;
mod views;

pub use accounts::{TokenPurpose, UserRow};
pub use comments::{CommentRow, Moderation, QueueItem, ThreadPage};
pub use error::StoreError;
pub use store::{sqlite_url, Backend, Store, Upserted};
pub use views::{ArticleCard, ArticleView, AuthorRef, SectionRow, TagRef, VideoCard};
