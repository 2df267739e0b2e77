//! `kiosque serve`'s bounds under load: connections, live streams, rendering and image
//! decoding (README, "Limits"). Each has a flag and a `KIOSQUE_…` variable.

use std::time::Duration;

#[derive(clap::Args, Debug, Clone)]
pub struct LimitArgs {
    /// Seconds a client has to send a request's headers (and a kept-alive connection to
    /// start its next request) before the connection is closed.
    #[arg(long, env = "KIOSQUE_HEADER_READ_TIMEOUT", default_value_t = 10.0)]
    header_read_timeout: f64,
    /// Seconds a connection may stay without a byte either way while no request is being
    /// handled (a client that stopped reading its answer) before it is closed.
    #[arg(long, env = "KIOSQUE_IDLE_TIMEOUT", default_value_t = 60.0)]
    idle_timeout: f64,
    /// Connections served at once; past it, new ones wait in the kernel's queue. Default:
    /// 10,000, or three quarters of the open-file limit when that is lower.
    #[arg(long, env = "KIOSQUE_MAX_CONNECTIONS")]
    max_connections: Option<usize>,
    /// Live streams (comments, live blogs) one client address holds open at most (an IPv6
    /// client counts by its /64); past it, 429 with Retry-After.
    #[arg(long, env = "KIOSQUE_MAX_STREAMS_PER_ADDRESS", default_value_t = 8)]
    max_streams_per_address: usize,
    /// Live streams this node holds open at most; past it, 503.
    #[arg(long, env = "KIOSQUE_MAX_STREAMS", default_value_t = 10_000)]
    max_streams: usize,
    /// Pages rendered at the same time (cache misses and uncached pages). Default: twice the
    /// cores; 0 for no bound.
    #[arg(long, env = "KIOSQUE_MAX_RENDERING")]
    max_rendering: Option<usize>,
    /// Requests that may wait for a place to render; past them, 503 with Retry-After: 1.
    #[arg(long, env = "KIOSQUE_RENDER_QUEUE", default_value_t = 64)]
    render_queue: usize,
    /// Milliseconds a request waits for a place to render before it gets 503.
    #[arg(long, env = "KIOSQUE_RENDER_WAIT_MS", default_value_t = 250)]
    render_wait_ms: u64,
    /// Uploaded images decoded at the same time; the others wait their turn.
    #[arg(long, env = "KIOSQUE_MAX_IMAGE_DECODES", default_value_t = 2)]
    max_image_decodes: usize,
    /// Largest uploaded image, in megapixels (width × height); a larger one is refused with
    /// a message saying so.
    #[arg(long, env = "KIOSQUE_MAX_IMAGE_MEGAPIXELS", default_value_t = 35.0)]
    max_image_megapixels: f64,
}

fn seconds(s: f64) -> Duration {
    Duration::from_secs_f64(s.clamp(0.05, 86_400.0))
}

impl LimitArgs {
    pub fn connections(&self) -> crate::listen::Bounds {
        crate::listen::Bounds {
            header_read_timeout: seconds(self.header_read_timeout),
            idle_timeout: seconds(self.idle_timeout),
            max_connections: self
                .max_connections
                .unwrap_or_else(crate::listen::default_max_connections)
                .max(1),
        }
    }

    pub fn load(&self) -> kiosque_web::load::LoadLimits {
        kiosque_web::load::LoadLimits {
            streams_per_address: self.max_streams_per_address.max(1),
            streams: self.max_streams.max(1),
            rendering: self
                .max_rendering
                .unwrap_or_else(kiosque_web::load::default_rendering),
            render_queue: self.render_queue,
            render_wait: Duration::from_millis(self.render_wait_ms),
        }
    }

    /// Sets the media crate's decoding bounds for the life of the process.
    pub fn install_image_bounds(&self) {
        let pixels = (self.max_image_megapixels.clamp(0.01, 1_000.0) * 1_000_000.0) as u64;
        kiosque_media::set_decoding(pixels, self.max_image_decodes.max(1));
    }
}
