//! A support organisation's desk: the open public dilemmas of the collectives its members
//! follow, longest without an answer first, with the invitations and sessions already
//! attached — the triage list a support organisation works from; and, asked for, the open
//! dilemmas of everyone else, from the index and the other instances (network search).

use crate::{
    AppContext, AppError,
    use_cases::{
        access::Reader,
        search::{self, Filters, Hit, Scope, SearchQuery},
    },
};
use chrono::NaiveDateTime;
use meent_db::queries::{
    collectives::{self, CollectiveRow},
    dilemmas::{self, DilemmaRow, FeedFilter},
    follows, invitations, meetings, memberships, replies,
};
use meent_domain::{CollectiveKind, ContextFacets, DilemmaStatus, FollowState, Visibility};

/// How many open dilemmas the desk looks at.
const DESK_SIZE: i64 = 200;

#[derive(Debug, Clone)]
pub struct DeskItem {
    pub dilemma: DilemmaRow,
    pub collective: CollectiveRow,
    pub answers: usize,
    /// When it was last answered, or asked when it has no answer.
    pub waiting_since: NaiveDateTime,
    pub invitations: usize,
    pub sessions: usize,
}

/// What the desk is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct DeskFilter {
    pub theme: Option<String>,
    pub municipality: Option<String>,
}

/// The local support organisation `name`, when `reader` coordinates it.
async fn support_organisation(
    c: &mut meent_db::Conn<'_>,
    reader: &Reader,
    name: &str,
) -> Result<CollectiveRow, AppError> {
    let org = collectives::local_by_name(c, name)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    if !reader.coordinates(org.id) || org.kind != CollectiveKind::SupportOrganisation.as_str() {
        return Err(AppError::Forbidden(
            "the desk is for coordinators of a support organisation",
        ));
    }
    Ok(org)
}

/// The desk of the local support organisation `name`, for its coordinators.
pub async fn desk(
    ctx: &AppContext,
    reader: &Reader,
    name: &str,
    filter: &DeskFilter,
) -> Result<Vec<DeskItem>, AppError> {
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let org = support_organisation(c, reader, name).await?;
    let mut followed: Vec<i64> = Vec::new();
    for (member, _) in memberships::members_of(c, org.id).await? {
        for (f, col) in follows::follows_of(c, member.id).await? {
            if f.state == FollowState::Accepted.as_str() && !followed.contains(&col.id) {
                followed.push(col.id);
            }
        }
    }
    let rows = dilemmas::feed(
        c,
        FeedFilter {
            member_of: &[],
            following: &followed,
            theme: filter.theme.as_deref().filter(|t| !t.is_empty()),
            status: Some(DilemmaStatus::Open.as_str()),
            limit: DESK_SIZE,
            offset: 0,
        },
    )
    .await?;
    let wanted_place = filter
        .municipality
        .as_deref()
        .map(|m| m.trim().to_lowercase())
        .filter(|m| !m.is_empty());
    let mut items = Vec::new();
    for d in rows
        .into_iter()
        .filter(|d| d.visibility == Visibility::Public.as_str())
    {
        let Some(collective) = collectives::by_id(c, d.collective_id).await? else {
            continue;
        };
        if let Some(place) = &wanted_place {
            let facets: ContextFacets = serde_json::from_str(&d.facets).unwrap_or_default();
            let municipality = facets
                .municipality
                .or_else(|| collective.municipality.clone())
                .unwrap_or_default()
                .to_lowercase();
            if &municipality != place {
                continue;
            }
        }
        let answers: Vec<_> = replies::of_dilemma(c, d.id)
            .await?
            .into_iter()
            .filter(|r| !r.deleted)
            .collect();
        let waiting_since = answers
            .iter()
            .map(|r| r.published)
            .max()
            .unwrap_or(d.published);
        items.push(DeskItem {
            answers: answers.len(),
            waiting_since,
            invitations: invitations::of_dilemma(c, d.id).await?.len(),
            sessions: meetings::about_dilemma(c, &d.ap_id).await?.len(),
            collective,
            dilemma: d,
        });
    }
    // Longest without an answer first: those never answered, oldest first, then the others
    // by how long ago their last answer came.
    items.sort_by_key(|i| (i.answers > 0, i.waiting_since));
    Ok(items)
}

/// How many open dilemmas the network-wide part asks each instance (and the index) for.
const WIDER_SIZE: usize = 50;

/// An open public dilemma of a collective the support organisation does not follow, found
/// by search.
#[derive(Debug, Clone)]
pub struct WiderItem {
    pub hit: Hit,
    /// The host that answered; `None` when this instance's own index has it (then
    /// `hit.dilemma.id` is its id here).
    pub origin: Option<String>,
}

/// The network-wide part of the desk.
#[derive(Debug, Clone, Default)]
pub struct WiderDesk {
    pub items: Vec<WiderItem>,
    /// Instances that did not answer.
    pub unreachable: Vec<String>,
}

/// The desk's network-wide part: open public dilemmas that are not on the desk already,
/// from this instance's index and the instances it knows (a network search with the same
/// filters), never answered first, then the oldest first. What another instance answers
/// is its word: shown as found there, never stored.
pub async fn network(
    ctx: &AppContext,
    reader: &Reader,
    name: &str,
    filter: &DeskFilter,
) -> Result<WiderDesk, AppError> {
    let on_desk = desk(ctx, reader, name, filter).await?;
    network_beside(ctx, reader, &on_desk, filter).await
}

/// [`network`] beside a desk the caller has already built for `reader` (the desk page
/// shows both): the desk is not built twice.
pub async fn network_beside(
    ctx: &AppContext,
    reader: &Reader,
    on_desk: &[DeskItem],
    filter: &DeskFilter,
) -> Result<WiderDesk, AppError> {
    let on_desk: Vec<&str> = on_desk.iter().map(|i| i.dilemma.ap_id.as_str()).collect();
    let open = DilemmaStatus::Open.as_str();
    let query = SearchQuery {
        q: String::new(),
        filters: Filters {
            status: Some(open.to_owned()),
            theme: filter.theme.clone().filter(|t| !t.is_empty()),
            municipality: filter.municipality.clone().filter(|m| !m.trim().is_empty()),
            ..Default::default()
        },
        page: 1,
        per_page: WIDER_SIZE,
        scope: Scope::Network,
    };
    let outcome = search::search(ctx, reader, query).await?;
    let own = outcome.results.hits.into_iter().map(|h| (h, None));
    let elsewhere = outcome.network.into_iter().map(|n| (n.hit, Some(n.origin)));
    let mut items: Vec<WiderItem> = Vec::new();
    for (hit, origin) in own.chain(elsewhere) {
        let d = &hit.dilemma;
        let wanted = d.status == open
            && d.visibility == Visibility::Public.as_str()
            && !on_desk.contains(&d.ap_id.as_str())
            && !items.iter().any(|i| i.hit.dilemma.ap_id == d.ap_id);
        if wanted {
            items.push(WiderItem { hit, origin });
        }
    }
    items.sort_by_key(|i| (i.hit.dilemma.solutions > 0, i.hit.dilemma.published));
    Ok(WiderDesk {
        items,
        unreachable: outcome.unreachable,
    })
}
