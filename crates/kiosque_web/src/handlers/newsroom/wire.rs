//! `/admin/depeches`: the wire desk. Every agency item received (by `kiosque import ninjs` or
//! the watched folder), newest first: its agency, urgency, place and version, the draft it
//! became, and the agency's word on its use: a withheld or canceled item is flagged, since an
//! editor may have published it already.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use kiosque_store::WireRow;

use super::articles::{status_label, AdminNav, Newsroom};
use super::when;
use crate::layout::layout;
use crate::respond::personal;
use crate::views::Here;
use crate::{AppError, AppState};

/// Items shown: a day of a busy wire.
const SHOWN: i64 = 500;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/depeches", get(list))
}

pub struct WireLine {
    pub received: String,
    pub agency: String,
    pub urgency: String,
    pub located: String,
    /// The draft's title, edit link, status and public path.
    pub draft: Option<(String, String, String, String)>,
    pub uri: String,
    pub version: String,
    /// The agency's warning (withheld, canceled), in the site's language.
    pub flag: Option<String>,
    /// Files named by the item (pictures, sounds): (label, address).
    pub files: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin/wire.html")]
pub struct WirePage {
    pub layout: crate::pages::Layout,
    pub nav: AdminNav,
    pub lines: Vec<WireLine>,
}

fn line(w: WireRow) -> WireLine {
    let flag = match w.pubstatus.as_str() {
        "withheld" => Some(crate::i18n::t("wire-withheld")),
        "canceled" => Some(crate::i18n::t("wire-canceled")),
        _ => None,
    };
    let files = serde_json::from_str::<Vec<serde_json::Value>>(&w.renditions)
        .unwrap_or_else(|e| {
            tracing::warn!(uri = %w.uri, error = %e, "wire item renditions unreadable");
            Vec::new()
        })
        .iter()
        .filter_map(|r| {
            let href = r.get("href")?.as_str()?.to_owned();
            let name = r.get("name").and_then(|n| n.as_str()).unwrap_or_default();
            let label = if name.is_empty() {
                href.clone()
            } else {
                name.to_owned()
            };
            Some((label, href))
        })
        // Only addresses a browser opens: a file delivered beside the item is in the library.
        .filter(|(_, href)| href.starts_with("https://") || href.starts_with("http://"))
        .collect();
    WireLine {
        received: when(w.received_at),
        agency: w.agency,
        urgency: w.urgency.map(|u| u.to_string()).unwrap_or_default(),
        located: w.located,
        draft: w.article.map(|(id, title, status, path)| {
            (
                title,
                format!("/admin/articles/{}", id.get()),
                status_label(status),
                path,
            )
        }),
        uri: w.uri,
        version: match w.version {
            Some(v) => crate::i18n::t2("wire-version", "version", &v, "count", w.versions),
            None => crate::i18n::t1("wire-versions", "count", w.versions),
        },
        flag,
        files,
    }
}

pub async fn list(State(state): State<AppState>, n: Newsroom) -> Result<Response, AppError> {
    let lines = state
        .store()
        .wire_items(SHOWN)
        .await?
        .into_iter()
        .map(line)
        .collect();
    let page = WirePage {
        layout: layout(
            &state,
            &crate::i18n::t("wire-title"),
            None,
            None,
            Here::Elsewhere,
        )
        .await?,
        nav: AdminNav::of(&n.member, "wire"),
        lines,
    };
    Ok(personal(StatusCode::OK, n.jar, page.render()?))
}
