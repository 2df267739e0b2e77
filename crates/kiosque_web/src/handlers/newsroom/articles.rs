//! The newsroom's articles (`/admin/articles`): the list, the editor with its live preview and
//! autosave, revisions with diff and restore, the workflow (submit, publish, schedule,
//! unpublish) and correction notes. Every handler asks the domain's permission matrix.

use askama::Template;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::form::Form;
use kiosque_domain::newsroom::{self, Action, Actor, Subject};
use kiosque_domain::{dates, markup, ArticleDraft, ArticleStatus, CommentMode, MediaRef};
use kiosque_store::{ArticleMeta, NewsroomFilter, NewsroomSort, Saved};
use serde::Deserialize;

use super::when;
use crate::auth::{MaybeMember, Member};
use crate::extract::RequireMember;
use crate::layout::layout;
use crate::respond::{encode_query, personal, see_other};
use crate::views::{self, BlockView, Figures, Here, Pagination};
use crate::{AppError, AppState};

const PER_PAGE: i64 = 30;

/// A member who works in the newsroom (contributor and up), with what the rules need.
pub struct Newsroom {
    pub member: Member,
    pub jar: axum_extra::extract::CookieJar,
    pub actor: Actor,
}

impl FromRequestParts<AppState> for Newsroom {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let RequireMember(member, jar) = RequireMember::from_request_parts(parts, state).await?;
        let actor = Actor {
            user_id: member.user.id,
            roles: member.user.roles.clone(),
            publish_sections: state.store().publish_sections(member.user.id).await?,
        };
        if !actor.in_newsroom() || member.user.is_banned(chrono::Utc::now().timestamp_millis()) {
            return Err(AppError::Forbidden);
        }
        Ok(Newsroom { member, jar, actor })
    }
}

impl Newsroom {
    pub fn check_csrf(&self, headers: &HeaderMap, token: &str) -> Result<(), AppError> {
        MaybeMember {
            member: Some(self.member.clone()),
            jar: self.jar.clone(),
        }
        .check_csrf(headers, token)
    }

    fn require(&self, action: Action, meta: &ArticleMeta) -> Result<(), AppError> {
        if self.actor.may(action, &subject(meta)) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

fn subject(m: &ArticleMeta) -> Subject {
    Subject {
        created_by: m.created_by,
        section_id: m.section_id,
        status: m.status,
    }
}

pub fn status_label(s: ArticleStatus) -> &'static str {
    match s {
        ArticleStatus::Draft => "Brouillon",
        ArticleStatus::InReview => "À relire",
        ArticleStatus::Scheduled => "Programmé",
        ArticleStatus::Published => "Publié",
        ArticleStatus::Unpublished => "Dépublié",
    }
}

const STATUSES: [ArticleStatus; 5] = [
    ArticleStatus::Draft,
    ArticleStatus::InReview,
    ArticleStatus::Scheduled,
    ArticleStatus::Published,
    ArticleStatus::Unpublished,
];

/// Moving an online (or scheduled) article to another section publishes it there: the person
/// must be allowed to publish in that section too.
async fn check_section_move(
    state: &AppState,
    n: &Newsroom,
    meta: &ArticleMeta,
    section: &str,
) -> Result<(), AppError> {
    if !matches!(
        meta.status,
        ArticleStatus::Published | ArticleStatus::Scheduled
    ) {
        return Ok(());
    }
    let Some(target) = state.store().section_by_slug(section).await? else {
        // Unknown: the save refuses it with its own message.
        return Ok(());
    };
    let there = Subject {
        created_by: meta.created_by,
        section_id: target.id,
        status: ArticleStatus::InReview,
    };
    if target.id != meta.section_id && !n.actor.may(Action::Publish, &there) {
        return Err(AppError::Denied(
            "Cet article est en ligne : vous ne pouvez pas le déplacer dans une rubrique où \
             vous ne publiez pas."
                .into(),
        ));
    }
    Ok(())
}

/// Videos and articles the draft refers to by number must exist (the hero video, `::video N`,
/// `::lire-aussi N`): a reason to show the journalist, or `None`.
async fn hero_video_problem(
    state: &AppState,
    draft: &ArticleDraft,
) -> Result<Option<String>, AppError> {
    use kiosque_domain::Block;
    let mut videos: Vec<i64> = draft.hero_video.into_iter().collect();
    let mut articles = Vec::new();
    for b in &draft.body {
        match b {
            Block::Video { video_id } => videos.push(*video_id),
            Block::ReadAlso { article_id, .. } => articles.push(*article_id),
            _ => {}
        }
    }
    videos.dedup();
    for v in videos {
        if state.store().video(v).await?.is_none() {
            return Ok(Some(format!(
                "Il n’y a pas de vidéo n° {v} : choisissez-en une dans la liste des vidéos."
            )));
        }
    }
    for a in articles {
        if state.store().article_meta(a).await?.is_none() {
            return Ok(Some(format!(
                "« Lire aussi » renvoie à l’article n° {a}, qui n’existe pas."
            )));
        }
    }
    Ok(None)
}

async fn meta(state: &AppState, id: &str) -> Result<ArticleMeta, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    state
        .store()
        .article_meta(id)
        .await?
        .ok_or(AppError::NotFound)
}

