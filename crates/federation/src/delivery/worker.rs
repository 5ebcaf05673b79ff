//! The delivery loop. A supervisor fans out new outbox rows and hands due deliveries to one
//! worker per remote instance, which sends up to `per_instance` at a time. Each attempt
//! updates the instance's health: an instance that fails `dead_after` times in a row is
//! marked dead and tried only every `dead_retry`; when it answers again its whole queue is
//! made due at once. Tasks are owned by `JoinSet`s, so stopping the supervisor stops them
//! all, as a crash would; nothing is lost because rows leave the table only once sent.

use super::{
    Backoff,
    fanout::fan_out,
    send::{Signers, deliver},
};
use crate::FederationError;
use activitypub_federation::config::{Data, FederationConfig};
use meent_app::AppContext;
use meent_db::queries::{
    deliveries::{self, DeliveryRow},
    instances,
};
use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::{
    sync::{Notify, Semaphore, mpsc},
    task::{JoinHandle, JoinSet},
};

#[derive(Debug, Clone, Copy)]
pub struct DeliverySettings {
    /// Deliveries in flight at once to one instance.
    pub per_instance: usize,
    pub backoff: Backoff,
    /// Longest sleep between looks at the outbox.
    pub poll_interval: Duration,
    /// Rows taken per round.
    pub batch: i64,
    /// Failures in a row after which an instance counts as dead.
    pub dead_after: i32,
    /// How often a dead instance is tried.
    pub dead_retry: Duration,
}

/// Ids handed to a worker and not finished yet, so no round hands them out twice.
type InFlight = Arc<Mutex<HashSet<i64>>>;

