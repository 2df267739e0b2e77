//! `/admin/articles`: the newsroom's list of articles, with its filters, sort and pages.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kiosque_domain::ArticleStatus;
use kiosque_store::{NewsroomFilter, NewsroomRow, NewsroomSort, SectionRow};
use serde::Deserialize;

use super::access::{status_label, Newsroom};
use super::nav::AdminNav;
use crate::handlers::newsroom::when;
use crate::layout::layout;
use crate::respond::{encode_query, personal};
use crate::views::{Here, Pagination};
use crate::{AppError, AppState};

const PER_PAGE: i64 = 30;

const STATUSES: [ArticleStatus; 5] = [
    ArticleStatus::Draft,
    ArticleStatus::InReview,
    ArticleStatus::Scheduled,
    ArticleStatus::Published,
    ArticleStatus::Unpublished,
];

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    statut: String,
    rubrique: String,
    auteur: String,
    q: String,
    tri: String,
    page: Option<String>,
    ok: Option<String>,
}

pub struct Row {
    pub id: kiosque_domain::ArticleId,
    pub title: String,
    pub status: String,
    pub section: String,
    pub created_by: String,
    pub modified: String,
    pub when: String,
}

#[derive(Template)]
#[template(path = "admin/articles.html")]
pub struct ListPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub notice: Option<String>,
    pub rows: Vec<Row>,
    pub total: i64,
    pub statuses: Vec<(&'static str, String, bool)>,
    pub sections: Vec<(String, String, bool)>,
    pub author: String,
    pub q: String,
    pub sort: String,
    pub pagination: Pagination,
    pub can_create: bool,
}

fn non_empty(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn sort_of(tri: &str) -> NewsroomSort {
    match tri {
        "publication" => NewsroomSort::Published,
        "titre" => NewsroomSort::Title,
        _ => NewsroomSort::Modified,
    }
}

/// The filters the query asks for, within what the person may see.
fn filter_of(q: &ListQuery, n: &Newsroom) -> NewsroomFilter {
    // Contributors and journalists see their own articles; the desk sees everything.
    let own_only = !n.actor.can_manage_site();
    NewsroomFilter {
        status: ArticleStatus::parse(q.statut.trim()),
        section: non_empty(&q.rubrique),
        author: non_empty(&q.auteur),
        created_by: own_only.then_some(n.actor.user_id),
        text: non_empty(&q.q),
    }
}

fn row_of(r: NewsroomRow) -> Row {
    Row {
        id: r.id,
        title: r.title,
        status: status_label(r.status),
        section: r.section_name,
        created_by: r.created_by.unwrap_or_else(|| "—".into()),
        modified: when(r.modified_at),
        when: match (r.status, r.scheduled_at, r.published_at) {
            (ArticleStatus::Scheduled, Some(s), _) => {
                crate::i18n::t1("nr-list-scheduled-on", "date", &when(s))
            }
            (_, _, Some(p)) => when(p),
            _ => String::new(),
        },
    }
}

/// The page links, keeping the filters of the query.
fn pagination_of(q: &ListQuery, page: i64, total: i64) -> Pagination {
    let base = format!(
        "/admin/articles?statut={}&rubrique={}&auteur={}&q={}&tri={}",
        encode_query(q.statut.trim()),
        encode_query(q.rubrique.trim()),
        encode_query(q.auteur.trim()),
        encode_query(q.q.trim()),
        encode_query(&q.tri)
    );
    let mut pagination = Pagination::new(&base, page, total, PER_PAGE);
    // The base already has a query string: the page number joins it.
    pagination.prev = pagination.prev.map(|h| h.replace("?page=", "&page="));
    pagination.next = pagination.next.map(|h| h.replace("?page=", "&page="));
    pagination
}

fn status_options(chosen: Option<ArticleStatus>) -> Vec<(&'static str, String, bool)> {
    STATUSES
        .iter()
        .map(|s| (s.as_str(), status_label(*s), Some(*s) == chosen))
        .collect()
}

fn section_options(
    sections: &[SectionRow],
    chosen: Option<&String>,
) -> Vec<(String, String, bool)> {
    sections
        .iter()
        .map(|s| (s.slug.clone(), s.name.clone(), Some(&s.slug) == chosen))
        .collect()
}

pub async fn list(
    State(state): State<AppState>,
    n: Newsroom,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = crate::handlers::site::page_number(q.page.as_deref())?;
    let sections = state.store().sections().await?;
    let filter = filter_of(&q, &n);
    let (rows, total) = state
        .store()
        .newsroom_articles(&filter, sort_of(&q.tri), (page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    let notice = match q.ok.as_deref() {
        Some("supprime") => Some(crate::i18n::t("nr-done-deleted")),
        _ => None,
    };
    let page = ListPage {
        layout: layout(
            &state,
            &crate::i18n::t("nr-title-articles"),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        nav: AdminNav::of(&n.member, "articles"),
        notice,
        rows: rows.into_iter().map(row_of).collect(),
        total,
        statuses: status_options(filter.status),
        sections: section_options(&sections, filter.section.as_ref()),
        pagination: pagination_of(&q, page, total),
        // No filter given shows as an empty filter field.
        author: filter.author.unwrap_or_default(),
        q: filter.text.unwrap_or_default(),
        sort: q.tri.clone(),
        can_create: n.actor.can_create(),
    };
    Ok(personal(StatusCode::OK, n.jar, page.render()?))
}
