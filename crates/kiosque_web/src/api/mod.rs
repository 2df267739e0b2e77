//! The read-only content API under `/api/v1`, for apps and partners.
//!
//! Every route is declared with `#[utoipa::path]` and registered through `routes!`, which puts
//! it in the OpenAPI document and in the router at once: a route cannot be served without being
//! documented. `tests::every_api_route_is_documented` guards against a hand-added `.route`.

mod schema;

use std::sync::OnceLock;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use kiosque_store::{ArticleFilter, Cursor};
use serde::Deserialize;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::{AppError, AppState};
use schema::*;

/// Where the API lives; its paths below are absolute so the document reads as served.
pub const PREFIX: &str = "/api/v1";
const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 100;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kiosque content API",
        version = "1",
        description = "Read-only access to what Kiosque publishes: articles (with their body as \
                       structured blocks), sections, tags, authors, videos and search. Send an \
                       API key created in the back office (`/admin/api`) as \
                       `Authorization: Bearer <key>`. Lists are newest first and paginated with \
                       an opaque `cursor`: pass a page's `next_cursor` to get the next one. \
                       Errors are `{\"error\": {\"code\", \"message\"}}`; too many requests get \
                       429 with `Retry-After`."
    ),
    modifiers(&BearerKey),
    tags(
        (name = "articles", description = "Published articles"),
        (name = "taxonomy", description = "Sections, tags and authors"),
        (name = "videos", description = "Videos"),
        (name = "search", description = "French full-text search"),
        (name = "meta", description = "This document"),
    )
)]
struct ApiDoc;

struct BearerKey;

impl Modify for BearerKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The API's routes and their OpenAPI document, built from the same declarations.
fn build() -> (Router<AppState>, Router<AppState>, utoipa::openapi::OpenApi) {
    let (protected, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list_articles))
        .routes(routes!(get_article))
        .routes(routes!(list_sections))
        .routes(routes!(list_tags))
        .routes(routes!(list_authors))
        .routes(routes!(list_videos))
        .routes(routes!(get_video))
        .routes(routes!(search))
        .split_for_parts();
    let (public, public_doc) = OpenApiRouter::new()
        .routes(routes!(openapi_json))
        .split_for_parts();
    doc.merge(public_doc);
    (protected, public, doc)
}

/// The OpenAPI 3 document of the API.
pub fn document() -> utoipa::openapi::OpenApi {
    build().2
}

/// The API router: every route but the document itself needs a key.
pub fn router(state: &AppState) -> Router<AppState> {
    let (protected, public, _) = build();
    protected
        .route_layer(middleware::from_fn_with_state(state.clone(), require_key))
        .merge(public)
}

/// Checks the bearer key, counts the request against the key's quota, and notes its use.
async fn require_key(
    State(state): State<AppState>,
    crate::extract::ClientIp(ip): crate::extract::ClientIp,
    req: Request,
    next: Next,
) -> Response {
    // A refused key counts against the address: guessing keys, or a broken client looping,
    // gets 429 after a while instead of a database lookup per request for ever.
    let refuse = |state: &AppState| match state.limits().check_api_bad_key(ip) {
        Ok(()) => ApiError(AppError::Unauthorized).into_response(),
        Err(e) => ApiError::from(e).into_response(),
    };
    let key = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200);
    let Some(key) = key else {
        return refuse(&state);
    };
    let id = match state
        .store()
        .api_key_id(&crate::auth::hash_secret(key))
        .await
    {
        Ok(Some(id)) => id,
        Ok(None) => return refuse(&state),
        Err(e) => return ApiError::from(e).into_response(),
    };
    if let Err(e) = state.limits().check_api(id) {
        return ApiError::from(e).into_response();
    }
    state.note_api_key_use(id);
    let mut res = next.run(req).await;
    // Answers depend on the key (and may be refused to another): no shared caches.
    res.headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("private, max-age=0"));
    res
}

/// A new API key: what is shown once to the admin, and what is stored (hash, prefix).
pub fn new_key() -> (String, String, String) {
    let key = format!("kq_{}", crate::auth::random_token());
    let hash = crate::auth::hash_secret(&key);
    let prefix = key.chars().take(11).collect();
    (key, hash, prefix)
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError(AppError::BadRequest(e.body_text())))
}

fn id_param(p: Result<Path<String>, PathRejection>) -> Result<i64, ApiError> {
    p.ok()
        .and_then(|Path(s)| s.parse::<i64>().ok())
        .filter(|id| *id > 0)
        .ok_or(ApiError(AppError::NotFound))
}

