use super::follow_parties;
use crate::{FederationError, protocol::activities::UndoFollow};
use activitypub_federation::{config::Data, traits::Object};
use meent_app::{AppContext, follows};

/// A remote follower withdraws their follow of one of our collectives.
pub(super) async fn receive(
    undo: UndoFollow,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    let Some((member, collective)) = follow_parties(&undo.object, data).await? else {
        tracing::info!(actor = %undo.actor, "undo of an unknown follow ignored");
        return Ok(());
    };
    if member.id() != &undo.actor {
        return Err(FederationError::Refused(
            "only the follower can undo a follow",
        ));
    }
    follows::receive_undo_follow(data, &member.row, &collective.row).await?;
    Ok(())
}
