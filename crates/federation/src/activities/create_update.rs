use crate::{
    FederationError,
    objects::{ApDilemma, ApNote, note},
    protocol::{activities::CreateOrUpdate, objects::PageOrNote},
};
use activitypub_federation::{config::Data, traits::Object};
use meent_app::{AppContext, use_cases::remote::Forward};

/// A dilemma or note created or changed elsewhere. `forwardable` when it was sent to us
/// directly (so one of our collectives may have to announce it), not when it came inside
/// an Announce.
pub(super) async fn receive(
    activity: CreateOrUpdate,
    data: &Data<AppContext>,
    forwardable: bool,
) -> Result<(), FederationError> {
    // Our own objects come back inside other collectives' announces: nothing to do.
    if data.urls().is_local(activity.object.id()) {
        return Ok(());
    }
    // The object must come from the actor's own server: its author, or (for an Update that
    // accepts solutions) a coordinator on that server.
    if activity.object.id().host_str() != activity.actor.host_str() {
        return Err(FederationError::Refused(
            "an object can only be sent from its own server",
        ));
    }
    let forward = if forwardable {
        Some(Forward {
            activity: super::received::as_received(&activity.id, &activity)?,
        })
    } else {
        None
    };
    match activity.object {
        PageOrNote::Page(page) => {
            ApDilemma::verify(&page, &activity.actor, data).await?;
            ApDilemma::from_json(*page, data).await?;
        }
        PageOrNote::Note(n) => {
            ApNote::verify(&n, &activity.actor, data).await?;
            note::store(*n, data, forward, forwardable).await?;
        }
    }
    Ok(())
}
