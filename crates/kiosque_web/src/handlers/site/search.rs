//! `/recherche`: full-text search with filters, sorting, highlighted snippets and pagination.
//! Articles and videos come in one list; a video is labelled so ("Vidéo") and links to its page.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::Response;
use kiosque_domain::dates;
use kiosque_domain::typography::french;
use kiosque_search::DocKind;
use kiosque_store::VideoCard;
use serde::Deserialize;

use crate::pages::{render_page, SearchPage, SearchResultView};
use crate::views::{self, CardView, Here, Pagination};
use crate::{AppError, AppState};

const PER_PAGE: usize = 10;
/// Longer queries are refused with a message: no reader types more, and it bounds the work.
const MAX_QUERY_CHARS: usize = 500;

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

fn day_start(s: &str) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()?;
    Some(kiosque_domain::dates::paris_millis(
        d,
        chrono::NaiveTime::from_hms_opt(0, 0, 0),
    ))
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// A video as a search result: the kicker says "Vidéo" and leads to the videos, the title to
/// the video's page (the template recognises a video by that link).
fn video_card(v: &VideoCard) -> CardView {
    CardView {
        id: v.id,
        comments: 0,
        href: v.path(),
        title: french(&v.title),
        standfirst: None,
        section_name: "Vidéo".to_owned(),
        section_href: "/videos".to_owned(),
        date_label: format!("Publiée le {}", dates::paris_date(v.published_at)),
        datetime: dates::iso(v.published_at),
        hero: None,
    }
}

/// "3 articles trouvés.", "1 vidéo trouvée.", "4 résultats trouvés : 3 articles et 1 vidéo."
fn count_label(q: &str, articles: usize, videos: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    match (articles, videos) {
        (0, 0) if q.is_empty() => "Aucun article ne correspond à ces critères.".to_owned(),
        (0, 0) => format!(
            "Aucun article ne correspond à « {q} ». Vérifiez l’orthographe, ou essayez des mots \
             plus généraux ou moins nombreux."
        ),
        (n, 0) => format!("{}.", plural(n, "article trouvé", "articles trouvés")),
        (0, n) => format!("{}.", plural(n, "vidéo trouvée", "vidéos trouvées")),
        (a, v) => format!(
            "{} résultats trouvés : {} et {}.",
            a + v,
            plural(a, "article", "articles"),
            plural(v, "vidéo", "vidéos")
        ),
    }
}

