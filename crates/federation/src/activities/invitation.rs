//! An invitation to answer a dilemma, from someone elsewhere.

use super::policy;
use crate::{
    FederationError,
    objects::{ApDilemma, ApMember},
    protocol::invitation::CreateInvitation,
};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId};
use meent_app::{AppContext, use_cases::invitations};

/// Stored when it invites someone here or concerns a dilemma of ours: sent by its author,
/// from its own server; the invited is its first `Mention`, else its first addressee.
pub(super) async fn receive(
    activity: CreateInvitation,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    let note = activity.object;
    policy::from_own_server(&note.id, &activity.actor)?;
    policy::sent_by_author(&activity.actor, &note.attributed_to)?;
    let Some(invited) = note
        .tag
        .first()
        .map(|m| m.href.clone())
        .or_else(|| note.to.first().cloned())
    else {
        return Err(FederationError::Invalid(
            "an invitation names whom it invites".into(),
        ));
    };
    let inviter = ObjectId::<ApMember>::from(activity.actor.clone())
        .dereference(data)
        .await?;
    let dilemma = ObjectId::<ApDilemma>::from(note.invites_to.clone())
        .dereference(data)
        .await?;
    if dilemma.row.visibility != meent_domain::Visibility::Public.as_str() {
        return Err(FederationError::NotFound("dilemma"));
    }
    invitations::receive(
        data,
        note.id.as_str(),
        &dilemma.row,
        invited.as_str(),
        &inviter.row,
    )
    .await?;
    Ok(())
}
