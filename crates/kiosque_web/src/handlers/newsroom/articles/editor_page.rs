//! The editor's page: the form, its live preview, and the workflow buttons the person may use.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use kiosque_domain::newsroom::{self, Action};
use kiosque_domain::{dates, markup, typography, ArticleStatus};
use kiosque_store::ArticleMeta;

use super::access::{status_label, subject, Newsroom};
use super::form::EditorForm;
use super::framing::{article_images, ArticleImage};
use super::nav::AdminNav;
use crate::handlers::newsroom::when;
use crate::layout::layout;
use crate::respond::personal;
use crate::views::{self, BlockView, Figures, Here};
use crate::{AppError, AppState};

/// One action button of the workflow.
pub struct ActionView {
    pub action: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "admin/article_edit.html")]
pub struct EditorPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    /// None for a new article.
    pub id: Option<kiosque_domain::ArticleId>,
    pub version: i64,
    pub status: String,
    pub status_code: &'static str,
    pub public_path: Option<String>,
    pub scheduled: Option<String>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub form: EditorForm,
    pub sections: Vec<(String, String)>,
    pub modes: Vec<(&'static str, String)>,
    pub help: &'static str,
    pub preview: Preview,
    pub actions: Vec<ActionView>,
    /// The address and search-engine fields' problems, shown beside them.
    pub problems: super::form::FieldProblems,
    /// The public address the article has (or will have once published), as the form says.
    pub address: Option<String>,
    pub seo: SeoCounters,
    pub can_edit: bool,
    pub can_schedule: bool,
    pub can_correct: bool,
    pub autosave: Option<(i64, String)>,
    /// "Saved at 14:32": the stored version's time, shown until the text changes (empty for a
    /// new article).
    pub saved_status: String,
    pub corrections: Vec<String>,
    pub today: String,
    /// The library images the text shows, each with a link to frame it.
    pub images: Vec<ArticleImage>,
}

/// The search-engine fields' limits and their counters ("42 / 110 caractères"); `pattern`
/// is the counter with `#` for the count, which the editor's script fills as one types.
pub struct SeoCounters {
    pub title_max: usize,
    pub title_count: String,
    pub title_pattern: String,
    pub description_max: usize,
    pub description_count: String,
    pub description_pattern: String,
}

impl SeoCounters {
    fn of(form: &EditorForm) -> Self {
        use kiosque_domain::article::{MAX_SEO_DESCRIPTION_CHARS, MAX_SEO_TITLE_CHARS};
        let count = |n: usize, max: usize| crate::i18n::t2("seo-counter", "count", n, "max", max);
        let pattern = |max: usize| crate::i18n::t2("seo-counter", "count", "#", "max", max);
        SeoCounters {
            title_max: MAX_SEO_TITLE_CHARS,
            title_count: count(form.seo_title.chars().count(), MAX_SEO_TITLE_CHARS),
            title_pattern: pattern(MAX_SEO_TITLE_CHARS),
            description_max: MAX_SEO_DESCRIPTION_CHARS,
            description_count: count(
                form.seo_description.chars().count(),
                MAX_SEO_DESCRIPTION_CHARS,
            ),
            description_pattern: pattern(MAX_SEO_DESCRIPTION_CHARS),
        }
    }
}

/// The preview pane: the article as the public page shows it.
#[derive(Template, Default)]
#[template(path = "admin/preview.html")]
pub struct Preview {
    pub title: String,
    pub standfirst: Option<String>,
    pub hero: Option<views::FigureView>,
    /// The hero video, described (the preview does not play it).
    pub hero_video: Option<String>,
    pub body: Vec<BlockView>,
    pub error: Option<String>,
}

pub(super) async fn preview_of(state: &AppState, form: &EditorForm) -> Result<Preview, AppError> {
    Ok(match form.to_draft() {
        Ok(d) => {
            let figures = Figures::of_blocks(state.store(), d.hero.as_ref(), &d.body).await?;
            Preview {
                title: typography::french(&d.title),
                standfirst: d.standfirst.as_deref().map(typography::french),
                hero: d
                    .hero
                    .as_ref()
                    .map(|h| figures.figure(h, &crate::i18n::t("site-illustration"))),
                hero_video: d
                    .hero_video
                    .map(|v| crate::i18n::t1("nr-preview-hero-video", "id", v)),
                body: views::blocks(&d.body, &figures),
                error: None,
            }
        }
        Err(e) => Preview {
            title: form.title.clone(),
            error: Some(e),
            ..Preview::default()
        },
    })
}

/// The comment modes an article may choose, with their labels.
fn modes() -> Vec<(&'static str, String)> {
    use crate::i18n::t;
    vec![
        ("open", t("nr-edit-mode-open")),
        ("pre_moderated", t("nr-edit-mode-pre-moderated")),
        ("closed", t("nr-edit-mode-closed")),
    ]
}

/// What the page says besides the form: which article (none when new), and the messages.
pub(super) struct EditorState<'a> {
    pub(super) meta: Option<&'a ArticleMeta>,
    pub(super) public_path: Option<String>,
    pub(super) notice: Option<String>,
    pub(super) error: Option<String>,
    pub(super) autosave: Option<(i64, String)>,
}

