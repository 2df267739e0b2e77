//! Checks of what the desk types into the site's administration forms (names, descriptions,
//! bios), shared by the sections', tags' and authors' writes.
//!
//! `StoreError::Invalid` messages of this module are in French and meant for the editor: the
//! back office shows them as they are.

use crate::StoreError;

type Result<T> = std::result::Result<T, StoreError>;

pub(crate) fn invalid(message: impl Into<String>) -> StoreError {
    StoreError::Invalid(message.into())
}

/// A trimmed name, or why it cannot be one (`to`: "à la rubrique", for the message).
pub(crate) fn name_of(name: &str, max: usize, to: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid(format!("Donnez un nom {to}.")));
    }
    if name.chars().count() > max {
        return Err(invalid(format!(
            "Ce nom est trop long ({max} caractères au plus)."
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(invalid("Un nom tient sur une ligne."));
    }
    // The editor lists tags and bylines separated by commas or semicolons.
    if name.contains([',', ';']) {
        return Err(invalid(
            "Un nom ne peut pas contenir de virgule ni de point-virgule.",
        ));
    }
    Ok(name.to_owned())
}

/// An optional text: trimmed, `None` when empty, refused when too long.
pub(crate) fn text_of(text: Option<&str>, max: usize, what: &str) -> Result<Option<String>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > max {
        return Err(invalid(format!(
            "{what} est trop longue ({max} caractères au plus)."
        )));
    }
    Ok(Some(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_limited() {
        assert_eq!(name_of("  Monde ", 10, "x").expect("a name"), "Monde");
        assert!(name_of("   ", 10, "x").is_err());
        assert!(name_of("abcdefghijk", 10, "x").is_err());
        assert!(name_of("a\nb", 10, "x").is_err());
    }
}
