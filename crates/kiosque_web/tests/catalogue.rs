//! Every word of the interface comes from the catalogues (crates/kiosque_i18n/locales): no
//! template holds text outside them, and every key the templates and the code of any crate ask
//! for exists in every language.

use std::path::{Path, PathBuf};

use kiosque_i18n::Catalogue;

/// Templates not yet moved to the catalogues: this list only shrinks.
const NOT_YET: &[&str] = &[];

fn templates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")
}

fn files(dir: &Path, ext: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ext.contains(&e))
        {
            out.push(path);
        }
    }
}

/// Removes everything between `open` and `close` (askama tags, comments).
fn strip(text: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        out.push(' ');
        match rest[start + open.len()..].find(close) {
            Some(end) => rest = &rest[start + open.len() + end + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The attributes whose values people read or hear.
const READ_ATTRIBUTES: &[&str] = &["alt", "title", "aria-label", "placeholder", "content"];

/// `<meta>` tags whose `content` is a setting, not text.
const MACHINE_META: &[&str] = &[
    "name=\"viewport\"",
    "name=\"color-scheme\"",
    "name=\"theme-color\"",
    "name=\"twitter:card\"",
    "property=\"og:type\"",
];

/// Text a reader would see in a template once its code is removed: text nodes and the values
/// of the attributes in [`READ_ATTRIBUTES`], that still hold letters.
fn interface_text(source: &str) -> Vec<String> {
    let code_free = strip(
        &strip(&strip(source, "{#", "#}"), "{%", "%}"),
        "<!--",
        "-->",
    );
    let code_free = strip(&code_free, "{{", "}}");
    let mut found = Vec::new();
    let mut rest = code_free.as_str();
    while let Some(lt) = rest.find('<') {
        found.push(rest[..lt].to_owned());
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        // Settings for browsers and card readers (`width=device-width`, `light dark`,
        // `summary_large_image`, `#ffffff`) are not read by anyone.
        if MACHINE_META.iter().any(|m| tag.contains(m)) {
            rest = &rest[lt + gt + 1..];
            continue;
        }
        for attr in READ_ATTRIBUTES {
            let needle = format!(" {attr}=\"");
            if let Some(i) = tag.find(&needle) {
                let value = &tag[i + needle.len()..];
                found.push(value[..value.find('"').unwrap_or(value.len())].to_owned());
            }
        }
        rest = &rest[lt + gt + 1..];
    }
    found.push(rest.to_owned());
    found
        .into_iter()
        .map(|t| strip(&t, "&", ";"))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| t.chars().any(char::is_alphabetic))
        // A path shown as itself (`/tag/`, `/2026/11/26/portrait.jpg`) is not a word.
        .filter(|t| !t.starts_with('/') || t.contains(' '))
        .collect()
}

#[test]
fn templates_hold_no_interface_text_outside_the_catalogues() {
    let root = templates_dir();
    let mut all = Vec::new();
    files(&root, &["html"], &mut all);
    let mut failures = Vec::new();
    for path in all {
        let rel = path
            .strip_prefix(&root)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        if NOT_YET.contains(&rel.as_str()) {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("read template");
        for text in interface_text(&source) {
            failures.push(format!("{rel}: {text:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "interface text outside the catalogues (use {{{{ crate::i18n::t(\"key\") }}}}):\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_list_of_templates_still_to_move_names_real_files() {
    for rel in NOT_YET {
        assert!(
            templates_dir().join(rel).is_file(),
            "{rel} is in NOT_YET but does not exist: remove it from the list"
        );
    }
}

/// The keys asked for by `t("…")`, `t1("…"`, `t2("…"`, `t3("…"` calls in a source.
fn keys_used(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for call in ["t(\"", "t1(\"", "t2(\"", "t3(\""] {
        let mut rest = source;
        while let Some(i) = rest.find(call) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + call.len()..];
            // `t(` only as a name of its own (`crate::t(`, ` t(`), not `format(` or `print(`.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(end) = rest.find('"') {
                keys.push(rest[..end].to_owned());
            }
        }
    }
    keys
}

#[test]
fn every_key_asked_for_exists_in_every_language() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files(&crate_dir.join("templates"), &["html", "xml"], &mut sources);
    // E-mails, labels and error messages are asked for by the other crates too
    // (`kiosque_i18n::t("…")`): every crate's sources are read.
    let crates = crate_dir.parent().expect("crates folder");
    for entry in std::fs::read_dir(crates).expect("read crates").flatten() {
        files(&entry.path().join("src"), &["rs"], &mut sources);
    }
    let mut used = Vec::new();
    for path in &sources {
        let source = std::fs::read_to_string(path).expect("read source");
        used.extend(keys_used(&source).into_iter().map(|k| (path.clone(), k)));
    }
    assert!(!used.is_empty(), "no catalogue key is used anywhere");
    for lang in Catalogue::languages() {
        let keys = Catalogue::load(lang).expect("catalogue loads").keys();
        for (path, key) in &used {
            assert!(
                keys.contains(key),
                "{}: key {key:?} is missing from {lang}.ftl",
                path.display()
            );
        }
    }
}

#[test]
fn the_scanner_sees_text_and_read_attributes_but_not_code() {
    let found = interface_text(
        "{% if x %}<a href=\"/a\" title=\"Titre\">{{ crate::t(\"k\") }}</a> · {# note #}\
         <img alt=\"{{ a }}\"><p>Bonjour&nbsp;!</p>{% endif %}",
    );
    assert_eq!(found, vec!["Titre".to_owned(), "Bonjour !".to_owned()]);
}
