//! What can go wrong with the index.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index folder: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index: {0}")]
    Open(#[from] tantivy::directory::error::OpenDirectoryError),
    /// Another process (a running server) holds the index's writer.
    #[error("the search index is being written by another process: {0}")]
    Busy(String),
}

pub(crate) type Result<T> = std::result::Result<T, SearchError>;