// ------------------------------------------------------------------ the list

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
    pub id: i64,
    pub title: String,
    pub status: &'static str,
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
    pub statuses: Vec<(&'static str, &'static str, bool)>,
    pub sections: Vec<(String, String, bool)>,
    pub author: String,
    pub q: String,
    pub sort: String,
    pub pagination: Pagination,
    pub can_create: bool,
}

/// The links of the back office a person may use.
pub struct AdminNav {
    pub current: &'static str,
    pub articles: bool,
    pub media: bool,
    pub moderation: bool,
    pub admin: bool,
}

impl AdminNav {
    pub fn of(m: &Member, current: &'static str) -> Self {
        let actor = Actor::of_roles(m.user.id, m.user.roles.clone());
        AdminNav {
            current,
            articles: actor.in_newsroom(),
            media: actor.can_use_media(),
            moderation: m.user.roles.can_moderate(),
            admin: m.user.roles.is_admin(),
        }
    }
}

/// `/admin`: the first page a staff member may use.
pub async fn home(RequireMember(m, jar): RequireMember) -> Result<Response, AppError> {
    let nav = AdminNav::of(&m, "");
    let to = if nav.articles {
        "/admin/articles"
    } else if nav.moderation {
        "/admin/moderation"
    } else if nav.admin {
        "/admin/api"
    } else {
        return Err(AppError::Forbidden);
    };
    Ok(see_other(jar, to))
}

