//! A WordPress body as Kiosque blocks: block markup (WordPress 5 and later) and classic HTML
//! (paragraphs by blank lines, `[caption]` and `[embed]` shortcodes) alike.
//!
//! Paragraphs stay paragraphs, headings become intertitles, blockquotes quotes (their `<cite>`
//! the source), lists lists, images the library's images (or links when the library does not
//! hold them), embeds embeds; inside text, italics, bold and links keep their meaning in the
//! editor's inline syntax. Anything else keeps its words as plain text rather than being
//! dropped (a table's cells, preformatted text, an unknown shortcode), and each such
//! conversion is told in the report. Scripts and styles are the only things dropped.

use kiosque_domain::article::MAX_BLOCK_CHARS;
use kiosque_domain::{Block, MediaRef};
use scraper::{ElementRef, Html, Node};

use super::classic::{autop, is_classic, shortcodes};

/// A body converted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub blocks: Vec<Block>,
    /// What could not be converted as it was, one line each (in English, for the CLI's report).
    pub report: Vec<String>,
}

/// The blocks of `html`. `library` gives the media library's path of an image address (its
/// `src`) when the importer holds that image.
pub fn convert(html: &str, library: &dyn Fn(&str) -> Option<String>) -> Body {
    let html = if is_classic(html) {
        autop(html)
    } else {
        html.to_owned()
    };
    let html = shortcodes(&html);
    let doc = Html::parse_fragment(&html);
    let mut w = Walker {
        library,
        body: Body::default(),
        text: String::new(),
    };
    w.blocks_of(doc.root_element());
    w.flush();
    w.body.report.sort();
    w.body.report.dedup();
    w.body
}

/// Plain text as a paragraph's text: its own `*`, `[`, `]` and `\` escaped.
pub(crate) fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text(&mut out, text);
    out
}

/// The words of an HTML fragment alone, one space between blocks (an excerpt as a
/// standfirst): inline elements join their words as written (`super<sup>script</sup>`).
pub fn plain_text(html: &str) -> String {
    let blocks = convert(html, &|_| None).blocks;
    let texts: Vec<String> = blocks.iter().map(Block::text).collect();
    collapse(&texts.join(" "))
}

/// A comment's words, its paragraphs kept apart by a blank line (the comments' syntax):
/// readers' comments are plain text with addresses, never HTML.
pub fn comment_text(html: &str) -> String {
    let blocks = convert(html, &|_| None).blocks;
    let texts: Vec<String> = blocks
        .iter()
        .map(|b| collapse(&b.text()))
        .filter(|t| !t.is_empty())
        .collect();
    texts.join("\n\n")
}

struct Walker<'l> {
    library: &'l dyn Fn(&str) -> Option<String>,
    body: Body,
    /// The paragraph being gathered, in the editor's inline syntax.
    text: String,
}

