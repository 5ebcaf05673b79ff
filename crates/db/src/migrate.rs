//! Embedded migrations, one folder per backend, run at start.

use crate::{DbError, url::DatabaseLocation};
use diesel::{Connection, SqliteConnection, connection::SimpleConnection};
use diesel_async::{AsyncPgConnection, async_connection_wrapper::AsyncConnectionWrapper};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Brings the database at `location` up to the newest schema. Returns how many migrations ran.
pub async fn run(location: &DatabaseLocation) -> Result<usize, DbError> {
    let location = location.clone();
    tokio::task::spawn_blocking(move || run_blocking(&location))
        .await
        .map_err(|e| DbError::Migration(e.to_string()))?
}

fn run_blocking(location: &DatabaseLocation) -> Result<usize, DbError> {
    match location {
        DatabaseLocation::Postgres(url) => {
            let mut conn = AsyncConnectionWrapper::<AsyncPgConnection>::establish(url)
                .map_err(|e| DbError::Connect(e.to_string()))?;
            apply(&mut conn, POSTGRES)
        }
        DatabaseLocation::Sqlite(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|source| DbError::Location {
                    path: parent.display().to_string(),
                    source,
                })?;
            }
            let mut conn = SqliteConnection::establish(&path.to_string_lossy())
                .map_err(|e| DbError::Connect(e.to_string()))?;
            // Wait for a writer that is still finishing (a server stopping, another starting)
            // instead of failing at once.
            conn.batch_execute(
                "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;",
            )?;
            apply(&mut conn, SQLITE)
        }
    }
}

fn apply<C, DB>(conn: &mut C, migrations: EmbeddedMigrations) -> Result<usize, DbError>
where
    DB: diesel::backend::Backend,
    C: MigrationHarness<DB>,
{
    conn.run_pending_migrations(migrations)
        .map(|done| done.len())
        .map_err(|e| DbError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    fn folders(backend: &str) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../migrations")
            .join(backend);
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// Both backends must have the same migrations, so each schema version means one thing.
    #[test]
    fn both_backends_have_the_same_migrations() {
        assert_eq!(folders("sqlite"), folders("postgres"));
    }

    /// A migrated SQLite database can be migrated again without change.
    #[tokio::test]
    async fn migrations_apply_once() {
        let dir = tempfile::tempdir().unwrap();
        let location = crate::DatabaseLocation::Sqlite(dir.path().join("m.db"));
        let first = super::run(&location).await.unwrap();
        assert_eq!(first, folders("sqlite").len());
        assert_eq!(super::run(&location).await.unwrap(), 0);
    }
}
