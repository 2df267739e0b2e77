//! Starting a session: after a log-in, and after the verification link of a new account.

use crate::auth::{self, MaybeMember};
use crate::{AppError, AppState};

/// A new session id at every log-in; the old session, if any, ends.
pub async fn start_session(
    state: &AppState,
    maybe: &MaybeMember,
    user_id: kiosque_domain::UserId,
) -> Result<axum_extra::extract::CookieJar, AppError> {
    if let Some(old) = &maybe.member {
        state.store().delete_session(&old.session_hash).await?;
    }
    let secret = auth::random_token();
    let expires = chrono::Utc::now().timestamp_millis() + auth::SESSION_DAYS * 86_400_000;
    state
        .store()
        .create_session(
            &auth::hash_secret(&secret),
            user_id,
            &auth::random_token(),
            expires,
        )
        .await?;
    Ok(maybe
        .jar
        .clone()
        .add(auth::session_cookie(
            secret,
            state.config().secure_cookies(),
        ))
        .remove(auth::removal_cookie(auth::csrf_cookie_name(
            state.config().secure_cookies(),
        ))))
}
