//! The index on disk: opened (or made anew when missing, damaged or of an older schema), one
//! writer, a reader reloaded after each commit, and the change-log cursor kept in the commit
//! itself so that index and cursor can never disagree.

use crate::{
    SearchError,
    document::IndexedDilemma,
    fields::{Fields, SCHEMA_VERSION},
};
use serde::{Deserialize, Serialize};
use std::{
    path::Path,
    sync::{
        Arc,
        atomic::{AtomicI64, Ordering},
    },
};
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, Term, directory::MmapDirectory,
};
use tokio::sync::Mutex;

/// tantivy refuses less than this per indexing thread.
const MIN_WRITER_BYTES: usize = 15_000_000;

/// What each commit carries: the schema version and how far the change log is applied.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    version: u32,
    cursor: i64,
}

/// How the index was found at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// An index of the current schema: follow the change log from its cursor.
    Existing,
    /// Made anew (it was missing, damaged or of another schema): rebuild it from the database.
    Fresh,
}

/// The index, shared by the searches and the indexer of one server process.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    /// `None` once closed.
    writer: Arc<Mutex<Option<IndexWriter>>>,
    cursor: AtomicI64,
}

impl SearchIndex {
    /// Opens the index in `dir`, making it anew when it cannot be used as it is.
    pub fn open(dir: &Path, writer_bytes: usize) -> Result<(SearchIndex, Opened), SearchError> {
        let io = |source| SearchError::Directory {
            path: dir.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let fields = Fields::new();
        if dir.join("meta.json").exists() {
            match Self::open_existing(dir, &fields, writer_bytes) {
                Ok(index) => return Ok((index, Opened::Existing)),
                // In use is not damaged: never remove an index someone is writing.
                Err(SearchError::Locked) => return Err(SearchError::Locked),
                Err(e) => {
                    tracing::warn!(error = %e, dir = %dir.display(), "search index unusable; making it anew");
                    std::fs::remove_dir_all(dir).map_err(io)?;
                    std::fs::create_dir_all(dir).map_err(io)?;
                }
            }
        }
        let index = Index::create(
            MmapDirectory::open(dir)?,
            fields.schema.clone(),
            tantivy::IndexSettings::default(),
        )?;
        Ok((
            Self::from_index(index, fields, writer_bytes, 0)?,
            Opened::Fresh,
        ))
    }

    /// An index in memory, for tests and benchmarks that need no files.
    pub fn in_memory(writer_bytes: usize) -> Result<SearchIndex, SearchError> {
        let fields = Fields::new();
        let index = Index::create_in_ram(fields.schema.clone());
        Self::from_index(index, fields, writer_bytes, 0)
    }

    fn open_existing(
        dir: &Path,
        fields: &Fields,
        writer_bytes: usize,
    ) -> Result<SearchIndex, SearchError> {
        let index = Index::open(MmapDirectory::open(dir)?)?;
        if index.schema() != fields.schema {
            return Err(SearchError::Internal("the schema changed".into()));
        }
        let payload: Payload = index
            .load_metas()?
            .payload
            .and_then(|p| serde_json::from_str(&p).ok())
            .ok_or_else(|| SearchError::Internal("no cursor in the last commit".into()))?;
        if payload.version != SCHEMA_VERSION {
            return Err(SearchError::Internal("an older schema version".into()));
        }
        // Damage is found now rather than at every search until someone reindexes: each
        // file's checksum, then a trial search that reads postings, positions and stored
        // documents of every segment.
        let damaged = index.validate_checksum()?;
        if !damaged.is_empty() {
            return Err(SearchError::Internal(format!(
                "damaged files: {}",
                damaged
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let opened = Self::from_index(index, fields.clone(), writer_bytes, payload.cursor)?;
        opened.trial_search()?;
        Ok(opened)
    }

    /// A search touching every part of the index; an error or panic means it is damaged.
    fn trial_search(&self) -> Result<(), SearchError> {
        let searcher = self.searcher();
        for segment in searcher.segment_readers() {
            segment
                .get_store_reader(0)
                .map_err(|e| SearchError::Internal(e.to_string()))?;
        }
        let request = crate::SearchRequest {
            q: "\"sleutel beheer\" buurthuis".into(),
            per_page: 50,
            ..Default::default()
        };
        let this = self.clone();
        // tantivy may panic on files it cannot make sense of rather than answer an error.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
            this.search(&request, &crate::Audience::public())
                .map(|_| ())
        }))
        .map_err(|_| SearchError::Internal("the trial search panicked".into()))?
    }

    fn from_index(
        index: Index,
        fields: Fields,
        writer_bytes: usize,
        cursor: i64,
    ) -> Result<SearchIndex, SearchError> {
        Fields::register_analyzers(&index);
        let writer = index
            .writer_with_num_threads(1, writer_bytes.max(MIN_WRITER_BYTES))
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => SearchError::Locked,
                e => SearchError::Index(e),
            })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                index,
                fields,
                reader,
                writer: Arc::new(Mutex::new(Some(writer))),
                cursor: AtomicI64::new(cursor),
            }),
        })
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.inner.fields
    }

    pub(crate) fn index(&self) -> &Index {
        &self.inner.index
    }

    pub(crate) fn searcher(&self) -> Searcher {
        self.inner.reader.searcher()
    }

    /// The id of the last change-log row the index reflects.
    pub fn cursor(&self) -> i64 {
        self.inner.cursor.load(Ordering::SeqCst)
    }

    /// How many dilemmas the index holds.
    pub fn len(&self) -> u64 {
        self.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replaces the documents of `ids` by `docs` (ids without a document are dropped: deleted
    /// or no longer known) and commits, recording `cursor`. With `clear`, everything else
    /// goes too (a full rebuild's first batch).
    pub async fn write(
        &self,
        ids: &[i64],
        docs: &[IndexedDilemma],
        clear: bool,
        commit_cursor: Option<i64>,
    ) -> Result<(), SearchError> {
        let mut guard = self.inner.writer.clone().lock_owned().await;
        let writer = guard
            .as_mut()
            .ok_or_else(|| SearchError::Internal("the index is closed".into()))?;
        if clear {
            writer.delete_all_documents()?;
        }
        for id in ids {
            writer.delete_term(Term::from_field_i64(self.inner.fields.id, *id));
        }
        for doc in docs {
            writer.add_document(doc.to_document(&self.inner.fields)?)?;
        }
        let Some(cursor) = commit_cursor else {
            return Ok(());
        };
        self.commit(guard, cursor).await
    }

    /// Replaces the documents of the programmes `ids` with `docs` (those not deleted); the
    /// next [`write`](Self::write) with a cursor commits them.
    pub async fn write_programmes(
        &self,
        ids: &[i64],
        docs: &[crate::IndexedProgramme],
    ) -> Result<(), SearchError> {
        let mut guard = self.inner.writer.lock().await;
        let writer = guard
            .as_mut()
            .ok_or_else(|| SearchError::Internal("the index is closed".into()))?;
        for id in ids {
            writer.delete_term(Term::from_field_i64(self.inner.fields.programme_id, *id));
        }
        for doc in docs {
            writer.add_document(doc.to_document(&self.inner.fields)?)?;
        }
        Ok(())
    }

    async fn commit(
        &self,
        mut guard: tokio::sync::OwnedMutexGuard<Option<IndexWriter>>,
        cursor: i64,
    ) -> Result<(), SearchError> {
        let payload = serde_json::to_string(&Payload {
            version: SCHEMA_VERSION,
            cursor,
        })
        .map_err(|e| SearchError::Internal(e.to_string()))?;
        // A commit waits for the indexing threads and writes files: off the async threads.
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || -> Result<(), SearchError> {
            let writer = guard
                .as_mut()
                .ok_or_else(|| SearchError::Internal("the index is closed".into()))?;
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
            drop(guard);
            inner.reader.reload()?;
            inner.cursor.store(cursor, Ordering::SeqCst);
            Ok(())
        })
        .await
        .map_err(|e| SearchError::Internal(e.to_string()))?
    }

    /// Lets go of the writer (and its lock on the folder) once pending merges are done, so
    /// that a server restarted in the same process can open the index again; searches keep
    /// working, writes fail.
    pub async fn close(&self) {
        let writer = self.inner.writer.lock().await.take();
        if let Some(writer) = writer {
            let _ = tokio::task::spawn_blocking(move || writer.wait_merging_threads()).await;
        }
    }
}
