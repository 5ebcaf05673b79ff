//! Solutions and comments.

use crate::{Conn, DbError, on_conn, schema::replies};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

pub const SOLUTION: &str = "solution";
pub const COMMENT: &str = "comment";

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = replies)]
pub struct ReplyRow {
    pub id: i64,
    pub ap_id: String,
    pub local: bool,
    pub kind: String,
    pub dilemma_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: i64,
    pub speaks_for: Option<String>,
    pub source: String,
    pub content: String,
    pub from_experience: bool,
    pub accepted: bool,
    pub published: NaiveDateTime,
    pub updated: Option<NaiveDateTime>,
    pub deleted: bool,
    pub created_at: NaiveDateTime,
    /// Proposed at this session (its ActivityPub id), as a candidate from its outcome.
    pub from_meeting: Option<String>,
    /// A content warning its server put on it (plain text); empty: none.
    pub content_warning: String,
    /// The language its server says it is in (a code such as `nl`); empty: not said.
    pub language: String,
}

#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = replies)]
pub struct ReplyForm {
    pub ap_id: String,
    pub local: bool,
    pub kind: String,
    pub dilemma_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: i64,
    pub speaks_for: Option<String>,
    pub source: String,
    pub content: String,
    pub from_experience: bool,
    pub published: NaiveDateTime,
    pub updated: Option<NaiveDateTime>,
    /// `None` keeps a stored value on update.
    pub from_meeting: Option<String>,
    /// Plain text; empty for none (an edit that drops the warning clears it).
    pub content_warning: String,
    /// A language code; empty for not said.
    pub language: String,
}

/// Inserts a reply, or replaces the stored one with the same id (remote updates).
/// Acceptance is not part of the form: only the dilemma's side decides it.
pub async fn upsert(
    conn: &mut Conn<'_>,
    form: &ReplyForm,
    now: NaiveDateTime,
) -> Result<ReplyRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(replies::table)
        .values((form, replies::created_at.eq(now)))
        .on_conflict(replies::ap_id)
        .do_update()
        .set(form)
        .returning(ReplyRow::as_returning())
        .get_result(c)
        .await)?)
}

/// Inserts a reply not stored yet; `None` when one with the same id was stored meanwhile
/// (a concurrent delivery on PostgreSQL). This is the hot path of an inbox under load:
/// unlike [`upsert`], whose `DO UPDATE` diesel never caches, its statement is prepared once
/// per connection on SQLite.
pub async fn insert_new(
    conn: &mut Conn<'_>,
    form: &ReplyForm,
    now: NaiveDateTime,
) -> Result<Option<ReplyRow>, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(replies::table)
        .values((form, replies::created_at.eq(now)))
        .on_conflict_do_nothing()
        .returning(ReplyRow::as_returning())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn by_id(conn: &mut Conn<'_>, id: i64) -> Result<Option<ReplyRow>, DbError> {
    Ok(on_conn!(conn, |c| replies::table
        .find(id)
        .select(ReplyRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn by_ap_id(conn: &mut Conn<'_>, ap_id: &str) -> Result<Option<ReplyRow>, DbError> {
    Ok(on_conn!(conn, |c| replies::table
        .filter(replies::ap_id.eq(ap_id))
        .select(ReplyRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// Every reply to a dilemma (solutions and comments, deleted ones included), oldest first.
pub async fn of_dilemma(conn: &mut Conn<'_>, dilemma_id: i64) -> Result<Vec<ReplyRow>, DbError> {
    Ok(on_conn!(conn, |c| replies::table
        .filter(replies::dilemma_id.eq(dilemma_id))
        .order((replies::published.asc(), replies::id.asc()))
        .select(ReplyRow::as_select())
        .load(c)
        .await)?)
}

pub async fn set_accepted(conn: &mut Conn<'_>, id: i64, accepted: bool) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(replies::table.find(id))
        .set(replies::accepted.eq(accepted))
        .execute(c)
        .await)?;
    Ok(())
}

/// Sets which solutions of a dilemma are accepted: exactly those in `accepted_ids`.
pub async fn set_accepted_set(
    conn: &mut Conn<'_>,
    dilemma_id: i64,
    accepted_ids: &[i64],
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(
        replies::table
            .filter(replies::dilemma_id.eq(dilemma_id))
            .filter(replies::kind.eq(SOLUTION))
    )
    .set(replies::accepted.eq(replies::id.eq_any(accepted_ids)))
    .execute(c)
    .await)?;
    Ok(())
}

pub async fn count_accepted(conn: &mut Conn<'_>, dilemma_id: i64) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| replies::table
        .filter(replies::dilemma_id.eq(dilemma_id))
        .filter(replies::kind.eq(SOLUTION))
        .filter(replies::accepted.eq(true))
        .filter(replies::deleted.eq(false))
        .count()
        .get_result(c)
        .await)?)
}

/// Records that an answer changed without its own fields changing (a document attached).
pub async fn touch(conn: &mut Conn<'_>, id: i64, now: NaiveDateTime) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(replies::table.find(id))
        .set(replies::updated.eq(Some(now)))
        .execute(c)
        .await)?;
    Ok(())
}

/// Marks a reply deleted and forgets its text.
pub async fn mark_deleted(conn: &mut Conn<'_>, id: i64, now: NaiveDateTime) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(replies::table.find(id))
        .set((
            replies::deleted.eq(true),
            replies::accepted.eq(false),
            replies::source.eq(""),
            replies::content.eq(""),
            replies::updated.eq(Some(now)),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// Replaces a provisional id with the real one (new local rows: the real id is made from
/// the row's number).
pub async fn set_ap_id(conn: &mut Conn<'_>, id: i64, ap_id: &str) -> Result<ReplyRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::update(replies::table.find(id))
        .set(replies::ap_id.eq(ap_id))
        .returning(ReplyRow::as_returning())
        .get_result(c)
        .await)?)
}
