//! Dilemmas, local and remote.

use crate::{Conn, DbError, on_conn, schema::dilemmas};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = dilemmas)]
pub struct DilemmaRow {
    pub id: i64,
    pub ap_id: String,
    pub local: bool,
    pub collective_id: i64,
    pub author_id: i64,
    pub title: String,
    pub source: String,
    pub content: String,
    pub language: String,
    pub visibility: String,
    pub status: String,
    pub themes: String,
    pub hashtags: String,
    pub facets: String,
    pub published: NaiveDateTime,
    pub updated: Option<NaiveDateTime>,
    pub deleted: bool,
    pub created_at: NaiveDateTime,
    /// The thread's `context` collection as a remote dilemma names it; `None` for local ones.
    pub context_url: Option<String>,
}

/// A dilemma as written: new local ones, edits, and remote ones as received.
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = dilemmas)]
pub struct DilemmaForm {
    pub ap_id: String,
    pub local: bool,
    pub collective_id: i64,
    pub author_id: i64,
    pub title: String,
    pub source: String,
    pub content: String,
    pub language: String,
    pub visibility: String,
    pub status: String,
    pub themes: String,
    pub hashtags: String,
    pub facets: String,
    pub published: NaiveDateTime,
    pub updated: Option<NaiveDateTime>,
    /// Set only for remote dilemmas. `None` leaves a stored value as it is on update, so an
    /// Update that leaves `context` out does not forget it.
    pub context_url: Option<String>,
}

/// Inserts a dilemma, or replaces the stored one with the same id (remote updates).
pub async fn upsert(
    conn: &mut Conn<'_>,
    form: &DilemmaForm,
    now: NaiveDateTime,
) -> Result<DilemmaRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(dilemmas::table)
        .values((form, dilemmas::created_at.eq(now)))
        .on_conflict(dilemmas::ap_id)
        .do_update()
        .set(form)
        .returning(DilemmaRow::as_returning())
        .get_result(c)
        .await)?)
}

/// Stores a received version of a remote dilemma unless the stored one is newer (by
/// `updated`, else `published`). The comparison is part of the statement (`ON CONFLICT …
/// DO UPDATE … WHERE`), so two versions stored at the same moment by concurrent
/// transactions cannot let the older one win. `None` when the stored version was kept.
pub async fn upsert_unless_older(
    conn: &mut Conn<'_>,
    form: &DilemmaForm,
    now: NaiveDateTime,
) -> Result<Option<DilemmaRow>, DbError> {
    let version = form.updated.unwrap_or(form.published);
    Ok(on_conn!(conn, |c| {
        diesel::query_dsl::methods::FilterDsl::filter(
            diesel::insert_into(dilemmas::table)
                .values((form, dilemmas::created_at.eq(now)))
                .on_conflict(dilemmas::ap_id)
                .do_update()
                .set(form),
            dilemmas::updated.le(version).or(dilemmas::updated
                .is_null()
                .and(dilemmas::published.le(version))),
        )
        .returning(DilemmaRow::as_returning())
        .get_result(c)
        .await
        .optional()
    })?)
}

