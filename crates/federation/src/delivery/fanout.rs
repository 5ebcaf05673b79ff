//! Outbox rows → delivery rows, one transaction per batch of outbox rows.

use super::plan::{Lookups, plan};
use crate::FederationError;
use activitypub_federation::config::Data;
use meent_app::AppContext;
use meent_db::queries::{
    deliveries::{self, NewDelivery},
    outbox,
};
use meent_domain::OutboundActivity;

/// Fans out up to `batch` pending outbox rows. Returns how many rows it handled.
pub(super) async fn fan_out(data: &Data<AppContext>, batch: i64) -> Result<usize, FederationError> {
    let ctx: &AppContext = data;
    let pending = {
        let mut conn = ctx.db.get().await?;
        outbox::pending(&mut conn.conn(), batch).await?
    };
    let count = pending.len();
    let mut planned_rows = Vec::with_capacity(count);
    let mut lookups = Lookups::default();
    for row in pending {
        let now = meent_db::now();
        let planned = match serde_json::from_str::<OutboundActivity>(&row.activity) {
            Ok(activity) => match plan(&activity, data, &mut lookups).await {
                Ok(planned) => planned,
                // What it refers to is gone: nothing left to send.
                Err(FederationError::NotFound(what)) => {
                    tracing::warn!(
                        id = row.id,
                        what,
                        "outbox entry refers to something gone; dropped"
                    );
                    Vec::new()
                }
                // Perhaps passing (the database): leave it for the next round.
                Err(e) => {
                    tracing::error!(id = row.id, error = %e, "planning an outbox entry failed; will retry");
                    continue;
                }
            },
            Err(e) => {
                tracing::error!(id = row.id, error = %e, "unreadable outbox entry dropped");
                Vec::new()
            }
        };
        let mut rows = Vec::new();
        for p in planned.into_iter().filter(|p| !p.inboxes.is_empty()) {
            let payload = p.payload.to_string();
            for inbox in p.inboxes.into_iter().filter(|i| !data.urls().is_local(i)) {
                rows.push(NewDelivery {
                    outbox_id: row.id,
                    host: instance_key(&inbox),
                    inbox_url: inbox.to_string(),
                    signer_ap_id: p.signer.to_string(),
                    payload: payload.clone(),
                    attempts: 0,
                    next_attempt_at: now,
                    created_at: now,
                });
            }
        }
        planned_rows.push((row.id, rows));
    }
    // One transaction for the whole batch: marking and inserting together, so that if
    // another server fanned a row out first, this one adds nothing for it.
    if !planned_rows.is_empty() {
        let now = meent_db::now();
        let mut tx = ctx.db.begin().await?;
        let c = &mut tx.conn();
        let ids: Vec<i64> = planned_rows.iter().map(|(id, _)| *id).collect();
        let marked: std::collections::HashSet<i64> = outbox::mark_many_fanned_out(c, &ids, now)
            .await?
            .into_iter()
            .collect();
        for (id, rows) in &planned_rows {
            if marked.contains(id) && !rows.is_empty() {
                deliveries::insert_many(c, rows).await?;
            }
        }
        tx.commit().await?;
    }
    Ok(count)
}

/// The key a remote instance is tracked by: its host, with the port when one is given
/// (only in debug mode, where several test instances share `localhost`).
pub(crate) fn instance_key(inbox: &url::Url) -> String {
    let host = inbox.host_str().unwrap_or_default();
    match inbox.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}
