//! Outbox entries as the ActivityPub documents that are sent.

use crate::protocol::{
    activities::{Accept, Follow, FollowOrId, Reject, UndoFollow},
    context::meent_context,
};
use activitypub_federation::protocol::context::WithContext;
use meent_domain::{FollowRef, JoinRef, OutboundActivity, ProgrammeFollowRef};
use serde_json::{Value, json};

fn follow(f: &FollowRef) -> Follow {
    Follow {
        kind: Default::default(),
        id: f.id.clone(),
        actor: f.actor.clone(),
        to: vec![f.object.clone()],
        object: f.object.clone(),
    }
}

/// A registration as sent, and as embedded in its answer (as Mobilizon embeds it).
fn join(j: &JoinRef, organiser: Option<&url::Url>) -> Value {
    let mut doc = json!({
        "type": "Join",
        "id": j.id,
        "actor": j.actor,
        "object": j.object,
        "speaksFor": j.speaks_for,
    });
    if let Some(organiser) = organiser {
        doc["to"] = json!([organiser]);
    }
    doc
}

/// An invitation to answer `dilemma`, as a `Note` mentioning the invited (sent inside its
/// `Create`, and served at its own id).
pub fn invitation_note(
    note: &url::Url,
    actor: &url::Url,
    invited: &url::Url,
    dilemma: &url::Url,
    audience: &url::Url,
) -> Value {
    json!({
        "type": "Note",
        "id": note,
        "attributedTo": actor,
        "to": [invited],
        "cc": [audience],
        "content": format!(
            "<p><a href=\"{invited}\" class=\"mention\">{invited}</a> \
             — <a href=\"{dilemma}\">{dilemma}</a></p>"
        ),
        "mediaType": "text/html",
        "tag": [{ "type": "Mention", "href": invited }],
        "invitesTo": dilemma,
    })
}

/// A collective's follow of a programme, sent to the programme's owner.
fn programme_follow(f: &ProgrammeFollowRef) -> Value {
    json!({
        "type": "Follow",
        "id": f.id,
        "actor": f.actor,
        "to": [f.owner],
        "object": f.object,
    })
}

/// The JSON-LD document for a follow- or registration-related `activity`, with Meent's `@context`.
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
        OutboundActivity::Join { join: j, organiser } => join(j, Some(organiser)),
        OutboundActivity::Leave {
            id,
            join: j,
            organiser,
        } => json!({
            "type": "Leave",
            "id": id,
            "actor": j.actor,
            "to": [organiser],
            "object": j.object,
        }),
        OutboundActivity::AnswerJoin {
            id,
            actor,
            join: j,
            answer,
            meeting_link,
        } => {
            let mut doc = json!({
                "type": answer.activity_type(),
                "id": id,
                "actor": actor,
                "to": [j.actor],
                "object": join(j, None),
            });
            if let Some(link) = meeting_link {
                doc["meetingLink"] = json!(link);
            }
            doc
        }
        OutboundActivity::Invite {
            id,
            note,
            actor,
            invited,
            dilemma,
            audience,
        } => json!({
            "type": "Create",
            "id": id,
            "actor": actor,
            "to": [invited],
            "cc": [audience],
            "object": invitation_note(note, actor, invited, dilemma, audience),
        }),
        OutboundActivity::FollowProgramme { follow: f } => programme_follow(f),
        OutboundActivity::UndoFollowProgramme { id, follow: f } => json!({
            "type": "Undo",
            "id": id,
            "actor": f.actor,
            "to": [f.owner],
            "object": programme_follow(f),
        }),
        OutboundActivity::AcceptProgrammeFollow { id, follow: f } => json!({
            "type": "Accept",
            "id": id,
            "actor": f.owner,
            "to": [f.actor],
            "object": programme_follow(f),
        }),
        OutboundActivity::Progress {
            id,
            follow: f,
            position,
            done,
            notes,
        } => json!({
            "type": "Add",
            "id": id,
            "actor": f.actor,
            "to": [f.owner],
            "object": {
                "type": "StepProgress",
                "step": position,
                "done": done,
                "content": notes,
            },
            "target": f.object,
        }),
        // Activities in threads and sessions depend on stored objects and followers: see
        // `plan`.
        OutboundActivity::Meeting { .. }
        | OutboundActivity::Programme { .. }
        | OutboundActivity::UpdateCollective { .. }
        | OutboundActivity::Object { .. }
        | OutboundActivity::Forward { .. }
        | OutboundActivity::Like { .. } => {
            return Err(serde::ser::Error::custom(
                "thread activities are planned, not rendered",
            ));
        }
    };
    serde_json::to_value(WithContext::new(value, meent_context().clone()))
}
