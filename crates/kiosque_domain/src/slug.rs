//! Slugs and permalinks. An article's permalink carries its stable id, so the slug may change:
//! the id finds the article and a stale slug is answered with a redirect.

/// Longest slug we generate; long titles are cut at a word boundary.
pub const MAX_SLUG_LEN: usize = 80;

/// Turns a title into a URL slug: ASCII, lowercase, words joined by `-`.
/// Returns `"article"` for titles with no letters or digits, so a slug is never empty.
pub fn slugify(title: &str) -> String {
    let full = slug::slugify(title);
    let mut out = String::new();
    for word in full.split('-').filter(|w| !w.is_empty()) {
        if !out.is_empty() && out.len() + 1 + word.len() > MAX_SLUG_LEN {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out.truncate(MAX_SLUG_LEN);
    if out.is_empty() {
        "article".to_owned()
    } else {
        out
    }
}

/// A valid slug: non-empty, at most [`MAX_SLUG_LEN`] bytes, `[a-z0-9-]`, no leading,
/// trailing or double `-`.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG_LEN
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Path segments that sections may not take, because the site's own routes use them.
pub const RESERVED_SECTION_SLUGS: &[&str] = &[
    "articles",
    "commentaires",
    "sitemaps",
    "static",
    "media",
    "videos",
    "tag",
    "auteur",
    "recherche",
    "admin",
    "api",
    "compte",
    "healthz",
    "readyz",
    "metrics",
    "feed",
    "rss",
    "sitemap",
    "robots",
];

/// The public path of an article: `/{section}/{slug}_{id}.html`.
pub fn article_path(section_slug: &str, slug: &str, id: i64) -> String {
    format!("/{section_slug}/{slug}_{id}.html")
}

/// The public path of a video page: `/videos/{slug}_{id}.html`.
pub fn video_path(slug: &str, id: i64) -> String {
    format!("/videos/{slug}_{id}.html")
}

/// Splits the last segment of a permalink, `{slug}_{id}.html`, into its slug and id.
/// Anything else (no `.html`, no `_`, an id that is not a positive number) is `None`,
/// which the web layer answers with a 404.
pub fn parse_permalink_file(file: &str) -> Option<(&str, i64)> {
    let stem = file.strip_suffix(".html")?;
    let (slug, id) = stem.rsplit_once('_')?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) || id.len() > 18 {
        return None;
    }
    let id: i64 = id.parse().ok()?;
    (id > 0).then_some((slug, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugify_folds_french_titles() {
        assert_eq!(
            slugify("Syrie : Poutine appelle Al-Assad afin de le féliciter pour la reprise d'Alep"),
            "syrie-poutine-appelle-al-assad-afin-de-le-feliciter-pour-la-reprise-d-alep"
        );
        assert_eq!(slugify("Économie"), "economie");
        assert_eq!(slugify("?!"), "article");
    }

    #[test]
    fn permalink_round_trips() {
        let p = article_path("monde", "syrie-poutine", 42);
        assert_eq!(p, "/monde/syrie-poutine_42.html");
        let file = p.rsplit('/').next().unwrap_or_default();
        assert_eq!(parse_permalink_file(file), Some(("syrie-poutine", 42)));
    }

    #[test]
    fn malformed_permalinks_are_none() {
        for f in [
            "x.html",
            "x_.html",
            "x_abc.html",
            "x_0.html",
            "x_-3.html",
            "x_12",
            "x_99999999999999999999.html",
            "_1.htm",
        ] {
            assert_eq!(parse_permalink_file(f), None, "{f}");
        }
    }

    proptest! {
        #[test]
        fn slugify_always_gives_a_valid_slug(s in any::<String>()) {
            prop_assert!(is_valid_slug(&slugify(&s)));
        }

        #[test]
        fn parse_permalink_never_panics(s in any::<String>()) {
            let _ = parse_permalink_file(&s);
        }
    }
}
