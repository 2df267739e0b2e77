//! The bounds that keep one node answering when clients ask more than it can give: how many
//! live streams one address and the whole node may hold open, and how many requests may render
//! at once with how many waiting behind them. The binary sets them from its flags; the
//! defaults suit a small server.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct LoadLimits {
    /// Live streams (comments and live blogs together) one client address may hold open; an
    /// IPv6 client counts by its /64.
    pub streams_per_address: usize,
    /// Live streams the node holds open at most, every address together.
    pub streams: usize,
    /// Requests rendered at the same time (cache misses and uncached pages); 0 for no bound.
    pub rendering: usize,
    /// Requests that may wait for a place to render; past them, 503 at once.
    pub render_queue: usize,
    /// How long a request waits for a place before it gets 503.
    pub render_wait: Duration,
}

impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits {
            streams_per_address: 8,
            streams: 10_000,
            rendering: default_rendering(),
            render_queue: 64,
            render_wait: Duration::from_millis(250),
        }
    }
}

/// Twice the cores: renders wait on the database as much as they compute.
pub fn default_rendering() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) * 2
}
