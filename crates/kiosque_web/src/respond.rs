//! Small response helpers shared by handlers and the error mapping: personal pages, redirects
//! after forms, query-string encoding.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

/// Percent-encodes a value for a query string.
pub fn encode_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Personal pages are never stored by a shared cache.
pub fn personal(status: StatusCode, jar: CookieJar, html: String) -> Response {
    let mut res = (status, jar, html).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// 303 to `to` after a form, with cookies.
pub fn see_other(jar: CookieJar, to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        jar,
        [(header::LOCATION, to.to_owned())],
    )
        .into_response()
}

/// A server-sent-events response: a comment every 20 s keeps idle connections open through
/// proxies, and proxies (nginx's `X-Accel-Buffering`) pass each event on at once rather than
/// fill a buffer.
pub fn event_stream<S>(stream: S) -> Response
where
    S: futures_util::Stream<Item = Result<axum::response::sse::Event, std::convert::Infallible>>
        + Send
        + 'static,
{
    let mut res = axum::response::sse::Sse::new(stream)
        .keep_alive(
            axum::response::sse::KeepAlive::new().interval(std::time::Duration::from_secs(20)),
        )
        .into_response();
    let h = res.headers_mut();
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            super::encode_query("/monde/a_1.html?page=2#c"),
            "/monde/a_1.html%3Fpage%3D2%23c"
        );
    }
}
