use thiserror::Error;

/// What can go wrong in the storage layer.
#[derive(Debug, Error)]
pub enum DbError {
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    #[error("could not prepare the database location {path}: {source}")]
    Location {
        path: String,
        source: std::io::Error,
    },
    #[error("could not connect to the database: {0}")]
    Connect(String),
    #[error("database pool: {0}")]
    Pool(String),
    #[error("running migrations: {0}")]
    Migration(String),
    /// A queued write whose shared transaction could not run or commit.
    #[error("write not stored: {0}")]
    Batch(String),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

impl DbError {
    /// True when the error is a unique-constraint violation, which use-cases turn into
    /// "already exists" instead of a server error.
    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self,
            DbError::Query(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        )
    }
}
