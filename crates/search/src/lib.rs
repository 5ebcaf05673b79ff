//! Meent's search: one tantivy index over the dilemmas (with their solutions) that the
//! instance knows, local and federated. The index is derived from the database and can be
//! rebuilt from it at any time; it is kept current by following the `search_changes` log,
//! so several app servers on one PostgreSQL each keep their own index.
//!
//! This crate knows nothing of who is reading: callers pass an [`Audience`] saying which
//! visibilities of which collectives may be shown (the app builds it from its access rules).

mod change_log;
mod compound_query;
mod compounds;
mod dates;
mod document;
mod error;
mod fields;
mod index;
mod indexer;
mod plurals;
mod programme;
mod query;
mod similar;
mod telling_terms;
mod text;

pub use document::{DilemmaSummary, IndexedDilemma, SolutionDigest};
pub use error::SearchError;
pub use index::{Opened, SearchIndex};
pub use indexer::{IndexerSettings, Progress, catch_up, rebuild, run_indexer};
pub use programme::{IndexedProgramme, ProgrammeResults, ProgrammeSummary};
pub use query::{Audience, FacetCount, Filters, Hit, SearchRequest, SearchResults};
pub use similar::{Draft, SimilarHit};
pub use text::plain as plain_text;

#[cfg(test)]
mod tests;
