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

/// A registration for a session as sent or received: the Join's id, the member who sent it,
/// the session (`Event`) and the collective it registers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRef {
    pub id: Url,
    pub actor: Url,
    pub object: Url,
    pub speaks_for: Url,
}

/// How a session's organiser answers a registration (as Mobilizon does, with a waiting list
/// as `TentativeAccept`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinAnswer {
    /// A place.
    Accept,
    /// A place on the waiting list.
    TentativeAccept,
    /// No place (the session was cancelled, or the registration is not allowed).
    Reject,
}

impl JoinAnswer {
    /// The ActivityStreams type it is sent as.
    pub fn activity_type(self) -> &'static str {
        match self {
            JoinAnswer::Accept => "Accept",
            JoinAnswer::TentativeAccept => "TentativeAccept",
            JoinAnswer::Reject => "Reject",
        }
    }
}

/// A collective's follow of a learning programme: the Follow's id, the following collective
/// (`actor`), the programme (`object`) and the collective that owns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeFollowRef {
    pub id: Url,
    pub actor: Url,
    pub object: Url,
    pub owner: Url,
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
    /// A local collective created, changed or cancelled the session `object`; its
    /// followers, the collectives of its dilemmas and the registered collectives are told.
    Meeting {
        id: Url,
        verb: Verb,
        actor: Url,
        object: Url,
    },
    /// A local member registers their collective for a remote session (`Join`), sent to
    /// the organising collective `organiser`.
    Join { join: JoinRef, organiser: Url },
    /// A local member withdraws a registration (`Leave` of the session).
    Leave {
        id: Url,
        join: JoinRef,
        organiser: Url,
    },
    /// A local member invites `invited` (a person or collective elsewhere) to answer the
    /// dilemma `dilemma` of collective `audience`; `note` is the invitation's own id.
    Invite {
        id: Url,
        note: Url,
        actor: Url,
        invited: Url,
        dilemma: Url,
        audience: Url,
    },
    /// A local collective answers a remote registration for one of its sessions; a place
    /// comes with the meeting link, which only registered collectives see.
    AnswerJoin {
        id: Url,
        actor: Url,
        join: JoinRef,
        answer: JoinAnswer,
        meeting_link: Option<String>,
    },
    /// A local collective created, changed or deleted the learning programme `object`; its
    /// followers and the programme's followers are told.
    Programme {
        id: Url,
        verb: Verb,
        actor: Url,
        object: Url,
    },
    /// A local collective follows a remote programme (a `Follow` to its owner).
    FollowProgramme { follow: ProgrammeFollowRef },
    /// A local collective stops following a remote programme.
    UndoFollowProgramme { id: Url, follow: ProgrammeFollowRef },
    /// A local programme's owner accepts a collective's follow.
    AcceptProgrammeFollow { id: Url, follow: ProgrammeFollowRef },
    /// A local collective's profile changed: its followers get an `Update` of the `Group`.
    UpdateCollective { id: Url, actor: Url },
    /// A local collective tells a remote programme's owner how far it is with step
    /// `position` (from 1).
    Progress {
        id: Url,
        follow: ProgrammeFollowRef,
        position: i64,
        done: bool,
        notes: String,
    },
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
            OutboundActivity::Meeting { id, .. }
            | OutboundActivity::Invite { id, .. }
            | OutboundActivity::Leave { id, .. }
            | OutboundActivity::AnswerJoin { id, .. } => id,
            OutboundActivity::Join { join, .. } => &join.id,
            OutboundActivity::FollowProgramme { follow } => &follow.id,
            OutboundActivity::Programme { id, .. }
            | OutboundActivity::UpdateCollective { id, .. }
            | OutboundActivity::UndoFollowProgramme { id, .. }
            | OutboundActivity::AcceptProgrammeFollow { id, .. }
            | OutboundActivity::Progress { id, .. } => id,
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
            OutboundActivity::Meeting { actor, .. }
            | OutboundActivity::Invite { actor, .. }
            | OutboundActivity::AnswerJoin { actor, .. } => actor,
            OutboundActivity::Join { join, .. } | OutboundActivity::Leave { join, .. } => {
                &join.actor
            }
            OutboundActivity::Programme { actor, .. }
            | OutboundActivity::UpdateCollective { actor, .. } => actor,
            OutboundActivity::FollowProgramme { follow }
            | OutboundActivity::UndoFollowProgramme { follow, .. }
            | OutboundActivity::Progress { follow, .. } => &follow.actor,
            OutboundActivity::AcceptProgrammeFollow { follow, .. } => &follow.owner,
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
            // Its followers and participants are planned for; the collective is the one
            // whose inbox is certain.
            OutboundActivity::Meeting { actor, .. } => actor,
            OutboundActivity::Join { organiser, .. }
            | OutboundActivity::Leave { organiser, .. } => organiser,
            OutboundActivity::AnswerJoin { join, .. } => &join.actor,
            OutboundActivity::Invite { invited, .. } => invited,
            // Its followers are planned for; the owner is the one whose inbox is certain.
            OutboundActivity::Programme { actor, .. }
            | OutboundActivity::UpdateCollective { actor, .. } => actor,
            OutboundActivity::FollowProgramme { follow }
            | OutboundActivity::UndoFollowProgramme { follow, .. }
            | OutboundActivity::Progress { follow, .. } => &follow.owner,
            OutboundActivity::AcceptProgrammeFollow { follow, .. } => &follow.actor,
        }
    }
}
