//! `/recherche`: full-text search with filters, sorting, highlighted snippets and pagination.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::Response;
use kiosque_domain::typography::french;
use serde::Deserialize;

use crate::pages::{render_page, SearchPage, SearchResultView};
use crate::views::{self, Here, Pagination};
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
                    offset: (page as usize - 1) * PER_PAGE,
                    limit: PER_PAGE,
                };
                let index = index.clone();
                let found = tokio::task::spawn_blocking(move || index.search(&query))
                    .await
                    .map_err(|e| AppError::Internal(e.to_string()))?
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                total = found.total;
                let ids: Vec<i64> = found
                    .hits
                    .iter()
                    .filter_map(|h| i64::try_from(h.id).ok())
                    .collect();
                let snippets: HashMap<i64, Vec<(String, bool)>> = found
                    .hits
                    .into_iter()
                    .filter_map(|h| {
                        Some((
                            i64::try_from(h.id).ok()?,
                            h.snippet
                                .into_iter()
                                .map(|r| (r.text, r.highlighted))
                                .collect(),
                        ))
                    })
                    .collect();
                results = state
                    .store()
                    .article_cards(&ids)
                    .await?
                    .iter()
                    .map(|c| SearchResultView {
                        card: views::card(c, None),
                        snippet: snippets.get(&c.id).cloned().unwrap_or_default(),
                    })
                    .collect();
            }
        }
    }
    let count_label = match total {
        0 if q.is_empty() => "Aucun article ne correspond à ces critères.".to_owned(),
        0 => format!(
            "Aucun article ne correspond à « {q} ». Vérifiez l’orthographe, ou essayez des mots \
             plus généraux ou moins nombreux."
        ),
        1 => "1 article trouvé.".to_owned(),
        n => format!("{n} articles trouvés."),
    };
    // Pagination links keep every parameter but the page.
    let mut base = format!(
        "/recherche?q={}",
        crate::handlers::account::encode_query(&q)
    );
    for (k, v) in [("rubrique", &section), ("tag", &tag), ("auteur", &author)] {
        if let Some(v) = v {
            base.push_str(&format!(
                "&{k}={}",
                crate::handlers::account::encode_query(v)
            ));
        }
    }
    for (k, v) in [("du", &p.du), ("au", &p.au)] {
        if !v.trim().is_empty() {
            base.push_str(&format!(
                "&{k}={}",
                crate::handlers::account::encode_query(v.trim())
            ));
        }
    }
    if by_date {
        base.push_str("&tri=date");
    }
    let mut pagination = Pagination::new(&base, page, total as i64, PER_PAGE as i64);
    // Pagination::new writes `?page=`; the base already has a query.
    pagination.prev = pagination.prev.map(|h| h.replace("?page=", "&page="));
    pagination.next = pagination.next.map(|h| h.replace("?page=", "&page="));
    let layout = super::layout(
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
        crate::cache::Deps::new(["front"]),
    )
}
