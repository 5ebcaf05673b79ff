//! Similar dilemmas, shown on every dilemma page and beside a dilemma being written, with
//! their status and the beginning of their accepted solutions.

use meent_app::{
    AppContext,
    use_cases::{
        access::Reader,
        search::{self, Draft, SimilarHit},
    },
};
use meent_db::queries::dilemmas::DilemmaRow;

/// How many are shown.
const SHOWN: usize = 5;

pub struct SimilarItem {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub collective: String,
    pub accepted_solutions: Vec<String>,
}

fn items(hits: Vec<SimilarHit>) -> Vec<SimilarItem> {
    hits.into_iter()
        .map(|h| SimilarItem {
            id: h.dilemma.id,
            title: h.dilemma.title,
            status: h.dilemma.status,
            collective: h.dilemma.collective_display_name,
            accepted_solutions: h.dilemma.accepted_solutions,
        })
        .collect()
}

/// Dilemmas like `dilemma` (loaded for the page). Suggestions are a help, not the page:
/// when search fails the page is shown without them and the cause is logged.
pub fn to_dilemma(ctx: &AppContext, reader: &Reader, dilemma: &DilemmaRow) -> Vec<SimilarItem> {
    match search::similar_to_loaded(ctx, reader, dilemma, SHOWN) {
        Ok(hits) => items(hits),
        Err(e) => {
            tracing::warn!(error = %e, dilemma = dilemma.id, "similar dilemmas not shown");
            Vec::new()
        }
    }
}

/// Dilemmas like a draft (on preview, without JavaScript).
pub fn to_draft(ctx: &AppContext, reader: &Reader, draft: &Draft) -> Vec<SimilarItem> {
    match search::similar_to_draft(ctx, reader, draft, SHOWN) {
        Ok(hits) => items(hits),
        Err(e) => {
            tracing::warn!(error = %e, "similar dilemmas not shown");
            Vec::new()
        }
    }
}
