//! Classic WordPress content as the HTML its block editor writes: paragraphs between blank
//! lines (what WordPress's `wpautop` adds when it shows a post), and the `[caption]` and
//! `[embed]` shortcodes as figures. Other shortcodes stay as they are: text.

/// Classic content: no block markup and no paragraph tags; WordPress adds the paragraphs when
/// it shows the post (`wpautop`).
pub(super) fn is_classic(html: &str) -> bool {
    !html.contains("<!-- wp:") && !html.contains("<p>") && !html.contains("<p ")
}

/// Tags that start a block of their own: a chunk of classic content starting with one is not
/// wrapped in a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "<h1",
    "<h2",
    "<h3",
    "<h4",
    "<h5",
    "<h6",
    "<ul",
    "<ol",
    "<blockquote",
    "<pre",
    "<table",
    "<div",
    "<figure",
    "<hr",
    "<p",
    "<dl",
    "<iframe",
    "<!--",
    "[caption",
    "[embed",
];

/// WordPress's paragraphs of classic content: chunks between blank lines are paragraphs, a
/// lone line end a line break.
pub(super) fn autop(html: &str) -> String {
    let normalised = html.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(normalised.len() + 64);
    for chunk in normalised.split("\n\n") {
        let chunk = chunk.trim();
        if chunk.is_empty() {
            continue;
        }
        let lower = chunk.to_ascii_lowercase();
        if BLOCK_TAGS.iter().any(|t| lower.starts_with(t)) {
            out.push_str(chunk);
        } else if is_url(chunk) {
            // A lone address on its line is an embed (oEmbed) in WordPress.
            out.push_str(&format!("[embed]{chunk}[/embed]"));
        } else {
            out.push_str("<p>");
            out.push_str(&chunk.replace('\n', "<br>\n"));
            out.push_str("</p>");
        }
        out.push('\n');
    }
    out
}

fn is_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && !s.contains(char::is_whitespace)
        && !s.contains('<')
}

/// `[caption …]<img …> Légende[/caption]` and `[embed]URL[/embed]` as the HTML block markup
/// writes them; other shortcodes stay as they are (text).
pub(super) fn shortcodes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('[') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let converted = caption(rest).or_else(|| embed(rest));
        match converted {
            Some((html, used)) => {
                out.push_str(&html);
                rest = &rest[used..];
            }
            None => {
                out.push('[');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn caption(s: &str) -> Option<(String, usize)> {
    if !s.starts_with("[caption") {
        return None;
    }
    let open_end = s.find(']')?;
    let close = s.find("[/caption]")?;
    let inner = s.get(open_end + 1..close)?;
    // The image (often in a link), then the caption's text.
    let img_end = inner
        .rfind("</a>")
        .map(|i| i + 4)
        .or_else(|| inner.find("/>").map(|i| i + 2))
        .or_else(|| inner.find('>').map(|i| i + 1))?;
    let (image, text) = inner.split_at(img_end);
    // Older exports give the caption as an attribute of the shortcode.
    let text = match text.trim() {
        "" => attribute(&s[..open_end], "caption").unwrap_or_default(),
        t => t,
    };
    Some((
        format!("<figure>{image}<figcaption>{text}</figcaption></figure>"),
        close + "[/caption]".len(),
    ))
}

/// The value of `name="…"` in a shortcode's opening tag.
fn attribute<'s>(tag: &'s str, name: &str) -> Option<&'s str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let rest = tag.get(start..)?;
    rest.find('"').and_then(|end| rest.get(..end))
}

fn embed(s: &str) -> Option<(String, usize)> {
    let inner = s.strip_prefix("[embed]")?;
    let end = inner.find("[/embed]")?;
    let url = inner[..end].trim();
    Some((
        format!("<figure class=\"wp-block-embed\">{url}</figure>"),
        "[embed]".len() + end + "[/embed]".len(),
    ))
}
