//! Keeping the index current: a full rebuild from the database, and the indexer that
//! follows the change log from the cursor stored with the index.

use crate::{
    IndexedDilemma, Opened, SearchError, SearchIndex,
    change_log::LogPosition,
    document::{MAX_SOLUTIONS_INDEXED, SolutionDigest},
};
use meent_db::{DbPool, queries::search as q};
use std::{
    collections::{BTreeSet, HashMap},
    time::{Duration, Instant},
};

/// Dilemmas, or change-log rows, read from the database per step.
const BATCH: i64 = 500;

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
    let mut solutions: HashMap<i64, SolutionDigest> = HashMap::new();
    for (dilemma_id, accepted, count) in q::solution_counts(c, &ids).await? {
        let digest = solutions.entry(dilemma_id).or_default();
        digest.total += count;
        if accepted {
            digest.accepted += count;
        }
    }
    // Most threads are small: their texts come in one query for the whole batch. A busy
    // thread is read on its own, only as far as is indexed.
    let is_busy = |digest: &SolutionDigest| digest.total > MAX_SOLUTIONS_INDEXED as i64;
    let ids_where = |busy: bool| -> Vec<i64> {
        solutions
            .iter()
            .filter(|(_, digest)| is_busy(digest) == busy)
            .map(|(id, _)| *id)
            .collect()
    };
    let (busy, small) = (ids_where(true), ids_where(false));
    let mut texts = q::solution_texts(c, &small, None).await?;
    for dilemma_id in busy {
        let limit = Some(MAX_SOLUTIONS_INDEXED as i64);
        texts.extend(q::solution_texts(c, &[dilemma_id], limit).await?);
    }
    for (dilemma_id, accepted, content) in texts {
        if let Some(digest) = solutions.get_mut(&dilemma_id) {
            digest.texts.push((accepted, content));
        }
    }
    let confirmations: HashMap<i64, i64> =
        q::confirmations_of(c, &ids).await?.into_iter().collect();
    let mut documents: HashMap<i64, Vec<String>> = HashMap::new();
    for (dilemma_id, title, file_name) in q::document_names(c, &ids).await? {
        let names = documents.entry(dilemma_id).or_default();
        names.push(title);
        names.push(file_name);
    }
    let none = SolutionDigest::default();
    Ok(rows
        .iter()
        .filter_map(|d| {
            let collective = collectives.get(&d.collective_id)?;
            let own = solutions.get(&d.id).unwrap_or(&none);
            let confirmed = confirmations.get(&d.id).copied().unwrap_or(0);
            let mut indexed = IndexedDilemma::from_rows(d, collective, own, confirmed);
            indexed.documents = documents.remove(&d.id).unwrap_or_default();
            Some(indexed)
        })
        .collect())
}

/// The index documents of these programmes; deleted or unknown ones have none.
async fn load_programmes(
    pool: &DbPool,
    ids: &[i64],
) -> Result<Vec<crate::IndexedProgramme>, SearchError> {
    let mut conn = pool.get().await?;
    let c = &mut conn.conn();
    let rows = q::programmes_by_ids(c, ids).await?;
    programme_documents(c, rows.into_iter().filter(|p| !p.deleted).collect()).await
}

