#![doc = include_str!("../README.md")]

pub mod article;
pub mod dates;
pub mod slug;
pub mod typography;

pub use article::{
    ArticleDraft, ArticleStatus, Block, CommentMode, DraftError, MediaRef, VideoDraft,
};
