//! Newsletters: the digests (`digest`), their daily schedule on every node (`schedule`), and
//! the special edition the command line sends (`kiosque newsletter send NAME`). Mail goes
//! through the durable mail queue (`kiosque_jobs::postman`).

pub mod digest;
pub mod names;
pub mod schedule;

pub use schedule::{send_edition, spawn_scheduler, Sent};

/// The `site_meta` key where `kiosque serve` records its public URL, so that the command line
/// writes the same links into mail.
pub const PUBLIC_URL_META: &str = "public_url";
