//! The durable outbox: activities written with the change they describe, waiting to be
//! fanned out into per-inbox deliveries.

use crate::{
    Conn, DbError, on_conn,
    schema::{deliveries, outbox},
};
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

/// Deletes outbox rows fanned out before `before` with no delivery left, except those whose
/// activity id contains one of `keep` (activities still served by id); returns how many.
pub async fn prune_delivered(
    conn: &mut Conn<'_>,
    before: NaiveDateTime,
    keep: &[&str],
) -> Result<usize, DbError> {
    let ids: Vec<i64> = on_conn!(conn, |c| {
        let mut query = outbox::table
            .filter(outbox::fanned_out_at.lt(before))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                deliveries::table.filter(deliveries::outbox_id.eq(outbox::id)),
            )))
            .select(outbox::id)
            .into_boxed();
        for k in keep {
            query = query.filter(outbox::activity_id.not_like(format!("%{k}%")));
        }
        query.load(c).await
    })?;
    let mut removed = 0;
    for chunk in ids.chunks(500) {
        removed += on_conn!(conn, |c| diesel::delete(
            outbox::table.filter(outbox::id.eq_any(chunk))
        )
        .execute(c)
        .await)?;
    }
    Ok(removed)
}
