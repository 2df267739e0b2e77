//! The back office under `/admin`. Every route checks the member's role on the server.

pub mod articles;
pub mod dashboard;
pub mod integrations;
pub mod live;
pub mod media;
mod medium_rights;
pub mod moderation;
pub mod newsletters;
pub mod page;
pub mod podcasts;
pub mod site;
pub mod site_pages;
pub mod users;
pub mod videos;
pub mod wire;

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
    crate::i18n::t2(
        "nr-when",
        "date",
        &dates::paris_date(ms),
        "time",
        &dates::paris_time(ms),
    )
}

/// A date and time followed by who did it (`…, par Léa`), or the date alone when no one is
/// recorded (a key made from the command line, a page never edited in the newsroom).
pub(crate) fn when_by(ms: i64, by: Option<&str>) -> String {
    match by {
        Some(name) => crate::i18n::t2("nr-when-by", "date", &when(ms), "name", name),
        None => when(ms),
    }
}

/// The plain text of an e-mail: its paragraphs, each worded by the catalogue, separated by a
/// blank line (a catalogue message cannot end with one).
pub(crate) fn mail_text(paragraphs: &[String]) -> String {
    let mut text = paragraphs.join("\n\n");
    text.push('\n');
    text
}
