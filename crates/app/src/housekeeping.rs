//! Housekeeping in one place, run periodically by the server: what only grows is pruned,
//! and deliveries to an instance dead too long are given up. Each step is its own
//! statement, so a failure of one leaves the others done; all of it is logged.

use crate::{AppContext, AppError};
use chrono::NaiveDateTime;
use meent_db::queries::{
    deliveries, instances, mail_outbox, mail_tokens, outbox, received, search,
};

#[derive(Debug, Clone, Copy)]
pub struct HousekeepingSettings {
    /// Ids of received activities are kept this long (a resend within it is recognised).
    pub received_days: u32,
    /// Outbox rows delivered everywhere are kept this long (likes and their undoing, which
    /// are served by id, are kept).
    pub outbox_days: u32,
    /// Search change-log rows the index has read are kept this long (another process's
    /// index that is further behind is rebuilt at its start).
    pub changes_days: u32,
    /// Deliveries to an instance dead for longer than this are given up.
    pub dead_instance_days: u32,
}

impl Default for HousekeepingSettings {
    fn default() -> Self {
        HousekeepingSettings {
            received_days: 30,
            outbox_days: 30,
            changes_days: 7,
            dead_instance_days: 7,
        }
    }
}

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub received_pruned: usize,
    pub outbox_pruned: usize,
    pub changes_pruned: usize,
    /// Sent mails (kept as long as delivered activities) and expired mail links removed.
    pub mail_pruned: usize,
    /// Per instance given up on: how many deliveries were dropped.
    pub given_up: Vec<(String, usize)>,
    /// Registrations whose members were reminded of a session within a day.
    pub reminded: usize,
}

/// Activity kinds still served by id (`/activities/{kind}/…`), whose outbox rows stay.
const SERVED_BY_ID: [&str; 2] = ["/activities/like/", "/activities/undo/"];

fn days_before(now: NaiveDateTime, days: u32) -> NaiveDateTime {
    now - chrono::Duration::days(i64::from(days))
}

/// Runs every step once. `index_cursor` is the highest change-log id this process's search
/// index has read.
pub async fn run(
    ctx: &AppContext,
    settings: &HousekeepingSettings,
    index_cursor: i64,
    now: NaiveDateTime,
) -> Result<Report, AppError> {
    let mut report = Report::default();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    report.received_pruned =
        received::prune_before(c, days_before(now, settings.received_days)).await?;
    report.outbox_pruned =
        outbox::prune_delivered(c, days_before(now, settings.outbox_days), &SERVED_BY_ID).await?;
    report.changes_pruned =
        search::prune_changes(c, index_cursor, days_before(now, settings.changes_days)).await?;
    report.mail_pruned = mail_outbox::prune_sent(c, days_before(now, settings.outbox_days)).await?
        + mail_tokens::prune_expired(c, days_before(now, 1)).await?;
    for dead in
        instances::dead_since_before(c, days_before(now, settings.dead_instance_days)).await?
    {
        let dropped = deliveries::give_up_host(c, &dead.host).await?;
        if dropped > 0 {
            instances::add_given_up(c, &dead.host, dropped as i64).await?;
            report.given_up.push((dead.host, dropped));
        }
    }
    tx.commit().await?;
    report.reminded = crate::use_cases::meetings::send_reminders(ctx, now).await?;
    for (host, dropped) in &report.given_up {
        tracing::warn!(%host, dropped, "instance dead too long: its deliveries were given up");
    }
    tracing::info!(
        received = report.received_pruned,
        outbox = report.outbox_pruned,
        changes = report.changes_pruned,
        mail = report.mail_pruned,
        reminded = report.reminded,
        "housekeeping done"
    );
    Ok(report)
}
