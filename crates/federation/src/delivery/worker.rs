//! The delivery loop: fan out new outbox rows, send what is due, sleep until the next row
//! falls due, a use-case signals new work, or the poll interval passes (for rows written
//! by another server on the same database).

use super::{Backoff, fanout::fan_out, send::deliver};
use crate::FederationError;
use activitypub_federation::config::{Data, FederationConfig};
use futures::{StreamExt, stream};
use meent_app::AppContext;
use meent_db::queries::deliveries::{self, DeliveryRow};
use std::time::Duration;
use tokio::task::JoinHandle;

#[derive(Debug, Clone, Copy)]
pub struct DeliverySettings {
    /// Deliveries in flight at once.
    pub concurrency: usize,
    pub backoff: Backoff,
    /// Longest sleep between looks at the outbox.
    pub poll_interval: Duration,
    /// Rows taken per round.
    pub batch: i64,
}

pub fn spawn(config: FederationConfig<AppContext>, settings: DeliverySettings) -> JoinHandle<()> {
    tokio::spawn(async move {
        let data = config.to_request_data();
        loop {
            let busy = match run_once(&data, &settings).await {
                Ok(n) => n > 0,
                Err(e) => {
                    tracing::error!(error = %e, "delivery round failed");
                    false
                }
            };
            if busy {
                continue;
            }
            let wait = match next_wait(&data).await {
                Ok(Some(w)) => w.min(settings.poll_interval),
                _ => settings.poll_interval,
            };
            tokio::select! {
                _ = data.outbox.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    })
}

async fn next_wait(data: &Data<AppContext>) -> Result<Option<Duration>, FederationError> {
    let mut conn = data.db.get().await?;
    let next = deliveries::next_due_at(&mut conn.conn()).await?;
    Ok(next.map(|at| (at - meent_db::now()).to_std().unwrap_or(Duration::ZERO)))
}

/// One round: fan out, then attempt every due delivery. Returns how much work it found.
pub async fn run_once(
    data: &Data<AppContext>,
    settings: &DeliverySettings,
) -> Result<usize, FederationError> {
    let fanned = fan_out(data, settings.batch).await?;
    let due = {
        let mut conn = data.db.get().await?;
        deliveries::due(&mut conn.conn(), meent_db::now(), settings.batch).await?
    };
    let attempted = due.len();
    let results: Vec<Result<(), FederationError>> = stream::iter(due)
        .map(|row| attempt(data, settings, row))
        .buffer_unordered(settings.concurrency.max(1))
        .collect()
        .await;
    results.into_iter().collect::<Result<(), _>>()?;
    Ok(fanned + attempted)
}

async fn attempt(
    data: &Data<AppContext>,
    settings: &DeliverySettings,
    row: DeliveryRow,
) -> Result<(), FederationError> {
    let outcome = deliver(data, &row).await;
    let mut tx = data.db.begin().await?;
    match outcome {
        Ok(()) => deliveries::delete(&mut tx.conn(), row.id).await?,
        Err(e) => {
            let attempts = row.attempts.saturating_add(1);
            let delay = settings.backoff.delay(attempts.max(0) as u32);
            let next = meent_db::now()
                + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(1));
            tracing::warn!(inbox = %row.inbox_url, attempts, error = %e, "delivery failed; will retry");
            deliveries::reschedule(&mut tx.conn(), row.id, attempts, next, &e.to_string()).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
