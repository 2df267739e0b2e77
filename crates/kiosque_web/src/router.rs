//! Every route of the site, in one place.

use axum::http::{header, HeaderName, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use axum::middleware;

use crate::cache;
use crate::handlers::{account, newsroom, ops, site};
use crate::AppState;

/// Strict by default: no inline script or style, nothing from other origins. Pages need nothing
/// more; a feature that does must say so here.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                   media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
                   frame-ancestors 'none'";

pub fn router(state: AppState) -> Router {
    let csp = crate::media_server::csp_with(CSP, state.config().media_public_url.as_deref());
    let account: std::sync::Arc<dyn crate::slots::AccountFiller> =
        std::sync::Arc::new(account::badge::AccountBadge(state.clone()));
    let routes = Router::new()
        .merge(account_routes())
        .merge(comment_routes())
        .merge(newsroom_routes())
        .merge(newsroom::site::routes())
        .merge(newsroom::videos::routes())
        .merge(newsroom::media::routes())
        .merge(newsroom::site_pages::routes())
        .merge(newsroom::live::routes())
        .merge(newsletter_routes())
        .merge(newsroom::podcasts::routes())
        .merge(newsroom::wire::routes())
        // ---- the content API (JSON, bearer keys; documented at /api/v1/openapi.json)
        .merge(crate::api::router(&state))
        // Every route above renders without the page cache: a bounded queue in front of it
        // (503 past it). Health checks, assets and media below never wait there.
        .route_layer(middleware::from_fn_with_state(
            state.overload().clone(),
            crate::overload::layer,
        ))
        // ---- live streams: bounded by their own limits (per address: 429, per node: 503),
        // never queued behind renders (a rush of streams would be refused for the wrong reason)
        .route(
            "/articles/{id}/commentaires/flux",
            get(site::comments::stream),
        )
        .route("/direct/{id}/flux", get(site::live::stream::stream))
        // ---- operations
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        // ---- assets
        // The stylesheet and scripts, precompressed, under fingerprinted names.
        .route("/static/{file}", get(crate::static_assets::serve))
        .merge(crate::brand::routes())
        .route("/media/{*path}", get(crate::media_server::serve))
        .merge(site_routes(&state, account.clone()))
        .fallback(crate::error::not_found)
        // Outside the slots and the cache: every answer is counted, with the time it took (by
        // its route's pattern, hence inside the routing).
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::metrics_http::track,
        ))
        .with_state(state.clone());
    // Around the whole router rather than each route: a layer on a router wraps every route
    // in a boxed service of its own, and each of them was cloned, nested, on every request.
    let site = tower::ServiceBuilder::new()
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::hsts::layer,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(middleware::map_response(close_after_refused_body))
        // The member's name in the header of pages no cache keeps; cached pages get it from
        // the page cache.
        .layer(middleware::from_fn_with_state(
            account,
            crate::slots::personal_pages,
        ))
        // An address of an imported site's past answers 301 where the site has no page.
        .layer(crate::legacy::LegacyLayer::new(state.store().clone()))
        .service(routes);
    Router::new().fallback_service(site)
}

