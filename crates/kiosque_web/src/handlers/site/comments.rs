//! Comments from the reader's side: posting (with or without JavaScript), a comment's own page
//! with its actions (reply, edit, delete, report), live updates, and the personal part of the
//! comment area of cached article pages.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

use crate::form::Form;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use kiosque_domain::comment::{self, CommentError, CommentStatus, ReportReason};
use kiosque_domain::typography::french;
use kiosque_domain::{dates, CommentMode};
use kiosque_store::{ArticleView, CommentRow, StoreError};
use serde::Deserialize;

use crate::auth::{self, MaybeMember, Member};
use crate::extract::ClientIp;
use crate::handlers::account::send_mail;
use crate::limits::Action;
use crate::pages::{CommentItem, CommentPage, CommentSlot, SlotState};
use crate::respond::{encode_query, personal, see_other};
use crate::views::{self, Here};
use crate::{AppError, AppState};

fn strictest(a: CommentMode, b: CommentMode) -> CommentMode {
    let rank = |m: CommentMode| match m {
        CommentMode::Open => 0,
        CommentMode::PreModerated => 1,
        CommentMode::Closed => 2,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

/// The mode in force now: the article's own, made stricter by its section's default, and closed
/// once the section's age limit has passed.
async fn mode_now(state: &AppState, article: &ArticleView) -> Result<CommentMode, AppError> {
    let (section_mode, close_days) = state
        .store()
        .section_comment_settings(article.section.id)
        .await?;
    let base = strictest(
        article.comment_mode,
        section_mode
            .as_deref()
            .and_then(CommentMode::parse)
            .unwrap_or_default(),
    );
    Ok(comment::effective_mode(
        base,
        article.published_at,
        close_days,
        chrono::Utc::now().timestamp_millis(),
    ))
}

async fn published_article(state: &AppState, id: i64) -> Result<Option<ArticleView>, AppError> {
    Ok(state
        .store()
        .article(id)
        .await?
        .filter(|a| a.status == kiosque_domain::ArticleStatus::Published))
}

/// The comment area as the page cache's slot filler.
pub struct CommentArea(pub AppState);

impl crate::cache::SlotFiller for CommentArea {
    fn fill<'a>(
        &'a self,
        personal: &'a HeaderMap,
        article: i64,
        path: &'a str,
    ) -> futures_util::future::BoxFuture<'a, Result<String, axum::response::Response>> {
        Box::pin(async move {
            slot(&self.0, personal, article, path)
                .await
                .map_err(axum::response::IntoResponse::into_response)
        })
    }
}

