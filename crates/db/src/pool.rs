//! One pool over both backends. Queries take a [`Conn`] and are written once with
//! [`on_conn!`](crate::on_conn), which compiles the same body for PostgreSQL and SQLite.

use crate::{DbError, url::DatabaseLocation};
use diesel::SqliteConnection;
use diesel_async::{
    AsyncConnection, AsyncPgConnection, SimpleAsyncConnection, TransactionManager,
    pooled_connection::{
        AsyncDieselConnectionManager, ManagerConfig,
        deadpool::{Object, Pool},
    },
    sync_connection_wrapper::SyncConnectionWrapper,
};
use std::{sync::Arc, time::Duration};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub type SqliteConn = SyncConnectionWrapper<SqliteConnection>;
type PgTm = <AsyncPgConnection as AsyncConnection>::TransactionManager;
type SqliteTm = <SqliteConn as AsyncConnection>::TransactionManager;

/// Set on every SQLite connection: WAL so readers never wait for the writer, a busy timeout
/// instead of instant `SQLITE_BUSY`, and foreign keys, which SQLite leaves off by default.
/// The busy timeout comes first: setting the journal mode needs a lock, and without the
/// timeout a connection opened while another is writing would fail at once.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

/// A borrowed connection of either backend.
pub enum Conn<'a> {
    Pg(&'a mut AsyncPgConnection),
    Sqlite(&'a mut SqliteConn),
}

/// Runs the same query body against whichever backend `conn` (a `&mut Conn`) holds.
#[macro_export]
macro_rules! on_conn {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::Conn::Pg($c) => {
                let $c = &mut **$c;
                $body
            }
            $crate::Conn::Sqlite($c) => {
                let $c = &mut **$c;
                $body
            }
        }
    };
}

#[derive(Clone)]
pub enum DbPool {
    Postgres(Pool<AsyncPgConnection>),
    /// SQLite allows one writer at a time; taking this lock around write transactions keeps
    /// a deferred transaction from failing with `SQLITE_BUSY` when it upgrades to a writer.
    Sqlite {
        pool: Pool<SqliteConn>,
        write_lock: Arc<Mutex<()>>,
    },
}

/// A pooled connection, held for a series of reads.
pub enum PooledConn {
    // Boxed: a PostgreSQL connection is several hundred bytes, a SQLite one a pointer.
    Pg(Box<Object<AsyncPgConnection>>),
    Sqlite(Object<SqliteConn>),
}

impl PooledConn {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            PooledConn::Pg(c) => Conn::Pg(c),
            PooledConn::Sqlite(c) => Conn::Sqlite(c),
        }
    }
}

fn build_pool<C>(
    manager: AsyncDieselConnectionManager<C>,
    max_size: usize,
) -> Result<Pool<C>, DbError>
where
    AsyncDieselConnectionManager<C>: deadpool::managed::Manager<Type = C>,
{
    Pool::builder(manager)
        .max_size(max_size)
        .wait_timeout(Some(Duration::from_secs(30)))
        .runtime(deadpool::Runtime::Tokio1)
        .build()
        .map_err(|e| DbError::Pool(e.to_string()))
}

impl DbPool {
    /// Opens the pool named by `url` (creating a SQLite file and its folder if needed) and
    /// brings the schema up to date.
    pub async fn connect(url: &str, max_size: usize) -> Result<Self, DbError> {
        let location = DatabaseLocation::parse(url)?;
        crate::migrate::run(&location).await?;
        let max_size = max_size.max(1);
        match location {
            DatabaseLocation::Postgres(url) => {
                let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new(url);
                let pool = build_pool(manager, max_size)?;
                Ok(DbPool::Postgres(pool))
            }
            DatabaseLocation::Sqlite(path) => {
                let mut config = ManagerConfig::<SqliteConn>::default();
                config.custom_setup = Box::new(|url| {
                    let url = url.to_owned();
                    Box::pin(async move {
                        let mut conn = SqliteConn::establish(&url).await?;
                        conn.batch_execute(SQLITE_PRAGMAS)
                            .await
                            .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                        Ok(conn)
                    })
                });
                let manager = AsyncDieselConnectionManager::<SqliteConn>::new_with_config(
                    path.to_string_lossy(),
                    config,
                );
                let pool = build_pool(manager, max_size)?;
                Ok(DbPool::Sqlite {
                    pool,
                    write_lock: Arc::new(Mutex::new(())),
                })
            }
        }
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            DbPool::Postgres(_) => "postgresql",
            DbPool::Sqlite { .. } => "sqlite",
        }
    }

    pub async fn get(&self) -> Result<PooledConn, DbError> {
        match self {
            DbPool::Postgres(p) => p
                .get()
                .await
                .map(|c| PooledConn::Pg(Box::new(c)))
                .map_err(|e| DbError::Pool(e.to_string())),
            DbPool::Sqlite { pool, .. } => pool
                .get()
                .await
                .map(PooledConn::Sqlite)
                .map_err(|e| DbError::Pool(e.to_string())),
        }
    }

    /// Starts a transaction: everything written through it is committed together by
    /// [`Tx::commit`], or not at all if the `Tx` is dropped first.
    pub async fn begin(&self) -> Result<Tx, DbError> {
        // The Tx owns the connection before BEGIN runs: if this future is dropped half-way
        // (a cancelled request, a stopped worker), the Tx's drop discards the connection
        // instead of returning one with an open transaction to the pool.
        let mut tx = match self {
            DbPool::Postgres(_) => Tx {
                conn: Some(self.get().await?),
                _writer: None,
            },
            DbPool::Sqlite { write_lock, .. } => {
                let writer = write_lock.clone().lock_owned().await;
                Tx {
                    conn: Some(self.get().await?),
                    _writer: Some(writer),
                }
            }
        };
        match tx.conn.as_mut() {
            Some(PooledConn::Pg(c)) => PgTm::begin_transaction(&mut ***c).await?,
            Some(PooledConn::Sqlite(c)) => {
                // IMMEDIATE takes the write lock up front, so a transaction that reads
                // before it writes cannot fail half-way with SQLITE_BUSY.
                c.spawn_blocking(|inner| {
                    diesel::connection::AnsiTransactionManager::begin_transaction_sql(
                        inner,
                        "BEGIN IMMEDIATE",
                    )
                })
                .await?
            }
            None => {}
        }
        Ok(tx)
    }
}

/// An open transaction. Dropping it without [`Tx::commit`] rolls it back: the connection is
/// taken out of the pool and closed, so no half-done transaction is ever handed out again.
pub struct Tx {
    conn: Option<PooledConn>,
    _writer: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    pub fn conn(&mut self) -> Conn<'_> {
        match self.conn.as_mut() {
            Some(c) => c.conn(),
            None => unreachable!("a Tx holds its connection until commit or drop"),
        }
    }

    pub async fn commit(mut self) -> Result<(), DbError> {
        match self.conn.as_mut() {
            Some(PooledConn::Pg(c)) => PgTm::commit_transaction(&mut ***c).await?,
            Some(PooledConn::Sqlite(c)) => SqliteTm::commit_transaction(&mut **c).await?,
            None => {}
        }
        // Committed: the connection goes back to the pool as usual.
        drop(self.conn.take());
        Ok(())
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        match self.conn.take() {
            Some(PooledConn::Pg(c)) => drop(Object::take(*c)),
            Some(PooledConn::Sqlite(c)) => drop(Object::take(c)),
            None => {}
        }
    }
}
