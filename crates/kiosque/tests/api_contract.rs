//! The content API held to its OpenAPI document, on both backends. The document is read by
//! `oas3` (an OpenAPI 3.1 parser) and must state the real bounds of the query parameters; then
//! each parameter value of a table is judged twice, by the document (its schema, through the
//! `jsonschema` validator with formats checked) and by the API (200 or 400), and the two must
//! agree. Answers are validated against the document's response schemas, and every 400 has the
//! one error shape `{"error": {"code", "message"}}`.

use kiosque_test_utils::both_backends;
use kiosque_test_utils::server as common;

use common::{select, Server, Site};
use oas3::spec::{ObjectOrReference, ObjectSchema, ParameterIn, Schema, SchemaType, SchemaTypeSet};
use serde_json::{json, Value};

/// An admin creates a key at /admin/api; the page shows it once.
async fn new_key(server: &Server, site: &Site) -> String {
    let admin = server
        .staff(site, "Admin API", "admin@kiosque.test", &["--admin"])
        .await;
    let csrf = admin.browser.csrf("/admin/api").await;
    let page = admin
        .browser
        .post("/admin/api", &[("csrf", &csrf), ("name", "Contrat")])
        .await;
    assert_eq!(page.status, 201, "{}", page.main_text());
    let html = page.html();
    select(&html, "input.new-key")
        .first()
        .and_then(|i| i.value().attr("value"))
        .expect("the new key is shown")
        .to_owned()
}

