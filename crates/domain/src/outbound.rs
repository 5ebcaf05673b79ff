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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OutboundActivity {
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
            OutboundActivity::UndoFollow { id, .. }
            | OutboundActivity::AcceptFollow { id, .. }
            | OutboundActivity::RejectFollow { id, .. } => id,
        }
    }

    /// The local actor that signs and sends it.
    pub fn actor(&self) -> &Url {
        match self {
            OutboundActivity::Follow { follow } | OutboundActivity::UndoFollow { follow, .. } => {
                &follow.actor
            }
            OutboundActivity::AcceptFollow { follow, .. }
            | OutboundActivity::RejectFollow { follow, .. } => &follow.object,
        }
    }

    /// The actor whose inbox receives it.
    pub fn recipient(&self) -> &Url {
        match self {
            OutboundActivity::Follow { follow } | OutboundActivity::UndoFollow { follow, .. } => {
                &follow.object
            }
            OutboundActivity::AcceptFollow { follow, .. }
            | OutboundActivity::RejectFollow { follow, .. } => &follow.actor,
        }
    }
}
