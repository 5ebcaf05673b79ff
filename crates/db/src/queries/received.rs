//! Ids of activities already received, so a resent activity is handled once.

use crate::{Conn, DbError, on_conn, schema::received_activities};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

pub async fn seen(conn: &mut Conn<'_>, ap_id: &str) -> Result<bool, DbError> {
    let n: i64 = on_conn!(conn, |c| received_activities::table
        .filter(received_activities::ap_id.eq(ap_id))
        .count()
        .get_result(c)
        .await)?;
    Ok(n > 0)
}

/// Records `ap_id`; returns false if it was recorded before.
pub async fn mark(conn: &mut Conn<'_>, ap_id: &str, now: NaiveDateTime) -> Result<bool, DbError> {
    let n = on_conn!(conn, |c| diesel::insert_into(received_activities::table)
        .values((
            received_activities::ap_id.eq(ap_id),
            received_activities::received_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(c)
        .await)?;
    Ok(n == 1)
}

pub async fn count(conn: &mut Conn<'_>) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| received_activities::table
        .count()
        .get_result(c)
        .await)?)
}

/// Forgets ids received before `before` (housekeeping); returns how many.
pub async fn prune_before(conn: &mut Conn<'_>, before: NaiveDateTime) -> Result<usize, DbError> {
    Ok(on_conn!(conn, |c| diesel::delete(
        received_activities::table.filter(received_activities::received_at.lt(before))
    )
    .execute(c)
    .await)?)
}
