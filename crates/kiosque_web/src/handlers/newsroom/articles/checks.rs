//! What a save or a restore must check against the store before writing anything.

use kiosque_domain::newsroom::{Action, Subject};
use kiosque_domain::{ArticleDraft, ArticleStatus, Block};
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

/// Videos and articles the draft refers to by number must exist (the hero video, `::video N`,
/// `::lire-aussi N`): a reason to show the journalist, or `None`.
pub(super) async fn hero_video_problem(
    state: &AppState,
    draft: &ArticleDraft,
) -> Result<Option<String>, AppError> {
    let (videos, articles) = references(draft);
    for v in videos {
        if state.store().video(v).await?.is_none() {
            return Ok(Some(crate::i18n::t1("nr-edit-no-such-video", "id", v)));
        }
    }
    for a in articles {
        if state
            .store()
            .article_meta(kiosque_domain::ArticleId(a))
            .await?
            .is_none()
        {
            return Ok(Some(crate::i18n::t1("nr-edit-no-such-read-also", "id", a)));
        }
    }
    Ok(None)
}

/// The videos (hero first) and the articles a draft refers to by number.
fn references(draft: &ArticleDraft) -> (Vec<i64>, Vec<i64>) {
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
    (videos, articles)
}
