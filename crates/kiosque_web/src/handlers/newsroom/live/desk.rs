//! The live blog's desk: its state (open, closed, or not a live blog yet), the composer, and
//! its posts, newest first, each with "Modifier" and "Supprimer".

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::{ArticleId, ArticleStatus};
use serde::Deserialize;

use super::common::{article, PostForm, Problems};
use crate::handlers::newsroom::articles::AdminNav;
use crate::handlers::newsroom::articles::Newsroom;
use crate::handlers::newsroom::page::admin_page;
use crate::handlers::newsroom::when;
use crate::pages::Layout;
use crate::respond::see_other;
use crate::{AppError, AppState};

/// Posts listed on the desk.
const DESK_POSTS: i64 = 100;

pub struct DeskState {
    pub open: bool,
    pub since: String,
    pub ended: Option<String>,
}

pub struct DeskPost {
    pub id: i64,
    pub time: String,
    pub title: String,
    pub important: bool,
    pub key_point: bool,
    pub author: Option<String>,
    pub excerpt: String,
}

#[derive(Template)]
#[template(path = "admin/live_desk.html")]
pub struct DeskPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub article_id: i64,
    pub title: String,
    /// The public page, once the article is online.
    pub public: Option<String>,
    pub live: Option<DeskState>,
    pub may: bool,
    pub form: PostForm,
    pub problems: Problems,
    pub notice: Option<String>,
    pub posts: Vec<DeskPost>,
    pub total: i64,
    pub help: &'static str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    ok: Option<String>,
}

/// What the composer shows: the form as typed, its problems, a notice, and the answer's status
/// (400 when the post was refused).
pub(super) struct Composer {
    pub form: PostForm,
    pub problems: Problems,
    pub notice: Option<String>,
    pub status: StatusCode,
}

/// The desk of live blog `id`.
pub(super) async fn desk_page(
    state: &AppState,
    n: Newsroom,
    id: ArticleId,
    may: bool,
    composer: Composer,
) -> Result<Response, AppError> {
    let Composer {
        form,
        problems,
        notice,
        status,
    } = composer;
    let store = state.store();
    let article = store.article(id).await?.ok_or(AppError::NotFound)?;
    let blog = store.live_blog(id).await?;
    let (posts, total) = match &blog {
        Some(_) => {
            let page = store.live_posts(id, 0, DESK_POSTS).await?;
            (page.posts, page.total)
        }
        None => (Vec::new(), 0),
    };
    let posts = posts
        .iter()
        .map(|p| {
            let text: String = p
                .body
                .iter()
                .map(|b| b.text())
                .collect::<Vec<_>>()
                .join(" ");
            let mut excerpt: String = text.chars().take(160).collect();
            if text.chars().count() > 160 {
                excerpt.push('…');
            }
            DeskPost {
                id: p.id,
                time: when(p.created_at),
                title: p.title.clone(),
                important: p.important,
                key_point: p.key_point,
                author: p.author.clone(),
                excerpt,
            }
        })
        .collect();
    let live = blog.map(|b| DeskState {
        open: b.open,
        since: when(b.coverage_start),
        ended: b.coverage_end.map(when),
    });
    let nav = AdminNav::of(&n.member, "live");
    let csrf = n.member.csrf.clone();
    let title = crate::i18n::t1("live-desk-title", "title", &article.title);
    let public = (article.status == ArticleStatus::Published).then(|| article.path());
    admin_page(state, &title, status, n.jar.clone(), |layout| DeskPage {
        layout,
        nav,
        csrf,
        article_id: id.get(),
        title: kiosque_domain::typography::typeset(&article.title),
        public,
        live,
        may,
        form,
        problems,
        notice,
        posts,
        total,
        help: kiosque_domain::markup::help(),
    })
    .await
}

pub async fn show(
    State(state): State<AppState>,
    n: Newsroom,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let (meta, may) = article(&state, &n, &id).await?;
    if !may
        && !n
            .actor
            .may(kiosque_domain::newsroom::Action::View, &subject(&meta))
    {
        return Err(AppError::Forbidden);
    }
    let notice = q.ok.as_deref().and_then(|ok| {
        Some(crate::i18n::t(match ok {
            "posted" => "live-desk-posted",
            "saved" => "live-desk-saved",
            "deleted" => "live-desk-deleted",
            "opened" => "live-desk-opened",
            "closed" => "live-desk-closed",
            _ => return None,
        }))
    });
    let composer = Composer {
        form: PostForm::default(),
        problems: Problems::default(),
        notice,
        status: StatusCode::OK,
    };
    desk_page(&state, n, meta.id, may, composer).await
}

fn subject(m: &kiosque_store::ArticleMeta) -> kiosque_domain::newsroom::Subject {
    kiosque_domain::newsroom::Subject {
        created_by: m.created_by,
        section_id: m.section_id,
        status: m.status,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StateForm {
    pub csrf: String,
}

pub async fn open(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    crate::form::Form(form): crate::form::Form<StateForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let (meta, _) = article(&state, &n, &id).await?;
    state
        .store()
        .open_live_blog(Some(n.member.user.id), meta.id)
        .await?;
    Ok(see_other(
        n.jar,
        &format!("/admin/articles/{}/direct?ok=opened", meta.id),
    ))
}

pub async fn close(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    crate::form::Form(form): crate::form::Form<StateForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let (meta, _) = article(&state, &n, &id).await?;
    state
        .store()
        .close_live_blog(Some(n.member.user.id), meta.id)
        .await?;
    Ok(see_other(
        n.jar,
        &format!("/admin/articles/{}/direct?ok=closed", meta.id),
    ))
}

pub struct ListedBlog {
    pub desk: String,
    pub title: String,
    pub open: bool,
    pub line: String,
}

#[derive(Template)]
#[template(path = "admin/live_list.html")]
pub struct ListPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub blogs: Vec<ListedBlog>,
}

/// `/admin/direct`: the live blogs online, open ones first, each linked to its desk.
pub async fn index(State(state): State<AppState>, n: Newsroom) -> Result<Response, AppError> {
    let blogs = state
        .store()
        .live_blogs(50)
        .await?
        .into_iter()
        .map(|l| ListedBlog {
            desk: format!("/admin/articles/{}/direct", l.card.id),
            title: l.card.title.clone(),
            open: l.blog.open,
            line: crate::i18n::t1("live-index-posts", "count", l.posts),
        })
        .collect();
    let nav = AdminNav::of(&n.member, "live");
    admin_page(
        &state,
        &crate::i18n::t("live-desk-list-title"),
        StatusCode::OK,
        n.jar.clone(),
        |layout| ListPage { layout, nav, blogs },
    )
    .await
}
