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
}

impl AppError {
    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) | AppError::Store(StoreError::Invalid(_)) => {
                StatusCode::BAD_REQUEST
            }
            AppError::Store(_) | AppError::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let (heading, message) = match status {
            StatusCode::NOT_FOUND => (
                "Page introuvable",
                "La page que vous cherchez n’existe pas ou n’est plus en ligne. Elle a peut-être été \
                 déplacée : retrouvez l’actualité depuis la une."
                    .to_owned(),
            ),
            StatusCode::BAD_REQUEST => (
                "Requête incorrecte",
                match &self {
                    AppError::BadRequest(m) => m.clone(),
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
