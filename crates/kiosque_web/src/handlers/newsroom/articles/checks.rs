//! What a save or a restore must check against the store before writing anything.

use kiosque_domain::newsroom::{Action, Subject};
use kiosque_domain::{markup, ArticleDraft, ArticleId, ArticleStatus, Block};
use kiosque_store::ArticleMeta;

use super::access::Newsroom;
use crate::{AppError, AppState};

/// Moving an online (or scheduled) article to another section publishes it there: the person
/// must be allowed to publish in that section too.
pub(super) async fn check_section_move(
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
        return Err(AppError::Denied(crate::i18n::t("nr-edit-move-denied")));
    }
    Ok(())
}

/// Everything the draft refers to must exist: library images (body and hero), videos (hero
/// and `::video N`) and articles (`::lire-aussi N`). A reason to show the journalist, naming
/// the body's line (`Ligne 12 : …`), or `None`. `body` is the text the draft was read from.
/// Images the stored article already shows are let through: pages recovered from an archive
/// refer to files the library never had, and editing such a page must stay possible.
pub(super) async fn reference_problem(
    state: &AppState,
    body: &str,
    draft: &ArticleDraft,
    stored: Option<ArticleId>,
) -> Result<Option<String>, AppError> {
    let at_line = |line: usize, message: String| {
        crate::i18n::t2("err-markup-line", "line", line, "message", &message)
    };
    if let Some(v) = draft.hero_video {
        if state.store().video(v).await?.is_none() {
            return Ok(Some(crate::i18n::t1("nr-edit-no-such-video", "id", v)));
        }
    }
    let known = known_images(state, stored).await?;
    if let Some(hero) = &draft.hero {
        if !known.contains(&hero.path)
            && !state
                .store()
                .missing_media(std::slice::from_ref(&hero.path))
                .await?
                .is_empty()
        {
            return Ok(Some(crate::i18n::t1("ed-missing-hero", "path", &hero.path)));
        }
    }
    // The text was read once already (the draft); a refusal here cannot happen.
    let located = markup::parse_located(body).unwrap_or_default();
    let images: Vec<String> = located
        .iter()
        .filter_map(|(_, b)| match b {
            Block::Image { media } if !known.contains(&media.path) => Some(media.path.clone()),
            _ => None,
        })
        .collect();
    let missing = state.store().missing_media(&images).await?;
    for (line, block) in &located {
        match block {
            Block::Image { media } if missing.contains(&media.path) => {
                let message = crate::i18n::t1("ed-missing-image", "path", &media.path);
                return Ok(Some(at_line(*line, message)));
            }
            Block::Video { video_id } if state.store().video(*video_id).await?.is_none() => {
                let message = crate::i18n::t1("ed-missing-video", "id", *video_id);
                return Ok(Some(at_line(*line, message)));
            }
            Block::Audio { audio_id } if state.store().episode(*audio_id).await?.is_none() => {
                let message = crate::i18n::t1("ed-missing-audio", "id", *audio_id);
                return Ok(Some(at_line(*line, message)));
            }
            Block::ReadAlso { article_id, .. }
                if state
                    .store()
                    .article_meta(ArticleId(*article_id))
                    .await?
                    .is_none() =>
            {
                let message = crate::i18n::t1("ed-missing-read-also", "id", *article_id);
                return Ok(Some(at_line(*line, message)));
            }
            _ => {}
        }
    }
    Ok(None)
}

/// The image paths the stored article shows (hero and body), which a save may keep.
async fn known_images(
    state: &AppState,
    stored: Option<ArticleId>,
) -> Result<Vec<String>, AppError> {
    let Some(id) = stored else {
        return Ok(Vec::new());
    };
    let Some(article) = state.store().article(id).await? else {
        return Ok(Vec::new());
    };
    let draft = article.to_draft();
    let mut paths: Vec<String> = draft.hero.iter().map(|h| h.path.clone()).collect();
    for b in &draft.body {
        if let Block::Image { media } = b {
            paths.push(media.path.clone());
        }
    }
    Ok(paths)
}
