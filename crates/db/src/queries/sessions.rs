//! Browser sessions. Only a hash of each session cookie is stored.

use crate::{
    Conn, DbError, on_conn,
    queries::{accounts::AccountRow, members::MemberRow},
    schema::{accounts, members, sessions},
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

pub async fn insert(
    conn: &mut Conn<'_>,
    token_hash: &str,
    member_id: i64,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(token_hash),
            sessions::member_id.eq(member_id),
            sessions::created_at.eq(now),
            sessions::expires_at.eq(expires_at),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// The member and account of a session that has not expired.
pub async fn member_by_hash(
    conn: &mut Conn<'_>,
    token_hash: &str,
    now: NaiveDateTime,
) -> Result<Option<(MemberRow, AccountRow)>, DbError> {
    Ok(on_conn!(conn, |c| sessions::table
        .inner_join(members::table)
        .inner_join(accounts::table.on(accounts::member_id.eq(sessions::member_id)))
        .filter(sessions::token_hash.eq(token_hash))
        .filter(sessions::expires_at.gt(now))
        .select((MemberRow::as_select(), AccountRow::as_select()))
        .get_result(c)
        .await
        .optional())?)
}

pub async fn delete(conn: &mut Conn<'_>, token_hash: &str) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::delete(sessions::table.find(token_hash))
        .execute(c)
        .await)?;
    Ok(())
}

/// Ends every session of a member except `keep` (after a password change).
pub async fn delete_others(conn: &mut Conn<'_>, member_id: i64, keep: &str) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::delete(
        sessions::table
            .filter(sessions::member_id.eq(member_id))
            .filter(sessions::token_hash.ne(keep))
    )
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn delete_expired(conn: &mut Conn<'_>, now: NaiveDateTime) -> Result<usize, DbError> {
    Ok(on_conn!(conn, |c| diesel::delete(
        sessions::table.filter(sessions::expires_at.le(now))
    )
    .execute(c)
    .await)?)
}
