//! `GET /commentaires/{id}`: a comment's own page, with the actions open to the reader. The
//! edit and report forms answer with this page when the reader must correct something.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kiosque_domain::comment::{self, CommentStatus, ReportReason};
use kiosque_domain::typography::typeset;
use kiosque_domain::{dates, CommentId, CommentMode};
use kiosque_store::{ArticleView, CommentRow};
use serde::Deserialize;

use super::common::{mode_now, parse_id, published_article};
use crate::auth::{MaybeMember, Member};
use crate::pages::CommentPage;
use crate::respond::personal;
use crate::views::{self, Here};
use crate::{AppError, AppState};

/// Who may see a comment's page: anyone once published (or taken down, as a placeholder);
/// its author and moderators while it is held.
fn can_see(c: &CommentRow, member: Option<&Member>) -> bool {
    match c.status {
        CommentStatus::Published | CommentStatus::Deleted | CommentStatus::Removed => true,
        _ => member.is_some_and(|m| Some(m.user.id) == c.author_id || m.user.roles.can_moderate()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CommentQuery {
    ok: Option<String>,
}

/// `GET /commentaires/{id}`: the comment and the actions open to the reader.
pub async fn page(
    State(state): State<AppState>,
    maybe: MaybeMember,
    Path(id): Path<String>,
    Query(q): Query<CommentQuery>,
) -> Result<Response, AppError> {
    render_page(
        &state,
        maybe,
        parse_id(&id)?,
        q.ok.as_deref(),
        None,
        StatusCode::OK,
    )
    .await
}

pub(super) async fn render_page(
    state: &AppState,
    maybe: MaybeMember,
    id: CommentId,
    ok: Option<&str>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let c = state.store().comment(id).await?.ok_or(AppError::NotFound)?;
    let article = published_article(state, c.article_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_see(&c, maybe.member.as_ref()) {
        return Err(AppError::NotFound);
    }
    let mode = mode_now(state, &article).await?;
    let mut page = comment_page(state, &c, &article, maybe.member.as_ref(), mode).await?;
    page.status_note = status_note(ok, c.status).map(|s| typeset(&s));
    page.error = error;
    Ok(personal(status, maybe.jar, page.render()?))
}

/// The note above the comment: the outcome of the reader's last action, or a held status.
fn status_note(ok: Option<&str>, status: CommentStatus) -> Option<String> {
    match ok {
        Some("signale") => Some(crate::i18n::t("cm-msg-reported")),
        Some("modifie") => Some(crate::i18n::t("cm-msg-edited")),
        _ => (status != CommentStatus::Published).then(|| typeset(status.label())),
    }
}

/// The comment as its page shows it: the author (or a moderator) sees the held text itself.
fn comment_view(c: &CommentRow) -> views::CommentView {
    let mut view = views::comment(c);
    // This page lists the reader's actions below the comment, in full.
    view.actions = Some(String::new());
    if !matches!(
        c.status,
        CommentStatus::Published | CommentStatus::Deleted | CommentStatus::Removed
    ) {
        view.paragraphs = comment::render(&c.body);
        view.placeholder = None;
    }
    view
}

async fn comment_page(
    state: &AppState,
    c: &CommentRow,
    article: &ArticleView,
    member: Option<&Member>,
    mode: CommentMode,
) -> Result<CommentPage, AppError> {
    let now = chrono::Utc::now().timestamp_millis();
    let own = member.is_some_and(|m| Some(m.user.id) == c.author_id);
    let active = member.is_some_and(|m| m.user.is_verified() && !m.user.is_banned(now));
    let window = state.config().comment_edit_window_ms;
    let live = matches!(c.status, CommentStatus::Published | CommentStatus::Pending);
    let edit_until = c.created_at + window;
    Ok(CommentPage {
        layout: crate::layout::layout(
            state,
            &crate::i18n::t1("cm-page-title", "title", &article.title),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        c: comment_view(c),
        article_id: article.id,
        article_title: typeset(&article.title),
        article_href: article.path(),
        status_note: None,
        error: None,
        csrf: member.map(|m| m.csrf.clone()),
        can_reply: active
            && c.parent_id.is_none()
            && c.status == CommentStatus::Published
            && mode != CommentMode::Closed,
        can_edit: own && live && comment::can_edit(c.created_at, now, window),
        edit_until: dates::date_time(edit_until),
        own_body: if own { c.body.clone() } else { String::new() },
        can_delete: own
            && matches!(
                c.status,
                CommentStatus::Published | CommentStatus::Pending | CommentStatus::Hidden
            ),
        can_report: member.is_some() && !own && c.status == CommentStatus::Published,
        can_moderate: member.is_some_and(|m| m.user.roles.can_moderate()),
        reasons: ReportReason::ALL
            .iter()
            .map(|r| (r.as_str(), r.label()))
            .collect(),
    })
}
