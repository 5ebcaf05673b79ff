//! One host's worker: claims a batch of that host's due deliveries (with a lease), sends
//! them `per_instance` at a time, records the outcomes, and goes on until nothing is due or
//! the host has gone into back-off. It returns its host when it ends.

use super::refusals::Refusal;
use super::{
    scheduler::{DeliverySettings, state},
    send::{Signers, deliver},
};
use crate::FederationError;
use activitypub_federation::config::Data;
use futures::{StreamExt, stream};
use meent_app::AppContext;
use meent_db::queries::{
    deliveries::{self, DeliveryRow},
    instances,
};

pub(super) async fn host_worker(
    data: Data<AppContext>,
    settings: DeliverySettings,
    host: String,
) -> String {
    let signers = Signers::default();
    loop {
        match one_batch(&data, &settings, &host, &signers).await {
            Ok(Continue::Yes) => {}
            Ok(Continue::No) => break,
            Err(e) => {
                // What was claimed comes back when its lease expires.
                tracing::error!(%host, error = %e, "delivery worker stopped");
                break;
            }
        }
    }
    host
}

enum Continue {
    Yes,
    No,
}

type Outcome = (DeliveryRow, Result<Option<Refusal>, String>);

async fn one_batch(
    data: &Data<AppContext>,
    settings: &DeliverySettings,
    host: &str,
    signers: &Signers,
) -> Result<Continue, FederationError> {
    let now = meent_db::now();
    let lease_until = now + chrono::Duration::from_std(settings.lease).unwrap_or_default();
    let rows = {
        let mut tx = data.db.begin().await?;
        let rows = deliveries::claim(
            &mut tx.conn(),
            host,
            now,
            lease_until,
            settings.claim_size(),
        )
        .await?;
        tx.commit().await?;
        rows
    };
    if rows.is_empty() {
        return Ok(Continue::No);
    }
    let outcomes: Vec<Outcome> = stream::iter(rows)
        .map(|row| async {
            let outcome = deliver(data, signers, &row)
                .await
                .map_err(|e| e.to_string());
            (row, outcome)
        })
        .buffer_unordered(settings.per_instance.max(1))
        .collect()
        .await;
    let backed_off = record(data, settings, host, &outcomes).await?;
    Ok(if backed_off {
        Continue::No
    } else {
        Continue::Yes
    })
}

/// How often a peer's refusals are logged at WARN; the ones between are counted (and shown
/// to the administrator) and logged at DEBUG.
const REFUSAL_LOG_EVERY: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// Counts the batch's refusals for `host` and logs the last one, at WARN at most every
/// [`REFUSAL_LOG_EVERY`] per peer.
async fn record_refusals(
    c: &mut meent_db::Conn<'_>,
    host: &str,
    batch: &[Outcome],
    now: chrono::NaiveDateTime,
) -> Result<(), FederationError> {
    let refused: Vec<(&DeliveryRow, &Refusal)> = batch
        .iter()
        .filter_map(|(row, o)| match o {
            Ok(Some(refusal)) => Some((row, refusal)),
            _ => None,
        })
        .collect();
    let Some((row, last)) = refused.last() else {
        return Ok(());
    };
    let text = format!("{} {}", last.status, last.answer);
    let before = instances::record_refusals(c, host, refused.len() as i64, &text, now).await?;
    let activity = serde_json::from_str::<serde_json::Value>(&row.payload)
        .ok()
        .and_then(|p| p["id"].as_str().map(str::to_owned))
        .unwrap_or_default();
    if before.is_none_or(|at| now - at >= REFUSAL_LOG_EVERY) {
        tracing::warn!(
            %host,
            refused = refused.len(),
            status = last.status,
            answer = %last.answer,
            %activity,
            "a peer refused deliveries (shown under Beheer)"
        );
    } else {
        tracing::debug!(%host, status = last.status, answer = %last.answer, %activity, "a peer refused a delivery");
    }
    Ok(())
}

/// Writes a batch's outcomes in one transaction. When at least one delivery got through,
/// the host is healthy (and its waiting deliveries are woken if it had been failing); the
/// ones that failed wait out their own back-off. When none got through, the host has failed
/// one round: it goes into back-off and its failed deliveries wait for the end of it.
/// Returns whether the host is now in back-off.
async fn record(
    data: &Data<AppContext>,
    settings: &DeliverySettings,
    host: &str,
    batch: &[Outcome],
) -> Result<bool, FederationError> {
    let now = meent_db::now();
    let delivered: Vec<i64> = batch
        .iter()
        .filter(|(_, o)| o.is_ok())
        .map(|(r, _)| r.id)
        .collect();
    let mut tx = data.db.begin().await?;
    let c = &mut tx.conn();
    deliveries::delete_many(c, &delivered).await?;
    let host_failed = delivered.is_empty();
    let retry_host_at = if host_failed {
        let before = instances::get(c, host).await?;
        let after = settings.health.after_failed_round(before.as_ref(), now);
        instances::save_failing(c, host, after, now).await?;
        tracing::warn!(
            %host,
            failed_rounds = after.failures,
            dead = after.dead_since.is_some(),
            retry_at = %after.retry_at,
            "delivery round failed; instance in back-off"
        );
        Some(after.retry_at)
    } else {
        if instances::record_success(c, host, now).await? {
            let woken = deliveries::wake_host(c, host, now).await?;
            tracing::info!(%host, woken, "instance answers again; its queue resumes");
        }
        None
    };
    record_refusals(c, host, batch, now).await?;
    for (row, outcome) in batch {
        let Err(error) = outcome else { continue };
        let attempts = row.attempts.saturating_add(1);
        let next = match retry_host_at {
            Some(at) => at,
            None => {
                let delay = settings.health.backoff.delay(attempts.max(0) as u32);
                now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(1))
            }
        };
        tracing::debug!(inbox = %row.inbox_url, attempts, %error, "delivery failed; will retry");
        deliveries::release_failed(c, row.id, attempts, next, error).await?;
    }
    tx.commit().await?;
    if host_failed {
        state(data).mark_backed_off(host);
    }
    Ok(host_failed)
}
