//! An article's history: the list of revisions, the comparison of two, and restoring one.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_domain::newsroom::Action;
use kiosque_domain::revision::{self, LineChange};
use kiosque_store::{RevisionRow, Saved};
use serde::Deserialize;

use super::access::{meta, subject, Newsroom};
use super::checks::check_section_move;
use super::nav::AdminNav;
use crate::form::Form;
use crate::handlers::newsroom::when;
use crate::layout::layout;
use crate::respond::{personal, see_other};
use crate::views::Here;
use crate::{AppError, AppState};

pub struct RevisionView {
    pub id: i64,
    pub version: i64,
    pub kind: String,
    pub author: String,
    pub date: String,
}

#[derive(Template)]
#[template(path = "admin/revisions.html")]
pub struct RevisionsPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub id: kiosque_domain::ArticleId,
    pub title: String,
    pub version: i64,
    pub can_restore: bool,
    pub revisions: Vec<RevisionView>,
}

fn kind_label(k: &str) -> String {
    use crate::i18n::t;
    match k {
        "save" => t("nr-rev-kind-save"),
        "restore" => t("nr-rev-kind-restore"),
        "autosave" => t("nr-rev-kind-autosave"),
        "conflict" => t("nr-rev-kind-conflict"),
        kiosque_store::IMPORT_REVISION => t("nr-rev-kind-import"),
        _ => t("nr-rev-kind-other"),
    }
}

fn revision_view(r: RevisionRow) -> RevisionView {
    RevisionView {
        id: r.id,
        version: r.version,
        kind: kind_label(&r.kind),
        // An import is nobody's account: it signs its own revisions.
        author: r.author.unwrap_or_else(|| {
            if r.kind == kiosque_store::IMPORT_REVISION {
                crate::i18n::t("nr-rev-author-import")
            } else {
                "—".into()
            }
        }),
        date: when(r.created_at),
    }
}

pub async fn revisions(
    State(state): State<AppState>,
    n: Newsroom,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let meta = meta(&state, &id).await?;
    n.require(Action::View, &meta)?;
    let article = state
        .store()
        .article(meta.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let revisions = state
        .store()
        .revisions(meta.id)
        .await?
        .into_iter()
        // The latest hundred: enough to compare and restore; older ones stay stored.
        .take(100)
        .map(revision_view)
        .collect();
    let title = crate::i18n::t("nr-title-history");
    let page = RevisionsPage {
        layout: layout(&state, &title, None, None, Here::Elsewhere).await?,
        nav: AdminNav::of(&n.member, "articles"),
        csrf: n.member.csrf.clone(),
        id: meta.id,
        title: article.title,
        version: meta.version,
        can_restore: n.actor.may(Action::Edit, &subject(&meta)),
        revisions,
    };
    Ok(personal(StatusCode::OK, n.jar, page.render()?))
}

pub struct DiffLine {
    /// "same", "added" or "removed".
    pub kind: &'static str,
    pub sign: &'static str,
    pub text: String,
}

impl From<revision::DiffLine> for DiffLine {
    fn from(l: revision::DiffLine) -> Self {
        let (kind, sign) = match l.change {
            LineChange::Same => ("same", " "),
            LineChange::Added => ("added", "+"),
            LineChange::Removed => ("removed", "−"),
        };
        DiffLine {
            kind,
            sign,
            text: l.text,
        }
    }
}

#[derive(Template)]
#[template(path = "admin/diff.html")]
pub struct DiffPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub id: kiosque_domain::ArticleId,
    pub from: i64,
    pub to: i64,
    pub lines: Vec<DiffLine>,
    pub changes: usize,
}

/// Lines of `a` and `b` compared (a removed line is in `a` only, an added one in `b` only).
pub fn diff_lines(a: &str, b: &str) -> Vec<DiffLine> {
    revision::diff_lines(a, b)
        .into_iter()
        .map(DiffLine::from)
        .collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DiffQuery {
    de: String,
    a: String,
}

fn revision_number(s: &str) -> Result<i64, AppError> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| AppError::BadRequest(crate::i18n::t("nr-rev-choose-two")))
}

pub async fn diff(
    State(state): State<AppState>,
    n: Newsroom,
    Path(id): Path<String>,
    Query(q): Query<DiffQuery>,
) -> Result<Response, AppError> {
    let meta = meta(&state, &id).await?;
    n.require(Action::View, &meta)?;
    let (from, to) = (revision_number(&q.de)?, revision_number(&q.a)?);
    let a = state
        .store()
        .revision(meta.id, from)
        .await?
        .ok_or(AppError::NotFound)?;
    let b = state
        .store()
        .revision(meta.id, to)
        .await?
        .ok_or(AppError::NotFound)?;
    let lines = diff_lines(&revision::as_text(&a), &revision::as_text(&b));
    let changes = lines.iter().filter(|l| l.kind != "same").count();
    let title = crate::i18n::t("nr-title-compare");
    let page = DiffPage {
        layout: layout(&state, &title, None, None, Here::Elsewhere).await?,
        nav: AdminNav::of(&n.member, "articles"),
        id: meta.id,
        from,
        to,
        lines,
        changes,
    };
    Ok(personal(StatusCode::OK, n.jar, page.render()?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RestoreForm {
    csrf: String,
    version: String,
}

const STALE_HISTORY: &str = "nr-rev-stale";

pub async fn restore(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path((id, rev)): Path<(String, String)>,
    Form(form): Form<RestoreForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let meta = meta(&state, &id).await?;
    n.require(Action::Edit, &meta)?;
    let rev: i64 = rev.parse().map_err(|_| AppError::NotFound)?;
    let draft = state
        .store()
        .revision(meta.id, rev)
        .await?
        .ok_or(AppError::NotFound)?;
    check_section_move(&state, &n, &meta, &draft.section).await?;
    // A restore from a stale history page is refused before anything is written: it would
    // otherwise overwrite a newer save (and a restore has nothing typed worth keeping).
    let expected: i64 = form
        .version
        .parse()
        .map_err(|_| AppError::BadRequest(crate::i18n::t("nr-rev-version-missing")))?;
    if expected != meta.version {
        return Err(AppError::BadRequest(crate::i18n::t(STALE_HISTORY)));
    }
    match state
        .store()
        .save_article_as(meta.id, &draft, expected, &n.actor, "restore")
        .await
        .map_err(|e| match e {
            kiosque_store::StoreError::Forbidden => {
                AppError::Denied(crate::i18n::t("nr-edit-move-denied"))
            }
            e => e.into(),
        })? {
        Saved::Ok { .. } => Ok(see_other(
            n.jar,
            &format!("/admin/articles/{}?ok=restaure", meta.id),
        )),
        Saved::Conflict(_) => Err(AppError::BadRequest(crate::i18n::t(STALE_HISTORY))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_shows_added_and_removed_lines() {
        let lines = diff_lines("Titre : A\n\nun\ndeux\n", "Titre : B\n\nun\ndeux\ntrois\n");
        let changed: Vec<(&str, &str)> = lines
            .iter()
            .filter(|l| l.kind != "same")
            .map(|l| (l.kind, l.text.as_str()))
            .collect();
        assert_eq!(
            changed,
            [
                ("removed", "Titre : A"),
                ("added", "Titre : B"),
                ("added", "trois")
            ]
        );
    }
}
