use anyhow::Context;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use tempfile::TempDir;
use url::Url;

/// The database of one test instance, removed when the test ends.
pub enum TestDatabase {
    Sqlite { dir: TempDir },
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// A fresh database: PostgreSQL when `MEENT_TEST_DATABASE_URL` is set (a URL of the
    /// server with a database to connect to for `CREATE DATABASE`), SQLite otherwise.
    pub async fn create() -> anyhow::Result<Self> {
        match std::env::var("MEENT_TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("meent_test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = AsyncPgConnection::establish(&admin_url)
                    .await
                    .with_context(|| format!("connecting to {admin_url}"))?;
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await?;
                Ok(TestDatabase::Postgres { admin_url, name })
            }
            _ => Ok(TestDatabase::Sqlite {
                dir: tempfile::tempdir()?,
            }),
        }
    }

    pub fn url(&self) -> anyhow::Result<String> {
        match self {
            TestDatabase::Sqlite { dir } => Ok(format!(
                "sqlite://{}",
                dir.path().join("meent.db").display()
            )),
            TestDatabase::Postgres { admin_url, name } => {
                let mut url = Url::parse(admin_url)?;
                url.set_path(&format!("/{name}"));
                Ok(url.to_string())
            }
        }
    }

    /// Drops a PostgreSQL test database (SQLite folders go with the `TempDir`).
    pub async fn remove(self) {
        if let TestDatabase::Postgres { admin_url, name } = self
            && let Ok(mut conn) = AsyncPgConnection::establish(&admin_url).await
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut conn)
                .await;
        }
    }
}
