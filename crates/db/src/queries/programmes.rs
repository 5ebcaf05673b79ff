//! Learning programmes, local and remote, and their ordered steps.

use crate::{
    Conn, DbError, on_conn,
    schema::{programme_steps, programmes},
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = programmes)]
pub struct ProgrammeRow {
    pub id: i64,
    pub ap_id: String,
    pub local: bool,
    pub collective_id: i64,
    pub title: String,
    pub source: String,
    pub content: String,
    /// Theme ids, comma-separated.
    pub themes: String,
    pub deleted: bool,
    pub published: NaiveDateTime,
    pub updated: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl ProgrammeRow {
    pub fn theme_list(&self) -> Vec<String> {
        self.themes
            .split(',')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// A programme as written: new local ones, edits, and remote ones as received.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = programmes, treat_none_as_null = true)]
pub struct ProgrammeForm {
    pub ap_id: String,
    pub local: bool,
    pub collective_id: i64,
    pub title: String,
    pub source: String,
    pub content: String,
    pub themes: String,
    pub published: NaiveDateTime,
    pub updated: Option<NaiveDateTime>,
}

/// One step: its place (from 1), its text and what it points at.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = programme_steps)]
pub struct StepRow {
    pub position: i64,
    pub text: String,
    pub target: String,
}

/// Inserts a programme, or replaces the stored one with the same id (undeleting it).
pub async fn upsert(
    conn: &mut Conn<'_>,
    form: &ProgrammeForm,
    now: NaiveDateTime,
) -> Result<ProgrammeRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(programmes::table)
        .values((form, programmes::created_at.eq(now)))
        .on_conflict(programmes::ap_id)
        .do_update()
        .set((form, programmes::deleted.eq(false)))
        .returning(ProgrammeRow::as_returning())
        .get_result(c)
        .await)?)
}

/// Replaces a provisional id with the real one, made from the row's number.
pub async fn set_ap_id(conn: &mut Conn<'_>, id: i64, ap_id: &str) -> Result<ProgrammeRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::update(
        programmes::table.find(id)
    )
    .set(programmes::ap_id.eq(ap_id))
    .returning(ProgrammeRow::as_returning())
    .get_result(c)
    .await)?)
}

pub async fn by_id(conn: &mut Conn<'_>, id: i64) -> Result<Option<ProgrammeRow>, DbError> {
    Ok(on_conn!(conn, |c| programmes::table
        .find(id)
        .select(ProgrammeRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn by_ap_id(conn: &mut Conn<'_>, ap_id: &str) -> Result<Option<ProgrammeRow>, DbError> {
    Ok(on_conn!(conn, |c| programmes::table
        .filter(programmes::ap_id.eq(ap_id))
        .select(ProgrammeRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// The programmes a collective owns that are not deleted, newest first.
pub async fn of_collective(
    conn: &mut Conn<'_>,
    collective_id: i64,
) -> Result<Vec<ProgrammeRow>, DbError> {
    Ok(on_conn!(conn, |c| programmes::table
        .filter(programmes::collective_id.eq(collective_id))
        .filter(programmes::deleted.eq(false))
        .order((programmes::published.desc(), programmes::id.desc()))
        .select(ProgrammeRow::as_select())
        .load(c)
        .await)?)
}

pub async fn mark_deleted(conn: &mut Conn<'_>, id: i64, now: NaiveDateTime) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(programmes::table.find(id))
        .set((programmes::deleted.eq(true), programmes::updated.eq(now)))
        .execute(c)
        .await)?;
    Ok(())
}

/// Replaces the steps of a programme: `(text, target)` in order.
pub async fn set_steps(
    conn: &mut Conn<'_>,
    programme_id: i64,
    steps: &[(String, String)],
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::delete(
        programme_steps::table.filter(programme_steps::programme_id.eq(programme_id))
    )
    .execute(c)
    .await)?;
    // One by one: SQLite takes no multi-row insert through diesel's batch form.
    for (i, (text, target)) in steps.iter().enumerate() {
        let row = (
            programme_steps::programme_id.eq(programme_id),
            programme_steps::position.eq(i as i64 + 1),
            programme_steps::text.eq(text),
            programme_steps::target.eq(target),
        );
        on_conn!(conn, |c| diesel::insert_into(programme_steps::table)
            .values(row)
            .execute(c)
            .await)?;
    }
    Ok(())
}

/// The steps of a programme in order.
pub async fn steps_of(conn: &mut Conn<'_>, programme_id: i64) -> Result<Vec<StepRow>, DbError> {
    Ok(on_conn!(conn, |c| programme_steps::table
        .filter(programme_steps::programme_id.eq(programme_id))
        .order(programme_steps::position.asc())
        .select(StepRow::as_select())
        .load(c)
        .await)?)
}
