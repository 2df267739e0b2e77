//! One askama struct per template. `render_page` turns any of them into a response with the
//! right content type and cache policy.

use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::admin_nav::AdminNav;
use crate::cache::Deps;
use kiosque_domain::comment::Run;

use crate::views::{
    BlockView, CardView, CommentView, Crumb, FigureView, NavItem, Pagination, RailItem, Stamp,
    TagLink,
};

/// What the base template needs on every page.
pub struct Layout {
    pub title: String,
    pub description: Option<String>,
    pub canonical: Option<String>,
    pub nav: Vec<NavItem>,
    pub videos_current: Option<&'static str>,
    /// Feeds advertised with `<link rel="alternate">`: (type, title, absolute URL).
    pub feeds: Vec<(&'static str, String, String)>,
    /// OpenGraph and Twitter card data.
    pub og: Option<OpenGraph>,
    /// schema.org JSON-LD, already serialised for a `<script>` element ([`json_ld`]).
    pub json_ld: Option<String>,
}

pub struct OpenGraph {
    /// `article` or `website`.
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub image: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
}

/// Serialises JSON-LD so that it cannot end its `<script>` element early: `<`, `>` and `&`
/// become JSON escapes, which mean the same to a JSON reader.
pub fn json_ld(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

pub struct SectionBlock {
    pub slug: String,
    pub name: String,
    pub href: String,
    pub cards: Vec<CardView>,
}

/// A secondary story of the front page, with its slot's number (the lead is slot 1).
pub struct SlotCard {
    pub slot: u8,
    pub card: CardView,
}

#[derive(Template)]
#[template(path = "site/front.html")]
pub struct FrontPage {
    pub layout: Layout,
    pub lead: Option<CardView>,
    pub secondary: Vec<SlotCard>,
    pub latest: Vec<CardView>,
    pub sections: Vec<SectionBlock>,
    pub rail: Vec<RailItem>,
    pub most_read: Vec<crate::extras::MostReadItem>,
}

/// A paginated list of articles: a section or a tag.
#[derive(Template)]
#[template(path = "site/list.html")]
pub struct ListPage {
    pub layout: Layout,
    pub breadcrumb: Option<Vec<Crumb>>,
    /// A label above the heading ("Mot-clé" on tag pages).
    pub kicker: Option<String>,
    pub heading: String,
    pub description: Option<String>,
    /// Links to the section's own sections (Monde › Europe, Afrique).
    pub subsections: Vec<Crumb>,
    /// The story opening a section's first page, large and with its picture.
    pub lead: Option<CardView>,
    pub cards: Vec<CardView>,
    pub pagination: Pagination,
}

#[derive(Template)]
#[template(path = "site/article.html")]
pub struct ArticlePage {
    pub layout: Layout,
    pub breadcrumb: Vec<Crumb>,
    pub title: String,
    pub standfirst: Option<String>,
    /// (author page, name)
    pub bylines: Vec<(String, String)>,
    pub published: Option<Stamp>,
    pub updated: Option<Stamp>,
    pub hero: Option<FigureView>,
    /// A video at the top, in place of the hero image.
    pub hero_video: Option<HeroVideo>,
    pub body: Vec<BlockView>,
    pub tags: Vec<TagLink>,
    pub rail: Vec<RailItem>,
    pub article_id: kiosque_domain::ArticleId,
    /// "À lire aussi": articles with something in common.
    pub related: Vec<CardView>,
    /// The page of the thread shown (`?page=`): the thread itself is a piece of the page,
    /// rendered and kept apart ([`ThreadSection`]).
    pub comment_page: i64,
    /// Correction notes ("Rectificatif du 24/12/2016 : …"), oldest first.
    pub corrections: Vec<Stamp>,
    /// Reading time, share links, "Les plus lus".
    pub extras: Option<crate::extras::ArticleExtras>,
}

/// The comment thread under an article: kept apart from the article's page, so that a new
/// comment re-renders this alone.
#[derive(Template)]
#[template(path = "site/thread.html")]
pub struct ThreadSection {
    pub article_id: kiosque_domain::ArticleId,
    pub comments: Vec<CommentView>,
    pub comment_count: i64,
    pub comment_pages: Pagination,
    /// The newest comment id shown, from which live updates continue.
    pub last_comment_id: kiosque_domain::CommentId,
    /// When this thread was rendered (unix ms): live updates send what was shown after it.
    pub rendered_at: i64,
}

/// The video at the top of an article: played here when its file is ours, else a link to
/// its page on the host's site (the CSP allows no third-party frame).
pub struct HeroVideo {
    pub title: String,
    pub page: String,
    pub file_src: Option<String>,
    pub poster_src: Option<String>,
    pub embed_url: Option<String>,
    pub embed_host: String,
}

/// One comment, for live updates and posting without a reload.
#[derive(Template)]
#[template(path = "site/comment_item.html")]
pub struct CommentItem<'a> {
    pub c: &'a CommentView,
}

/// What the comment area shows the person reading, filled into cached article pages on the
/// way out.
pub enum SlotState {
    Visitor {
        /// Where log-in returns (query-encoded).
        back: String,
        /// Where sign-up returns once the address is confirmed: the form (query-encoded).
        signup_back: String,
    },
    Closed,
    Banned {
        until: Option<String>,
    },
    Unverified {
        name: String,
    },
    Form {
        name: String,
        csrf: String,
        article_id: kiosque_domain::ArticleId,
        premoderated: bool,
        /// The member's choice: e-mail them when someone replies.
        notify: bool,
    },
}

#[derive(Template)]
#[template(path = "site/comment_slot.html")]
pub struct CommentSlot {
    pub state: SlotState,
    pub pending: Vec<String>,
}

#[derive(Template)]
#[template(path = "site/video.html")]
pub struct VideoPage {
    pub layout: Layout,
    pub title: String,
    /// The video's own date, else the day it went online here; none when unknown.
    pub date: Option<crate::video_views::VideoDate>,
    pub duration: Option<crate::video_views::DurationView>,
    /// The newsroom's description, a paragraph per line.
    pub description: Vec<String>,
    pub file_src: Option<String>,
    pub poster: Option<FigureView>,
    pub embed_url: Option<String>,
    /// The published article that goes with the video.
    pub article: Option<CardView>,
    pub rail: Vec<RailItem>,
}

#[derive(Template)]
#[template(path = "site/videos.html")]
pub struct VideosPage {
    pub layout: Layout,
    pub videos: Vec<RailItem>,
    pub pagination: Pagination,
}

#[derive(Template)]
#[template(path = "errors/error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
}

