//! What the comment handlers share: the article's comment mode now, the published article, a
//! comment id from the path, and a member's standing for the posting rule.

use kiosque_domain::comment::{self, Standing};
use kiosque_domain::CommentMode;
use kiosque_store::ArticleView;

use crate::auth::Member;
use crate::{AppError, AppState};

fn strictest(a: CommentMode, b: CommentMode) -> CommentMode {
    let rank = |m: CommentMode| match m {
        CommentMode::Open => 0,
        CommentMode::PreModerated => 1,
        CommentMode::Closed => 2,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

/// The mode in force now: the article's own, made stricter by its section's default, and closed
/// once the section's age limit has passed.
pub(super) async fn mode_now(
    state: &AppState,
    article: &ArticleView,
) -> Result<CommentMode, AppError> {
    let (section_mode, close_days) = state
        .store()
        .section_comment_settings(article.section.id)
        .await?;
    let base = strictest(
        article.comment_mode,
        // A section without its own mode (`None`) leaves the article's; the default, open, is
        // the least strict, so `strictest` keeps the article's mode then.
        section_mode
            .as_deref()
            .and_then(CommentMode::parse)
            .unwrap_or_default(),
    );
    Ok(comment::effective_mode(
        base,
        article.published_at,
        close_days,
        chrono::Utc::now().timestamp_millis(),
    ))
}

pub(super) async fn published_article(
    state: &AppState,
    id: kiosque_domain::ArticleId,
) -> Result<Option<ArticleView>, AppError> {
    Ok(state
        .store()
        .article(id)
        .await?
        .filter(|a| a.status == kiosque_domain::ArticleStatus::Published))
}

// Generic over the id it names (an article's or a comment's), all read the same way.
pub(super) fn parse_id<T: From<i64>>(raw: &str) -> Result<T, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(T::from)
        .ok_or(AppError::NotFound)
}

/// What the posting rule needs to know of a member.
pub(super) fn standing(member: &Member) -> Standing {
    Standing {
        verified: member.user.is_verified(),
        banned_until: member.user.banned_until,
    }
}
