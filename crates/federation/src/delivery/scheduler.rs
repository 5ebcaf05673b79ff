//! The delivery loop of one server process. It fans new outbox rows out into deliveries,
//! then starts a worker for every host that has due deliveries, is not in back-off and has
//! no worker yet. Each worker claims and sends its own host's deliveries and ends when none
//! is due (`host_worker`), so a slow or failing host only ever delays itself, and an idle
//! host costs nothing. Tasks are owned by a `JoinSet`: stopping the scheduler stops them
//! all, as a crash would; claimed rows come back when their lease expires.

use super::{
    fanout::fan_out,
    health::{DeliveryState, HealthPolicy},
    host_worker::host_worker,
};
use crate::FederationError;
use activitypub_federation::config::{Data, FederationConfig};
use meent_app::AppContext;
use meent_db::queries::{deliveries, instances};
use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
    time::Duration,
};
use tokio::task::{JoinHandle, JoinSet};

#[derive(Debug, Clone, Copy)]
pub struct DeliverySettings {
    /// Deliveries in flight at once to one instance.
    pub per_instance: usize,
    pub health: HealthPolicy,
    /// Longest sleep between looks at the outbox (for work written by other processes).
    pub poll_interval: Duration,
    /// Outbox rows fanned out per round.
    pub batch: i64,
    /// How long a claimed delivery is reserved for the process sending it; after that
    /// another process may take it over. Longer than `claim_size` sends can take.
    pub lease: Duration,
}

impl DeliverySettings {
    /// Deliveries a host worker claims at once.
    pub fn claim_size(&self) -> i64 {
        (self.per_instance.max(1) * 4) as i64
    }
}

/// The state shared with the inboxes (see `health::DeliveryState`).
pub fn state(data: &AppContext) -> Arc<DeliveryState> {
    data.extension_or_default::<DeliveryState>()
}

pub fn spawn(config: FederationConfig<AppContext>, settings: DeliverySettings) -> JoinHandle<()> {
    tokio::spawn(async move {
        let data = config.to_request_data();
        let shared = state(&data);
        let mut workers: JoinSet<String> = JoinSet::new();
        let mut running: HashSet<String> = HashSet::new();
        loop {
            while let Some(ended) = workers.try_join_next() {
                forget(&mut running, ended);
            }
            let wait = match round(&data, &settings, &shared, &mut running, &mut workers).await {
                Ok(wait) => wait.min(settings.poll_interval),
                Err(e) => {
                    tracing::error!(error = %e, "delivery round failed");
                    settings.poll_interval
                }
            };
            tokio::select! {
                _ = data.outbox.notified() => {}
                _ = shared.wake.notified() => {}
                Some(ended) = workers.join_next(), if !workers.is_empty() => {
                    forget(&mut running, ended);
                }
                _ = tokio::time::sleep(wait) => {}
            }
        }
    })
}

fn forget(running: &mut HashSet<String>, ended: Result<String, tokio::task::JoinError>) {
    match ended {
        Ok(host) => {
            running.remove(&host);
        }
        // A worker that panicked: its host is found again by the next round only if we
        // forget it, and the JoinError does not say which it was, so start over.
        Err(e) => {
            tracing::error!(error = %e, "a delivery worker ended abnormally");
            running.clear();
        }
    }
}

/// Fans out, starts workers for hosts with due work; returns how long until the next host
/// not being worked on falls due.
async fn round(
    data: &Data<AppContext>,
    settings: &DeliverySettings,
    shared: &Arc<DeliveryState>,
    running: &mut HashSet<String>,
    workers: &mut JoinSet<String>,
) -> Result<Duration, FederationError> {
    fan_out(data, settings.batch).await?;
    let now = meent_db::now();
    let (due, backed_off, next) = {
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        (
            deliveries::due_hosts(c, now).await?,
            instances::backed_off(c, now).await?,
            deliveries::next_due_by_host(c).await?,
        )
    };
    let backed_off: HashMap<String, chrono::NaiveDateTime> = backed_off.into_iter().collect();
    shared.set_backed_off(backed_off.keys().cloned());
    for host in due {
        if backed_off.contains_key(&host) || running.contains(&host) {
            continue;
        }
        running.insert(host.clone());
        workers.spawn(host_worker(data.reset_request_count(), *settings, host));
    }
    // The soonest a host without a worker has something to do: its next delivery's time,
    // or the end of its back-off if that is later.
    let soonest = next
        .into_iter()
        .filter(|(host, _)| !running.contains(host))
        .filter_map(|(host, at)| {
            let at = at?;
            Some(backed_off.get(&host).map_or(at, |&until| until.max(at)))
        })
        .min();
    Ok(soonest.map_or(settings.poll_interval, |at| {
        (at - now).to_std().unwrap_or(Duration::ZERO)
    }))
}
