//! The text a site page has until an admin first edits it: a template in the site's language,
//! with passages in brackets for the publisher to fill in. The pages are created by a migration
//! with the French template (never edited: `updated_at = 0`); an English site shows the English
//! one instead, because the template is interface text, not the publisher's content.

/// The template's title and body (newsroom syntax) for a site page, `None` for an unknown slug.
pub fn template(slug: &str) -> Option<(String, String)> {
    use kiosque_i18n::t;
    let (title, body) = match slug {
        "mentions-legales" => (
            t("page-template-legal-title"),
            t("page-template-legal-body"),
        ),
        "confidentialite" => (
            t("page-template-privacy-title"),
            t("page-template-privacy-body"),
        ),
        "charte" => (
            t("page-template-charter-title"),
            t("page-template-charter-body"),
        ),
        "contact" => (
            t("page-template-contact-title"),
            t("page-template-contact-body"),
        ),
        _ => return None,
    };
    Some((title, body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site_page::{check, SLUGS};

    /// The migration that created the pages, whose text French sites showed until now.
    const MIGRATION: &str =
        include_str!("../../kiosque_store/migrations/sqlite/20261203000001_site_pages.sql");

    #[test]
    fn the_french_template_is_the_text_the_migration_stored() {
        for slug in SLUGS {
            let (title, body) = template(slug).expect("a template for every page");
            let stored = format!("'{slug}', ");
            let at = MIGRATION
                .find(&stored)
                .expect("the migration creates the page");
            let rest = &MIGRATION[at..];
            let expected = format!("'{}',\n'{}', 0)", title, body.replace('\'', "''"));
            assert!(rest.contains(&expected), "{slug}: the template differs");
        }
    }

    #[test]
    fn every_template_is_a_valid_page() {
        for slug in SLUGS {
            let (title, body) = template(slug).expect("a template for every page");
            assert!(check(slug, &title, &body).is_ok(), "{slug}");
        }
        assert_eq!(template("ailleurs"), None);
    }
}
