#![doc = include_str!("../README.md")]

mod accounts;
mod admin_input;
mod api;
mod articles;
mod comments;
mod db;
mod error;
mod hooks;
mod listings;
mod media_library;
mod migrations;
mod newsroom;
mod revisions;
mod rows;
mod section_admin;
mod site_admin;
mod store;
mod structure;
mod videos;
mod videos_admin;
mod views;
mod workflow;

pub use accounts::{TokenPurpose, UserRow};
pub use api::{ApiKeyRow, ArticleFilter, Cursor, Listed, Page};
pub use comments::{CommentRow, Moderation, QueueItem, ThreadPage};
pub use error::StoreError;
pub use hooks::{Attempt, DeliveryRow, DueDelivery, WebhookRow};
pub use media_library::{MediaRow, NewMedia};
pub use newsroom::{ArticleMeta, NewsroomFilter, NewsroomRow, NewsroomSort, Saved};
pub use revisions::{Conflict, RevisionRow};
pub use section_admin::{SectionAdminRow, MAX_SECTION_POSITION};
pub use site_admin::{media_path_of, AuthorProfile, TagAdminRow};
pub use store::{sqlite_url, Backend, Change, Store, Upserted};
pub use videos_admin::VideoAdminRow;
pub use views::{subtree, ArticleCard, ArticleView, AuthorRef, SectionRow, TagRef, VideoCard};
