//! What the show and episode forms share: the role check, ids in paths, and the artwork chosen
//! among the media library's latest images or typed as a path.

use kiosque_domain::MediaRef;

use crate::handlers::newsroom::articles::Newsroom;
use crate::{AppError, AppState};

/// How many of the library's latest images the forms offer as artwork.
const IMAGE_CHOICES: i64 = 12;

/// Journalists, editors and admins: those who may add videos.
pub(super) fn require_podcasts(n: &Newsroom) -> Result<(), AppError> {
    if n.actor.can_publish_media() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) fn path_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

/// An image of the library offered as artwork.
pub struct ImageChoice {
    /// The path the form sends (`/2026/12/03/photo-ab12.jpg`).
    pub path: String,
    /// Its smallest variant, to show.
    pub thumb: String,
    pub alt: String,
}

fn choice(row: &kiosque_store::MediaRow) -> ImageChoice {
    let thumb = row
        .variants
        .iter()
        .min_by_key(|(w, _)| *w)
        .map_or(row.path.as_str(), |(_, p)| p.as_str());
    ImageChoice {
        path: format!("/{}", row.path.trim_start_matches('/')),
        thumb: format!("/media/{thumb}"),
        alt: row.alt.clone().unwrap_or_default(),
    }
}

/// The library's latest images, and the current one first when it is older.
pub(super) async fn image_choices(
    state: &AppState,
    current: &str,
) -> Result<Vec<ImageChoice>, AppError> {
    let (latest, _) = state.store().media_list(None, 0, IMAGE_CHOICES).await?;
    let mut choices: Vec<ImageChoice> = latest.iter().map(choice).collect();
    if !current.is_empty() && !choices.iter().any(|c| c.path == current) {
        let rows = state
            .store()
            .media_by_paths(&[current.trim_start_matches('/').to_owned()])
            .await?;
        choices.splice(0..0, rows.iter().map(choice));
    }
    Ok(choices)
}

/// The artwork named by the form: empty is none; anything else must be an image of the media
/// library (its description comes along).
pub(super) async fn image_ref(
    state: &AppState,
    raw: &str,
) -> Result<Result<Option<MediaRef>, String>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(Ok(None));
    }
    let path = raw.trim_start_matches("/media").trim_start_matches('/');
    let rows = state.store().media_by_paths(&[path.to_owned()]).await?;
    let Some(row) = rows.first() else {
        return Ok(Err(crate::i18n::t1(
            "pod-image-not-in-library",
            "path",
            raw,
        )));
    };
    Ok(Ok(Some(MediaRef {
        path: format!("/{}", row.path.trim_start_matches('/')),
        alt: row.alt.clone(),
        credit: row.credit.clone(),
        ..MediaRef::default()
    })))
}

/// The path of an image as the form shows it.
pub(super) fn image_path(m: Option<&MediaRef>) -> String {
    m.map(|m| format!("/{}", m.path.trim_start_matches('/')))
        .unwrap_or_default()
}
