//! The export read as a stream: one entry at a time, whatever the file's size. Only the
//! entry being read is held (its text fields), so memory stays flat over a file of any length.

use std::io::BufRead;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::model::{Author, Category, Comment, Entry, Item, ItemTerm, Site, Tag};

/// Largest text of one field kept (a post's body included): beyond, the export is refused at
/// that entry rather than held in memory.
pub const MAX_FIELD_BYTES: usize = 16 * 1024 * 1024;

/// Why an export cannot be read further.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WxrError {
    #[error("not XML at byte {at}: {detail}")]
    Xml { at: u64, detail: String },
    #[error("not a WordPress export (WXR): {0}")]
    NotWxr(String),
    #[error("the field <{field}> at byte {at} is over {MAX_FIELD_BYTES} bytes")]
    FieldTooLong { field: String, at: u64 },
    #[error("the export ends inside <{0}>: the file is cut short")]
    Truncated(String),
}

impl WxrError {
    /// A stable code for reports and the CLI's messages.
    pub fn code(&self) -> &'static str {
        match self {
            WxrError::Xml { .. } => "wxr_not_xml",
            WxrError::NotWxr(_) => "wxr_not_wxr",
            WxrError::FieldTooLong { .. } => "wxr_field_too_long",
            WxrError::Truncated(_) => "wxr_truncated",
        }
    }
}

/// The namespaces of a WXR file, by what their URI says (WordPress has used several URIs for
/// each over the versions: `http(s)://wordpress.org/export/1.x/`, `…/1.x/excerpt/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    None,
    Wp,
    Excerpt,
    Content,
    Dc,
    Other,
}