pub async fn list(
    State(state): State<AppState>,
    n: Newsroom,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = crate::handlers::site::page_number(q.page.as_deref())?;
    let sections = state.store().sections().await?;
    let status = ArticleStatus::parse(q.statut.trim());
    let section = Some(q.rubrique.trim().to_owned()).filter(|s| !s.is_empty());
    let author = Some(q.auteur.trim().to_owned()).filter(|s| !s.is_empty());
    let text = Some(q.q.trim().to_owned()).filter(|s| !s.is_empty());
    let sort = match q.tri.as_str() {
        "publication" => NewsroomSort::Published,
        "titre" => NewsroomSort::Title,
        _ => NewsroomSort::Modified,
    };
    // Contributors and journalists see their own articles; the desk sees everything.
    let own_only = !n.actor.can_manage_site();
    let filter = NewsroomFilter {
        status,
        section: section.clone(),
        author: author.clone(),
        created_by: own_only.then_some(n.actor.user_id),
        text: text.clone(),
    };
    let (rows, total) = state
        .store()
        .newsroom_articles(&filter, sort, (page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    let rows = rows
        .into_iter()
        .map(|r| Row {
            id: r.id,
            title: r.title,
            status: status_label(r.status),
            section: r.section_name,
            created_by: r.created_by.unwrap_or_else(|| "—".into()),
            modified: when(r.modified_at),
            when: match (r.status, r.scheduled_at, r.published_at) {
                (ArticleStatus::Scheduled, Some(s), _) => format!("le {}", when(s)),
                (_, _, Some(p)) => when(p),
                _ => String::new(),
            },
        })
        .collect();
    let mut base = format!(
        "/admin/articles?statut={}&rubrique={}&auteur={}&q={}&tri={}",
        encode_query(q.statut.trim()),
        encode_query(q.rubrique.trim()),
        encode_query(q.auteur.trim()),
        encode_query(q.q.trim()),
        encode_query(&q.tri)
    );
    let mut pagination = Pagination::new(&base, page, total, PER_PAGE);
    pagination.prev = pagination.prev.map(|h| h.replace("?page=", "&page="));
    pagination.next = pagination.next.map(|h| h.replace("?page=", "&page="));
    base.clear();
    let notice = match q.ok.as_deref() {
        Some("supprime") => Some("Article supprimé.".to_owned()),
        _ => None,
    };
    let page = ListPage {
        layout: layout(&state, "Articles — Rédaction", None, None, Here::Elsewhere).await?,
        nav: AdminNav::of(&n.member, "articles"),
        notice,
        rows,
        total,
        statuses: STATUSES
            .iter()
            .map(|s| (s.as_str(), status_label(*s), Some(*s) == status))
            .collect(),
        sections: sections
            .iter()
            .map(|s| {
                (
                    s.slug.clone(),
                    s.name.clone(),
                    Some(&s.slug) == section.as_ref(),
                )
            })
            .collect(),
        author: author.unwrap_or_default(),
        q: text.unwrap_or_default(),
        sort: q.tri.clone(),
        pagination,
        can_create: n.actor.can_create(),
    };
    Ok(personal(StatusCode::OK, n.jar, page.render()?))
}

// ------------------------------------------------------------------ the editor

/// The editor's fields, as posted.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct EditorForm {
    pub csrf: String,
    pub version: String,
    pub intent: String,
    pub title: String,
    pub standfirst: String,
    pub section: String,
    pub tags: String,
    pub authors: String,
    pub hero_path: String,
    pub hero_alt: String,
    pub hero_caption: String,
    pub hero_credit: String,
    /// A video entry's number, shown at the top in place of the image.
    pub hero_video: String,
    pub comment_mode: String,
    pub body: String,
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn list_field(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

impl EditorForm {
    fn of(d: &ArticleDraft) -> Self {
        let hero = d.hero.clone().unwrap_or_default();
        EditorForm {
            title: d.title.clone(),
            standfirst: d.standfirst.clone().unwrap_or_default(),
            section: d.section.clone(),
            tags: d.tags.join(", "),
            authors: d.authors.join(", "),
            hero_path: hero.path,
            hero_alt: hero.alt.unwrap_or_default(),
            hero_caption: hero.caption.unwrap_or_default(),
            hero_credit: hero.credit.unwrap_or_default(),
            hero_video: d.hero_video.map(|v| v.to_string()).unwrap_or_default(),
            comment_mode: d.comment_mode.as_str().to_owned(),
            body: markup::render(&d.body),
            ..EditorForm::default()
        }
    }

    /// The draft this form describes, or the reason it cannot be one (shown to the journalist).
    fn to_draft(&self) -> Result<ArticleDraft, String> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err("Donnez un titre à l’article.".into());
        }
        if self.section.trim().is_empty() {
            return Err("Choisissez une rubrique.".into());
        }
        let body = markup::parse(&self.body).map_err(|e| e.to_string())?;
        let hero = match non_empty(&self.hero_path) {
            None => None,
            Some(path) => {
                let path = markup::media_path(&path).map_err(|_| {
                    "L’image principale doit être un chemin de la médiathèque \
                     (/2016/12/23/photo.jpg)."
                        .to_owned()
                })?;
                Some(MediaRef {
                    path,
                    alt: non_empty(&self.hero_alt),
                    caption: non_empty(&self.hero_caption),
                    credit: non_empty(&self.hero_credit),
                    width: None,
                    height: None,
                })
            }
        };
        let hero_video = match non_empty(&self.hero_video) {
            None => None,
            Some(v) => Some(
                v.trim_start_matches(['n', '°', ' '])
                    .parse::<i64>()
                    .ok()
                    .filter(|id| *id > 0)
                    .ok_or_else(|| {
                        "La vidéo principale se désigne par son numéro (celui de la liste des \
                         vidéos)."
                            .to_owned()
                    })?,
            ),
        };
        let draft = ArticleDraft {
            source_key: None,
            section: self.section.trim().to_owned(),
            title: title.to_owned(),
            standfirst: non_empty(&self.standfirst),
            hero,
            hero_video,
            body,
            tags: list_field(&self.tags),
            authors: list_field(&self.authors),
            status: ArticleStatus::Draft,
            published_at: None,
            published_time_known: true,
            updated_at: None,
            comment_mode: CommentMode::parse(&self.comment_mode).unwrap_or_default(),
        };
        draft.validate().map_err(|e| draft_error_fr(&e))?;
        Ok(draft)
    }
}

/// The domain's validation errors, in the journalist's language.
fn draft_error_fr(e: &kiosque_domain::DraftError) -> String {
    use kiosque_domain::article::{MAX_BLOCKS, MAX_BLOCK_CHARS};
    use kiosque_domain::DraftError;
    match e {
        DraftError::EmptyTitle => "Donnez un titre à l’article.".to_owned(),
        DraftError::TitleTooLong => "Le titre est trop long (300 caractères au plus).".to_owned(),
        DraftError::StandfirstTooLong => {
            "Le chapô est trop long (1 000 caractères au plus).".to_owned()
        }
        DraftError::TooManyBlocks => {
            format!("Le texte compte trop de blocs ({MAX_BLOCKS} au plus).")
        }
        DraftError::BlockTooLong => {
            format!("Un bloc du texte est trop long ({MAX_BLOCK_CHARS} caractères au plus).")
        }
        DraftError::PublishedWithoutDate => {
            "Un article publié doit avoir une date de publication.".to_owned()
        }
        DraftError::BadSection(_) => "Cette rubrique n’existe pas.".to_owned(),
    }
}

/// One action button of the workflow.
pub struct ActionView {
    pub action: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "admin/article_edit.html")]
