//! Draft and store errors turned into the messages the editor shows the journalist.

use kiosque_domain::article::{MAX_BLOCKS, MAX_BLOCK_CHARS};
use kiosque_domain::DraftError;
use kiosque_store::Conflict;

/// The domain's validation errors, in the journalist's language.
pub(super) fn draft_error_fr(e: &DraftError) -> String {
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

/// The store's refusal of a draft (`StoreError::Invalid`), in the journalist's language.
pub(super) fn section_message(m: &str) -> String {
    if m.starts_with("no section") {
        "Cette rubrique n’existe pas.".to_owned()
    } else {
        m.to_owned()
    }
}

/// A save refused because someone saved first: what happened, and where to compare the two
/// versions (`current` is the revision of the version now stored).
pub(super) fn conflict_message(article: i64, c: &Conflict, current: i64) -> String {
    format!(
        "Quelqu’un a enregistré cet article pendant que vous le modifiiez (version {}). \
         Rien n’a été écrasé : votre version est conservée comme révision n° {}. \
         Comparez les deux versions dans l’historique \
         (/admin/articles/{}/revisions/comparer?de={}&a={}), puis reportez vos \
         changements sur la version actuelle.",
        c.current_version, c.kept_revision, article, current, c.kept_revision
    )
}
