//! Confirmations: "this worked for us too".

use crate::{Conn, DbError, on_conn, schema::confirmations};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = confirmations)]
pub struct ConfirmationRow {
    pub id: i64,
    pub ap_id: String,
    pub local: bool,
    pub solution_id: i64,
    pub author_id: i64,
    pub collective: String,
    pub account: String,
    pub facets: String,
    pub published: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = confirmations)]
pub struct ConfirmationForm {
    pub ap_id: String,
    pub local: bool,
    pub solution_id: i64,
    pub author_id: i64,
    pub collective: String,
    pub account: String,
    pub facets: String,
    pub published: NaiveDateTime,
}

/// Records a confirmation; a collective confirming the same solution again replaces its
/// earlier account.
pub async fn upsert(
    conn: &mut Conn<'_>,
    form: &ConfirmationForm,
    now: NaiveDateTime,
) -> Result<ConfirmationRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(
        confirmations::table
    )
    .values((form, confirmations::created_at.eq(now)))
    .on_conflict((confirmations::solution_id, confirmations::collective))
    .do_update()
    .set(form)
    .returning(ConfirmationRow::as_returning())
    .get_result(c)
    .await)?)
}

/// The confirmations of these solutions, oldest first (one query for a whole thread).
pub async fn of_solutions(
    conn: &mut Conn<'_>,
    solution_ids: &[i64],
) -> Result<Vec<ConfirmationRow>, DbError> {
    if solution_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_conn!(conn, |c| confirmations::table
        .filter(confirmations::solution_id.eq_any(solution_ids))
        .order(confirmations::published.asc())
        .select(ConfirmationRow::as_select())
        .load(c)
        .await)?)
}

pub async fn of_solution(
    conn: &mut Conn<'_>,
    solution_id: i64,
) -> Result<Vec<ConfirmationRow>, DbError> {
    Ok(on_conn!(conn, |c| confirmations::table
        .filter(confirmations::solution_id.eq(solution_id))
        .order(confirmations::published.asc())
        .select(ConfirmationRow::as_select())
        .load(c)
        .await)?)
}

/// Confirmation counts for the given solutions, as (solution id, count).
pub async fn counts(conn: &mut Conn<'_>, solution_ids: &[i64]) -> Result<Vec<(i64, i64)>, DbError> {
    Ok(on_conn!(conn, |c| confirmations::table
        .filter(confirmations::solution_id.eq_any(solution_ids))
        .group_by(confirmations::solution_id)
        .select((confirmations::solution_id, diesel::dsl::count_star()))
        .load(c)
        .await)?)
}

pub async fn by_ap_id(
    conn: &mut Conn<'_>,
    ap_id: &str,
) -> Result<Option<ConfirmationRow>, DbError> {
    Ok(on_conn!(conn, |c| confirmations::table
        .filter(confirmations::ap_id.eq(ap_id))
        .select(ConfirmationRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn delete(conn: &mut Conn<'_>, id: i64) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::delete(confirmations::table.find(id))
        .execute(c)
        .await)?;
    Ok(())
}

/// Replaces a provisional id with the real one (new local rows: the real id is made from
/// the row's number).
pub async fn set_ap_id(
    conn: &mut Conn<'_>,
    id: i64,
    ap_id: &str,
) -> Result<ConfirmationRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::update(
        confirmations::table.find(id)
    )
    .set(confirmations::ap_id.eq(ap_id))
    .returning(ConfirmationRow::as_returning())
    .get_result(c)
    .await)?)
}

pub async fn by_id(conn: &mut Conn<'_>, id: i64) -> Result<Option<ConfirmationRow>, DbError> {
    Ok(on_conn!(conn, |c| confirmations::table
        .find(id)
        .select(ConfirmationRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}
