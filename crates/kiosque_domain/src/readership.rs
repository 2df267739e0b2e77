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
            // A link's address is not read: only the words of the formatted texts count.
            Block::Intertitle { text } => words(text),
            Block::Paragraph { text } | Block::Quote { text, .. } => {
                words(&crate::inline::plain(text))
            }
            Block::List { items, .. } => {
                items.iter().map(|i| words(&crate::inline::plain(i))).sum()
            }
            Block::Image { .. }
            | Block::Video { .. }
            | Block::Audio { .. }
            | Block::Embed { .. } => 0,
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

const WEEK_MS: i64 = 7 * 86_400_000;

/// The articles to suggest, best first, at most `limit`, as of `now` (unix ms). Shared tags
/// come first (the more the better), then the same section, then a sibling section; among
/// equals the most recent week, and only then the closest text. An article with nothing in
/// common is never listed: it must share a tag, or the section, or be close in text within the
/// same family of sections.
///
/// Text similarity is the last word on purpose: between articles that share no tag, word
/// overlap mostly measures style ("pays", "président"), and a reader is better served by the
/// latest news of the section.
pub fn related(now: i64, candidates: &[Candidate], limit: usize) -> Vec<ArticleId> {
    let mut listed: Vec<&Candidate> = candidates.iter().filter(|c| in_common(c)).collect();
    listed.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.shared_tags),
            !c.same_section,
            !c.same_family,
            // Weeks of age: a future date (a clock ahead) counts as this week.
            (now - c.published_at).max(0) / WEEK_MS,
            c.similarity.unwrap_or(usize::MAX),
            std::cmp::Reverse(c.published_at),
            std::cmp::Reverse(c.id.get()),
        )
    });
    let mut out: Vec<ArticleId> = Vec::with_capacity(limit);
    for c in listed {
        if out.len() == limit {
            break;
        }
        if !out.contains(&c.id) {
            out.push(c.id);
        }
    }
    out
}

fn in_common(c: &Candidate) -> bool {
    c.shared_tags > 0
        || c.same_section
        || (c.same_family && c.similarity.is_some_and(|r| r < CLOSE_TEXT))
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
    fn tags_then_section_then_recent_weeks_then_text() {
        let now = 1000 * DAY;
        let list = [
            // A sibling section, close in text.
            Candidate {
                similarity: Some(0),
                same_family: true,
                published_at: now,
                ..cand(1)
            },
            // The section, this week, far in text.
            Candidate {
                same_section: true,
                similarity: Some(5),
                published_at: now - DAY,
                ..cand(2)
            },
            // A shared tag, a year old.
            Candidate {
                shared_tags: 1,
                published_at: now - 400 * DAY,
                ..cand(3)
            },
            // The section, a month old, very close in text.
            Candidate {
                same_section: true,
                similarity: Some(0),
                published_at: now - 30 * DAY,
                ..cand(4)
            },
            // The section, this week, closer in text than 2.
            Candidate {
                same_section: true,
                similarity: Some(1),
                published_at: now - 2 * DAY,
                ..cand(7)
            },
            // Nothing in common: never listed, however close the text.
            Candidate {
                similarity: Some(0),
                published_at: now,
                ..cand(5)
            },
            // A sibling section, far in the text list.
            Candidate {
                same_family: true,
                similarity: Some(CLOSE_TEXT + 1),
                published_at: now,
                ..cand(6)
            },
        ];
        assert_eq!(
            related(now, &list, 10),
            [3, 7, 2, 4, 1].map(ArticleId).to_vec()
        );
        assert_eq!(related(now, &list, 2), [3, 7].map(ArticleId).to_vec());
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
