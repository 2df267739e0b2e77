//! Agency wire items in IPTC ninjs ("news in JSON"), versions 1.x and 2.x, as one
//! [`WireItem`] whatever the version: 1.x's `headline`, `byline`, `body_html`, `subject` and
//! renditions by name, 2.x's `headlines`, `by`, `bodies`, `subjects` and rendition lists.
//! Fields the wire desk does not use are ignored; an item that is not a JSON object or has no
//! `uri` is refused with a [`NinjsError`] naming where.

mod draft;

pub use draft::{source_key, to_draft, WIRE_SECTION};

use serde_json::{Map, Value};

/// Longest item read, in bytes: the largest published examples are a few dozen kilobytes.
pub const MAX_ITEM_BYTES: usize = 8 << 20;

/// Why a file is not a wire item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NinjsError {
    #[error("not JSON (line {line}, column {column}): {detail}")]
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("not a ninjs item: {0}")]
    NotAnItem(String),
    #[error("the item has no \"uri\", which identifies it across its versions")]
    NoUri,
    #[error("the item is over {MAX_ITEM_BYTES} bytes")]
    TooLarge,
}

impl NinjsError {
    /// A stable code for reports and the CLI's messages.
    pub fn code(&self) -> &'static str {
        match self {
            NinjsError::NotJson { .. } => "ninjs_not_json",
            NinjsError::NotAnItem(_) => "ninjs_not_an_item",
            NinjsError::NoUri => "ninjs_no_uri",
            NinjsError::TooLarge => "ninjs_too_large",
        }
    }
}

/// What the agency says of the item's use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PubStatus {
    #[default]
    Usable,
    /// Not to be used until further notice.
    Withheld,
    /// Withdrawn: not to be used at all.
    Canceled,
}

impl PubStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PubStatus::Usable => "usable",
            PubStatus::Withheld => "withheld",
            PubStatus::Canceled => "canceled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "usable" => Some(PubStatus::Usable),
            "withheld" => Some(PubStatus::Withheld),
            "canceled" | "cancelled" => Some(PubStatus::Canceled),
            _ => None,
        }
    }
}

/// One rendition of a picture, a sound or a video: a file somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendition {
    pub name: String,
    pub href: String,
    pub mimetype: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// A wire item as the wire desk reads it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WireItem {
    pub uri: String,
    /// `text`, `picture`, `audio`, `video`, `composite`…
    pub kind: String,
    /// The agency's version; compared as a number when it is one.
    pub version: Option<String>,
    /// Unix ms of this version.
    pub versioncreated: Option<i64>,
    pub pubstatus: PubStatus,
    /// 1 (most urgent) to 9.
    pub urgency: Option<u8>,
    pub headline: String,
    pub slugline: String,
    pub byline: String,
    /// Who sends it: the copyright holder, or the first source named.
    pub agency: String,
    /// Where it happened.
    pub located: String,
    pub language: String,
    /// Subject names, in the item's order, without repeats.
    pub subjects: Vec<String>,
    /// The body as HTML (`body_html`, `body_xhtml`, or an HTML body of 2.x).
    pub body_html: String,
    /// The body as plain text, when there is no HTML one.
    pub body_text: String,
    /// A summary or caption (`description_text`, 2.x's descriptions).
    pub description: String,
    pub renditions: Vec<Rendition>,
    /// Pictures and other items sent with it (2.x's list, 1.x's map by name).
    pub associations: Vec<WireItem>,
}

/// Reads one item.
pub fn parse(bytes: &[u8]) -> Result<WireItem, NinjsError> {
    if bytes.len() > MAX_ITEM_BYTES {
        return Err(NinjsError::TooLarge);
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| NinjsError::NotJson {
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    })?;
    let Value::Object(map) = value else {
        return Err(NinjsError::NotAnItem(format!(
            "the file holds a JSON {}, not an object",
            kind_of(&value)
        )));
    };
    item(&map, 0)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// How deep associations are followed: an association's own associations are kept, not
/// theirs (a cycle cannot be written in JSON, but a deep one can).
const MAX_DEPTH: usize = 2;

fn item(m: &Map<String, Value>, depth: usize) -> Result<WireItem, NinjsError> {
    // A string, as the schemas say: a number is no identifier an agency gives.
    let uri = m
        .get("uri")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_owned();
    if uri.is_empty() {
        return Err(NinjsError::NoUri);
    }
    let mut it = WireItem {
        uri,
        kind: text(m.get("type")),
        version: m.get("version").map(|v| match v {
            Value::Number(n) => n.to_string(),
            other => text(Some(other)),
        }),
        versioncreated: m
            .get("versioncreated")
            .and_then(Value::as_str)
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.timestamp_millis()),
        pubstatus: m
            .get("pubstatus")
            .and_then(Value::as_str)
            .and_then(PubStatus::parse)
            .unwrap_or_default(),
        urgency: m
            .get("urgency")
            .and_then(Value::as_u64)
            .and_then(|u| u8::try_from(u).ok())
            .filter(|u| (1..=9).contains(u)),
        headline: headline(m),
        slugline: text(m.get("slugline")),
        byline: [text(m.get("byline")), text(m.get("by"))]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default(),
        agency: agency(m),
        located: located(m),
        language: text(m.get("language")),
        subjects: subjects(m),
        description: description(m),
        renditions: renditions(m.get("renditions")),
        ..WireItem::default()
    };
    (it.body_html, it.body_text) = bodies(m);
    if depth < MAX_DEPTH {
        it.associations = associations(m.get("associations"), depth + 1);
    }
    Ok(it)
}

