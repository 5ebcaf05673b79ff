//! Delivery health per remote instance (by host). What the numbers mean is decided in the
//! federation crate (`delivery::health`); this only reads and writes them.

use crate::{Conn, DbError, on_conn, schema::instances};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = instances)]
pub struct InstanceRow {
    pub host: String,
    /// Failed attempt rounds since the last success (not failed deliveries).
    pub failures: i32,
    pub dead_since: Option<NaiveDateTime>,
    pub last_success: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
    /// When the current run of failures began.
    pub failing_since: Option<NaiveDateTime>,
    /// No delivery before this time (back-off); `None` when healthy.
    pub retry_at: Option<NaiveDateTime>,
    /// Deliveries given up because the instance stayed dead too long.
    pub given_up: i64,
    /// Its server software, from NodeInfo (`lemmy`, `mastodon`, …), once learned.
    pub software: Option<String>,
    /// Deliveries it refused for good (a 4xx answer).
    pub refusals: i64,
    pub last_refusal_at: Option<NaiveDateTime>,
    /// The last refusal: its status and the start of the peer's answer.
    pub last_refusal: Option<String>,
}

impl InstanceRow {
    /// Whether anything about the instance is failing.
    pub fn failing(&self) -> bool {
        self.failures > 0 || self.retry_at.is_some() || self.dead_since.is_some()
    }
}

pub async fn get(conn: &mut Conn<'_>, host: &str) -> Result<Option<InstanceRow>, DbError> {
    Ok(on_conn!(conn, |c| instances::table
        .find(host)
        .select(InstanceRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// Every tracked instance, by host.
pub async fn list(conn: &mut Conn<'_>) -> Result<Vec<InstanceRow>, DbError> {
    Ok(on_conn!(conn, |c| instances::table
        .order(instances::host.asc())
        .select(InstanceRow::as_select())
        .load(c)
        .await)?)
}

/// Records a success: the instance is alive, whatever it was before. Returns whether it
/// had been failing (its waiting deliveries should then be woken).
pub async fn record_success(
    conn: &mut Conn<'_>,
    host: &str,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let was_failing = get(conn, host).await?.is_some_and(|i| i.failing());
    on_conn!(conn, |c| diesel::insert_into(instances::table)
        .values((
            instances::host.eq(host),
            instances::failures.eq(0),
            instances::last_success.eq(Some(now)),
            instances::updated_at.eq(now),
        ))
        .on_conflict(instances::host)
        .do_update()
        .set((
            instances::failures.eq(0),
            instances::dead_since.eq(None::<NaiveDateTime>),
            instances::failing_since.eq(None::<NaiveDateTime>),
            instances::retry_at.eq(None::<NaiveDateTime>),
            instances::last_success.eq(Some(now)),
            instances::updated_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(was_failing)
}

/// The health fields a failed round sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Failing {
    pub failures: i32,
    pub failing_since: NaiveDateTime,
    pub dead_since: Option<NaiveDateTime>,
    pub retry_at: NaiveDateTime,
}

/// Writes the state after a failed attempt round.
pub async fn save_failing(
    conn: &mut Conn<'_>,
    host: &str,
    state: Failing,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(instances::table)
        .values((
            instances::host.eq(host),
            instances::failures.eq(state.failures),
            instances::failing_since.eq(Some(state.failing_since)),
            instances::dead_since.eq(state.dead_since),
            instances::retry_at.eq(Some(state.retry_at)),
            instances::updated_at.eq(now),
        ))
        .on_conflict(instances::host)
        .do_update()
        .set((
            instances::failures.eq(state.failures),
            instances::failing_since.eq(Some(state.failing_since)),
            instances::dead_since.eq(state.dead_since),
            instances::retry_at.eq(Some(state.retry_at)),
            instances::updated_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// Hosts in back-off at `now`, with the time they may be tried again.
pub async fn backed_off(
    conn: &mut Conn<'_>,
    now: NaiveDateTime,
) -> Result<Vec<(String, NaiveDateTime)>, DbError> {
    let rows: Vec<(String, Option<NaiveDateTime>)> = on_conn!(conn, |c| instances::table
        .filter(instances::retry_at.gt(now))
        .select((instances::host, instances::retry_at))
        .load(c)
        .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(h, at)| at.map(|at| (h, at)))
        .collect())
}

/// Instances dead since before `before`.
pub async fn dead_since_before(
    conn: &mut Conn<'_>,
    before: NaiveDateTime,
) -> Result<Vec<InstanceRow>, DbError> {
    Ok(on_conn!(conn, |c| instances::table
        .filter(instances::dead_since.lt(before))
        .select(InstanceRow::as_select())
        .load(c)
        .await)?)
}

/// Adds `n` to the deliveries given up for `host`.
pub async fn add_given_up(conn: &mut Conn<'_>, host: &str, n: i64) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(instances::table.find(host))
        .set(instances::given_up.eq(instances::given_up + n))
        .execute(c)
        .await)?;
    Ok(())
}

/// Adds `n` refusals by `host`, the last being `last` at `now`. Returns when it had last
/// refused before (for logging a peer's refusals at most every so often).
pub async fn record_refusals(
    conn: &mut Conn<'_>,
    host: &str,
    n: i64,
    last: &str,
    now: NaiveDateTime,
) -> Result<Option<NaiveDateTime>, DbError> {
    let before = get(conn, host).await?.and_then(|i| i.last_refusal_at);
    on_conn!(conn, |c| diesel::insert_into(instances::table)
        .values((
            instances::host.eq(host),
            instances::refusals.eq(n),
            instances::last_refusal_at.eq(Some(now)),
            instances::last_refusal.eq(Some(last)),
            instances::updated_at.eq(now),
        ))
        .on_conflict(instances::host)
        .do_update()
        .set((
            instances::refusals.eq(instances::refusals + n),
            instances::last_refusal_at.eq(Some(now)),
            instances::last_refusal.eq(Some(last)),
        ))
        .execute(c)
        .await)?;
    Ok(before)
}

/// Records the software `host` runs (learned from its NodeInfo).
pub async fn set_software(
    conn: &mut Conn<'_>,
    host: &str,
    software: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(instances::table)
        .values((
            instances::host.eq(host),
            instances::software.eq(Some(software)),
            instances::updated_at.eq(now),
        ))
        .on_conflict(instances::host)
        .do_update()
        .set(instances::software.eq(Some(software)))
        .execute(c)
        .await)?;
    Ok(())
}

/// The software of every instance whose software is known, by host.
pub async fn software_by_host(
    conn: &mut Conn<'_>,
) -> Result<std::collections::HashMap<String, String>, DbError> {
    let rows: Vec<(String, Option<String>)> = on_conn!(conn, |c| instances::table
        .filter(instances::software.is_not_null())
        .select((instances::host, instances::software))
        .load(c)
        .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(h, s)| s.map(|s| (h, s)))
        .collect())
}
