//! The message the editor shows a journalist whose save lost a race. (Draft and store
//! refusals carry their own French text: `DraftError`'s and `StoreError::user_message`.)

use kiosque_store::Conflict;

/// A save refused because someone saved first: what happened, and where to compare the two
/// versions (`current` is the revision of the version now stored).
pub(super) fn conflict_message(
    article: kiosque_domain::ArticleId,
    c: &Conflict,
    current: i64,
) -> String {
    format!(
        "Quelqu’un a enregistré cet article pendant que vous le modifiiez (version {}). \
         Rien n’a été écrasé : votre version est conservée comme révision n° {}. \
         Comparez les deux versions dans l’historique \
         (/admin/articles/{}/revisions/comparer?de={}&a={}), puis reportez vos \
         changements sur la version actuelle.",
        c.current_version, c.kept_revision, article, current, c.kept_revision
    )
}