pub fn spawn(config: FederationConfig<AppContext>, settings: DeliverySettings) -> JoinHandle<()> {
    tokio::spawn(async move {
        let data = config.to_request_data();
        let in_flight: InFlight = Arc::default();
        let finished = Arc::new(Notify::new());
        let mut workers: JoinSet<()> = JoinSet::new();
        let mut hosts: HashMap<String, mpsc::UnboundedSender<DeliveryRow>> = HashMap::new();
        loop {
            let handed = match round(&data, &settings, &in_flight).await {
                Ok(rows) => {
                    let n = rows.len();
                    for row in rows {
                        let sender = hosts.entry(row.host.clone()).or_insert_with(|| {
                            let (tx, rx) = mpsc::unbounded_channel();
                            workers.spawn(host_worker(
                                data.reset_request_count(),
                                settings,
                                rx,
                                in_flight.clone(),
                                finished.clone(),
                            ));
                            tx
                        });
                        if let Err(mpsc::error::SendError(row)) = sender.send(row) {
                            // The worker is gone (it cannot end on its own, but be safe).
                            lock(&in_flight).remove(&row.id);
                            hosts.remove(&row.host);
                        }
                    }
                    n
                }
                Err(e) => {
                    tracing::error!(error = %e, "delivery round failed");
                    0
                }
            };
            if handed > 0 {
                continue;
            }
            let wait = match next_wait(&data).await {
                Ok(Some(w)) => w.min(settings.poll_interval),
                _ => settings.poll_interval,
            };
            tokio::select! {
                _ = data.outbox.notified() => {}
                _ = finished.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    })
}

fn lock(in_flight: &InFlight) -> std::sync::MutexGuard<'_, HashSet<i64>> {
    in_flight
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn next_wait(data: &Data<AppContext>) -> Result<Option<Duration>, FederationError> {
    let mut conn = data.db.get().await?;
    let next = deliveries::next_due_at(&mut conn.conn()).await?;
    Ok(next.map(|at| (at - meent_db::now()).to_std().unwrap_or(Duration::ZERO)))
}

/// Fans out, then claims the due deliveries not already in flight.
async fn round(
    data: &Data<AppContext>,
    settings: &DeliverySettings,
    in_flight: &InFlight,
) -> Result<Vec<DeliveryRow>, FederationError> {
    fan_out(data, settings.batch).await?;
    let due = {
        let mut conn = data.db.get().await?;
        deliveries::due(&mut conn.conn(), meent_db::now(), settings.batch).await?
    };
    let mut claimed = lock(in_flight);
    Ok(due
        .into_iter()
        .filter(|row| claimed.insert(row.id))
        .collect())
}

/// Sends one instance's deliveries, `per_instance` at a time; outcomes are written by a
/// recorder in batches, so that a burst of deliveries is not a burst of transactions.
async fn host_worker(
    data: Data<AppContext>,
    settings: DeliverySettings,
    mut rows: mpsc::UnboundedReceiver<DeliveryRow>,
    in_flight: InFlight,
    finished: Arc<Notify>,
) {
    let slots = Arc::new(Semaphore::new(settings.per_instance.max(1)));
    let signers: Arc<Signers> = Arc::default();
    let (outcomes_tx, outcomes_rx) = mpsc::unbounded_channel();
    let mut tasks: JoinSet<()> = JoinSet::new();
    tasks.spawn(recorder(
        data.reset_request_count(),
        settings,
        outcomes_rx,
        in_flight,
        finished,
    ));
    while let Some(row) = rows.recv().await {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let (data, signers, outcomes) = (
            data.reset_request_count(),
            signers.clone(),
            outcomes_tx.clone(),
        );
        tasks.spawn(async move {
            let outcome = deliver(&data, &signers, &row)
                .await
                .map_err(|e| e.to_string());
            let _ = outcomes.send((row, outcome));
            drop(slot);
        });
        // Reap finished sends so the set does not grow.
        while tasks.try_join_next().is_some() {}
    }
}

type Outcome = (DeliveryRow, Result<(), String>);

async fn recorder(
    data: Data<AppContext>,
    settings: DeliverySettings,
    mut outcomes: mpsc::UnboundedReceiver<Outcome>,
    in_flight: InFlight,
    finished: Arc<Notify>,
) {
    while let Some(first) = outcomes.recv().await {
        let mut batch = vec![first];
        while batch.len() < 500 {
            match outcomes.try_recv() {
                Ok(more) => batch.push(more),
                Err(_) => break,
            }
        }
        if let Err(e) = record(&data, &settings, &batch).await {
            // The rows stay as they were and are attempted again: a repeat is harmless.
            tracing::error!(error = %e, "recording delivery outcomes failed");
        }
        {
            let mut claimed = lock(&in_flight);
            for (row, _) in &batch {
                claimed.remove(&row.id);
            }
        }
        finished.notify_one();
    }
}

/// Writes a batch of outcomes for one instance in one transaction.
async fn record(
    data: &Data<AppContext>,
    settings: &DeliverySettings,
    batch: &[Outcome],
) -> Result<(), FederationError> {
    let Some(host) = batch.first().map(|(row, _)| row.host.clone()) else {
        return Ok(());
    };
    let now = meent_db::now();
    let mut tx = data.db.begin().await?;
    let c = &mut tx.conn();
    let delivered: Vec<i64> = batch
        .iter()
        .filter(|(_, o)| o.is_ok())
        .map(|(r, _)| r.id)
        .collect();
    if !delivered.is_empty() {
        deliveries::delete_many(c, &delivered).await?;
        if instances::record_success(c, &host, now).await? {
            let woken = deliveries::wake_host(c, &host, now).await?;
            tracing::info!(%host, woken, "instance answers again; its queue resumes");
        }
    }
    for (row, outcome) in batch {
        let Err(error) = outcome else { continue };
        let attempts = row.attempts.saturating_add(1);
        let instance = instances::record_failure(c, &host, settings.dead_after, now).await?;
        let delay = if instance.dead_since.is_some() {
            settings.dead_retry
        } else {
            settings.backoff.delay(attempts.max(0) as u32)
        };
        let next = now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(1));
        tracing::warn!(inbox = %row.inbox_url, attempts, dead = instance.dead_since.is_some(), %error, "delivery failed; will retry");
        deliveries::reschedule(c, row.id, attempts, next, error).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One synchronous round without workers, for benchmarks and tools: fan out and attempt
/// every due delivery, `per_instance` at a time per host. Returns how many it attempted.
pub async fn run_once(
    data: &Data<AppContext>,
    settings: &DeliverySettings,
) -> Result<usize, FederationError> {
    use futures::{StreamExt, stream};
    fan_out(data, settings.batch).await?;
    let due = {
        let mut conn = data.db.get().await?;
        deliveries::due(&mut conn.conn(), meent_db::now(), settings.batch).await?
    };
    let n = due.len();
    let signers = Signers::default();
    let outcomes: Vec<Outcome> = stream::iter(due)
        .map(|row| async {
            let outcome = deliver(data, &signers, &row)
                .await
                .map_err(|e| e.to_string());
            (row, outcome)
        })
        .buffer_unordered(settings.per_instance.max(1))
        .collect()
        .await;
    let mut by_host: HashMap<String, Vec<Outcome>> = HashMap::new();
    for o in outcomes {
        by_host.entry(o.0.host.clone()).or_default().push(o);
    }
    for batch in by_host.values() {
        record(data, settings, batch).await?;
    }
    Ok(n)
}
