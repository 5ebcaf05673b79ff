use thiserror::Error;

/// Why the index could not answer or be updated.
#[derive(Debug, Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index directory {path}: {source}")]
    Directory {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Db(#[from] meent_db::DbError),
    #[error("search index: {0}")]
    Internal(String),
    /// Another writer (another process, or a server still stopping) holds the index.
    #[error("the search index is in use by another writer")]
    Locked,
}

impl From<tantivy::directory::error::OpenDirectoryError> for SearchError {
    fn from(e: tantivy::directory::error::OpenDirectoryError) -> Self {
        SearchError::Internal(e.to_string())
    }
}
