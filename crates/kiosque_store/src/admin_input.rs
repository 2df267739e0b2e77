//! Checks of what the desk types into the site's administration forms (names, descriptions,
//! bios), shared by the sections', tags' and authors' writes.
//!
//! `StoreError::Invalid` messages of this module are in the site's language and meant for the
//! editor: the back office shows them as they are.

use kiosque_i18n::{t, t1};

use crate::StoreError;

type Result<T> = std::result::Result<T, StoreError>;

pub(crate) fn invalid(message: impl Into<String>) -> StoreError {
    StoreError::Invalid(message.into())
}

/// What a checked name belongs to: the message for a missing one names it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NameOf {
    Section,
    Tag,
    Author,
}

/// What a checked optional text is: the message for a long one names it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TextOf {
    Description,
    Bio,
}

/// A trimmed name, or why it cannot be one.
pub(crate) fn name_of(name: &str, max: usize, of: NameOf) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid(match of {
            NameOf::Section => t("err-name-missing-section"),
            NameOf::Tag => t("err-name-missing-tag"),
            NameOf::Author => t("err-name-missing-author"),
        }));
    }
    if name.chars().count() > max {
        return Err(invalid(t1("err-name-too-long", "max", max)));
    }
    if name.chars().any(char::is_control) {
        return Err(invalid(t("err-name-one-line")));
    }
    // The editor lists tags and bylines separated by commas or semicolons.
    if name.contains([',', ';']) {
        return Err(invalid(t("err-name-separators")));
    }
    Ok(name.to_owned())
}

/// An optional text: trimmed, `None` when empty, refused when too long.
pub(crate) fn text_of(text: Option<&str>, max: usize, of: TextOf) -> Result<Option<String>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > max {
        return Err(invalid(match of {
            TextOf::Description => t1("err-description-too-long", "max", max),
            TextOf::Bio => t1("err-bio-too-long", "max", max),
        }));
    }
    Ok(Some(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_limited() {
        let tag = NameOf::Tag;
        assert_eq!(name_of("  Monde ", 10, tag).expect("a name"), "Monde");
        assert!(name_of("   ", 10, tag).is_err());
        assert!(name_of("abcdefghijk", 10, tag).is_err());
        assert!(name_of("a\nb", 10, tag).is_err());
    }

    #[test]
    fn messages_name_what_is_missing_or_too_long() {
        fn message<T: std::fmt::Debug>(r: Result<T>) -> String {
            match r {
                Err(StoreError::Invalid(m)) => m,
                other => panic!("{other:?}"),
            }
        }
        // French when no language is installed.
        assert_eq!(
            message(name_of(" ", 10, NameOf::Author)),
            "Donnez un nom à l’auteur."
        );
        assert_eq!(
            message(text_of(Some("abc"), 2, TextOf::Bio)),
            "La biographie est trop longue (2 caractères au plus)."
        );
    }
}
