//! The back office under `/admin`. Every route checks the member's role on the server.

pub mod moderation;
