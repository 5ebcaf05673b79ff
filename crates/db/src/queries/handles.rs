//! The one namespace that local people and collectives share. Claiming a name is an insert,
//! so the database itself refuses a second claim.

use crate::{Conn, DbError, on_conn, schema::local_handles};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

/// Claims `name` for a `kind` ("collective" or "member"). Returns false if it was taken.
pub async fn claim(conn: &mut Conn<'_>, name: &str, kind: &str) -> Result<bool, DbError> {
    let inserted = on_conn!(conn, |c| diesel::insert_into(local_handles::table)
        .values((local_handles::name.eq(name), local_handles::kind.eq(kind)))
        .on_conflict_do_nothing()
        .execute(c)
        .await)?;
    Ok(inserted == 1)
}

/// What a local name belongs to, if anything.
pub async fn kind_of(conn: &mut Conn<'_>, name: &str) -> Result<Option<String>, DbError> {
    Ok(on_conn!(conn, |c| local_handles::table
        .filter(local_handles::name.eq(name))
        .select(local_handles::kind)
        .get_result(c)
        .await
        .optional())?)
}
