//! API bearer tokens. Only a hash of each token is stored.

use crate::{
    Conn, DbError, on_conn,
    queries::members::MemberRow,
    schema::{api_tokens, members},
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

pub async fn insert(
    conn: &mut Conn<'_>,
    member_id: i64,
    token_hash: &str,
    label: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::member_id.eq(member_id),
            api_tokens::token_hash.eq(token_hash),
            api_tokens::label.eq(label),
            api_tokens::created_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// The local member a token belongs to.
pub async fn member_by_hash(
    conn: &mut Conn<'_>,
    token_hash: &str,
) -> Result<Option<MemberRow>, DbError> {
    Ok(on_conn!(conn, |c| api_tokens::table
        .inner_join(members::table)
        .filter(api_tokens::token_hash.eq(token_hash))
        .filter(members::local.eq(true))
        .select(MemberRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}
