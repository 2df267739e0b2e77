use thiserror::Error;

/// What can go wrong in the store. Callers map `NotFound` and `Invalid` to user-facing answers;
/// `Database` is an internal error, logged once at the boundary.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("invalid: {0}")]
    Invalid(String),
    #[error("conflict on {constraint}")]
    Conflict { constraint: String },
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(ref db) if db.is_unique_violation() => StoreError::Conflict {
                constraint: db.constraint().unwrap_or("unique").to_owned(),
            },
            other => StoreError::Database(other),
        }
    }
}

impl From<kiosque_domain::DraftError> for StoreError {
    fn from(e: kiosque_domain::DraftError) -> Self {
        StoreError::Invalid(e.to_string())
    }
}
