//! The breaking-news banner: every public page leaves the marker [`MARKER`] under its header,
//! and the page cache puts the active alert there on the way out, from a copy kept in memory.
//! The copy is loaded once, then again whenever the change log says `Key::Alert` was touched
//! (this node's writes at once, other nodes' within the cache's poll), so showing or ending an
//! alert renders no page again. Expiry is checked when filling: an expired alert disappears
//! without any write.
//!
//! Why a slot rather than dropping every cached page on each alert: with no alert the slot
//! costs nothing (the marker stays, an HTML comment, and the cached bytes go out as they are);
//! with one it costs a copy of the page into a new buffer per request, microseconds for a
//! page of tens of kilobytes. Dropping the cache would instead re-render every page (a few
//! database reads and a template each) on every node at every alert and at its end, and could
//! not make an alert disappear at its expiry without a write or a timer.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use kiosque_store::{Alert, Store};

/// Where a page wants the banner.
pub const MARKER: &str = "<!--kiosque:alert-->";

/// The alert's fragment, rendered once per load.
struct Shown {
    alert: Alert,
    html: String,
}

#[derive(Default)]
pub struct Banner {
    current: RwLock<Option<Arc<Shown>>>,
    loaded: AtomicBool,
    /// When what the banner shows last changed by a write (ms), for `Last-Modified`.
    changed_at: std::sync::atomic::AtomicI64,
}

impl Banner {
    /// Loads the active alert the first time a page is served.
    pub async fn ensure(&self, store: &Store) {
        if !self.loaded.load(Ordering::Acquire) {
            self.reload(store).await;
        }
    }

    /// Reads the active alert again (after the change log touched `Key::Alert`).
    pub async fn reload(&self, store: &Store) {
        let alert = match store.active_alert().await {
            Ok(a) => a,
            Err(e) => {
                // The previous copy stays; the next change or first request retries.
                tracing::warn!(error = %e, "cannot read the breaking-news alert");
                return;
            }
        };
        let shown = alert.map(|alert| {
            let html = render(&alert);
            Arc::new(Shown { alert, html })
        });
        // A reload after the first follows a write: what the banner shows changed now.
        let changed = if self.loaded.load(Ordering::Acquire) {
            chrono::Utc::now().timestamp_millis()
        } else {
            shown.as_ref().map_or(0, |s| s.alert.created_at)
        };
        self.changed_at.fetch_max(changed, Ordering::AcqRel);
        if let Ok(mut current) = self.current.write() {
            *current = shown;
        }
        self.loaded.store(true, Ordering::Release);
    }

    /// The banner's fragment at `now` (ms), if an alert shows, and when what the banner shows
    /// last changed (ms): a write, or the expiry of the alert.
    pub fn fill(&self, now: i64) -> (Option<String>, i64) {
        let changed = self.changed_at.load(Ordering::Acquire);
        let Some(shown) = self.current.read().ok().and_then(|c| c.clone()) else {
            return (None, changed);
        };
        if shown.alert.showing(now) {
            (Some(shown.html.clone()), changed)
        } else {
            (None, changed.max(shown.alert.expires_at))
        }
    }
}

/// The banner: a labelled region, the alert's text as a link when it has one.
fn render(alert: &Alert) -> String {
    let label = crate::i18n::t("alert-label");
    // The site's typography, as every headline gets it (apostrophes, spaces before « : »).
    let text = kiosque_domain::typography::typeset(&alert.text);
    let mut out = String::with_capacity(256 + alert.text.len());
    out.push_str("<div class=\"alert-banner\" role=\"region\" aria-label=\"");
    crate::inline_html::escape(&mut out, &label);
    out.push_str("\"><p class=\"inner\"><strong class=\"alert-banner-label\">");
    crate::inline_html::escape(&mut out, &label);
    out.push_str("</strong> ");
    match &alert.link {
        Some(link) => {
            out.push_str("<a href=\"");
            crate::inline_html::escape(&mut out, link);
            out.push_str("\">");
            crate::inline_html::escape(&mut out, &text);
            out.push_str("</a>");
        }
        None => {
            out.push_str("<span>");
            crate::inline_html::escape(&mut out, &text);
            out.push_str("</span>");
        }
    }
    out.push_str("</p></div>");
    out
}

/// Where the banner goes in a page body: the marker's (start, end).
pub fn find(body: &[u8]) -> Option<(usize, usize)> {
    let m = MARKER.as_bytes();
    body.windows(m.len())
        .position(|w| w == m)
        .map(|p| (p, p + m.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_escapes_and_links() {
        let alert = Alert {
            id: 1,
            text: "Séisme <b>".into(),
            link: Some("/a?x=1&y=2".into()),
            expires_at: 10,
            created_at: 0,
            created_by: None,
            ended_at: None,
            ended_by: None,
        };
        let html = render(&alert);
        assert!(html.contains("role=\"region\""));
        assert!(html.contains("href=\"/a?x=1&amp;y=2\""));
        assert!(html.contains("Séisme &lt;b&gt;</a>"));
        assert_eq!(find(b"<p><!--kiosque:alert--></p>"), Some((3, 23)));
        assert_eq!(find(b"<p></p>"), None);
    }
}
