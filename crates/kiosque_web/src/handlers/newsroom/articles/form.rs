//! The editor's form: its fields as posted, read back into a draft or filled from one.

use kiosque_domain::article::{MAX_SEO_DESCRIPTION_CHARS, MAX_SEO_TITLE_CHARS};
use kiosque_domain::{
    markup, slug, ArticleDraft, ArticleStatus, CommentMode, DraftError, MediaRef,
};
use serde::Deserialize;

/// The editor's fields, as posted.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct EditorForm {
    pub csrf: String,
    pub version: String,
    pub intent: String,
    pub title: String,
    pub standfirst: String,
    pub section: String,
    pub tags: String,
    pub authors: String,
    pub hero_path: String,
    pub hero_alt: String,
    pub hero_caption: String,
    pub hero_credit: String,
    /// A video entry's number, shown at the top in place of the image.
    pub hero_video: String,
    pub comment_mode: String,
    pub body: String,
    /// The end of the public address; empty forms it from the title.
    pub slug: String,
    pub seo_title: String,
    pub seo_description: String,
}

/// What is wrong with the address and search-engine fields, each shown beside its field.
#[derive(Default)]
pub struct FieldProblems {
    pub slug: Option<String>,
    pub seo_title: Option<String>,
    pub seo_description: Option<String>,
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn list_field(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

impl EditorForm {
    /// The form filled from a draft: what the draft leaves out is an empty field.
    pub(super) fn of(d: &ArticleDraft) -> Self {
        let hero = d.hero.clone().unwrap_or_default();
        EditorForm {
            title: d.title.clone(),
            standfirst: d.standfirst.clone().unwrap_or_default(),
            section: d.section.clone(),
            tags: d.tags.join(", "),
            authors: d.authors.join(", "),
            hero_path: hero.path,
            hero_alt: hero.alt.unwrap_or_default(),
            hero_caption: hero.caption.unwrap_or_default(),
            hero_credit: hero.credit.unwrap_or_default(),
            hero_video: d.hero_video.map(|v| v.to_string()).unwrap_or_default(),
            comment_mode: d.comment_mode.as_str().to_owned(),
            body: markup::render(&d.body),
            slug: d.slug.clone().unwrap_or_default(),
            seo_title: d.seo_title.clone().unwrap_or_default(),
            seo_description: d.seo_description.clone().unwrap_or_default(),
            ..EditorForm::default()
        }
    }

    /// The draft this form describes, or the reason it cannot be one (shown to the journalist).
    pub(super) fn to_draft(&self) -> Result<ArticleDraft, String> {
        // The title field wraps on the screen, but a title is one line: a line break typed or
        // pasted into it is a space.
        let title = one_line(&self.title);
        if title.is_empty() {
            return Err(crate::i18n::t("nr-form-title-missing"));
        }
        if self.section.trim().is_empty() {
            return Err(crate::i18n::t("nr-form-section-missing"));
        }
        let body = markup::parse(&self.body).map_err(|e| e.to_string())?;
        // No choice sent is the default mode; a value the select never offers is refused.
        let comment_mode = match self.comment_mode.trim() {
            "" => CommentMode::default(),
            m => CommentMode::parse(m).ok_or_else(|| crate::i18n::t("nr-form-comment-mode"))?,
        };
        let draft = ArticleDraft {
            source_key: None,
            section: self.section.trim().to_owned(),
            title,
            standfirst: non_empty(&self.standfirst),
            hero: self.hero()?,
            hero_video: self.hero_video()?,
            body,
            tags: list_field(&self.tags),
            authors: list_field(&self.authors),
            status: ArticleStatus::Draft,
            published_at: None,
            published_time_known: true,
            updated_at: None,
            comment_mode,
            slug: non_empty(&self.slug),
            seo_title: non_empty(&one_line(&self.seo_title)),
            seo_description: non_empty(&one_line(&self.seo_description)),
        };
        draft.validate().map_err(|e| e.to_string())?;
        Ok(draft)
    }

    /// The address and search-engine fields' problems, checked by the domain's rules (the save
    /// refuses the same ones): the page shows each beside its field.
    pub(super) fn field_problems(&self) -> FieldProblems {
        let too_long = |text: &str, max: usize| one_line(text).chars().count() > max;
        FieldProblems {
            slug: non_empty(&self.slug)
                .filter(|s| !slug::is_valid_slug(s))
                .map(|s| DraftError::BadSlug(s).to_string()),
            seo_title: too_long(&self.seo_title, MAX_SEO_TITLE_CHARS)
                .then(|| DraftError::SeoTitleTooLong.to_string()),
            seo_description: too_long(&self.seo_description, MAX_SEO_DESCRIPTION_CHARS)
                .then(|| DraftError::SeoDescriptionTooLong.to_string()),
        }
    }

    /// The end of the address the article gets: the slug typed, else the title's.
    pub(super) fn address_slug(&self) -> String {
        non_empty(&self.slug)
            .filter(|s| slug::is_valid_slug(s))
            .unwrap_or_else(|| slug::slugify(&one_line(&self.title)))
    }

    /// The hero image, if a path was given; it must be one of the media library's.
    fn hero(&self) -> Result<Option<MediaRef>, String> {
        let Some(path) = non_empty(&self.hero_path) else {
            return Ok(None);
        };
        let path = markup::media_path(&path).map_err(|_| crate::i18n::t("nr-form-hero-path"))?;
        Ok(Some(MediaRef {
            path,
            alt: non_empty(&self.hero_alt),
            caption: non_empty(&self.hero_caption),
            credit: non_empty(&self.hero_credit),
            width: None,
            height: None,
        }))
    }

    /// The hero video's number, if one was given (journalists may type "n° 12").
    fn hero_video(&self) -> Result<Option<i64>, String> {
        let Some(v) = non_empty(&self.hero_video) else {
            return Ok(None);
        };
        v.trim_start_matches(['n', '°', ' '])
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Some)
            .ok_or_else(|| crate::i18n::t("nr-form-hero-video"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_with_bad_markup_says_why() {
        let form = EditorForm {
            title: "Un titre".into(),
            section: "monde".into(),
            body: "::inconnu 3".into(),
            ..EditorForm::default()
        };
        let err = form.to_draft().expect_err("unknown directive");
        assert!(err.contains("Ligne 1"), "{err}");
        let two_lines = EditorForm {
            title: "Genève :\r\n les négociations  ".into(),
            body: "Texte.".into(),
            ..form.clone()
        };
        assert_eq!(
            two_lines.to_draft().expect("valid").title,
            "Genève : les négociations"
        );
        let form = EditorForm {
            title: "  ".into(),
            ..form
        };
        assert!(form.to_draft().is_err());
    }

    #[test]
    fn the_slug_and_search_fields_are_read_and_checked() {
        let form = EditorForm {
            title: "Un titre".into(),
            section: "monde".into(),
            body: "Texte.".into(),
            slug: " un-titre-court ".into(),
            seo_title: "Pour les moteurs".into(),
            seo_description: "Une ligne,\r\nune autre.".into(),
            ..EditorForm::default()
        };
        let d = form.to_draft().expect("valid");
        assert_eq!(d.slug.as_deref(), Some("un-titre-court"));
        assert_eq!(d.seo_description.as_deref(), Some("Une ligne, une autre."));
        assert_eq!(form.address_slug(), "un-titre-court");
        let empty = EditorForm {
            slug: "  ".into(),
            ..form.clone()
        };
        assert_eq!(empty.to_draft().expect("valid").slug, None);
        assert_eq!(empty.address_slug(), "un-titre");
        let bad = EditorForm {
            slug: "Été 2026".into(),
            ..form
        };
        let err = bad.to_draft().expect_err("bad slug");
        assert_eq!(bad.field_problems().slug.as_deref(), Some(err.as_str()));
        assert!(err.contains("ete-2026"), "{err}");
    }
}
