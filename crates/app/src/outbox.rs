//! Writing to the durable outbox, and waking the delivery worker once it is committed.

use crate::AppError;
use meent_db::{
    Conn,
    queries::{collectives, dilemmas::DilemmaRow, outbox},
};
use meent_domain::{OutboundActivity, Verb, Visibility};
use std::sync::Arc;
use tokio::sync::Notify;
use url::Url;

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

/// Tells the other instances in the thread of `dilemma` that `actor` did `verb` to `object`,
/// unless the dilemma is internal, which never leaves the instance.
pub(crate) async fn enqueue_in_thread(
    conn: &mut Conn<'_>,
    ctx: &crate::AppContext,
    dilemma: &DilemmaRow,
    verb: Verb,
    actor: &str,
    object: &str,
) -> Result<(), AppError> {
    let visibility: Visibility = dilemma.visibility.parse()?;
    if !visibility.federates() {
        return Ok(());
    }
    let audience = collectives::by_id(conn, dilemma.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    let parse =
        |s: &str| Url::parse(s).map_err(|e| AppError::Internal(format!("stored URL {s:?}: {e}")));
    let kind = match verb {
        Verb::Create => "create",
        Verb::Update => "update",
        Verb::Delete => "delete",
    };
    let activity = OutboundActivity::Object {
        id: ctx.urls().new_activity(kind),
        verb,
        actor: parse(actor)?,
        object: parse(object)?,
        audience: parse(&audience.ap_id)?,
    };
    enqueue(conn, &activity).await
}
