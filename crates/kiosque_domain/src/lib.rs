#![doc = include_str!("../README.md")]

pub mod account;
pub mod alert;
pub mod api_scope;
pub mod article;
pub mod change;
pub mod comment;
pub mod dates;
pub mod focal;
pub mod front;
pub mod ids;
pub mod inline;
pub mod live;
pub mod markup;
pub mod newsletter;
pub mod newsroom;
pub mod notice;
pub mod page_template;
pub mod podcast;
pub mod readership;
pub mod revision;
pub mod site_page;
pub mod slug;
pub mod typography;
pub mod video;
pub mod webhook;

pub use article::{
    ArticleDraft, ArticleStatus, Block, CommentMode, DraftError, MediaRef, VideoDraft,
};
pub use ids::{ArticleId, AuthorId, CommentId, MediaId, SectionId, TagId, UserId, VideoId};