/// The public site, behind the page cache.
fn site_routes(
    state: &AppState,
    account: std::sync::Arc<dyn crate::slots::AccountFiller>,
) -> Router<AppState> {
    Router::new()
        .route("/", get(site::front::show))
        .route("/videos", get(site::video::index))
        .route("/recherche", get(site::search::show))
        .route("/videos/{file}", get(site::video::show))
        .route("/tag/{slug}", get(site::tag::show))
        .route("/tag/{slug}/{file}", get(site::feeds::tag))
        .route("/auteur/{slug}", get(site::author::show))
        .route("/auteur/{slug}/{file}", get(site::author::feed))
        .route("/rss.xml", get(site::feeds::site))
        .route("/atom.xml", get(site::feeds::site))
        .route("/feed.json", get(site::feeds::site))
        .route("/robots.txt", get(site::sitemaps::robots))
        .route("/sitemap.xml", get(site::sitemaps::sitemap_index))
        .route("/sitemaps/{file}", get(site::sitemaps::sitemap))
        .route("/pages/{slug}", get(site::site_page::show))
        .route("/direct", get(site::live::index::show))
        .route("/direct/{id}/{file}", get(site::live::feed::feed))
        .route("/podcasts", get(site::podcasts::index))
        .route("/podcasts/{file}", get(site::podcasts::show))
        .route("/podcasts/episodes/{file}", get(site::podcasts::episode))
        .route("/podcasts/feeds/{file}", get(site::podcast_feed::feed))
        .route("/{section}", get(site::section::show))
        .route("/{section}/{file}", get(site::article::show))
        // Inside the page cache: only the pages it has to render wait in the bounded queue.
        .route_layer(middleware::from_fn_with_state(
            state.overload().clone(),
            crate::overload::layer,
        ))
        .route_layer(middleware::from_fn_with_state(
            // The comment area fills the personal slot of cached article pages.
            cache::CacheLayer::new(cache::CacheParts {
                cache: state.page_cache().clone(),
                store: state.store().clone(),
                filler: std::sync::Arc::new(site::comments::CommentArea(state.clone())),
                fragments: std::sync::Arc::new(site::comments::Thread(state.clone())),
                account,
                // The search page reads its own parameters (`q`, `rubrique`, …).
                own_query: &["/recherche"],
            }),
            cache::layer,
        ))
        // Outside the cache, so that views served from it are counted too.
        .route_layer(middleware::from_fn_with_state(
            state.views().clone(),
            crate::readership::count,
        ))
}

/// Reader accounts ("mon espace"): personal pages, never cached.
fn account_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/compte/inscription",
            get(account::signup::show).post(account::signup::submit),
        )
        .route("/compte/verifier", get(account::signup::verify))
        .route(
            "/compte/renvoyer-confirmation",
            post(account::signup::resend),
        )
        .route(
            "/compte/connexion",
            get(account::session::show).post(account::session::submit),
        )
        .route("/compte/deconnexion", post(account::session::logout))
        .route(
            "/compte/mot-de-passe-oublie",
            get(account::session::forgot_show).post(account::session::forgot_submit),
        )
        .route(
            "/compte/reinitialiser",
            get(account::session::reset_show).post(account::session::reset_submit),
        )
        .route("/compte", get(account::profile::show))
        .route(
            "/compte/nom",
            get(account::profile::name_show).post(account::profile::name_submit),
        )
        .route(
            "/compte/email",
            get(account::profile::email_show).post(account::profile::email_submit),
        )
        .route(
            "/compte/email/confirmer",
            get(account::profile::email_confirm),
        )
        .route(
            "/compte/mot-de-passe",
            get(account::profile::password_show).post(account::profile::password_submit),
        )
        .route("/compte/commentaires", get(account::profile::my_comments))
        .route("/compte/export", get(account::profile::export))
        .route("/compte/notifications", post(account::notifications::save))
        .route(
            "/compte/desabonnement",
            get(account::notifications::unsubscribe_page)
                .post(account::notifications::unsubscribe_post),
        )
        .route(
            "/compte/supprimer",
            get(account::profile::delete_show).post(account::profile::delete_submit),
        )
}

/// Newsletters: subscribing, the links in mail, "Mes lettres" and the back office's page; all
/// personal (never cached).
fn newsletter_routes() -> Router<AppState> {
    use crate::handlers::site::newsletters::{subscribe, unsubscribe};
    Router::new()
        .route("/lettres", get(subscribe::show).post(subscribe::submit))
        .route(
            "/lettres/confirmer",
            get(subscribe::confirm_show).post(subscribe::confirm_submit),
        )
        .route(
            "/lettres/desabonnement",
            get(unsubscribe::show).post(unsubscribe::submit),
        )
        .route(
            "/compte/lettres",
            get(account::newsletters::show).post(account::newsletters::save),
        )
        .route("/admin/lettres", get(newsroom::newsletters::show))
        .route(
            "/admin/lettres/{id}/heure",
            post(newsroom::newsletters::set_time),
        )
        .route(
            "/admin/lettres/adresses",
            post(newsroom::newsletters::mark_address),
        )
}

