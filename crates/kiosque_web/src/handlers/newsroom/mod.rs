//! The back office under `/admin`. Every route checks the member's role on the server.

pub mod articles;
pub mod integrations;
pub mod media;
pub mod moderation;
pub mod page;
pub mod site;
pub mod site_pages;
pub mod users;
pub mod videos;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;

use crate::auth::{MaybeMember, Member};
use crate::extract::RequireMember;
use crate::{AppError, AppState};

/// An admin; anyone else gets 403 (and a visitor the log-in page).
pub struct RequireAdmin(pub Member, pub axum_extra::extract::CookieJar);

impl FromRequestParts<AppState> for RequireAdmin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let RequireMember(member, jar) = RequireMember::from_request_parts(parts, state).await?;
        if !member.user.roles.is_admin() {
            return Err(AppError::Forbidden);
        }
        Ok(RequireAdmin(member, jar))
    }
}

impl RequireAdmin {
    pub fn check_csrf(&self, headers: &HeaderMap, token: &str) -> Result<(), AppError> {
        MaybeMember {
            member: Some(self.0.clone()),
            jar: self.1.clone(),
        }
        .check_csrf(headers, token)
    }
}

/// A date and time in Paris, for back-office tables.
pub(crate) fn when(ms: i64) -> String {
    use kiosque_domain::dates;
    format!("{} à {}", dates::paris_date(ms), dates::paris_time(ms))
}
