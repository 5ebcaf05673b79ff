//! Keeping the index current: a full rebuild from the database, and the indexer that
//! follows the change log from the cursor stored with the index.

use crate::{IndexedDilemma, Opened, SearchError, SearchIndex};
use meent_db::{DbPool, queries::search as q};
use std::{
    collections::{HashMap, HashSet},
    time::Duration,
};

/// Dilemmas read from the database per step.
const BATCH: i64 = 500;
/// A change-log row younger than this may still have neighbours with lower ids that are not
/// yet committed (PostgreSQL hands out ids at insert, not at commit). The cursor stays behind
/// such rows, so late ones are still picked up; rows already applied are remembered, not
/// applied again.
const SETTLE: chrono::TimeDelta = chrono::TimeDelta::seconds(30);

#[derive(Debug, Clone)]
pub struct IndexerSettings {
    /// How often the change log is read (it is also how other app servers' changes arrive).
    pub poll_interval: Duration,
}

/// The index documents of these dilemmas; deleted or unknown ones have none.
async fn load(pool: &DbPool, ids: &[i64]) -> Result<Vec<IndexedDilemma>, SearchError> {
    let mut conn = pool.get().await?;
    let c = &mut conn.conn();
    let rows = q::dilemmas_by_ids(c, ids).await?;
    documents(c, rows.into_iter().filter(|d| !d.deleted).collect()).await
}

async fn documents(
    c: &mut meent_db::Conn<'_>,
    rows: Vec<meent_db::queries::dilemmas::DilemmaRow>,
) -> Result<Vec<IndexedDilemma>, SearchError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|d| d.id).collect();
    let mut collective_ids: Vec<i64> = rows.iter().map(|d| d.collective_id).collect();
    collective_ids.sort_unstable();
    collective_ids.dedup();
    let collectives: HashMap<i64, _> = q::collectives_by_ids(c, &collective_ids)
        .await?
        .into_iter()
        .map(|col| (col.id, col))
        .collect();
    let solutions = q::solutions_of(c, &ids).await?;
    let confirmations: HashMap<i64, i64> =
        q::confirmations_of(c, &ids).await?.into_iter().collect();
    Ok(rows
        .iter()
        .filter_map(|d| {
            let collective = collectives.get(&d.collective_id)?;
            let own: Vec<_> = solutions.iter().filter(|s| s.dilemma_id == d.id).collect();
            let confirmed = confirmations.get(&d.id).copied().unwrap_or(0);
            Some(IndexedDilemma::from_rows(d, collective, &own, confirmed))
        })
        .collect())
}

/// Rebuilds the whole index from the database; `progress` hears (done, total) after each
/// step. Changes made meanwhile are applied afterwards from the change log, because the
/// cursor recorded is the one from before the first read.
pub async fn rebuild(
    pool: &DbPool,
    index: &SearchIndex,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> Result<u64, SearchError> {
    let (cursor, total) = {
        let mut conn = pool.get().await?;
        let c = &mut conn.conn();
        (
            q::last_change_id(c).await?,
            q::count_dilemmas(c).await?.max(0) as u64,
        )
    };
    progress(0, total);
    let mut after = 0;
    let mut done = 0;
    let mut first = true;
    loop {
        let docs = {
            let mut conn = pool.get().await?;
            let c = &mut conn.conn();
            let rows = q::dilemmas_after(c, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            done += rows.len() as u64;
            documents(c, rows).await?
        };
        index.write(&[], &docs, first, None).await?;
        first = false;
        progress(done.min(total.max(done)), total.max(done));
    }
    index.write(&[], &[], first, Some(cursor)).await?;
    Ok(done)
}

/// Change-log rows applied ahead of the stored cursor (see [`SETTLE`]).
#[derive(Debug, Default)]
pub struct Applied(HashSet<i64>);

/// Applies every change logged after the index's cursor. Returns how many dilemmas were
/// re-indexed.
pub async fn catch_up(
    pool: &DbPool,
    index: &SearchIndex,
    applied: &mut Applied,
) -> Result<usize, SearchError> {
    let mut reindexed = 0;
    let mut cursor = index.cursor();
    let mut scan_from = cursor;
    let mut settled = true;
    loop {
        let changes = {
            let mut conn = pool.get().await?;
            q::changes_after(&mut conn.conn(), scan_from, BATCH).await?
        };
        let Some(last) = changes.last() else { break };
        scan_from = last.id;
        let old_enough = meent_db::now() - SETTLE;
        for ch in &changes {
            settled &= ch.created_at < old_enough;
            if settled {
                cursor = ch.id;
            }
        }
        let mut ids: Vec<i64> = changes
            .iter()
            .filter(|ch| !applied.0.contains(&ch.id))
            .map(|ch| ch.dilemma_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() && cursor == index.cursor() {
            continue;
        }
        let docs = load(pool, &ids).await?;
        index.write(&ids, &docs, false, Some(cursor)).await?;
        reindexed += ids.len();
        applied.0.extend(changes.iter().map(|ch| ch.id));
        applied.0.retain(|id| *id > cursor);
    }
    Ok(reindexed)
}

/// The indexer of one server process: rebuilds a fresh index, then follows the change log
/// until the task is aborted.
pub async fn run_indexer(
    pool: DbPool,
    index: SearchIndex,
    opened: Opened,
    settings: IndexerSettings,
) {
    let mut built = opened == Opened::Existing;
    let mut applied = Applied::default();
    loop {
        if !built {
            let started = std::time::Instant::now();
            match rebuild(&pool, &index, &mut |_, _| {}).await {
                Ok(n) => {
                    tracing::info!(dilemmas = n, took = ?started.elapsed(), "search index rebuilt");
                    built = true;
                }
                Err(e) => tracing::warn!(error = %e, "search index rebuild failed; retrying"),
            }
        }
        if built && let Err(e) = catch_up(&pool, &index, &mut applied).await {
            tracing::warn!(error = %e, "search index update failed; retrying");
        }
        tokio::time::sleep(settings.poll_interval).await;
    }
}
