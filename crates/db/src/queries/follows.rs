//! Follows of collectives by people, in both directions: remote people following local
//! collectives, and local members following remote ones.

use crate::{
    Conn, DbError, on_conn,
    queries::{collectives::CollectiveRow, members::MemberRow},
    schema::{collectives, follows, members},
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = follows)]
pub struct FollowRow {
    pub id: i64,
    pub follower_id: i64,
    pub collective_id: i64,
    pub state: String,
    pub activity_id: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Records a follow, or refreshes an existing one with the new activity id and state
/// (a repeated Follow after an Undo, or one resent by the remote).
pub async fn upsert(
    conn: &mut Conn<'_>,
    follower_id: i64,
    collective_id: i64,
    state: &str,
    activity_id: &str,
    now: NaiveDateTime,
) -> Result<FollowRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(follows::table)
        .values((
            follows::follower_id.eq(follower_id),
            follows::collective_id.eq(collective_id),
            follows::state.eq(state),
            follows::activity_id.eq(activity_id),
            follows::created_at.eq(now),
            follows::updated_at.eq(now),
        ))
        .on_conflict((follows::follower_id, follows::collective_id))
        .do_update()
        .set((
            follows::state.eq(state),
            follows::activity_id.eq(activity_id),
            follows::updated_at.eq(now),
        ))
        .returning(FollowRow::as_returning())
        .get_result(c)
        .await)?)
}

pub async fn find(
    conn: &mut Conn<'_>,
    follower_id: i64,
    collective_id: i64,
) -> Result<Option<FollowRow>, DbError> {
    Ok(on_conn!(conn, |c| follows::table
        .filter(follows::follower_id.eq(follower_id))
        .filter(follows::collective_id.eq(collective_id))
        .select(FollowRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn by_id(conn: &mut Conn<'_>, id: i64) -> Result<Option<FollowRow>, DbError> {
    Ok(on_conn!(conn, |c| follows::table
        .find(id)
        .select(FollowRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn set_state(
    conn: &mut Conn<'_>,
    id: i64,
    state: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(follows::table.find(id))
        .set((follows::state.eq(state), follows::updated_at.eq(now)))
        .execute(c)
        .await)?;
    Ok(())
}

/// Removes a follow; returns whether there was one.
pub async fn delete(conn: &mut Conn<'_>, id: i64) -> Result<bool, DbError> {
    let n = on_conn!(conn, |c| diesel::delete(follows::table.find(id))
        .execute(c)
        .await)?;
    Ok(n > 0)
}

/// Followers of a collective in the given state, oldest first.
pub async fn followers_of(
    conn: &mut Conn<'_>,
    collective_id: i64,
    state: &str,
) -> Result<Vec<(FollowRow, MemberRow)>, DbError> {
    Ok(on_conn!(conn, |c| follows::table
        .inner_join(members::table)
        .filter(follows::collective_id.eq(collective_id))
        .filter(follows::state.eq(state))
        .order(follows::created_at.asc())
        .select((FollowRow::as_select(), MemberRow::as_select()))
        .load(c)
        .await)?)
}

pub async fn count_followers(conn: &mut Conn<'_>, collective_id: i64) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| follows::table
        .filter(follows::collective_id.eq(collective_id))
        .filter(follows::state.eq("accepted"))
        .count()
        .get_result(c)
        .await)?)
}

/// The collectives a member follows or asked to follow, with the follow.
pub async fn follows_of(
    conn: &mut Conn<'_>,
    member_id: i64,
) -> Result<Vec<(FollowRow, CollectiveRow)>, DbError> {
    Ok(on_conn!(conn, |c| follows::table
        .inner_join(collectives::table)
        .filter(follows::follower_id.eq(member_id))
        .order(follows::created_at.asc())
        .select((FollowRow::as_select(), CollectiveRow::as_select()))
        .load(c)
        .await)?)
}

/// The follow recorded for the Follow activity with id `activity_id`.
pub async fn by_activity_id(
    conn: &mut Conn<'_>,
    activity_id: &str,
) -> Result<Option<FollowRow>, DbError> {
    Ok(on_conn!(conn, |c| follows::table
        .filter(follows::activity_id.eq(activity_id))
        .select(FollowRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// Whether any member of this instance follows (or asked to follow) the collective: only
/// then are the activities it passes on of interest here.
pub async fn has_local_follower(conn: &mut Conn<'_>, collective_id: i64) -> Result<bool, DbError> {
    // EXISTS rather than LIMIT 1: SQLite re-prepares a statement whose limit is bound.
    Ok(on_conn!(conn, |c| diesel::select(diesel::dsl::exists(
        follows::table
            .inner_join(members::table)
            .filter(follows::collective_id.eq(collective_id))
            .filter(members::local.eq(true))
    ))
    .get_result(c)
    .await)?)
}
