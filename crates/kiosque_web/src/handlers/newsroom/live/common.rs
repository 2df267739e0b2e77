//! What the desk's pages share: the form of a post, its problems, and the checks made before
//! the store's (references to the media library and to videos).

use kiosque_domain::live::{LiveError, PostDraft};
use kiosque_domain::{ArticleId, Block};
use kiosque_store::{ArticleMeta, StoreError};
use serde::Deserialize;

use crate::handlers::newsroom::articles::Newsroom;
use crate::{AppError, AppState};

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct PostForm {
    pub csrf: String,
    pub title: String,
    pub body: String,
    /// Checkboxes: present ("1") when ticked.
    pub important: Option<String>,
    pub key_point: Option<String>,
}

impl PostForm {
    pub fn important(&self) -> bool {
        self.important.is_some()
    }

    pub fn key_point(&self) -> bool {
        self.key_point.is_some()
    }
}

/// The reasons a post was refused, by field; `general` for the whole form (a closed live blog).
#[derive(Default)]
pub struct Problems {
    pub title: Option<String>,
    pub body: Option<String>,
    pub general: Option<String>,
}

impl Problems {
    pub fn of(errors: &[LiveError]) -> Self {
        let mut p = Problems::default();
        for e in errors {
            let slot = match e.field() {
                Some("title") => &mut p.title,
                Some("body") => &mut p.body,
                _ => &mut p.general,
            };
            slot.get_or_insert_with(|| e.message());
        }
        p
    }

    pub fn general(message: String) -> Self {
        Problems {
            general: Some(message),
            ..Problems::default()
        }
    }
}

/// The article named in the path, and whether this person may write on it as a live blog.
pub async fn article(
    state: &AppState,
    n: &Newsroom,
    id: &str,
) -> Result<(ArticleMeta, bool), AppError> {
    let id: ArticleId = id.parse().map_err(|_| AppError::NotFound)?;
    let meta = state
        .store()
        .article_meta(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let may = kiosque_domain::live::may_write(&n.actor, meta.section_id);
    Ok((meta, may))
}

/// Reads the form as a post, then checks its references ([`reference_problem`]): the reasons,
/// by field, or the draft.
pub async fn checked(
    state: &AppState,
    form: &PostForm,
) -> Result<Result<PostDraft, Problems>, AppError> {
    let draft = match PostDraft::new(&form.title, &form.body, form.important(), form.key_point()) {
        Ok(d) => d,
        Err(errors) => return Ok(Err(Problems::of(&errors))),
    };
    Ok(match reference_problem(state, &draft).await? {
        Some(m) => Err(Problems {
            body: Some(m),
            ..Problems::default()
        }),
        None => Ok(draft),
    })
}

/// Why a post's body cannot be shown: an image the media library does not hold, a video that
/// does not exist. `None` when everything it refers to exists.
pub(crate) async fn reference_problem(
    state: &AppState,
    draft: &PostDraft,
) -> Result<Option<String>, AppError> {
    let images: Vec<String> = draft
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Image { media } => Some(media.path.clone()),
            _ => None,
        })
        .collect();
    if let Some(path) = state.store().missing_media(&images).await?.first() {
        return Ok(Some(crate::i18n::t1("ed-missing-image", "path", path)));
    }
    for b in &draft.body {
        if let Block::Video { video_id } = b {
            if state.store().video(*video_id).await?.is_none() {
                return Ok(Some(crate::i18n::t1("ed-missing-video", "id", *video_id)));
            }
        }
    }
    Ok(None)
}

/// A refusal of the store that the journalist must read (a closed live blog), or the error.
pub fn refusal(e: StoreError) -> Result<Problems, AppError> {
    match e {
        StoreError::Invalid(m) => Ok(Problems::general(m)),
        other => Err(other.into()),
    }
}