pub struct EditorPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    /// None for a new article.
    pub id: Option<i64>,
    pub version: i64,
    pub status: &'static str,
    pub status_code: &'static str,
    pub public_path: Option<String>,
    pub scheduled: Option<String>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub form: EditorForm,
    pub sections: Vec<(String, String)>,
    pub modes: Vec<(&'static str, &'static str)>,
    pub help: &'static str,
    pub preview: Preview,
    pub actions: Vec<ActionView>,
    pub can_edit: bool,
    pub can_schedule: bool,
    pub can_correct: bool,
    pub autosave: Option<(i64, String)>,
    pub corrections: Vec<String>,
    pub today: String,
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

fn preview_of(state: &AppState, form: &EditorForm) -> Preview {
    let figures = Figures {
        media_dir: state.media_dir(),
    };
    match form.to_draft() {
        Ok(d) => Preview {
            title: kiosque_domain::typography::french(&d.title),
            standfirst: d
                .standfirst
                .as_deref()
                .map(kiosque_domain::typography::french),
            hero: d.hero.as_ref().map(|h| figures.figure(h, "Illustration")),
            hero_video: d
                .hero_video
                .map(|v| format!("Vidéo n° {v} en tête de l’article")),
            body: views::blocks(&d.body, &figures),
            error: None,
        },
        Err(e) => Preview {
            title: form.title.clone(),
            error: Some(e),
            ..Preview::default()
        },
    }
}

const MODES: [(&str, &str); 3] = [
    ("open", "Ouverts"),
    ("pre_moderated", "Modérés a priori"),
    ("closed", "Fermés"),
];

struct EditorState<'a> {
    meta: Option<&'a ArticleMeta>,
    public_path: Option<String>,
    notice: Option<String>,
    error: Option<String>,
    autosave: Option<(i64, String)>,
}

impl EditorState<'_> {
    /// The page of an article not created yet, with an error to show if any.
    fn new_article(error: Option<String>) -> Self {
        EditorState {
            meta: None,
            public_path: None,
            notice: None,
            error,
            autosave: None,
        }
    }
}

