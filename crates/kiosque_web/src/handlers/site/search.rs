//! `/recherche`: full-text search with filters, sorting, highlighted snippets and pagination.
//! Articles and videos come in one list; a video is labelled so ("Vidéo", "Video") and links to
//! its page.

use std::collections::HashSet;

use axum::extract::{Query, State};
use axum::response::Response;
use kiosque_domain::dates;
use kiosque_domain::typography::typeset;
use kiosque_search::SearchQuery;
use kiosque_store::{SectionRow, VideoCard};
use serde::Deserialize;

use crate::pages::{render_page, SearchPage, SearchResultView};
use crate::search::{Found, Item, MAX_QUERY_CHARS};
use crate::views::{self, CardView, Here, Pagination};
use crate::{AppError, AppState};

const PER_PAGE: usize = 10;
/// The deepest page served. Past it, the reader is asked to refine the search: no reader pages
/// through 500 results, and a deep page costs the index as much as every page before it.
pub(crate) const MAX_PAGES: usize = 50;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SearchParams {
    q: String,
    rubrique: String,
    tag: String,
    auteur: String,
    du: String,
    au: String,
    tri: String,
    page: Option<String>,
}

/// The form as the reader filled it, checked: what cannot be used is dropped, with a message.
struct Criteria {
    q: String,
    /// Only a section the site has.
    section: Option<String>,
    tag: Option<String>,
    author: Option<String>,
    from: Option<i64>,
    /// The last millisecond of the `au` day.
    to: Option<i64>,
    by_date: bool,
    too_long: bool,
    /// Why a date was ignored.
    message: Option<String>,
}

impl Criteria {
    fn of(p: &SearchParams, sections: &[SectionRow]) -> Criteria {
        let mut message = None;
        let from = crate::search::slug(&p.du).and_then(|d| {
            let v = crate::search::day_start(&d);
            if v.is_none() {
                message = Some(crate::i18n::t("site-search-bad-from"));
            }
            v
        });
        let to = crate::search::slug(&p.au).and_then(|d| {
            let v = crate::search::day_start(&d).map(|ms| ms + 86_400_000 - 1);
            if v.is_none() {
                message = Some(crate::i18n::t("site-search-bad-to"));
            }
            v
        });
        let q = p.q.trim().to_owned();
        Criteria {
            too_long: q.chars().count() > MAX_QUERY_CHARS,
            q,
            section: crate::search::slug(&p.rubrique)
                .filter(|s| sections.iter().any(|x| &x.slug == s)),
            tag: crate::search::slug(&p.tag),
            author: crate::search::slug(&p.auteur),
            from,
            to,
            by_date: p.tri == "date",
            message,
        }
    }

    fn query(&self, page: i64) -> SearchQuery {
        SearchQuery {
            text: self.q.clone(),
            section: self.section.clone(),
            tag: self.tag.clone(),
            author: self.author.clone(),
            from: self.from,
            to: self.to,
            by_date: self.by_date,
            // Articles and videos alike (tag and author filters find articles only).
            kind: None,
            offset: (page as usize - 1) * PER_PAGE,
            limit: PER_PAGE,
        }
    }
}

/// What the search gave the page.
#[derive(Default)]
struct Outcome {
    results: Vec<SearchResultView>,
    total: usize,
    articles: usize,
    videos: usize,
    /// The counts are estimates ("about 630,000 results").
    estimated: bool,
    searched: bool,
    /// Why nothing was searched; it replaces the criteria's message.
    message: Option<String>,
}

/// Runs the search the criteria ask for, if they ask for one and it can be run.
async fn outcome(state: &AppState, c: &Criteria, page: i64) -> Result<Outcome, AppError> {
    if c.too_long {
        return Ok(Outcome {
            message: Some(crate::i18n::t1(
                "site-search-too-long",
                "max",
                MAX_QUERY_CHARS,
            )),
            ..Outcome::default()
        });
    }
    let query = c.query(page);
    if crate::search::asks_nothing(&query) {
        return Ok(Outcome::default());
    }
    let Some(found) = crate::search::run(state, query).await? else {
        return Ok(Outcome {
            message: Some(crate::i18n::t("site-search-unavailable")),
            ..Outcome::default()
        });
    };
    let Found {
        total,
        articles,
        videos,
        estimated,
        hits,
    } = found;
    // The results' pictures in one read of the media library. Search pages are never cached
    // (their query string keeps them out), so the rows' cache keys are not needed.
    let articles_found = hits.iter().filter_map(|h| match &h.item {
        Item::Article(c) => Some(c),
        Item::Video(_) => None,
    });
    let figures = super::thumbs::figures(state, articles_found, Vec::new()).await?;
    // A document is listed once, even should the index return it twice.
    let mut seen = HashSet::new();
    let results = hits
        .into_iter()
        .filter_map(|h| {
            let card = match &h.item {
                Item::Article(c) => views::card(c, Some(&figures)),
                Item::Video(v) => video_card(v),
            };
            seen.insert((matches!(h.item, Item::Video(_)), card.id))
                .then(|| SearchResultView {
                    card,
                    snippet: h
                        .snippet
                        .into_iter()
                        .map(|r| (r.text, r.highlighted))
                        .collect(),
                })
        })
        .collect();
    Ok(Outcome {
        results,
        total,
        articles,
        videos,
        estimated,
        searched: true,
        message: None,
    })
}

