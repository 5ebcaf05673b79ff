//! Collectives that follow a learning programme, and their progress per step.

use crate::{
    Conn, DbError, on_conn,
    schema::{programme_followers as followers, programme_progress as progress},
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = followers)]
pub struct ProgrammeFollowerRow {
    pub id: i64,
    pub programme_id: i64,
    pub collective_id: i64,
    /// The id of the Follow activity.
    pub follow_ap_id: String,
    pub accepted: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = progress)]
pub struct ProgressRow {
    pub programme_id: i64,
    pub collective_id: i64,
    pub position: i64,
    pub done: bool,
    pub notes: String,
    pub updated_at: NaiveDateTime,
}

/// Records that `collective_id` follows the programme (again: a new Follow id replaces the
/// old one). Returns the row.
pub async fn add(
    conn: &mut Conn<'_>,
    programme_id: i64,
    collective_id: i64,
    follow_ap_id: &str,
    accepted: bool,
    now: NaiveDateTime,
) -> Result<ProgrammeFollowerRow, DbError> {
    let values = (
        followers::programme_id.eq(programme_id),
        followers::collective_id.eq(collective_id),
        followers::follow_ap_id.eq(follow_ap_id),
        followers::accepted.eq(accepted),
        followers::created_at.eq(now),
    );
    Ok(on_conn!(conn, |c| diesel::insert_into(followers::table)
        .values(values)
        .on_conflict((followers::programme_id, followers::collective_id))
        .do_update()
        .set((
            followers::follow_ap_id.eq(follow_ap_id),
            followers::accepted.eq(accepted),
        ))
        .returning(ProgrammeFollowerRow::as_returning())
        .get_result(c)
        .await)?)
}

pub async fn find(
    conn: &mut Conn<'_>,
    programme_id: i64,
    collective_id: i64,
) -> Result<Option<ProgrammeFollowerRow>, DbError> {
    Ok(on_conn!(conn, |c| followers::table
        .filter(followers::programme_id.eq(programme_id))
        .filter(followers::collective_id.eq(collective_id))
        .select(ProgrammeFollowerRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn by_follow_id(
    conn: &mut Conn<'_>,
    follow_ap_id: &str,
) -> Result<Option<ProgrammeFollowerRow>, DbError> {
    Ok(on_conn!(conn, |c| followers::table
        .filter(followers::follow_ap_id.eq(follow_ap_id))
        .select(ProgrammeFollowerRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn set_accepted(conn: &mut Conn<'_>, id: i64) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(followers::table.find(id))
        .set(followers::accepted.eq(true))
        .execute(c)
        .await)?;
    Ok(())
}

/// Ends a follow; its progress is removed with it.
pub async fn remove(
    conn: &mut Conn<'_>,
    programme_id: i64,
    collective_id: i64,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::delete(
        followers::table
            .filter(followers::programme_id.eq(programme_id))
            .filter(followers::collective_id.eq(collective_id))
    )
    .execute(c)
    .await)?;
    on_conn!(conn, |c| diesel::delete(
        progress::table
            .filter(progress::programme_id.eq(programme_id))
            .filter(progress::collective_id.eq(collective_id))
    )
    .execute(c)
    .await)?;
    Ok(())
}

/// The collectives that follow a programme, in the order they came.
pub async fn of_programme(
    conn: &mut Conn<'_>,
    programme_id: i64,
) -> Result<Vec<ProgrammeFollowerRow>, DbError> {
    Ok(on_conn!(conn, |c| followers::table
        .filter(followers::programme_id.eq(programme_id))
        .order(followers::id.asc())
        .select(ProgrammeFollowerRow::as_select())
        .load(c)
        .await)?)
}

/// The programmes (ids) the collectives `collective_ids` follow.
pub async fn followed_by(
    conn: &mut Conn<'_>,
    collective_ids: &[i64],
) -> Result<Vec<ProgrammeFollowerRow>, DbError> {
    Ok(on_conn!(conn, |c| followers::table
        .filter(followers::collective_id.eq_any(collective_ids))
        .order(followers::id.asc())
        .select(ProgrammeFollowerRow::as_select())
        .load(c)
        .await)?)
}

/// Records a collective's progress on one step.
pub async fn set_progress(
    conn: &mut Conn<'_>,
    programme_id: i64,
    collective_id: i64,
    position: i64,
    done: bool,
    notes: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let values = (
        progress::programme_id.eq(programme_id),
        progress::collective_id.eq(collective_id),
        progress::position.eq(position),
        progress::done.eq(done),
        progress::notes.eq(notes),
        progress::updated_at.eq(now),
    );
    on_conn!(conn, |c| diesel::insert_into(progress::table)
        .values(values)
        .on_conflict((
            progress::programme_id,
            progress::collective_id,
            progress::position
        ))
        .do_update()
        .set((
            progress::done.eq(done),
            progress::notes.eq(notes),
            progress::updated_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// All recorded progress on a programme, per collective and step.
pub async fn progress_of(
    conn: &mut Conn<'_>,
    programme_id: i64,
) -> Result<Vec<ProgressRow>, DbError> {
    Ok(on_conn!(conn, |c| progress::table
        .filter(progress::programme_id.eq(programme_id))
        .order((progress::collective_id.asc(), progress::position.asc()))
        .select(ProgressRow::as_select())
        .load(c)
        .await)?)
}
