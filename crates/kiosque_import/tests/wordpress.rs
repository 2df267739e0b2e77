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

/// Every post and page of the export converts to blocks the editor reads back, keeping its
/// words: at least 95 % of the words of the HTML's text are in the blocks' text.
#[test]
fn every_body_of_the_export_converts_without_losing_words() {
    use kiosque_domain::markup;
    use kiosque_import::wordpress::convert;

    let mut r = WxrReader::new(FIXTURE);
    let mut bodies = 0;
    while let Some(entry) = r.next_entry().expect("reads") {
        let Entry::Item(item) = entry else { continue };
        if !matches!(item.post_type.as_str(), "post" | "page") || item.content.trim().is_empty() {
            continue;
        }
        bodies += 1;
        let body = convert(&item.content, &|_| None);
        let text = markup::render(&body.blocks);
        let back = markup::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}\n{text}", item.title));
        assert_eq!(back.len(), body.blocks.len(), "{}", item.title);
        // The words a reader sees: not the attributes of `[caption …]` shortcodes.
        let mut html = item.content.clone();
        while let Some(start) = html.find("[caption ") {
            let Some(len) = html[start..].find(']') else {
                break;
            };
            let caption = html[start..start + len]
                .split_once("caption=\"")
                .and_then(|(_, c)| c.split_once('"'))
                .map(|(c, _)| c.to_owned())
                .unwrap_or_default();
            html.replace_range(start..=start + len, &format!(" {caption} "));
        }
        let source = scraper::Html::parse_fragment(&html);
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 3)
                .map(str::to_lowercase)
                .collect()
        };
        // Kept when the converted text holds it (an inline element may join two text nodes).
        let kept = text.to_lowercase();
        let wanted: Vec<String> =
            words(&source.root_element().text().collect::<Vec<_>>().join(" "))
                .into_iter()
                .filter(|w| !w.starts_with("caption") && !w.starts_with("gallery"))
                .collect();
        let lost = wanted.iter().filter(|w| !kept.contains(w.as_str())).count();
        assert!(
            lost * 20 <= wanted.len(),
            "{}: {lost} of {} words lost ({:?})\n{text}",
            item.title,
            wanted.len(),
            wanted
                .iter()
                .filter(|w| !kept.contains(w.as_str()))
                .collect::<Vec<_>>()
        );
    }
    assert!(bodies > 60, "{bodies} bodies");
}

/// Every post of the export becomes a draft the store accepts, with the export's statuses.
#[test]
fn every_post_of_the_export_becomes_a_valid_article_draft() {
    use kiosque_domain::ArticleStatus;
    use kiosque_import::wordpress::{post_draft, Context};

    let mut r = WxrReader::new(FIXTURE);
    let mut names = HashMap::new();
    let mut statuses: HashMap<&'static str, usize> = HashMap::new();
    let mut keys = std::collections::HashSet::new();
    while let Some(entry) = r.next_entry().expect("reads") {
        match entry {
            Entry::Author(a) => {
                names.insert(a.login, a.display_name);
            }
            Entry::Item(item) if item.post_type == "post" => {
                let site = r.site().clone();
                let cx = Context {
                    site: &site,
                    author_name: &|login| names.get(login).cloned(),
                    library: &|_| None,
                    attachment: &|_| None,
                    default_section: "archives",
                };
                let imported =
                    post_draft(&item, &cx).unwrap_or_else(|e| panic!("{}: {e}", item.title));
                assert_eq!(imported.draft.validate(), Ok(()));
                assert!(!imported.draft.authors.is_empty(), "{}", item.title);
                assert!(keys.insert(imported.draft.source_key.clone()));
                *statuses.entry(imported.draft.status.as_str()).or_default() += 1;
            }
            _ => {}
        }
    }
    assert_eq!(statuses.get(ArticleStatus::Published.as_str()), Some(&56));
    assert_eq!(statuses.get(ArticleStatus::Draft.as_str()), Some(&1));
    assert_eq!(statuses.get(ArticleStatus::Scheduled.as_str()), Some(&1));
}
