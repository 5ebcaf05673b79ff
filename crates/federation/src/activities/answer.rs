use super::{follow_parties, policy};
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
    if accepted && super::programme::receive_accept(actor, follow.id(), data).await? {
        return Ok(());
    }
    let Some((member, collective)) = follow_parties(follow, data).await? else {
        // Mobilizon and others answer a registration with the `Join`'s id only.
        let answer = if accepted {
            meent_domain::JoinAnswer::Accept
        } else {
            meent_domain::JoinAnswer::Reject
        };
        if super::meeting::receive_answer_to(actor, follow.id(), answer, None, data).await? {
            return Ok(());
        }
        tracing::info!(%actor, follow = %follow.id(), "answer to an unknown follow ignored");
        return Ok(());
    };
    policy::may_answer_follow(actor, collective.id(), member.row.local)?;
    let answered = follows::receive_answer(data, &collective.row, &member.row, accepted).await?;
    if accepted && answered {
        // A new follower catches up on the collective's recent dilemmas, which the
        // collective vouches for by listing them. In the background: the Accept is handled
        // whether or not the outbox can be read.
        let data = data.reset_request_count();
        let collective = collective.row.clone();
        tokio::spawn(async move {
            let vouching = super::policy::parse_url(&collective.ap_id);
            let result = match vouching {
                Ok(by) => {
                    policy::vouched_by(by, super::backfill::from_outbox(&collective, &data)).await
                }
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                tracing::info!(collective = %collective.ap_id, error = %e, "backfill from the outbox failed");
            }
        });
    }
    Ok(())
}
