//! The interface's words, in the site's language.
//!
//! Every string a reader or a journalist reads comes from a Project Fluent catalogue,
//! `locales/<language>.ftl`, one per language (`fr` by default, `en`). The language is a
//! site-wide setting chosen at start (`--language`), so the catalogue in use is installed once
//! for the whole process ([`install`]) and read from anywhere ([`current`]): templates need no
//! extra field to speak the site's language. Content itself is never translated.

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// The language of a site that chose none.
pub const DEFAULT_LANGUAGE: &str = "fr";

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("unknown language {asked:?}: the available languages are {available}")]
    UnknownLanguage { asked: String, available: String },
    #[error("the catalogue locales/{lang}.ftl is invalid: {detail}")]
    Invalid { lang: String, detail: String },
    #[error("the site's language is already {0}")]
    AlreadySet(&'static str),
}

impl I18nError {
    pub fn code(&self) -> &'static str {
        match self {
            I18nError::UnknownLanguage { .. } => "unknown_language",
            I18nError::Invalid { .. } => "invalid_catalogue",
            I18nError::AlreadySet(_) => "language_already_set",
        }
    }
}

/// A value given to a message: `{ $count }`, `{ $name }`.
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}

// Templates pass their values borrowed once (`&self.field`) or twice (`&binding` of an
// `if let`), so every form converts.
impl<'a> From<&'a &str> for Arg<'a> {
    fn from(s: &'a &str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a &String> for Arg<'a> {
    fn from(s: &'a &String) -> Self {
        Arg::Text(s)
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                // Counts and sizes shown on a page never come near i64::MAX.
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg<'_> {
            fn from(n: &$t) -> Self {
                Arg::from(*n)
            }
        }
        impl From<&&$t> for Arg<'_> {
            fn from(n: &&$t) -> Self {
                Arg::from(**n)
            }
        }
    )*};
}

numbers!(i32, i64, u32, u64, usize);

/// One language's catalogue.
pub struct Catalogue {
    code: &'static str,
    source: &'static str,
    bundle: FluentBundle<FluentResource>,
    /// Every message that takes no argument, formatted once: pages ask for the same labels on
    /// every request (a member's page, filled per request, for a dozen).
    texts: HashMap<String, String>,
}

impl Catalogue {
    /// The languages a site can choose: one per catalogue file, sorted.
    pub fn languages() -> Vec<&'static str> {
        CATALOGUES.iter().map(|(code, _)| *code).collect()
    }

    pub fn load(lang: &str) -> Result<Catalogue, I18nError> {
        let Some(&(code, source)) = CATALOGUES.iter().find(|(code, _)| *code == lang) else {
            return Err(I18nError::UnknownLanguage {
                asked: lang.to_owned(),
                available: Catalogue::languages().join(", "),
            });
        };
        let invalid = |detail: String| I18nError::Invalid {
            lang: code.to_owned(),
            detail,
        };
        let id: LanguageIdentifier = code
            .parse()
            .map_err(|e| invalid(format!("{code} is not a language tag: {e}")))?;
        let resource = FluentResource::try_new(source.to_owned())
            .map_err(|(_, errors)| invalid(format!("{errors:?}")))?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Pages are HTML in one direction: Unicode isolation marks around every placeable
        // would only end up as invisible characters in titles, attributes and e-mails.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|errors| invalid(format!("{errors:?}")))?;
        let mut catalogue = Catalogue {
            code,
            source,
            bundle,
            texts: HashMap::new(),
        };
        catalogue.texts = catalogue
            .keys()
            .into_iter()
            .filter_map(|key| catalogue.constant(&key).map(|text| (key, text)))
            .collect();
        Ok(catalogue)
    }

    /// The message `key` if it formats without arguments (and without errors).
    fn constant(&self, key: &str) -> Option<String> {
        let pattern = self.pattern(key)?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, None, &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }

    /// The pattern of a message (`id`) or of one of its attributes (`id.attribute`).
    fn pattern(&self, key: &str) -> Option<&fluent_syntax::ast::Pattern<&str>> {
        let (id, attribute) = match key.split_once('.') {
            Some((id, attr)) => (id, Some(attr)),
            None => (key, None),
        };
        let message = self.bundle.get_message(id)?;
        match attribute {
            Some(attr) => message.get_attribute(attr).map(|a| a.value()),
            None => message.value(),
        }
    }

    /// `fr`, `en`: the value of `<html lang>`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// French typography (no-break spaces before `: ; ! ?`, inside « ») applies to French only.
    pub fn french_typography(&self) -> bool {
        self.code == "fr" || self.code.starts_with("fr-")
    }

    /// A message without arguments. A missing key shows as itself, so that a gap is visible
    /// on the page (and caught by the catalogue test) instead of breaking it.
    pub fn text(&self, key: &str) -> String {
        match self.texts.get(key) {
            Some(text) => text.clone(),
            None => self.format(key, &[]),
        }
    }

    /// A message with its arguments: `format("comments-count", &[("count", 3.into())])`.
    /// `key.attribute` reads an attribute of a message.
    pub fn format(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let Some(pattern) = self.pattern(key) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(*s),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// Every key of the catalogue (`id`, and `id.attribute` for attributes), sorted.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        // The bundle does not list its messages; the resource it was built from does.
        if let Ok(resource) = FluentResource::try_new(self.source.to_owned()) {
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    keys.push(m.id.name.to_owned());
                    for attr in &m.attributes {
                        keys.push(format!("{}.{}", m.id.name, attr.id.name));
                    }
                }
            }
        }
        keys.sort();
        keys
    }
}

