//! `/api/v1/search`: the site's search (`crate::search`) with the API's parameter names, its
//! 400 answers and its JSON.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use kiosque_search::{DocKind, SearchQuery};
use serde::Deserialize;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{IntoParams, PartialSchema, ToSchema};

use super::params::{
    date_param, integer, limit, one_of, one_of_schema, page, query, slug_param, DateOrTime, Limit,
};
use super::schema::*;
use crate::config::SiteConfig;
use crate::error::ApiError;
use crate::search::{Hit, Item, MAX_QUERY_CHARS};
use crate::{AppError, AppState};

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub(super) struct SearchParams {
    /// The query: words, "a phrase", -excluded. French analysis (accents, plurals, elision).
    /// May be left out when a filter is given.
    #[param(value_type = Option<QueryParam>, inline)]
    q: Option<String>,
    /// Section slug; articles of its child sections are included.
    section: Option<String>,
    /// Tag slug.
    tag: Option<String>,
    /// Author slug.
    author: Option<String>,
    /// Published at or after: a day (`2016-12-23`, from midnight in Paris) or an RFC 3339 time.
    #[param(value_type = Option<DateOrTime>, inline)]
    since: Option<String>,
    /// Published before: a day (from midnight in Paris) or an RFC 3339 time.
    #[param(value_type = Option<DateOrTime>, inline)]
    until: Option<String>,
    /// `relevance` or `date` (newest first).
    #[param(value_type = Option<SortParam>, inline)]
    sort: Option<String>,
    /// What to find: `article`, `video`, or `all` (articles and videos in one list).
    /// Videos are matched on their titles; `section`, `tag` and `author` find articles only.
    #[serde(rename = "type")]
    #[param(rename = "type", value_type = Option<KindParam>, inline)]
    kind: Option<String>,
    /// 1-based page number; `(page - 1) * limit` may not pass 10,000.
    #[param(value_type = Option<PageParam>, inline)]
    page: Option<String>,
    /// Results per page, 1 to 100 (20 by default).
    #[param(value_type = Option<Limit>, inline)]
    limit: Option<String>,
}

/// Deep pages cost the index more and no client needs them.
const MAX_SEARCH_OFFSET: i64 = 10_000;
/// The last page there can be, with one result per page.
const MAX_PAGE: i64 = MAX_SEARCH_OFFSET + 1;
const SORTS: &[&str] = &["relevance", "date"];
const KINDS: &[&str] = &["article", "video", "all"];

// The schemas of the parameters (see `params`).
struct QueryParam;

impl PartialSchema for QueryParam {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(MAX_QUERY_CHARS))
            .into()
    }
}

impl ToSchema for QueryParam {}

struct SortParam;

impl PartialSchema for SortParam {
    fn schema() -> RefOr<Schema> {
        one_of_schema(SORTS)
    }
}

impl ToSchema for SortParam {}

struct KindParam;

impl PartialSchema for KindParam {
    fn schema() -> RefOr<Schema> {
        one_of_schema(KINDS)
    }
}

impl ToSchema for KindParam {}

struct PageParam;

impl PartialSchema for PageParam {
    fn schema() -> RefOr<Schema> {
        integer(1, MAX_PAGE, 1)
    }
}

impl ToSchema for PageParam {}

fn bad_request(message: String) -> ApiError {
    ApiError(AppError::BadRequest(message))
}

/// The index query the parameters ask for, and the page number; parameters are checked in
/// the order their errors have always been reported.
fn search_query(p: SearchParams) -> Result<(SearchQuery, usize), ApiError> {
    let limit = limit(p.limit.as_deref())?;
    let page = page(p.page.as_deref(), MAX_PAGE)?;
    let offset = (page - 1).saturating_mul(limit);
    if offset > MAX_SEARCH_OFFSET {
        return Err(bad_request(format!(
            "Results past the first {MAX_SEARCH_OFFSET} are not served; narrow the query."
        )));
    }
    // No `q` is a search by filters only (checked below). Its bound is the document's
    // `maxLength`, on the value as sent.
    let raw = p.q.unwrap_or_default();
    if raw.chars().count() > MAX_QUERY_CHARS {
        return Err(bad_request(format!(
            "`q` is too long: {MAX_QUERY_CHARS} characters at most."
        )));
    }
    let text = raw.trim().to_owned();
    let by_date = one_of("sort", p.sort.as_deref(), SORTS)? == "date";
    let kind = match one_of("type", p.kind.as_deref(), KINDS)? {
        "video" => Some(DocKind::Video),
        "all" => None,
        _ => Some(DocKind::Article),
    };
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
        // Both are bounded above (10,000 and 100), and not negative.
        offset: offset as usize,
        limit: limit as usize,
    };
    Ok((query, page as usize))
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
    security(("api_key" = ["content:read"])),
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
