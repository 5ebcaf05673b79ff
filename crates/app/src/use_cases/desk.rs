//! A support organisation's desk: the open public dilemmas of the collectives its members
//! follow, longest without an answer first, with the invitations and sessions already
//! attached — the triage list a support organisation works from.

use crate::{AppContext, AppError, use_cases::access::Reader};
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

/// The desk of the local support organisation `name`, for its coordinators.
pub async fn desk(
    ctx: &AppContext,
    reader: &Reader,
    name: &str,
    filter: &DeskFilter,
) -> Result<Vec<DeskItem>, AppError> {
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let org = collectives::local_by_name(c, name)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    if !reader.coordinates(org.id) || org.kind != CollectiveKind::SupportOrganisation.as_str() {
        return Err(AppError::Forbidden(
            "the desk is for coordinators of a support organisation",
        ));
    }
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
