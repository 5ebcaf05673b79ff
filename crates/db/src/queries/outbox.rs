//! The durable outbox: activities written with the change they describe, waiting to be
//! fanned out into per-inbox deliveries.

use crate::{Conn, DbError, on_conn, schema::outbox};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i64,
    pub activity_id: String,
    pub activity: String,
    pub created_at: NaiveDateTime,
    pub fanned_out_at: Option<NaiveDateTime>,
}

pub async fn insert(
    conn: &mut Conn<'_>,
    activity_id: &str,
    activity_json: &str,
    now: NaiveDateTime,
) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(outbox::table)
        .values((
            outbox::activity_id.eq(activity_id),
            outbox::activity.eq(activity_json),
            outbox::created_at.eq(now),
        ))
        .returning(outbox::id)
        .get_result(c)
        .await)?)
}

/// Rows not yet turned into deliveries, oldest first.
pub async fn pending(conn: &mut Conn<'_>, limit: i64) -> Result<Vec<OutboxRow>, DbError> {
    Ok(on_conn!(conn, |c| outbox::table
        .filter(outbox::fanned_out_at.is_null())
        .order(outbox::id.asc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(c)
        .await)?)
}

/// Marks those of `ids` not yet fanned out as fanned out, in one statement; returns the
/// ids it marked. A batch of a busy inbox's forwards costs one statement instead of one
/// each (and an UPDATE is prepared anew every time: diesel does not cache them).
pub async fn mark_many_fanned_out(
    conn: &mut Conn<'_>,
    ids: &[i64],
    now: NaiveDateTime,
) -> Result<Vec<i64>, DbError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_conn!(conn, |c| diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::fanned_out_at.is_null())
    )
    .set(outbox::fanned_out_at.eq(now))
    .returning(outbox::id)
    .get_results(c)
    .await)?)
}

pub async fn by_activity_id(
    conn: &mut Conn<'_>,
    activity_id: &str,
) -> Result<Option<OutboxRow>, DbError> {
    Ok(on_conn!(conn, |c| outbox::table
        .filter(outbox::activity_id.eq(activity_id))
        .select(OutboxRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}
