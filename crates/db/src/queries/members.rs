//! Members: local accounts and remote people (ActivityPub `Person`s).

use crate::{Conn, DbError, on_conn, schema::members};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = members)]
pub struct MemberRow {
    pub id: i64,
    pub ap_id: String,
    pub local: bool,
    pub name: String,
    pub display_name: String,
    pub summary: String,
    pub inbox_url: String,
    pub shared_inbox_url: Option<String>,
    pub public_key: String,
    pub private_key: Option<crate::SecretText>,
    pub is_admin: bool,
    pub last_refreshed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = members)]
pub struct MemberForm {
    pub ap_id: String,
    pub local: bool,
    pub name: String,
    pub display_name: String,
    pub summary: String,
    pub inbox_url: String,
    pub shared_inbox_url: Option<String>,
    pub public_key: String,
    pub private_key: Option<crate::SecretText>,
    pub last_refreshed_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub async fn insert(
    conn: &mut Conn<'_>,
    form: &MemberForm,
    is_admin: bool,
    created_at: NaiveDateTime,
) -> Result<MemberRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(members::table)
        .values((
            form,
            members::is_admin.eq(is_admin),
            members::created_at.eq(created_at)
        ))
        .returning(MemberRow::as_returning())
        .get_result(c)
        .await)?)
}

/// Stores a remote person as fetched, replacing what was known of them before.
pub async fn upsert_remote(conn: &mut Conn<'_>, form: &MemberForm) -> Result<MemberRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(members::table)
        .values((form, members::created_at.eq(form.updated_at)))
        .on_conflict(members::ap_id)
        .do_update()
        .set(form)
        .returning(MemberRow::as_returning())
        .get_result(c)
        .await)?)
}

pub async fn by_ap_id(conn: &mut Conn<'_>, ap_id: &str) -> Result<Option<MemberRow>, DbError> {
    Ok(on_conn!(conn, |c| members::table
        .filter(members::ap_id.eq(ap_id))
        .select(MemberRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// The members with these ids, in no particular order.
pub async fn by_ids(conn: &mut Conn<'_>, ids: &[i64]) -> Result<Vec<MemberRow>, DbError> {
    Ok(on_conn!(conn, |c| members::table
        .filter(members::id.eq_any(ids))
        .select(MemberRow::as_select())
        .load(c)
        .await)?)
}

pub async fn by_id(conn: &mut Conn<'_>, id: i64) -> Result<Option<MemberRow>, DbError> {
    Ok(on_conn!(conn, |c| members::table
        .find(id)
        .select(MemberRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn local_by_name(conn: &mut Conn<'_>, name: &str) -> Result<Option<MemberRow>, DbError> {
    Ok(on_conn!(conn, |c| members::table
        .filter(members::local.eq(true))
        .filter(members::name.eq(name))
        .select(MemberRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn list_local(conn: &mut Conn<'_>) -> Result<Vec<MemberRow>, DbError> {
    Ok(on_conn!(conn, |c| members::table
        .filter(members::local.eq(true))
        .order(members::name.asc())
        .select(MemberRow::as_select())
        .load(c)
        .await)?)
}

pub async fn count_local(conn: &mut Conn<'_>) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| members::table
        .filter(members::local.eq(true))
        .count()
        .get_result(c)
        .await)?)
}

/// The local administrators, oldest first.
pub async fn admins(conn: &mut Conn<'_>) -> Result<Vec<MemberRow>, DbError> {
    Ok(on_conn!(conn, |c| members::table
        .filter(members::local.eq(true))
        .filter(members::is_admin.eq(true))
        .order(members::id.asc())
        .select(MemberRow::as_select())
        .load(c)
        .await)?)
}

pub async fn count_admins(conn: &mut Conn<'_>) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| members::table
        .filter(members::local.eq(true))
        .filter(members::is_admin.eq(true))
        .count()
        .get_result(c)
        .await)?)
}

/// Removes a local member who never wrote anything (a refused registration), freeing their
/// name. Their account, sessions and requests go with them.
pub async fn delete_local_without_content(conn: &mut Conn<'_>, id: i64) -> Result<(), DbError> {
    use crate::schema::local_handles;
    let Some(member) = by_id(conn, id).await? else {
        return Ok(());
    };
    if !member.local {
        return Ok(());
    }
    on_conn!(conn, |c| diesel::delete(members::table.find(id))
        .execute(c)
        .await)?;
    on_conn!(conn, |c| diesel::delete(
        local_handles::table.filter(local_handles::name.eq(&member.name))
    )
    .execute(c)
    .await)?;
    Ok(())
}

/// Members (local or remote) called `name`, for finding the one a mention names.
pub async fn by_name(conn: &mut Conn<'_>, name: &str) -> Result<Vec<MemberRow>, DbError> {
    Ok(on_conn!(conn, |c| members::table
        .filter(members::name.eq(name))
        .select(MemberRow::as_select())
        .limit(50)
        .load(c)
        .await)?)
}
