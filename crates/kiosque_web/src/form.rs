//! Form bodies. axum's own `Form` answers an undecodable body with a plain-text 400; this one
//! answers with the site's French error page, like every other refusal.

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::AppError;

/// A `application/x-www-form-urlencoded` body (or query, for GET), decoded into `T`.
pub struct Form<T>(pub T);

impl<T, S> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(t)) => Ok(Form(t)),
            Err(e) => {
                tracing::debug!(error = %e, "form body refused");
                Err(AppError::BadRequest(crate::i18n::t("site-form-malformed")))
            }
        }
    }
}
