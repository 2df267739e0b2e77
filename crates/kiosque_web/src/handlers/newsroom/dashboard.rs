//! `/admin`: the staff member's dashboard — their drafts, what waits for review, what is
//! scheduled or was just published, and the comments waiting for a moderator. Each list is a
//! short extract of the article list, with a link to the whole of it.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use kiosque_domain::newsroom::Actor;
use kiosque_domain::ArticleStatus;
use kiosque_store::{NewsroomFilter, NewsroomRow, NewsroomSort};

use super::articles::AdminNav;
use super::page::admin_page;
use super::when;
use crate::extract::RequireMember;
use crate::{AppError, AppState};

/// How many articles each list shows; the rest is one click away in the article list.
const SHORT: i64 = 6;

pub struct Item {
    pub id: kiosque_domain::ArticleId,
    pub title: String,
    /// Section, and the date that matters for the list.
    pub meta: String,
}

pub struct Panel {
    /// The heading.
    pub title: String,
    /// The article list filtered the same way.
    pub all: String,
    pub items: Vec<Item>,
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
pub struct DashboardPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub panels: Vec<Panel>,
    /// Comments held for moderation, for those who moderate.
    pub pending_comments: Option<i64>,
}

/// One list headed `title`: `status` articles, the person's own unless `everyone`.
async fn panel(
    state: &AppState,
    actor: &Actor,
    title: String,
    status: ArticleStatus,
    everyone: bool,
    sort: NewsroomSort,
) -> Result<Panel, AppError> {
    let filter = NewsroomFilter {
        status: Some(status),
        created_by: (!everyone).then_some(actor.user_id),
        ..NewsroomFilter::default()
    };
    let (rows, _) = state
        .store()
        .newsroom_articles(&filter, sort, 0, SHORT)
        .await?;
    Ok(Panel {
        title,
        all: format!("/admin/articles?statut={}", status.as_str()),
        items: rows.into_iter().map(item_of).collect(),
    })
}

fn item_of(r: NewsroomRow) -> Item {
    let date = match (r.status, r.scheduled_at, r.published_at) {
        (ArticleStatus::Scheduled, Some(s), _) => {
            crate::i18n::t1("nr-list-scheduled-on", "date", &when(s))
        }
        (ArticleStatus::Published, _, Some(p)) => when(p),
        _ => when(r.modified_at),
    };
    Item {
        id: r.id,
        title: r.title,
        meta: crate::i18n::t2("bo-item-meta", "section", &r.section_name, "date", &date),
    }
}

pub async fn show(
    State(state): State<AppState>,
    RequireMember(m, jar): RequireMember,
) -> Result<Response, AppError> {
    let nav = AdminNav::of(&m, "home");
    if !nav.is_staff() || m.user.is_banned(chrono::Utc::now().timestamp_millis()) {
        return Err(AppError::Forbidden);
    }
    let actor = Actor {
        user_id: m.user.id,
        roles: m.user.roles.clone(),
        publish_sections: state.store().publish_sections(m.user.id).await?,
    };
    let mut panels = Vec::new();
    if actor.in_newsroom() {
        // The desk sees the whole newsroom's work; writers see their own.
        let desk = actor.can_manage_site();
        let modified = NewsroomSort::Modified;
        panels.push(
            panel(
                &state,
                &actor,
                crate::i18n::t("bo-dash-drafts"),
                ArticleStatus::Draft,
                false,
                modified,
            )
            .await?,
        );
        // Review is the business of those who may publish: the desk, and journalists for
        // their own articles (contributors hand theirs over and wait).
        if desk || !actor.publish_sections.is_empty() {
            panels.push(
                panel(
                    &state,
                    &actor,
                    crate::i18n::t("bo-dash-review"),
                    ArticleStatus::InReview,
                    desk,
                    modified,
                )
                .await?,
            );
        }
        panels.push(
            panel(
                &state,
                &actor,
                crate::i18n::t("bo-dash-scheduled"),
                ArticleStatus::Scheduled,
                desk,
                modified,
            )
            .await?,
        );
        panels.push(
            panel(
                &state,
                &actor,
                crate::i18n::t("bo-dash-published"),
                ArticleStatus::Published,
                desk,
                NewsroomSort::Published,
            )
            .await?,
        );
    }
    let pending_comments = if nav.moderation {
        Some(state.store().pending_comments_count().await?)
    } else {
        None
    };
    let title = crate::i18n::t("bo-title-dashboard");
    admin_page(&state, &title, StatusCode::OK, jar, |layout| {
        DashboardPage {
            layout,
            nav,
            panels,
            pending_comments,
        }
    })
    .await
}