/// A string field's text; a number as written; anything else empty.
fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The value of the 2.x list entry with this role (or the first), or 1.x's field.
fn by_role(list: Option<&Value>, roles: &[&str]) -> Option<String> {
    let entries = list?.as_array()?;
    let value = |e: &Value| e.get("value").map(|v| text(Some(v)));
    entries
        .iter()
        .find(|e| {
            e.get("role")
                .and_then(Value::as_str)
                .is_some_and(|r| roles.contains(&r))
        })
        .or_else(|| entries.first())
        .and_then(value)
        .filter(|s| !s.is_empty())
}

fn headline(m: &Map<String, Value>) -> String {
    by_role(m.get("headlines"), &["main"])
        .or_else(|| Some(text(m.get("headline"))).filter(|s| !s.is_empty()))
        .or_else(|| Some(text(m.get("title"))).filter(|s| !s.is_empty()))
        .unwrap_or_default()
}

fn description(m: &Map<String, Value>) -> String {
    by_role(m.get("descriptions"), &["summary", "caption", "text"])
        .or_else(|| Some(text(m.get("description_text"))).filter(|s| !s.is_empty()))
        .unwrap_or_default()
}

fn agency(m: &Map<String, Value>) -> String {
    let first_source = m
        .get("infosources")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .map(|s| text(s.get("name")));
    [
        text(m.get("copyrightholder")),
        first_source.unwrap_or_default(),
        text(m.get("provider")),
    ]
    .into_iter()
    .find(|s| !s.is_empty())
    .unwrap_or_default()
}

fn located(m: &Map<String, Value>) -> String {
    let first_place = m
        .get("places")
        .or_else(|| m.get("place"))
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .map(|p| text(p.get("name")));
    [text(m.get("located")), first_place.unwrap_or_default()]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

fn subjects(m: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in ["subjects", "subject"] {
        for s in m.get(key).and_then(Value::as_array).into_iter().flatten() {
            let name = text(s.get("name"));
            if !name.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
                out.push(name);
            }
        }
    }
    out
}

/// (HTML, plain text) of the body, whichever forms the item has.
fn bodies(m: &Map<String, Value>) -> (String, String) {
    let mut html = [text(m.get("body_html")), text(m.get("body_xhtml"))]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    let mut plain = text(m.get("body_text"));
    for b in m
        .get("bodies")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let value = text(b.get("value"));
        let html_like = text(b.get("contenttype")).contains("html")
            || ["html", "xhtml"].contains(&text(b.get("role")).as_str());
        if html_like && html.is_empty() {
            html = value;
        } else if !html_like && plain.is_empty() {
            plain = value;
        }
    }
    (html, plain)
}

fn renditions(v: Option<&Value>) -> Vec<Rendition> {
    let one = |name: String, r: &Value| Rendition {
        name: [name, text(r.get("name"))]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default(),
        href: text(r.get("href")),
        mimetype: [text(r.get("mimetype")), text(r.get("contenttype"))]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default(),
        width: r
            .get("width")
            .and_then(Value::as_u64)
            .and_then(|w| u32::try_from(w).ok()),
        height: r
            .get("height")
            .and_then(Value::as_u64)
            .and_then(|h| u32::try_from(h).ok()),
    };
    let all: Vec<Rendition> = match v {
        Some(Value::Object(map)) => map.iter().map(|(k, r)| one(k.clone(), r)).collect(),
        Some(Value::Array(list)) => list.iter().map(|r| one(String::new(), r)).collect(),
        _ => Vec::new(),
    };
    all.into_iter().filter(|r| !r.href.is_empty()).collect()
}

fn associations(v: Option<&Value>, depth: usize) -> Vec<WireItem> {
    let list: Vec<&Value> = match v {
        Some(Value::Object(map)) => map.values().collect(),
        Some(Value::Array(list)) => list.iter().collect(),
        _ => Vec::new(),
    };
    list.into_iter()
        .filter_map(Value::as_object)
        .filter_map(|m| item(m, depth).ok())
        .collect()
}

impl WireItem {
    /// The picture to show with it: the largest image rendition of the item itself (a
    /// picture) or of its first associated picture.
    pub fn picture(&self) -> Option<(&WireItem, &Rendition)> {
        fn largest(it: &WireItem) -> Option<&Rendition> {
            it.renditions
                .iter()
                .filter(|r| r.mimetype.starts_with("image/") || is_image_name(&r.href))
                .max_by_key(|r| r.width.unwrap_or(0))
        }
        if self.kind == "picture" {
            if let Some(r) = largest(self) {
                return Some((self, r));
            }
        }
        self.associations
            .iter()
            .filter(|a| a.kind == "picture" || a.kind.is_empty())
            .find_map(|a| largest(a).map(|r| (a, r)))
    }
}

/// Whether `new` is a newer version than the one stored (`version`, `versioncreated`): a
/// higher version number, or a later `versioncreated` when the numbers are equal or absent.
/// The same version sent again is not newer; an item that gives neither counts as newer (the
/// agency sent it again, and nothing says it is older).
pub fn is_newer(version: Option<&str>, created: Option<i64>, new: &WireItem) -> bool {
    let number = |v: Option<&str>| v.and_then(|s| s.trim().parse::<u64>().ok());
    let numbers = (number(version), number(new.version.as_deref()));
    let times = (created, new.versioncreated);
    match (numbers, times) {
        ((Some(a), Some(b)), _) if a != b => a < b,
        (_, (Some(a), Some(b))) if a != b => a < b,
        ((Some(_), Some(_)), _) | (_, (Some(_), Some(_))) => false,
        _ => true,
    }
}

fn is_image_name(href: &str) -> bool {
    let path = href
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|e| path.ends_with(e))
}

#[cfg(test)]
mod tests;