fn limit(raw: Option<&str>) -> Result<i64, ApiError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(DEFAULT_LIMIT),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                ApiError(AppError::BadRequest(format!(
                    "`limit` must be a whole number from 1 to {MAX_LIMIT}."
                )))
            }),
    }
}

fn bad_cursor() -> ApiError {
    ApiError(AppError::BadRequest(
        "`cursor` is not one this API gave: pass a page's `next_cursor` unchanged.".into(),
    ))
}

/// Cursors are `<published ms>_<id>`, but clients must treat them as opaque.
fn parse_cursor(raw: Option<&str>) -> Result<Option<Cursor>, ApiError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let (at, id) = raw.split_once('_').ok_or_else(bad_cursor)?;
    Ok(Some(Cursor {
        at: at.parse().map_err(|_| bad_cursor())?,
        id: id.parse().map_err(|_| bad_cursor())?,
    }))
}

fn cursor_string(c: Cursor) -> String {
    format!("{}_{}", c.at, c.id)
}

fn id_cursor(raw: Option<&str>) -> Result<i64, ApiError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(0),
        Some(s) => s.parse::<i64>().map_err(|_| bad_cursor()),
    }
}

/// A date filter: RFC 3339 (`2016-12-23T10:00:00Z`) or a day (`2016-12-23`, from midnight in
/// Paris).
fn date_param(name: &str, raw: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Ok(Some(d.timestamp_millis()));
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Ok(Some(kiosque_domain::dates::paris_millis(
            d,
            chrono::NaiveTime::from_hms_opt(0, 0, 0),
        )));
    }
    Err(ApiError(AppError::BadRequest(format!(
        "`{name}` must be a date (2016-12-23) or an RFC 3339 time (2016-12-23T10:00:00Z)."
    ))))
}

fn slug_param(raw: Option<String>) -> Option<String> {
    raw.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
struct ArticleParams {
    /// Section slug; articles of its child sections are included.
    section: Option<String>,
    /// Tag slug.
    tag: Option<String>,
    /// Author slug.
    author: Option<String>,
    /// Published at or after: a day (`2016-12-23`, Paris time) or an RFC 3339 time.
    since: Option<String>,
    /// Published before: a day or an RFC 3339 time.
    until: Option<String>,
    /// A page's `next_cursor`, to get the next page.
    cursor: Option<String>,
    /// Articles per page, 1 to 100 (20 by default).
    #[param(value_type = Option<i64>)]
    limit: Option<String>,
}

/// List published articles, newest first.
#[utoipa::path(
    get, path = "/api/v1/articles", tag = "articles",
    params(ArticleParams),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "A page of articles", body = ArticleList),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
async fn list_articles(
    State(state): State<AppState>,
    q: Result<Query<ArticleParams>, QueryRejection>,
) -> Result<Json<ArticleList>, ApiError> {
    let p = query(q)?;
    let limit = limit(p.limit.as_deref())?;
    let filter = ArticleFilter {
        section: slug_param(p.section),
        tag: slug_param(p.tag),
        author: slug_param(p.author),
        since: date_param("since", p.since.as_deref())?,
        until: date_param("until", p.until.as_deref())?,
    };
    let page = state
        .store()
        .article_page(&filter, parse_cursor(p.cursor.as_deref())?, limit)
        .await?;
    Ok(Json(ArticleList {
        items: page
            .items
            .iter()
            .map(|c| ArticleSummary::of(c, state.config()))
            .collect(),
        next_cursor: page.next.map(cursor_string),
    }))
}

/// One published article, with its body as structured blocks.
#[utoipa::path(
    get, path = "/api/v1/articles/{id}", tag = "articles",
    params(("id" = i64, Path, description = "The article's id (the number in its URL)")),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The article", body = Article),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 404, description = "No published article with this id", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
