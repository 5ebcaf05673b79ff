//! What the API returns and takes.

use meent_db::queries::{collectives::CollectiveRow, follows::FollowRow, members::MemberRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `name@host[:port]` of an actor, from its id.
fn handle(name: &str, ap_id: &str) -> String {
    meent_domain::handle_of(name, ap_id)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InstanceInfo {
    pub domain: String,
    pub name: String,
    pub description: String,
    pub software: String,
    pub version: String,
    pub collectives: i64,
    pub members: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Collective {
    pub id: i64,
    /// `name@host`, to follow it from anywhere.
    pub handle: String,
    pub name: String,
    pub display_name: String,
    pub summary: String,
    /// One of `residents_collective`, `tenants_committee`, `residents_initiative`,
    /// `core_group`, `support_organisation`; empty when another server did not say.
    pub kind: String,
    pub municipality: Option<String>,
    pub neighbourhood: Option<String>,
    /// Open collectives accept followers at once; closed ones ask a coordinator.
    pub open: bool,
    /// Whether it lives on this instance.
    pub local: bool,
    /// Its ActivityPub id.
    pub url: String,
}

impl From<CollectiveRow> for Collective {
    fn from(r: CollectiveRow) -> Self {
        Collective {
            id: r.id,
            handle: handle(&r.name, &r.ap_id),
            name: r.name,
            display_name: r.display_name,
            summary: r.summary,
            kind: r.kind,
            municipality: r.municipality,
            neighbourhood: r.neighbourhood,
            open: r.open,
            local: r.local,
            url: r.ap_id,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Member {
    pub id: i64,
    pub handle: String,
    pub name: String,
    pub display_name: String,
    pub local: bool,
    pub url: String,
}

impl From<MemberRow> for Member {
    fn from(r: MemberRow) -> Self {
        Member {
            id: r.id,
            handle: handle(&r.name, &r.ap_id),
            name: r.name,
            display_name: r.display_name,
            local: r.local,
            url: r.ap_id,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CollectiveMember {
    pub member: Member,
    /// `member` or `coordinator`.
    pub role: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Membership {
    pub collective: Collective,
    pub role: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Me {
    pub member: Member,
    pub is_admin: bool,
    pub collectives: Vec<Membership>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Follow {
    pub id: i64,
    pub collective: Collective,
    /// `pending` until the collective accepts, then `accepted`.
    pub state: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Follower {
    /// The follow's id, for approving or rejecting it.
    pub follow_id: i64,
    pub member: Member,
    pub state: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FollowTarget {
    /// `@name@host`, `name@host` or the collective's URL.
    pub target: String,
}

impl From<(FollowRow, MemberRow)> for Follower {
    fn from((follow, member): (FollowRow, MemberRow)) -> Self {
        Follower {
            follow_id: follow.id,
            member: member.into(),
            state: follow.state,
        }
    }
}
