//! Compressed bodies: every kept page is compressed once in gzip and brotli (each form the
//! first time a client asks for it), and each request gets the form its `Accept-Encoding`
//! prefers (brotli, then gzip, else the bytes as they are). Per-request bodies (a member's
//! page) are compressed at a fast level.

use std::io::Write;
use std::sync::OnceLock;

use axum::body::Bytes;
use axum::http::HeaderValue;

use super::entries::tight;
use super::pieces::Pieces;

/// Brotli quality for pages kept at render time: 5 compresses a 30 kB page about as well as
/// gzip -9 plus a fifth, in well under a millisecond (release build).
pub(crate) const PAGE_BROTLI: u32 = 5;
/// Gzip level for pages kept at render time.
pub(crate) const PAGE_GZIP: u32 = 6;
/// Levels for bodies made per request (a member's filled page): the cheapest that still
/// shrinks HTML to about a third.
pub(crate) const FAST_BROTLI: u32 = 1;
pub(crate) const FAST_GZIP: u32 = 1;
/// Static files, compressed once at start: the best either format does.
// (Debug builds, the tests', use a cheaper level: quality 11 is slow unoptimised.)
const STATIC_BROTLI: u32 = if cfg!(debug_assertions) { 6 } else { 11 };
const STATIC_GZIP: u32 = 9;

