//! The article's library images, listed in the editor's side panel: each links to its page in
//! the library, where its focal point is set, so that a journalist frames what they just
//! inserted without hunting for it.

use super::form::EditorForm;
use crate::handlers::newsroom::media::common::thumb_path;
use crate::views::image_paths;
use crate::{AppError, AppState};

/// One image of the article, as the side panel shows it.
pub struct ArticleImage {
    pub id: i64,
    pub thumb: String,
    pub alt: String,
    /// The crop classes of its focal point (`fx-30 fy-20`), `None` when centred.
    pub focus: Option<String>,
}

/// The hero's and the body's images, each once, by path (which starts with the upload date).
/// Images outside the library (archive pages) have no page to frame them and are left out. A
/// text that does not parse lists nothing: the page already shows its error.
pub(super) async fn article_images(
    state: &AppState,
    form: &EditorForm,
) -> Result<Vec<ArticleImage>, AppError> {
    let Ok(draft) = form.to_draft() else {
        return Ok(Vec::new());
    };
    let paths = image_paths(draft.hero.as_ref(), &draft.body);
    let rows = state.store().media_by_paths(&paths).await?;
    Ok(paths
        .iter()
        .filter_map(|p| rows.iter().find(|r| &r.path == p))
        .map(|row| ArticleImage {
            id: row.id.get(),
            thumb: format!("/media/{}", thumb_path(row)),
            // An image without a description is named by its file.
            alt: row
                .alt
                .clone()
                .filter(|a| !a.trim().is_empty())
                .unwrap_or_else(|| row.path.clone()),
            focus: row.focal.classes(),
        })
        .collect())
}
