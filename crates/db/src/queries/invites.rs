//! Invitations to join a collective. Only a hash of each code is stored.

use crate::{Conn, DbError, on_conn, schema::invites};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

pub async fn insert(
    conn: &mut Conn<'_>,
    code_hash: &str,
    collective_id: i64,
    created_by: i64,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(invites::table)
        .values((
            invites::code_hash.eq(code_hash),
            invites::collective_id.eq(collective_id),
            invites::created_by.eq(created_by),
            invites::created_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// Marks an unused invitation as used by `member_id` and returns its collective; `None` when
/// the code is unknown or already used. The update is the check, so two registrations cannot
/// both use one code.
pub async fn take(
    conn: &mut Conn<'_>,
    code_hash: &str,
    member_id: i64,
    now: NaiveDateTime,
) -> Result<Option<i64>, DbError> {
    let updated = on_conn!(conn, |c| diesel::update(
        invites::table
            .filter(invites::code_hash.eq(code_hash))
            .filter(invites::used_by.is_null())
    )
    .set((invites::used_by.eq(member_id), invites::used_at.eq(now)))
    .execute(c)
    .await)?;
    if updated == 0 {
        return Ok(None);
    }
    Ok(on_conn!(conn, |c| invites::table
        .find(code_hash)
        .select(invites::collective_id)
        .get_result(c)
        .await
        .optional())?)
}

/// Whether an unused invitation with this code exists (checked before an account is made).
pub async fn is_open(conn: &mut Conn<'_>, code_hash: &str) -> Result<bool, DbError> {
    let n: i64 = on_conn!(conn, |c| invites::table
        .filter(invites::code_hash.eq(code_hash))
        .filter(invites::used_by.is_null())
        .count()
        .get_result(c)
        .await)?;
    Ok(n > 0)
}

/// The collective an unused invitation with this code leads into; `None` when the code is
/// unknown or used.
pub async fn open_collective(conn: &mut Conn<'_>, code_hash: &str) -> Result<Option<i64>, DbError> {
    Ok(on_conn!(conn, |c| invites::table
        .filter(invites::code_hash.eq(code_hash))
        .filter(invites::used_by.is_null())
        .select(invites::collective_id)
        .first(c)
        .await
        .optional())?)
}
