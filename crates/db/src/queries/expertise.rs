//! What people say they know about: areas from the theme list and a few words of their own.

use crate::{Conn, DbError, on_conn, schema::member_expertise as expertise};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = expertise)]
pub struct ExpertiseRow {
    pub member_id: i64,
    /// Theme ids, comma-separated.
    pub themes: String,
    pub description: String,
    pub updated_at: NaiveDateTime,
}

impl ExpertiseRow {
    pub fn theme_list(&self) -> Vec<String> {
        self.themes
            .split(',')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// Sets what a person knows about; empty themes and description remove it.
pub async fn set(
    conn: &mut Conn<'_>,
    member_id: i64,
    themes: &str,
    description: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    if themes.is_empty() && description.is_empty() {
        on_conn!(conn, |c| diesel::delete(expertise::table.find(member_id))
            .execute(c)
            .await)?;
        return Ok(());
    }
    let values = (
        expertise::member_id.eq(member_id),
        expertise::themes.eq(themes),
        expertise::description.eq(description),
        expertise::updated_at.eq(now),
    );
    on_conn!(conn, |c| diesel::insert_into(expertise::table)
        .values(values)
        .on_conflict(expertise::member_id)
        .do_update()
        .set((
            expertise::themes.eq(themes),
            expertise::description.eq(description),
            expertise::updated_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

pub async fn of(conn: &mut Conn<'_>, member_id: i64) -> Result<Option<ExpertiseRow>, DbError> {
    Ok(on_conn!(conn, |c| expertise::table
        .find(member_id)
        .select(ExpertiseRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// The most recently updated declarations, at most `limit`: the candidates a dilemma's
/// themes are matched against (few people declare expertise; the limit bounds the cost).
pub async fn recent(conn: &mut Conn<'_>, limit: i64) -> Result<Vec<ExpertiseRow>, DbError> {
    Ok(on_conn!(conn, |c| expertise::table
        .order(expertise::updated_at.desc())
        .limit(limit)
        .select(ExpertiseRow::as_select())
        .load(c)
        .await)?)
}
