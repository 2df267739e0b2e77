//! What the image page and the video form share about rights on shared media: the refusal's
//! words and the short history of changes. The rule itself is the domain's
//! (`Actor::may_describe_media`), applied by the store inside its write.

use kiosque_domain::dates;
use kiosque_store::MediumRevision;

/// Why a change was refused: `key` is the image's or the video's sentence, `sections` the
/// sections where the person may not publish.
pub(crate) fn refusal(key: &str, sections: &[String]) -> String {
    crate::i18n::t1(key, "sections", &sections.join(", "))
}

/// "Modifié par Claire le 03/12/2026 à 14:32", newest first, for the edit page.
pub(crate) fn history(revisions: &[MediumRevision]) -> Vec<String> {
    revisions
        .iter()
        .map(|r| {
            let name = r
                .author
                .clone()
                .unwrap_or_else(|| crate::i18n::t("nr-rights-deleted-account"));
            crate::i18n::t2(
                "nr-rights-revision",
                "name",
                &name,
                "when",
                &dates::on_date_time(r.at),
            )
        })
        .collect()
}
