//! Invitations to answer a dilemma (koppelen).

use crate::{Conn, DbError, on_conn, schema::invitations};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = invitations)]
pub struct InvitationRow {
    pub id: i64,
    pub ap_id: String,
    pub dilemma_id: i64,
    pub invited: String,
    pub inviter_id: i64,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = invitations)]
pub struct InvitationForm {
    pub ap_id: String,
    pub dilemma_id: i64,
    pub invited: String,
    pub inviter_id: i64,
    pub created_at: NaiveDateTime,
}

/// Stores an invitation; `None` when that actor was invited to that dilemma already.
pub async fn insert(
    conn: &mut Conn<'_>,
    form: &InvitationForm,
) -> Result<Option<InvitationRow>, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(invitations::table)
        .values(form)
        .on_conflict_do_nothing()
        .returning(InvitationRow::as_returning())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn by_ap_id(conn: &mut Conn<'_>, ap_id: &str) -> Result<Option<InvitationRow>, DbError> {
    Ok(on_conn!(conn, |c| invitations::table
        .filter(invitations::ap_id.eq(ap_id))
        .select(InvitationRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// A dilemma's invitations, oldest first.
pub async fn of_dilemma(
    conn: &mut Conn<'_>,
    dilemma_id: i64,
) -> Result<Vec<InvitationRow>, DbError> {
    Ok(on_conn!(conn, |c| invitations::table
        .filter(invitations::dilemma_id.eq(dilemma_id))
        .order(invitations::id.asc())
        .select(InvitationRow::as_select())
        .load(c)
        .await)?)
}
