//! The instance's own `Application` actor: one row, made at first start.

use crate::{Conn, DbError, on_conn, schema::site};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = site)]
pub struct SiteRow {
    pub id: i64,
    pub ap_id: String,
    pub name: String,
    pub public_key: String,
    pub private_key: crate::SecretText,
    pub created_at: NaiveDateTime,
}

pub async fn get(conn: &mut Conn<'_>) -> Result<Option<SiteRow>, DbError> {
    Ok(on_conn!(conn, |c| site::table
        .select(SiteRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// Inserts the row unless one exists already (two servers starting at once on one database).
pub async fn insert_if_missing(conn: &mut Conn<'_>, row: &SiteRow) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(site::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c)
        .await)?;
    Ok(())
}
