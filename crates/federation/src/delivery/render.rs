//! Outbox entries as the ActivityPub documents that are sent.

use crate::protocol::{
    activities::{Accept, Follow, FollowOrId, Reject, UndoFollow},
    context::meent_context,
};
use activitypub_federation::protocol::context::WithContext;
use meent_domain::{FollowRef, OutboundActivity};
use serde_json::Value;

fn follow(f: &FollowRef) -> Follow {
    Follow {
        kind: Default::default(),
        id: f.id.clone(),
        actor: f.actor.clone(),
        to: vec![f.object.clone()],
        object: f.object.clone(),
    }
}

/// The JSON-LD document for a follow-related `activity`, with Meent's `@context`.
pub fn render(activity: &OutboundActivity) -> Result<Value, serde_json::Error> {
    let value = match activity {
        OutboundActivity::Follow { follow: f } => serde_json::to_value(follow(f))?,
        OutboundActivity::UndoFollow { id, follow: f } => serde_json::to_value(UndoFollow {
            kind: Default::default(),
            id: id.clone(),
            actor: f.actor.clone(),
            to: vec![f.object.clone()],
            object: FollowOrId::Follow(follow(f)),
        })?,
        OutboundActivity::AcceptFollow { id, follow: f } => serde_json::to_value(Accept {
            kind: Default::default(),
            id: id.clone(),
            actor: f.object.clone(),
            to: vec![f.actor.clone()],
            object: FollowOrId::Follow(follow(f)),
        })?,
        OutboundActivity::RejectFollow { id, follow: f } => serde_json::to_value(Reject {
            kind: Default::default(),
            id: id.clone(),
            actor: f.object.clone(),
            to: vec![f.actor.clone()],
            object: FollowOrId::Follow(follow(f)),
        })?,
        // Activities in threads depend on stored objects and followers: see `plan`.
        OutboundActivity::Object { .. }
        | OutboundActivity::Forward { .. }
        | OutboundActivity::Like { .. } => {
            return Err(serde::ser::Error::custom(
                "thread activities are planned, not rendered",
            ));
        }
    };
    serde_json::to_value(WithContext::new(value, meent_context().clone()))
}