impl ErrorPage {
    pub fn new(heading: &str, message: &str) -> Self {
        ErrorPage {
            layout: Layout {
                title: crate::i18n::t1("site-title", "title", heading),
                description: None,
                canonical: None,
                nav: Vec::new(),
                videos_current: None,
                feeds: Vec::new(),
                og: None,
                json_ld: None,
            },
            heading: heading.to_owned(),
            message: kiosque_domain::typography::typeset(message),
        }
    }

    pub fn into_status_response(self, status: StatusCode) -> Response {
        match self.render() {
            Ok(html) => html_response(status, html, "no-store"),
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                (status, crate::i18n::t("site-error")).into_response()
            }
        }
    }
}

/// Public pages may be stored by browsers and shared caches but must be revalidated on every
/// use: a reader who reloads the front page sees an article published a second ago. The ETag
/// makes revalidation a cheap 304, and the server-side cache (invalidated by the change log)
/// answers it without rendering. A CDN in front may override this with its own short TTL.
pub const PUBLIC_CACHE: &str = "public, max-age=0, must-revalidate";

/// Renders a public page; `deps` names the data it was built from, for the page cache.
/// Generic over the error so that handlers return it as their own error type.
pub fn render_page<T: Template, E: From<askama::Error>>(
    page: &T,
    deps: Deps,
) -> Result<Response, E> {
    let mut res = html_response(StatusCode::OK, page.render()?, PUBLIC_CACHE);
    res.extensions_mut().insert(deps);
    Ok(res)
}

/// [`render_page`] for a page that reads `?page=`: the cache keeps one entry per page number.
pub fn render_paginated<T: Template, E: From<askama::Error>>(
    page: &T,
    deps: Deps,
) -> Result<Response, E> {
    let mut res = render_page(page, deps)?;
    res.extensions_mut().insert(crate::cache::Paginated);
    Ok(res)
}

