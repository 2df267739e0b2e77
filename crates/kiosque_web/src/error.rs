//! The one mapping from errors to HTTP responses. Site pages answer with an HTML page in French;
//! internal errors are logged once, here, and their text is never shown to readers.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kiosque_store::StoreError;

use crate::pages::ErrorPage;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nothing here: unknown path, unpublished article, malformed id.
    #[error("not found")]
    NotFound,
    /// The request cannot be served as asked; the message is shown to the reader.
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("template: {0}")]
    Render(#[from] askama::Error),
    /// A form without a valid CSRF token, or posted from another site.
    #[error("csrf")]
    Csrf,
    #[error("too many requests")]
    TooManyRequests,
    /// An API client spent its quota; it may try again after this many seconds.
    #[error("rate limited for {0} s")]
    RateLimited(u64),
    /// An API request without a valid key.
    #[error("unauthorized")]
    Unauthorized,
    /// The page needs a logged-in member: go and log in, then come back here.
    #[error("login required")]
    LoginRequired(String),
    /// Logged in, but this role may not do that.
    #[error("forbidden")]
    Forbidden,
    /// Refused for a reason the member must read ("your account is suspended").
    #[error("denied: {0}")]
    Denied(String),
    #[error("internal: {0}")]
    Internal(String),
    /// The node is at capacity (renders, live streams): try again in a moment.
    #[error("overloaded")]
    Overloaded,
}

impl From<crate::limits::Limited> for AppError {
    fn from(e: crate::limits::Limited) -> Self {
        match e {
            crate::limits::Limited::TooMany => AppError::TooManyRequests,
            crate::limits::Limited::RetryAfter(s) => AppError::RateLimited(s),
        }
    }
}

impl AppError {
    /// What the person should read when the refusal is about their input (French); `None`
    /// for failures that are not theirs.
    pub fn user_message(&self) -> Option<String> {
        match self {
            AppError::BadRequest(m) => Some(m.clone()),
            AppError::Store(e) => e.user_message(),
            _ => None,
        }
    }

    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
            AppError::Store(StoreError::Conflict { .. }) => StatusCode::CONFLICT,
            AppError::BadRequest(_)
            | AppError::Store(StoreError::Invalid(_) | StoreError::UnknownSection(_)) => {
                StatusCode::BAD_REQUEST
            }
            AppError::Csrf
            | AppError::Forbidden
            | AppError::Denied(_)
            | AppError::Store(StoreError::Forbidden) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests | AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            AppError::LoginRequired(_) => StatusCode::SEE_OTHER,
            AppError::Store(_) | AppError::Render(_) | AppError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl AppError {
    /// Seconds a refused client should wait (`Retry-After`).
    fn retry_after(&self) -> u64 {
        match self {
            AppError::RateLimited(s) => (*s).max(1),
            AppError::Overloaded => 1,
            _ => 60,
        }
    }

    /// A short machine-readable name of the error, for API clients.
    fn code(&self) -> &'static str {
        code_for(self.status_code())
    }
}

/// The code of a JSON error, from its status: the content API documents these, and the site's
/// scripts get the same ones.
pub(crate) fn code_for(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::TOO_MANY_REQUESTS => "rate_limited",
        StatusCode::CONFLICT => "conflict",
        StatusCode::SERVICE_UNAVAILABLE => "overloaded",
        _ => "internal",
    }
}

/// The one JSON error shape, shared by the content API and the site's scripts:
/// `{"error": {"code": "…", "message": "…"}}`.
pub(crate) fn json_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": { "code": code, "message": message } });
    (status, axum::Json(body)).into_response()
}

/// The same errors, answered as JSON for the content API:
/// `{"error": {"code": "not_found", "message": "…"}}`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        use axum::http::{header, HeaderValue};
        let e = self.0;
        let status = match e.status_code() {
            // The API never redirects to a log-in page.
            StatusCode::SEE_OTHER => StatusCode::UNAUTHORIZED,
            s => s,
        };
        let message = match (&e, e.user_message()) {
            (AppError::NotFound | AppError::Store(StoreError::NotFound), _) => {
                "Nothing here: unknown path or id, or not published.".to_owned()
            }
            (_, Some(m)) => m,
            (AppError::Unauthorized, _) => {
                "A valid API key is required: send it as `Authorization: Bearer <key>`.".to_owned()
            }
            (AppError::RateLimited(s), _) => {
                format!("Too many requests for this key; try again in {s} s.")
            }
            (AppError::TooManyRequests, _) => "Too many requests; try again later.".to_owned(),
            (AppError::Overloaded, _) => "The server is busy; try again in a second.".to_owned(),
            (AppError::Forbidden | AppError::Denied(_) | AppError::Csrf, _) => {
                "Forbidden.".to_owned()
            }
            _ => {
                tracing::error!(error = %e, "internal error (api)");
                "Internal error; try again in a moment.".to_owned()
            }
        };
        let mut res = json_error(status, e.code(), &message);
        let headers = res.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match status {
            StatusCode::UNAUTHORIZED => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"kiosque\""),
                );
            }
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                headers.insert(header::RETRY_AFTER, e.retry_after().into());
            }
            _ => {}
        }
        res
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status_code();
        if let AppError::LoginRequired(back) = &self {
            let to = format!(
                "/compte/connexion?retour={}",
                crate::respond::encode_query(back)
            );
            return (status, [(axum::http::header::LOCATION, to)]).into_response();
        }
        let (heading, message) = match status {
            StatusCode::NOT_FOUND => (
                crate::i18n::t("site-error-not-found"),
                crate::i18n::t("site-error-not-found-text"),
            ),
            StatusCode::FORBIDDEN => (
                crate::i18n::t("site-error-forbidden"),
                match &self {
                    AppError::Denied(m) => m.clone(),
                    AppError::Csrf => crate::i18n::t("site-error-csrf-text"),
                    _ => crate::i18n::t("site-error-forbidden-text"),
                },
            ),
            StatusCode::TOO_MANY_REQUESTS => {
                let mut res = ErrorPage::new(
                    &crate::i18n::t("site-error-too-many"),
                    &crate::i18n::t("site-error-too-many-text"),
                )
                .into_status_response(status);
                res.headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, self.retry_after().into());
                return res;
            }
            StatusCode::SERVICE_UNAVAILABLE => return crate::busy::busy_page(),
            StatusCode::UNAUTHORIZED => (
                crate::i18n::t("site-error-unauthorized"),
                crate::i18n::t("site-error-unauthorized-text"),
            ),
            StatusCode::BAD_REQUEST | StatusCode::CONFLICT => (
                crate::i18n::t("site-error-bad-request"),
                self.user_message()
                    .unwrap_or_else(|| crate::i18n::t("site-error-bad-request-text")),
            ),
            _ => {
                tracing::error!(error = %self, "internal error");
                (
                    crate::i18n::t("site-error-internal"),
                    crate::i18n::t("site-error-internal-text"),
                )
            }
        };
        ErrorPage::new(&heading, &message).into_status_response(status)
    }
}

/// The 404 page for any unknown route; JSON under the API's prefix.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError(AppError::NotFound).into_response()
    } else {
        AppError::NotFound.into_response()
    }
}