/// A video as a search result: the kicker says "Vidéo" ("Video") and leads to the videos, the
/// title to the video's page (the template recognises a video by that link).
fn video_card(v: &VideoCard) -> CardView {
    CardView {
        id: v.id,
        comments: 0,
        href: v.path(),
        title: kiosque_domain::typography::headline(&v.title),
        standfirst: None,
        section_name: crate::i18n::t("site-video-label"),
        section_href: "/videos".to_owned(),
        date_label: crate::i18n::t1(
            "site-video-published",
            "day",
            &dates::paris_date(v.published_at),
        ),
        datetime: dates::iso(v.published_at),
        hero: None,
        live: false,
    }
}

/// "3 articles trouvés.", "1 vidéo trouvée.", "4 résultats trouvés : 3 articles et 1 vidéo.",
/// and for an estimate, rounded: "Environ 630 000 résultats."
fn count_label(q: &str, articles: usize, videos: usize, estimated: bool) -> String {
    use crate::i18n::{t, t1, t3};
    if estimated {
        return t1(
            "site-search-about",
            "count",
            &grouped(rounded(articles + videos)),
        );
    }
    match (articles, videos) {
        (0, 0) if q.is_empty() => t("site-search-none"),
        (0, 0) => t1("site-search-none-for", "q", q),
        (n, 0) => t1("site-search-found-articles", "count", n),
        (0, n) => t1("site-search-found-videos", "count", n),
        (a, v) => t3(
            "site-search-found-both",
            "total",
            a + v,
            "articles",
            &t1("site-search-articles", "count", a),
            "videos",
            &t1("site-search-videos", "count", v),
        ),
    }
}

/// An estimate to two significant digits: 634,512 is "about 630,000".
fn rounded(n: usize) -> usize {
    let mut unit = 1;
    while n / unit >= 100 {
        unit *= 10;
    }
    (n + unit / 2) / unit * unit
}

