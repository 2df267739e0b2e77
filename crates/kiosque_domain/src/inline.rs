//! Inline formatting inside a paragraph, a quote or a list item: `*italique*`, `**gras**` and
//! links `[texte](https://exemple.fr/)` or `[texte](/monde/titre_12.html)`.
//!
//! Blocks keep their text as typed (the markup included), so stored bodies need no migration
//! and the editor reads back exactly what was written; [`parse`] turns that text into [`Span`]s
//! when a page, a feed, the index or the API needs them, and [`plain`] gives the words alone.
//!
//! # Why `*` and not `_`
//!
//! `_` is everywhere in what journalists paste: file names (`phpoTLVxE_1.jpg`), the site's own
//! addresses (`/monde/titre_12.html`), handles (`@le_monde`). `*` is rare in French prose (a
//! footnote mark, `Prix*`), and such a lone star has no partner, so it stays text. `_` means
//! nothing.
//!
//! # Rules
//!
//! - An opening `*` or `**` must be followed by a non-space, a closing one preceded by a
//!   non-space (`5 * 3 * 2` stays text). A marker without its partner is plain text, never an
//!   error. Spans nest (`**gras et *italique***` is not guaranteed, `**gras *et italique***`
//!   neither; `*a **b** c*` and `**a *b* c**` are) up to [`MAX_DEPTH`] levels.
//! - A link is `[texte](adresse)`, the address without spaces. Only `http://`, `https://` and
//!   addresses of this site starting with one `/` are links; anything else written as a link
//!   (`javascript:`, `mailto:`, `//autre.fr`) is refused by [`check`], and shown as text by
//!   [`parse`] if it was ever stored.
//! - `\*`, `\[`, `\]` and `\\` stand for the character itself.

use url::Url;

/// Deeper nesting is read as text: no page needs it, and it bounds the work on hostile input.
pub const MAX_DEPTH: usize = 6;

/// A run of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Em(Vec<Span>),
    Strong(Vec<Span>),
    Link {
        /// `http(s)://…` (normalised) or a path of this site (`/monde/…`).
        href: String,
        content: Vec<Span>,
    },
}

impl Span {
    /// Whether the link leaves the site (pages mark those `rel="nofollow noopener"`).
    pub fn is_external(href: &str) -> bool {
        !href.starts_with('/')
    }
}

/// A link whose address is neither a web address nor a path of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLink {
    /// The address as typed, cut short for messages.
    pub href: String,
}

/// The spans of a stored text. Never fails: what is not formatting is text.
pub fn parse(text: &str) -> Vec<Span> {
    let mut reader = Reader::new(text);
    reader.spans(0, text.len(), 0)
}

/// The spans of a text a journalist typed, refusing links to anything but the web or the site.
pub fn check(text: &str) -> Result<Vec<Span>, BadLink> {
    let mut reader = Reader::new(text);
    let spans = reader.spans(0, text.len(), 0);
    match reader.bad.take() {
        Some(bad) => Err(bad),
        None => Ok(spans),
    }
}