fn ns_of(resolved: &ResolveResult<'_>) -> Ns {
    match resolved {
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Bound(ns) => {
            let uri: &str = ns.as_ref();
            if uri.contains("wordpress.org/export/") {
                if uri.contains("/excerpt/") {
                    Ns::Excerpt
                } else {
                    Ns::Wp
                }
            } else if uri == "http://purl.org/rss/1.0/modules/content/" {
                Ns::Content
            } else if uri == "http://purl.org/dc/elements/1.1/" {
                Ns::Dc
            } else {
                Ns::Other
            }
        }
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

/// Reads a WXR export entry by entry: `site()` once the channel's fields before the first
/// entry are read, then [`WxrReader::next_entry`] until `None`.
pub struct WxrReader<R: BufRead> {
    xml: NsReader<R>,
    buf: Vec<u8>,
    site: Site,
    /// Element names (namespace, local) from the root down to the one being read.
    path: Vec<(Ns, String)>,
    /// The text of the innermost element being read.
    text: String,
    in_channel: bool,
    seen_rss: bool,
    done: bool,
}

impl<R: BufRead> WxrReader<R> {
    pub fn new(input: R) -> Self {
        let mut xml = NsReader::from_reader(input);
        xml.config_mut().expand_empty_elements = true;
        WxrReader {
            xml,
            buf: Vec::with_capacity(64 * 1024),
            site: Site::default(),
            path: Vec::new(),
            text: String::new(),
            in_channel: false,
            seen_rss: false,
            done: false,
        }
    }

    /// The site's own fields read so far (all of them once the first entry is read).
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Where the reader is in the input, in bytes (for reports and resuming).
    pub fn position(&self) -> u64 {
        self.xml.buffer_position()
    }

    /// The next author, category, tag or item, in file order; `None` at the end.
    pub fn next_entry(&mut self) -> Result<Option<Entry>, WxrError> {
        if self.done {
            return Ok(None);
        }
        let mut builder: Option<Builder> = None;
        loop {
            let at = self.xml.buffer_position();
            self.buf.clear();
            let (resolved, event) =
                self.xml
                    .read_resolved_event_into(&mut self.buf)
                    .map_err(|e| match &e {
                        // The input ends inside a CDATA section, a comment or a tag: every
                        // syntax error but a bad `<!` is one, and means the file is cut short.
                        quick_xml::Error::Syntax(s)
                            if *s != quick_xml::errors::SyntaxError::InvalidBangMarkup
                                && !self.path.is_empty() =>
                        {
                            let inside = self.path.last().map_or("rss", |(_, l)| l.as_str());
                            WxrError::Truncated(inside.to_owned())
                        }
                        _ => WxrError::Xml {
                            at,
                            detail: e.to_string(),
                        },
                    })?;
            let ns = ns_of(&resolved);
            match event {
                Event::Start(e) => {
                    let local: String = e.local_name().as_ref().to_owned();
                    self.text.clear();
                    if self.path.is_empty() && !(ns == Ns::None && local == "rss") {
                        return Err(WxrError::NotWxr(format!(
                            "the document's root is <{local}>, not <rss>"
                        )));
                    }
                    if self.path.len() == 1 && local == "channel" {
                        self.in_channel = true;
                    }
                    self.seen_rss = true;
                    if self.in_channel && self.path.len() == 2 && builder.is_none() {
                        builder = Builder::start(ns, &local);
                    }
                    if let Some(b) = builder.as_mut() {
                        b.open(ns, &local, &e, self.path.len());
                    }
                    self.path.push((ns, local));
                }
                Event::End(_) => {
                    let Some((ns, local)) = self.path.pop() else {
                        return Err(WxrError::Xml {
                            at,
                            detail: "an end tag without its start".to_owned(),
                        });
                    };
                    let text = std::mem::take(&mut self.text);
                    let depth = self.path.len();
                    if let Some(b) = builder.as_mut() {
                        if depth == 2 {
                            // The entry's own element ends: it is whole.
                            if self.site.wxr_version.is_empty() {
                                return Err(WxrError::NotWxr(
                                    "no <wp:wxr_version> before the first entry: an RSS feed, \
                                     not a WordPress export"
                                        .to_owned(),
                                ));
                            }
                            return Ok(builder.take().map(Builder::finish));
                        }
                        b.close(ns, &local, text, depth);
                    } else if self.in_channel && depth == 2 {
                        self.site_field(ns, &local, text);
                    }
                    if depth == 0 {
                        self.done = true;
                        if self.site.wxr_version.is_empty() {
                            return Err(WxrError::NotWxr(
                                "no <wp:wxr_version>: an RSS feed, not a WordPress export"
                                    .to_owned(),
                            ));
                        }
                        return Ok(None);
                    }
                }
                Event::Text(t) => {
                    let t = t.xml10_content();
                    push_text(&mut self.text, &self.path, &t, at)?;
                }
                Event::CData(c) => {
                    let c = c.xml10_content();
                    push_text(&mut self.text, &self.path, &c, at)?;
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(ch)) => ch.to_string(),
                        Ok(None) => {
                            let name = r.xml10_content();
                            match quick_xml::escape::resolve_predefined_entity(&name) {
                                Some(s) => s.to_owned(),
                                // An HTML entity in an XML text (WordPress escapes bodies
                                // as CDATA, but not every plug-in does): kept as written.
                                None => format!("&{name};"),
                            }
                        }
                        Err(e) => {
                            return Err(WxrError::Xml {
                                at,
                                detail: e.to_string(),
                            })
                        }
                    };
                    push_text(&mut self.text, &self.path, &resolved, at)?;
                }
                Event::Eof => {
                    self.done = true;
                    if let Some((_, open)) = self.path.last() {
                        return Err(WxrError::Truncated(open.clone()));
                    }
                    if !self.seen_rss {
                        return Err(WxrError::NotWxr("the file holds no XML element".to_owned()));
                    }
                    return Ok(None);
                }
                _ => {}
            }
        }
    }

    fn site_field(&mut self, ns: Ns, local: &str, text: String) {
        let text = text.trim().to_owned();
        match (ns, local) {
            (Ns::None, "title") => self.site.title = text,
            (Ns::None, "link") => self.site.link = text,
            (Ns::None, "language") => self.site.language = text,
            (Ns::Wp, "wxr_version") => self.site.wxr_version = text,
            (Ns::Wp, "base_site_url") => self.site.base_site_url = text,
            (Ns::Wp, "base_blog_url") => self.site.base_blog_url = text,
            _ => {}
        }
    }
}

