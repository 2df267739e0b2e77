//! `POST /api/v1/comments/{id}/moderation`: a moderation decision taken for the key's owner,
//! recorded in the audit trail under their name and told to the author as in the back office.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use axum::Json;
use kiosque_domain::api_scope::Scope;
use kiosque_domain::CommentId;
use kiosque_store::Moderation;

use super::caller::Caller;
use super::params::id_param;
use super::schema::ErrorBody;
use super::write_error::WriteError;
use super::write_input::json_body;
use super::write_schema::{ModeratedComment, ModerationInput};
use crate::handlers::newsroom::moderation::{tell_author, tell_reporters};
use crate::i18n::t;
use crate::AppState;

/// Publish (`approve`) or `reject` a comment awaiting moderation.
#[utoipa::path(
    post, path = "/api/v1/comments/{id}/moderation", tag = "writing",
    params(("id" = i64, Path, description = "The comment's id")),
    request_body = ModerationInput,
    security(("api_key" = ["comments:moderate"])),
    responses(
        (status = 200, description = "Decided, in the audit trail under the key's owner", body = ModeratedComment),
        (status = 400, description = "An unknown decision, a missing reason, or a comment this decision does not apply to", body = ErrorBody),
        (status = 401, description = "No valid API key", body = ErrorBody),
        (status = 403, description = "The key lacks `comments:moderate`, or its owner may not moderate", body = ErrorBody),
        (status = 404, description = "No comment with this id", body = ErrorBody),
        (status = 429, description = "Too many requests; see Retry-After", body = ErrorBody),
    )
)]
pub(super) async fn moderate(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ModeratedComment>, WriteError> {
    caller.require(Scope::CommentsModerate)?;
    let owner = caller.owner(&state).await?;
    if !owner.roles.can_moderate() {
        return Err(WriteError::owner_forbidden());
    }
    let id = CommentId(id_param(id).map_err(WriteError::Api)?);
    let input: ModerationInput = json_body(body)?;
    let decision = match input.decision.trim() {
        "approve" => Moderation::Approve,
        "reject" => Moderation::Reject,
        _ => {
            let m = t("nr-mod-choose-decision");
            return Err(WriteError::field("invalid_decision", "decision", m));
        }
    };
    let reason = input.reason.as_deref().unwrap_or_default().trim();
    if decision != Moderation::Approve && reason.is_empty() {
        let m = t("nr-mod-reason-needed");
        return Err(WriteError::field("missing_reason", "reason", m));
    }
    if reason.chars().count() > 1000 {
        return Err(WriteError::field(
            "reason_too_long",
            "reason",
            t("nr-mod-reason-1000"),
        ));
    }
    let store = state.store();
    store.comment(id).await?.ok_or_else(WriteError::not_found)?;
    let reporters = store.open_reporters(id).await?;
    let c = store
        .moderate(
            id,
            owner.user_id,
            decision,
            (!reason.is_empty()).then_some(reason),
        )
        .await
        .map_err(|e| WriteError::from(e).at("decision"))?;
    tracing::info!(
        comment.id = id.get(),
        decision = decision.as_str(),
        key = caller.0.key_id,
        "moderation decision (api)"
    );
    if decision != Moderation::Approve {
        tell_author(&state, id, &c, decision, reason).await?;
    }
    tell_reporters(&state, id, reporters, decision, reason).await;
    Ok(Json(ModeratedComment {
        id: id.get(),
        status: c.status.as_str().to_owned(),
    }))
}
