//! Handlers by area: `site` is the public news site. Each stays short: extract, check, read,
//! build the view, render.

pub mod account;
pub mod newsroom;
pub mod ops;
pub mod site;
