//! What the site tells readers about reading: how long an article takes to read, which views
//! count towards "Les plus lus", and which articles are worth reading next ("À lire aussi").
//! Rules only; the counting and the queries live in the web layer and the store.

use crate::article::Block;
use crate::ids::ArticleId;

/// Words a reader reads in a minute, on a screen, in French news prose.
pub const WORDS_PER_MINUTE: usize = 230;

/// The words of a body: its paragraphs, intertitles, quotes and lists (not image captions nor
/// links, which a reader glances at).
pub fn word_count(title: &str, standfirst: Option<&str>, body: &[Block]) -> usize {
    let words = |t: &str| {
        t.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let mut n = words(title) + standfirst.map_or(0, words);
    for b in body {
        n += match b {
            Block::Paragraph { text } | Block::Intertitle { text } | Block::Quote { text, .. } => {
                words(text)
            }
            Block::List { items, .. } => items.iter().map(|i| words(i)).sum(),
            Block::Image { .. } | Block::Video { .. } | Block::Embed { .. } => 0,
            Block::ReadAlso { .. } => 0,
        };
    }
    n
}

/// Minutes to read so many words, rounded up, and never less than one: "Lecture : 1 min" is
/// what a brief reads like.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

/// Substrings of the `User-Agent` of programs that are not readers: crawlers, link previews,
/// monitors and command-line clients. Lowercase.
const NOT_READERS: &[&str] = &[
    "bot",
    "crawl",
    "spider",
    "slurp",
    "preview",
    "fetcher",
    "facebookexternalhit",
    "embedly",
    "quora link",
    "headless",
    "lighthouse",
    "pingdom",
    "uptime",
    "monitor",
    "curl/",
    "wget/",
    "python-",
    "python/",
    "go-http-client",
    "java/",
    "okhttp",
    "libwww",
    "httpclient",
    "axios/",
    "node-fetch",
    "feed",
    "rss",
];

/// What a request says about itself, for [`is_reader_view`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Request<'a> {
    /// `GET`, or another method (`HEAD` reads no page).
    pub is_get: bool,
    pub user_agent: Option<&'a str>,
    /// `Sec-Purpose` or `Purpose` (`prefetch`, `prerender`), or `X-Moz`.
    pub purpose: Option<&'a str>,
    /// `Sec-Fetch-Dest`: a page a reader opens is a `document`.
    pub fetch_dest: Option<&'a str>,
}

/// Whether a request for an article page is a reader's view: a GET from a browser, not a
/// prefetch nor a crawler. Requests with no `User-Agent` are programs, not browsers.
pub fn is_reader_view(r: &Request<'_>) -> bool {
    if !r.is_get {
        return false;
    }
    if r.purpose.is_some_and(|p| {
        let p = p.to_ascii_lowercase();
        p.contains("prefetch") || p.contains("prerender") || p.contains("preview")
    }) {
        return false;
    }
    if r.fetch_dest
        .is_some_and(|d| !d.eq_ignore_ascii_case("document"))
    {
        return false;
    }
    let Some(ua) = r.user_agent.map(str::trim).filter(|u| !u.is_empty()) else {
        return false;
    };
    let ua = ua.to_ascii_lowercase();
    !NOT_READERS.iter().any(|n| ua.contains(n))
}

/// What an article has in common with the one being read, for "À lire aussi".
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: ArticleId,
    /// Tags both articles carry.
    pub shared_tags: usize,
    /// The very same section.
    pub same_section: bool,
    /// Another section under the same top-level section (Monde › Afrique beside Monde).
    pub same_family: bool,
    /// Unix milliseconds.
    pub published_at: i64,
    /// The place of this article in the search index's text similarity (0 is the closest),
    /// when it is among the closest.
    pub similarity: Option<usize>,
}

/// How far down the text similarity list still counts as "close": beyond, sharing words is
/// what any two French articles do.
pub const CLOSE_TEXT: usize = 8;

