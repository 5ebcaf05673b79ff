//! One pool over both backends. Queries take a [`Conn`] and are written once with
//! [`on_conn!`](crate::on_conn), which compiles the same body for PostgreSQL and SQLite.

use crate::{
    DbError,
    sqlite_runner::OnCallingThread,
    url::DatabaseLocation,
    write_queue::{WriteFuture, WriteQueue},
};
use diesel::SqliteConnection;
use diesel_async::{
    AsyncConnection, AsyncPgConnection, SimpleAsyncConnection, TransactionManager,
    pooled_connection::{
        AsyncDieselConnectionManager, ManagerConfig,
        deadpool::{Object, Pool},
    },
    sync_connection_wrapper::SyncConnectionWrapper,
};
use std::time::Duration;

/// A SQLite connection whose statements run on the calling thread (see `sqlite_runner`).
pub type SqliteConn = SyncConnectionWrapper<SqliteConnection, OnCallingThread>;
type PgTm = <AsyncPgConnection as AsyncConnection>::TransactionManager;
type SqliteTm = <SqliteConn as AsyncConnection>::TransactionManager;

/// Set on every SQLite connection: WAL so readers never wait for the writer, a busy timeout
/// instead of instant `SQLITE_BUSY`, and foreign keys, which SQLite leaves off by default.
/// The busy timeout comes first: setting the journal mode needs a lock, and without the
/// timeout a connection opened while another is writing would fail at once.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

/// Added for the readers' connections: a write through one of them fails at once instead of
/// slipping past the single writer (which would make it wait on SQLite's lock, blocking its
/// thread).
const SQLITE_READER_PRAGMAS: &str = "PRAGMA query_only = ON;";

/// The manager of a SQLite pool on `path`: connections with [`SQLITE_PRAGMAS`], and
/// read-only ones when `read_only`.
fn sqlite_manager(path: &str, read_only: bool) -> AsyncDieselConnectionManager<SqliteConn> {
    let mut config = ManagerConfig::<SqliteConn>::default();
    config.custom_setup = Box::new(move |url| {
        let url = url.to_owned();
        Box::pin(async move {
            let mut conn = SqliteConn::establish(&url).await?;
            conn.batch_execute(SQLITE_PRAGMAS)
                .await
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
            if read_only {
                conn.batch_execute(SQLITE_READER_PRAGMAS)
                    .await
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
            }
            Ok(conn)
        })
    });
    AsyncDieselConnectionManager::<SqliteConn>::new_with_config(path, config)
}

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
    Postgres {
        pool: Pool<AsyncPgConnection>,
        writes: WriteQueue,
    },
    /// SQLite allows one writer at a time, so write transactions share one connection:
    /// waiting for it is waiting for the write lock, without `SQLITE_BUSY` and without a
    /// thread blocked on SQLite's own lock. Reads use the other connections, read-only.
    Sqlite {
        readers: Pool<SqliteConn>,
        writer: Pool<SqliteConn>,
        writes: WriteQueue,
    },
}

/// Where write transactions get their connection: what the write queue's task holds (not
/// the whole pool, so that the queue ends when the last pool clone is dropped).
#[derive(Clone)]
pub(crate) enum Writer {
    Postgres(Pool<AsyncPgConnection>),
    Sqlite(Pool<SqliteConn>),
}

