//! Who may work in the newsroom, and on which article: the extractor every handler starts with.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use kiosque_domain::newsroom::{Action, Actor, Subject};
use kiosque_domain::{ArticleId, ArticleStatus};
use kiosque_store::ArticleMeta;

use crate::auth::{MaybeMember, Member};
use crate::extract::RequireMember;
use crate::{AppError, AppState};

/// A member who works in the newsroom (contributor and up), with what the rules need.
pub struct Newsroom {
    pub member: Member,
    pub jar: axum_extra::extract::CookieJar,
    pub actor: Actor,
}

impl FromRequestParts<AppState> for Newsroom {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let RequireMember(member, jar) = RequireMember::from_request_parts(parts, state).await?;
        let actor = Actor {
            user_id: member.user.id,
            roles: member.user.roles.clone(),
            publish_sections: state.store().publish_sections(member.user.id).await?,
        };
        if !actor.in_newsroom() || member.user.is_banned(chrono::Utc::now().timestamp_millis()) {
            return Err(AppError::Forbidden);
        }
        Ok(Newsroom { member, jar, actor })
    }
}

impl Newsroom {
    pub fn check_csrf(&self, headers: &HeaderMap, token: &str) -> Result<(), AppError> {
        MaybeMember {
            member: Some(self.member.clone()),
            jar: self.jar.clone(),
        }
        .check_csrf(headers, token)
    }

    pub(super) fn require(&self, action: Action, meta: &ArticleMeta) -> Result<(), AppError> {
        if self.actor.may(action, &subject(meta)) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

pub(super) fn subject(m: &ArticleMeta) -> Subject {
    Subject {
        created_by: m.created_by,
        section_id: m.section_id,
        status: m.status,
    }
}

pub fn status_label(s: ArticleStatus) -> String {
    crate::i18n::t(match s {
        ArticleStatus::Draft => "nr-status-draft",
        ArticleStatus::InReview => "nr-status-in-review",
        ArticleStatus::Scheduled => "nr-status-scheduled",
        ArticleStatus::Published => "nr-status-published",
        ArticleStatus::Unpublished => "nr-status-unpublished",
    })
}

/// The article named in the path; a malformed or unknown number is a 404.
pub(super) async fn meta(state: &AppState, id: &str) -> Result<ArticleMeta, AppError> {
    let id: ArticleId = id.parse().map_err(|_| AppError::NotFound)?;
    state
        .store()
        .article_meta(id)
        .await?
        .ok_or(AppError::NotFound)
}
