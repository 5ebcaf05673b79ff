//! Likes of dilemmas, solutions and comments, by anyone.

use crate::{Conn, DbError, on_conn, schema::likes};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

/// Records a like; returns false if this actor already liked the object.
pub async fn insert(
    conn: &mut Conn<'_>,
    ap_id: &str,
    actor_id: i64,
    object_ap_id: &str,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let n = on_conn!(conn, |c| diesel::insert_into(likes::table)
        .values((
            likes::ap_id.eq(ap_id),
            likes::actor_id.eq(actor_id),
            likes::object_ap_id.eq(object_ap_id),
            likes::created_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(c)
        .await)?;
    Ok(n == 1)
}

/// Removes `actor_id`'s like of `object_ap_id`; returns the like's id if there was one.
pub async fn remove(
    conn: &mut Conn<'_>,
    actor_id: i64,
    object_ap_id: &str,
) -> Result<Option<String>, DbError> {
    let removed: Vec<String> = on_conn!(conn, |c| diesel::delete(
        likes::table
            .filter(likes::actor_id.eq(actor_id))
            .filter(likes::object_ap_id.eq(object_ap_id))
    )
    .returning(likes::ap_id)
    .get_results(c)
    .await)?;
    Ok(removed.into_iter().next())
}

/// Removes the like with id `ap_id` if `actor_id` made it (an incoming Undo).
pub async fn remove_by_ap_id(
    conn: &mut Conn<'_>,
    actor_id: i64,
    ap_id: &str,
) -> Result<bool, DbError> {
    let n = on_conn!(conn, |c| diesel::delete(
        likes::table
            .filter(likes::actor_id.eq(actor_id))
            .filter(likes::ap_id.eq(ap_id))
    )
    .execute(c)
    .await)?;
    Ok(n > 0)
}

pub async fn count(conn: &mut Conn<'_>, object_ap_id: &str) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| likes::table
        .filter(likes::object_ap_id.eq(object_ap_id))
        .count()
        .get_result(c)
        .await)?)
}

/// What the like with id `ap_id` is of.
pub async fn object_of(conn: &mut Conn<'_>, ap_id: &str) -> Result<Option<String>, DbError> {
    Ok(on_conn!(conn, |c| likes::table
        .filter(likes::ap_id.eq(ap_id))
        .select(likes::object_ap_id)
        .get_result(c)
        .await
        .optional())?)
}

/// Like counts for several objects at once, as (object id, count); objects without likes
/// are left out.
pub async fn counts(
    conn: &mut Conn<'_>,
    object_ap_ids: &[String],
) -> Result<Vec<(String, i64)>, DbError> {
    Ok(on_conn!(conn, |c| likes::table
        .filter(likes::object_ap_id.eq_any(object_ap_ids))
        .group_by(likes::object_ap_id)
        .select((likes::object_ap_id, diesel::dsl::count_star()))
        .load(c)
        .await)?)
}

/// Which of `object_ap_ids` `actor_id` likes (one query for a whole thread).
pub async fn liked_by(
    conn: &mut Conn<'_>,
    actor_id: i64,
    object_ap_ids: &[String],
) -> Result<Vec<String>, DbError> {
    if object_ap_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_conn!(conn, |c| likes::table
        .filter(likes::actor_id.eq(actor_id))
        .filter(likes::object_ap_id.eq_any(object_ap_ids))
        .select(likes::object_ap_id)
        .load(c)
        .await)?)
}
