//! The message the editor shows a journalist whose save lost a race. (Draft and store
//! refusals carry their own text: `DraftError`'s and `StoreError::user_message`.)

use kiosque_store::Conflict;

/// A save refused because someone saved first: what happened, and where to compare the two
/// versions (`current` is the revision of the version now stored).
pub(super) fn conflict_message(
    article: kiosque_domain::ArticleId,
    c: &Conflict,
    current: i64,
) -> String {
    let href = format!(
        "/admin/articles/{}/revisions/comparer?de={}&a={}",
        article, current, c.kept_revision
    );
    crate::i18n::t3(
        "nr-edit-conflict",
        "version",
        c.current_version,
        "kept",
        c.kept_revision,
        "href",
        &href,
    )
}
