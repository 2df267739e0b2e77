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

/// "3 articles trouvés.", "1 vidéo trouvée.", "4 résultats trouvés : 3 articles et 1 vidéo."
fn count_label(q: &str, articles: usize, videos: usize) -> String {
    use crate::i18n::{t, t1, t3};
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

/// Pagination links keep every parameter but the page.
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
    let mut pagination = Pagination::new(&base, page, total as i64, PER_PAGE as i64);
    // Pagination::new writes `?page=`; the base already has a query.
    pagination.prev = pagination.prev.map(|h| h.replace("?page=", "&page="));
    pagination.next = pagination.next.map(|h| h.replace("?page=", "&page="));
    pagination
}

pub async fn show(
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Response, AppError> {
    let page = super::page_number(p.page.as_deref())?;
    let sections = state.store().sections().await?;
    let c = Criteria::of(&p, &sections);
    let out = outcome(&state, &c, page).await?;
    let count_label = count_label(&c.q, out.articles, out.videos);
    let pagination = pagination(&c, &p, page, out.total);
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
            message: out.message.or(c.message).map(|m| typeset(&m)),
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
    use super::count_label;
    use kiosque_domain::typography::typeset;

    #[test]
    fn the_count_names_what_was_found() {
        // As the page shows it: with the site's typography.
        let shown = |q: &str, a: usize, v: usize| typeset(&count_label(q, a, v));
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
