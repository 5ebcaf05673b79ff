//! Outbox rows → delivery rows, one transaction per outbox row.

use super::render;
use crate::FederationError;
use meent_app::AppContext;
use meent_db::queries::{
    collectives,
    deliveries::{self, NewDelivery},
    members, outbox,
};
use meent_domain::OutboundActivity;

/// Fans out up to `batch` pending outbox rows. Returns how many rows it handled.
pub(super) async fn fan_out(ctx: &AppContext, batch: i64) -> Result<usize, FederationError> {
    let pending = {
        let mut conn = ctx.db.get().await?;
        outbox::pending(&mut conn.conn(), batch).await?
    };
    let count = pending.len();
    for row in pending {
        let now = meent_db::now();
        let mut tx = ctx.db.begin().await?;
        let c = &mut tx.conn();
        if !outbox::mark_fanned_out(c, row.id, now).await? {
            continue; // another worker took it
        }
        let activity: OutboundActivity = match serde_json::from_str(&row.activity) {
            Ok(a) => a,
            Err(e) => {
                tracing::error!(id = row.id, error = %e, "unreadable outbox row skipped");
                tx.commit().await?;
                continue;
            }
        };
        let recipient = activity.recipient().as_str();
        let inbox = match members::by_ap_id(c, recipient).await? {
            Some(m) => Some(m.shared_inbox_url.unwrap_or(m.inbox_url)),
            None => collectives::by_ap_id(c, recipient)
                .await?
                .map(|g| g.shared_inbox_url.unwrap_or(g.inbox_url)),
        };
        let Some(inbox) = inbox else {
            tracing::warn!(%recipient, "recipient unknown; activity not delivered");
            tx.commit().await?;
            continue;
        };
        let host = url::Url::parse(&inbox)?
            .host_str()
            .unwrap_or_default()
            .to_owned();
        let payload = render(&activity)?.to_string();
        deliveries::insert_many(
            c,
            &[NewDelivery {
                outbox_id: row.id,
                inbox_url: inbox,
                host,
                signer_ap_id: activity.actor().to_string(),
                payload,
                attempts: 0,
                next_attempt_at: now,
                created_at: now,
            }],
        )
        .await?;
        tx.commit().await?;
    }
    Ok(count)
}
