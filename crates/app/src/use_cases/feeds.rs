//! What the Atom feeds list (SPEC §5): the newest public dilemmas of a collective, a theme,
//! a municipality or a search, as an anonymous visitor would find them in the index. A
//! dilemma that turns internal or is deleted leaves the index, and so the feeds.

use crate::{
    AppContext, AppError,
    use_cases::{
        collectives,
        search::{Audience, Filters, Hit},
    },
};
use meent_db::queries::collectives::CollectiveRow;
use meent_domain::Theme;

/// How many dilemmas a feed holds.
pub const FEED_SIZE: usize = 50;

/// What a feed is of.
#[derive(Debug, Clone)]
pub enum FeedOf {
    /// A collective of this instance.
    Collective(Box<CollectiveRow>),
    Theme(Theme),
    Municipality(String),
    /// A search kept as a feed: its words and filters.
    Search {
        q: String,
        filters: Filters,
    },
}

impl FeedOf {
    /// The local collective `name` (not found: no feed).
    pub async fn collective(ctx: &AppContext, name: &str) -> Result<FeedOf, AppError> {
        Ok(FeedOf::Collective(Box::new(
            collectives::local_by_name(ctx, name).await?,
        )))
    }
}

/// The newest public dilemmas the feed holds (for a search with words: its best
/// [`FEED_SIZE`] matches, newest first).
pub fn dilemmas(ctx: &AppContext, of: &FeedOf) -> Result<Vec<Hit>, AppError> {
    let (q, filters) = match of {
        FeedOf::Collective(c) => (
            String::new(),
            Filters {
                collective_id: Some(c.id),
                ..Default::default()
            },
        ),
        FeedOf::Theme(t) => (
            String::new(),
            Filters {
                theme: Some(t.id().to_owned()),
                ..Default::default()
            },
        ),
        FeedOf::Municipality(m) => (
            String::new(),
            Filters {
                municipality: Some(m.trim().to_owned()),
                ..Default::default()
            },
        ),
        FeedOf::Search { q, filters } => (q.clone(), filters.clone()),
    };
    crate::use_cases::search::check_query(&q)?;
    // A feed reader has no account: what anyone may see. The index orders by the second,
    // so two pages are read and ordered here to the nanosecond: a dilemma posted in the
    // same second as the fiftieth is not left out for an older one.
    let index = ctx.search()?;
    let mut hits = Vec::new();
    for page in 1..=2 {
        let request = meent_search::SearchRequest {
            q: q.clone(),
            filters: filters.clone(),
            page,
            per_page: FEED_SIZE,
        };
        let found = index
            .search(&request, &Audience::public())
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let last = found.hits.len() < FEED_SIZE;
        hits.extend(found.hits);
        if last {
            break;
        }
    }
    let mut seen = std::collections::HashSet::new();
    hits.retain(|h| seen.insert(h.dilemma.ap_id.clone()));
    hits.sort_by_key(|h| std::cmp::Reverse(h.dilemma.published));
    hits.truncate(FEED_SIZE);
    Ok(hits)
}
