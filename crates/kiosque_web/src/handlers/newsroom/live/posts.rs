//! Writing posts: the composer's POST (a new post, then back to the desk with an empty
//! composer), a post's own page (its form and its history), saving and deleting. A refused post
//! is answered 400 with the reasons beside the fields and the text kept, and nothing is stored.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::ArticleId;

use super::common::{article, checked, refusal, PostForm, Problems};
use super::desk::{desk_page, Composer, StateForm};
use crate::handlers::newsroom::articles::{AdminNav, Newsroom};
use crate::handlers::newsroom::page::admin_page;
use crate::handlers::newsroom::when_by;
use crate::pages::Layout;
use crate::respond::see_other;
use crate::{AppError, AppState};

/// The composer's POST on `/admin/articles/{id}/direct`.
pub async fn create(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    crate::form::Form(form): crate::form::Form<PostForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let (meta, may) = article(&state, &n, &id).await?;
    if !may {
        return Err(AppError::Forbidden);
    }
    let problems = match checked(&state, &form).await? {
        Ok(draft) => match state
            .store()
            .add_live_post(Some(n.member.user.id), meta.id, &draft)
            .await
        {
            Ok(_) => {
                return Ok(see_other(
                    n.jar,
                    &format!("/admin/articles/{}/direct?ok=posted#composer", meta.id),
                ))
            }
            Err(e) => refusal(e)?,
        },
        Err(p) => p,
    };
    let composer = Composer {
        form,
        problems,
        notice: None,
        status: StatusCode::BAD_REQUEST,
    };
    desk_page(&state, n, meta.id, may, composer).await
}

pub struct RevisionLine {
    pub what: String,
    pub when: String,
    pub title: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "admin/live_post.html")]
pub struct PostPage {
    pub layout: Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub post_id: i64,
    pub article_id: i64,
    pub form: PostForm,
    pub problems: Problems,
    pub revisions: Vec<RevisionLine>,
    pub help: &'static str,
}

/// The post and the live blog it is on, if this person may write there.
async fn post_of(
    state: &AppState,
    n: &Newsroom,
    raw: &str,
) -> Result<(kiosque_store::LivePost, ArticleId), AppError> {
    let id: i64 = raw.parse().map_err(|_| AppError::NotFound)?;
    let post = state
        .store()
        .live_post(id)
        .await?
        .filter(|p| !p.deleted)
        .ok_or(AppError::NotFound)?;
    let (meta, may) = article(state, n, &post.article_id.to_string()).await?;
    if !may {
        return Err(AppError::Forbidden);
    }
    Ok((post, meta.id))
}

async fn post_page(
    state: &AppState,
    n: Newsroom,
    post_id: i64,
    article_id: ArticleId,
    form: PostForm,
    problems: Problems,
    status: StatusCode,
) -> Result<Response, AppError> {
    let revisions = state
        .store()
        .live_post_revisions(post_id)
        .await?
        .into_iter()
        .map(|r| RevisionLine {
            what: crate::i18n::t(match r.action.as_str() {
                "create" => "live-rev-create",
                "delete" => "live-rev-delete",
                _ => "live-rev-edit",
            }),
            when: when_by(r.at, r.author.as_deref()),
            title: r.title,
            text: kiosque_domain::markup::render(&r.body),
        })
        .collect();
    let nav = AdminNav::of(&n.member, "live");
    let csrf = n.member.csrf.clone();
    admin_page(
        state,
        &crate::i18n::t("live-post-title"),
        status,
        n.jar.clone(),
        |layout| PostPage {
            layout,
            nav,
            csrf,
            post_id,
            article_id: article_id.get(),
            form,
            problems,
            revisions,
            help: kiosque_domain::markup::help(),
        },
    )
    .await
}

pub async fn edit_form(
    State(state): State<AppState>,
    n: Newsroom,
    Path(raw): Path<String>,
) -> Result<Response, AppError> {
    let (post, article_id) = post_of(&state, &n, &raw).await?;
    let form = PostForm {
        csrf: String::new(),
        title: post.title.clone(),
        body: kiosque_domain::markup::render(&post.body),
        important: post.important.then(|| "1".to_owned()),
        key_point: post.key_point.then(|| "1".to_owned()),
    };
    post_page(
        &state,
        n,
        post.id,
        article_id,
        form,
        Problems::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn save(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(raw): Path<String>,
    crate::form::Form(form): crate::form::Form<PostForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let (post, article_id) = post_of(&state, &n, &raw).await?;
    let problems = match checked(&state, &form).await? {
        Ok(draft) => match state
            .store()
            .edit_live_post(Some(n.member.user.id), post.id, &draft)
            .await
        {
            Ok(()) => {
                return Ok(see_other(
                    n.jar,
                    &format!("/admin/articles/{article_id}/direct?ok=saved"),
                ))
            }
            Err(e) => refusal(e)?,
        },
        Err(p) => p,
    };
    post_page(
        &state,
        n,
        post.id,
        article_id,
        form,
        problems,
        StatusCode::BAD_REQUEST,
    )
    .await
}

pub async fn delete(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(raw): Path<String>,
    crate::form::Form(form): crate::form::Form<StateForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let (post, article_id) = post_of(&state, &n, &raw).await?;
    state
        .store()
        .delete_live_post(Some(n.member.user.id), post.id)
        .await?;
    Ok(see_other(
        n.jar,
        &format!("/admin/articles/{article_id}/direct?ok=deleted"),
    ))
}