/// Comments: posting and actions are personal; the thread lives in the article page.
fn comment_routes() -> Router<AppState> {
    Router::new()
        .route("/commentaires", post(site::comments::post))
        .route("/commentaires/{id}", get(site::comments::page))
        .route("/commentaires/{id}/modifier", post(site::comments::edit))
        .route("/commentaires/{id}/supprimer", post(site::comments::delete))
        .route("/commentaires/{id}/signaler", post(site::comments::report))
}

/// The back office: every handler checks the role (`RequireModerator`, …).
fn newsroom_routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(newsroom::dashboard::show))
        .route("/admin/articles", get(newsroom::articles::list))
        .route(
            "/admin/articles/nouveau",
            get(newsroom::articles::new_form).post(newsroom::articles::create),
        )
        .route("/admin/articles/apercu", post(newsroom::articles::preview))
        .route(
            "/admin/articles/liens.json",
            get(newsroom::articles::link_targets),
        )
        .route("/admin/videos.json", get(newsroom::articles::video_choices))
        .route(
            "/admin/articles/{id}",
            get(newsroom::articles::edit).post(newsroom::articles::save),
        )
        .route(
            "/admin/articles/{id}/autosave",
            post(newsroom::articles::autosave),
        )
        .route(
            "/admin/articles/{id}/statut",
            post(newsroom::articles::change_status),
        )
        .route(
            "/admin/articles/{id}/rectificatifs",
            post(newsroom::articles::correct),
        )
        .route(
            "/admin/articles/{id}/revisions",
            get(newsroom::articles::revisions),
        )
        .route(
            "/admin/articles/{id}/revisions/comparer",
            get(newsroom::articles::diff),
        )
        .route(
            "/admin/articles/{id}/revisions/{rev}/restaurer",
            post(newsroom::articles::restore),
        )
        .route(
            "/admin/utilisateurs",
            get(newsroom::users::list).post(newsroom::users::invite),
        )
        .route(
            "/admin/utilisateurs/{id}",
            get(newsroom::users::show).post(newsroom::users::update),
        )
        .route(
            "/admin/utilisateurs/{id}/activation",
            post(newsroom::users::activation),
        )
        .route("/admin/moderation", get(newsroom::moderation::queue))
        .route(
            "/admin/moderation/commentaires/{id}",
            post(newsroom::moderation::decide),
        )
        .route(
            "/admin/moderation/membres/{id}",
            post(newsroom::moderation::ban),
        )
        .route(
            "/admin/moderation/mots-interdits",
            get(newsroom::moderation::words_show).post(newsroom::moderation::words_submit),
        )
        .route(
            "/admin/moderation/journal",
            get(newsroom::moderation::journal),
        )
        .route(
            "/admin/api",
            get(newsroom::integrations::keys).post(newsroom::integrations::create_key),
        )
        .route(
            "/admin/api/{id}/revoquer",
            post(newsroom::integrations::revoke_key),
        )
        .route(
            "/admin/webhooks",
            get(newsroom::integrations::hooks).post(newsroom::integrations::create_hook),
        )
        .route(
            "/admin/webhooks/{id}",
            get(newsroom::integrations::hook).post(newsroom::integrations::hook_action),
        )
        .route(
            "/admin/webhooks/{id}/livraisons/{delivery}/renvoyer",
            post(newsroom::integrations::redeliver),
        )
}

/// A body refused as too large was not read to its end, so the server drops the connection
/// after answering; saying so (`Connection: close`) keeps clients from sending their next
/// request on it, where it would fail.
async fn close_after_refused_body(mut res: axum::response::Response) -> axum::response::Response {
    if res.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
}
