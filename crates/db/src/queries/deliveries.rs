//! Per-inbox deliveries with their retry state. A row is deleted once delivered.
//!
//! A row is *waiting* until `next_attempt_at`, then *due*; a server process *claims* due rows
//! of one host by setting `leased_until` and moving `next_attempt_at` to the same time, so
//! no other round or process takes them while they are sent. A process killed mid-send
//! leaves its lease behind; when it expires the rows are due again and anyone takes them.

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
    pub leased_until: Option<NaiveDateTime>,
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

pub async fn count(conn: &mut Conn<'_>) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| deliveries::table
        .count()
        .get_result(c)
        .await)?)
}

/// Makes every delivery waiting for `host` due now (it answered again). Rows being sent
/// keep their lease.
pub async fn wake_host(
    conn: &mut Conn<'_>,
    host: &str,
    now: NaiveDateTime,
) -> Result<usize, DbError> {
    Ok(on_conn!(conn, |c| diesel::update(
        deliveries::table
            .filter(deliveries::host.eq(host))
            .filter(deliveries::next_attempt_at.gt(now))
            .filter(
                deliveries::leased_until
                    .is_null()
                    .or(deliveries::leased_until.le(now))
            )
    )
    .set(deliveries::next_attempt_at.eq(now))
    .execute(c)
    .await)?)
}

/// Claims up to `limit` due deliveries of `host`, oldest first, until `lease_until`. Call
/// inside a transaction: on PostgreSQL the rows are locked and rows another process is
/// claiming at the same moment are skipped (`FOR UPDATE SKIP LOCKED`); on SQLite the one
/// writer connection serialises claims.
pub async fn claim(
    conn: &mut Conn<'_>,
    host: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<DeliveryRow>, DbError> {
    macro_rules! due_of_host {
        () => {
            deliveries::table
                .filter(deliveries::host.eq(host))
                .filter(deliveries::next_attempt_at.le(now))
                .order((deliveries::next_attempt_at.asc(), deliveries::id.asc()))
                .limit(limit)
                .select(deliveries::id)
        };
    }
    // The one place the two backends differ: SQLite has no row locks to skip.
    let ids: Vec<i64> = match conn {
        Conn::Pg(c) => {
            due_of_host!()
                .for_update()
                .skip_locked()
                .load(&mut **c)
                .await?
        }
        Conn::Sqlite(c) => due_of_host!().load(&mut **c).await?,
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_conn!(conn, |c| diesel::update(
        deliveries::table.filter(deliveries::id.eq_any(&ids))
    )
    .set((
        deliveries::leased_until.eq(Some(lease_until)),
        deliveries::next_attempt_at.eq(lease_until),
    ))
    .returning(DeliveryRow::as_returning())
    .get_results(c)
    .await)?)
}

/// Hosts with at least one due delivery.
pub async fn due_hosts(conn: &mut Conn<'_>, now: NaiveDateTime) -> Result<Vec<String>, DbError> {
    Ok(on_conn!(conn, |c| deliveries::table
        .filter(deliveries::next_attempt_at.le(now))
        .select(deliveries::host)
        .distinct()
        .load(c)
        .await)?)
}

/// Per host, when its next delivery falls due (or its lease runs out).
pub async fn next_due_by_host(
    conn: &mut Conn<'_>,
) -> Result<Vec<(String, Option<NaiveDateTime>)>, DbError> {
    Ok(on_conn!(conn, |c| deliveries::table
        .group_by(deliveries::host)
        .select((
            deliveries::host,
            diesel::dsl::min(deliveries::next_attempt_at)
        ))
        .load(c)
        .await)?)
}

/// Puts a claimed delivery back after a failed attempt: due again at `next_attempt_at`.
pub async fn release_failed(
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
            deliveries::leased_until.eq(None::<NaiveDateTime>),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// Deliveries waiting for `host`.
pub async fn count_for_host(conn: &mut Conn<'_>, host: &str) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| deliveries::table
        .filter(deliveries::host.eq(host))
        .count()
        .get_result(c)
        .await)?)
}

/// Deliveries waiting, per host.
pub async fn count_by_host(conn: &mut Conn<'_>) -> Result<Vec<(String, i64)>, DbError> {
    Ok(on_conn!(conn, |c| deliveries::table
        .group_by(deliveries::host)
        .select((deliveries::host, diesel::dsl::count_star()))
        .load(c)
        .await)?)
}

/// Drops every delivery waiting for `host` (given up); returns how many.
pub async fn give_up_host(conn: &mut Conn<'_>, host: &str) -> Result<usize, DbError> {
    Ok(on_conn!(conn, |c| diesel::delete(
        deliveries::table.filter(deliveries::host.eq(host))
    )
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
