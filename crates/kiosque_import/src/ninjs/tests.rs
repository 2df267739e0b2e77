use super::*;

#[test]
fn a_1x_item_and_a_2x_item_read_the_same_way() {
    let v1 = br#"{"uri": "urn:a:1", "type": "text", "version": 2, "headline": "Un titre",
        "byline": "Ana", "located": "Paris", "urgency": 3, "pubstatus": "usable",
        "versioncreated": "2024-05-01T10:00:00Z", "copyrightholder": "AFP",
        "subject": [{"name": "Politique"}, {"name": "politique"}, {"code": "x"}],
        "body_html": "<p>Premier.</p><p>Second.</p>", "description_text": "Le chapeau."}"#;
    let v2 = br#"{"uri": "urn:a:1", "type": "text", "version": "2",
        "headlines": [{"role": "sub", "value": "Sous"}, {"role": "main", "value": "Un titre"}],
        "by": "Ana", "places": [{"name": "Paris"}], "urgency": 3, "pubstatus": "usable",
        "versioncreated": "2024-05-01T12:00:00+02:00", "infosources": [{"name": "AFP"}],
        "subjects": [{"name": "Politique"}],
        "bodies": [{"role": "text", "contenttype": "text/plain", "value": "Premier."},
                   {"role": "html", "contenttype": "text/html", "value": "<p>Premier.</p><p>Second.</p>"}],
        "descriptions": [{"role": "summary", "value": "Le chapeau."}]}"#;
    let (a, b) = (parse(v1).expect("1.x"), parse(v2).expect("2.x"));
    for it in [&a, &b] {
        assert_eq!(it.uri, "urn:a:1");
        assert_eq!(it.version.as_deref(), Some("2"));
        assert_eq!(it.headline, "Un titre");
        assert_eq!(it.byline, "Ana");
        assert_eq!(it.located, "Paris");
        assert_eq!(it.agency, "AFP");
        assert_eq!(it.urgency, Some(3));
        assert_eq!(it.subjects, ["Politique"]);
        assert_eq!(it.body_html, "<p>Premier.</p><p>Second.</p>");
        assert_eq!(it.description, "Le chapeau.");
        assert_eq!(it.versioncreated, Some(1_714_557_600_000));
    }
    let draft = to_draft(&a, None, 0);
    assert_eq!(draft.section, WIRE_SECTION);
    assert_eq!(draft.status, kiosque_domain::ArticleStatus::Draft);
    assert_eq!(draft.source_key.as_deref(), Some("ninjs:urn:a:1"));
    assert_eq!(draft.standfirst.as_deref(), Some("Le chapeau."));
    assert_eq!(draft.authors, ["Ana"]);
    assert_eq!(draft.tags, ["Politique"]);
    assert_eq!(
        draft.body.first(),
        Some(&kiosque_domain::Block::Paragraph {
            text: "PARIS – Premier.".into()
        })
    );
    draft.validate().expect("a valid draft");
}

#[test]
fn what_is_not_an_item_is_refused_with_where() {
    assert_eq!(parse(br#"{"headline": "x"}"#), Err(NinjsError::NoUri));
    assert_eq!(parse(br#"{"uri": "  "}"#), Err(NinjsError::NoUri));
    assert!(matches!(parse(b"[1, 2]"), Err(NinjsError::NotAnItem(m)) if m.contains("array")));
    match parse(b"{\n\"uri\": \"a\",\n oops}") {
        Err(e @ NinjsError::NotJson { line: 3, .. }) => assert_eq!(e.code(), "ninjs_not_json"),
        other => panic!("{other:?}"),
    }
    let big = vec![b' '; MAX_ITEM_BYTES + 1];
    assert_eq!(parse(&big), Err(NinjsError::TooLarge));
}

#[test]
fn versions_compare_by_number_then_by_time() {
    let item = |v: Option<&str>, t: Option<i64>| WireItem {
        version: v.map(str::to_owned),
        versioncreated: t,
        ..WireItem::default()
    };
    assert!(is_newer(Some("2"), None, &item(Some("10"), None)));
    assert!(!is_newer(Some("10"), None, &item(Some("2"), None)));
    assert!(is_newer(None, Some(1), &item(None, Some(2))));
    assert!(!is_newer(None, Some(2), &item(None, Some(1))));
    assert!(!is_newer(Some("3"), Some(5), &item(Some("3"), Some(4))));
    assert!(is_newer(None, None, &item(None, None)));
    // The same version again is not newer.
    assert!(!is_newer(Some("3"), None, &item(Some("3"), None)));
    assert!(!is_newer(None, Some(4), &item(None, Some(4))));
}

#[test]
fn statuses_and_pictures_are_read() {
    let canceled = parse(br#"{"uri": "u", "pubstatus": "canceled"}"#).expect("item");
    assert_eq!(canceled.pubstatus, PubStatus::Canceled);
    let photo = parse(
        br#"{"uri": "p", "type": "picture", "renditions": {
            "small": {"href": "s.jpg", "mimetype": "image/jpeg", "width": 100},
            "main": {"href": "m.jpg", "mimetype": "image/jpeg", "width": 800}}}"#,
    )
    .expect("item");
    assert_eq!(photo.picture().map(|(_, r)| r.href.as_str()), Some("m.jpg"));
    let story = parse(
        br#"{"uri": "s", "type": "text", "associations": [{"uri": "p", "type": "picture",
            "renditions": [{"name": "main", "href": "https://x/p.jpg"}]}]}"#,
    )
    .expect("item");
    assert_eq!(story.picture().map(|(a, _)| a.uri.as_str()), Some("p"));
}