/// Adds to the text of the element being read, within [`MAX_FIELD_BYTES`].
fn push_text(text: &mut String, path: &[(Ns, String)], s: &str, at: u64) -> Result<(), WxrError> {
    if text.len() + s.len() > MAX_FIELD_BYTES {
        let field = path.last().map(|(_, l)| l.clone()).unwrap_or_default();
        return Err(WxrError::FieldTooLong { field, at });
    }
    text.push_str(s);
    Ok(())
}

/// The entry being read.
enum Builder {
    Author(Author),
    Category(Category),
    Tag(Tag),
    Item {
        item: Box<Item>,
        /// The `<category>` being read (its attributes), the meta key read before its value,
        /// the comment being read.
        term: Option<ItemTerm>,
        meta_key: Option<String>,
        meta_value: Option<String>,
        comment: Option<Box<Comment>>,
    },
}

fn int(s: &str) -> i64 {
    s.trim().parse().unwrap_or(0)
}

fn id(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

impl Builder {
    fn start(ns: Ns, local: &str) -> Option<Builder> {
        match (ns, local) {
            (Ns::Wp, "author") => Some(Builder::Author(Author::default())),
            (Ns::Wp, "category") => Some(Builder::Category(Category::default())),
            (Ns::Wp, "tag") => Some(Builder::Tag(Tag::default())),
            (Ns::None, "item") => Some(Builder::Item {
                item: Box::default(),
                term: None,
                meta_key: None,
                meta_value: None,
                comment: None,
            }),
            _ => None,
        }
    }

    /// An element opens at `depth` (the entry's own element is at 2).
    fn open(&mut self, ns: Ns, local: &str, e: &quick_xml::events::BytesStart<'_>, depth: usize) {
        let Builder::Item {
            term,
            meta_key,
            meta_value,
            comment,
            ..
        } = self
        else {
            return;
        };
        match (ns, local, depth) {
            (Ns::None, "category", 3) => {
                let mut t = ItemTerm::default();
                for a in e.attributes().flatten() {
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    match a.key.local_name().as_ref() {
                        "domain" => t.domain = value,
                        "nicename" => t.nicename = value,
                        _ => {}
                    }
                }
                *term = Some(t);
            }
            (Ns::Wp, "postmeta", 3) => {
                *meta_key = None;
                *meta_value = None;
            }
            (Ns::Wp, "comment", 3) => *comment = Some(Box::default()),
            _ => {}
        }
    }

    /// An element closes with its text; `depth` is its parent's depth + 1 (the entry's own
    /// fields close at 3).
    fn close(&mut self, ns: Ns, local: &str, text: String, depth: usize) {
        match self {
            Builder::Author(a) => match local {
                "author_id" => a.id = id(&text),
                "author_login" => a.login = text.trim().to_owned(),
                "author_email" => a.email = text.trim().to_owned(),
                "author_display_name" => a.display_name = text.trim().to_owned(),
                "author_first_name" => a.first_name = text.trim().to_owned(),
                "author_last_name" => a.last_name = text.trim().to_owned(),
                _ => {}
            },
            Builder::Category(c) => match local {
                "term_id" => c.term_id = id(&text),
                "category_nicename" => c.nicename = text.trim().to_owned(),
                "category_parent" => c.parent = text.trim().to_owned(),
                "cat_name" => c.name = text.trim().to_owned(),
                "category_description" => c.description = text.trim().to_owned(),
                _ => {}
            },
            Builder::Tag(t) => match local {
                "term_id" => t.term_id = id(&text),
                "tag_slug" => t.slug = text.trim().to_owned(),
                "tag_name" => t.name = text.trim().to_owned(),
                "tag_description" => t.description = text.trim().to_owned(),
                _ => {}
            },
            Builder::Item {
                item,
                term,
                meta_key,
                meta_value,
                comment,
            } => {
                if let Some(c) = comment.as_mut().filter(|_| depth == 4) {
                    close_comment(c, local, text);
                    return;
                }
                if depth == 4 {
                    match local {
                        "meta_key" => *meta_key = Some(text.trim().to_owned()),
                        "meta_value" => *meta_value = Some(text),
                        _ => {}
                    }
                    return;
                }
                if depth != 3 {
                    return;
                }
                match (ns, local) {
                    (Ns::None, "title") => item.title = text.trim().to_owned(),
                    (Ns::None, "link") => item.link = text.trim().to_owned(),
                    (Ns::None, "guid") => item.guid = text.trim().to_owned(),
                    (Ns::None, "category") => {
                        if let Some(mut t) = term.take() {
                            t.name = text.trim().to_owned();
                            item.terms.push(t);
                        }
                    }
                    (Ns::Dc, "creator") => item.creator = text.trim().to_owned(),
                    (Ns::Content, "encoded") => item.content = text,
                    (Ns::Excerpt, "encoded") => item.excerpt = text,
                    (Ns::Wp, "post_id") => item.post_id = int(&text),
                    (Ns::Wp, "post_date") => item.post_date = text.trim().to_owned(),
                    (Ns::Wp, "post_date_gmt") => item.post_date_gmt = text.trim().to_owned(),
                    (Ns::Wp, "comment_status") => item.comment_status = text.trim().to_owned(),
                    (Ns::Wp, "post_name") => item.post_name = text.trim().to_owned(),
                    (Ns::Wp, "status") => item.status = text.trim().to_owned(),
                    (Ns::Wp, "post_parent") => item.post_parent = int(&text),
                    (Ns::Wp, "menu_order") => item.menu_order = int(&text),
                    (Ns::Wp, "post_type") => item.post_type = text.trim().to_owned(),
                    (Ns::Wp, "post_password") => item.post_password = text,
                    (Ns::Wp, "is_sticky") => item.is_sticky = text.trim() == "1",
                    (Ns::Wp, "attachment_url") => item.attachment_url = text.trim().to_owned(),
                    (Ns::Wp, "postmeta") => {
                        if let (Some(k), Some(v)) = (meta_key.take(), meta_value.take()) {
                            item.meta.push((k, v));
                        }
                    }
                    (Ns::Wp, "comment") => {
                        if let Some(c) = comment.take() {
                            item.comments.push(*c);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn finish(self) -> Entry {
        match self {
            Builder::Author(a) => Entry::Author(a),
            Builder::Category(c) => Entry::Category(c),
            Builder::Tag(t) => Entry::Tag(t),
            Builder::Item { item, .. } => Entry::Item(item),
        }
    }
}

fn close_comment(c: &mut Comment, local: &str, text: String) {
    match local {
        "comment_id" => c.id = int(&text),
        "comment_author" => c.author = text.trim().to_owned(),
        "comment_author_email" => c.author_email = text.trim().to_owned(),
        "comment_author_url" => c.author_url = text.trim().to_owned(),
        "comment_date" => c.date = text.trim().to_owned(),
        "comment_date_gmt" => c.date_gmt = text.trim().to_owned(),
        "comment_content" => c.content = text,
        "comment_approved" => c.approved = text.trim().to_owned(),
        "comment_type" => c.kind = text.trim().to_owned(),
        "comment_parent" => c.parent = int(&text),
        "comment_user_id" => c.user_id = int(&text),
        _ => {}
    }
}
