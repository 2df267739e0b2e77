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
}

impl AppError {
    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) | AppError::Store(StoreError::Invalid(_)) => {
                StatusCode::BAD_REQUEST
            }
            AppError::Csrf | AppError::Forbidden | AppError::Denied(_) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::LoginRequired(_) => StatusCode::SEE_OTHER,
            AppError::Store(_) | AppError::Render(_) | AppError::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status_code();
        if let AppError::LoginRequired(back) = &self {
            let to = format!(
                "/compte/connexion?retour={}",
                crate::handlers::account::encode_query(back)
            );
            return (status, [(axum::http::header::LOCATION, to)]).into_response();
        }
        let (heading, message) = match status {
            StatusCode::NOT_FOUND => (
                "Page introuvable",
                "La page que vous cherchez n’existe pas ou n’est plus en ligne. Elle a peut-être été \
                 déplacée : retrouvez l’actualité depuis la une."
                    .to_owned(),
            ),
            StatusCode::FORBIDDEN => (
                "Action refusée",
                match &self {
                    AppError::Denied(m) => m.clone(),
                    AppError::Csrf => "Ce formulaire a expiré ou ne vient pas de ce site. Rechargez \
                                       la page et réessayez."
                        .to_owned(),
                    _ => "Votre compte n’a pas les droits nécessaires pour cette page.".to_owned(),
                },
            ),
            StatusCode::TOO_MANY_REQUESTS => {
                let mut res = ErrorPage::new(
                    "Trop de tentatives",
                    "Vous avez fait trop de tentatives en peu de temps. Patientez quelques minutes \
                     avant de réessayer.",
                )
                .into_status_response(status);
                res.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from_static("60"),
                );
                return res;
            }
            StatusCode::BAD_REQUEST => (
                "Requête incorrecte",
                match &self {
                    AppError::BadRequest(m) | AppError::Store(StoreError::Invalid(m)) => m.clone(),
                    _ => "La requête n’a pas pu être comprise.".to_owned(),
                },
            ),
            _ => {
                tracing::error!(error = %self, "internal error");
                (
                    "Erreur interne",
                    "Une erreur est survenue de notre côté. Réessayez dans un instant.".to_owned(),
                )
            }
        };
        ErrorPage::new(heading, &message).into_status_response(status)
    }
}

/// The 404 page for any unknown route.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