async fn editor_page(
    state: &AppState,
    n: &Newsroom,
    form: EditorForm,
    s: EditorState<'_>,
    status_code: StatusCode,
) -> Result<Response, AppError> {
    let sections = state
        .store()
        .sections()
        .await?
        .into_iter()
        .map(|s| (s.slug, s.name))
        .collect();
    let (status, can_edit, can_schedule, can_correct, actions, corrections) = match s.meta {
        None => (
            ArticleStatus::Draft,
            true,
            false,
            false,
            Vec::new(),
            Vec::new(),
        ),
        Some(m) => {
            let subj = subject(m);
            let mut actions = Vec::new();
            for (action, code, label) in [
                (Action::Submit, "submit", "Envoyer en relecture"),
                (Action::Publish, "publish", "Publier maintenant"),
                (Action::Unpublish, "unpublish", "Dépublier"),
            ] {
                if n.actor.may(action, &subj) && newsroom::transition(m.status, action).is_some() {
                    actions.push(ActionView {
                        action: code,
                        label,
                    });
                }
            }
            let corrections = state
                .store()
                .corrections(m.id)
                .await?
                .into_iter()
                .map(|(t, at)| format!("{} — {t}", when(at)))
                .collect();
            (
                m.status,
                n.actor.may(Action::Edit, &subj),
                n.actor.may(Action::Schedule, &subj)
                    && newsroom::transition(m.status, Action::Schedule).is_some(),
                n.actor.may(Action::Correct, &subj) && m.status == ArticleStatus::Published,
                actions,
                corrections,
            )
        }
    };
    let title = match s.meta {
        Some(_) => format!("{} — Rédaction", form.title),
        None => "Nouvel article — Rédaction".to_owned(),
    };
    let page = EditorPage {
        layout: layout(state, &title, None, None, Here::Elsewhere).await?,
        nav: AdminNav::of(&n.member, "articles"),
        csrf: n.member.csrf.clone(),
        id: s.meta.map(|m| m.id),
        version: s.meta.map_or(0, |m| m.version),
        status: status_label(status),
        status_code: status.as_str(),
        public_path: s.public_path,
        scheduled: s
            .meta
            .and_then(|m| {
                m.scheduled_at
                    .filter(|_| m.status == ArticleStatus::Scheduled)
            })
            .map(when),
        notice: s.notice,
        error: s.error,
        preview: preview_of(state, &form),
        form,
        sections,
        modes: MODES.to_vec(),
        help: markup::HELP_FR,
        actions,
        can_edit,
        can_schedule,
        can_correct,
        autosave: s.autosave,
        corrections,
        today: dates::from_millis(state.config().clock.now_ms())
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%Y-%m-%d")
            .to_string(),
    };
    Ok(personal(status_code, n.jar.clone(), page.render()?))
}

