//! What members are told on their notifications page.

use crate::{Conn, DbError, on_conn, schema::notifications};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    pub id: i64,
    pub member_id: i64,
    pub kind: String,
    pub dilemma_id: Option<i64>,
    pub reply_id: Option<i64>,
    pub collective_id: Option<i64>,
    pub actor_name: String,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = notifications)]
pub struct NewNotification {
    pub member_id: i64,
    pub kind: String,
    pub dilemma_id: Option<i64>,
    pub reply_id: Option<i64>,
    pub collective_id: Option<i64>,
    pub actor_name: String,
    pub created_at: NaiveDateTime,
}

pub async fn insert_many(conn: &mut Conn<'_>, rows: &[NewNotification]) -> Result<(), DbError> {
    if rows.is_empty() {
        return Ok(());
    }
    // SQLite's diesel backend has no multi-row VALUES with defaults; one statement each.
    for row in rows {
        on_conn!(conn, |c| diesel::insert_into(notifications::table)
            .values(row)
            .execute(c)
            .await)?;
    }
    Ok(())
}

/// The newest notifications of a member.
pub async fn latest(
    conn: &mut Conn<'_>,
    member_id: i64,
    limit: i64,
) -> Result<Vec<NotificationRow>, DbError> {
    Ok(on_conn!(conn, |c| notifications::table
        .filter(notifications::member_id.eq(member_id))
        .order((notifications::created_at.desc(), notifications::id.desc()))
        .limit(limit)
        .select(NotificationRow::as_select())
        .load(c)
        .await)?)
}

pub async fn count_unread(conn: &mut Conn<'_>, member_id: i64) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| notifications::table
        .filter(notifications::member_id.eq(member_id))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(c)
        .await)?)
}

pub async fn mark_all_read(
    conn: &mut Conn<'_>,
    member_id: i64,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(
        notifications::table
            .filter(notifications::member_id.eq(member_id))
            .filter(notifications::read_at.is_null())
    )
    .set(notifications::read_at.eq(now))
    .execute(c)
    .await)?;
    Ok(())
}
