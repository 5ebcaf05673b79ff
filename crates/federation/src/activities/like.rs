use super::{
    origin,
    policy::{self, Via},
};
use crate::{
    FederationError,
    objects::ApMember,
    protocol::activities::{Like, UndoLike},
};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId};
use meent_app::{
    AppContext,
    use_cases::remote::{self, Forward},
};
use url::Url;

/// For a vote passed on by a collective: the liked object is in that collective's thread,
/// and a vote of someone on another server is confirmed by that server. Returns false when
/// the object is not known here (nothing to count).
async fn announced_vote_holds(
    via: &Via,
    activity: (&Url, &str),
    actor: &Url,
    object: &Url,
    data: &Data<AppContext>,
) -> Result<bool, FederationError> {
    let Via::Announced(by) = via else {
        return Ok(true);
    };
    let Some(stored) = policy::stored_object(data, object).await? else {
        return Ok(false);
    };
    policy::in_announcers_thread(by, &stored.collective)?;
    if policy::needs_origin(by, actor) {
        origin::confirm_activity(activity.0, activity.1, actor, object, data).await?;
    }
    Ok(true)
}

fn forward_of<T: serde::Serialize>(
    via: &Via,
    id: &Url,
    activity: &T,
) -> Result<Option<Forward>, FederationError> {
    Ok(match via {
        Via::Direct => Some(Forward {
            activity: super::received::as_received(id, activity)?,
        }),
        Via::Announced(_) => None,
    })
}

/// Someone elsewhere likes a dilemma, solution or comment we know: sent by them (one of our
/// collectives then passes it on to its followers), or passed on by a collective.
pub(super) async fn receive(
    like: Like,
    data: &Data<AppContext>,
    via: &Via,
) -> Result<(), FederationError> {
    if !announced_vote_holds(via, (&like.id, "Like"), &like.actor, &like.object, data).await? {
        tracing::debug!(object = %like.object, "like of something unknown ignored");
        return Ok(());
    }
    let actor = ObjectId::<ApMember>::from(like.actor.clone())
        .dereference(data)
        .await?;
    let forward = forward_of(via, &like.id, &like)?;
    let stored = remote::store_like(
        data,
        actor.row.id,
        like.id.as_str(),
        like.object.as_str(),
        forward,
    )
    .await?;
    if !stored {
        tracing::debug!(object = %like.object, "like of something unknown ignored");
    }
    Ok(())
}

/// They take their like back. Only their own: the like is found by its id or, as Lemmy
/// sends a new id for the Like inside its Undo, by who liked what.
pub(super) async fn undo(
    undo: UndoLike,
    data: &Data<AppContext>,
    via: &Via,
) -> Result<(), FederationError> {
    policy::may_undo(&undo.actor, &undo.object.actor)?;
    let object = &undo.object.object;
    if !announced_vote_holds(via, (&undo.id, "Undo"), &undo.actor, object, data).await? {
        return Ok(());
    }
    let actor = ObjectId::<ApMember>::from(undo.actor.clone())
        .dereference(data)
        .await?;
    let forward = forward_of(via, &undo.id, &undo)?;
    remote::remove_like(
        data,
        actor.row.id,
        undo.object.id.as_str(),
        Some(object.as_str()),
        forward,
    )
    .await?;
    Ok(())
}
