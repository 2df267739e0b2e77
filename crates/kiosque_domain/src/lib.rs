#![doc = include_str!("../README.md")]

pub mod account;
pub mod article;
pub mod comment;
pub mod dates;
pub mod markup;
pub mod newsroom;
pub mod slug;
pub mod typography;
pub mod webhook;

pub use article::{
    ArticleDraft, ArticleStatus, Block, CommentMode, DraftError, MediaRef, VideoDraft,
};