/// The personal part of the comment area, rendered for each request into the cached page.
async fn slot(
    state: &AppState,
    headers: &HeaderMap,
    article_id: i64,
    path: &str,
) -> Result<String, AppError> {
    let member = auth::member_from_headers(state, headers).await?;
    let mut pending = Vec::new();
    let state_view = match member {
        None => SlotState::Visitor {
            back: encode_query(&format!("{path}#commentaires")),
        },
        Some(m) => {
            pending = state
                .store()
                .own_pending_comments(article_id, m.user.id)
                .await?
                .into_iter()
                .map(|c| c.body.chars().take(200).collect::<String>())
                .collect();
            let now = chrono::Utc::now().timestamp_millis();
            let article = published_article(state, article_id).await?;
            let mode = match &article {
                Some(a) => mode_now(state, a).await?,
                None => CommentMode::Closed,
            };
            if mode == CommentMode::Closed {
                SlotState::Closed
            } else if m.user.is_banned(now) {
                SlotState::Banned {
                    until: m
                        .user
                        .banned_until
                        .filter(|u| *u < now + 50 * 365 * 86_400_000)
                        .map(dates::paris_date),
                }
            } else if !m.user.is_verified() {
                SlotState::Unverified {
                    name: m.user.display_name.clone(),
                }
            } else {
                SlotState::Form {
                    name: m.user.display_name.clone(),
                    csrf: m.csrf.clone(),
                    article_id,
                    premoderated: mode == CommentMode::PreModerated,
                }
            }
        }
    };
    Ok(CommentSlot {
        state: state_view,
        pending,
    }
    .render()?)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PostForm {
    csrf: String,
    article_id: String,
    parent_id: String,
    body: String,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// Errors of the comment form: an HTML page without JavaScript, JSON with it.
fn refuse(json: bool, status: StatusCode, message: String) -> Response {
    if json {
        (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
    } else if status == StatusCode::BAD_REQUEST {
        AppError::BadRequest(message).into_response()
    } else {
        AppError::Denied(message).into_response()
    }
}

fn app_error(json: bool, e: AppError) -> Response {
    if !json {
        return e.into_response();
    }
    let status = e.status_code();
    let message = match &e {
        AppError::Csrf => "Ce formulaire a expiré : rechargez la page.".to_owned(),
        AppError::TooManyRequests => {
            "Trop de commentaires en peu de temps : patientez une minute.".to_owned()
        }
        AppError::LoginRequired(_) => "Connectez-vous pour commenter.".to_owned(),
        AppError::BadRequest(m) | AppError::Store(StoreError::Invalid(m)) => m.clone(),
        _ => "Une erreur est survenue ; réessayez.".to_owned(),
    };
    let status = if status == StatusCode::SEE_OTHER {
        StatusCode::UNAUTHORIZED
    } else {
        status
    };
    (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
}

/// `POST /commentaires`: a new comment or a reply.
pub async fn post(
    State(state): State<AppState>,
    maybe: MaybeMember,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<PostForm>,
) -> Response {
    let json = wants_json(&headers);
    match post_inner(&state, maybe, ip, &headers, form, json).await {
        Ok(r) => r,
        Err(e) => app_error(json, e),
    }
}

async fn post_inner(
    state: &AppState,
    maybe: MaybeMember,
    ip: std::net::IpAddr,
    headers: &HeaderMap,
    form: PostForm,
    json: bool,
) -> Result<Response, AppError> {
    let article_id: i64 = form
        .article_id
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("Article inconnu.".into()))?;
    let Some(article) = published_article(state, article_id).await? else {
        return Err(AppError::BadRequest("Article inconnu.".into()));
    };
    let Some(member) = maybe.member.clone() else {
        return Err(AppError::LoginRequired(format!(
            "{}#commentaires",
            article.path()
        )));
    };
    maybe.check_csrf(headers, &form.csrf)?;
    state
        .limits()
        .check(Action::Comment, ip, Some(&member.user.id.to_string()))?;
    let now = chrono::Utc::now().timestamp_millis();
    let refusal = |e: CommentError| Ok(refuse(json, StatusCode::BAD_REQUEST, e.to_string()));
    if member.user.is_banned(now) {
        return Ok(refuse(
            json,
            StatusCode::FORBIDDEN,
            CommentError::Banned.to_string(),
        ));
    }
    if !member.user.is_verified() {
        return Ok(refuse(
            json,
            StatusCode::FORBIDDEN,
            CommentError::Unverified.to_string(),
        ));
    }
    let mode = mode_now(state, &article).await?;
    if mode == CommentMode::Closed {
        return refusal(CommentError::Closed);
    }
    let body = match comment::validate_body(&form.body) {
        Ok(b) => b,
        Err(e) => return refusal(e),
    };
    let parent_id = match form.parent_id.trim() {
        "" => None,
        p => Some(
            p.parse::<i64>()
                .map_err(|_| AppError::BadRequest("Commentaire inconnu.".into()))?,
        ),
    };
    let banned = state.store().banned_words().await?;
    let held = mode == CommentMode::PreModerated || comment::has_banned_word(&body, &banned);
    let status = if held {
        CommentStatus::Pending
    } else {
        CommentStatus::Published
    };
    let c = state
        .store()
        .post_comment(article_id, member.user.id, parent_id, &body, status)
        .await?;
    tracing::info!(
        comment.id = c.id,
        article.id = article_id,
        held,
        "comment posted"
    );
    let message = if held {
        "Merci : votre commentaire sera publié après relecture par la modération."
    } else {
        "Votre commentaire est publié."
    };
    if json {
        let html = if held {
            None
        } else {
            Some(
                CommentItem {
                    c: &views::comment(&c),
                }
                .render()?,
            )
        };
        return Ok((
            StatusCode::CREATED,
            axum::Json(serde_json::json!({
                "id": c.id,
                "parent_id": c.parent_id,
                "status": c.status.as_str(),
                "message": french(message),
                "html": html,
            })),
        )
            .into_response());
    }
    let anchor = if held {
        "ecrire".to_owned()
    } else {
        format!("commentaire-{}", c.id)
    };
    Ok(see_other(
        maybe.jar,
        &format!("{}#{anchor}", article.path()),
    ))
}

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

fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
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

async fn render_page(
    state: &AppState,
    maybe: MaybeMember,
    id: i64,
    ok: Option<&str>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let c = state.store().comment(id).await?.ok_or(AppError::NotFound)?;
    let article = published_article(state, c.article_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let member = maybe.member.as_ref();
    if !can_see(&c, member) {
        return Err(AppError::NotFound);
    }
    let now = chrono::Utc::now().timestamp_millis();
    let own = member.is_some_and(|m| Some(m.user.id) == c.author_id);
    let active = member.is_some_and(|m| m.user.is_verified() && !m.user.is_banned(now));
    let mode = mode_now(state, &article).await?;
    let window = state.config().comment_edit_window_ms;
    let live = matches!(c.status, CommentStatus::Published | CommentStatus::Pending);
    let mut view = views::comment(&c);
    if c.status != CommentStatus::Published
        && !matches!(c.status, CommentStatus::Deleted | CommentStatus::Removed)
    {
        // The author (or a moderator) sees the held text itself.
        view.paragraphs = comment::render(&c.body);
        view.placeholder = None;
    }
    let status_note = match ok {
        Some("signale") => {
            Some("Merci : votre signalement a été transmis à la modération.".to_owned())
        }
        Some("modifie") => Some("Votre commentaire a été modifié.".to_owned()),
        _ => (c.status != CommentStatus::Published).then(|| french(c.status.label())),
    };
    let page = CommentPage {
        layout: crate::layout::layout(
            state,
            &format!("Commentaire sur « {} » — Kiosque", article.title),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        c: view,
        article_id: article.id,
        article_title: french(&article.title),
        article_href: article.path(),
        status_note: status_note.map(|s| french(&s)),
        error,
        csrf: member.map(|m| m.csrf.clone()),
        can_reply: active
            && c.parent_id.is_none()
            && c.status == CommentStatus::Published
            && mode != CommentMode::Closed,
        can_edit: own && live && comment::can_edit(c.created_at, now, window),
        edit_until: format!(
            "{} à {}",
            dates::paris_date(c.created_at + window),
            dates::paris_time(c.created_at + window)
        ),
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
    };
    Ok(personal(status, maybe.jar, page.render()?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditForm {
    csrf: String,
    body: String,
}

/// The author's own comment, or a clear refusal.
async fn own_comment(state: &AppState, member: &Member, id: i64) -> Result<CommentRow, AppError> {
    let c = state.store().comment(id).await?.ok_or(AppError::NotFound)?;
    if c.author_id != Some(member.user.id) {
        return Err(AppError::BadRequest(CommentError::NotYours.to_string()));
    }
    Ok(c)
}

pub async fn edit(
    State(state): State<AppState>,
    maybe: MaybeMember,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<EditForm>,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let Some(member) = maybe.member.clone() else {
        return Err(AppError::LoginRequired(format!("/commentaires/{id}")));
    };
    maybe.check_csrf(&headers, &form.csrf)?;
    let c = own_comment(&state, &member, id).await?;
    let now = chrono::Utc::now().timestamp_millis();
    if member.user.is_banned(now) {
        return Err(AppError::Denied(CommentError::Banned.to_string()));
    }
    if !matches!(c.status, CommentStatus::Published | CommentStatus::Pending)
        || !comment::can_edit(c.created_at, now, state.config().comment_edit_window_ms)
    {
        return Err(AppError::BadRequest(
            CommentError::EditWindowOver.to_string(),
        ));
    }
    let body = match comment::validate_body(&form.body) {
        Ok(b) => b,
        Err(e) => {
            return render_page(
                &state,
                maybe,
                id,
                None,
                Some(e.to_string()),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    };
    let banned = state.store().banned_words().await?;
    // An edit is read again where the article is pre-moderated, or when it brings a banned word.
    let premoderated = match published_article(&state, c.article_id).await? {
        Some(a) => mode_now(&state, &a).await? == CommentMode::PreModerated,
        None => false,
    };
    let hold = c.status == CommentStatus::Published
        && (premoderated || comment::has_banned_word(&body, &banned));
    state.store().edit_comment(id, &body, hold).await?;
    Ok(see_other(
        maybe.jar,
        &format!("/commentaires/{id}?ok=modifie"),
    ))
}

pub async fn delete(
    State(state): State<AppState>,
    maybe: MaybeMember,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<crate::extract::CsrfForm>,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let Some(member) = maybe.member.clone() else {
        return Err(AppError::LoginRequired(format!("/commentaires/{id}")));
    };
    maybe.check_csrf(&headers, &form.csrf)?;
    let c = own_comment(&state, &member, id).await?;
    state.store().delete_comment(c.id).await?;
    let back = match published_article(&state, c.article_id).await? {
        Some(a) => format!("{}#commentaires", a.path()),
        None => "/compte/commentaires".to_owned(),
    };
    Ok(see_other(maybe.jar, &back))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReportForm {
    csrf: String,
    reason: String,
    details: String,
}

pub async fn report(
    State(state): State<AppState>,
    maybe: MaybeMember,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<ReportForm>,
) -> Result<Response, AppError> {
    let id = parse_id(&id)?;
    let Some(member) = maybe.member.clone() else {
        return Err(AppError::LoginRequired(format!(
            "/commentaires/{id}#signaler"
        )));
    };
    maybe.check_csrf(&headers, &form.csrf)?;
    let Some(reason) = ReportReason::parse(&form.reason) else {
        return render_page(
            &state,
            maybe,
            id,
            None,
            Some("Choisissez le motif du signalement.".into()),
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    let details = form.details.trim();
    if details.chars().count() > 1000 {
        return render_page(
            &state,
            maybe,
            id,
            None,
            Some("Les précisions sont limitées à 1 000 caractères.".into()),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let c = state.store().comment(id).await?.ok_or(AppError::NotFound)?;
    if c.author_id == Some(member.user.id) {
        return Err(AppError::BadRequest(
            "On ne signale pas son propre commentaire.".into(),
        ));
    }
    if c.status != CommentStatus::Published {
        return Err(AppError::NotFound);
    }
    state
        .store()
        .report_comment(
            id,
            member.user.id,
            reason,
            (!details.is_empty()).then_some(details),
            state.config().report_threshold,
        )
        .await?;
    if reason == ReportReason::Illegal {
        // The Digital Services Act asks for an acknowledgement, then an answer with the decision.
        send_mail(
            &state,
            &member.user.email,
            "Votre signalement de contenu illicite",
            &format!(
                "Bonjour {},\n\nNous avons bien reçu votre signalement du commentaire n° {id} \
                 pour contenu illicite. Notre équipe de modération va l’examiner ; vous recevrez \
                 un e-mail vous informant de sa décision.\n",
                member.user.display_name
            ),
        )
        .await;
    }
    Ok(see_other(
        maybe.jar,
        &format!("/commentaires/{id}?ok=signale"),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StreamQuery {
    /// Read as text: a malformed value means "from the start", not a bare 400.
    depuis: String,
    /// When the page was rendered (unix ms); comments shown since then are sent whatever
    /// their id (approved after newer ones).
    vu: String,
}

/// `GET /articles/{id}/commentaires/flux`: server-sent events, one `comment` event per newly
/// published comment (its rendered HTML), starting after `depuis`.
pub async fn stream(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<StreamQuery>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let article_id = parse_id(&id)?;
    published_article(&state, article_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rx = state.live().subscribe();
    let closing = state.live().closing();
    struct Feed {
        closing: tokio::sync::watch::Receiver<bool>,
        state: AppState,
        rx: tokio::sync::broadcast::Receiver<i64>,
        article_id: i64,
        last: i64,
        /// Comments shown (approved) after the page was rendered are sent too, whatever
        /// their id.
        shown_since: i64,
        sent: std::collections::HashSet<i64>,
        queue: VecDeque<Event>,
        first: bool,
    }
    let feed = Feed {
        closing,
        state,
        rx,
        article_id,
        last: q.depuis.trim().parse::<i64>().unwrap_or(0).max(0),
        shown_since: q
            .vu
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|v| *v > 0)
            .unwrap_or_else(|| chrono::Utc::now().timestamp_millis()),
        sent: std::collections::HashSet::new(),
        queue: VecDeque::new(),
        first: true,
    };
    let stream = futures_util::stream::unfold(feed, |mut f| async move {
        loop {
            if let Some(ev) = f.queue.pop_front() {
                return Some((Ok(ev), f));
            }
            if *f.closing.borrow() {
                return None;
            }
            if f.first {
                f.first = false;
            } else {
                let received = tokio::select! {
                    r = f.rx.recv() => r,
                    _ = f.closing.changed() => return None,
                };
                match received {
                    Ok(a) if a == f.article_id => {}
                    Ok(_) => continue,
                    // Missed some announcements: look anyway.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
                }
            }
            let rows = match f
                .state
                .store()
                .comments_after(f.article_id, f.last, f.shown_since)
                .await
            {
                Ok(r) => r,
                Err(e) => {
                    tracing::warn!(error = %e, "live comments");
                    continue;
                }
            };
            for c in rows {
                f.last = f.last.max(c.id);
                if !f.sent.insert(c.id) {
                    continue;
                }
                let html = CommentItem {
                    c: &views::comment(&c),
                }
                .render()
                .unwrap_or_default();
                let data =
                    serde_json::json!({ "id": c.id, "parent_id": c.parent_id, "html": html });
                f.queue.push_back(
                    Event::default()
                        .event("comment")
                        .id(c.id.to_string())
                        .data(data.to_string()),
                );
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))))
}
