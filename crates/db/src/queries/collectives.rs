//! Collectives, local and remote (ActivityPub `Group`s).

use crate::{Conn, DbError, on_conn, schema::collectives};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = collectives)]
pub struct CollectiveRow {
    pub id: i64,
    pub ap_id: String,
    pub local: bool,
    pub name: String,
    pub display_name: String,
    pub summary: String,
    pub kind: String,
    pub municipality: Option<String>,
    pub neighbourhood: Option<String>,
    pub languages: String,
    pub open: bool,
    pub inbox_url: String,
    pub shared_inbox_url: Option<String>,
    pub outbox_url: Option<String>,
    pub followers_url: Option<String>,
    pub public_key: String,
    pub private_key: Option<crate::SecretText>,
    pub last_refreshed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A collective as written: new local ones, and remote ones as last fetched.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = collectives)]
pub struct CollectiveForm {
    pub ap_id: String,
    pub local: bool,
    pub name: String,
    pub display_name: String,
    pub summary: String,
    pub kind: String,
    pub municipality: Option<String>,
    pub neighbourhood: Option<String>,
    pub languages: String,
    pub open: bool,
    pub inbox_url: String,
    pub shared_inbox_url: Option<String>,
    pub outbox_url: Option<String>,
    pub followers_url: Option<String>,
    pub public_key: String,
    pub private_key: Option<crate::SecretText>,
    pub last_refreshed_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub async fn insert(
    conn: &mut Conn<'_>,
    form: &CollectiveForm,
    created_at: NaiveDateTime,
) -> Result<CollectiveRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(collectives::table)
        .values((form, collectives::created_at.eq(created_at)))
        .returning(CollectiveRow::as_returning())
        .get_result(c)
        .await)?)
}

/// Stores a remote collective as fetched, replacing what was known of it before.
pub async fn upsert_remote(
    conn: &mut Conn<'_>,
    form: &CollectiveForm,
) -> Result<CollectiveRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(collectives::table)
        .values((form, collectives::created_at.eq(form.updated_at)))
        .on_conflict(collectives::ap_id)
        .do_update()
        .set(form)
        .returning(CollectiveRow::as_returning())
        .get_result(c)
        .await)?)
}

pub async fn by_ap_id(conn: &mut Conn<'_>, ap_id: &str) -> Result<Option<CollectiveRow>, DbError> {
    Ok(on_conn!(conn, |c| collectives::table
        .filter(collectives::ap_id.eq(ap_id))
        .select(CollectiveRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn by_id(conn: &mut Conn<'_>, id: i64) -> Result<Option<CollectiveRow>, DbError> {
    Ok(on_conn!(conn, |c| collectives::table
        .find(id)
        .select(CollectiveRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// Only the ActivityPub id of a collective: a forward in a busy thread needs no more than
/// that, and a whole row carries its keys.
pub async fn ap_id_by_id(conn: &mut Conn<'_>, id: i64) -> Result<Option<String>, DbError> {
    Ok(on_conn!(conn, |c| collectives::table
        .find(id)
        .select(collectives::ap_id)
        .get_result(c)
        .await
        .optional())?)
}

pub async fn local_by_name(
    conn: &mut Conn<'_>,
    name: &str,
) -> Result<Option<CollectiveRow>, DbError> {
    Ok(on_conn!(conn, |c| collectives::table
        .filter(collectives::local.eq(true))
        .filter(collectives::name.eq(name))
        .select(CollectiveRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn list_local(conn: &mut Conn<'_>) -> Result<Vec<CollectiveRow>, DbError> {
    Ok(on_conn!(conn, |c| collectives::table
        .filter(collectives::local.eq(true))
        .order(collectives::name.asc())
        .select(CollectiveRow::as_select())
        .load(c)
        .await)?)
}

pub async fn count_local(conn: &mut Conn<'_>) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| collectives::table
        .filter(collectives::local.eq(true))
        .count()
        .get_result(c)
        .await)?)
}

pub async fn by_ids(conn: &mut Conn<'_>, ids: &[i64]) -> Result<Vec<CollectiveRow>, DbError> {
    Ok(on_conn!(conn, |c| collectives::table
        .filter(collectives::id.eq_any(ids))
        .select(CollectiveRow::as_select())
        .load(c)
        .await)?)
}

/// The profile of a local collective as people read it; its handle and keys stay.
pub struct Profile<'a> {
    pub display_name: &'a str,
    pub summary: &'a str,
    pub kind: &'a str,
    pub municipality: Option<&'a str>,
    pub neighbourhood: Option<&'a str>,
}

/// Changes a local collective's profile.
pub async fn update_profile(
    conn: &mut Conn<'_>,
    id: i64,
    profile: &Profile<'_>,
    now: NaiveDateTime,
) -> Result<CollectiveRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::update(
        collectives::table
            .filter(collectives::id.eq(id))
            .filter(collectives::local.eq(true))
    )
    .set((
        collectives::display_name.eq(profile.display_name),
        collectives::summary.eq(profile.summary),
        collectives::kind.eq(profile.kind),
        collectives::municipality.eq(profile.municipality),
        collectives::neighbourhood.eq(profile.neighbourhood),
        collectives::updated_at.eq(now),
    ))
    .returning(CollectiveRow::as_returning())
    .get_result(c)
    .await)?)
}