/// Every byte but the unreserved ones percent-encoded, so that `+5` stays a plus.
fn encode(raw: &str) -> String {
    raw.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The typed schema of a query parameter of a GET operation.
fn param_schema(spec: &oas3::Spec, path: &str, name: &str) -> ObjectSchema {
    let op = spec
        .paths
        .as_ref()
        .and_then(|p| p.get(path))
        .and_then(|i| i.get.as_ref())
        .unwrap_or_else(|| panic!("GET {path} is documented"));
    let param = op
        .parameters
        .iter()
        .find_map(|p| match p {
            ObjectOrReference::Object(p) if p.name == name => Some(p),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{path} documents `{name}`"));
    assert_eq!(param.location, ParameterIn::Query, "{path} {name}");
    assert_ne!(param.required, Some(true), "{path} {name} is optional");
    assert!(
        param.description.as_ref().is_some_and(|d| !d.is_empty()),
        "{path} {name} is described"
    );
    match param.schema.as_ref() {
        Some(Schema::Object(s)) => match s.as_ref() {
            ObjectOrReference::Object(s) => s.clone(),
            other => panic!("{path} {name}: an inline schema, not {other:?}"),
        },
        other => panic!("{path} {name}: a schema, not {other:?}"),
    }
}

fn number(n: &Option<serde_json::Number>) -> Option<i64> {
    n.as_ref().and_then(serde_json::Number::as_i64)
}

fn is_type(s: &ObjectSchema, t: SchemaType) -> bool {
    s.schema_type == Some(SchemaTypeSet::Single(t))
}

/// The bounds the issue asks the document to state, read through the typed model.
fn assert_declared_bounds(spec: &oas3::Spec) {
    let lists = [
        "/api/v1/articles",
        "/api/v1/tags",
        "/api/v1/authors",
        "/api/v1/videos",
        "/api/v1/search",
    ];
    for path in lists {
        let limit = param_schema(spec, path, "limit");
        assert!(is_type(&limit, SchemaType::Integer), "{path} limit");
        assert_eq!(number(&limit.minimum), Some(1), "{path} limit");
        assert_eq!(number(&limit.maximum), Some(100), "{path} limit");
    }
    let page = param_schema(spec, "/api/v1/search", "page");
    assert!(is_type(&page, SchemaType::Integer));
    assert_eq!(number(&page.minimum), Some(1));
    let sort = param_schema(spec, "/api/v1/search", "sort");
    assert!(is_type(&sort, SchemaType::String));
    assert_eq!(sort.enum_values, [json!("relevance"), json!("date")]);
    let kind = param_schema(spec, "/api/v1/search", "type");
    assert_eq!(
        kind.enum_values,
        [json!("article"), json!("video"), json!("all")]
    );
    for path in ["/api/v1/articles", "/api/v1/search"] {
        for name in ["since", "until"] {
            let date = param_schema(spec, path, name);
            let formats: Vec<Option<String>> = date
                .any_of
                .iter()
                .map(|s| match s {
                    Schema::Object(o) => match o.as_ref() {
                        ObjectOrReference::Object(o) => o.format.clone(),
                        ObjectOrReference::Ref { .. } => None,
                    },
                    Schema::Boolean(_) => None,
                })
                .collect();
            assert_eq!(
                formats,
                [Some("date".to_owned()), Some("date-time".to_owned())],
                "{path} {name}"
            );
        }
    }
    let q = param_schema(spec, "/api/v1/search", "q");
    assert_eq!(q.max_length, Some(500));
}

/// The JSON schema of a query parameter, as the document has it.
fn raw_param_schema(doc: &Value, path: &str, name: &str) -> Value {
    doc["paths"][path]["get"]["parameters"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == name))
        .map(|p| p["schema"].clone())
        .unwrap_or_else(|| panic!("{path} documents `{name}`"))
}

/// A query-string value as the JSON the parameter's schema judges: form-style serialisation
/// writes an integer as its digits, so digits are a number and anything else stays a string.
fn instance(schema: &Value, raw: &str) -> Value {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    if schema["type"] == "integer"
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        if let Ok(n) = raw.parse::<i64>() {
            return json!(n);
        }
    }
    json!(raw)
}

/// A validator for one of the document's schemas, `$ref`s resolved inside the document.
fn component_validator(doc: &Value, reference: &str) -> jsonschema::Validator {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": reference,
        "components": doc["components"].clone(),
    });
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{reference} compiles: {e}"))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// The `$ref` of an operation's answer with this status.
fn response_ref(doc: &Value, path: &str, status: &str) -> String {
    doc["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]["$ref"]
        .as_str()
        .unwrap_or_else(|| panic!("{path} documents its {status} as JSON"))
        .to_owned()
}

async fn the_document_states_bounds_and_the_api_keeps_them(site: Site) {
    let server = site.start_relaxed();
    let key = new_key(&server, &site).await;
    let raw = server.api("/api/v1/openapi.json", None).await;
    assert_eq!(raw.status, 200);
    let spec = oas3::from_json(&raw.body).expect("the document parses as OpenAPI 3.1");
    let version = spec
        .validate_version()
        .expect("a supported OpenAPI version");
    assert_eq!((version.major, version.minor), (3, 1));
    assert_declared_bounds(&spec);
    let doc: Value = serde_json::from_str(&raw.body).expect("JSON");

    // (operation, base query, parameter, values): every value is judged by the document and by
    // the API, which must agree.
    let limits: &[&str] = &[
        "",
        "0",
        "1",
        "20",
        "100",
        "101",
        "-1",
        "+5",
        " 5",
        "5 ",
        "abc",
        "007",
        "99999999999999999999",
    ];
    let dates: &[&str] = &[
        "",
        "2016-12-23",
        "2016-12-23T10:00:00Z",
        "2016-12-23T10:00:00+01:00",
        "2016-12-23T10:00:00.250Z",
        "2016-13-45",
        "2016-02-30",
        "2016-1-5",
        "23/12/2016",
        "2016-12-23 10:00:00Z",
        "2016-12-23T10:00Z",
        "2016-12-23T10:00:00",
        "demain",
    ];
    let (longest, too_long) = ("a".repeat(500), "a".repeat(501));
    let cases: &[(&str, &str, &str, &[&str])] = &[
        ("/api/v1/articles", "", "limit", limits),
        ("/api/v1/articles", "", "since", dates),
        ("/api/v1/articles", "", "until", dates),
        ("/api/v1/tags", "", "limit", limits),
        ("/api/v1/authors", "", "limit", limits),
        ("/api/v1/videos", "", "limit", limits),
        ("/api/v1/search", "q=syrie", "limit", limits),
        // One result a page, so that the last page there can be is the document's maximum.
        (
            "/api/v1/search",
            "q=syrie&limit=1",
            "page",
            &["", "0", "1", "2", "-1", "1.5", "x", "10001", "10002"],
        ),
        (
            "/api/v1/search",
            "q=syrie",
            "sort",
            &["", "relevance", "date", "popular", "Date", " date"],
        ),
        (
            "/api/v1/search",
            "q=syrie",
            "type",
            &["", "article", "video", "all", "videos", "ARTICLE"],
        ),
        ("/api/v1/search", "q=syrie", "since", dates),
        ("/api/v1/search", "q=syrie", "until", dates),
        ("/api/v1/search", "", "q", &["syrie", &longest, &too_long]),
    ];
    let error_body = component_validator(&doc, "#/components/schemas/ErrorBody");
    let mut refused = 0;
    for (path, base, name, values) in cases {
        let schema = raw_param_schema(&doc, path, name);
        let judge = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("a parameter schema compiles");
        let ok_body = component_validator(&doc, &response_ref(&doc, path, "200"));
        for raw in *values {
            let declared_valid = judge.is_valid(&instance(&schema, raw));
            let sep = if base.is_empty() { "" } else { "&" };
            let url = format!("{path}?{base}{sep}{name}={}", encode(raw));
            let page = server.api(&url, Some(&key)).await;
            let answer = page.json();
            if declared_valid {
                assert_eq!(
                    page.status, 200,
                    "{url} is valid by the document: {}",
                    page.body
                );
                let wrong = errors(&ok_body, &answer);
                assert!(
                    wrong.is_empty(),
                    "{url}: the answer breaks its schema: {wrong:#?}"
                );
            } else {
                refused += 1;
                assert_eq!(
                    page.status, 400,
                    "{url} is invalid by the document: {}",
                    page.body
                );
                let wrong = errors(&error_body, &answer);
                assert!(wrong.is_empty(), "{url}: {wrong:#?}");
                assert_eq!(
                    response_ref(&doc, path, "400"),
                    "#/components/schemas/ErrorBody",
                    "{path} documents its 400"
                );
                let error = answer["error"].as_object().expect("error object");
                assert_eq!(answer.as_object().map(|o| o.len()), Some(1), "{url}");
                assert_eq!(error.len(), 2, "{url}: code and message only");
                assert_eq!(error["code"], "bad_request", "{url}");
                assert!(
                    error["message"].as_str().is_some_and(|m| !m.is_empty()),
                    "{url}"
                );
            }
        }
    }
    // The cases the issue names, among those refused.
    for url in [
        "/api/v1/articles?limit=",
        "/api/v1/articles?limit=0",
        "/api/v1/articles?limit=101",
        "/api/v1/search?q=syrie&page=0",
        "/api/v1/search?q=syrie&sort=popular",
        "/api/v1/articles?since=2016-13-45",
    ] {
        assert_eq!(server.api(url, Some(&key)).await.status, 400, "{url}");
    }
    assert!(refused > 40, "{refused}");

    // The other answers hold to their schemas too.
    let fixture = common::fixture_article(&server).await;
    for (path, concrete) in [
        (
            "/api/v1/articles/{id}",
            format!("/api/v1/articles/{}", fixture.id),
        ),
        ("/api/v1/sections", "/api/v1/sections".to_owned()),
        (
            "/api/v1/search",
            "/api/v1/search?q=syrie&type=all&limit=100".to_owned(),
        ),
        ("/api/v1/articles", "/api/v1/articles?limit=100".to_owned()),
    ] {
        let page = server.api(&concrete, Some(&key)).await;
        assert_eq!(page.status, 200, "{concrete}");
        let v = component_validator(&doc, &response_ref(&doc, path, "200"));
        let wrong = errors(&v, &page.json());
        assert!(wrong.is_empty(), "{concrete}: {wrong:#?}");
    }
    let missing = server.api("/api/v1/articles/999999", Some(&key)).await;
    assert_eq!(missing.status, 404);
    assert!(errors(&error_body, &missing.json()).is_empty());
}

both_backends!(the_document_states_bounds_and_the_api_keeps_them);
