#![doc = include_str!("../README.md")]

mod accounts;
mod api;
mod comments;
mod error;
mod hooks;
mod store;
mod views;

pub use accounts::{TokenPurpose, UserRow};
pub use api::{ApiKeyRow, ArticleFilter, Cursor, Listed, Page};
pub use comments::{CommentRow, Moderation, QueueItem, ThreadPage};
pub use error::StoreError;
pub use hooks::{Attempt, DeliveryRow, DueDelivery, WebhookRow};
pub use store::{sqlite_url, Backend, Store, Upserted};
pub use views::{ArticleCard, ArticleView, AuthorRef, SectionRow, TagRef, VideoCard};