pub async fn by_id(conn: &mut Conn<'_>, id: i64) -> Result<Option<DilemmaRow>, DbError> {
    Ok(on_conn!(conn, |c| dilemmas::table
        .find(id)
        .select(DilemmaRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn by_ap_id(conn: &mut Conn<'_>, ap_id: &str) -> Result<Option<DilemmaRow>, DbError> {
    Ok(on_conn!(conn, |c| dilemmas::table
        .filter(dilemmas::ap_id.eq(ap_id))
        .select(DilemmaRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

pub async fn set_status(
    conn: &mut Conn<'_>,
    id: i64,
    status: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(dilemmas::table.find(id))
        .set((dilemmas::status.eq(status), dilemmas::updated.eq(Some(now))))
        .execute(c)
        .await)?;
    Ok(())
}

/// Records that a dilemma changed without its own fields changing (a document attached),
/// so that receivers can tell the newer version from an older one arriving late.
pub async fn touch(conn: &mut Conn<'_>, id: i64, now: NaiveDateTime) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(dilemmas::table.find(id))
        .set(dilemmas::updated.eq(Some(now)))
        .execute(c)
        .await)?;
    Ok(())
}

/// Marks a dilemma deleted and forgets its text; the row stays so that its id answers
/// with a Tombstone and late replies can be recognised.
pub async fn mark_deleted(conn: &mut Conn<'_>, id: i64, now: NaiveDateTime) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(dilemmas::table.find(id))
        .set((
            dilemmas::deleted.eq(true),
            dilemmas::title.eq(""),
            dilemmas::source.eq(""),
            dilemmas::content.eq(""),
            dilemmas::updated.eq(Some(now)),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// Which dilemmas a listing may show.
#[derive(Debug, Clone, Copy)]
pub struct ListFilter<'a> {
    pub collective_id: Option<i64>,
    pub status: Option<&'a str>,
    /// The visibilities the reader may see.
    pub visibilities: &'a [&'a str],
    pub limit: i64,
    pub offset: i64,
}

/// Dilemmas not deleted, newest first.
pub async fn list(conn: &mut Conn<'_>, filter: ListFilter<'_>) -> Result<Vec<DilemmaRow>, DbError> {
    // Boxed queries are per backend, so the query is built inside each arm.
    Ok(on_conn!(conn, |c| {
        let mut query = dilemmas::table
            .filter(dilemmas::deleted.eq(false))
            .filter(dilemmas::visibility.eq_any(filter.visibilities))
            .into_boxed();
        if let Some(id) = filter.collective_id {
            query = query.filter(dilemmas::collective_id.eq(id));
        }
        if let Some(status) = filter.status {
            query = query.filter(dilemmas::status.eq(status));
        }
        query
            .order((dilemmas::published.desc(), dilemmas::id.desc()))
            .limit(filter.limit)
            .offset(filter.offset)
            .select(DilemmaRow::as_select())
            .load(c)
            .await
    })?)
}

/// Replaces a provisional id with the real one (new local rows: the real id is made from
/// the row's number).
pub async fn set_ap_id(conn: &mut Conn<'_>, id: i64, ap_id: &str) -> Result<DilemmaRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::update(
        dilemmas::table.find(id)
    )
    .set(dilemmas::ap_id.eq(ap_id))
    .returning(DilemmaRow::as_returning())
    .get_result(c)
    .await)?)
}

/// Local dilemmas not deleted (NodeInfo's `localPosts`).
pub async fn count_local(conn: &mut Conn<'_>) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| dilemmas::table
        .filter(dilemmas::local.eq(true))
        .filter(dilemmas::deleted.eq(false))
        .count()
        .get_result(c)
        .await)?)
}

/// What a member's home page lists: dilemmas of the collectives they belong to (any
/// visibility) and of those they follow with an approved follow (public and followers-only).
pub struct FeedFilter<'a> {
    pub member_of: &'a [i64],
    pub following: &'a [i64],
    pub theme: Option<&'a str>,
    pub status: Option<&'a str>,
    pub limit: i64,
    pub offset: i64,
}

/// Dilemmas for a member's home page, newest first.
pub async fn feed(conn: &mut Conn<'_>, filter: FeedFilter<'_>) -> Result<Vec<DilemmaRow>, DbError> {
    // Theme ids are distinct words none of which contains another, so a substring match on
    // the comma-separated list finds exactly the dilemmas with that theme.
    let theme_pattern = filter.theme.map(|t| format!("%{t}%"));
    Ok(on_conn!(conn, |c| {
        let mut query = dilemmas::table
            .filter(dilemmas::deleted.eq(false))
            .filter(
                dilemmas::collective_id
                    .eq_any(filter.member_of)
                    .or(dilemmas::collective_id
                        .eq_any(filter.following)
                        .and(dilemmas::visibility.eq_any(["public", "followers"]))),
            )
            .into_boxed();
        if let Some(status) = filter.status {
            query = query.filter(dilemmas::status.eq(status));
        }
        if let Some(pattern) = &theme_pattern {
            query = query.filter(dilemmas::themes.like(pattern));
        }
        query
            .order((dilemmas::published.desc(), dilemmas::id.desc()))
            .limit(filter.limit)
            .offset(filter.offset)
            .select(DilemmaRow::as_select())
            .load(c)
            .await
    })?)
}

/// Records which solutions a remote dilemma's server says are accepted (their ids).
pub async fn set_accepted_remote(
    conn: &mut Conn<'_>,
    id: i64,
    accepted: &[String],
) -> Result<(), DbError> {
    let joined = accepted.join("\n");
    on_conn!(conn, |c| diesel::update(dilemmas::table.find(id))
        .set(dilemmas::accepted_remote.eq(&joined))
        .execute(c)
        .await)?;
    Ok(())
}

/// Whether a remote dilemma's server says the solution `solution` (its id) is accepted.
pub async fn remote_accepts(conn: &mut Conn<'_>, id: i64, solution: &str) -> Result<bool, DbError> {
    let stored: Option<String> = on_conn!(conn, |c| dilemmas::table
        .find(id)
        .select(dilemmas::accepted_remote)
        .get_result(c)
        .await
        .optional())?;
    Ok(stored.is_some_and(|s| s.lines().any(|l| l == solution)))
}

/// Public dilemmas, not deleted, of the collectives `member_id` follows (accepted follows),
/// stored here after `after` and at or before `until`, oldest first: what a digest of new
/// dilemmas tells. Stored, not published: a dilemma from a server whose clock is behind, or
/// fetched late, is told all the same.
pub async fn followed_stored_between(
    conn: &mut Conn<'_>,
    member_id: i64,
    after: NaiveDateTime,
    until: NaiveDateTime,
    public: &str,
) -> Result<Vec<DilemmaRow>, DbError> {
    use crate::schema::follows;
    let followed = follows::table
        .filter(follows::follower_id.eq(member_id))
        .filter(follows::state.eq("accepted"))
        .select(follows::collective_id);
    Ok(on_conn!(conn, |c| dilemmas::table
        .filter(dilemmas::collective_id.eq_any(followed))
        .filter(dilemmas::created_at.gt(after))
        .filter(dilemmas::created_at.le(until))
        .filter(dilemmas::visibility.eq(public))
        .filter(dilemmas::deleted.eq(false))
        .order((dilemmas::created_at.asc(), dilemmas::id.asc()))
        .limit(200)
        .select(DilemmaRow::as_select())
        .load(c)
        .await)?)
}
