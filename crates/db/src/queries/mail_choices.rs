//! Per member and kind of notification, how it is mailed ('immediate', 'daily', 'weekly',
//! 'off'); a kind without a row has its default (see `meent_app::mail`).

use crate::{Conn, DbError, on_conn, schema::mail_choices};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

/// The member's choices that differ from nothing: (kind, cadence).
pub async fn of(conn: &mut Conn<'_>, member_id: i64) -> Result<Vec<(String, String)>, DbError> {
    Ok(on_conn!(conn, |c| mail_choices::table
        .filter(mail_choices::member_id.eq(member_id))
        .select((mail_choices::kind, mail_choices::cadence))
        .load(c)
        .await)?)
}

/// Sets the member's choice for `kind`.
pub async fn set(
    conn: &mut Conn<'_>,
    member_id: i64,
    kind: &str,
    cadence: &str,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::delete(
        mail_choices::table.find((member_id, kind))
    )
    .execute(c)
    .await)?;
    on_conn!(conn, |c| diesel::insert_into(mail_choices::table)
        .values((
            mail_choices::member_id.eq(member_id),
            mail_choices::kind.eq(kind),
            mail_choices::cadence.eq(cadence),
        ))
        .execute(c)
        .await)?;
    Ok(())
}
