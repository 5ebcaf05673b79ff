//! Per-inbox deliveries with their retry state. A row is deleted once delivered.

use crate::{Conn, DbError, on_conn, schema::deliveries};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = deliveries)]
pub struct DeliveryRow {
    pub id: i64,
    pub outbox_id: i64,
    pub inbox_url: String,
    pub host: String,
    pub signer_ap_id: String,
    pub payload: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = deliveries)]
pub struct NewDelivery {
    pub outbox_id: i64,
    pub inbox_url: String,
    pub host: String,
    pub signer_ap_id: String,
    pub payload: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

pub async fn insert_many(conn: &mut Conn<'_>, rows: &[NewDelivery]) -> Result<(), DbError> {
    // One statement per row: SQLite's batch insert needs owned rows, and these run inside
    // the fan-out transaction, so the cost is a prepared-statement execution each.
    for row in rows {
        on_conn!(conn, |c| diesel::insert_into(deliveries::table)
            .values(row)
            .execute(c)
            .await)?;
    }
    Ok(())
}

/// Deliveries whose time has come, soonest first.
pub async fn due(
    conn: &mut Conn<'_>,
    now: NaiveDateTime,
    limit: i64,
) -> Result<Vec<DeliveryRow>, DbError> {
    Ok(on_conn!(conn, |c| deliveries::table
        .filter(deliveries::next_attempt_at.le(now))
        .order((deliveries::next_attempt_at.asc(), deliveries::id.asc()))
        .limit(limit)
        .select(DeliveryRow::as_select())
        .load(c)
        .await)?)
}

/// When the next delivery falls due, if any is waiting.
pub async fn next_due_at(conn: &mut Conn<'_>) -> Result<Option<NaiveDateTime>, DbError> {
    Ok(on_conn!(conn, |c| deliveries::table
        .select(diesel::dsl::min(deliveries::next_attempt_at))
        .get_result(c)
        .await)?)
}

pub async fn delete(conn: &mut Conn<'_>, id: i64) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::delete(deliveries::table.find(id))
        .execute(c)
        .await)?;
    Ok(())
}

pub async fn reschedule(
    conn: &mut Conn<'_>,
    id: i64,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    error: &str,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(deliveries::table.find(id))
        .set((
            deliveries::attempts.eq(attempts),
            deliveries::next_attempt_at.eq(next_attempt_at),
            deliveries::last_error.eq(error),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

pub async fn count(conn: &mut Conn<'_>) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| deliveries::table
        .count()
        .get_result(c)
        .await)?)
}

/// Makes every delivery waiting for `host` due now (it answered again).
pub async fn wake_host(
    conn: &mut Conn<'_>,
    host: &str,
    now: NaiveDateTime,
) -> Result<usize, DbError> {
    Ok(on_conn!(conn, |c| diesel::update(
        deliveries::table.filter(deliveries::host.eq(host))
    )
    .set(deliveries::next_attempt_at.eq(now))
    .execute(c)
    .await)?)
}

/// Deletes delivered rows in one statement.
pub async fn delete_many(conn: &mut Conn<'_>, ids: &[i64]) -> Result<(), DbError> {
    for chunk in ids.chunks(500) {
        on_conn!(conn, |c| diesel::delete(
            deliveries::table.filter(deliveries::id.eq_any(chunk))
        )
        .execute(c)
        .await)?;
    }
    Ok(())
}
