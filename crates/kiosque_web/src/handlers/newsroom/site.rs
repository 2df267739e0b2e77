//! The desk's administration of the site, for editors and admins: sections (`/admin/rubriques`:
//! create, rename, move in the tree, order), tags (`/admin/mots-cles`: rename), authors
//! (`/admin/auteurs`: name, bio, photo) and the front page (`/admin/une`: the pinned lead story
//! and the order of the section blocks). Anyone else in the newsroom gets 403, a visitor the
//! log-in page. A refused form answers 400 with the reason, in French, and changes nothing.

use askama::Template;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::form::Form;
use kiosque_domain::{dates, ArticleStatus};
use kiosque_store::{AuthorProfile, SectionAdminRow, StoreError};
use serde::Deserialize;

use super::articles::{AdminNav, Newsroom};
use crate::layout::layout;
use crate::respond::{encode_query, personal, see_other};
use crate::views::{Here, Pagination};
use crate::{AppError, AppState};

const TAGS_PER_PAGE: i64 = 100;
const AUTHORS_PER_PAGE: i64 = 100;
/// How many of the latest published articles the front-page form offers as lead.
const LEAD_CHOICES: i64 = 20;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/rubriques", get(sections).post(create_section))
        .route("/admin/rubriques/{id}", get(section))
        .route("/admin/rubriques/{id}/renommer", post(rename_section))
        .route("/admin/rubriques/{id}/deplacer", post(move_section))
        .route("/admin/rubriques/{id}/position", post(position_section))
        .route("/admin/mots-cles", get(tags))
        .route("/admin/mots-cles/{id}", post(rename_tag))
        .route("/admin/auteurs", get(authors))
        .route("/admin/auteurs/{id}", get(author).post(update_author))
        .route("/admin/une", get(front).post(pin_lead))
        .route("/admin/une/rubriques", post(order_blocks))
}

/// An editor or an admin (who may manage sections, tags, authors and the front page); anyone
/// else in the newsroom gets 403, a visitor the log-in page.
pub struct Desk(pub Newsroom);

impl FromRequestParts<AppState> for Desk {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let n = Newsroom::from_request_parts(parts, state).await?;
        if !n.actor.can_manage_site() {
            return Err(AppError::Forbidden);
        }
        Ok(Desk(n))
    }
}

impl Desk {
    fn check_csrf(&self, headers: &HeaderMap, token: &str) -> Result<(), AppError> {
        self.0.check_csrf(headers, token)
    }

    fn nav(&self) -> AdminNav {
        AdminNav::of(&self.0.member, "site")
    }

    fn csrf(&self) -> String {
        self.0.member.csrf.clone()
    }

    fn page(&self, status: StatusCode, html: String) -> Response {
        personal(status, self.0.jar.clone(), html)
    }

    fn done(self, to: &str) -> Response {
        see_other(self.0.jar, to)
    }
}

/// A path id: anything but a number is a 404.
fn id_of(raw: &str) -> Result<i64, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// What the desk is told after a refused form: the store's own reasons are written for them.
fn refusal(e: StoreError) -> Result<String, AppError> {
    match e {
        StoreError::Invalid(m) => Ok(m),
        StoreError::NotFound => Err(AppError::NotFound),
        other => Err(other.into()),
    }
}

fn non_empty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

// ------------------------------------------------------------------ sections

/// A section in the back office's tree.
pub struct SectionItem {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub parent: Option<String>,
    pub position: i64,
    pub published: i64,
    pub children: i64,
}

fn item(row: &SectionAdminRow, all: &[SectionAdminRow]) -> SectionItem {
    let s = &row.section;
    SectionItem {
        id: s.id,
        slug: s.slug.clone(),
        name: s.name.clone(),
        description: s.description.clone().unwrap_or_default(),
        parent: s.parent_id.and_then(|p| {
            all.iter()
                .find(|r| r.section.id == p)
                .map(|r| r.section.name.clone())
        }),
        position: s.position,
        published: row.published,
        children: row.children,
    }
}

