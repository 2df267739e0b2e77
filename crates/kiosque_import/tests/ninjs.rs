//! Every ninjs example the IPTC publishes (1.4 and 2.1) reads as a wire item and makes a draft
//! the store accepts.

use std::path::Path;

use kiosque_import::ninjs::{parse, to_draft, WIRE_SECTION};

fn examples() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ninjs/examples");
    let mut all = Vec::new();
    for version in ["1.4", "2.1"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(version))
            .expect("examples")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for f in files {
            all.push((
                format!(
                    "{version}/{}",
                    f.file_name().expect("name").to_string_lossy()
                ),
                std::fs::read(&f).expect("read"),
            ));
        }
    }
    all
}

#[test]
fn every_published_example_makes_a_valid_draft() {
    let all = examples();
    assert_eq!(all.len(), 22);
    let mut uris = Vec::new();
    for (name, bytes) in &all {
        let item = parse(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!item.uri.is_empty(), "{name}");
        let draft = to_draft(&item, None, 1_700_000_000_000);
        draft.validate().unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(draft.section, WIRE_SECTION, "{name}");
        assert!(!draft.body.is_empty(), "{name}");
        uris.push(item.uri);
    }
    // Some stories are published in both versions (Business Wire's), and two rights examples
    // are one picture: 22 files, 18 items.
    uris.sort();
    uris.dedup();
    assert_eq!(uris.len(), 18, "{uris:?}");
}

#[test]
fn the_examples_give_what_the_wire_desk_reads() {
    let read = |name: &str| {
        let (_, bytes) = examples()
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"));
        parse(&bytes).expect("item")
    };
    let dpa = read("2.1/dpa_text.json");
    assert_eq!(dpa.agency, "dpa");
    assert_eq!(dpa.urgency, Some(4));
    assert_eq!(dpa.version.as_deref(), Some("2"));
    assert!(dpa.body_html.contains("Lucien Favre"));
    let ntb = read("2.1/ntb_text.json");
    assert_eq!(ntb.located, "Telemark");
    assert_eq!(ntb.headline, "Google har kjøpt giganttomt i Skien");
    assert!(ntb.subjects.contains(&"Teknologi".to_owned()));
    let complex = read("1.4/ninjsExComplex1.json");
    assert_eq!(complex.located, "Grossetto, Italy");
    assert_eq!(complex.byline, "Paulo Santalucia and Frances d'Emilio");
    assert_eq!(
        complex.picture().map(|(a, _)| a.uri.as_str()),
        Some("http://ninjs.example.com/newsitems/20130709simpPh123")
    );
    let photo = read("1.4/ninjsExSimplePhoto1.json");
    let (_, main) = photo.picture().expect("a picture");
    assert!(main.href.ends_with("-big.jpg"), "{}", main.href);
}
