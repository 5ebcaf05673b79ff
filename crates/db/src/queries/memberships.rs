//! Who acts for which local collective, and in which role.

use crate::{
    Conn, DbError, on_conn,
    queries::{collectives::CollectiveRow, members::MemberRow},
    schema::{collectives, members, memberships},
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

/// Adds `member_id` to the collective, or changes their role if already a member.
pub async fn upsert(
    conn: &mut Conn<'_>,
    member_id: i64,
    collective_id: i64,
    role: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(memberships::table)
        .values((
            memberships::member_id.eq(member_id),
            memberships::collective_id.eq(collective_id),
            memberships::role.eq(role),
            memberships::created_at.eq(now),
        ))
        .on_conflict((memberships::member_id, memberships::collective_id))
        .do_update()
        .set(memberships::role.eq(role))
        .execute(c)
        .await)?;
    Ok(())
}

pub async fn role_of(
    conn: &mut Conn<'_>,
    member_id: i64,
    collective_id: i64,
) -> Result<Option<String>, DbError> {
    Ok(on_conn!(conn, |c| memberships::table
        .filter(memberships::member_id.eq(member_id))
        .filter(memberships::collective_id.eq(collective_id))
        .select(memberships::role)
        .get_result(c)
        .await
        .optional())?)
}

/// The members of a collective with their roles, by name.
pub async fn members_of(
    conn: &mut Conn<'_>,
    collective_id: i64,
) -> Result<Vec<(MemberRow, String)>, DbError> {
    Ok(on_conn!(conn, |c| memberships::table
        .inner_join(members::table)
        .filter(memberships::collective_id.eq(collective_id))
        .order(members::name.asc())
        .select((MemberRow::as_select(), memberships::role))
        .load(c)
        .await)?)
}

/// The collectives a member acts for, with their role in each.
pub async fn collectives_of(
    conn: &mut Conn<'_>,
    member_id: i64,
) -> Result<Vec<(CollectiveRow, String)>, DbError> {
    Ok(on_conn!(conn, |c| memberships::table
        .inner_join(collectives::table)
        .filter(memberships::member_id.eq(member_id))
        .order(collectives::name.asc())
        .select((CollectiveRow::as_select(), memberships::role))
        .load(c)
        .await)?)
}

pub async fn delete(
    conn: &mut Conn<'_>,
    member_id: i64,
    collective_id: i64,
) -> Result<usize, DbError> {
    Ok(on_conn!(conn, |c| diesel::delete(
        memberships::table
            .filter(memberships::member_id.eq(member_id))
            .filter(memberships::collective_id.eq(collective_id))
    )
    .execute(c)
    .await)?)
}
