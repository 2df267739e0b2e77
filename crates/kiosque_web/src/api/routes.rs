//! The API's router and its OpenAPI document, built from the same declarations.

use std::sync::OnceLock;

use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::Router;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{articles, auth, search, taxonomy, videos};
use super::{write_articles, write_comments, write_live, write_media};
use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kiosque content API",
        version = "1",
        description = "Access to what Kiosque publishes: articles (with their body as \
                       structured blocks), sections, tags, authors, videos and search; and, for \
                       keys with a write scope, the newsroom: drafts, the workflow, the media \
                       library and comment moderation. Send an API key created in the back \
                       office (`/admin/api`) or with `kiosque key create` as \
                       `Authorization: Bearer <key>`. A key has scopes (`content:read`, \
                       `content:write`, `media:write`, `live:write`, `comments:moderate`; each \
                       operation names the one it needs) and an owner, a staff account: it \
                       never does more than its owner may in the newsroom, and every write is a \
                       revision by its owner. Lists are newest first and paginated with an \
                       opaque `cursor`: pass a page's `next_cursor` to get the next one. Errors \
                       are `{\"error\": {\"code\", \"message\"}}`, with `field` naming the \
                       field at fault when there is one; too many requests get 429 with \
                       `Retry-After`."
    ),
    modifiers(&BearerKey),
    tags(
        (name = "articles", description = "Published articles"),
        (name = "taxonomy", description = "Sections, tags and authors"),
        (name = "videos", description = "Videos"),
        (name = "search", description = "French full-text search"),
        (name = "writing", description = "Drafts, the workflow, media and moderation, for the key's owner"),
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
    let (read, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(articles::list_articles))
        .routes(routes!(articles::get_article))
        .routes(routes!(taxonomy::list_sections))
        .routes(routes!(taxonomy::list_tags))
        .routes(routes!(taxonomy::list_authors))
        .routes(routes!(videos::list_videos))
        .routes(routes!(videos::get_video))
        .routes(routes!(search::search))
        .split_for_parts();
    // Each write route checks its own scope: they are not behind the read scope.
    let (write, write_doc) = OpenApiRouter::new()
        .routes(routes!(write_articles::create_article))
        .routes(routes!(write_articles::get_draft))
        .routes(routes!(write_articles::update_article))
        .routes(routes!(write_articles::workflow))
        .routes(routes!(write_comments::moderate))
        .routes(routes!(write_live::create_live_post))
        .split_for_parts();
    let (media, media_doc) = OpenApiRouter::new()
        .routes(routes!(write_media::upload_media))
        .split_for_parts();
    doc.merge(write_doc);
    doc.merge(media_doc);
    let protected = read
        .route_layer(middleware::from_fn(auth::require_read))
        .merge(write)
        .merge(media.layer(DefaultBodyLimit::max(write_media::MEDIA_BODY_LIMIT)));
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
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_key,
        ))
        .merge(public)
}

/// This document (OpenAPI 3). Needs no key.
#[utoipa::path(
    get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json"))
)]
async fn openapi_json() -> Response {
    static JSON: OnceLock<String> = OnceLock::new();
    // Serialising the derived document cannot fail (a unit test renders it); should it, the
    // error is logged and the body is empty rather than the server stopping.
    let body = JSON.get_or_init(|| {
        document().to_pretty_json().unwrap_or_else(|e| {
            tracing::error!(error = %e, "the OpenAPI document cannot be serialised");
            String::new()
        })
    });
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body.as_str(),
    )
        .into_response()
}
