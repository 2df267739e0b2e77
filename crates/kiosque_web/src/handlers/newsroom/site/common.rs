//! What the site's administration pages share: the desk extractor, path ids, the store's
//! refusals and the parsing of typed values.

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiosque_store::StoreError;
use serde::Deserialize;

use crate::handlers::newsroom::articles::{AdminNav, Newsroom};
use crate::handlers::newsroom::page::admin_page;
use crate::pages::Layout;
use crate::respond::see_other;
use crate::{AppError, AppState};

/// An editor or an admin (who may manage sections, tags, authors and the front page); anyone
/// else in the newsroom gets 403, a visitor the log-in page.
pub struct Desk(pub Newsroom);

impl FromRequestParts<AppState> for Desk {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let n = Newsroom::from_request_parts(parts, state).await?;
        if !n.actor.can_manage_site() {
            return Err(AppError::Forbidden);
        }
        Ok(Desk(n))
    }
}

impl Desk {
    pub(super) fn check_csrf(&self, headers: &HeaderMap, token: &str) -> Result<(), AppError> {
        self.0.check_csrf(headers, token)
    }

    pub(super) fn nav(&self) -> AdminNav {
        AdminNav::of(&self.0.member, "site")
    }

    pub(super) fn csrf(&self) -> String {
        self.0.member.csrf.clone()
    }

    /// A page of the site's administration titled `title`, answered with `status`.
    pub(super) async fn page<T: Template>(
        &self,
        state: &AppState,
        title: &str,
        status: StatusCode,
        build: impl FnOnce(Layout) -> T,
    ) -> Result<Response, AppError> {
        admin_page(state, title, status, self.0.jar.clone(), build).await
    }

    pub(super) fn done(self, to: &str) -> Response {
        see_other(self.0.jar, to)
    }
}

/// The `?ok=…` of a page reached after a saved form, which says what to confirm.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OkQuery {
    pub(super) ok: Option<String>,
}

/// A path id: anything but a number is a 404.
// Generic over the id it names (a section's, a tag's…), all plain numbers in the URL.
pub(super) fn id_of<T: std::str::FromStr>(raw: &str) -> Result<T, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// What the desk is told after a refused form: the store's own reasons are written for them.
pub(super) fn refusal(e: StoreError) -> Result<String, AppError> {
    if let StoreError::NotFound = e {
        return Err(AppError::NotFound);
    }
    e.user_message().ok_or_else(|| e.into())
}

pub(super) fn non_empty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// A position typed in a form, or why it is not one.
pub(super) fn position_of(raw: &str, name: &str) -> Result<i64, String> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (0..=kiosque_store::MAX_SECTION_POSITION).contains(p))
        .ok_or_else(|| {
            crate::i18n::t2(
                "nr-position-invalid",
                "name",
                name,
                "max",
                kiosque_store::MAX_SECTION_POSITION,
            )
        })
}
