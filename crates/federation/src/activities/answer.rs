use super::follow_parties;
use crate::{FederationError, protocol::activities::FollowOrId};
use activitypub_federation::{config::Data, traits::Object};
use meent_app::{AppContext, follows};
use url::Url;

/// A remote collective accepted or rejected a local member's follow request.
pub(super) async fn receive(
    actor: &Url,
    follow: &FollowOrId,
    accepted: bool,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    let Some((member, collective)) = follow_parties(follow, data).await? else {
        tracing::info!(%actor, follow = %follow.id(), "answer to an unknown follow ignored");
        return Ok(());
    };
    // Only the followed collective may answer, and only for one of our members.
    if collective.id() != actor || !member.row.local {
        return Err(FederationError::Refused(
            "only the followed collective can answer a follow",
        ));
    }
    follows::receive_answer(data, &collective.row, &member.row, accepted).await?;
    if accepted {
        // A new follower catches up on the collective's recent dilemmas. In the background:
        // the Accept is handled whether or not the outbox can be read.
        let data = data.reset_request_count();
        let collective = collective.row.clone();
        tokio::spawn(async move {
            if let Err(e) = super::backfill::from_outbox(&collective, &data).await {
                tracing::info!(collective = %collective.ap_id, error = %e, "backfill from the outbox failed");
            }
        });
    }
    Ok(())
}
