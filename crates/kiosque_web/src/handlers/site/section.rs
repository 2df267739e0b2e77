use axum::extract::{Path, Query, State};
use axum::response::Response;
use kiosque_domain::change::Key;
use kiosque_domain::front::Place;
use kiosque_domain::typography::typeset;
use kiosque_store::SectionRow;

use super::{PageQuery, PER_PAGE};
use crate::cache::Deps;
use crate::config::SiteConfig;
use crate::pages::{render_paginated, Layout, ListPage};
use crate::views::{self, CardView, Crumb, Here, Pagination};
use crate::{AppError, AppState};

/// A section page, paginated: `/monde`, `/monde?page=2`.
pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = super::page_number(q.page.as_deref())?;
    let store = state.store();
    let all = store.sections().await?;
    let section = all
        .iter()
        .find(|s| s.slug == slug)
        .ok_or(AppError::NotFound)?;
    let ids = kiosque_store::subtree(&all, section.id);
    let (cards, total) = store
        .published_articles(Some(&ids), (page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    if page > 1 && cards.is_empty() {
        return Err(AppError::NotFound);
    }
    let href = views::section_href(&section.slug);
    let breadcrumb = breadcrumb(section, &all);
    let layout = section_layout(&state, section, &breadcrumb, &href, page).await?;
    let deps = ids
        .iter()
        .fold(Deps::new([Key::Nav]), |d, id| d.with(Key::Section(*id)));
    // The lead an editor chose for the page (still published), shown first on page one only.
    let chosen = match page {
        1 => store
            .placed_stories(Place::Section(section.id))
            .await?
            .into_iter()
            .next()
            .map(|(_, c)| c),
        _ => None,
    };
    let cards: Vec<_> = cards
        .into_iter()
        .filter(|c| chosen.as_ref().is_none_or(|l| l.id != c.id))
        .collect();
    let figures = super::thumbs::figures(&state, chosen.iter().chain(&cards), Vec::new()).await?;
    let mut cards: Vec<_> = cards
        .iter()
        .map(|c| views::card(c, Some(&figures)))
        .collect();
    let mut lead = match &chosen {
        Some(c) => Some(super::thumbs::lead(c, &figures)),
        None => (page == 1).then(|| lead(&mut cards)).flatten(),
    };
    let comment_deps =
        super::count_comments(&state, lead.iter_mut().chain(cards.iter_mut()).collect()).await?;
    render_paginated(
        &ListPage {
            layout,
            breadcrumb: (!breadcrumb.is_empty()).then_some(breadcrumb),
            kicker: None,
            heading: typeset(&section.name),
            description: section.description.as_deref().map(typeset),
            subsections: subsections(section, &all),
            lead,
            cards,
            pagination: Pagination::new(&href, page, total, PER_PAGE),
        },
        deps.extend(comment_deps).extend(figures.deps()),
    )
}

/// How far down the newest stories a section looks for a lead with a picture.
const LEAD_WITHIN: usize = 3;

/// Takes the section's lead out of its first page: the newest story with a picture among the
/// newest few, else the newest.
fn lead(cards: &mut Vec<CardView>) -> Option<CardView> {
    if cards.is_empty() {
        return None;
    }
    let at = cards
        .iter()
        .take(LEAD_WITHIN)
        .position(|c| c.hero.is_some())
        .unwrap_or(0);
    let mut lead = cards.remove(at);
    lead.hero = lead
        .hero
        .map(|h| super::thumbs::prominent(h, super::thumbs::LEAD_SIZES));
    Some(lead)
}

/// The sections inside this one, in the site's order.
fn subsections(section: &SectionRow, all: &[SectionRow]) -> Vec<Crumb> {
    all.iter()
        .filter(|s| s.parent_id == Some(section.id))
        .map(|s| Crumb {
            href: views::section_href(&s.slug),
            name: typeset(&s.name),
        })
        .collect()
}

/// The parent section, if any: the page's own name closes the trail.
fn breadcrumb(section: &SectionRow, all: &[SectionRow]) -> Vec<Crumb> {
    section
        .parent_id
        .and_then(|p| all.iter().find(|s| s.id == p))
        .map(|parent| Crumb {
            href: views::section_href(&parent.slug),
            name: typeset(&parent.name),
        })
        .into_iter()
        .collect()
}

/// The layout, with the section's feeds and its breadcrumb for search engines.
async fn section_layout(
    state: &AppState,
    section: &SectionRow,
    breadcrumb: &[Crumb],
    href: &str,
    page: i64,
) -> Result<Layout, AppError> {
    let here = match section.parent_id {
        Some(top) => Here::InSection(top),
        None => Here::SectionPage(section.id),
    };
    let title = if page > 1 {
        crate::i18n::t2("site-title-page", "title", &section.name, "page", page)
    } else {
        crate::i18n::t1("site-title", "title", &section.name)
    };
    let mut layout = crate::layout::layout(
        state,
        &title,
        section.description.as_deref(),
        Some(if page > 1 {
            format!("{href}?page={page}")
        } else {
            href.to_owned()
        }),
        here,
    )
    .await?;
    layout
        .feeds
        .extend(super::feeds::alternates(state, &section.name, href));
    let ld = breadcrumb_list(state.config(), breadcrumb, &section.name, href);
    layout.json_ld = Some(crate::pages::json_ld(&ld));
    Ok(layout)
}

/// A schema.org breadcrumb: home, the parent section, this section.
fn breadcrumb_list(
    config: &SiteConfig,
    breadcrumb: &[Crumb],
    name: &str,
    href: &str,
) -> serde_json::Value {
    let mut crumbs = vec![(crate::i18n::t("site-home"), config.link("/"))];
    crumbs.extend(
        breadcrumb
            .iter()
            .map(|c| (c.name.clone(), config.link(&c.href))),
    );
    crumbs.push((name.to_owned(), config.link(href)));
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": crumbs.iter().enumerate().map(|(i, (name, url))| serde_json::json!({
            "@type": "ListItem",
            "position": i + 1,
            "name": name,
            "item": url,
        })).collect::<Vec<_>>(),
    })
}