fn html_response(status: StatusCode, html: String, cache: &'static str) -> Response {
    let mut res = (status, html).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

/// A comment's own page: the comment and what the reader may do with it.
#[derive(Template)]
#[template(path = "site/comment_page.html")]
pub struct CommentPage {
    pub layout: Layout,
    pub c: CommentView,
    pub article_id: kiosque_domain::ArticleId,
    pub article_title: String,
    pub article_href: String,
    pub status_note: Option<String>,
    pub error: Option<String>,
    /// `None` for a visitor (no forms).
    pub csrf: Option<String>,
    pub can_reply: bool,
    pub can_edit: bool,
    pub edit_until: String,
    pub own_body: String,
    pub can_delete: bool,
    pub can_report: bool,
    pub can_moderate: bool,
    pub reasons: Vec<(&'static str, &'static str)>,
}

pub struct QueueView {
    pub id: kiosque_domain::CommentId,
    pub status: String,
    pub author: String,
    pub author_id: Option<kiosque_domain::UserId>,
    pub article_title: String,
    pub article_href: String,
    pub date: String,
    pub body: Vec<String>,
    /// (date, earlier text)
    pub edits: Vec<(String, String)>,
    pub reports: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin/moderation.html")]
pub struct ModerationPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub notice: Option<String>,
    pub csrf: String,
    pub items: Vec<QueueView>,
}

pub struct JournalRow {
    pub date: String,
    pub action: String,
    pub by: String,
    pub comment: Option<kiosque_domain::CommentId>,
    pub user: Option<kiosque_domain::UserId>,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "admin/journal.html")]
pub struct JournalPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub rows: Vec<JournalRow>,
}

pub struct SearchResultView {
    pub card: CardView,
    /// Snippet runs: (text, highlighted).
    pub snippet: Vec<(String, bool)>,
}

#[derive(Template)]
#[template(path = "site/search.html")]
pub struct SearchPage {
    pub layout: Layout,
    pub q: String,
    /// (slug, name, selected)
    pub sections: Vec<(String, String, bool)>,
    pub from: String,
    pub to: String,
    pub by_date: bool,
    pub tag: Option<String>,
    pub author: Option<String>,
    pub message: Option<String>,
    pub searched: bool,
    pub count_label: String,
    pub results: Vec<SearchResultView>,
    pub pagination: Pagination,
}

pub struct ApiKeyView {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created: String,
    pub last_used: Option<String>,
    pub revoked: Option<String>,
    /// `content:read content:write`…
    pub scopes: String,
    pub owner: String,
}

#[derive(Template)]
#[template(path = "admin/api_keys.html")]
pub struct ApiKeysPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    /// The key just created, shown once.
    pub new_key: Option<String>,
    pub keys: Vec<ApiKeyView>,
    /// Who may own a key: (id, "Name <email>", chosen).
    pub owners: Vec<(i64, String, bool)>,
    /// Every scope: (code, what it allows, ticked).
    pub scopes: Vec<(&'static str, String, bool)>,
    /// Why the creation form was refused.
    pub error: Option<String>,
}

pub struct WebhookView {
    pub id: i64,
    pub url: String,
    pub events: String,
    pub active: bool,
    pub created: String,
    pub pending: i64,
    pub failed: i64,
}

#[derive(Template)]
#[template(path = "admin/webhooks.html")]
pub struct WebhooksPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    /// The signing secret of the webhook just registered, shown once.
    pub secret: Option<String>,
    /// (value, label, checked) of each event.
    pub events: Vec<(&'static str, String, bool)>,
    pub hooks: Vec<WebhookView>,
    /// The address typed, kept when the form is refused.
    pub url: String,
    pub url_error: Option<String>,
    pub events_error: Option<String>,
}

pub struct DeliveryView {
    pub id: i64,
    pub event: String,
    pub article_id: kiosque_domain::ArticleId,
    pub status: String,
    pub created: String,
    pub next: Option<String>,
    pub attempts: Vec<String>,
    pub payload: String,
}

#[derive(Template)]
#[template(path = "admin/webhook.html")]
pub struct WebhookPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub hook: WebhookView,
    pub deliveries: Vec<DeliveryView>,
}