/// A representation of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The `Content-Encoding` value, `None` for identity.
    pub fn header(self) -> Option<HeaderValue> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some(HeaderValue::from_static("gzip")),
            Encoding::Brotli => Some(HeaderValue::from_static("br")),
        }
    }

    /// The ETag of this representation of the body whose identity ETag is `etag`: a suffix
    /// inside the quotes (`"…-br"`), so a cache holding both forms never mixes them.
    pub fn etag(self, etag: &HeaderValue) -> HeaderValue {
        let suffix = match self {
            Encoding::Identity => return etag.clone(),
            Encoding::Gzip => "-gz",
            Encoding::Brotli => "-br",
        };
        let raw = etag.to_str().unwrap_or("\"0\"").trim_end_matches('"');
        HeaderValue::from_str(&format!("{raw}{suffix}\"")).unwrap_or_else(|_| etag.clone())
    }

    /// What the client prefers among the forms kept, from its `Accept-Encoding`: the highest
    /// q-value, brotli before gzip before identity on a tie; `q=0` refuses a form, `*` stands
    /// for the forms not named. A client that refuses everything still gets identity.
    pub fn negotiate(accept: Option<&HeaderValue>) -> Encoding {
        let Some(accept) = accept.and_then(|v| v.to_str().ok()) else {
            return Encoding::Identity;
        };
        let (mut br, mut gzip, mut star, mut identity) = (None, None, None, None);
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            match name.as_str() {
                "br" => br = Some(q),
                "gzip" | "x-gzip" => gzip = Some(q),
                "identity" => identity = Some(q),
                "*" => star = Some(q),
                _ => {}
            }
        }
        let br = br.or(star).unwrap_or(0.0);
        let gzip = gzip.or(star).unwrap_or(0.0);
        let identity = identity.unwrap_or(0.001);
        if br > 0.0 && br >= gzip && br >= identity {
            Encoding::Brotli
        } else if gzip > 0.0 && gzip >= identity {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

/// A body and its compressed forms, each made once: at once, or the first time a client asks
/// for it (see [`Precompressed::on_demand`]).
#[derive(Debug, Clone)]
pub struct Precompressed {
    pub identity: Bytes,
    /// The gzip level and brotli quality of the compressed forms; `None` when compressing does
    /// not pay (tiny bodies, formats already compressed).
    levels: Option<(u32, u32)>,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
}

impl Precompressed {
    /// `body` as it is, and compressed now at these levels when `compress`.
    pub(crate) fn new(body: Bytes, compress: bool, gzip_level: u32, brotli_quality: u32) -> Self {
        let p = Self::on_demand(body, compress, gzip_level, brotli_quality);
        p.pick(Encoding::Gzip);
        p.pick(Encoding::Brotli);
        p
    }

    /// `body` as it is, each compressed form made when a client first asks for it. A kept page
    /// is thus never compressed for nobody: most browsers never ask for gzip, clients without
    /// compression never ask for either, and a page that changes every few milliseconds
    /// (a thread taking comments) may go out only as it is before it changes again.
    pub(crate) fn on_demand(
        body: Bytes,
        compress: bool,
        gzip_level: u32,
        brotli_quality: u32,
    ) -> Self {
        // Below a few hundred bytes the headers cost more than the saving.
        let levels = (compress && body.len() >= 256).then_some((gzip_level, brotli_quality));
        Precompressed {
            identity: body,
            levels,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    /// The form for `wanted`, falling back to identity when compressing does not pay.
    pub fn pick(&self, wanted: Encoding) -> (Encoding, &Bytes) {
        match (wanted, self.levels) {
            (Encoding::Brotli, Some((_, quality))) => (
                Encoding::Brotli,
                self.brotli
                    .get_or_init(|| tight(brotli(&self.identity, quality))),
            ),
            (Encoding::Gzip, Some((level, _))) => (
                Encoding::Gzip,
                self.gzip.get_or_init(|| tight(gzip(&self.identity, level))),
            ),
            _ => (Encoding::Identity, &self.identity),
        }
    }

    /// Bytes held, for the cache's weight: a form not made yet is counted as a third of the
    /// body (HTML compresses to less at the fast levels), so that the bound holds once a
    /// client asks for it.
    pub fn len(&self) -> usize {
        let form = |f: &OnceLock<Bytes>| match (f.get(), self.levels) {
            (Some(b), _) => b.len(),
            (None, Some(_)) => self.identity.len() / 3,
            (None, None) => 0,
        };
        self.identity.len() + form(&self.gzip) + form(&self.brotli)
    }
}

/// A static file's forms, compressed once at the best levels (at start).
pub fn compress_static(body: &'static str) -> Precompressed {
    Precompressed::new(
        Bytes::from_static(body.as_bytes()),
        true,
        STATIC_GZIP,
        STATIC_BROTLI,
    )
}

/// One body in the form `wanted`, compressed now at the fast levels (per-request bodies).
pub(crate) fn compress_now(body: Pieces, wanted: Encoding, compress: bool) -> (Encoding, Pieces) {
    if !compress || body.len() < 256 {
        return (Encoding::Identity, body);
    }
    let len = body.len();
    match wanted {
        Encoding::Identity => (Encoding::Identity, body),
        Encoding::Gzip => (
            Encoding::Gzip,
            Pieces::whole(Bytes::from(gzip_all(body.iter(), len, FAST_GZIP))),
        ),
        Encoding::Brotli => (
            Encoding::Brotli,
            Pieces::whole(Bytes::from(brotli_all(body.iter(), len, FAST_BROTLI))),
        ),
    }
}

pub(crate) fn gzip(body: &[u8], level: u32) -> Vec<u8> {
    gzip_all([body], body.len(), level)
}

/// The gzip form of `parts` one after the other (`len` bytes in all).
fn gzip_all<'a>(parts: impl IntoIterator<Item = &'a [u8]>, len: usize, level: u32) -> Vec<u8> {
    let mut enc =
        flate2::write::GzEncoder::new(Vec::with_capacity(len / 3), flate2::Compression::new(level));
    // Writing into a Vec cannot fail.
    for part in parts {
        let _ = enc.write_all(part);
    }
    enc.finish().unwrap_or_default()
}

pub(crate) fn brotli(body: &[u8], quality: u32) -> Vec<u8> {
    brotli_all([body], body.len(), quality)
}

/// The brotli form of `parts` one after the other (`len` bytes in all).
fn brotli_all<'a>(parts: impl IntoIterator<Item = &'a [u8]>, len: usize, quality: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(len / 3);
    {
        let mut w =
            brotli::CompressorWriter::new(&mut out, 4096, quality, window_bits(len, quality));
        for part in parts {
            let _ = w.write_all(part);
        }
    }
    out
}

/// The smallest brotli window that holds the whole body (up to 4 MB, lgwin 22, which covers any
/// page kept whole). The encoder's buffers grow with the window: a fixed 4 MB window made every
/// 30 kB page allocate megabytes, and the process kept them. Qualities 5 to 9 take at least
/// 17 bits: below, the brotli crate wants match finders it does not have (40 to 42) and falls
/// back to one sized for a large window, a 32 MiB table zeroed for every page kept.
fn window_bits(len: usize, quality: u32) -> u32 {
    let mut bits = if (5..=9).contains(&quality) { 17 } else { 10 };
    while bits < 22 && (1usize << bits) - 16 < len {
        bits += 1;
    }
    bits
}

/// Whether a response of this content type is worth compressing (text; media formats are
/// compressed already).
pub(crate) fn compressible(content_type: Option<&HeaderValue>) -> bool {
    let Some(ct) = content_type.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let ct = ct.trim_start().to_ascii_lowercase();
    ct.starts_with("text/")
        || ["json", "xml", "javascript", "svg"]
            .iter()
            .any(|t| ct.starts_with("application/") && ct.contains(t))
        || ct.starts_with("image/svg")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn accept(v: &str) -> Encoding {
        Encoding::negotiate(Some(&HeaderValue::from_str(v).expect("header")))
    }

    #[test]
    fn accept_encoding_is_negotiated_with_q_values() {
        assert_eq!(Encoding::negotiate(None), Encoding::Identity);
        assert_eq!(accept("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(accept("gzip"), Encoding::Gzip);
        assert_eq!(accept("br;q=0, gzip"), Encoding::Gzip);
        assert_eq!(accept("br;q=0.5, gzip;q=0.8"), Encoding::Gzip);
        assert_eq!(accept("gzip;q=0, br;q=0"), Encoding::Identity);
        assert_eq!(accept("*"), Encoding::Brotli);
        assert_eq!(accept("*;q=0"), Encoding::Identity);
        assert_eq!(accept("identity"), Encoding::Identity);
        assert_eq!(accept("deflate"), Encoding::Identity);
        assert_eq!(accept("GZIP;Q=1"), Encoding::Gzip);
    }

    #[test]
    fn a_form_on_demand_is_made_once_when_first_asked_for() {
        let body: String = (0..400).map(|i| format!("<p>ligne {i}</p>\n")).collect();
        let p = Precompressed::on_demand(Bytes::from(body.clone()), true, FAST_GZIP, FAST_BROTLI);
        assert!(p.gzip.get().is_none() && p.brotli.get().is_none());
        // Counted before it is made: the cache's bound holds once it is.
        assert_eq!(p.len(), body.len() + 2 * (body.len() / 3));
        let (encoding, br) = p.pick(Encoding::Brotli);
        assert_eq!(encoding, Encoding::Brotli);
        let br = br.clone();
        assert!(
            p.gzip.get().is_none(),
            "gzip is made only for a client asking for it"
        );
        assert_eq!(p.pick(Encoding::Brotli).1, &br, "made once");
        assert!(br.len() < body.len() / 3);
        assert_eq!(p.len(), body.len() + br.len() + body.len() / 3);
        let (encoding, same) = p.pick(Encoding::Identity);
        assert_eq!((encoding, &same[..]), (Encoding::Identity, body.as_bytes()));
        // Not worth compressing: every client gets the bytes as they are.
        let tiny = Precompressed::on_demand(Bytes::from_static(b"<p>court</p>"), true, 1, 1);
        assert_eq!(tiny.pick(Encoding::Brotli).0, Encoding::Identity);
        assert_eq!(tiny.len(), 12);
    }

    #[test]
    fn forms_decompress_to_the_same_bytes_and_etags_differ() {
        let body: String = (0..400).map(|i| format!("<p>ligne {i}</p>\n")).collect();
        let p = Precompressed::new(Bytes::from(body.clone()), true, PAGE_GZIP, PAGE_BROTLI);
        let mut out = String::new();
        flate2::read::GzDecoder::new(&p.pick(Encoding::Gzip).1[..])
            .read_to_string(&mut out)
            .expect("gzip");
        assert_eq!(out, body);
        let mut out = String::new();
        brotli::Decompressor::new(&p.pick(Encoding::Brotli).1[..], 4096)
            .read_to_string(&mut out)
            .expect("br");
        assert_eq!(out, body);
        let (_, fast) = compress_now(
            Pieces::whole(Bytes::from(body.clone())),
            Encoding::Gzip,
            true,
        );
        let fast: Vec<u8> = fast.iter().flatten().copied().collect();
        let mut out = String::new();
        flate2::read::GzDecoder::new(&fast[..])
            .read_to_string(&mut out)
            .expect("gzip");
        assert_eq!(out, body);
        let tag = HeaderValue::from_static("\"abc\"");
        assert_eq!(Encoding::Brotli.etag(&tag), "\"abc-br\"");
        assert_eq!(Encoding::Gzip.etag(&tag), "\"abc-gz\"");
        assert_eq!(Encoding::Identity.etag(&tag), "\"abc\"");
    }

    #[test]
    fn pieces_compress_to_their_whole() {
        let body: String = (0..3000).map(|i| format!("<p>ligne {i}</p>\n")).collect();
        let (pieces, _) = super::super::pieces::splice_pieces(
            &Bytes::from(body.clone()),
            &HeaderValue::from_static("\"x\""),
            vec![
                (10, 20, "<b>membre</b>".into()),
                (30_000, 30_001, String::new()),
            ],
        );
        let whole = format!(
            "{}<b>membre</b>{}{}",
            &body[..10],
            &body[20..30_000],
            &body[30_001..]
        );
        let flat = |p: Pieces| p.iter().flatten().copied().collect::<Vec<u8>>();
        let (enc, gz) = compress_now(pieces, Encoding::Gzip, true);
        assert_eq!(enc, Encoding::Gzip);
        let mut out = String::new();
        flate2::read::GzDecoder::new(&flat(gz)[..])
            .read_to_string(&mut out)
            .expect("gzip");
        assert_eq!(out, whole);
        let (pieces, _) = super::super::pieces::splice_pieces(
            &Bytes::from(body.clone()),
            &HeaderValue::from_static("\"x\""),
            vec![(10, 20, "<b>membre</b>".into())],
        );
        let (_, br) = compress_now(pieces, Encoding::Brotli, true);
        let mut out = String::new();
        brotli::Decompressor::new(&flat(br)[..], 4096)
            .read_to_string(&mut out)
            .expect("br");
        assert_eq!(out, format!("{}<b>membre</b>{}", &body[..10], &body[20..]));
    }

    #[test]
    fn the_window_holds_the_body_and_no_more() {
        for fast in [FAST_BROTLI, 4, 10, 11] {
            assert_eq!(window_bits(0, fast), 10);
            assert_eq!(window_bits(30_000, fast), 15);
            assert_eq!(window_bits(32_752, fast), 15);
            assert_eq!(window_bits(32_753, fast), 16);
            assert_eq!(window_bits(50_000_000, fast), 22);
        }
        // The kept pages' quality never gets a window its match finder lacks.
        assert_eq!(window_bits(0, PAGE_BROTLI), 17);
        assert_eq!(window_bits(30_000, PAGE_BROTLI), 17);
        assert_eq!(window_bits(200_000, PAGE_BROTLI), 18);
        assert_eq!(window_bits(50_000_000, PAGE_BROTLI), 22);
        // Bodies around each window's edge come back whole.
        for len in [1_000usize, 32_752, 32_753, 70_000] {
            let body: Vec<u8> = (0..len)
                .map(|i| b"abcdefghij"[(i * 7 + i / 13) % 10])
                .collect();
            let mut out = Vec::new();
            brotli::Decompressor::new(&brotli(&body, PAGE_BROTLI)[..], 4096)
                .read_to_end(&mut out)
                .expect("br");
            assert_eq!(out, body, "{len} bytes");
        }
    }
}
