//! An answer of the site as a test reads it, and the helpers that read its HTML and text.

use reqwest::header::HeaderMap;

pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: Option<String>,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    /// A page from the parts of an answer, whichever client received it.
    pub fn new(status: u16, headers: HeaderMap, body: String) -> Page {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        Page {
            status,
            location: header("location"),
            content_type: header("content-type"),
            headers,
            body,
        }
    }

    /// Reads an answer of the subprocess server.
    pub(crate) async fn read(res: reqwest::Response, what: &str) -> Page {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let body = res
            .text()
            .await
            .unwrap_or_else(|e| panic!("{what}: body: {e}"));
        Page::new(status, headers, body)
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every `Set-Cookie` header of the response.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }

    /// The text a reader sees, typography undone and white space collapsed (see [`norm`]).
    pub fn text(&self) -> String {
        norm(&self.html().root_element().text().collect::<String>())
    }

    /// The text of the page's `main` element, as [`Page::text`].
    pub fn main_text(&self) -> String {
        let html = self.html();
        select(&html, "main")
            .first()
            .map(|m| norm(&m.text().collect::<String>()))
            .unwrap_or_default()
    }

    /// Whether the page shows this text (compared after [`norm`] on both sides).
    pub fn shows(&self, needle: &str) -> bool {
        self.text().contains(&norm(needle))
    }

    /// The value of the first `csrf` hidden input of the page.
    pub fn csrf(&self) -> Option<String> {
        let html = self.html();
        select(&html, "input[name=csrf]")
            .first()
            .and_then(|i| i.value().attr("value"))
            .map(str::to_owned)
    }

    /// Whether the answer is an HTML page (whose forms a browser would use).
    pub fn is_html(&self) -> bool {
        self.content_type
            .as_deref()
            .is_some_and(|t| t.starts_with("text/html"))
    }

    /// The JSON body of an API answer.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub fn select<'a>(html: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e}"));
    html.select(&sel).collect()
}

pub fn text(el: &scraper::ElementRef<'_>) -> String {
    el.text().collect::<String>().trim().to_owned()
}

/// Undoes the display typography (no-break spaces, typographic apostrophes) so tests can
/// compare with the stored text.
pub fn plain(s: &str) -> String {
    s.replace("«\u{a0}", "\"")
        .replace("\u{a0}»", "\"")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .replace('’', "'")
        .replace('\u{2011}', "-")
}

/// Undoes the display typography and collapses white space, so that a page's text and an
/// expected message compare whatever spaces and apostrophes the page uses.
pub fn norm(s: &str) -> String {
    plain(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A query parameter of a URL or path, percent-decoded.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