/// The articles to suggest, best first, at most `limit`. Shared tags weigh most, then the
/// same section, then dates close to the article's own (for a new article: recent ones),
/// and text similarity decides between equals. An article with nothing in common is never
/// listed: it must share a tag, or the section, or be close in text within the same family
/// of sections.
pub fn related(published_at: i64, candidates: &[Candidate], limit: usize) -> Vec<ArticleId> {
    let mut scored: Vec<(f64, i64, ArticleId)> = candidates
        .iter()
        .filter(|c| in_common(c))
        .map(|c| (score(published_at, c), c.published_at, c.id))
        .collect();
    // Best score first; equal scores: the newer, then the higher id (stable across renders).
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(b.2.get().cmp(&a.2.get()))
    });
    let mut out: Vec<ArticleId> = Vec::with_capacity(limit);
    for (_, _, id) in scored {
        if out.len() == limit {
            break;
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

fn in_common(c: &Candidate) -> bool {
    c.shared_tags > 0
        || c.same_section
        || (c.same_family && c.similarity.is_some_and(|r| r < CLOSE_TEXT))
}

fn score(published_at: i64, c: &Candidate) -> f64 {
    let tags = 100.0 * c.shared_tags.min(5) as f64;
    let section = if c.same_section {
        40.0
    } else if c.same_family {
        15.0
    } else {
        0.0
    };
    // 20 points for the same day, 10 a month apart, fading with distance in time.
    let days = (published_at - c.published_at).unsigned_abs() as f64 / 86_400_000.0;
    let time = 20.0 / (1.0 + days / 30.0);
    // At most 10 points: it orders articles alike in the above, it never outweighs a tag nor
    // the section.
    let text = c
        .similarity
        .filter(|r| *r < CLOSE_TEXT * 2)
        .map_or(0.0, |r| 10.0 - 10.0 * r as f64 / (CLOSE_TEXT * 2) as f64);
    tags + section + time + text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reading_time_rounds_up_to_whole_minutes() {
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(230), 1);
        assert_eq!(reading_minutes(231), 2);
        assert_eq!(reading_minutes(900), 4);
        let body = vec![
            Block::Paragraph {
                text: "Le président russe a appelé son homologue syrien.".into(),
            },
            Block::List {
                ordered: false,
                items: vec!["un".into(), "deux trois".into()],
            },
            Block::Paragraph {
                text: " — ".into()
            },
        ];
        assert_eq!(word_count("Syrie : Alep", Some("Deux mots"), &body), 15);
    }

    #[test]
    fn readers_count_and_programs_do_not() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        let get = |ua: Option<&'static str>| Request {
            is_get: true,
            user_agent: ua,
            ..Request::default()
        };
        assert!(is_reader_view(&get(Some(firefox))));
        assert!(is_reader_view(&Request {
            fetch_dest: Some("document"),
            ..get(Some(firefox))
        }));
        for ua in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "facebookexternalhit/1.1",
            "curl/8.5.0",
            "Mozilla/5.0 HeadlessChrome/120.0",
            "",
        ] {
            assert!(!is_reader_view(&get(Some(ua))), "{ua}");
        }
        assert!(!is_reader_view(&get(None)));
        assert!(!is_reader_view(&Request {
            is_get: false,
            ..get(Some(firefox))
        }));
        assert!(!is_reader_view(&Request {
            purpose: Some("prefetch;prerender"),
            ..get(Some(firefox))
        }));
        assert!(!is_reader_view(&Request {
            fetch_dest: Some("iframe"),
            ..get(Some(firefox))
        }));
    }

    const DAY: i64 = 86_400_000;

    fn cand(id: i64) -> Candidate {
        Candidate {
            id: ArticleId(id),
            shared_tags: 0,
            same_section: false,
            same_family: false,
            published_at: 0,
            similarity: None,
        }
    }

    #[test]
    fn tags_then_section_then_dates_then_text() {
        let list = [
            Candidate {
                similarity: Some(0),
                same_family: true,
                ..cand(1)
            },
            Candidate {
                same_section: true,
                similarity: Some(1),
                ..cand(2)
            },
            Candidate {
                shared_tags: 1,
                published_at: 400 * DAY,
                ..cand(3)
            },
            Candidate {
                same_section: true,
                published_at: DAY,
                ..cand(4)
            },
            // Nothing in common: never listed, however close the text.
            Candidate {
                similarity: Some(0),
                ..cand(5)
            },
            // A sibling section, far in the text list.
            Candidate {
                same_family: true,
                similarity: Some(CLOSE_TEXT + 1),
                ..cand(6)
            },
        ];
        assert_eq!(related(0, &list, 10), [3, 2, 4, 1].map(ArticleId).to_vec());
        assert_eq!(related(0, &list, 2), [3, 2].map(ArticleId).to_vec());
    }

    fn any_candidate() -> impl Strategy<Value = Candidate> {
        (
            1i64..50,
            0usize..4,
            any::<bool>(),
            any::<bool>(),
            -1000i64..1000,
            proptest::option::of(0usize..30),
        )
            .prop_map(|(id, t, s, f, d, sim)| Candidate {
                id: ArticleId(id),
                shared_tags: t,
                same_section: s,
                same_family: f,
                published_at: d * DAY,
                similarity: sim,
            })
    }

    proptest! {
        #[test]
        fn suggestions_always_have_something_in_common(
            list in proptest::collection::vec(any_candidate(), 0..30),
            limit in 0usize..8,
        ) {
            let out = related(0, &list, limit);
            prop_assert!(out.len() <= limit);
            for id in &out {
                prop_assert!(list.iter().any(|c| c.id == *id && in_common(c)));
            }
            let mut unique = out.clone();
            unique.dedup();
            prop_assert_eq!(unique.len(), out.len());
        }

        #[test]
        fn a_shared_tag_beats_everything_else(
            list in proptest::collection::vec(any_candidate(), 1..30),
        ) {
            let out = related(0, &list, list.len());
            let tagged = |id: &ArticleId| list.iter().filter(|c| c.id == *id).map(|c| c.shared_tags).max().unwrap_or(0) > 0;
            // Once an untagged article is listed, no tagged one follows.
            if let Some(first_untagged) = out.iter().position(|id| !tagged(id)) {
                prop_assert!(out[first_untagged..].iter().all(|id| !tagged(id)));
            }
        }
    }
}
