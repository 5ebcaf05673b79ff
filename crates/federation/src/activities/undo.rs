use super::{follow_parties, policy};
use crate::{
    FederationError,
    objects::ApMember,
    protocol::activities::{FollowOrId, UndoFollow},
};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId, traits::Object};
use meent_app::{AppContext, follows, use_cases::remote};

/// A remote follower withdraws their follow of one of our collectives (or, naming only an
/// id, a like).
pub(super) async fn receive(
    undo: UndoFollow,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    if super::programme::receive_undo(&undo.actor, undo.object.id(), data).await? {
        return Ok(());
    }
    let Some((member, collective)) = follow_parties(&undo.object, data).await? else {
        // An Undo naming only an id may be of a Like: only the actor's own is removed.
        if let FollowOrId::Id(id) = &undo.object {
            let actor = ObjectId::<ApMember>::from(undo.actor.clone())
                .dereference(data)
                .await?;
            let forward = Some(remote::Forward {
                activity: super::received::as_received(&undo.id, &undo)?,
            });
            if remote::remove_like(data, actor.row.id, id.as_str(), None, forward).await? {
                return Ok(());
            }
        }
        tracing::info!(actor = %undo.actor, "undo of something unknown ignored");
        return Ok(());
    };
    policy::may_undo(&undo.actor, member.id())?;
    if !collective.row.local {
        return Err(FederationError::Refused(
            "only follows of this instance's collectives are undone here",
        ));
    }
    follows::receive_undo_follow(data, &member.row, &collective.row).await?;
    Ok(())
}
