//! Writing to the durable outbox, and waking the delivery worker once it is committed.

use crate::AppError;
use meent_db::{Conn, queries::outbox};
use meent_domain::OutboundActivity;
use std::sync::Arc;
use tokio::sync::Notify;

/// Wakes the delivery worker. The worker also polls, so a missed signal only delays.
#[derive(Clone, Default)]
pub struct OutboxSignal(Arc<Notify>);

impl OutboxSignal {
    pub fn notify(&self) {
        self.0.notify_one();
    }
    pub async fn notified(&self) {
        self.0.notified().await
    }
}

/// Adds `activity` to the outbox inside the caller's transaction.
pub(crate) async fn enqueue(
    conn: &mut Conn<'_>,
    activity: &OutboundActivity,
) -> Result<(), AppError> {
    let json = serde_json::to_string(activity)
        .map_err(|e| AppError::Internal(format!("serialising outbox entry: {e}")))?;
    outbox::insert(conn, activity.id().as_str(), &json, meent_db::now()).await?;
    Ok(())
}
