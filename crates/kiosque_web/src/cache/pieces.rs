//! A member's page sent as pieces: the kept page's own bytes (shared, not copied) between the
//! member's fragments. Copying the whole page into a new buffer for every member request cost
//! an allocation and a copy of the page each time; the pieces go out in one vectored write.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::http::HeaderValue;
use http_body::{Frame, SizeHint};

/// Runs of the kept page shorter than this are copied beside the fragments around them rather
/// than sent as pieces of their own: hyper queues at most 16 buffers per write, and a page of
/// many comments has two edits per comment.
const SHARE_FROM: usize = 2048;

/// A page body in order, as pieces.
#[derive(Debug, Default)]
pub(crate) struct Pieces {
    parts: VecDeque<Bytes>,
    len: u64,
}

impl Pieces {
    /// One piece: a body kept whole.
    pub(crate) fn whole(body: Bytes) -> Self {
        let mut p = Pieces::default();
        p.push(body);
        p
    }

    fn push(&mut self, part: Bytes) {
        if !part.is_empty() {
            self.len += part.len() as u64;
            self.parts.push_back(part);
        }
    }

    pub(crate) fn len(&self) -> usize {
        usize::try_from(self.len).unwrap_or(usize::MAX)
    }

    /// The pieces in order, to compress them.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.parts.iter().map(|b| &b[..])
    }

    /// The response body: one buffer as it is, several as frames the server writes together.
    pub(crate) fn into_body(mut self) -> Body {
        if self.parts.len() <= 1 {
            return Body::from(self.parts.pop_front().unwrap_or_default());
        }
        Body::new(self)
    }
}

impl HttpBody for Pieces {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        Poll::Ready(this.parts.pop_front().map(|part| {
            this.len -= part.len() as u64;
            Ok(Frame::data(part))
        }))
    }

    fn is_end_stream(&self) -> bool {
        self.parts.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.len)
    }
}

/// `body` with each `(start, end)` replaced by its fragment (sorted here), as pieces, and an
/// ETag covering the page's own and the fragments.
pub(crate) fn splice_pieces(
    body: &Bytes,
    etag: &HeaderValue,
    mut edits: Vec<(usize, usize, String)>,
) -> (Pieces, HeaderValue) {
    edits.sort_by_key(|(start, _, _)| *start);
    let tag = fragments_tag(etag, &edits);
    let mut out = Pieces::default();
    // Fragments and short runs of the page, gathered until a long run is sent as it is.
    let mut small: Vec<u8> = Vec::new();
    let run = |out: &mut Pieces, small: &mut Vec<u8>, from: usize, to: usize| {
        if to - from < SHARE_FROM {
            small.extend_from_slice(&body[from..to]);
        } else {
            out.push(Bytes::from(std::mem::take(small)));
            out.push(body.slice(from..to));
        }
    };
    let mut at = 0;
    for (start, end, fragment) in &edits {
        run(&mut out, &mut small, at, *start);
        small.extend_from_slice(fragment.as_bytes());
        at = *end;
    }
    run(&mut out, &mut small, at, body.len());
    out.push(Bytes::from(small));
    (out, tag)
}

/// The ETag of a page with these edits (in page order): the page's own and the fragments'.
pub(crate) fn fragments_tag(etag: &HeaderValue, edits: &[(usize, usize, String)]) -> HeaderValue {
    let mut hasher = std::hash::DefaultHasher::new();
    etag.as_bytes().hash(&mut hasher);
    for (_, _, fragment) in edits {
        fragment.hash(&mut hasher);
    }
    // A hex string is always a valid header value; the page's own ETag is the fallback anyway.
    HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish())).unwrap_or_else(|_| etag.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn collect(p: Pieces) -> Vec<u8> {
        axum::body::to_bytes(p.into_body(), usize::MAX)
            .await
            .expect("body")
            .to_vec()
    }

    #[tokio::test]
    async fn pieces_are_the_spliced_page_with_long_runs_shared() {
        let long = "x".repeat(SHARE_FROM + 10);
        let page = Bytes::from(format!("a<1>{long}<2>c"));
        let two = 4 + long.len();
        let etag = HeaderValue::from_static("\"x\"");
        let (pieces, tag) = splice_pieces(
            &page,
            &etag,
            vec![(two, two + 3, "TWO".into()), (1, 4, "ONE".into())],
        );
        assert_ne!(tag, etag);
        // "aONE", the long run as it is, "TWOc".
        assert_eq!(pieces.parts.len(), 3);
        assert_eq!(pieces.len(), page.len());
        assert_eq!(
            pieces.size_hint().exact(),
            Some(page.len() as u64),
            "the length is known before the body is sent"
        );
        assert_eq!(
            collect(pieces).await,
            format!("aONE{long}TWOc").into_bytes()
        );
        // The same fragments give the same tag; another fragment another.
        let again = splice_pieces(
            &page,
            &etag,
            vec![(1, 4, "ONE".into()), (two, two + 3, "TWO".into())],
        );
        assert_eq!(again.1, tag);
        let other = splice_pieces(&page, &etag, vec![(1, 4, "UNE".into())]);
        assert_ne!(other.1, tag);
    }

    #[tokio::test]
    async fn short_pages_are_one_piece() {
        let page = Bytes::from_static(b"a<1>b<2>c");
        let (pieces, _) = splice_pieces(
            &page,
            &HeaderValue::from_static("\"x\""),
            vec![(5, 8, "TWO".into()), (1, 4, "ONE".into())],
        );
        assert_eq!(pieces.parts.len(), 1);
        assert_eq!(collect(pieces).await, b"aONEbTWOc");
        assert_eq!(collect(Pieces::whole(Bytes::new())).await, b"");
    }
}
