//! The layout every page of the site shares: title, navigation, feeds, canonical link.

use kiosque_domain::typography::typeset;

use crate::pages::Layout;
use crate::views::{self, Here};
use crate::{AppError, AppState};

/// Builds the layout shared by every site page (navigation from the section list).
pub(crate) async fn layout(
    state: &AppState,
    title: &str,
    description: Option<&str>,
    canonical: Option<String>,
    here: Here,
) -> Result<Layout, AppError> {
    let sections = state.store().sections().await?;
    let feeds = vec![
        (
            "application/rss+xml",
            crate::i18n::t1("site-feed-link-site", "format", "RSS"),
            state.config().link("/rss.xml"),
        ),
        (
            "application/atom+xml",
            crate::i18n::t1("site-feed-link-site", "format", "Atom"),
            state.config().link("/atom.xml"),
        ),
        (
            "application/feed+json",
            crate::i18n::t1("site-feed-link-site", "format", "JSON Feed"),
            state.config().link("/feed.json"),
        ),
    ];
    Ok(Layout {
        title: typeset(title),
        description: description.map(typeset),
        // Canonical URLs are absolute, as search engines want them.
        canonical: canonical.map(|c| state.config().link(&c)),
        nav: views::nav(&sections, here),
        feeds,
        og: None,
        json_ld: None,
        videos_current: match here {
            Here::VideosPage => Some("page"),
            Here::InVideos => Some("true"),
            _ => None,
        },
    })
}
