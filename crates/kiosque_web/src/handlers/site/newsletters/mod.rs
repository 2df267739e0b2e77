//! The newsletters' public side: subscribing with double opt-in, and the links in mail.

pub mod page;
pub mod subscribe;
pub mod unsubscribe;
