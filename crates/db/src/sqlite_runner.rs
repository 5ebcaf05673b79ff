//! Where a SQLite connection's statements run: on the calling thread.
//!
//! diesel-async's default hands every statement to tokio's blocking pool and back. For
//! SQLite, whose statements take microseconds against pages already in memory, that hop (two
//! thread switches, an allocation, a wake-up) costs more than the statement, and inside a
//! write transaction it stretches the time the one writer holds SQLite's lock. Running in
//! place blocks the calling task for as long as the statement takes, which is what an
//! embedded database does anyway.
//!
//! What keeps this from stalling a thread: readers never wait in WAL mode, and every write
//! transaction of this process goes through the single writer connection (see
//! [`crate::DbPool`]), so no statement here waits for a lock held by a task parked on the same
//! thread. Only another process writing the same file (an admin command while the server
//! runs) can make a writer wait, for at most the busy timeout.

use diesel_async::sync_connection_wrapper::SpawnBlocking;
use std::{error::Error, future::Future, pin::Pin};

/// Runs the connection's work immediately, on the thread that asks for it.
#[derive(Debug, Clone, Copy, Default)]
pub struct OnCallingThread;

type Outcome<R> = Result<R, Box<dyn Error + Send + Sync + 'static>>;

impl SpawnBlocking for OnCallingThread {
    fn spawn_blocking<'a, R>(
        &mut self,
        task: impl FnOnce() -> R + Send + 'static,
    ) -> Pin<Box<dyn Future<Output = Outcome<R>> + Send + 'a>>
    where
        R: Send + 'static,
    {
        Box::pin(std::future::ready(Ok(task())))
    }

    fn get_runtime() -> Self {
        OnCallingThread
    }
}
