//! Wire items built from arbitrary values in ninjs's fields (1.x and 2.x shapes, wrong types
//! included) never make the reader panic, and every item read makes a draft the store accepts.

use kiosque_import::ninjs::{parse, to_draft};
use proptest::prelude::*;
use serde_json::{json, Value};

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<String>().prop_map(Value::from),
        "[a-z<>/ ]{0,40}".prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec(("[a-z]{1,8}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

const FIELDS: &[&str] = &[
    "uri",
    "type",
    "version",
    "versioncreated",
    "pubstatus",
    "urgency",
    "headline",
    "headlines",
    "byline",
    "by",
    "located",
    "places",
    "subject",
    "subjects",
    "body_html",
    "body_xhtml",
    "body_text",
    "bodies",
    "description_text",
    "descriptions",
    "renditions",
    "associations",
    "copyrightholder",
    "infosources",
    "slugline",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_fields_never_panic_and_make_valid_drafts(
        uri in "[ -~]{0,30}",
        fields in prop::collection::vec((0..FIELDS.len(), value()), 0..10),
    ) {
        let mut item = json!({ "uri": uri });
        for (i, v) in fields {
            item[FIELDS[i]] = v;
        }
        let bytes = serde_json::to_vec(&item).expect("json");
        if let Ok(parsed) = parse(&bytes) {
            let draft = to_draft(&parsed, None, 0);
            prop_assert!(draft.validate().is_ok(), "{:?} from {}", draft.validate(), item);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse(&bytes);
    }
}
