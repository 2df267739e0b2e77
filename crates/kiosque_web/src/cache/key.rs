//! Canonical cache keys. A URL makes an entry only in its one canonical spelling: the path, and
//! `?page=N` with N a page number past the first written without leading zeros. Every other
//! query parameter (`utm_source`, `fbclid`, anything) is left out of the key and out of the
//! request the handler sees, so the cached bytes cannot depend on it. `?page=1`, `?page=01` and
//! `?page=` are the plain page. A page value that is not a number (or 0, or absurdly long) goes
//! to the handler as it is, uncached: the paginated pages answer it with a 404.

/// Pages beyond this are never kept (handlers refuse them anyway).
const MAX_PAGE: u32 = 100_000;

/// What the cache does with a request's URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Canonical {
    /// Cached under [`Canonical::key`]; the request goes to the handler with this URL only.
    Key { page: Option<u32> },
    /// Not cached; the handler sees this query (`None`: none at all).
    Pass { query: Option<String> },
}

/// The canonical form of `path?query`. `own_query`: the route reads parameters of its own (the
/// search page): any query then passes through, uncached.
pub(crate) fn canonical(path: &str, query: Option<&str>, own_query: bool) -> Canonical {
    // Paths are ASCII slugs: an escaped spelling of the same path would be another entry.
    if path.contains('%') {
        return Canonical::Pass {
            query: query.map(str::to_owned),
        };
    }
    let query = query.unwrap_or_default();
    if query.is_empty() {
        return Canonical::Key { page: None };
    }
    if own_query {
        return Canonical::Pass {
            query: Some(query.to_owned()),
        };
    }
    let mut page = None;
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name != "page" {
            continue;
        }
        match page_value(value) {
            Some(n) => {
                // Two page values: the first wins, as for the handler's extractor.
                if page.is_none() {
                    page = Some(n);
                }
            }
            None => {
                return Canonical::Pass {
                    query: Some(format!("page={value}")),
                };
            }
        }
    }
    Canonical::Key {
        page: page.flatten(),
    }
}

/// `Some(None)` for the first page, `Some(Some(n))` for a later one, `None` for no page number.
fn page_value(raw: &str) -> Option<Option<u32>> {
    if raw.is_empty() {
        return Some(None);
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = raw.trim_start_matches('0');
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    match n {
        1 => Some(None),
        n if n <= MAX_PAGE => Some(Some(n)),
        _ => None,
    }
}

impl Canonical {
    /// The cache key (and the URL the handler sees) of a cached request.
    pub(crate) fn key(path: &str, page: Option<u32>) -> String {
        match page {
            Some(n) => format!("{path}?page={n}"),
            None => path.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key_of(uri: &str) -> Option<String> {
        let (path, query) = match uri.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (uri, None),
        };
        match canonical(path, query, false) {
            Canonical::Key { page } => Some(Canonical::key(path, page)),
            Canonical::Pass { .. } => None,
        }
    }

    #[test]
    fn the_canonical_spellings() {
        assert_eq!(key_of("/monde").as_deref(), Some("/monde"));
        assert_eq!(key_of("/monde?page=2").as_deref(), Some("/monde?page=2"));
        assert_eq!(key_of("/monde?page=0002").as_deref(), Some("/monde?page=2"));
        assert_eq!(key_of("/monde?page=1").as_deref(), Some("/monde"));
        assert_eq!(key_of("/monde?page=000001").as_deref(), Some("/monde"));
        assert_eq!(key_of("/monde?page=").as_deref(), Some("/monde"));
        assert_eq!(key_of("/monde?utm_source=x").as_deref(), Some("/monde"));
        assert_eq!(
            key_of("/monde?fbclid=1&page=3&utm_medium=y").as_deref(),
            Some("/monde?page=3")
        );
        assert_eq!(key_of("/monde?page=abc"), None);
        assert_eq!(key_of("/monde?page=0"), None);
        assert_eq!(key_of("/monde?page=99999999"), None);
        assert_eq!(key_of("/m%6Fnde"), None);
        assert_eq!(
            canonical("/monde", Some("page=abc&utm=1"), false),
            Canonical::Pass {
                query: Some("page=abc".into())
            }
        );
        assert_eq!(
            canonical("/recherche", Some("q=x"), true),
            Canonical::Pass {
                query: Some("q=x".into())
            }
        );
        assert_eq!(
            canonical("/recherche", None, true),
            Canonical::Key { page: None }
        );
    }

    fn junk() -> impl Strategy<Value = String> {
        "(utm_[a-z]{1,6}|fbclid|gclid|[a-z]{1,5})=[a-zA-Z0-9%._-]{0,12}"
            .prop_filter("not page", |p| !p.starts_with("page="))
    }

    proptest! {
        /// However many other parameters and zeros, a page number has one key, and it is
        /// a fixed point: the key's own URL has the same key.
        #[test]
        fn one_key_per_page_number(
            n in 1u32..=MAX_PAGE,
            zeros in 0usize..5,
            before in proptest::collection::vec(junk(), 0..4),
            after in proptest::collection::vec(junk(), 0..4),
        ) {
            let mut parts = before.clone();
            parts.push(format!("page={}{n}", "0".repeat(zeros)));
            parts.extend(after);
            let key = key_of(&format!("/monde?{}", parts.join("&"))).expect("cached");
            let expected = if n == 1 { "/monde".to_owned() } else { format!("/monde?page={n}") };
            prop_assert_eq!(&key, &expected);
            prop_assert_eq!(key_of(&key), Some(key.clone()));
            let plain = key_of(&format!("/monde?{}", before.join("&"))).expect("cached");
            prop_assert_eq!(plain, "/monde");
        }

        /// Whatever the query, a cached key is the path alone or the path and a canonical page.
        #[test]
        fn keys_are_always_canonical(query in "[a-z=&0-9%]{0,40}") {
            if let Some(key) = key_of(&format!("/monde?{query}")) {
                match key.strip_prefix("/monde?page=") {
                    None => prop_assert_eq!(key, "/monde"),
                    Some(n) => {
                        prop_assert!(!n.starts_with('0'));
                        let n: u32 = n.parse().expect("a number");
                        prop_assert!((2..=MAX_PAGE).contains(&n));
                    }
                }
            }
        }
    }
}
