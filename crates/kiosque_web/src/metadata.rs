//! What search engines, social sites and feed readers are told about the site as a whole: the
//! image shown for a page that has none of its own, and the publisher's logo. The files are
//! part of the site's brand assets under `/static/brand/`.

use crate::config::SiteConfig;

/// The share image (1200×630, the size Open Graph and Google's article guidelines ask for),
/// used when an article has no image of its own or its file is lost.
pub const SITE_IMAGE: &str = "/static/brand/og.png";

/// The publisher's logo for schema.org (600×60, the largest Google's guidelines accept).
pub const LOGO: &str = "/static/brand/logo.png";
pub const LOGO_WIDTH: u32 = 600;
pub const LOGO_HEIGHT: u32 = 60;

/// The absolute URL of the share image.
pub fn site_image(config: &SiteConfig) -> String {
    config.link(SITE_IMAGE)
}

/// schema.org `publisher`: the organisation with its logo as an `ImageObject`.
pub fn publisher(config: &SiteConfig) -> serde_json::Value {
    serde_json::json!({
        "@type": "Organization",
        "name": "Kiosque",
        "url": config.link("/"),
        "logo": {
            "@type": "ImageObject",
            "url": config.link(LOGO),
            "width": LOGO_WIDTH,
            "height": LOGO_HEIGHT,
        },
    })
}
