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
    /// The session it is about (a reminder).
    pub meeting_id: Option<i64>,
    /// When it was mailed, or skipped for mail.
    pub mailed_at: Option<NaiveDateTime>,
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
    pub meeting_id: Option<i64>,
}

/// Which of a member's notification settings a notification needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wish {
    Solutions,
    Acceptances,
    Confirmations,
    FollowRequests,
    SessionReminders,
    Mentions,
}

/// Stores `row` if its member has an account whose settings ask for it; returns whether
/// it did. One statement (`INSERT … SELECT … FROM accounts`): it runs inside the
/// transactions that store answers from elsewhere, where every statement counts.
pub async fn insert_if_wanted(
    conn: &mut Conn<'_>,
    row: &NewNotification,
    wish: Wish,
) -> Result<bool, DbError> {
    use crate::schema::accounts;
    use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
    let columns = (
        notifications::member_id,
        notifications::kind,
        notifications::dilemma_id,
        notifications::reply_id,
        notifications::collective_id,
        notifications::actor_name,
        notifications::created_at,
        notifications::meeting_id,
    );
    let values = (
        accounts::member_id,
        row.kind.as_str().into_sql::<Text>(),
        row.dilemma_id.into_sql::<Nullable<BigInt>>(),
        row.reply_id.into_sql::<Nullable<BigInt>>(),
        row.collective_id.into_sql::<Nullable<BigInt>>(),
        row.actor_name.as_str().into_sql::<Text>(),
        row.created_at.into_sql::<Timestamp>(),
        row.meeting_id.into_sql::<Nullable<BigInt>>(),
    );
    let theirs = accounts::table.filter(accounts::member_id.eq(row.member_id));
    // One arm per setting: each is a statement of its own type, so each stays a cached
    // prepared statement (a boxed, dynamic filter would be prepared anew every time).
    macro_rules! insert_where {
        ($setting:expr) => {
            on_conn!(conn, |c| diesel::insert_into(notifications::table)
                .values(theirs.filter($setting).select(values))
                .into_columns(columns)
                .execute(c)
                .await)
        };
    }
    let n = match wish {
        Wish::Solutions => insert_where!(accounts::notify_solutions),
        Wish::Acceptances => insert_where!(accounts::notify_acceptances),
        Wish::Confirmations => insert_where!(accounts::notify_confirmations),
        Wish::FollowRequests => insert_where!(accounts::notify_follow_requests),
        Wish::SessionReminders => insert_where!(accounts::notify_session_reminders),
        Wish::Mentions => insert_where!(accounts::notify_mentions),
    }?;
    Ok(n == 1)
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

/// A member's notifications not mailed yet, made at or after `since` (when their address
/// was confirmed), oldest first.
pub async fn unmailed(
    conn: &mut Conn<'_>,
    member_id: i64,
    since: NaiveDateTime,
) -> Result<Vec<NotificationRow>, DbError> {
    Ok(on_conn!(conn, |c| notifications::table
        .filter(notifications::member_id.eq(member_id))
        .filter(notifications::mailed_at.is_null())
        .filter(notifications::created_at.ge(since))
        .order((notifications::created_at.asc(), notifications::id.asc()))
        .limit(1000)
        .select(NotificationRow::as_select())
        .load(c)
        .await)?)
}

/// Marks notifications mailed (or skipped) at `now`.
pub async fn mark_mailed(
    conn: &mut Conn<'_>,
    ids: &[i64],
    now: NaiveDateTime,
) -> Result<(), DbError> {
    for chunk in ids.chunks(500) {
        on_conn!(conn, |c| diesel::update(
            notifications::table
                .filter(notifications::id.eq_any(chunk))
                .filter(notifications::mailed_at.is_null())
        )
        .set(notifications::mailed_at.eq(Some(now)))
        .execute(c)
        .await)?;
    }
    Ok(())
}