impl Writer {
    /// See [`DbPool::begin`].
    pub(crate) async fn begin(&self) -> Result<Tx, DbError> {
        // The Tx owns the connection before BEGIN runs: if this future is dropped half-way
        // (a cancelled request, a stopped worker), the Tx's drop discards the connection
        // instead of returning one with an open transaction to the pool.
        let pool_error = |e: deadpool::managed::PoolError<_>| DbError::Pool(e.to_string());
        let mut tx = match self {
            Writer::Postgres(p) => Tx {
                conn: Some(PooledConn::Pg(Box::new(p.get().await.map_err(pool_error)?))),
            },
            Writer::Sqlite(p) => Tx {
                conn: Some(PooledConn::Sqlite(p.get().await.map_err(pool_error)?)),
            },
        };
        match tx.conn.as_mut() {
            Some(PooledConn::Pg(c)) => PgTm::begin_transaction(&mut ***c).await?,
            Some(PooledConn::Sqlite(c)) => {
                // IMMEDIATE takes the write lock up front, so a transaction that reads
                // before it writes cannot fail half-way with SQLITE_BUSY when another
                // process writes too.
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
    /// brings the schema up to date. Starts the write queue's task on the current runtime.
    pub async fn connect(url: &str, max_size: usize) -> Result<Self, DbError> {
        let location = DatabaseLocation::parse(url)?;
        crate::migrate::run(&location).await?;
        let max_size = max_size.max(1);
        match location {
            DatabaseLocation::Postgres(url) => {
                let manager = AsyncDieselConnectionManager::<AsyncPgConnection>::new(url);
                let pool = build_pool(manager, max_size)?;
                let writes = WriteQueue::start(Writer::Postgres(pool.clone()));
                Ok(DbPool::Postgres { pool, writes })
            }
            DatabaseLocation::Sqlite(path) => {
                let path = path.to_string_lossy();
                let writer = build_pool(sqlite_manager(&path, false), 1)?;
                Ok(DbPool::Sqlite {
                    readers: build_pool(sqlite_manager(&path, true), max_size)?,
                    writes: WriteQueue::start(Writer::Sqlite(writer.clone())),
                    writer,
                })
            }
        }
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            DbPool::Postgres { .. } => "postgresql",
            DbPool::Sqlite { .. } => "sqlite",
        }
    }

    /// A connection for reading (on SQLite a read-only one: writes go through [`begin`]).
    ///
    /// [`begin`]: DbPool::begin
    pub async fn get(&self) -> Result<PooledConn, DbError> {
        match self {
            DbPool::Postgres { pool, .. } => pool
                .get()
                .await
                .map(|c| PooledConn::Pg(Box::new(c)))
                .map_err(|e| DbError::Pool(e.to_string())),
            DbPool::Sqlite { readers, .. } => readers
                .get()
                .await
                .map(PooledConn::Sqlite)
                .map_err(|e| DbError::Pool(e.to_string())),
        }
    }

    fn writer(&self) -> Writer {
        match self {
            DbPool::Postgres { pool, .. } => Writer::Postgres(pool.clone()),
            DbPool::Sqlite { writer, .. } => Writer::Sqlite(writer.clone()),
        }
    }

    /// Starts a transaction: everything written through it is committed together by
    /// [`Tx::commit`], or not at all if the `Tx` is dropped first.
    pub async fn begin(&self) -> Result<Tx, DbError> {
        self.writer().begin().await
    }

    /// Runs `work` in the write queue: in a savepoint of a transaction shared with other
    /// queued writes, answered once that transaction has committed (see `write_queue`).
    /// For small, frequent writes (what other instances send); `work` must not wait for
    /// anything but the database, as the whole batch waits with it.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: for<'a> FnOnce(&'a mut Tx) -> WriteFuture<'a, T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        match self {
            DbPool::Postgres { writes, .. } | DbPool::Sqlite { writes, .. } => {
                writes.write(work).await
            }
        }
    }
}

/// An open transaction. Dropping it without [`Tx::commit`] rolls it back: the connection is
/// taken out of the pool and closed, so no half-done transaction is ever handed out again.
pub struct Tx {
    conn: Option<PooledConn>,
}

impl Tx {
    pub fn conn(&mut self) -> Conn<'_> {
        match self.conn.as_mut() {
            Some(c) => c.conn(),
            None => unreachable!("a Tx holds its connection until commit or drop"),
        }
    }

    /// Opens a savepoint: what follows can be undone alone by [`Tx::rollback_savepoint`].
    pub(crate) async fn savepoint(&mut self) -> Result<(), DbError> {
        match self.conn.as_mut() {
            Some(PooledConn::Pg(c)) => PgTm::begin_transaction(&mut ***c).await?,
            Some(PooledConn::Sqlite(c)) => SqliteTm::begin_transaction(&mut **c).await?,
            None => {}
        }
        Ok(())
    }

    /// Keeps what was written since the last [`Tx::savepoint`] as part of the transaction.
    pub(crate) async fn release_savepoint(&mut self) -> Result<(), DbError> {
        match self.conn.as_mut() {
            Some(PooledConn::Pg(c)) => PgTm::commit_transaction(&mut ***c).await?,
            Some(PooledConn::Sqlite(c)) => SqliteTm::commit_transaction(&mut **c).await?,
            None => {}
        }
        Ok(())
    }

    /// Undoes what was written since the last [`Tx::savepoint`].
    pub(crate) async fn rollback_savepoint(&mut self) -> Result<(), DbError> {
        match self.conn.as_mut() {
            Some(PooledConn::Pg(c)) => PgTm::rollback_transaction(&mut ***c).await?,
            Some(PooledConn::Sqlite(c)) => SqliteTm::rollback_transaction(&mut **c).await?,
            None => {}
        }
        Ok(())
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