pub async fn show(
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Response, AppError> {
    let page = super::page_number(p.page.as_deref())?;
    let sections = state.store().sections().await?;
    let by_date = p.tri == "date";
    let section = non_empty(&p.rubrique).filter(|s| sections.iter().any(|x| &x.slug == s));
    let tag = non_empty(&p.tag);
    let author = non_empty(&p.auteur);
    let mut message = None;
    let from = non_empty(&p.du).and_then(|d| {
        let v = day_start(&d);
        if v.is_none() {
            message = Some("La date de début n’est pas valide : elle est ignorée.".to_owned());
        }
        v
    });
    let to = non_empty(&p.au).and_then(|d| {
        let v = day_start(&d).map(|ms| ms + 86_400_000 - 1);
        if v.is_none() {
            message = Some("La date de fin n’est pas valide : elle est ignorée.".to_owned());
        }
        v
    });
    let q = p.q.trim().to_owned();
    let too_long = q.chars().count() > MAX_QUERY_CHARS;
    let wants = !q.is_empty()
        || section.is_some()
        || tag.is_some()
        || author.is_some()
        || from.is_some()
        || to.is_some();
    let mut results = Vec::new();
    let mut total = 0;
    let (mut articles, mut videos) = (0, 0);
    let mut searched = false;
    if too_long {
        message = Some(format!(
            "Votre recherche est trop longue : {MAX_QUERY_CHARS} caractères au plus."
        ));
    } else if wants {
        match state.search() {
            None => message = Some("La recherche n’est pas disponible sur ce site.".to_owned()),
            Some(index) => {
                searched = true;
                let query = kiosque_search::SearchQuery {
                    text: q.clone(),
                    section: section.clone(),
                    tag: tag.clone(),
                    author: author.clone(),
                    from,
                    to,
                    by_date,
                    // Articles and videos alike (tag and author filters find articles only).
                    kind: None,
                    offset: (page as usize - 1) * PER_PAGE,
                    limit: PER_PAGE,
                };
                let index = index.clone();
                let found = tokio::task::spawn_blocking(move || index.search(&query))
                    .await
                    .map_err(|e| AppError::Internal(e.to_string()))?
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                total = found.total;
                articles = found.articles;
                videos = found.videos;
                let ids_of = |kind: DocKind| -> Vec<i64> {
                    found
                        .hits
                        .iter()
                        .filter(|h| h.kind == kind)
                        .filter_map(|h| i64::try_from(h.id).ok())
                        .collect()
                };
                let mut article_cards: HashMap<i64, CardView> = state
                    .store()
                    .article_cards(&ids_of(DocKind::Article))
                    .await?
                    .iter()
                    .map(|c| (c.id, views::card(c, None)))
                    .collect();
                let mut video_cards: HashMap<i64, CardView> = HashMap::new();
                for id in ids_of(DocKind::Video) {
                    if let Some(v) = state.store().video(id).await? {
                        video_cards.insert(id, video_card(&v));
                    }
                }
                // In the index's order; a hit the database no longer has is left out.
                results = found
                    .hits
                    .into_iter()
                    .filter_map(|h| {
                        let id = i64::try_from(h.id).ok()?;
                        let card = match h.kind {
                            DocKind::Article => article_cards.remove(&id),
                            DocKind::Video => video_cards.remove(&id),
                        }?;
                        Some(SearchResultView {
                            card,
                            snippet: h
                                .snippet
                                .into_iter()
                                .map(|r| (r.text, r.highlighted))
                                .collect(),
                        })
                    })
                    .collect();
            }
        }
    }
    let count_label = count_label(&q, articles, videos);
    // Pagination links keep every parameter but the page.
    let mut base = format!("/recherche?q={}", crate::respond::encode_query(&q));
    for (k, v) in [("rubrique", &section), ("tag", &tag), ("auteur", &author)] {
        if let Some(v) = v {
            base.push_str(&format!("&{k}={}", crate::respond::encode_query(v)));
        }
    }
    for (k, v) in [("du", &p.du), ("au", &p.au)] {
        if !v.trim().is_empty() {
            base.push_str(&format!("&{k}={}", crate::respond::encode_query(v.trim())));
        }
    }
    if by_date {
        base.push_str("&tri=date");
    }
    let mut pagination = Pagination::new(&base, page, total as i64, PER_PAGE as i64);
    // Pagination::new writes `?page=`; the base already has a query.
    pagination.prev = pagination.prev.map(|h| h.replace("?page=", "&page="));
    pagination.next = pagination.next.map(|h| h.replace("?page=", "&page="));
    let layout = crate::layout::layout(
        &state,
        &if q.is_empty() || too_long {
            "Recherche — Kiosque".to_owned()
        } else {
            format!("{q} — Recherche — Kiosque")
        },
        None,
        None,
        Here::Elsewhere,
    )
    .await?;
    render_page(
        &SearchPage {
            layout,
            q: if too_long { String::new() } else { q.clone() },
            sections: sections
                .iter()
                .map(|s| {
                    (
                        s.slug.clone(),
                        french(&s.name),
                        Some(&s.slug) == section.as_ref(),
                    )
                })
                .collect(),
            from: p.du.trim().chars().take(10).collect(),
            to: p.au.trim().chars().take(10).collect(),
            by_date,
            tag,
            author,
            message: message.map(|m| french(&m)),
            searched,
            count_label: french(&count_label),
            results,
            pagination,
        },
        // Search pages are not cached (their query string keeps them out); deps are for form.
        crate::cache::Deps::new([kiosque_domain::change::Key::Front]),
    )
}

#[cfg(test)]
mod tests {
    use super::count_label;

    #[test]
    fn the_count_names_what_was_found() {
        assert_eq!(count_label("alep", 1, 0), "1 article trouvé.");
        assert_eq!(count_label("alep", 3, 0), "3 articles trouvés.");
        assert_eq!(count_label("louvre", 0, 1), "1 vidéo trouvée.");
        assert_eq!(count_label("louvre", 0, 2), "2 vidéos trouvées.");
        assert_eq!(
            count_label("louvre", 3, 1),
            "4 résultats trouvés : 3 articles et 1 vidéo."
        );
        assert!(count_label("", 0, 0).starts_with("Aucun article ne correspond"));
        assert!(count_label("zzz", 0, 0).starts_with("Aucun article ne correspond à « zzz »"));
    }
}