async fn programme_documents(
    c: &mut meent_db::Conn<'_>,
    rows: Vec<meent_db::queries::programmes::ProgrammeRow>,
) -> Result<Vec<crate::IndexedProgramme>, SearchError> {
    let mut collective_ids: Vec<i64> = rows.iter().map(|p| p.collective_id).collect();
    collective_ids.sort_unstable();
    collective_ids.dedup();
    let collectives: HashMap<i64, _> = q::collectives_by_ids(c, &collective_ids)
        .await?
        .into_iter()
        .map(|col| (col.id, col))
        .collect();
    let mut out = Vec::new();
    for p in rows {
        let Some(collective) = collectives.get(&p.collective_id) else {
            continue;
        };
        // Programmes are few and short: their steps are read one programme at a time.
        let steps: Vec<String> = meent_db::queries::programmes::steps_of(c, p.id)
            .await?
            .into_iter()
            .map(|s| s.text)
            .collect();
        out.push(crate::IndexedProgramme::from_rows(&p, collective, &steps));
    }
    Ok(out)
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
    // An index without dilemmas is cleared here, before its programmes are added.
    index.write(&[], &[], first, None).await?;
    let mut after = 0;
    loop {
        let docs = {
            let mut conn = pool.get().await?;
            let c = &mut conn.conn();
            let rows = q::programmes_after(c, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            programme_documents(c, rows).await?
        };
        index.write_programmes(&[], &docs).await?;
    }
    index.write(&[], &[], false, Some(cursor)).await?;
    Ok(done)
}

/// The indexer's place in the change log between polls (see [`LogPosition`]), and the
/// cursor it last stored with the index.
#[derive(Debug, Default)]
pub struct Progress {
    position: Option<LogPosition>,
    stored: i64,
}

impl Progress {
    /// The position to read on from: where this indexer left off, unless the index's cursor
    /// was moved meanwhile (a rebuild), in which case the index's cursor counts.
    fn position(&mut self, index: &SearchIndex) -> &mut LogPosition {
        let cursor = index.cursor();
        if self.stored != cursor {
            self.stored = cursor;
            self.position = None;
        }
        self.position
            .get_or_insert_with(|| LogPosition::starting_at(cursor))
    }
}

/// Applies every change logged since the last call: new rows above the highest id read, and
/// rows that turned up in the gaps below it. Returns how many dilemmas were re-indexed.
pub async fn catch_up(
    pool: &DbPool,
    index: &SearchIndex,
    progress: &mut Progress,
) -> Result<usize, SearchError> {
    let now = Instant::now();
    let position = progress.position(index);
    let mut changed = BTreeSet::new();
    let mut programmes = BTreeSet::new();
    let gaps = position.gap_ranges();
    if !gaps.is_empty() {
        let late = {
            let mut conn = pool.get().await?;
            q::changes_in(&mut conn.conn(), &gaps).await?
        };
        for ch in late {
            position.filled(ch.id);
            match ch.programme_id {
                Some(p) => programmes.insert(p),
                None => changed.insert(ch.dilemma_id),
            };
        }
    }
    loop {
        let changes = {
            let mut conn = pool.get().await?;
            q::changes_after(&mut conn.conn(), position.high(), BATCH).await?
        };
        for ch in &changes {
            position.read(ch.id, now);
            match ch.programme_id {
                Some(p) => programmes.insert(p),
                None => changed.insert(ch.dilemma_id),
            };
        }
        if (changes.len() as i64) < BATCH {
            break;
        }
    }
    position.expire(now);
    let cursor = position.cursor();
    if changed.is_empty() && programmes.is_empty() && cursor == progress.stored {
        return Ok(0);
    }
    let programme_ids: Vec<i64> = programmes.into_iter().collect();
    for chunk in programme_ids.chunks(BATCH as usize) {
        let docs = load_programmes(pool, chunk).await?;
        index.write_programmes(chunk, &docs).await?;
    }
    let ids: Vec<i64> = changed.into_iter().collect();
    for chunk in ids.chunks(BATCH as usize) {
        let docs = load(pool, chunk).await?;
        index.write(chunk, &docs, false, None).await?;
    }
    // One commit for the whole catch-up: a commit is the costly part of writing.
    index.write(&[], &[], false, Some(cursor)).await?;
    progress.stored = cursor;
    Ok(ids.len())
}

/// Whether changes the index has not read were pruned from the log (housekeeping keeps them
/// for days, so only an index left behind that long): it must then be rebuilt.
async fn missed_pruned_changes(pool: &DbPool, index: &SearchIndex) -> bool {
    let first = match pool.get().await {
        Ok(mut conn) => meent_db::queries::search::first_change_id(&mut conn.conn()).await,
        Err(e) => Err(e),
    };
    match first {
        Ok(Some(first)) if first > index.cursor() + 1 => {
            tracing::warn!(
                cursor = index.cursor(),
                first,
                "the search index is behind changes pruned from the log; rebuilding"
            );
            true
        }
        Ok(_) => false,
        Err(e) => {
            tracing::warn!(error = %e, "could not read the change log; rebuilding the index");
            true
        }
    }
}

/// The indexer of one server process: rebuilds a fresh index, then follows the change log
/// until the task is aborted.
pub async fn run_indexer(
    pool: DbPool,
    index: SearchIndex,
    opened: Opened,
    settings: IndexerSettings,
) {
    let mut built = opened == Opened::Existing && !missed_pruned_changes(&pool, &index).await;
    let mut progress = Progress::default();
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
        if built && let Err(e) = catch_up(&pool, &index, &mut progress).await {
            tracing::warn!(error = %e, "search index update failed; retrying");
        }
        tokio::time::sleep(settings.poll_interval).await;
    }
}