impl Walker<'_> {
    fn report(&mut self, line: String) {
        self.body.report.push(line);
    }

    /// Ends the paragraph being gathered.
    fn flush(&mut self) {
        let text = collapse(&std::mem::take(&mut self.text));
        self.paragraphs(text);
    }

    /// `text` as paragraphs, split when longer than a block may be.
    fn paragraphs(&mut self, text: String) {
        if text.is_empty() {
            return;
        }
        if text.chars().count() <= MAX_BLOCK_CHARS {
            self.body.blocks.push(Block::Paragraph { text });
            return;
        }
        self.report("a paragraph longer than a block may be was split".to_owned());
        let mut chunk = String::new();
        for word in text.split(' ') {
            if chunk.chars().count() + word.chars().count() + 1 > MAX_BLOCK_CHARS / 2 {
                self.body.blocks.push(Block::Paragraph {
                    text: std::mem::take(&mut chunk),
                });
            }
            if !chunk.is_empty() {
                chunk.push(' ');
            }
            chunk.push_str(word);
        }
        if !chunk.is_empty() {
            self.body.blocks.push(Block::Paragraph { text: chunk });
        }
    }

    /// The children of `el`, read as blocks.
    fn blocks_of(&mut self, el: ElementRef<'_>) {
        self.children(el, Self::block);
    }

    /// The children of `e` into the paragraph being gathered.
    fn inline_of(&mut self, e: ElementRef<'_>) {
        self.children(e, Self::inline);
    }

    /// The text of `el`'s children gathered, each element read by `read`.
    fn children(&mut self, el: ElementRef<'_>, read: fn(&mut Self, ElementRef<'_>)) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => push_text(&mut self.text, t),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        read(self, e);
                    }
                }
                _ => {}
            }
        }
    }

    fn block(&mut self, e: ElementRef<'_>) {
        let name = e.value().name();
        match name {
            "p" => {
                self.flush();
                self.inline_of(e);
                self.flush();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let text = plain(e);
                if !text.is_empty() {
                    self.body.blocks.push(Block::Intertitle { text });
                }
            }
            "blockquote" => {
                self.flush();
                self.quote(e);
            }
            "ul" | "ol" => {
                self.flush();
                self.list(e, name == "ol");
            }
            "figure" => {
                self.flush();
                self.figure(e);
            }
            "img" => {
                self.flush();
                self.image(e, None);
            }
            "iframe" | "video" | "audio" | "object" | "embed" => {
                self.flush();
                let src = e.value().attr("src").unwrap_or_default().trim();
                if let Some(url) = embed_target(src) {
                    self.body.blocks.push(Block::Embed { url });
                } else {
                    self.report(format!("<{name}> without a web address left out"));
                }
            }
            "pre" | "table" | "dl" | "address" => {
                self.flush();
                self.report(format!("<{name}> kept as plain paragraphs"));
                self.as_text(e);
            }
            "script" | "style" | "noscript" | "template" => {
                self.report(format!("<{name}> left out"));
            }
            "hr" | "br" => self.flush(),
            "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "center"
            | "html" | "body" | "details" | "summary" | "nav" | "form" | "fieldset" => {
                self.flush();
                self.blocks_of(e);
                self.flush();
            }
            _ => self.inline(e),
        }
    }

    /// The words of an element the editor has no block for, one paragraph per line or row.
    fn as_text(&mut self, e: ElementRef<'_>) {
        let rows: Vec<ElementRef<'_>> = e
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|r| r.value().name() == "tr")
            .collect();
        if rows.is_empty() {
            let text: String = e.text().collect();
            for line in text.lines() {
                let mut escaped = String::new();
                push_text(&mut escaped, line);
                self.paragraphs(collapse(&escaped));
            }
            return;
        }
        for row in rows {
            let cells: Vec<String> = row
                .children()
                .filter_map(ElementRef::wrap)
                .map(|c| {
                    let mut escaped = String::new();
                    push_text(&mut escaped, &c.text().collect::<String>());
                    collapse(&escaped)
                })
                .filter(|c| !c.is_empty())
                .collect();
            self.paragraphs(cells.join(" · "));
        }
    }

    fn quote(&mut self, e: ElementRef<'_>) {
        let mut source = None;
        let mut saved = std::mem::take(&mut self.text);
        for child in e.children() {
            match child.value() {
                Node::Text(t) => push_text(&mut self.text, t),
                Node::Element(el) if matches!(el.name(), "cite" | "footer") => {
                    if let Some(c) = ElementRef::wrap(child) {
                        let s = plain(c);
                        let s = s.trim_start_matches(['—', '–', '-', ' ']).to_owned();
                        if !s.is_empty() {
                            source = Some(s);
                        }
                    }
                }
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        if !self.text.trim().is_empty() {
                            self.text.push(' ');
                        }
                        self.inline_of(c);
                    }
                }
                _ => {}
            }
        }
        let text = collapse(&std::mem::replace(
            &mut self.text,
            std::mem::take(&mut saved),
        ));
        if !text.is_empty() && text.chars().count() <= MAX_BLOCK_CHARS {
            self.body.blocks.push(Block::Quote { text, source });
        } else if !text.is_empty() {
            self.report("a quote longer than a block may be kept as paragraphs".to_owned());
            self.paragraphs(text);
        }
    }

    fn list(&mut self, e: ElementRef<'_>, ordered: bool) {
        let mut items = Vec::new();
        for li in e.children().filter_map(ElementRef::wrap) {
            if li.value().name() != "li" {
                continue;
            }
            let saved = std::mem::take(&mut self.text);
            for child in li.children() {
                match child.value() {
                    Node::Text(t) => push_text(&mut self.text, t),
                    Node::Element(el) if matches!(el.name(), "ul" | "ol") => {
                        // The editor's lists are flat: a sub-list's items follow in the item.
                        self.body
                            .report
                            .push("a nested list flattened into its item".to_owned());
                        if let Some(sub) = ElementRef::wrap(child) {
                            for item in sub.descendants().filter_map(ElementRef::wrap) {
                                if item.value().name() == "li" {
                                    self.text.push_str(" — ");
                                    let mut t = String::new();
                                    push_text(&mut t, &item.text().collect::<String>());
                                    self.text.push_str(&t);
                                }
                            }
                        }
                    }
                    Node::Element(_) => {
                        if let Some(c) = ElementRef::wrap(child) {
                            self.inline(c);
                        }
                    }
                    _ => {}
                }
            }
            let item = collapse(&std::mem::replace(&mut self.text, saved));
            if !item.is_empty() {
                items.push(item);
            }
        }
        if !items.is_empty() {
            self.body.blocks.push(Block::List { ordered, items });
        }
    }

    fn figure(&mut self, e: ElementRef<'_>) {
        let class = e.value().attr("class").unwrap_or_default();
        let caption = e
            .children()
            .filter_map(ElementRef::wrap)
            .find(|c| c.value().name() == "figcaption")
            .map(plain)
            .filter(|c| !c.is_empty());
        if class.contains("wp-block-embed") || class.contains("wp-block-video") {
            let url = e
                .descendants()
                .filter_map(ElementRef::wrap)
                .find_map(|d| d.value().attr("src").and_then(embed_target))
                .or_else(|| e.text().map(str::trim).find_map(embed_target));
            match url {
                Some(url) => {
                    self.body.blocks.push(Block::Embed { url });
                    // An embed has no caption of its own: its words follow it.
                    if let Some(caption) = caption {
                        let mut text = String::new();
                        push_text(&mut text, &caption);
                        self.paragraphs(collapse(&text));
                    }
                }
                None => {
                    self.report("an embed without its address kept as text".to_owned());
                    self.blocks_of(e);
                }
            }
            return;
        }
        let inner: Vec<ElementRef<'_>> = e
            .descendants()
            .skip(1)
            .filter_map(ElementRef::wrap)
            .filter(|d| d.value().name() == "figure")
            .collect();
        let images: Vec<ElementRef<'_>> = e
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|d| d.value().name() == "img")
            .collect();
        if images.len() > 1 {
            self.report("a gallery kept as its images one after the other".to_owned());
        }
        if !inner.is_empty() {
            // A gallery of figures: each with its own caption, the gallery's after them.
            for f in inner {
                if f.ancestors()
                    .filter_map(ElementRef::wrap)
                    .find(|a| a.value().name() == "figure")
                    .is_some_and(|a| a.id() == e.id())
                {
                    self.figure(f);
                }
            }
        } else if images.is_empty() {
            self.blocks_of(e);
            self.flush();
            return;
        } else {
            let one = images.len() == 1;
            for img in images {
                self.image(img, caption.clone().filter(|_| one));
            }
            if one {
                return;
            }
        }
        if let Some(caption) = caption {
            let mut text = String::new();
            push_text(&mut text, &caption);
            self.paragraphs(collapse(&text));
        }
    }

    /// An image: the library's, or a link to it when the library does not hold it.
    fn image(&mut self, img: ElementRef<'_>, caption: Option<String>) {
        let src = img.value().attr("src").unwrap_or_default().trim();
        let alt = img
            .value()
            .attr("alt")
            .map(collapse)
            .filter(|a| !a.is_empty());
        match (self.library)(src) {
            Some(path) => self.body.blocks.push(Block::Image {
                media: MediaRef {
                    path,
                    alt,
                    caption,
                    credit: None,
                    width: None,
                    height: None,
                },
            }),
            None if link_target(src).is_some_and(|t| t.starts_with("http")) => {
                self.report(format!("image {src} not in the library: kept as a link"));
                let name = alt
                    .or_else(|| caption.clone())
                    .unwrap_or_else(|| src.rsplit('/').next().unwrap_or(src).to_owned());
                let mut label = String::new();
                push_text(&mut label, &name);
                self.body.blocks.push(Block::Paragraph {
                    text: format!(
                        "[{}]({})",
                        collapse(&label),
                        link_target(src).unwrap_or_default()
                    ),
                });
                // The caption's words stay, under the link.
                if let Some(caption) = caption.filter(|c| *c != name) {
                    let mut text = String::new();
                    push_text(&mut text, &caption);
                    self.paragraphs(collapse(&text));
                }
            }
            None => self.report(format!("image without a web address ({src:?}) left out")),
        }
    }

    fn inline(&mut self, e: ElementRef<'_>) {
        let name = e.value().name();
        match name {
            "em" | "i" => self.wrapped(e, "*"),
            "strong" | "b" => self.wrapped(e, "**"),
            "a" => self.link(e),
            "br" => self.text.push(' '),
            "img" => {
                self.flush();
                self.image(e, None);
            }
            "script" | "style" => self.report(format!("<{name}> left out")),
            // A block inside a paragraph (browsers close the paragraph there too).
            "p" | "div" | "ul" | "ol" | "blockquote" | "figure" | "table" | "pre" | "h1" | "h2"
            | "h3" | "h4" | "h5" | "h6" | "iframe" => self.block(e),
            _ => self.inline_of(e),
        }
    }

    /// Italics or bold: the marker around the words, spaces outside it.
    fn wrapped(&mut self, e: ElementRef<'_>, marker: &str) {
        let saved = std::mem::take(&mut self.text);
        self.inline_of(e);
        let inner = std::mem::replace(&mut self.text, saved);
        let trimmed = inner.trim();
        if trimmed.is_empty() {
            self.text.push_str(&inner);
            return;
        }
        if inner.starts_with(char::is_whitespace) {
            self.text.push(' ');
        }
        self.text.push_str(marker);
        self.text.push_str(trimmed);
        self.text.push_str(marker);
        if inner.ends_with(char::is_whitespace) {
            self.text.push(' ');
        }
    }

    fn link(&mut self, e: ElementRef<'_>) {
        let href = e.value().attr("href").unwrap_or_default().trim();
        let saved = std::mem::take(&mut self.text);
        self.inline_of(e);
        let inner = std::mem::replace(&mut self.text, saved);
        let label = collapse(&inner);
        if label.is_empty() {
            return;
        }
        let target = link_target(href);
        if let Some(href) = target.as_deref().filter(|_| !label.contains("](")) {
            self.text.push_str(&format!("[{label}]({href})"));
        } else {
            if !href.is_empty() && target.is_none() {
                let scheme = href.split(':').next().unwrap_or(href);
                self.report(format!("a link to {scheme}: kept as its text"));
            }
            self.text.push_str(&label);
        }
    }
}

/// A link's address as the editor writes it: `http(s)` (normalised) or a path of the site,
/// parentheses escaped (a `)` would end the link); `None` for anything else (`mailto:`,
/// `javascript:`, `//autre.fr`).
fn link_target(raw: &str) -> Option<String> {
    let escaped = raw.trim().replace('(', "%28").replace(')', "%29");
    let href = kiosque_domain::inline::link_href(&escaped)?;
    // Stored as the editor reads it back: normalising it again must not change it.
    (kiosque_domain::inline::link_href(&href).as_deref() == Some(href.as_str())).then_some(href)
}

/// An embed's address: a web address only.
fn embed_target(raw: &str) -> Option<String> {
    link_target(raw).filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// Text into the editor's inline syntax: its own `*`, `[`, `]` and `\` escaped.
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' | '*' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// Runs of spaces as one, none at the ends (no-break spaces are kept: French typography).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// An element's words alone (headings, captions, sources are plain text in the editor).
fn plain(e: ElementRef<'_>) -> String {
    collapse(&e.text().collect::<String>())
}
