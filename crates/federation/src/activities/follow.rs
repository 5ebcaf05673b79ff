use crate::{FederationError, objects::ApMember, protocol::activities::Follow};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId};
use meent_app::{AppContext, follows};
use meent_db::queries::collectives;

/// Someone elsewhere asks to follow one of our collectives (or a collective one of our
/// learning programmes).
pub(super) async fn receive(
    follow: Follow,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    if super::programme::receive_follow(&follow.id, &follow.actor, &follow.object, data).await? {
        return Ok(());
    }
    let collective = {
        let mut conn = data.db.get().await?;
        collectives::by_ap_id(&mut conn.conn(), follow.object.as_str())
            .await?
            .filter(|c| c.local)
            .ok_or(FederationError::NotFound("collective"))?
    };
    let follower = ObjectId::<ApMember>::from(follow.actor.clone())
        .dereference(data)
        .await?;
    let state = follows::receive_follow(data, &follower.row, &collective, &follow.id).await?;
    // What the follower's server runs decides a few documents it is sent; learned once.
    let (task_data, actor) = (data.reset_request_count(), follow.actor.clone());
    tokio::spawn(async move {
        if let Err(e) = crate::objects::software::learn(&task_data, &actor).await {
            tracing::info!(%actor, error = %e, "could not learn the follower's server software");
        }
    });
    tracing::info!(follower = %follow.actor, collective = %collective.ap_id, ?state, "follow received");
    Ok(())
}
