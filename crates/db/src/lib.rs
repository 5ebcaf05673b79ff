//! Storage for Meent: one pool over SQLite and PostgreSQL, the schema, embedded migrations
//! and every query, each written once for both backends.

mod error;
pub mod migrate;
mod pool;
pub mod queries;
pub mod schema;
mod secret;
mod sqlite_runner;
mod url;
mod write_queue;

pub use error::DbError;
pub use pool::{Conn, DbPool, PooledConn, SqliteConn, Tx};
pub use secret::SecretText;
pub use sqlite_runner::OnCallingThread;
pub use url::{DatabaseLocation, redacted as redacted_url};
pub use write_queue::{WriteFuture, WriteQueue};

/// The current time as stored: UTC without zone, the one timestamp type both backends share.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
