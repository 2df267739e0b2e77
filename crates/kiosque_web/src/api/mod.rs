//! The content API under `/api/v1`, for apps and partners: read-only routes for published
//! content, and write routes (drafts, the workflow, media, moderation) for keys with a write
//! scope, acting for the key's owner within the newsroom's rules.
//!
//! Every route is declared with `#[utoipa::path]` and registered through `routes!`, which puts
//! it in the OpenAPI document and in the router at once: a route cannot be served without being
//! documented. `tests::every_api_route_is_documented` guards against a hand-added `.route`.

mod articles;
mod auth;
mod caller;
mod params;
mod routes;
mod schema;
mod search;
mod taxonomy;
mod videos;
mod write_articles;
mod write_comments;
mod write_error;
mod write_input;
mod write_live;
mod write_media;
mod write_schema;

pub use auth::new_key;
pub use routes::{document, router};

/// Where the API lives; its paths below are absolute so the document reads as served.
pub const PREFIX: &str = "/api/v1";

#[cfg(test)]
mod tests {
    use kiosque_store::Cursor;

    use super::document;
    use super::params::{cursor_string, date_param, limit, parse_cursor, DEFAULT_LIMIT};

    fn documented() -> Vec<String> {
        document().paths.paths.keys().cloned().collect()
    }

    /// Routes registered with `routes!` are documented by construction; this catches a route
    /// added to the web crate by hand under the API's prefix, which would not be.
    #[test]
    fn every_api_route_is_documented() {
        let docs = documented();
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut stack = vec![std::path::PathBuf::from(src)];
        let mut seen = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable") {
                let path = entry.expect("dir entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("source is utf-8");
                for (i, _) in text.match_indices("\"/api/") {
                    let lit: String = text[i + 1..].chars().take_while(|c| *c != '"').collect();
                    let line = text[..i].lines().last().unwrap_or_default();
                    if line.contains(".route(") || line.contains(".nest(") {
                        panic!("{}: `{lit}` is routed by hand; declare it with #[utoipa::path] and routes!", path.display());
                    }
                    if line.contains("path = ") {
                        seen += 1;
                        assert!(docs.contains(&lit), "{lit} is not in the OpenAPI document");
                    }
                }
            }
        }
        // A path may carry several operations (GET and PUT `/api/v1/articles/{id}`): each is
        // declared once.
        let operations: usize = document()
            .paths
            .paths
            .values()
            .map(|item| {
                [
                    item.get.is_some(),
                    item.put.is_some(),
                    item.post.is_some(),
                    item.delete.is_some(),
                    item.patch.is_some(),
                ]
                .iter()
                .filter(|x| **x)
                .count()
            })
            .sum();
        assert_eq!(
            seen, operations,
            "every documented operation is declared once"
        );
        assert!(docs.len() >= 9, "{docs:?}");
    }

    #[test]
    fn the_document_is_openapi_3_with_the_bearer_scheme() {
        let json: serde_json::Value =
            serde_json::from_str(&document().to_json().expect("serialises")).expect("json");
        assert!(json["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.")));
        assert_eq!(
            json["components"]["securitySchemes"]["api_key"]["scheme"],
            "bearer"
        );
        // Body blocks are documented as a tagged union, not as HTML.
        let block = &json["components"]["schemas"]["BodyBlock"];
        assert!(
            block["oneOf"].as_array().is_some_and(|v| v.len() == 9),
            "{block}"
        );
    }

    #[test]
    fn cursors_round_trip_and_junk_is_refused() {
        let c = Cursor {
            at: 1_482_451_200_000,
            id: 42,
        };
        assert_eq!(parse_cursor(Some(&cursor_string(c))).ok(), Some(Some(c)));
        assert!(parse_cursor(Some("abc")).is_err());
        assert!(parse_cursor(Some("1_x")).is_err());
        assert_eq!(parse_cursor(Some("")).ok(), Some(None));
        assert!(limit(Some("0")).is_err());
        assert!(limit(Some("101")).is_err());
        assert_eq!(limit(None).ok(), Some(DEFAULT_LIMIT));
        assert!(date_param("since", Some("2016-13-45")).is_err());
        assert!(date_param("since", Some("2016-12-23")).is_ok_and(|d| d.is_some()));
        // What the document declares invalid is refused, the empty value included.
        for bad in ["", " 5", "+5", "5 ", "1e2"] {
            assert!(limit(Some(bad)).is_err(), "{bad:?}");
        }
        for bad in ["", "2016-1-5", "2016-12-23 10:00:00Z", "2016-12-23T10:00Z"] {
            assert!(date_param("since", Some(bad)).is_err(), "{bad:?}");
        }
        assert!(date_param("since", Some("2016-12-23T10:00:00+01:00")).is_ok_and(|d| d.is_some()));
    }
}
