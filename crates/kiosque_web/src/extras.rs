//! What readers get around an article besides the article: its reading time, share links and
//! the "Les plus lus" list (templates: `site/extras.html`).

/// The article page's extras.
pub struct ArticleExtras {
    /// "Lecture : 4 min".
    pub reading_minutes: usize,
    pub share: ShareLinks,
    pub most_read: Vec<MostReadItem>,
}

/// One line of "Les plus lus".
pub struct MostReadItem {
    pub href: String,
    pub title: String,
}

/// Share links as plain URLs of each service: a link a reader follows, no script, no image,
/// nothing loaded from them before the reader clicks.
pub struct ShareLinks {
    pub email: String,
    pub x: String,
    pub facebook: String,
    pub linkedin: String,
    pub whatsapp: String,
    pub bluesky: String,
}

impl ShareLinks {
    /// The links to share the page at the absolute `url`, titled `title`.
    pub fn new(url: &str, title: &str) -> Self {
        let (u, t) = (component(url), component(title));
        ShareLinks {
            // RFC 6068: in `mailto:` a space is %20, never `+`.
            email: format!("mailto:?subject={t}&body={u}"),
            x: format!("https://x.com/intent/tweet?text={t}&url={u}"),
            facebook: format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
            linkedin: format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
            whatsapp: format!("https://wa.me/?text={t}%20{u}"),
            bluesky: format!("https://bsky.app/intent/compose?text={t}%20{u}"),
        }
    }
}

/// Percent-encodes everything but the unreserved characters of RFC 3986, so that the value
/// is one query component whatever it holds (`&`, `#`, `/`, spaces, accents).
fn component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_carry_the_encoded_url_and_title() {
        let s = ShareLinks::new(
            "http://kiosque.test/monde/syrie_1.html",
            "Syrie : l'armée & Alep",
        );
        let u = "http%3A%2F%2Fkiosque.test%2Fmonde%2Fsyrie_1.html";
        let t = "Syrie%20%3A%20l%27arm%C3%A9e%20%26%20Alep";
        assert_eq!(s.email, format!("mailto:?subject={t}&body={u}"));
        assert_eq!(s.x, format!("https://x.com/intent/tweet?text={t}&url={u}"));
        assert_eq!(
            s.facebook,
            format!("https://www.facebook.com/sharer/sharer.php?u={u}")
        );
        assert_eq!(
            s.linkedin,
            format!("https://www.linkedin.com/sharing/share-offsite/?url={u}")
        );
        assert_eq!(s.whatsapp, format!("https://wa.me/?text={t}%20{u}"));
        assert_eq!(
            s.bluesky,
            format!("https://bsky.app/intent/compose?text={t}%20{u}")
        );
    }
}
