//! Group commit: write jobs from many tasks run one after another inside one transaction,
//! each in a savepoint of its own, and are answered when that transaction has committed.
//!
//! Why: an inbox under load receives hundreds of activities a second, each a small write.
//! One transaction each means one writer-lock hand-off each, and the task woken for it may
//! sit behind other work on its thread while every other writer waits (a lock convoy); the
//! commit's WAL writes are paid each time too. One task that holds the writer connection
//! and drains the queue does a whole batch in one go instead. A job that fails is rolled
//! back to its savepoint and answered with its error alone; if the batch itself cannot
//! commit, every job in it is answered with that failure, so nobody is told "stored" for
//! something that was not.

use crate::{DbError, Tx, pool::Writer};
use futures::FutureExt;
use std::{future::Future, panic::AssertUnwindSafe, pin::Pin};
use tokio::sync::{mpsc, oneshot};

/// Jobs waiting beyond this many make `write` callers wait for room (back-pressure).
const QUEUE_LEN: usize = 1024;
/// At most this many jobs share one transaction, so that no batch holds the writer long.
const MAX_BATCH: usize = 128;

/// The future of a write job, borrowing the batch's transaction.
pub type WriteFuture<'a, T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'a>>;

/// A queued job with its caller's reply channel, type-erased so one queue takes them all.
trait Job: Send {
    fn run<'a>(
        self: Box<Self>,
        tx: &'a mut Tx,
    ) -> Pin<Box<dyn Future<Output = Outcome> + Send + 'a>>;
    /// The job will not run: its batch could not start.
    fn abandon(self: Box<Self>, why: &str);
}

/// A job that ran without error, waiting to hear whether its batch committed.
trait Done: Send {
    fn committed(self: Box<Self>);
    fn failed(self: Box<Self>, why: &str);
}

enum Outcome {
    Done(Box<dyn Done>),
    /// The job failed (and has told its caller); its savepoint must be rolled back.
    Failed,
}

struct TypedJob<F, T, E> {
    work: F,
    reply: oneshot::Sender<Result<T, E>>,
}

struct TypedDone<T, E> {
    value: T,
    reply: oneshot::Sender<Result<T, E>>,
}

impl<F, T, E> Job for TypedJob<F, T, E>
where
    F: for<'a> FnOnce(&'a mut Tx) -> WriteFuture<'a, T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbError> + Send + 'static,
{
    fn run<'a>(
        self: Box<Self>,
        tx: &'a mut Tx,
    ) -> Pin<Box<dyn Future<Output = Outcome> + Send + 'a>> {
        let TypedJob { work, reply } = *self;
        Box::pin(async move {
            match work(tx).await {
                Ok(value) => Outcome::Done(Box::new(TypedDone { value, reply })),
                Err(e) => {
                    let _ = reply.send(Err(e));
                    Outcome::Failed
                }
            }
        })
    }

    fn abandon(self: Box<Self>, why: &str) {
        let _ = self.reply.send(Err(DbError::Batch(why.to_owned()).into()));
    }
}

impl<T: Send, E: From<DbError> + Send> Done for TypedDone<T, E> {
    fn committed(self: Box<Self>) {
        let _ = self.reply.send(Ok(self.value));
    }

    fn failed(self: Box<Self>, why: &str) {
        let _ = self.reply.send(Err(DbError::Batch(why.to_owned()).into()));
    }
}

/// The sending end of the queue, kept by every clone of the pool. When the last one goes,
/// the queue's task ends.
#[derive(Clone)]
pub struct WriteQueue {
    jobs: mpsc::Sender<Box<dyn Job>>,
}

impl WriteQueue {
    /// Starts the queue's task on the current tokio runtime.
    pub(crate) fn start(writer: Writer) -> WriteQueue {
        let (jobs, receiver) = mpsc::channel(QUEUE_LEN);
        tokio::spawn(run(writer, receiver));
        WriteQueue { jobs }
    }

    pub(crate) async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: for<'a> FnOnce(&'a mut Tx) -> WriteFuture<'a, T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Box<dyn Job> = Box::new(TypedJob { work, reply });
        if self.jobs.send(job).await.is_err() {
            return Err(DbError::Batch("the write queue has stopped".into()).into());
        }
        answer.await.unwrap_or_else(|_| {
            Err(DbError::Batch("the write was lost (a job panicked)".into()).into())
        })
    }
}

async fn run(writer: Writer, mut jobs: mpsc::Receiver<Box<dyn Job>>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut batch, MAX_BATCH).await > 0 {
        run_batch(&writer, std::mem::take(&mut batch)).await;
    }
}

/// Runs `batch` in one transaction and answers every job in it.
async fn run_batch(writer: &Writer, batch: Vec<Box<dyn Job>>) {
    let mut tx = match writer.begin().await {
        Ok(tx) => tx,
        Err(e) => {
            let why = format!("could not start a write: {e}");
            tracing::error!(error = %e, jobs = batch.len(), "write batch not started");
            for job in batch {
                job.abandon(&why);
            }
            return;
        }
    };
    let mut done: Vec<Box<dyn Done>> = Vec::with_capacity(batch.len());
    let mut jobs = batch.into_iter();
    let broken = loop {
        let Some(job) = jobs.next() else { break None };
        if let Err(e) = tx.savepoint().await {
            break Some(format!("savepoint: {e}"));
        }
        // A panicking job must not take the queue down with it; the transaction it leaves
        // behind is not trusted, so the batch is given up.
        let outcome = AssertUnwindSafe(job.run(&mut tx)).catch_unwind().await;
        let settled = match outcome {
            Ok(Outcome::Done(d)) => {
                done.push(d);
                tx.release_savepoint().await
            }
            Ok(Outcome::Failed) => tx.rollback_savepoint().await,
            Err(_) => break Some("a write job panicked".to_owned()),
        };
        if let Err(e) = settled {
            break Some(format!("savepoint: {e}"));
        }
    };
    let failure = match broken {
        Some(why) => Some(why),
        None => tx.commit().await.err().map(|e| format!("commit: {e}")),
    };
    match failure {
        None => done.into_iter().for_each(|d| d.committed()),
        Some(why) => {
            tracing::error!(%why, "write batch rolled back");
            done.into_iter().for_each(|d| d.failed(&why));
            jobs.for_each(|j| j.abandon(&why));
        }
    }
}
