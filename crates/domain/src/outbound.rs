//! What the instance has to tell other instances. Use-cases write one of these to the outbox
//! in the same transaction as the change it describes; the federation side turns it into an
//! ActivityPub document and delivers it. It carries every id needed to render the activity,
//! so rendering never depends on rows that may be gone by then (an undone follow, say).

use serde::{Deserialize, Serialize};
use url::Url;

/// A follow as sent or received: the ids of the Follow activity, its actor and its object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowRef {
    pub id: Url,
    pub actor: Url,
    pub object: Url,
}

/// What a member did to an object in a collective's thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verb {
    Create,
    Update,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OutboundActivity {
    /// A local member created, changed or deleted a dilemma, solution, comment or
    /// confirmation (`object`) in the thread of collective `audience`. A local audience
    /// announces it to its followers; a remote one is sent the activity to announce.
    Object {
        id: Url,
        verb: Verb,
        actor: Url,
        object: Url,
        audience: Url,
    },
    /// A local member likes `object` in the thread of collective `audience`, or with `undo`
    /// takes back the like `like_id` (`id` is then the Undo's own id).
    Like {
        id: Url,
        like_id: Url,
        actor: Url,
        object: Url,
        audience: Url,
        undo: bool,
    },
    /// A local collective forwards an activity it received (a remote member's answer to one
    /// of its dilemmas) to its followers, as it is.
    Forward {
        id: Url,
        collective: Url,
        activity: serde_json::Value,
    },
    /// A local member asks a remote collective to be followed.
    Follow { follow: FollowRef },
    /// A local member withdraws a follow.
    UndoFollow { id: Url, follow: FollowRef },
    /// A local collective accepts a remote follower.
    AcceptFollow { id: Url, follow: FollowRef },
    /// A local collective rejects (or removes) a remote follower.
    RejectFollow { id: Url, follow: FollowRef },
}

impl OutboundActivity {
    /// The id of the activity this renders to; receivers deduplicate by it.
    pub fn id(&self) -> &Url {
        match self {
            OutboundActivity::Follow { follow } => &follow.id,
            OutboundActivity::Object { id, .. }
            | OutboundActivity::Forward { id, .. }
            | OutboundActivity::Like { id, .. } => id,
            OutboundActivity::UndoFollow { id, .. }
            | OutboundActivity::AcceptFollow { id, .. }
            | OutboundActivity::RejectFollow { id, .. } => id,
        }
    }

    /// The local actor that signs and sends it.
    pub fn actor(&self) -> &Url {
        match self {
            OutboundActivity::Object { actor, .. } | OutboundActivity::Like { actor, .. } => actor,
            OutboundActivity::Forward { collective, .. } => collective,
            OutboundActivity::Follow { follow } | OutboundActivity::UndoFollow { follow, .. } => {
                &follow.actor
            }
            OutboundActivity::AcceptFollow { follow, .. }
            | OutboundActivity::RejectFollow { follow, .. } => &follow.object,
        }
    }

    /// The actor whose inbox receives it: for activities in a collective's thread, the
    /// collective (whose followers receive them when it is local).
    pub fn recipient(&self) -> &Url {
        match self {
            OutboundActivity::Object { audience, .. } | OutboundActivity::Like { audience, .. } => {
                audience
            }
            OutboundActivity::Forward { collective, .. } => collective,
            OutboundActivity::Follow { follow } | OutboundActivity::UndoFollow { follow, .. } => {
                &follow.object
            }
            OutboundActivity::AcceptFollow { follow, .. }
            | OutboundActivity::RejectFollow { follow, .. } => &follow.actor,
        }
    }
}
