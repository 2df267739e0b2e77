//! A block's inline formatting (`*italique*`, `**gras**`, links; see
//! `kiosque_domain::inline`) as HTML for pages and feeds.
//!
//! The result goes into templates unescaped, so everything here is escaped by hand: the words
//! of the journalist, typeset in the site's language run by run, and the addresses, which the
//! domain has already limited to `http(s)` and paths of the site. No tag of the input can
//! survive: only `<em>`, `<strong>` and `<a>` are ever written, by this file.

use kiosque_domain::inline::{parse, Span};
use kiosque_domain::typography::typeset;

/// `base` is put before the site's own paths (`""` on the site, the site's address in feeds,
/// read outside it).
pub fn html(text: &str, base: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    write(&mut out, &parse(text), base);
    out
}

fn write(out: &mut String, spans: &[Span], base: &str) {
    for span in spans {
        match span {
            Span::Text(t) => escape(out, &typeset(t)),
            Span::Em(inner) => {
                out.push_str("<em>");
                write(out, inner, base);
                out.push_str("</em>");
            }
            Span::Strong(inner) => {
                out.push_str("<strong>");
                write(out, inner, base);
                out.push_str("</strong>");
            }
            Span::Link { href, content } => {
                out.push_str("<a href=\"");
                if Span::is_external(href) {
                    escape(out, href);
                    // The newsroom vouches for its own pages, not for the rest of the web.
                    out.push_str("\" rel=\"nofollow noopener\">");
                } else {
                    escape(out, base);
                    escape(out, href);
                    out.push_str("\">");
                }
                write(out, content, base);
                out.push_str("</a>");
            }
        }
    }
}

pub(crate) fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formatting_becomes_tags_and_the_rest_is_escaped() {
        assert_eq!(
            html(
                "a *b* **c** <i>d</i> & [e](/monde/x_1.html) [f](https://x.fr)",
                ""
            ),
            "a <em>b</em> <strong>c</strong> &lt;i&gt;d&lt;/i&gt; &amp; \
             <a href=\"/monde/x_1.html\">e</a> \
             <a href=\"https://x.fr/\" rel=\"nofollow noopener\">f</a>"
        );
        assert_eq!(
            html("[e](/a_1.html)", "https://site.fr"),
            "<a href=\"https://site.fr/a_1.html\">e</a>"
        );
        assert_eq!(
            html("[x](javascript:alert(1))", ""),
            "[x](javascript:alert(1))"
        );
        assert_eq!(
            html("[x](https://a.fr/\"onmouseover=\"x)", ""),
            "<a href=\"https://a.fr/%22onmouseover=%22x\" rel=\"nofollow noopener\">x</a>"
        );
    }

    fn syntaxy() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "*",
            "**",
            " ",
            "a",
            "[",
            "]",
            "(",
            ")",
            "](",
            "\\",
            "<",
            ">",
            "<script>",
            "&",
            "\"",
            "'",
            "https://a.fr/",
            "/x",
            "javascript:",
            "<a href=",
            "🙂",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn no_tag_of_the_input_survives(text in prop_oneof![any::<String>(), syntaxy()]) {
            let out = html(&text, "");
            // Every `<` written is one of ours.
            let mut rest = out.as_str();
            while let Some(at) = rest.find('<') {
                rest = &rest[at..];
                prop_assert!(
                    ["<em>", "</em>", "<strong>", "</strong>", "<a href=\"", "</a>"]
                        .iter()
                        .any(|tag| rest.starts_with(tag)),
                    "{}", out
                );
                if let Some(href) = rest.strip_prefix("<a href=\"") {
                    let web = href.starts_with("http://") || href.starts_with("https://");
                    prop_assert!(web || (href.starts_with('/') && !href.starts_with("//")), "{}", out);
                }
                rest = &rest[1..];
            }
        }
    }
}