/// Thousands grouped as the site writes them: `630 000` (a narrow no-break space), `630,000`.
fn grouped(n: usize) -> String {
    let sep = if kiosque_i18n::current().french_typography() {
        '\u{202f}'
    } else {
        ','
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The page asked for: `Ok(None)` past [`MAX_PAGES`] (however far: the reader gets the same
/// page asking to refine the search), and the site's own answer (not found) to what is not a
/// page number.
fn page_asked(raw: Option<&str>) -> Result<Option<i64>, AppError> {
    if let Some(digits) = raw.filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())) {
        // Too long for a number is too deep all the same.
        if digits.parse::<u64>().map_or(true, |n| n > MAX_PAGES as u64) {
            return Ok(None);
        }
    }
    super::page_number(raw).map(Some)
}

/// Pagination links keep every parameter but the page, and never lead past [`MAX_PAGES`].
fn pagination(c: &Criteria, p: &SearchParams, page: i64, total: usize) -> Pagination {
    let mut base = format!("/recherche?q={}", crate::respond::encode_query(&c.q));
    for (k, v) in [
        ("rubrique", &c.section),
        ("tag", &c.tag),
        ("auteur", &c.author),
    ] {
        if let Some(v) = v {
            base.push_str(&format!("&{k}={}", crate::respond::encode_query(v)));
        }
    }
    for (k, v) in [("du", &p.du), ("au", &p.au)] {
        if !v.trim().is_empty() {
            base.push_str(&format!("&{k}={}", crate::respond::encode_query(v.trim())));
        }
    }
    if c.by_date {
        base.push_str("&tri=date");
    }
    let shown = total.min(MAX_PAGES * PER_PAGE);
    let mut pagination = Pagination::new(&base, page, shown as i64, PER_PAGE as i64);
    // Pagination::new writes `?page=`; the base already has a query.
    pagination.prev = pagination.prev.map(|h| h.replace("?page=", "&page="));
    pagination.next = pagination.next.map(|h| h.replace("?page=", "&page="));
    pagination
}

pub async fn show(
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Response, AppError> {
    let asked = page_asked(p.page.as_deref())?;
    let sections = state.store().sections().await?;
    let c = Criteria::of(&p, &sections);
    let (page, out) = match asked {
        Some(page) => (page, outcome(&state, &c, page).await?),
        // Too deep: nothing is searched, the reader is asked to refine.
        None => (
            1,
            Outcome {
                message: Some(crate::i18n::t1("site-search-too-deep", "max", MAX_PAGES)),
                ..Outcome::default()
            },
        ),
    };
    let count_label = count_label(&c.q, out.articles, out.videos, out.estimated);
    let pagination = pagination(&c, &p, page, out.total);
    // On the last page served, with more results beyond it: say why the pages stop.
    let deepest = page as usize == MAX_PAGES && out.total > MAX_PAGES * PER_PAGE;
    let message = out.message.or(c.message).or_else(|| {
        deepest.then(|| crate::i18n::t1("site-search-last-page", "count", MAX_PAGES * PER_PAGE))
    });
    let title = if c.q.is_empty() || c.too_long {
        crate::i18n::t("site-title-search")
    } else {
        crate::i18n::t1("site-title-search-for", "query", &c.q)
    };
    let layout = crate::layout::layout(&state, &title, None, None, Here::Elsewhere).await?;
    let sections = sections
        .iter()
        .map(|s| {
            let selected = Some(&s.slug) == c.section.as_ref();
            (s.slug.clone(), typeset(&s.name), selected)
        })
        .collect();
    render_page(
        &SearchPage {
            layout,
            q: if c.too_long { String::new() } else { c.q },
            sections,
            from: p.du.trim().chars().take(10).collect(),
            to: p.au.trim().chars().take(10).collect(),
            by_date: c.by_date,
            tag: c.tag,
            author: c.author,
            message: message.map(|m| typeset(&m)),
            searched: out.searched,
            count_label: typeset(&count_label),
            results: out.results,
            pagination,
        },
        // Search pages are not cached (their query string keeps them out); deps are for form.
        crate::cache::Deps::new([kiosque_domain::change::Key::Front]),
    )
}

#[cfg(test)]
mod tests {
    use super::{count_label, page_asked, rounded, MAX_PAGES};
    use kiosque_domain::typography::typeset;

    #[test]
    fn an_estimate_is_rounded_and_said_so() {
        assert_eq!(rounded(634_512), 630_000);
        assert_eq!(rounded(12_345), 12_000);
        assert_eq!(rounded(99), 99);
        assert_eq!(rounded(995), 1_000);
        assert_eq!(
            typeset(&count_label("gouvernement", 634_512, 0, true)),
            "Environ 630\u{202f}000 résultats."
        );
    }

    #[test]
    fn pages_past_the_deepest_ask_to_refine() {
        assert_eq!(page_asked(None).ok(), Some(Some(1)));
        assert_eq!(page_asked(Some("50")).ok(), Some(Some(50)));
        for deep in ["51", "100000", "100001", "99999999999999999999"] {
            assert_eq!(page_asked(Some(deep)).ok(), Some(None), "{deep}");
        }
        assert!(page_asked(Some("abc")).is_err());
        assert!(page_asked(Some("0")).is_err());
        assert_eq!(MAX_PAGES, 50);
    }

    #[test]
    fn the_count_names_what_was_found() {
        // As the page shows it: with the site's typography.
        let shown = |q: &str, a: usize, v: usize| typeset(&count_label(q, a, v, false));
        assert_eq!(shown("alep", 1, 0), "1 article trouvé.");
        assert_eq!(shown("alep", 3, 0), "3 articles trouvés.");
        assert_eq!(shown("louvre", 0, 1), "1 vidéo trouvée.");
        assert_eq!(shown("louvre", 0, 2), "2 vidéos trouvées.");
        assert_eq!(
            shown("louvre", 3, 1),
            "4 résultats trouvés\u{a0}: 3 articles et 1 vidéo."
        );
        assert!(shown("", 0, 0).starts_with("Aucun article ne correspond"));
        assert!(shown("zzz", 0, 0).starts_with("Aucun article ne correspond à «\u{a0}zzz\u{a0}»"));
    }
}
