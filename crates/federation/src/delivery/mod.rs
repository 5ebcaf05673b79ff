//! Durable delivery. Use-cases write outbox rows in their own transactions; the scheduler
//! turns each into per-inbox delivery rows (fan-out) and one worker per remote host claims
//! and sends that host's rows, with a lease, retries, and back-off per host. Nothing is
//! removed before it is delivered, so a crash or restart loses nothing; in normal operation
//! each delivery is sent once (a repeat happens only when a lease expires mid-send, after a
//! crash or a send slower than the lease), and receivers deduplicate by activity id.

mod backoff;
pub(crate) mod fanout;
mod health;
mod host_worker;
mod limited;
mod plan;
mod programme_plan;
pub mod refusals;
mod render;
mod scheduler;
mod send;

pub use backoff::Backoff;
pub use health::{DeliveryState, HealthPolicy};
pub use plan::like_document;
pub(crate) use plan::object_activity;
pub use render::{invitation_note, render};
pub use scheduler::{DeliverySettings, spawn, state};

/// An incoming activity, verified as coming from `host`, shows the host is up: if it was in
/// back-off, its waiting deliveries are made due now and the scheduler is woken.
pub async fn heard_from(
    data: &meent_app::AppContext,
    host: &str,
) -> Result<(), crate::FederationError> {
    let shared = state(data);
    if !shared.take(host) {
        return Ok(());
    }
    let now = meent_db::now();
    let mut tx = data.db.begin().await?;
    let c = &mut tx.conn();
    meent_db::queries::instances::record_success(c, host, now).await?;
    let woken = meent_db::queries::deliveries::wake_host(c, host, now).await?;
    tx.commit().await?;
    tracing::info!(%host, woken, "heard from an instance in back-off; its queue resumes");
    shared.wake.notify_one();
    Ok(())
}