async fn get_article(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Article>, ApiError> {
    let id = id_param(id)?;
    let article = state
        .store()
        .article(id)
        .await?
        .filter(|a| a.status == kiosque_domain::ArticleStatus::Published)
        .ok_or(ApiError(AppError::NotFound))?;
    Ok(Json(Article::of(&article, state.config())))
}

/// Every section, in navigation order, with its parent.
#[utoipa::path(
    get, path = "/api/v1/sections", tag = "taxonomy",
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The sections", body = SectionList),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
async fn list_sections(State(state): State<AppState>) -> Result<Json<SectionList>, ApiError> {
    let all = state.store().sections().await?;
    Ok(Json(SectionList {
        items: all
            .iter()
            .map(|s| Section::of(s, &all, state.config()))
            .collect(),
    }))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
struct PageParams {
    /// A page's `next_cursor`, to get the next page.
    cursor: Option<String>,
    /// Items per page, 1 to 100 (20 by default).
    #[param(value_type = Option<i64>)]
    limit: Option<String>,
}

async fn terms(
    state: &AppState,
    p: PageParams,
    prefix: &str,
    authors: bool,
) -> Result<TermList, ApiError> {
    let limit = limit(p.limit.as_deref())?;
    let after = id_cursor(p.cursor.as_deref())?;
    let mut rows = if authors {
        state.store().author_list(after, limit + 1).await?
    } else {
        state.store().tag_list(after, limit + 1).await?
    };
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    Ok(TermList {
        next_cursor: more
            .then(|| rows.last().map(|r| r.id.to_string()))
            .flatten(),
        items: rows
            .iter()
            .map(|r| Term::of(r, prefix, state.config()))
            .collect(),
    })
}

/// Tags, in creation order, with their article counts.
#[utoipa::path(
    get, path = "/api/v1/tags", tag = "taxonomy",
    params(PageParams),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "A page of tags", body = TermList),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
async fn list_tags(
    State(state): State<AppState>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<TermList>, ApiError> {
    Ok(Json(terms(&state, query(q)?, "/tag", false).await?))
}

/// Authors, in creation order, with their biography and article counts.
#[utoipa::path(
    get, path = "/api/v1/authors", tag = "taxonomy",
    params(PageParams),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "A page of authors", body = TermList),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
async fn list_authors(
    State(state): State<AppState>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<TermList>, ApiError> {
    Ok(Json(terms(&state, query(q)?, "/auteur", true).await?))
}

/// Videos, newest first.
#[utoipa::path(
    get, path = "/api/v1/videos", tag = "videos",
    params(PageParams),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "A page of videos", body = VideoList),
        (status = 400, description = "A parameter is malformed", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
async fn list_videos(
    State(state): State<AppState>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<VideoList>, ApiError> {
    let p = query(q)?;
    let limit = limit(p.limit.as_deref())?;
    let page = state
        .store()
        .video_page(parse_cursor(p.cursor.as_deref())?, limit)
        .await?;
    Ok(Json(VideoList {
        items: page
            .items
            .iter()
            .map(|v| Video::of(v, state.config()))
            .collect(),
        next_cursor: page.next.map(cursor_string),
    }))
}

/// One video.
#[utoipa::path(
    get, path = "/api/v1/videos/{id}", tag = "videos",
    params(("id" = i64, Path, description = "The video's id")),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The video", body = Video),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 404, description = "No video with this id", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
async fn get_video(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Video>, ApiError> {
    let id = id_param(id)?;
    let video = state
        .store()
        .video(id)
        .await?
        .ok_or(ApiError(AppError::NotFound))?;
    Ok(Json(Video::of(&video, state.config())))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
struct SearchParams {
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

const MAX_QUERY_CHARS: usize = 500;
/// Deep pages cost the index more and no client needs them.
const MAX_SEARCH_OFFSET: usize = 10_000;

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
async fn search(
    State(state): State<AppState>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Json<SearchResults>, ApiError> {
    let p = query(q)?;
    let limit = limit(p.limit.as_deref())? as usize;
    let page = match p.page.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => 1,
        Some(s) => s.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
            ApiError(AppError::BadRequest(
                "`page` must be a whole number from 1.".into(),
            ))
        })?,
    };
    let offset = (page - 1).saturating_mul(limit);
    if offset > MAX_SEARCH_OFFSET {
        return Err(ApiError(AppError::BadRequest(format!(
            "Results past the first {MAX_SEARCH_OFFSET} are not served; narrow the query."
        ))));
    }
    let text = p.q.unwrap_or_default().trim().to_owned();
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError(AppError::BadRequest(format!(
            "`q` is too long: {MAX_QUERY_CHARS} characters at most."
        ))));
    }
    let by_date = match p.sort.as_deref().map(str::trim) {
        None | Some("") | Some("relevance") => false,
        Some("date") => true,
        Some(_) => {
            return Err(ApiError(AppError::BadRequest(
                "`sort` must be `relevance` or `date`.".into(),
            )))
        }
    };
    let kind = match p.kind.as_deref().map(str::trim) {
        None | Some("") | Some("article") => Some(kiosque_search::DocKind::Article),
        Some("video") => Some(kiosque_search::DocKind::Video),
        Some("all") => None,
        Some(_) => {
            return Err(ApiError(AppError::BadRequest(
                "`type` must be `article`, `video` or `all`.".into(),
            )))
        }
    };
    let query = kiosque_search::SearchQuery {
        text,
        section: slug_param(p.section),
        tag: slug_param(p.tag),
        author: slug_param(p.author),
        from: date_param("since", p.since.as_deref())?,
        to: date_param("until", p.until.as_deref())?.map(|t| t - 1),
        by_date,
        kind,
        offset,
        limit,
    };
    if query.text.is_empty()
        && query.section.is_none()
        && query.tag.is_none()
        && query.author.is_none()
        && query.from.is_none()
        && query.to.is_none()
    {
        return Err(ApiError(AppError::BadRequest(
            "Give a query `q` or at least one filter.".into(),
        )));
    }
    let Some(index) = state.search().cloned() else {
        return Err(ApiError(AppError::Internal(
            "search is not configured".into(),
        )));
    };
    let found = tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let article_ids: Vec<i64> = found
        .hits
        .iter()
        .filter(|h| h.kind == kiosque_search::DocKind::Article)
        .filter_map(|h| i64::try_from(h.id).ok())
        .collect();
    let cards = state.store().article_cards(&article_ids).await?;
    let mut videos = Vec::new();
    for h in &found.hits {
        if let (kiosque_search::DocKind::Video, Ok(id)) = (h.kind, i64::try_from(h.id)) {
            if let Some(v) = state.store().video(id).await? {
                videos.push(v);
            }
        }
    }
    let items = found
        .hits
        .into_iter()
        .filter_map(|h| {
            let id = i64::try_from(h.id).ok()?;
            let (article, video) = match h.kind {
                kiosque_search::DocKind::Article => (
                    Some(ArticleSummary::of(
                        cards.iter().find(|c| c.id == id)?,
                        state.config(),
                    )),
                    None,
                ),
                kiosque_search::DocKind::Video => (
                    None,
                    Some(Video::of(
                        videos.iter().find(|v| v.id == id)?,
                        state.config(),
                    )),
                ),
            };
            Some(SearchHit {
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
            })
        })
        .collect();
    Ok(Json(SearchResults {
        total: found.total,
        page,
        per_page: limit,
        items,
    }))
}

/// This document (OpenAPI 3). Needs no key.
#[utoipa::path(
    get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json"))
)]
async fn openapi_json() -> Response {
    static JSON: OnceLock<String> = OnceLock::new();
    let body = JSON.get_or_init(|| document().to_pretty_json().unwrap_or_default());
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body.as_str(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documented() -> Vec<String> {
        document().paths.paths.keys().cloned().collect()
    }

    /// Routes registered with `routes!` are documented by construction; this catches a route
    /// added to the web crate by hand under the API's prefix, which would not be.
    #[test]
    fn every_api_route_is_documented() {
        let docs = documented();
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut stack = vec![std::path::PathBuf::from(src)];
        let mut seen = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable") {
                let path = entry.expect("dir entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("source is utf-8");
                for (i, _) in text.match_indices("\"/api/") {
                    let lit: String = text[i + 1..].chars().take_while(|c| *c != '"').collect();
                    let line = text[..i].lines().last().unwrap_or_default();
                    if line.contains(".route(") || line.contains(".nest(") {
                        panic!("{}: `{lit}` is routed by hand; declare it with #[utoipa::path] and routes!", path.display());
                    }
                    if line.contains("path = ") {
                        seen += 1;
                        assert!(docs.contains(&lit), "{lit} is not in the OpenAPI document");
                    }
                }
            }
        }
        assert_eq!(seen, docs.len(), "every documented path is declared once");
        assert!(docs.len() >= 9, "{docs:?}");
    }

    #[test]
    fn the_document_is_openapi_3_with_the_bearer_scheme() {
        let json: serde_json::Value =
            serde_json::from_str(&document().to_json().expect("serialises")).expect("json");
        assert!(json["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.")));
        assert_eq!(
            json["components"]["securitySchemes"]["api_key"]["scheme"],
            "bearer"
        );
        // Body blocks are documented as a tagged union, not as HTML.
        let block = &json["components"]["schemas"]["BodyBlock"];
        assert!(
            block["oneOf"].as_array().is_some_and(|v| v.len() == 8),
            "{block}"
        );
    }

    #[test]
    fn cursors_round_trip_and_junk_is_refused() {
        let c = Cursor {
            at: 1_482_451_200_000,
            id: 42,
        };
        assert_eq!(parse_cursor(Some(&cursor_string(c))).ok(), Some(Some(c)));
        assert!(parse_cursor(Some("abc")).is_err());
        assert!(parse_cursor(Some("1_x")).is_err());
        assert_eq!(parse_cursor(Some("")).ok(), Some(None));
        assert!(limit(Some("0")).is_err());
        assert!(limit(Some("101")).is_err());
        assert_eq!(limit(None).ok(), Some(DEFAULT_LIMIT));
        assert!(date_param("since", Some("2016-13-45")).is_err());
        assert!(date_param("since", Some("2016-12-23")).is_ok_and(|d| d.is_some()));
    }
}
