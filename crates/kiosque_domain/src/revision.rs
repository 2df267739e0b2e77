//! Comparing two revisions of an article: each is written out as text (the fields, then the
//! body in the editor's syntax) so that the journalist reads the diff as they would type it.

use similar::{ChangeTag, TextDiff};

use crate::{markup, ArticleDraft};

/// A revision as text, for the diff: the fields, then the body in the editor's syntax.
pub fn as_text(d: &ArticleDraft) -> String {
    let hero = d.hero.as_ref().map_or(String::new(), |h| {
        format!(
            "{} | {} | {} | {}",
            h.path,
            h.alt.as_deref().unwrap_or_default(),
            h.caption.as_deref().unwrap_or_default(),
            h.credit.as_deref().unwrap_or_default()
        )
    });
    use kiosque_i18n::t1;
    // The field names are in the site's language; both revisions of a diff are written out by
    // the same process, so a field never differs by its name alone.
    let standfirst = d.standfirst.as_deref().unwrap_or_default();
    let fields = [
        t1("nr-rev-field-title", "value", &d.title),
        t1("nr-rev-field-standfirst", "value", standfirst),
        t1("nr-rev-field-section", "value", &d.section),
        t1("nr-rev-field-tags", "value", &d.tags.join(", ")),
        t1("nr-rev-field-bylines", "value", &d.authors.join(", ")),
        t1("nr-rev-field-image", "value", &hero),
    ];
    // Written out only when set, so that revisions from before these fields compare as they
    // always did.
    let seo = [
        ("seo-rev-field-slug", &d.slug),
        ("seo-rev-field-title", &d.seo_title),
        ("seo-rev-field-description", &d.seo_description),
    ];
    let fields = fields.into_iter().chain(
        seo.into_iter()
            .filter_map(|(key, v)| v.as_deref().map(|v| t1(key, "value", v))),
    );
    format!(
        "{}\n\n{}\n",
        fields.collect::<Vec<_>>().join("\n"),
        markup::render(&d.body)
    )
}

/// What became of one line between the older text and the newer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineChange {
    Same,
    /// In the newer text only.
    Added,
    /// In the older text only.
    Removed,
}

/// One line of a diff, without its line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub change: LineChange,
    pub text: String,
}

/// Lines of `a` and `b` compared (a removed line is in `a` only, an added one in `b` only).
pub fn diff_lines(a: &str, b: &str) -> Vec<DiffLine> {
    TextDiff::from_lines(a, b)
        .iter_all_changes()
        .map(|c| DiffLine {
            change: match c.tag() {
                ChangeTag::Equal => LineChange::Same,
                ChangeTag::Insert => LineChange::Added,
                ChangeTag::Delete => LineChange::Removed,
            },
            text: c.value().trim_end_matches('\n').to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ArticleStatus, Block, CommentMode};

    fn changed(lines: &[DiffLine]) -> Vec<(LineChange, &str)> {
        lines
            .iter()
            .filter(|l| l.change != LineChange::Same)
            .map(|l| (l.change, l.text.as_str()))
            .collect()
    }

    #[test]
    fn the_diff_shows_added_and_removed_lines() {
        let lines = diff_lines("Titre : A\n\nun\ndeux\n", "Titre : B\n\nun\ndeux\ntrois\n");
        assert_eq!(
            changed(&lines),
            [
                (LineChange::Removed, "Titre : A"),
                (LineChange::Added, "Titre : B"),
                (LineChange::Added, "trois")
            ]
        );
    }

    #[test]
    fn identical_texts_have_no_changes() {
        let lines = diff_lines("un\ndeux\n", "un\ndeux\n");
        assert_eq!(lines.len(), 2);
        assert!(changed(&lines).is_empty());
    }

    #[test]
    fn a_revision_as_text_lists_its_fields_then_its_body() {
        let draft = ArticleDraft {
            source_key: None,
            section: "monde".into(),
            title: "Un titre".into(),
            standfirst: None,
            hero: None,
            hero_video: None,
            body: vec![Block::Paragraph {
                text: "Premier paragraphe.".into(),
            }],
            tags: vec!["a".into(), "b".into()],
            authors: vec!["Jeanne".into()],
            status: ArticleStatus::Draft,
            published_at: None,
            published_time_known: true,
            updated_at: None,
            comment_mode: CommentMode::Open,
            slug: None,
            seo_title: None,
            seo_description: None,
        };
        let text = as_text(&draft);
        assert!(
            text.starts_with("Titre : Un titre\nChapô : \nRubrique : monde\nMots-clés : a, b\n"),
            "{text}"
        );
        assert!(text.contains("Signatures : Jeanne\nImage : \n\n"), "{text}");
        assert!(text.contains("Premier paragraphe."), "{text}");
        let with_seo = ArticleDraft {
            slug: Some("un-autre-titre".into()),
            seo_description: Some("Pour les moteurs.".into()),
            ..draft
        };
        let changed_lines: Vec<_> = diff_lines(&text, &as_text(&with_seo))
            .into_iter()
            .filter(|l| l.change == LineChange::Added)
            .map(|l| l.text)
            .collect();
        assert_eq!(
            changed_lines,
            [
                "Adresse\u{a0}: un-autre-titre",
                "Description pour les moteurs de recherche\u{a0}: Pour les moteurs."
            ]
        );
    }
}
