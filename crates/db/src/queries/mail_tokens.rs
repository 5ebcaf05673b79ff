//! Tokens in links sent by mail (confirming an address, resetting a password). Only the
//! hash of a token is stored; a token is used once.

use crate::{Conn, DbError, on_conn, schema::mail_tokens};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

pub const CONFIRM: &str = "confirm";
pub const RESET: &str = "reset";

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = mail_tokens)]
pub struct MailTokenRow {
    pub token_hash: String,
    pub member_id: i64,
    pub purpose: String,
    pub email: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub async fn insert(
    conn: &mut Conn<'_>,
    token_hash: &str,
    member_id: i64,
    purpose: &str,
    email: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(mail_tokens::table)
        .values((
            mail_tokens::token_hash.eq(token_hash),
            mail_tokens::member_id.eq(member_id),
            mail_tokens::purpose.eq(purpose),
            mail_tokens::email.eq(email),
            mail_tokens::created_at.eq(now),
            mail_tokens::expires_at.eq(expires_at),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// The token with this hash and purpose, if it is unused and has not expired.
pub async fn usable(
    conn: &mut Conn<'_>,
    token_hash: &str,
    purpose: &str,
    now: NaiveDateTime,
) -> Result<Option<MailTokenRow>, DbError> {
    Ok(on_conn!(conn, |c| mail_tokens::table
        .find(token_hash)
        .filter(mail_tokens::purpose.eq(purpose))
        .filter(mail_tokens::used_at.is_null())
        .filter(mail_tokens::expires_at.gt(now))
        .select(MailTokenRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// Marks the token used; false if it was used meanwhile (by a second click at once).
pub async fn mark_used(
    conn: &mut Conn<'_>,
    token_hash: &str,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let n = on_conn!(conn, |c| diesel::update(
        mail_tokens::table
            .find(token_hash)
            .filter(mail_tokens::used_at.is_null())
    )
    .set(mail_tokens::used_at.eq(Some(now)))
    .execute(c)
    .await)?;
    Ok(n == 1)
}

/// Every unused token of a member for `purpose` stops working (a newer one was sent, or
/// the password was reset).
pub async fn expire_of(
    conn: &mut Conn<'_>,
    member_id: i64,
    purpose: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(
        mail_tokens::table
            .filter(mail_tokens::member_id.eq(member_id))
            .filter(mail_tokens::purpose.eq(purpose))
            .filter(mail_tokens::used_at.is_null())
    )
    .set(mail_tokens::used_at.eq(Some(now)))
    .execute(c)
    .await)?;
    Ok(())
}

/// Removes tokens that expired before `before`.
pub async fn prune_expired(conn: &mut Conn<'_>, before: NaiveDateTime) -> Result<usize, DbError> {
    Ok(on_conn!(conn, |c| diesel::delete(
        mail_tokens::table.filter(mail_tokens::expires_at.lt(before))
    )
    .execute(c)
    .await)?)
}
