use thiserror::Error;

/// What can go wrong in the store. Callers map `NotFound` and `Invalid` to user-facing answers;
/// `Database` is an internal error, logged once at the boundary.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// Refused input; the message is in the site's language, for the person who typed it.
    #[error("invalid: {0}")]
    Invalid(String),
    /// A section named by its slug does not exist.
    #[error("no section {0:?}")]
    UnknownSection(String),
    /// A unique constraint refused the write: `constraint` as the database names it.
    #[error("conflict on {constraint}")]
    Conflict { constraint: String },
    /// The person's role does not allow this write (checked inside its transaction).
    #[error("forbidden")]
    Forbidden,
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// A value already taken by another row: the form field to mark, and what to tell the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub field: &'static str,
    /// In the site's language.
    pub message: String,
}

/// The unique constraints a person can run into, by table and column, with the form field
/// they concern. PostgreSQL names them `{table}_{column}_key`; SQLite reports `{table}.{column}`.
const TAKEN: &[(&str, &str, &str)] = &[
    ("users", "email", "email"),
    ("sections", "slug", "slug"),
    ("tags", "slug", "name"),
    ("authors", "slug", "name"),
    ("media", "path", "file"),
];

/// What to tell the person whose value `table` already holds.
fn taken_message(table: &str) -> String {
    use kiosque_i18n::t;
    match table {
        "users" => t("err-email-taken"),
        "sections" => t("err-section-slug-taken"),
        "tags" => t("err-tag-name-taken"),
        "authors" => t("err-author-name-taken"),
        "media" => t("err-media-path-taken"),
        _ => t("err-value-taken"),
    }
}

impl StoreError {
    /// A stable code for programs (the API, logs).
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound => "not_found",
            StoreError::Invalid(_) => "invalid",
            StoreError::UnknownSection(_) => "unknown_section",
            StoreError::Conflict { .. } => "conflict",
            StoreError::Forbidden => "forbidden",
            StoreError::Corrupt(_) => "corrupt",
            StoreError::Database(_) => "database",
            StoreError::Migrate(_) => "migration",
        }
    }

    /// What the person whose input was refused should read, in the site's language; `None`
    /// for failures that are not theirs (those are logged, and the page says something went
    /// wrong).
    pub fn user_message(&self) -> Option<String> {
        match self {
            StoreError::Invalid(m) => Some(m.clone()),
            StoreError::UnknownSection(_) => Some(kiosque_i18n::t("err-unknown-section")),
            StoreError::Conflict { .. } => Some(
                self.taken()
                    .map_or_else(|| kiosque_i18n::t("err-value-taken"), |t| t.message),
            ),
            _ => None,
        }
    }

    /// For a unique-constraint refusal the site knows, the field and message to show.
    pub fn taken(&self) -> Option<Taken> {
        let StoreError::Conflict { constraint } = self else {
            return None;
        };
        TAKEN
            .iter()
            .find(|(table, column, _)| {
                *constraint == format!("{table}_{column}_key")
                    || *constraint == format!("{table}.{column}")
            })
            .map(|(table, _, field)| Taken {
                field,
                message: taken_message(table),
            })
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(ref db) if db.is_unique_violation() => StoreError::Conflict {
                constraint: constraint_name(db.as_ref()),
            },
            other => StoreError::Database(other),
        }
    }
}

/// The violated constraint's name: PostgreSQL gives it; SQLite only says, in its message,
/// `UNIQUE constraint failed: users.email` (the first column, for a multi-column constraint).
fn constraint_name(db: &dyn sqlx::error::DatabaseError) -> String {
    if let Some(name) = db.constraint() {
        return name.to_owned();
    }
    db.message()
        .strip_prefix("UNIQUE constraint failed: ")
        .and_then(|cols| cols.split(',').next())
        .map_or_else(|| "unique".to_owned(), |c| c.trim().to_owned())
}

impl From<kiosque_domain::DraftError> for StoreError {
    fn from(e: kiosque_domain::DraftError) -> Self {
        StoreError::Invalid(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_constraints_name_their_field_on_both_backends() {
        for constraint in ["users_email_key", "users.email"] {
            let e = StoreError::Conflict {
                constraint: constraint.into(),
            };
            assert_eq!(e.taken().map(|t| t.field), Some("email"), "{constraint}");
            assert_eq!(
                e.user_message().as_deref(),
                Some("Cette adresse e-mail est déjà utilisée par un autre compte.")
            );
        }
        let other = StoreError::Conflict {
            constraint: "unique".into(),
        };
        assert_eq!(other.taken(), None);
        assert_eq!(
            other.user_message().as_deref(),
            Some("Cette valeur est déjà utilisée.")
        );
        assert_eq!(StoreError::NotFound.user_message(), None);
    }
}