/// The tree in reading order: each top-level section (by position) followed by its children.
fn tree(all: &[SectionAdminRow]) -> Vec<SectionItem> {
    let mut out = Vec::with_capacity(all.len());
    for top in all.iter().filter(|r| r.section.parent_id.is_none()) {
        out.push(item(top, all));
        for child in all
            .iter()
            .filter(|r| r.section.parent_id == Some(top.section.id))
        {
            out.push(item(child, all));
        }
    }
    // Anything deeper (older data) still shows, at the end.
    for r in all {
        if !out.iter().any(|i| i.id == r.section.id) {
            out.push(item(r, all));
        }
    }
    out
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct NewSectionForm {
    pub csrf: String,
    pub slug: String,
    pub name: String,
    pub parent: String,
    pub description: String,
}

#[derive(Template)]
#[template(path = "admin/sections.html")]
pub struct SectionsPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub tree: Vec<SectionItem>,
    /// Top-level sections, which may hold others: (id, name, chosen in the form).
    pub parents: Vec<(i64, String, bool)>,
    pub form: NewSectionForm,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OkQuery {
    ok: Option<String>,
}

async fn sections_page(
    state: &AppState,
    desk: &Desk,
    notice: Option<String>,
    error: Option<String>,
    form: NewSectionForm,
    status: StatusCode,
) -> Result<Response, AppError> {
    let all = state.store().sections_admin().await?;
    let page = SectionsPage {
        layout: layout(state, "Rubriques — Rédaction", None, None, Here::Elsewhere).await?,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice,
        error,
        tree: tree(&all),
        parents: all
            .iter()
            .filter(|r| r.section.parent_id.is_none())
            .map(|r| {
                let chosen = form.parent == r.section.id.to_string();
                (r.section.id, r.section.name.clone(), chosen)
            })
            .collect(),
        form,
    };
    Ok(desk.page(status, page.render()?))
}

pub async fn sections(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    let notice = match q.ok.as_deref() {
        Some("cree") => Some("Rubrique créée.".to_owned()),
        _ => None,
    };
    sections_page(
        &state,
        &desk,
        notice,
        None,
        NewSectionForm::default(),
        StatusCode::OK,
    )
    .await
}

/// The parent chosen in a form: empty is the top level.
fn parent_of(raw: &str) -> Result<Option<i64>, String> {
    match non_empty(raw) {
        None => Ok(None),
        Some(p) => p
            .parse()
            .map(Some)
            .map_err(|_| "Cette rubrique parente n’existe pas.".to_owned()),
    }
}

pub async fn create_section(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Form(form): Form<NewSectionForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let result = match parent_of(&form.parent) {
        Err(m) => Err(m),
        Ok(parent) => match state
            .store()
            .create_section(&form.slug, &form.name, parent, non_empty(&form.description))
            .await
        {
            Ok(s) => Ok(s),
            Err(e) => Err(refusal(e)?),
        },
    };
    match result {
        Ok(s) => {
            tracing::info!(section = s.id, slug = %s.slug, user = desk.0.actor.user_id, "section created");
            Ok(desk.done(&format!("/admin/rubriques/{}?ok=cree", s.id)))
        }
        Err(message) => {
            sections_page(
                &state,
                &desk,
                None,
                Some(message),
                form,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "admin/section.html")]
pub struct SectionPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub s: SectionItem,
    pub public_href: String,
    /// Top-level sections it may go under: (id, name, its parent now).
    pub parents: Vec<(i64, String, bool)>,
    pub top_level: bool,
}

async fn section_page(
    state: &AppState,
    desk: &Desk,
    id: i64,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let all = state.store().sections_admin().await?;
    let row = all
        .iter()
        .find(|r| r.section.id == id)
        .ok_or(AppError::NotFound)?;
    let s = item(row, &all);
    let page = SectionPage {
        layout: layout(
            state,
            &format!("{} — Rubriques — Rédaction", s.name),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice,
        error,
        public_href: crate::views::section_href(&s.slug),
        parents: all
            .iter()
            .filter(|r| r.section.parent_id.is_none() && r.section.id != id)
            .map(|r| {
                (
                    r.section.id,
                    r.section.name.clone(),
                    row.section.parent_id == Some(r.section.id),
                )
            })
            .collect(),
        top_level: row.section.parent_id.is_none(),
        s,
    };
    Ok(desk.page(status, page.render()?))
}

pub async fn section(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<String>,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    let id = id_of(&id)?;
    let notice = match q.ok.as_deref() {
        Some("cree") => Some("Rubrique créée.".to_owned()),
        Some("renomme") => Some("Nom et description enregistrés.".to_owned()),
        Some("deplace") => Some("Rubrique déplacée.".to_owned()),
        Some("position") => Some("Position enregistrée.".to_owned()),
        _ => None,
    };
    section_page(&state, &desk, id, notice, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RenameSectionForm {
    csrf: String,
    name: String,
    description: String,
}

pub async fn rename_section(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<RenameSectionForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let id = id_of(&id)?;
    match state
        .store()
        .rename_section(id, &form.name, non_empty(&form.description))
        .await
    {
        Ok(()) => {
            tracing::info!(section = id, user = desk.0.actor.user_id, "section renamed");
            Ok(desk.done(&format!("/admin/rubriques/{id}?ok=renomme")))
        }
        Err(e) => {
            let message = refusal(e)?;
            section_page(
                &state,
                &desk,
                id,
                None,
                Some(message),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MoveSectionForm {
    csrf: String,
    parent: String,
}

pub async fn move_section(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<MoveSectionForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let id = id_of(&id)?;
    let result = match parent_of(&form.parent) {
        Err(m) => Err(m),
        Ok(parent) => match state.store().move_section(id, parent).await {
            Ok(()) => Ok(()),
            Err(e) => Err(refusal(e)?),
        },
    };
    match result {
        Ok(()) => {
            tracing::info!(section = id, parent = %form.parent, user = desk.0.actor.user_id, "section moved");
            Ok(desk.done(&format!("/admin/rubriques/{id}?ok=deplace")))
        }
        Err(message) => {
            section_page(
                &state,
                &desk,
                id,
                None,
                Some(message),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

/// A position typed in a form, or why it is not one.
fn position_of(raw: &str, name: &str) -> Result<i64, String> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (0..=kiosque_store::MAX_SECTION_POSITION).contains(p))
        .ok_or_else(|| {
            format!(
                "La position de « {name} » doit être un nombre entier de 0 à {}.",
                kiosque_store::MAX_SECTION_POSITION
            )
        })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PositionForm {
    csrf: String,
    position: String,
}

pub async fn position_section(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<PositionForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let id = id_of(&id)?;
    let section = state
        .store()
        .site_section(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let result = match position_of(&form.position, &section.name) {
        Err(m) => Err(m),
        Ok(p) => match state.store().set_section_positions(&[(id, p)]).await {
            Ok(()) => Ok(()),
            Err(e) => Err(refusal(e)?),
        },
    };
    match result {
        Ok(()) => Ok(desk.done(&format!("/admin/rubriques/{id}?ok=position"))),
        Err(message) => {
            section_page(
                &state,
                &desk,
                id,
                None,
                Some(message),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

// ------------------------------------------------------------------ tags

pub struct TagItem {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub published: i64,
}

#[derive(Template)]
#[template(path = "admin/tags.html")]
pub struct TagsPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub tags: Vec<TagItem>,
    pub total: i64,
    pub q: String,
    pub pagination: Pagination,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TagsQuery {
    q: String,
    page: Option<String>,
    ok: Option<String>,
}

async fn tags_page(
    state: &AppState,
    desk: &Desk,
    q: &TagsQuery,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let page = crate::handlers::site::page_number(q.page.as_deref())?;
    let (rows, total) = state
        .store()
        .tags_admin(non_empty(&q.q), (page - 1) * TAGS_PER_PAGE, TAGS_PER_PAGE)
        .await?;
    let base = format!("/admin/mots-cles?q={}", encode_query(q.q.trim()));
    let mut pagination = Pagination::new(&base, page, total, TAGS_PER_PAGE);
    pagination.prev = pagination.prev.map(|h| h.replace("?page=", "&page="));
    pagination.next = pagination.next.map(|h| h.replace("?page=", "&page="));
    let html = TagsPage {
        layout: layout(state, "Mots-clés — Rédaction", None, None, Here::Elsewhere).await?,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice: match q.ok.as_deref() {
            Some("renomme") => Some("Mot-clé renommé ; son adresse ne change pas.".to_owned()),
            _ => None,
        },
        error,
        tags: rows
            .into_iter()
            .map(|t| TagItem {
                id: t.id,
                slug: t.slug,
                name: t.name,
                published: t.published,
            })
            .collect(),
        total,
        q: q.q.trim().to_owned(),
        pagination,
    }
    .render()?;
    Ok(desk.page(status, html))
}

pub async fn tags(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<TagsQuery>,
) -> Result<Response, AppError> {
    tags_page(&state, &desk, &q, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RenameTagForm {
    csrf: String,
    name: String,
}

pub async fn rename_tag(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<RenameTagForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let id = id_of(&id)?;
    match state.store().rename_tag(id, &form.name).await {
        Ok(()) => {
            tracing::info!(tag = id, user = desk.0.actor.user_id, "tag renamed");
            Ok(desk.done("/admin/mots-cles?ok=renomme"))
        }
        Err(e) => {
            let message = refusal(e)?;
            tags_page(
                &state,
                &desk,
                &TagsQuery::default(),
                Some(message),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

// ------------------------------------------------------------------ authors

pub struct AuthorItem {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub published: i64,
    pub has_bio: bool,
    pub has_photo: bool,
}

#[derive(Template)]
#[template(path = "admin/authors.html")]
pub struct AuthorsPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub authors: Vec<AuthorItem>,
    pub total: i64,
    pub pagination: Pagination,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AuthorsQuery {
    page: Option<String>,
}

pub async fn authors(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<AuthorsQuery>,
) -> Result<Response, AppError> {
    let page = crate::handlers::site::page_number(q.page.as_deref())?;
    let (rows, total) = state
        .store()
        .authors_admin((page - 1) * AUTHORS_PER_PAGE, AUTHORS_PER_PAGE)
        .await?;
    let html = AuthorsPage {
        layout: layout(&state, "Auteurs — Rédaction", None, None, Here::Elsewhere).await?,
        nav: desk.nav(),
        authors: rows
            .into_iter()
            .map(|a| AuthorItem {
                id: a.id,
                has_bio: a.bio.is_some(),
                has_photo: a.photo.is_some(),
                slug: a.slug,
                name: a.name,
                published: a.published,
            })
            .collect(),
        total,
        pagination: Pagination::new("/admin/auteurs", page, total, AUTHORS_PER_PAGE),
    }
    .render()?;
    Ok(desk.page(StatusCode::OK, html))
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AuthorForm {
    pub csrf: String,
    pub name: String,
    pub bio: String,
    pub photo: String,
}

#[derive(Template)]
#[template(path = "admin/author.html")]
pub struct AuthorPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub id: i64,
    /// The name as stored (the heading), whatever the form holds.
    pub name: String,
    pub public_href: String,
    pub published: i64,
    pub form: AuthorForm,
    /// The stored photo, as the public page shows it.
    pub photo_src: Option<String>,
}

/// The URL of a media path's file, if the media library has it or the file is on disk.
async fn media_src(state: &AppState, path: &str) -> Result<Option<String>, AppError> {
    let Ok(path) = kiosque_store::media_path_of(path) else {
        return Ok(None);
    };
    let rel = path.trim_start_matches('/').to_owned();
    let in_library = !state
        .store()
        .media_by_paths(std::slice::from_ref(&rel))
        .await?
        .is_empty();
    Ok((in_library || state.media_dir().join(&rel).is_file()).then(|| format!("/media/{rel}")))
}

async fn author_page(
    state: &AppState,
    desk: &Desk,
    a: &AuthorProfile,
    form: AuthorForm,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let photo_src = match &a.photo {
        Some(p) => media_src(state, p).await?,
        None => None,
    };
    let html = AuthorPage {
        layout: layout(
            state,
            &format!("{} — Auteurs — Rédaction", a.name),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice,
        error,
        id: a.id,
        name: a.name.clone(),
        public_href: format!("/auteur/{}", a.slug),
        published: a.published,
        form,
        photo_src,
    }
    .render()?;
    Ok(desk.page(status, html))
}

async fn profile(state: &AppState, id: &str) -> Result<AuthorProfile, AppError> {
    state
        .store()
        .author_profile(id_of(id)?)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn author(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<String>,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    let a = profile(&state, &id).await?;
    let form = AuthorForm {
        csrf: String::new(),
        name: a.name.clone(),
        bio: a.bio.clone().unwrap_or_default(),
        photo: a.photo.clone().unwrap_or_default(),
    };
    let notice = match q.ok.as_deref() {
        Some("enregistre") => Some("Fiche de l’auteur enregistrée.".to_owned()),
        _ => None,
    };
    author_page(&state, &desk, &a, form, notice, None, StatusCode::OK).await
}

pub async fn update_author(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<AuthorForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let a = profile(&state, &id).await?;
    // A photo must be an image the site has: a path of the media library (or a file of the
    // media folder), so that the public page never shows a broken image.
    let photo = non_empty(&form.photo);
    let refused = match photo {
        Some(p) => match kiosque_store::media_path_of(p) {
            Err(m) => Some(m),
            Ok(_) if media_src(&state, p).await?.is_none() => Some(format!(
                "Aucune image de la médiathèque n’a le chemin « {p} » : copiez le chemin \
                 affiché dans la médiathèque."
            )),
            Ok(_) => None,
        },
        None => None,
    };
    let result = match refused {
        Some(m) => Err(m),
        None => match state
            .store()
            .update_author(a.id, &form.name, non_empty(&form.bio), photo)
            .await
        {
            Ok(()) => Ok(()),
            Err(e) => Err(refusal(e)?),
        },
    };
    match result {
        Ok(()) => {
            tracing::info!(author = a.id, user = desk.0.actor.user_id, "author updated");
            Ok(desk.done(&format!("/admin/auteurs/{}?ok=enregistre", a.id)))
        }
        Err(message) => {
            author_page(
                &state,
                &desk,
                &a,
                form,
                None,
                Some(message),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}

// ------------------------------------------------------------------ the front page

pub struct LeadChoice {
    pub id: i64,
    pub title: String,
    pub section: String,
    pub published: String,
    pub href: String,
    pub pinned: bool,
}

pub struct BlockItem {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub position: i64,
}

#[derive(Template)]
#[template(path = "admin/front.html")]
pub struct FrontAdminPage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub csrf: String,
    pub notice: Option<String>,
    pub error: Option<String>,
    /// The pinned lead, if one is pinned and still published: (id, title, href).
    pub pinned: Option<(i64, String, String)>,
    pub choices: Vec<LeadChoice>,
    pub blocks: Vec<BlockItem>,
}

async fn front_page(
    state: &AppState,
    desk: &Desk,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let store = state.store();
    let pinned = store.pinned_lead().await?;
    let (latest, _) = store.published_articles(None, 0, LEAD_CHOICES).await?;
    let mut choices: Vec<LeadChoice> = Vec::with_capacity(latest.len() + 1);
    // The pinned story is offered even when it is older than the latest ones.
    for c in pinned.iter().chain(
        latest
            .iter()
            .filter(|c| pinned.as_ref().is_none_or(|p| p.id != c.id)),
    ) {
        choices.push(LeadChoice {
            id: c.id,
            title: c.title.clone(),
            section: c.section_name.clone(),
            published: format!(
                "{} à {}",
                dates::paris_date(c.published_at),
                dates::paris_time(c.published_at)
            ),
            href: c.path(),
            pinned: pinned.as_ref().is_some_and(|p| p.id == c.id),
        });
    }
    let blocks = store
        .sections()
        .await?
        .into_iter()
        .filter(|s| s.parent_id.is_none())
        .map(|s| BlockItem {
            id: s.id,
            slug: s.slug,
            name: s.name,
            position: s.position,
        })
        .collect();
    let html = FrontAdminPage {
        layout: layout(state, "La une — Rédaction", None, None, Here::Elsewhere).await?,
        nav: desk.nav(),
        csrf: desk.csrf(),
        notice,
        error,
        pinned: pinned.map(|p| (p.id, p.title.clone(), p.path())),
        choices,
        blocks,
    }
    .render()?;
    Ok(desk.page(status, html))
}

pub async fn front(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<OkQuery>,
) -> Result<Response, AppError> {
    let notice = match q.ok.as_deref() {
        Some("epingle") => Some("Article placé à la une.".to_owned()),
        Some("automatique") => {
            Some("Plus d’article épinglé : le plus récent fait la une.".to_owned())
        }
        Some("ordre") => Some("Ordre des rubriques enregistré.".to_owned()),
        _ => None,
    };
    front_page(&state, &desk, notice, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LeadForm {
    csrf: String,
    /// A chosen article id, or empty for none (the latest leads).
    lead: String,
    /// Another article's id, typed; wins over `lead` when given.
    autre: String,
}

pub async fn pin_lead(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Form(form): Form<LeadForm>,
) -> Result<Response, AppError> {
    desk.check_csrf(&headers, &form.csrf)?;
    let raw = non_empty(&form.autre).or(non_empty(&form.lead));
    let Some(raw) = raw else {
        state.store().pin_lead(None).await?;
        tracing::info!(user = desk.0.actor.user_id, "front lead unpinned");
        return Ok(desk.done("/admin/une?ok=automatique"));
    };
    let message = match raw.parse::<i64>() {
        Err(_) => Some(format!(
            "« {raw} » n’est pas un numéro d’article : indiquez le nombre qui termine son \
             adresse (…_123.html)."
        )),
        Ok(id) => match state.store().article_meta(id).await? {
            Some(m) if m.status == ArticleStatus::Published => {
                state.store().pin_lead(Some(id)).await?;
                tracing::info!(
                    article = id,
                    user = desk.0.actor.user_id,
                    "front lead pinned"
                );
                None
            }
            Some(_) => Some(format!(
                "L’article n° {id} n’est pas publié : seul un article en ligne peut faire la une."
            )),
            None => Some(format!("Aucun article ne porte le numéro {id}.")),
        },
    };
    match message {
        None => Ok(desk.done("/admin/une?ok=epingle")),
        Some(m) => front_page(&state, &desk, None, Some(m), StatusCode::BAD_REQUEST).await,
    }
}

/// The order of the front page's section blocks: `position-{id}` fields, one per top-level
/// section. All are saved together, or none.
pub async fn order_blocks(
    State(state): State<AppState>,
    desk: Desk,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    desk.check_csrf(&headers, csrf)?;
    let sections = state.store().sections().await?;
    let mut positions = Vec::new();
    let mut error = None;
    for (key, value) in &pairs {
        let Some(raw_id) = key.strip_prefix("position-") else {
            continue;
        };
        let Some(s) = raw_id
            .parse::<i64>()
            .ok()
            .and_then(|id| sections.iter().find(|s| s.id == id))
        else {
            error = Some("Une des rubriques n’existe plus : rechargez la page.".to_owned());
            break;
        };
        match position_of(value, &s.name) {
            Ok(p) => positions.push((s.id, p)),
            Err(m) => {
                error = Some(m);
                break;
            }
        }
    }
    if error.is_none() && positions.is_empty() {
        error = Some("Aucune position reçue.".to_owned());
    }
    if error.is_none() {
        if let Err(e) = state.store().set_section_positions(&positions).await {
            error = Some(refusal(e)?);
        }
    }
    match error {
        None => {
            tracing::info!(user = desk.0.actor.user_id, "front blocks reordered");
            Ok(desk.done("/admin/une?ok=ordre"))
        }
        Some(m) => front_page(&state, &desk, None, Some(m), StatusCode::BAD_REQUEST).await,
    }
}
