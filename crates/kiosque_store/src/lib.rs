#![doc = include_str!("../README.md")]

mod accounts;
mod api;
mod articles;
mod comments;
mod db;
mod error;
mod hooks;
mod listings;
mod migrations;
mod moderation;
mod newsroom;
mod rows;
mod site_admin;
mod store;
mod structure;
mod videos;
mod videos_admin;
mod views;

pub use accounts::{TokenPurpose, UserRow};
pub use api::{ApiKeyRow, ArticleFilter, Cursor, Listed, Page};
pub use comments::{CommentRow, ThreadPage};
pub use error::StoreError;
pub use hooks::{Attempt, DeliveryRow, DueDelivery, WebhookRow};
pub use moderation::{Moderation, QueueItem};
pub use newsroom::{
    ArticleMeta, Conflict, MediaRow, NewMedia, NewsroomFilter, NewsroomRow, NewsroomSort,
    RevisionRow, Saved,
};
pub use site_admin::{
    media_path_of, AuthorProfile, SectionAdminRow, TagAdminRow, MAX_SECTION_POSITION,
};
pub use store::{sqlite_url, Backend, Change, Store, Upserted};
pub use videos_admin::VideoAdminRow;
pub use views::{subtree, ArticleCard, ArticleView, AuthorRef, SectionRow, TagRef, VideoCard};
