//! What the web layer is configured with (from the binary's flags and environment).

use std::path::PathBuf;

use kiosque_mail::Mailer;

pub struct SiteConfig {
    /// Where the media files live (a folder or an S3-compatible bucket): every node of a site
    /// reads and writes the same store.
    pub media: kiosque_media::MediaStorage,
    /// A public base URL serving the same files (a CDN in front of the bucket): `/media/…`
    /// then answers with a redirect there instead of the file.
    pub media_public_url: Option<String>,
    /// A local folder where streamed uploads (videos, audio) are staged while they arrive.
    pub staging_dir: PathBuf,
    /// The site's public address, for links in e-mails (`https://…` turns on `Secure` cookies).
    pub public_url: String,
    pub mailer: Mailer,
    /// Multiplies every rate-limit quota (1 in production).
    pub rate_limit_factor: u32,
    /// How long a member may edit a comment, in milliseconds.
    pub comment_edit_window_ms: i64,
    /// Reports from this many members hide a comment until reviewed.
    pub report_threshold: i64,
    /// The search index (the binary keeps it up to date with `kiosque_jobs::indexer`).
    pub search: Option<std::sync::Arc<kiosque_search::SearchIndex>>,
    /// Content API requests allowed per key and minute.
    pub api_requests_per_minute: u32,
    /// Feeds carry the whole article (`true`) or its standfirst only.
    pub feed_full_content: bool,
    /// The newsroom's clock (scheduling); tests use a file clock.
    pub clock: kiosque_jobs::Clock,
    /// Reverse proxies whose `Forwarded`/`X-Forwarded-*` headers are believed (none: ignored).
    pub trusted_proxies: crate::forwarded::TrustedProxies,
    /// Bounds on live streams and rendering (`--max-streams-per-address`, `--max-rendering`, …).
    pub load: crate::load::LoadLimits,
    /// The page cache's bound, in bytes (bodies, their compressed forms, headers).
    pub page_cache_bytes: u64,
}

impl SiteConfig {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// An absolute link to a path of the site.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}
