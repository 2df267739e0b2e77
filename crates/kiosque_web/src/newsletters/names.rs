//! What a newsletter is called on the site and in mail: the daily digest's name is the
//! catalogue's, a section's newsletter carries the section's name.

use kiosque_store::NewsletterRow;

use crate::i18n::{t, t1};

/// "L'essentiel du jour", "La lettre Monde".
pub fn title(n: &NewsletterRow) -> String {
    match &n.section_name {
        Some(section) => t1("nl-section-title", "section", section.as_str()),
        None => t("nl-daily-title"),
    }
}

/// One line saying what it brings.
pub fn blurb(n: &NewsletterRow) -> String {
    match &n.section_name {
        Some(section) => t1("nl-section-blurb", "section", section.as_str()),
        None => t("nl-daily-blurb"),
    }
}
