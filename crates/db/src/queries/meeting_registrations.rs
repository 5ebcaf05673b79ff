//! Registrations of collectives for sessions: decided on the organiser's instance, mirrored
//! on the registering one.

use crate::{Conn, DbError, on_conn, schema::meeting_registrations as reg};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = reg)]
pub struct RegistrationRow {
    pub id: i64,
    pub ap_id: String,
    pub meeting_id: i64,
    pub member_id: i64,
    pub collective: String,
    pub state: String,
    pub meeting_link: Option<String>,
    pub registered_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub reminded_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = reg, treat_none_as_null = true)]
pub struct RegistrationForm {
    pub ap_id: String,
    pub meeting_id: i64,
    pub member_id: i64,
    pub collective: String,
    pub state: String,
    pub meeting_link: Option<String>,
    pub registered_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// A new or renewed registration has not been reminded.
    pub reminded_at: Option<NaiveDateTime>,
}

/// Stores a registration; a collective registering again (after cancelling) replaces its
/// earlier one and joins the end of the queue.
pub async fn upsert(
    conn: &mut Conn<'_>,
    form: &RegistrationForm,
) -> Result<RegistrationRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(reg::table)
        .values(form)
        .on_conflict((reg::meeting_id, reg::collective))
        .do_update()
        .set(form)
        .returning(RegistrationRow::as_returning())
        .get_result(c)
        .await)?)
}

pub async fn by_ap_id(
    conn: &mut Conn<'_>,
    ap_id: &str,
) -> Result<Option<RegistrationRow>, DbError> {
    Ok(on_conn!(conn, |c| reg::table
        .filter(reg::ap_id.eq(ap_id))
        .select(RegistrationRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// The registration of `collective` (ActivityPub id) for a session.
pub async fn find(
    conn: &mut Conn<'_>,
    meeting_id: i64,
    collective: &str,
) -> Result<Option<RegistrationRow>, DbError> {
    Ok(on_conn!(conn, |c| reg::table
        .filter(reg::meeting_id.eq(meeting_id))
        .filter(reg::collective.eq(collective))
        .select(RegistrationRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// Every registration for a session, in the order they came (the waiting list's order).
pub async fn of_meeting(
    conn: &mut Conn<'_>,
    meeting_id: i64,
) -> Result<Vec<RegistrationRow>, DbError> {
    Ok(on_conn!(conn, |c| reg::table
        .filter(reg::meeting_id.eq(meeting_id))
        .order((reg::registered_at.asc(), reg::id.asc()))
        .select(RegistrationRow::as_select())
        .load(c)
        .await)?)
}

pub async fn set_state(
    conn: &mut Conn<'_>,
    id: i64,
    state: &str,
    meeting_link: Option<&str>,
    now: NaiveDateTime,
) -> Result<RegistrationRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::update(reg::table.find(id))
        .set((
            reg::state.eq(state),
            reg::meeting_link.eq(meeting_link),
            reg::updated_at.eq(now),
        ))
        .returning(RegistrationRow::as_returning())
        .get_result(c)
        .await)?)
}

/// Registrations with a place, not yet reminded, for sessions (not cancelled) that start
/// after `from` and no later than `until`.
pub async fn due_reminders(
    conn: &mut Conn<'_>,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<RegistrationRow>, DbError> {
    use crate::schema::meetings;
    Ok(on_conn!(conn, |c| reg::table
        .inner_join(meetings::table)
        .filter(reg::state.eq("accepted"))
        .filter(reg::reminded_at.is_null())
        .filter(meetings::deleted.eq(false))
        .filter(meetings::starts_at.gt(from))
        .filter(meetings::starts_at.le(until))
        .select(RegistrationRow::as_select())
        .load(c)
        .await)?)
}

pub async fn mark_reminded(conn: &mut Conn<'_>, id: i64, at: NaiveDateTime) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(reg::table.find(id))
        .set(reg::reminded_at.eq(Some(at)))
        .execute(c)
        .await)?;
    Ok(())
}
