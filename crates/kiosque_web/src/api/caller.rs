//! Who calls the API: the key the middleware found (its scopes and owner), and the owner as the
//! newsroom's rules see them at the time of the request.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kiosque_domain::api_scope::Scope;
use kiosque_domain::newsroom::Actor;

use super::write_error::WriteError;
use crate::error::ApiError;
use crate::{AppError, AppState};

/// The key of the request, put in its extensions by `auth::require_key`.
#[derive(Debug, Clone)]
pub(crate) struct Caller(pub kiosque_store::ApiCaller);

impl FromRequestParts<AppState> for Caller {
    type Rejection = WriteError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, WriteError> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or(WriteError::Api(ApiError(AppError::Unauthorized)))
    }
}

impl Caller {
    /// 403 `insufficient_scope` unless the key has `scope`.
    pub(crate) fn require(&self, scope: Scope) -> Result<(), WriteError> {
        if self.0.scopes.has(scope) {
            Ok(())
        } else {
            Err(WriteError::scope(scope))
        }
    }

    /// The key's owner with their roles and publishing sections as they are now. An owner
    /// whose account is gone, closed or suspended makes the key unable to write.
    pub(crate) async fn owner(&self, state: &AppState) -> Result<Actor, WriteError> {
        let id = self.0.owner.ok_or_else(WriteError::owner_forbidden)?;
        let user = state
            .store()
            .user_by_id(id)
            .await?
            .ok_or_else(WriteError::owner_forbidden)?;
        if user.deactivated_at.is_some() || user.is_banned(state.config().clock.now_ms()) {
            return Err(WriteError::owner_forbidden());
        }
        Ok(Actor {
            user_id: user.id,
            roles: user.roles,
            publish_sections: state.store().publish_sections(id).await?,
        })
    }
}
