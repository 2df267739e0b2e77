//! Pieces kept apart from the page they sit in. A page leaves the marker
//! `<!--kiosque:fragment {kind} {args}-->` where a piece goes whose data changes far more
//! often than the page around it: the comment thread under an article. The page without its
//! pieces (its skeleton) and each piece are kept under their own keys, so a new comment drops
//! and re-renders the thread only, and the page is assembled again from the kept parts.

use std::io::{Read, Write};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use futures_util::future::BoxFuture;
use kiosque_domain::change::Key;

use super::entries::Weighed;

/// One rendered piece and the data it was built from.
#[derive(Debug, Clone)]
pub struct Fragment {
    pub html: String,
    pub deps: Vec<Key>,
}

/// Renders the pieces pages leave markers for. The web layer registers it (the comment
/// thread), so the cache never calls up into a handler.
pub trait FragmentRenderer: Send + Sync {
    /// The piece `kind` with its marker's `args`, for the page at `path`. An error response
    /// (a thread page past the last: 404) is the page's answer.
    fn render<'a>(
        &'a self,
        kind: &'a str,
        args: &'a str,
        path: &'a str,
    ) -> BoxFuture<'a, Result<Fragment, Response>>;
}

/// A kept piece.
pub(crate) struct KeptFragment {
    pub html: Bytes,
    pub deps: Vec<Key>,
}

impl Weighed for KeptFragment {
    fn deps(&self) -> &[Key] {
        &self.deps
    }

    fn weight(&self) -> u32 {
        let bytes = self.html.len() + self.deps.len() * 24 + 128;
        u32::try_from(bytes).unwrap_or(u32::MAX)
    }
}

/// Where one piece goes in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    pub kind: String,
    pub args: String,
    pub start: usize,
    pub end: usize,
}

impl Marker {
    /// The piece's key among the kept pieces: `thread 42 2`.
    pub(crate) fn key(&self) -> String {
        format!("{} {}", self.kind, self.args)
    }
}

/// A page as its handler rendered it, markers in place of its pieces.
pub(crate) struct Skeleton {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The page's bytes; deflated once kept (see [`Skeleton::packed`]).
    pub body: Bytes,
    /// Whether `body` is deflated.
    pub packed: bool,
    pub deps: Vec<Key>,
    pub paginated: bool,
    pub markers: Vec<Marker>,
}

impl Skeleton {
    /// The skeleton as kept: deflated at the fastest level. It is read only when one of its
    /// pieces changed (a new comment), while the assembled page serves every other request,
    /// so keeping it plain cost a second copy of every article page (38% of the cache).
    pub(crate) fn packed(self) -> Skeleton {
        if self.packed {
            return self;
        }
        let mut enc = flate2::write::DeflateEncoder::new(
            Vec::with_capacity(self.body.len() / 4),
            flate2::Compression::fast(),
        );
        // Writing into a Vec cannot fail; if it did, the skeleton is kept plain.
        let deflated = enc.write_all(&self.body).and_then(|()| enc.finish());
        match deflated {
            Ok(out) => Skeleton {
                body: super::entries::tight(out),
                packed: true,
                ..self
            },
            Err(_) => self,
        }
    }

    /// The page's bytes, inflated when kept so.
    pub(crate) fn plain(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        if !self.packed {
            return Ok(std::borrow::Cow::Borrowed(&self.body));
        }
        let mut out = Vec::with_capacity(self.body.len() * 5);
        flate2::read::DeflateDecoder::new(&self.body[..]).read_to_end(&mut out)?;
        Ok(std::borrow::Cow::Owned(out))
    }
}

impl Weighed for Skeleton {
    fn deps(&self) -> &[Key] {
        &self.deps
    }

    fn weight(&self) -> u32 {
        let headers: usize = self
            .headers
            .iter()
            .map(|(k, v)| k.as_str().len() + v.len() + 32)
            .sum();
        let bytes =
            self.body.len() + headers + self.deps.len() * 24 + self.markers.len() * 64 + 256;
        u32::try_from(bytes).unwrap_or(u32::MAX)
    }
}

const FRAGMENT_MARKER: &str = "<!--kiosque:fragment ";

/// Every well-formed piece marker of a page, in order: a lowercase kind, then arguments of
/// ASCII digits, letters, spaces and dashes (they become part of a key, so nothing else).
pub(crate) fn find_markers(body: &[u8]) -> Vec<Marker> {
    super::page::scan_markers(body, FRAGMENT_MARKER)
        .into_iter()
        .filter(|(_, _, _, args)| {
            !args.is_empty()
                && args
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-')
        })
        .map(|(start, end, kind, args)| Marker {
            kind: kind.to_owned(),
            args: args.to_owned(),
            start,
            end,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_skeleton_is_deflated_and_reads_back_the_same() {
        let body: String = (0..500)
            .map(|i| format!("<p class=\"para\">Paragraphe {i}</p>\n"))
            .collect();
        let plain = Skeleton {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from(body.clone()),
            packed: false,
            deps: Vec::new(),
            paginated: false,
            markers: Vec::new(),
        };
        let full = plain.weight();
        let kept = plain.packed();
        assert!(kept.packed);
        assert!(kept.weight() < full / 3, "{} of {full}", kept.weight());
        assert_eq!(&kept.plain().expect("inflates")[..], body.as_bytes());
        // Packing twice changes nothing.
        let again = kept.packed();
        assert_eq!(&again.plain().expect("inflates")[..], body.as_bytes());
    }

    #[test]
    fn markers_are_found_with_their_arguments() {
        let body = b"<p>a</p><!--kiosque:fragment thread 42 2--><p>b</p>";
        let found = find_markers(body);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].kind.as_str(), found[0].args.as_str()),
            ("thread", "42 2")
        );
        assert_eq!(
            &body[found[0].start..found[0].end],
            b"<!--kiosque:fragment thread 42 2-->"
        );
        assert_eq!(found[0].key(), "thread 42 2");
        assert!(find_markers(b"<p>none</p><!--kiosque:slot comments 4-->").is_empty());
        // No kind, no arguments, or arguments that could reach into another key.
        for bad in [
            &b"<!--kiosque:fragment thread-->"[..],
            b"<!--kiosque:fragment  42-->",
            b"<!--kiosque:fragment Thread 42-->",
            b"<!--kiosque:fragment thread 4/2-->",
            b"<!--kiosque:fragment thread 42",
        ] {
            assert!(
                find_markers(bad).is_empty(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
