//! What the search index is built from: the change log it follows, and the rows of a batch
//! of dilemmas with their collectives, solutions and confirmation counts.

use crate::{
    Conn, DbError, on_conn,
    queries::{collectives::CollectiveRow, dilemmas::DilemmaRow},
    schema::{collectives, confirmations, dilemmas, replies, search_changes},
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = search_changes)]
pub struct ChangeRow {
    pub id: i64,
    /// 0 for a programme's change.
    pub dilemma_id: i64,
    pub created_at: NaiveDateTime,
    pub programme_id: Option<i64>,
}

/// Notes that `dilemma_id` or something in its thread changed; call inside the transaction
/// that makes the change, so the index learns of every committed change and of nothing else.
pub async fn record_change(
    conn: &mut Conn<'_>,
    dilemma_id: i64,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(search_changes::table)
        .values((
            search_changes::dilemma_id.eq(dilemma_id),
            search_changes::created_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// Notes that learning programme `programme_id` changed (see [`record_change`]).
pub async fn record_programme_change(
    conn: &mut Conn<'_>,
    programme_id: i64,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(search_changes::table)
        .values((
            search_changes::dilemma_id.eq(0),
            search_changes::programme_id.eq(Some(programme_id)),
            search_changes::created_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// Changes with an id above `cursor`, oldest first.
pub async fn changes_after(
    conn: &mut Conn<'_>,
    cursor: i64,
    limit: i64,
) -> Result<Vec<ChangeRow>, DbError> {
    Ok(on_conn!(conn, |c| search_changes::table
        .filter(search_changes::id.gt(cursor))
        .order(search_changes::id.asc())
        .limit(limit)
        .select(ChangeRow::as_select())
        .load(c)
        .await)?)
}

/// The newest change's id (0 when there is none).
pub async fn last_change_id(conn: &mut Conn<'_>) -> Result<i64, DbError> {
    let max: Option<i64> = on_conn!(conn, |c| search_changes::table
        .select(diesel::dsl::max(search_changes::id))
        .get_result(c)
        .await)?;
    Ok(max.unwrap_or(0))
}

/// How many dilemmas are not deleted (the size of a full rebuild).
pub async fn count_dilemmas(conn: &mut Conn<'_>) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| dilemmas::table
        .filter(dilemmas::deleted.eq(false))
        .count()
        .get_result(c)
        .await)?)
}

/// Dilemmas not deleted with an id above `after`, in id order (a full rebuild pages by id).
pub async fn dilemmas_after(
    conn: &mut Conn<'_>,
    after: i64,
    limit: i64,
) -> Result<Vec<DilemmaRow>, DbError> {
    Ok(on_conn!(conn, |c| dilemmas::table
        .filter(dilemmas::id.gt(after))
        .filter(dilemmas::deleted.eq(false))
        .order(dilemmas::id.asc())
        .limit(limit)
        .select(DilemmaRow::as_select())
        .load(c)
        .await)?)
}

/// The dilemmas with these ids, deleted ones included (so the index can drop them).
pub async fn dilemmas_by_ids(conn: &mut Conn<'_>, ids: &[i64]) -> Result<Vec<DilemmaRow>, DbError> {
    Ok(on_conn!(conn, |c| dilemmas::table
        .filter(dilemmas::id.eq_any(ids))
        .select(DilemmaRow::as_select())
        .load(c)
        .await)?)
}

pub async fn collectives_by_ids(
    conn: &mut Conn<'_>,
    ids: &[i64],
) -> Result<Vec<CollectiveRow>, DbError> {
    Ok(on_conn!(conn, |c| collectives::table
        .filter(collectives::id.eq_any(ids))
        .select(CollectiveRow::as_select())
        .load(c)
        .await)?)
}

/// How many solutions (not deleted) these dilemmas have, as (dilemma id, accepted, count):
/// one row per dilemma and acceptance state that has any.
pub async fn solution_counts(
    conn: &mut Conn<'_>,
    dilemma_ids: &[i64],
) -> Result<Vec<(i64, bool, i64)>, DbError> {
    Ok(on_conn!(conn, |c| replies::table
        .filter(replies::dilemma_id.eq_any(dilemma_ids))
        .filter(replies::kind.eq(crate::queries::replies::SOLUTION))
        .filter(replies::deleted.eq(false))
        .group_by((replies::dilemma_id, replies::accepted))
        .select((
            replies::dilemma_id,
            replies::accepted,
            diesel::dsl::count_star(),
        ))
        .load(c)
        .await)?)
}

/// The solutions (not deleted) of these dilemmas as (dilemma id, accepted, content): the
/// accepted ones first, then the others, each oldest first. `limit` bounds the whole
/// result, so it is given for one busy dilemma at a time: such a thread is reindexed at
/// every new answer, and only what is indexed is read.
pub async fn solution_texts(
    conn: &mut Conn<'_>,
    dilemma_ids: &[i64],
    limit: Option<i64>,
) -> Result<Vec<(i64, bool, String)>, DbError> {
    if dilemma_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_conn!(conn, |c| {
        let query = replies::table
            .filter(replies::dilemma_id.eq_any(dilemma_ids))
            .filter(replies::kind.eq(crate::queries::replies::SOLUTION))
            .filter(replies::deleted.eq(false))
            .order((
                replies::accepted.desc(),
                replies::published.asc(),
                replies::id.asc(),
            ))
            .select((replies::dilemma_id, replies::accepted, replies::content));
        match limit {
            Some(n) => query.limit(n).load(c).await,
            None => query.load(c).await,
        }
    })?)
}

/// Change-log rows whose ids fall in any of these inclusive ranges: the gaps the indexer
/// saw, which a transaction still open when it read may fill later (PostgreSQL hands out
/// ids at insert, not at commit).
pub async fn changes_in(
    conn: &mut Conn<'_>,
    ranges: &[(i64, i64)],
) -> Result<Vec<ChangeRow>, DbError> {
    if ranges.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_conn!(conn, |c| {
        let mut query = search_changes::table
            .select(ChangeRow::as_select())
            .into_boxed();
        for (from, to) in ranges {
            query = query.or_filter(search_changes::id.between(*from, *to));
        }
        query.order(search_changes::id.asc()).load(c).await
    })?)
}

/// How many confirmations each of these dilemmas' solutions has, summed per dilemma, as
/// (dilemma id, count).
pub async fn confirmations_of(
    conn: &mut Conn<'_>,
    dilemma_ids: &[i64],
) -> Result<Vec<(i64, i64)>, DbError> {
    Ok(on_conn!(conn, |c| confirmations::table
        .inner_join(replies::table)
        .filter(replies::dilemma_id.eq_any(dilemma_ids))
        .filter(replies::deleted.eq(false))
        .group_by(replies::dilemma_id)
        .select((replies::dilemma_id, diesel::dsl::count_star()))
        .load(c)
        .await)?)
}

/// The title and file name of each document in these dilemmas' threads, as
/// (dilemma id, title, file name): searched with the dilemma.
pub async fn document_names(
    conn: &mut Conn<'_>,
    dilemma_ids: &[i64],
) -> Result<Vec<(i64, String, String)>, DbError> {
    use crate::schema::documents;
    Ok(on_conn!(conn, |c| documents::table
        .filter(documents::dilemma_id.eq_any(dilemma_ids))
        .order(documents::id.asc())
        .select((
            documents::dilemma_id,
            documents::title,
            documents::file_name
        ))
        .load(c)
        .await)?)
}

/// Hosts (with port, if any) this instance has delivered to successfully: the instances it
/// federates with, which a network search asks.
pub async fn known_hosts(conn: &mut Conn<'_>) -> Result<Vec<String>, DbError> {
    use crate::schema::instances;
    Ok(on_conn!(conn, |c| instances::table
        .filter(instances::last_success.is_not_null())
        .filter(instances::dead_since.is_null())
        .order(instances::last_success.desc())
        .select(instances::host)
        .load(c)
        .await)?)
}

/// The oldest change's id still kept, if any.
pub async fn first_change_id(conn: &mut Conn<'_>) -> Result<Option<i64>, DbError> {
    Ok(on_conn!(conn, |c| search_changes::table
        .select(diesel::dsl::min(search_changes::id))
        .get_result(c)
        .await)?)
}

/// Deletes changes with an id up to `passed` (read by the indexer) made before `before`;
/// returns how many. The newest change always stays, so that an index further behind can
/// tell that changes it has not read were pruned (`first_change_id`).
pub async fn prune_changes(
    conn: &mut Conn<'_>,
    passed: i64,
    before: NaiveDateTime,
) -> Result<usize, DbError> {
    let newest = last_change_id(conn).await?;
    Ok(on_conn!(conn, |c| diesel::delete(
        search_changes::table
            .filter(search_changes::id.le(passed))
            .filter(search_changes::id.lt(newest))
            .filter(search_changes::created_at.lt(before))
    )
    .execute(c)
    .await)?)
}

/// Programmes not deleted with an id above `after`, in id order (for a full rebuild).
pub async fn programmes_after(
    conn: &mut Conn<'_>,
    after: i64,
    limit: i64,
) -> Result<Vec<crate::queries::programmes::ProgrammeRow>, DbError> {
    use crate::{queries::programmes::ProgrammeRow, schema::programmes};
    Ok(on_conn!(conn, |c| programmes::table
        .filter(programmes::id.gt(after))
        .filter(programmes::deleted.eq(false))
        .order(programmes::id.asc())
        .limit(limit)
        .select(ProgrammeRow::as_select())
        .load(c)
        .await)?)
}

/// The programmes `ids`, deleted ones included (the indexer drops those).
pub async fn programmes_by_ids(
    conn: &mut Conn<'_>,
    ids: &[i64],
) -> Result<Vec<crate::queries::programmes::ProgrammeRow>, DbError> {
    use crate::{queries::programmes::ProgrammeRow, schema::programmes};
    Ok(on_conn!(conn, |c| programmes::table
        .filter(programmes::id.eq_any(ids))
        .select(ProgrammeRow::as_select())
        .load(c)
        .await)?)
}
