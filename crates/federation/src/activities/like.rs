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

/// Someone elsewhere likes a dilemma, solution or comment we know. `forwardable` when it
/// was sent to us directly (one of our collectives then passes it on to its followers).
pub(super) async fn receive(
    like: Like,
    data: &Data<AppContext>,
    forwardable: bool,
) -> Result<(), FederationError> {
    let actor = ObjectId::<ApMember>::from(like.actor.clone())
        .dereference(data)
        .await?;
    let forward = if forwardable {
        Some(Forward {
            activity: super::received::as_received(&like.id, &like)?,
        })
    } else {
        None
    };
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

/// They take the like back.
pub(super) async fn undo(
    undo: UndoLike,
    data: &Data<AppContext>,
    forwardable: bool,
) -> Result<(), FederationError> {
    if undo.object.actor != undo.actor {
        return Err(FederationError::Refused(
            "only the one who liked can undo a like",
        ));
    }
    let actor = ObjectId::<ApMember>::from(undo.actor.clone())
        .dereference(data)
        .await?;
    let forward = if forwardable {
        Some(Forward {
            activity: super::received::as_received(&undo.id, &undo)?,
        })
    } else {
        None
    };
    remote::remove_like(data, actor.row.id, undo.object.id.as_str(), forward).await?;
    Ok(())
}
