//! Delivery health per remote instance (by host).

use crate::{Conn, DbError, on_conn, schema::instances};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = instances)]
pub struct InstanceRow {
    pub host: String,
    pub failures: i32,
    pub dead_since: Option<NaiveDateTime>,
    pub last_success: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

pub async fn get(conn: &mut Conn<'_>, host: &str) -> Result<Option<InstanceRow>, DbError> {
    Ok(on_conn!(conn, |c| instances::table
        .find(host)
        .select(InstanceRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// Records a success: the instance is alive, whatever it was before. Returns whether it
/// had been marked dead.
pub async fn record_success(
    conn: &mut Conn<'_>,
    host: &str,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let was_dead = get(conn, host)
        .await?
        .is_some_and(|i| i.dead_since.is_some());
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
            instances::last_success.eq(Some(now)),
            instances::updated_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(was_dead)
}

/// Records a failure; marks the instance dead once `dead_after` failures have followed
/// each other. Returns the instance as it is now.
pub async fn record_failure(
    conn: &mut Conn<'_>,
    host: &str,
    dead_after: i32,
    now: NaiveDateTime,
) -> Result<InstanceRow, DbError> {
    let before = get(conn, host).await?;
    let failures = before.as_ref().map_or(0, |i| i.failures).saturating_add(1);
    let dead_since = before
        .and_then(|i| i.dead_since)
        .or((failures >= dead_after).then_some(now));
    Ok(on_conn!(conn, |c| diesel::insert_into(instances::table)
        .values((
            instances::host.eq(host),
            instances::failures.eq(failures),
            instances::dead_since.eq(dead_since),
            instances::updated_at.eq(now),
        ))
        .on_conflict(instances::host)
        .do_update()
        .set((
            instances::failures.eq(failures),
            instances::dead_since.eq(dead_since),
            instances::updated_at.eq(now),
        ))
        .returning(InstanceRow::as_returning())
        .get_result(c)
        .await)?)
}