impl<'a> EditorState<'a> {
    /// The page of an article not created yet, with an error to show if any.
    pub(super) fn new_article(error: Option<String>) -> Self {
        EditorState {
            meta: None,
            public_path: None,
            notice: None,
            error,
            autosave: None,
        }
    }

    /// The page of an existing article shown again after a post, with an error to show if any.
    pub(super) fn existing(meta: &'a ArticleMeta, error: Option<String>) -> Self {
        EditorState {
            meta: Some(meta),
            public_path: None,
            notice: None,
            error,
            autosave: None,
        }
    }
}

/// What the person may do on the page, given the article's state.
struct Rights {
    status: ArticleStatus,
    can_edit: bool,
    can_schedule: bool,
    can_correct: bool,
    actions: Vec<ActionView>,
}

impl Rights {
    /// A new article: a draft its author edits, with no workflow yet.
    fn new_article() -> Self {
        Rights {
            status: ArticleStatus::Draft,
            can_edit: true,
            can_schedule: false,
            can_correct: false,
            actions: Vec::new(),
        }
    }

    fn of(n: &Newsroom, m: &ArticleMeta) -> Self {
        let subj = subject(m);
        let actions = [
            (Action::Submit, "submit", crate::i18n::t("nr-edit-submit")),
            (
                Action::Publish,
                "publish",
                crate::i18n::t("nr-edit-publish"),
            ),
            (
                Action::Unpublish,
                "unpublish",
                crate::i18n::t("nr-edit-unpublish"),
            ),
        ]
        .into_iter()
        .filter(|(action, ..)| {
            n.actor.may(*action, &subj) && newsroom::transition(m.status, *action).is_some()
        })
        .map(|(_, action, label)| ActionView { action, label })
        .collect();
        Rights {
            status: m.status,
            can_edit: n.actor.may(Action::Edit, &subj),
            can_schedule: n.actor.may(Action::Schedule, &subj)
                && newsroom::transition(m.status, Action::Schedule).is_some(),
            can_correct: n.actor.may(Action::Correct, &subj)
                && m.status == ArticleStatus::Published,
            actions,
        }
    }
}

async fn corrections(
    state: &AppState,
    meta: Option<&ArticleMeta>,
) -> Result<Vec<String>, AppError> {
    let Some(m) = meta else {
        return Ok(Vec::new());
    };
    Ok(state
        .store()
        .corrections(m.id)
        .await?
        .into_iter()
        .map(|(t, at)| format!("{} — {t}", when(at)))
        .collect())
}

/// Today in Paris, as the schedule form's date field wants it.
fn today(state: &AppState) -> String {
    dates::from_millis(state.config().clock.now_ms())
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%d")
        .to_string()
}

pub(super) async fn editor_page(
    state: &AppState,
    n: &Newsroom,
    form: EditorForm,
    s: EditorState<'_>,
    status_code: StatusCode,
) -> Result<Response, AppError> {
    let sections = state.store().sections().await?;
    let rights = s
        .meta
        .map_or_else(Rights::new_article, |m| Rights::of(n, m));
    let corrections = corrections(state, s.meta).await?;
    let images = article_images(state, &form).await?;
    let title = match s.meta {
        Some(_) => crate::i18n::t1("nr-title-article", "title", &form.title),
        None => crate::i18n::t("nr-title-new-article"),
    };
    let page = EditorPage {
        layout: layout(state, &title, None, None, Here::Elsewhere).await?,
        nav: AdminNav::of(&n.member, "articles"),
        csrf: n.member.csrf.clone(),
        id: s.meta.map(|m| m.id),
        version: s.meta.map_or(0, |m| m.version),
        status: status_label(rights.status),
        status_code: rights.status.as_str(),
        public_path: s.public_path,
        scheduled: s.meta.and_then(scheduled_at).map(when),
        notice: s.notice,
        error: s.error,
        preview: preview_of(state, &form).await?,
        problems: form.field_problems(),
        address: s.meta.map(|m| {
            kiosque_domain::slug::article_path(
                form.section.trim(),
                &form.address_slug(),
                m.id.get(),
            )
        }),
        seo: SeoCounters::of(&form),
        form,
        sections: sections.into_iter().map(|s| (s.slug, s.name)).collect(),
        modes: modes(),
        help: markup::help(),
        actions: rights.actions,
        can_edit: rights.can_edit,
        can_schedule: rights.can_schedule,
        can_correct: rights.can_correct,
        autosave: s.autosave,
        saved_status: s.meta.map_or_else(String::new, |m| {
            crate::i18n::t1(
                "save-status-saved",
                "time",
                &dates::paris_time(m.modified_at),
            )
        }),
        corrections,
        today: today(state),
        images,
    };
    Ok(personal(status_code, n.jar.clone(), page.render()?))
}

/// When a scheduled article goes online (a date left from an earlier schedule is not shown).
fn scheduled_at(m: &ArticleMeta) -> Option<i64> {
    m.scheduled_at
        .filter(|_| m.status == ArticleStatus::Scheduled)
}
