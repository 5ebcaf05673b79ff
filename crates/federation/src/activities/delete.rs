use super::{
    origin,
    policy::{self, Via},
};
use crate::{FederationError, protocol::activities::Delete};
use activitypub_federation::config::Data;
use meent_app::{
    AppContext,
    use_cases::remote::{self, Forward},
};

/// A dilemma, note or confirmation deleted by its author or by the collective of its
/// thread, sent by them or passed on by that collective.
pub(super) async fn receive(
    activity: Delete,
    data: &Data<AppContext>,
    via: &Via,
) -> Result<(), FederationError> {
    let object = activity.object.id().clone();
    if data.urls().is_local(&object) {
        return Err(FederationError::Refused(
            "what was written on this instance is deleted only here",
        ));
    }
    if *via == Via::Direct && super::meeting::receive_delete(&activity.actor, &object, data).await?
    {
        return Ok(());
    }
    if *via == Via::Direct
        && super::programme::receive_delete(&activity.actor, &object, data).await?
    {
        return Ok(());
    }
    let Some(stored) = policy::stored_object(data, &object).await? else {
        tracing::debug!(%object, "delete of something unknown ignored");
        return Ok(());
    };
    policy::may_change(&stored, &activity.actor, via)?;
    if let Via::Announced(by) = via {
        policy::in_announcers_thread(by, &stored.collective)?;
        if policy::needs_origin(by, &activity.actor) {
            origin::confirm_gone(&object, data).await?;
        }
    }
    let forward = match via {
        Via::Direct => Some(Forward {
            activity: super::received::as_received(&activity.id, &activity)?,
        }),
        Via::Announced(_) => None,
    };
    remote::delete(data, object.as_str(), forward).await?;
    Ok(())
}
