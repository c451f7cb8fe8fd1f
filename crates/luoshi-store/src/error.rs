//! What can go wrong in the store.

use thiserror::Error;

/// A store failure: the database, or a request the ledger refuses.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database could not be reached or answered with an error.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// `--db` is neither a usable path nor a postgres:// URL.
    #[error("cannot use database {location:?}: {reason}")]
    Location { location: String, reason: String },
    /// A row the request names does not exist.
    #[error("no {entity} with id {id}")]
    NotFound { entity: &'static str, id: String },
    /// The request breaks a rule of the ledger (e.g. merging a unit into itself).
    #[error("{0}")]
    Invalid(String),
    /// A stored value that cannot be read back (a corrupt or foreign database).
    #[error("stored {what} is unreadable: {value:?}")]
    Corrupt { what: &'static str, value: String },
}

impl StoreError {
    pub(crate) fn not_found(entity: &'static str, id: impl ToString) -> Self {
        StoreError::NotFound { entity, id: id.to_string() }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        StoreError::Invalid(message.into())
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(err: serde_json::Error) -> Self {
        StoreError::Invalid(format!("JSON: {err}"))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