static CURRENT: OnceLock<Catalogue> = OnceLock::new();

/// Sets the site's language for the whole process; called once, at start. Installing the
/// language already in use is not an error.
pub fn install(lang: &str) -> Result<&'static Catalogue, I18nError> {
    let catalogue = Catalogue::load(lang)?;
    let code = catalogue.code;
    let installed = CURRENT.get_or_init(|| catalogue);
    if installed.code == code {
        Ok(installed)
    } else {
        Err(I18nError::AlreadySet(installed.code))
    }
}

/// The site's catalogue: the installed one, or the default language's.
pub fn current() -> &'static Catalogue {
    CURRENT.get_or_init(|| {
        // The default catalogue is compiled in and checked by this crate's tests.
        #[allow(clippy::expect_used)]
        Catalogue::load(DEFAULT_LANGUAGE).expect("the default catalogue is valid")
    })
}

/// A message of the site's catalogue.
pub fn t(key: &str) -> String {
    current().text(key)
}

/// A message of the site's catalogue, with one argument.
pub fn t1<'a>(key: &str, name: &str, value: impl Into<Arg<'a>>) -> String {
    current().format(key, &[(name, value.into())])
}

/// A message of the site's catalogue, with two arguments.
pub fn t2<'a, 'b>(
    key: &str,
    name: &str,
    value: impl Into<Arg<'a>>,
    name2: &str,
    value2: impl Into<Arg<'b>>,
) -> String {
    current().format(key, &[(name, value.into()), (name2, value2.into())])
}

/// A message of the site's catalogue, with three arguments.
pub fn t3<'a, 'b, 'c>(
    key: &str,
    name: &str,
    value: impl Into<Arg<'a>>,
    name2: &str,
    value2: impl Into<Arg<'b>>,
    name3: &str,
    value3: impl Into<Arg<'c>>,
) -> String {
    current().format(
        key,
        &[
            (name, value.into()),
            (name2, value2.into()),
            (name3, value3.into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_formatted_once_read_as_formatted_each_time() {
        for lang in Catalogue::languages() {
            let c = Catalogue::load(lang).expect("catalogue");
            assert!(
                c.texts.len() > 100,
                "{lang}: {} constant texts",
                c.texts.len()
            );
            for key in c.keys() {
                assert_eq!(c.text(&key), c.format(&key, &[]), "{lang}: {key}");
            }
            // A message with an argument is not among them.
            assert!(!c.texts.contains_key("comments-count"));
        }
    }

    #[test]
    fn every_catalogue_loads_and_has_the_same_keys_as_the_default() {
        let reference = Catalogue::load(DEFAULT_LANGUAGE).expect("default catalogue");
        let expected = reference.keys();
        assert!(!expected.is_empty());
        for lang in Catalogue::languages() {
            let catalogue = Catalogue::load(lang).unwrap_or_else(|e| panic!("{e}"));
            let keys = catalogue.keys();
            let missing: Vec<_> = expected.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !expected.contains(k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}.ftl: missing {missing:?}, not in {DEFAULT_LANGUAGE}.ftl {extra:?}"
            );
        }
    }

    #[test]
    fn french_and_english_are_available() {
        assert!(Catalogue::languages().contains(&"fr"));
        assert!(Catalogue::languages().contains(&"en"));
    }

    #[test]
    fn an_unknown_language_names_the_available_ones() {
        let Err(err) = Catalogue::load("xx") else {
            panic!("xx is not a language of Kiosque")
        };
        assert_eq!(err.code(), "unknown_language");
        assert!(err.to_string().contains("en, fr"), "{err}");
    }

    #[test]
    fn plurals_follow_each_language() {
        let fr = Catalogue::load("fr").expect("fr");
        let en = Catalogue::load("en").expect("en");
        // French counts 0 and 1 as singular; English only 1.
        assert_eq!(
            fr.format("comments-count", &[("count", 0.into())]),
            "0 commentaire"
        );
        assert_eq!(
            fr.format("comments-count", &[("count", 2.into())]),
            "2 commentaires"
        );
        assert_eq!(
            en.format("comments-count", &[("count", 0.into())]),
            "0 comments"
        );
        assert_eq!(
            en.format("comments-count", &[("count", 1.into())]),
            "1 comment"
        );
    }

    #[test]
    fn a_missing_key_shows_as_itself() {
        let fr = Catalogue::load("fr").expect("fr");
        assert_eq!(fr.text("no-such-key"), "no-such-key");
        assert_eq!(
            fr.text("site-name.no-such-attribute"),
            "site-name.no-such-attribute"
        );
    }

    #[test]
    fn placeables_carry_no_isolation_marks() {
        let en = Catalogue::load("en").expect("en");
        let s = en.format("comments-count", &[("count", 3.into())]);
        assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "{s:?}");
    }
}
