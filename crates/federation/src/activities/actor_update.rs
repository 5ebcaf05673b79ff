//! A collective elsewhere changed its profile (`Update` of its `Group`): stored as it now
//! is, when the collective is known here. Only the collective changes itself; one of ours
//! is changed only here.

use super::policy;
use crate::{FederationError, objects::ApCollective, protocol::activities::UpdateGroup};
use activitypub_federation::{config::Data, traits::Object};
use meent_app::AppContext;
use meent_db::queries::collectives;

pub(super) async fn receive(
    activity: UpdateGroup,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    policy::updates_itself(&activity.actor, &activity.object.id)?;
    if data.urls().is_local(&activity.object.id) {
        return Err(FederationError::Refused(
            "what was written on this instance is changed only here",
        ));
    }
    let known = {
        let mut conn = data.db.get().await?;
        collectives::by_ap_id(&mut conn.conn(), activity.object.id.as_str())
            .await?
            .is_some()
    };
    // A collective nobody here follows or read is not stored on its own say-so.
    if !known {
        return Ok(());
    }
    ApCollective::verify(&activity.object, &activity.actor, data).await?;
    ApCollective::from_json(activity.object, data).await?;
    Ok(())
}
