//! `/api/v1/search`: the site's search (`crate::search`) with the API's parameter names, its
//! 400 answers and its JSON.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use kiosque_search::{DocKind, SearchQuery};
use serde::Deserialize;
use utoipa::IntoParams;

use super::params::{date_param, limit, query, slug_param};
use super::schema::*;
use crate::config::SiteConfig;
use crate::error::ApiError;
use crate::search::{Hit, Item, MAX_QUERY_CHARS};
use crate::{AppError, AppState};

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub(super) struct SearchParams {
    /// The query: words, "a phrase", -excluded. French analysis (accents, plurals, elision).
    q: Option<String>,
    section: Option<String>,
    tag: Option<String>,
    author: Option<String>,
    since: Option<String>,
    until: Option<String>,
    /// `relevance` (default) or `date`.
    sort: Option<String>,
    /// What to find: `article` (default), `video`, or `all` (articles and videos in one list).
    /// Videos are matched on their titles; `section`, `tag` and `author` find articles only.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    kind: Option<String>,
    /// 1-based page number.
    #[param(value_type = Option<i64>)]
    page: Option<String>,
    /// Results per page, 1 to 100 (20 by default).
    #[param(value_type = Option<i64>)]
    limit: Option<String>,
}

/// Deep pages cost the index more and no client needs them.
const MAX_SEARCH_OFFSET: usize = 10_000;

fn bad_request(message: String) -> ApiError {
    ApiError(AppError::BadRequest(message))
}

fn page_param(raw: Option<&str>) -> Result<usize, ApiError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(1),
        Some(s) => s
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| bad_request("`page` must be a whole number from 1.".into())),
    }
}

/// `sort`: whether results come newest first rather than by relevance.
fn by_date_param(raw: Option<&str>) -> Result<bool, ApiError> {
    match raw.map(str::trim) {
        None | Some("") | Some("relevance") => Ok(false),
        Some("date") => Ok(true),
        Some(_) => Err(bad_request("`sort` must be `relevance` or `date`.".into())),
    }
}

/// `type`: articles by default; `all` is no restriction.
fn kind_param(raw: Option<&str>) -> Result<Option<DocKind>, ApiError> {
    match raw.map(str::trim) {
        None | Some("") | Some("article") => Ok(Some(DocKind::Article)),
        Some("video") => Ok(Some(DocKind::Video)),
        Some("all") => Ok(None),
        Some(_) => Err(bad_request(
            "`type` must be `article`, `video` or `all`.".into(),
        )),
    }
}

/// The index query the parameters ask for, and the page number; parameters are checked in
/// the order their errors have always been reported.
fn search_query(p: SearchParams) -> Result<(SearchQuery, usize), ApiError> {
    let limit = limit(p.limit.as_deref())? as usize;
    let page = page_param(p.page.as_deref())?;
    let offset = (page - 1).saturating_mul(limit);
    if offset > MAX_SEARCH_OFFSET {
        return Err(bad_request(format!(
            "Results past the first {MAX_SEARCH_OFFSET} are not served; narrow the query."
        )));
    }
    // No `q` is a search by filters only (checked below).
    let text = p.q.unwrap_or_default().trim().to_owned();
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(bad_request(format!(
            "`q` is too long: {MAX_QUERY_CHARS} characters at most."
        )));
    }
    let by_date = by_date_param(p.sort.as_deref())?;
    let kind = kind_param(p.kind.as_deref())?;
    let query = SearchQuery {
        text,
        section: slug_param(p.section),
        tag: slug_param(p.tag),
        author: slug_param(p.author),
        from: date_param("since", p.since.as_deref())?,
        // `until` is exclusive.
        to: date_param("until", p.until.as_deref())?.map(|t| t - 1),
        by_date,
        kind,
        offset,
        limit,
    };
    Ok((query, page))
}

fn search_hit(h: Hit, config: &SiteConfig) -> SearchHit {
    let (article, video) = match &h.item {
        Item::Article(c) => (Some(ArticleSummary::of(c, config)), None),
        Item::Video(v) => (None, Some(Video::of(v, config))),
    };
    SearchHit {
        kind: h.kind.as_str().to_owned(),
        article,
        video,
        snippet: h
            .snippet
            .into_iter()
            .map(|r| SnippetRun {
                text: r.text,
                highlighted: r.highlighted,
            })
            .collect(),
    }
}

/// Search published articles, and videos on request (`type`).
#[utoipa::path(
    get, path = "/api/v1/search", tag = "search",
    params(SearchParams),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Matching articles (or videos) with highlighted snippets", body = SearchResults),
        (status = 400, description = "The query is empty, too long, or a parameter is malformed", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn search(
    State(state): State<AppState>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Json<SearchResults>, ApiError> {
    let (query, page) = search_query(query(q)?)?;
    if crate::search::asks_nothing(&query) {
        return Err(bad_request(
            "Give a query `q` or at least one filter.".into(),
        ));
    }
    let per_page = query.limit;
    let Some(found) = crate::search::run(&state, query).await? else {
        return Err(ApiError(AppError::Internal(
            "search is not configured".into(),
        )));
    };
    Ok(Json(SearchResults {
        total: found.total,
        page,
        per_page,
        items: found
            .hits
            .into_iter()
            .map(|h| search_hit(h, state.config()))
            .collect(),
    }))
}
