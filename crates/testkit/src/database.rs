use anyhow::Context;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use tempfile::TempDir;
use url::Url;

/// The database of one test instance, removed when the test ends: by [`remove`] after a
/// clean stop, or when it is dropped (a test that failed or never stopped its instance).
///
/// [`remove`]: TestDatabase::remove
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
                // A run (CI sets MEENT_TEST_RUN) names its databases, so that it can clean
                // up after itself without touching another run's.
                let run = std::env::var("MEENT_TEST_RUN")
                    .ok()
                    .filter(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric()))
                    .map(|r| format!("{}_", r.to_ascii_lowercase()))
                    .unwrap_or_default();
                let name = format!("meent_test_{run}{}", uuid::Uuid::new_v4().simple());
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
    pub async fn remove(mut self) {
        if let TestDatabase::Postgres { admin_url, name } = &mut self {
            let name = std::mem::take(name);
            drop_database(admin_url, &name).await;
        }
    }
}

async fn drop_database(admin_url: &str, name: &str) {
    if name.is_empty() {
        return;
    }
    if let Ok(mut conn) = AsyncPgConnection::establish(admin_url).await {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn)
            .await;
    }
}

impl Drop for TestDatabase {
    /// Not removed yet (the test failed, or never stopped its instance): dropped here, on a
    /// thread of its own because `Drop` cannot wait for async work on the test's runtime.
    fn drop(&mut self) {
        let TestDatabase::Postgres { admin_url, name } = self else {
            return;
        };
        let (admin_url, name) = (admin_url.clone(), std::mem::take(name));
        if name.is_empty() {
            return;
        }
        let dropping = std::thread::spawn(move || {
            if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                runtime.block_on(drop_database(&admin_url, &name));
            }
        });
        let _ = dropping.join();
    }
}
