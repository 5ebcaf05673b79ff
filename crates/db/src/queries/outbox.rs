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

/// Marks a row fanned out; returns false if another worker did so first.
pub async fn mark_fanned_out(
    conn: &mut Conn<'_>,
    id: i64,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let n = on_conn!(conn, |c| diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::fanned_out_at.is_null())
    )
    .set(outbox::fanned_out_at.eq(now))
    .execute(c)
    .await)?;
    Ok(n == 1)
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