/// The words of a text without its formatting: for search, summaries, feeds and the API.
pub fn plain(text: &str) -> String {
    // Most stored texts hold no formatting at all.
    if !text.contains(['*', '[', '\\']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    push_plain(&mut out, &parse(text));
    out
}

pub fn push_plain(out: &mut String, spans: &[Span]) {
    for span in spans {
        match span {
            Span::Text(t) => out.push_str(t),
            Span::Em(inner) | Span::Strong(inner) => push_plain(out, inner),
            Span::Link { content, .. } => push_plain(out, content),
        }
    }
}

/// `http(s)` addresses, normalised, or a site path; `None` for anything else.
pub fn link_href(raw: &str) -> Option<String> {
    if raw.is_empty() || raw.contains(char::is_whitespace) || raw.contains(char::is_control) {
        return None;
    }
    if raw.starts_with('/') {
        // `//autre.fr` would leave the site; a backslash is read as a slash by browsers.
        return (!raw.starts_with("//") && !raw.contains('\\')).then(|| raw.to_owned());
    }
    let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let url = Url::parse(raw).ok()?;
    let ok = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none();
    ok.then(|| String::from(url))
}

struct Reader<'a> {
    text: &'a str,
    /// Byte offsets of possible closers, ascending: a binary search finds the next one, so a
    /// text full of openers without partners is still read in n·log n.
    strong_closers: Vec<usize>,
    em_closers: Vec<usize>,
    brackets: Vec<usize>,
    parens: Vec<usize>,
    bad: Option<BadLink>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let mut reader = Reader {
            text,
            strong_closers: vec![],
            em_closers: vec![],
            brackets: vec![],
            parens: vec![],
            bad: None,
        };
        let prev_solid = |i: usize| {
            text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace())
        };
        // Backslashes just before the current byte: an odd number escapes it.
        let mut backslashes = 0usize;
        for i in 0..b.len() {
            let escaped = backslashes % 2 == 1;
            backslashes = if b[i] == b'\\' { backslashes + 1 } else { 0 };
            if escaped {
                continue;
            }
            match b[i] {
                b'*' => {
                    let before = i > 0 && b[i - 1] == b'*';
                    let after = b.get(i + 1) == Some(&b'*');
                    if after && !before && prev_solid(i) {
                        reader.strong_closers.push(i);
                    }
                    if !after && !before && prev_solid(i) {
                        reader.em_closers.push(i);
                    }
                }
                b']' => reader.brackets.push(i),
                b')' => reader.parens.push(i),
                _ => {}
            }
        }
        reader
    }

    fn next_in(list: &[usize], from: usize, end: usize) -> Option<usize> {
        let k = list.partition_point(|&p| p < from);
        list.get(k).copied().filter(|&p| p < end)
    }

    /// The spans of `text[start..end]`.
    fn spans(&mut self, start: usize, end: usize, depth: usize) -> Vec<Span> {
        let text = self.text;
        let b = text.as_bytes();
        let mut out: Vec<Span> = Vec::new();
        let mut plain = String::new();
        let mut i = start;
        let next_solid = |i: usize| {
            text.get(i..end)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| !c.is_whitespace())
        };
        while i < end {
            let c = b[i];
            if c == b'\\' && i + 1 < end && matches!(b[i + 1], b'*' | b'[' | b']' | b'\\') {
                plain.push(b[i + 1] as char);
                i += 2;
                continue;
            }
            if depth < MAX_DEPTH {
                let found = match c {
                    b'*' if i + 1 < end && b[i + 1] == b'*' && next_solid(i + 2) => {
                        Self::next_in(&self.strong_closers, i + 3, end).map(|close| {
                            let inner = self.spans(i + 2, close, depth + 1);
                            (Span::Strong(inner), close + 2)
                        })
                    }
                    b'*' if next_solid(i + 1) && (i == 0 || b[i - 1] != b'*') => {
                        Self::next_in(&self.em_closers, i + 2, end).map(|close| {
                            let inner = self.spans(i + 1, close, depth + 1);
                            (Span::Em(inner), close + 1)
                        })
                    }
                    b'[' => self.link(i, end, depth),
                    _ => None,
                };
                if let Some((span, after)) = found {
                    if !plain.is_empty() {
                        out.push(Span::Text(std::mem::take(&mut plain)));
                    }
                    out.push(span);
                    i = after;
                    continue;
                }
            }
            let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
            plain.push(ch);
            i += ch.len_utf8().max(1);
        }
        if !plain.is_empty() {
            out.push(Span::Text(plain));
        }
        out
    }

    /// `[texte](adresse)` starting at `i`, and where reading resumes after it.
    fn link(&mut self, i: usize, end: usize, depth: usize) -> Option<(Span, usize)> {
        let b = self.text.as_bytes();
        let close = Self::next_in(&self.brackets, i + 2, end)?;
        if b.get(close + 1) != Some(&b'(') {
            return None;
        }
        let paren = Self::next_in(&self.parens, close + 2, end)?;
        let raw = &self.text[close + 2..paren];
        if raw.is_empty() || raw.contains(char::is_whitespace) {
            return None;
        }
        match link_href(raw) {
            Some(href) => {
                let content = self.spans(i + 1, close, depth + 1);
                Some((Span::Link { href, content }, paren + 1))
            }
            None => {
                if self.bad.is_none() {
                    self.bad = Some(BadLink {
                        href: raw.chars().take(40).collect(),
                    });
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn run(s: &str) -> Span {
        Span::Text(s.into())
    }

    #[test]
    fn italics_bold_and_links() {
        assert_eq!(
            parse("Un *mot* et **deux mots**."),
            vec![
                run("Un "),
                Span::Em(vec![run("mot")]),
                run(" et "),
                Span::Strong(vec![run("deux mots")]),
                run(".")
            ]
        );
        assert_eq!(
            parse("**a *b* c**"),
            vec![Span::Strong(vec![
                run("a "),
                Span::Em(vec![run("b")]),
                run(" c")
            ])]
        );
        assert_eq!(
            parse("Voir [le *site*](https://exemple.fr) et [ceci](/monde/x_12.html)"),
            vec![
                run("Voir "),
                Span::Link {
                    href: "https://exemple.fr/".into(),
                    content: vec![run("le "), Span::Em(vec![run("site")])]
                },
                run(" et "),
                Span::Link {
                    href: "/monde/x_12.html".into(),
                    content: vec![run("ceci")]
                },
            ]
        );
    }

    #[test]
    fn lone_markers_and_underscores_are_text() {
        for s in [
            "5 * 3 * 2",
            "Prix*",
            "* pas ouvert*",
            "*pas fermé *",
            "**",
            "***",
            "_jamais_",
            "phpoTLVxE_1.jpg",
            "[sic] (voir plus bas)",
            "[a] b",
            "[a](b c)",
            "[](/x)",
            "a\\b",
        ] {
            assert_eq!(plain(s), s, "{s}");
            assert_eq!(parse(s), vec![run(s)], "{s}");
        }
        assert_eq!(parse("\\*a\\*"), vec![run("*a*")]);
    }

    #[test]
    fn only_web_and_site_links() {
        for href in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "mailto:a@b.fr",
            "data:text/html,x",
            "//autre.fr/x",
            "/\\autre.fr",
            "https://user:pw@exemple.fr/",
            "ftp://exemple.fr/",
            "exemple.fr",
        ] {
            let text = format!("un [lien]({href}) ici");
            assert!(check(&text).is_err(), "{href}");
            assert_eq!(plain(&text), text, "{href} is shown as typed");
        }
        assert!(check("[a](HTTPS://Exemple.FR/x)").is_ok());
    }

    #[test]
    fn plain_keeps_the_words() {
        assert_eq!(
            plain("Le **gouvernement** a *démissionné*, voir [ici](https://a.fr)."),
            "Le gouvernement a démissionné, voir ici."
        );
    }

    #[test]
    fn pathological_input_is_fast() {
        let many = "*a **b [c ".repeat(5_000);
        let started = std::time::Instant::now();
        assert_eq!(plain(&many), many);
        assert!(started.elapsed().as_secs() < 2);
    }

    fn syntaxy() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "*",
            "**",
            "***",
            " ",
            "a",
            "é",
            "[",
            "]",
            "(",
            ")",
            "](",
            "\\",
            "<",
            ">",
            "&",
            "\"",
            "https://a.fr",
            "/monde/x_1.html",
            "javascript:",
            "_",
            "🙂",
            "\u{a0}",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    fn words(spans: &[Span]) -> String {
        let mut out = String::new();
        push_plain(&mut out, spans);
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn never_panics_and_keeps_every_letter(text in prop_oneof![any::<String>(), syntaxy()]) {
            let spans = parse(&text);
            let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric() || *c == '<').count();
            // Formatting removes markers (and a link's address), never invents a word.
            prop_assert!(letters(&words(&spans)) <= letters(&text));
            if !text.contains("](") {
                prop_assert_eq!(letters(&words(&spans)), letters(&text));
            }
            if let Ok(checked) = check(&text) {
                prop_assert_eq!(checked, spans);
            }
        }
    }
}