pub async fn new_form(State(state): State<AppState>, n: Newsroom) -> Result<Response, AppError> {
    if !n.actor.can_create() {
        return Err(AppError::Forbidden);
    }
    let form = EditorForm {
        comment_mode: "open".into(),
        authors: n.member.user.display_name.clone(),
        ..EditorForm::default()
    };
    editor_page(
        &state,
        &n,
        form,
        EditorState::new_article(None),
        StatusCode::OK,
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Form(form): Form<EditorForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    if !n.actor.can_create() {
        return Err(AppError::Forbidden);
    }
    let draft = match form.to_draft() {
        Ok(d) if form.intent != "preview" => d,
        result => {
            let error = result.err();
            let status = if error.is_some() {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::OK
            };
            return editor_page(&state, &n, form, EditorState::new_article(error), status).await;
        }
    };
    if let Some(problem) = hero_video_problem(&state, &draft).await? {
        return editor_page(
            &state,
            &n,
            form,
            EditorState::new_article(Some(problem)),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let up = match state.store().create_article(&draft, n.actor.user_id).await {
        Ok(up) => up,
        Err(kiosque_store::StoreError::Invalid(m)) => {
            return editor_page(
                &state,
                &n,
                form,
                EditorState::new_article(Some(section_message(&m))),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!(article = up.id, user = n.actor.user_id, "article created");
    Ok(see_other(
        n.jar,
        &format!("/admin/articles/{}?ok=cree", up.id),
    ))
}

fn section_message(m: &str) -> String {
    if m.starts_with("no section") {
        "Cette rubrique n’existe pas.".to_owned()
    } else {
        m.to_owned()
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EditQuery {
    ok: Option<String>,
    reprendre: Option<String>,
}

pub async fn edit(
    State(state): State<AppState>,
    n: Newsroom,
    Path(id): Path<String>,
    Query(q): Query<EditQuery>,
) -> Result<Response, AppError> {
    let meta = meta(&state, &id).await?;
    n.require(Action::View, &meta)?;
    let article = state
        .store()
        .article(meta.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut form = EditorForm::of(&article.to_draft());
    let pending = state
        .store()
        .pending_autosave(meta.id, n.actor.user_id)
        .await?;
    let mut notice = match q.ok.as_deref() {
        Some("cree") => Some("Article créé. Il est enregistré comme brouillon.".to_owned()),
        Some("enregistre") => Some("Modifications enregistrées.".to_owned()),
        Some("submit") => Some("Article envoyé en relecture.".to_owned()),
        Some("publish") => Some("Article publié.".to_owned()),
        Some("schedule") => Some("Publication programmée.".to_owned()),
        Some("unpublish") => Some("Article dépublié : il n’est plus en ligne.".to_owned()),
        Some("rectificatif") => Some("Rectificatif ajouté à la page publique.".to_owned()),
        Some("restaure") => Some("Révision restaurée.".to_owned()),
        _ => None,
    };
    let mut autosave = pending.as_ref().map(|r| (r.id, when(r.created_at)));
    if q.reprendre.is_some() {
        if let Some(r) = &pending {
            if let Some(d) = state.store().revision(meta.id, r.id).await? {
                form = EditorForm::of(&d);
                notice = Some(
                    "Version enregistrée automatiquement reprise : relisez-la puis enregistrez."
                        .into(),
                );
                autosave = None;
            }
        }
    }
    editor_page(
        &state,
        &n,
        form,
        EditorState {
            meta: Some(&meta),
            public_path: (meta.status == ArticleStatus::Published).then(|| article.path()),
            notice,
            error: None,
            autosave,
        },
        StatusCode::OK,
    )
    .await
}

pub async fn save(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<EditorForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let meta = meta(&state, &id).await?;
    n.require(Action::Edit, &meta)?;
    let page = |form: EditorForm, error: Option<String>, notice: Option<String>, code| {
        let state = state.clone();
        let meta = meta.clone();
        let n = &n;
        async move {
            editor_page(
                &state,
                n,
                form,
                EditorState {
                    meta: Some(&meta),
                    public_path: None,
                    notice,
                    error,
                    autosave: None,
                },
                code,
            )
            .await
        }
    };
    let draft = match form.to_draft() {
        Ok(d) => d,
        Err(e) => return page(form, Some(e), None, StatusCode::BAD_REQUEST).await,
    };
    if form.intent == "preview" {
        return page(form, None, None, StatusCode::OK).await;
    }
    if let Some(problem) = hero_video_problem(&state, &draft).await? {
        return page(form, Some(problem), None, StatusCode::BAD_REQUEST).await;
    }
    check_section_move(&state, &n, &meta, &draft.section).await?;
    let expected: i64 = form
        .version
        .parse()
        .map_err(|_| AppError::BadRequest("Version manquante : rechargez la page.".into()))?;
    match state
        .store()
        .save_article(meta.id, &draft, expected, n.actor.user_id, "save")
        .await
    {
        Ok(Saved::Ok { version, .. }) => {
            tracing::info!(
                article = meta.id,
                version,
                user = n.actor.user_id,
                "article saved"
            );
            Ok(see_other(
                n.jar,
                &format!("/admin/articles/{}?ok=enregistre", meta.id),
            ))
        }
        Ok(Saved::Conflict(c)) => {
            let current = state
                .store()
                .revisions(meta.id)
                .await?
                .into_iter()
                .find(|r| {
                    r.version == c.current_version && r.kind != "autosave" && r.kind != "conflict"
                })
                .map(|r| r.id)
                .unwrap_or(c.kept_revision);
            let message = format!(
                "Quelqu’un a enregistré cet article pendant que vous le modifiiez (version {}). \
                 Rien n’a été écrasé : votre version est conservée comme révision n° {}. \
                 Comparez les deux versions dans l’historique \
                 (/admin/articles/{}/revisions/comparer?de={}&a={}), puis reportez vos \
                 changements sur la version actuelle.",
                c.current_version, c.kept_revision, meta.id, current, c.kept_revision
            );
            let fresh = state
                .store()
                .article_meta(meta.id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut res = editor_page(
                &state,
                &n,
                form,
                EditorState {
                    meta: Some(&fresh),
                    public_path: None,
                    notice: None,
                    error: Some(message),
                    autosave: None,
                },
                StatusCode::CONFLICT,
            )
            .await?;
            res.headers_mut()
                .insert("x-kiosque-conflict-revision", c.kept_revision.into());
            Ok(res)
        }
        Err(kiosque_store::StoreError::Invalid(m)) => {
            page(
                form,
                Some(section_message(&m)),
                None,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The live preview (the editor's script posts the form as the journalist types): the same
/// rendering as the public page, as an HTML fragment. Every text is escaped by the template.
pub async fn preview(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Form(form): Form<EditorForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let html = preview_of(&state, &form).render()?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response())
}

/// Autosave (the editor's script, every few seconds while typing): keeps the working copy
/// without touching the article.
pub async fn autosave(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<EditorForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let meta = meta(&state, &id).await?;
    n.require(Action::Edit, &meta)?;
    match form.to_draft() {
        Ok(d) => {
            state.store().autosave(meta.id, &d, n.actor.user_id).await?;
            let now = chrono::Utc::now().timestamp_millis();
            Ok(Json(serde_json::json!({
                "saved": true,
                "message": format!("Enregistré automatiquement à {}", dates::paris_time(now)),
            }))
            .into_response())
        }
        Err(e) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(serde_json::json!({ "saved": false, "message": e })),
        )
            .into_response()),
    }
}

// ------------------------------------------------------------------ workflow

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    csrf: String,
    action: String,
    /// The status the page showed: acting from a stale screen is refused.
    from: String,
    date: String,
    time: String,
}

pub async fn change_status(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let meta = meta(&state, &id).await?;
    let action = match form.action.as_str() {
        "submit" => Action::Submit,
        "publish" => Action::Publish,
        "schedule" => Action::Schedule,
        "unpublish" => Action::Unpublish,
        _ => return Err(AppError::BadRequest("Action inconnue.".into())),
    };
    n.require(action, &meta)?;
    let from = ArticleStatus::parse(&form.from).unwrap_or(meta.status);
    let to = newsroom::transition(from, action).ok_or_else(|| {
        AppError::BadRequest(format!(
            "Impossible depuis l’état « {} ».",
            status_label(from)
        ))
    })?;
    let scheduled_at = if action == Action::Schedule {
        let date =
            chrono::NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").map_err(|_| {
                AppError::BadRequest("Indiquez la date de publication (jj/mm/aaaa).".into())
            })?;
        let time = chrono::NaiveTime::parse_from_str(form.time.trim(), "%H:%M")
            .map_err(|_| AppError::BadRequest("Indiquez l’heure de publication (hh:mm).".into()))?;
        let at = dates::paris_millis(date, Some(time));
        if at <= state.config().clock.now_ms() {
            return Err(AppError::BadRequest(
                "Cette date est passée : choisissez un moment à venir, ou publiez maintenant."
                    .into(),
            ));
        }
        Some(at)
    } else {
        None
    };
    match state
        .store()
        .change_status(meta.id, from, to, scheduled_at)
        .await
    {
        Ok(_) => {}
        Err(kiosque_store::StoreError::Conflict { .. }) => {
            return Err(AppError::BadRequest(
                "L’article a changé d’état entre-temps : rechargez la page.".into(),
            ))
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(article = meta.id, action = %form.action, user = n.actor.user_id, "workflow");
    Ok(see_other(
        n.jar,
        &format!("/admin/articles/{}?ok={}", meta.id, form.action),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CorrectionForm {
    csrf: String,
    text: String,
}

pub async fn correct(
    State(state): State<AppState>,
    n: Newsroom,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<CorrectionForm>,
) -> Result<Response, AppError> {
    n.check_csrf(&headers, &form.csrf)?;
    let meta = meta(&state, &id).await?;
    n.require(Action::Correct, &meta)?;
    if meta.status != ArticleStatus::Published {
        return Err(AppError::BadRequest(
            "Un rectificatif s’ajoute à un article publié.".into(),
        ));
    }
    state
        .store()
        .add_correction(meta.id, &form.text, n.actor.user_id)
        .await?;
    Ok(see_other(
        n.jar,
        &format!("/admin/articles/{}?ok=rectificatif", meta.id),
    ))
}

// ------------------------------------------------------------------ revisions

pub struct RevisionView {
    pub id: i64,
    pub version: i64,
    pub kind: &'static str,
    pub author: String,
    pub date: String,
}

#[derive(Template)]
#[template(path = "admin/revisions.html")]
pub struct RevisionsPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub id: i64,
    pub title: String,
    pub version: i64,
    pub can_restore: bool,
    pub revisions: Vec<RevisionView>,
}

fn kind_label(k: &str) -> &'static str {
    match k {
        "save" => "Enregistrement",
        "restore" => "Restauration",
        "autosave" => "Sauvegarde automatique",
        "conflict" => "Version refusée (conflit)",
        _ => "Révision",
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
        .map(|r| RevisionView {
            id: r.id,
            version: r.version,
            kind: kind_label(&r.kind),
            author: r.author.unwrap_or_else(|| "—".into()),
            date: when(r.created_at),
        })
        .collect();
    let page = RevisionsPage {
        layout: layout(
            &state,
            "Historique — Rédaction",
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
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

/// A revision as text, for the diff: the fields, then the body in the editor's syntax.
fn as_text(d: &ArticleDraft) -> String {
    let hero = d.hero.as_ref().map_or(String::new(), |h| {
        format!(
            "{} | {} | {} | {}",
            h.path,
            h.alt.as_deref().unwrap_or_default(),
            h.caption.as_deref().unwrap_or_default(),
            h.credit.as_deref().unwrap_or_default()
        )
    });
    format!(
        "Titre : {}\nChapô : {}\nRubrique : {}\nMots-clés : {}\nSignatures : {}\nImage : {}\n\n{}\n",
        d.title,
        d.standfirst.as_deref().unwrap_or_default(),
        d.section,
        d.tags.join(", "),
        d.authors.join(", "),
        hero,
        markup::render(&d.body)
    )
}

pub struct DiffLine {
    /// "same", "added" or "removed".
    pub kind: &'static str,
    pub sign: &'static str,
    pub text: String,
}

#[derive(Template)]
#[template(path = "admin/diff.html")]
pub struct DiffPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub id: i64,
    pub from: i64,
    pub to: i64,
    pub lines: Vec<DiffLine>,
    pub changes: usize,
}

/// Lines of `a` and `b` compared (a removed line is in `a` only, an added one in `b` only).
pub fn diff_lines(a: &str, b: &str) -> Vec<DiffLine> {
    use similar::{ChangeTag, TextDiff};
    TextDiff::from_lines(a, b)
        .iter_all_changes()
        .map(|c| {
            let (kind, sign) = match c.tag() {
                ChangeTag::Equal => ("same", " "),
                ChangeTag::Insert => ("added", "+"),
                ChangeTag::Delete => ("removed", "−"),
            };
            DiffLine {
                kind,
                sign,
                text: c.value().trim_end_matches('\n').to_owned(),
            }
        })
        .collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DiffQuery {
    de: String,
    a: String,
}

pub async fn diff(
    State(state): State<AppState>,
    n: Newsroom,
    Path(id): Path<String>,
    Query(q): Query<DiffQuery>,
) -> Result<Response, AppError> {
    let meta = meta(&state, &id).await?;
    n.require(Action::View, &meta)?;
    let parse = |s: &str| {
        s.trim()
            .parse::<i64>()
            .map_err(|_| AppError::BadRequest("Choisissez deux révisions à comparer.".into()))
    };
    let (from, to) = (parse(&q.de)?, parse(&q.a)?);
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
    let lines = diff_lines(&as_text(&a), &as_text(&b));
    let changes = lines.iter().filter(|l| l.kind != "same").count();
    let page = DiffPage {
        layout: layout(
            &state,
            "Comparaison — Rédaction",
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
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
        .map_err(|_| AppError::BadRequest("Version manquante : rechargez l’historique.".into()))?;
    if expected != meta.version {
        return Err(AppError::BadRequest(
            "L’article a été modifié entre-temps : rechargez l’historique avant de restaurer."
                .into(),
        ));
    }
    match state
        .store()
        .save_article(meta.id, &draft, expected, n.actor.user_id, "restore")
        .await?
    {
        Saved::Ok { .. } => Ok(see_other(
            n.jar,
            &format!("/admin/articles/{}?ok=restaure", meta.id),
        )),
        Saved::Conflict(_) => Err(AppError::BadRequest(
            "L’article a été modifié entre-temps : rechargez l’historique avant de restaurer."
                .into(),
        )),
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

    #[test]
    fn a_form_with_bad_markup_says_why() {
        let form = EditorForm {
            title: "Un titre".into(),
            section: "monde".into(),
            body: "::inconnu 3".into(),
            ..EditorForm::default()
        };
        let err = form.to_draft().expect_err("unknown directive");
        assert!(err.contains("Ligne 1"), "{err}");
        let form = EditorForm {
            title: "  ".into(),
            ..form
        };
        assert!(form.to_draft().is_err());
    }
}
