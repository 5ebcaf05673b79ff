use crate::{FederationError, protocol::activities::Delete};
use activitypub_federation::config::Data;
use meent_app::{
    AppContext,
    use_cases::remote::{self, Forward},
};

/// A dilemma, note or confirmation deleted on its own server.
pub(super) async fn receive(
    activity: Delete,
    data: &Data<AppContext>,
    forwardable: bool,
) -> Result<(), FederationError> {
    let object = activity.object.id().clone();
    if object.host_str() != activity.actor.host_str() {
        return Err(FederationError::Refused(
            "an object can only be deleted from its own server",
        ));
    }
    let forward = if forwardable {
        Some(Forward {
            activity: super::received::as_received(&activity.id, &activity)?,
        })
    } else {
        None
    };
    if !remote::delete(data, object.as_str(), forward).await? {
        tracing::debug!(%object, "delete of something unknown ignored");
    }
    Ok(())
}
