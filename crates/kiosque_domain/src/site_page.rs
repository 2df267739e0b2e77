//! The site's own pages: the legal notice, the privacy policy, the moderation charter and the
//! contact page. There are exactly these four, at fixed public URLs (`/pages/{slug}`) that the
//! footer, the sign-up form and the moderation mails link to; admins edit their title and body
//! (in the newsroom's body syntax, [`crate::markup`]) but cannot add or remove one. Pages
//! imported from another site (`kiosque import wordpress`) are stored beside them, at
//! `/pages/{slug}` too, and edited the same way.

use thiserror::Error;

use crate::article::Block;
use crate::markup::{self, MarkupError};

/// The slugs of the site pages, in the order the newsroom lists them.
pub const SLUGS: [&str; 4] = ["mentions-legales", "confidentialite", "charte", "contact"];

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 120;

/// Whether `slug` names one of the site pages.
pub fn is_page(slug: &str) -> bool {
    SLUGS.contains(&slug)
}

/// Why a site page cannot be saved as typed; the message is for the admin.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SitePageError {
    Unknown,
    EmptyTitle,
    TitleTooLong,
    EmptyBody,
    Markup(#[from] MarkupError),
}

/// What the admin reads, in the site's language.
impl std::fmt::Display for SitePageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use kiosque_i18n::{t, t1};
        let message = match self {
            SitePageError::Unknown => t("err-page-unknown"),
            SitePageError::EmptyTitle => t("err-page-empty-title"),
            SitePageError::TitleTooLong => t1("err-page-title-too-long", "max", MAX_TITLE_CHARS),
            SitePageError::EmptyBody => t("err-page-empty-body"),
            SitePageError::Markup(e) => return e.fmt(f),
        };
        f.write_str(&message)
    }
}

impl SitePageError {
    /// A stable code for programs and logs.
    pub fn code(&self) -> &'static str {
        match self {
            SitePageError::Unknown => "unknown_page",
            SitePageError::EmptyTitle => "empty_title",
            SitePageError::TitleTooLong => "title_too_long",
            SitePageError::EmptyBody => "empty_body",
            SitePageError::Markup(_) => "markup",
        }
    }
}

/// A site page as typed, checked: the trimmed title, the body text as stored (line endings
/// normalised) and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedPage {
    pub title: String,
    pub body: String,
    pub blocks: Vec<Block>,
}

/// Checks a page's title and body before it is stored.
pub fn check(slug: &str, title: &str, body: &str) -> Result<CheckedPage, SitePageError> {
    if !is_page(slug) {
        return Err(SitePageError::Unknown);
    }
    check_text(title, body)
}

/// Checks a title and body, whatever the page: also those of pages imported from another
/// site, which exist beside the four (the store knows them).
pub fn check_text(title: &str, body: &str) -> Result<CheckedPage, SitePageError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(SitePageError::EmptyTitle);
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(SitePageError::TitleTooLong);
    }
    let body = body.replace("\r\n", "\n").trim().to_owned();
    let blocks = markup::parse(&body)?;
    if blocks.is_empty() {
        return Err(SitePageError::EmptyBody);
    }
    Ok(CheckedPage {
        title: title.to_owned(),
        body,
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_checked_before_they_are_stored() {
        let ok = check(
            "charte",
            "  Charte  ",
            "Premier.\r\n\r\n## Règles\r\nSoyez courtois.",
        )
        .expect("valid");
        assert_eq!(ok.title, "Charte");
        assert_eq!(ok.body, "Premier.\n\n## Règles\nSoyez courtois.");
        assert_eq!(ok.blocks.len(), 3);
        assert_eq!(check("autre", "T", "x"), Err(SitePageError::Unknown));
        assert_eq!(check("charte", " ", "x"), Err(SitePageError::EmptyTitle));
        assert_eq!(
            check("charte", &"t".repeat(MAX_TITLE_CHARS + 1), "x"),
            Err(SitePageError::TitleTooLong)
        );
        assert_eq!(
            check("contact", "Contact", " \n "),
            Err(SitePageError::EmptyBody)
        );
        let bad = check("contact", "Contact", "Texte\n::inconnu x").expect_err("markup");
        assert_eq!(bad.code(), "markup");
        assert!(bad.to_string().starts_with("Ligne 2\u{a0}:"), "{bad}");
    }
}
