//! Sessions (bijeenkomsten), local and remote, and the dilemmas each is about.

use crate::{
    Conn, DbError, on_conn,
    schema::{meeting_dilemmas, meetings},
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = meetings)]
pub struct MeetingRow {
    pub id: i64,
    pub ap_id: String,
    pub local: bool,
    pub collective_id: i64,
    pub title: String,
    pub source: String,
    pub content: String,
    pub mode: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub time_zone: String,
    pub place: String,
    pub meeting_link: Option<String>,
    pub capacity: Option<i64>,
    pub participant_count: i64,
    pub deleted: bool,
    /// Conclusions as sanitised HTML, and as written (Markdown).
    pub outcome: String,
    pub outcome_source: String,
    /// The collectives that took part (ActivityPub ids), one per line.
    pub participants: String,
    /// When the outcome was written; `None` before.
    pub outcome_at: Option<NaiveDateTime>,
    pub published: NaiveDateTime,
    pub updated: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl MeetingRow {
    /// The collectives that took part, as recorded with the outcome.
    pub fn participant_list(&self) -> Vec<String> {
        self.participants
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// A session as written: new local ones, edits, and remote ones as received.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = meetings, treat_none_as_null = true)]
pub struct MeetingForm {
    pub ap_id: String,
    pub local: bool,
    pub collective_id: i64,
    pub title: String,
    pub source: String,
    pub content: String,
    pub mode: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub time_zone: String,
    pub place: String,
    pub meeting_link: Option<String>,
    pub capacity: Option<i64>,
    pub participant_count: i64,
    pub published: NaiveDateTime,
    pub updated: Option<NaiveDateTime>,
}

/// Inserts a session, or replaces the stored one with the same id.
pub async fn upsert(
    conn: &mut Conn<'_>,
    form: &MeetingForm,
    now: NaiveDateTime,
) -> Result<MeetingRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(meetings::table)
        .values((form, meetings::created_at.eq(now)))
        .on_conflict(meetings::ap_id)
        .do_update()
        .set(form)
        .returning(MeetingRow::as_returning())
        .get_result(c)
        .await)?)
}

/// Replaces a provisional id with the real one, made from the row's number.
pub async fn set_ap_id(conn: &mut Conn<'_>, id: i64, ap_id: &str) -> Result<MeetingRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::update(
        meetings::table.find(id)
    )
    .set(meetings::ap_id.eq(ap_id))
    .returning(MeetingRow::as_returning())
    .get_result(c)
    .await)?)
}

pub async fn by_id(conn: &mut Conn<'_>, id: i64) -> Result<Option<MeetingRow>, DbError> {
    Ok(on_conn!(conn, |c| meetings::table
        .find(id)
        .select(MeetingRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn by_ap_id(conn: &mut Conn<'_>, ap_id: &str) -> Result<Option<MeetingRow>, DbError> {
    Ok(on_conn!(conn, |c| meetings::table
        .filter(meetings::ap_id.eq(ap_id))
        .select(MeetingRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// The sessions a collective organises that are not cancelled, soonest first.
pub async fn of_collective(
    conn: &mut Conn<'_>,
    collective_id: i64,
) -> Result<Vec<MeetingRow>, DbError> {
    Ok(on_conn!(conn, |c| meetings::table
        .filter(meetings::collective_id.eq(collective_id))
        .filter(meetings::deleted.eq(false))
        .order((meetings::starts_at.asc(), meetings::id.asc()))
        .select(MeetingRow::as_select())
        .load(c)
        .await)?)
}

/// The sessions about the dilemma `dilemma` (its ActivityPub id), soonest first.
pub async fn about_dilemma(conn: &mut Conn<'_>, dilemma: &str) -> Result<Vec<MeetingRow>, DbError> {
    Ok(on_conn!(conn, |c| meetings::table
        .inner_join(meeting_dilemmas::table)
        .filter(meeting_dilemmas::dilemma.eq(dilemma))
        .filter(meetings::deleted.eq(false))
        .order((meetings::starts_at.asc(), meetings::id.asc()))
        .select(MeetingRow::as_select())
        .load(c)
        .await)?)
}

pub async fn mark_deleted(conn: &mut Conn<'_>, id: i64, now: NaiveDateTime) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(meetings::table.find(id))
        .set((meetings::deleted.eq(true), meetings::updated.eq(now)))
        .execute(c)
        .await)?;
    Ok(())
}

/// How many collectives have a place, as stored with the session.
pub async fn set_participant_count(
    conn: &mut Conn<'_>,
    id: i64,
    count: i64,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(meetings::table.find(id))
        .set(meetings::participant_count.eq(count))
        .execute(c)
        .await)?;
    Ok(())
}

/// Replaces the dilemmas the session is about, keeping their order.
pub async fn set_dilemmas(
    conn: &mut Conn<'_>,
    meeting_id: i64,
    dilemmas: &[String],
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::delete(
        meeting_dilemmas::table.filter(meeting_dilemmas::meeting_id.eq(meeting_id))
    )
    .execute(c)
    .await)?;
    // One by one: a batch insert with ON CONFLICT is not available on SQLite, and the same
    // dilemma named twice is kept once, at its first place.
    for (position, dilemma) in dilemmas.iter().enumerate() {
        let row = (
            meeting_dilemmas::meeting_id.eq(meeting_id),
            meeting_dilemmas::dilemma.eq(dilemma),
            meeting_dilemmas::position.eq(position as i64),
        );
        on_conn!(conn, |c| diesel::insert_into(meeting_dilemmas::table)
            .values(row)
            .on_conflict_do_nothing()
            .execute(c)
            .await)?;
    }
    Ok(())
}

/// The dilemmas (ActivityPub ids) the session is about, the first being its context.
pub async fn dilemmas_of(conn: &mut Conn<'_>, meeting_id: i64) -> Result<Vec<String>, DbError> {
    Ok(on_conn!(conn, |c| meeting_dilemmas::table
        .filter(meeting_dilemmas::meeting_id.eq(meeting_id))
        .order(meeting_dilemmas::position.asc())
        .select(meeting_dilemmas::dilemma)
        .load(c)
        .await)?)
}

/// Records what came out of a session: conclusions and the collectives that took part.
pub async fn set_outcome(
    conn: &mut Conn<'_>,
    id: i64,
    html: &str,
    source: &str,
    participants: &[String],
    at: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(meetings::table.find(id))
        .set((
            meetings::outcome.eq(html),
            meetings::outcome_source.eq(source),
            meetings::participants.eq(participants.join("\n")),
            meetings::outcome_at.eq(Some(at)),
        ))
        .execute(c)
        .await)?;
    Ok(())
}
