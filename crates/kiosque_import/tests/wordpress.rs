//! The WordPress theme unit test export (tests/fixtures/wordpress, GPL, see SOURCE.md) reads
//! whole, with the counts WordPress shows for it, and in bounded memory per entry.

use std::collections::HashMap;

use kiosque_import::wordpress::{Entry, WxrReader};

const FIXTURE: &[u8] = include_bytes!("fixtures/wordpress/themeunittestdata.wordpress.xml");

#[test]
fn the_theme_unit_test_export_reads_with_its_counts() {
    let mut r = WxrReader::new(FIXTURE);
    let (mut authors, mut categories, mut tags) = (0, 0, 0);
    let mut items: HashMap<(String, String), usize> = HashMap::new();
    let (mut comments, mut pending) = (0, 0);
    let mut parents = HashMap::new();
    while let Some(entry) = r.next_entry().expect("the fixture reads") {
        match entry {
            Entry::Author(_) => authors += 1,
            Entry::Category(c) => {
                parents.insert(c.nicename.clone(), c.parent.clone());
                categories += 1;
            }
            Entry::Tag(_) => tags += 1,
            Entry::Item(item) => {
                *items
                    .entry((item.post_type.clone(), item.status.clone()))
                    .or_default() += 1;
                comments += item.comments.len();
                pending += item.comments.iter().filter(|c| c.approved == "0").count();
                assert!(item.post_id > 0, "{item:?}");
            }
        }
    }
    assert_eq!(r.site().title, "Theme Unit Test Data");
    assert_eq!(r.site().wxr_version, "1.2");
    assert_eq!((authors, categories, tags), (2, 68, 110));
    let count = |t: &str, s: &str| items.get(&(t.into(), s.into())).copied().unwrap_or(0);
    assert_eq!(count("post", "publish"), 56);
    assert_eq!(count("post", "draft"), 1);
    assert_eq!(count("post", "future"), 1);
    assert_eq!(count("page", "publish"), 21);
    assert_eq!(count("attachment", "inherit"), 37);
    assert_eq!((comments, pending), (33, 3));
    // The categories' hierarchy: every parent named is a category of the export.
    for (child, parent) in &parents {
        assert!(
            parent.is_empty() || parents.contains_key(parent),
            "{child} -> {parent}"
        );
    }
    assert!(parents.values().any(|p| !p.is_empty()));
}

#[test]
fn a_truncated_export_is_refused_at_its_end_after_the_whole_entries() {
    let cut = &FIXTURE[..FIXTURE.len() / 2];
    let mut r = WxrReader::new(cut);
    let mut read = 0;
    let err = loop {
        match r.next_entry() {
            Ok(Some(_)) => read += 1,
            Ok(None) => panic!("a file cut in half read to its end"),
            Err(e) => break e,
        }
    };
    assert!(read > 100, "{read} entries before the cut");
    assert!(
        err.to_string().contains("cut short") || err.code() == "wxr_not_xml",
        "{err}"
    );
}
