use super::{
    create_update, delete, like,
    policy::{self, Via},
};
use crate::{
    FederationError,
    objects::{ApCollective, ApDilemma, ApNote},
    protocol::{
        activities::{Announce, CreateOrUpdate, Delete, Like, UndoLike},
        objects::PageOrNote,
    },
};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId, traits::Object};
use meent_app::AppContext;
use meent_db::queries::received;
use serde::Deserialize;
use url::Url;

#[derive(Deserialize)]
#[serde(untagged)]
enum Announced {
    CreateOrUpdate(CreateOrUpdate),
    Delete(Delete),
    UndoLike(UndoLike),
    Like(Like),
    Object(PageOrNote),
    Other(serde_json::Value),
}

impl Announced {
    /// The wrapped activity's id and actor, if it is an activity Meent handles.
    fn id_and_actor(&self) -> Option<(&Url, &Url)> {
        match self {
            Announced::CreateOrUpdate(a) => Some((&a.id, &a.actor)),
            Announced::Delete(a) => Some((&a.id, &a.actor)),
            Announced::UndoLike(a) => Some((&a.id, &a.actor)),
            Announced::Like(a) => Some((&a.id, &a.actor)),
            Announced::Object(_) | Announced::Other(_) => None,
        }
    }
}

/// A collective passes on an activity in one of its threads (FEP-1b12). Its signature
/// covers the Announce only; what the wrapped activity may do is decided in `policy` from
/// what is stored here: the thread must be the announcer's, the collective must be followed
/// here, and an activity of someone on another server counts only as far as that server
/// confirms it. A bare object is fetched from its own server instead of trusted.
pub(super) async fn receive(
    announce: Announce,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    // Only collectives' announces carry threads; a person's boost (Mastodon notifies a
    // dilemma's author of one) is acknowledged and ignored.
    let Ok(collective) = ObjectId::<ApCollective>::from(announce.actor.clone())
        .dereference(data)
        .await
    else {
        tracing::info!(actor = %announce.actor, "announce by an actor that is not a collective ignored");
        return Ok(());
    };
    let announcer = collective.id().clone();
    let inner: Announced = serde_json::from_value(announce.object)?;
    let Some((inner_id, inner_actor)) = inner.id_and_actor() else {
        return match inner {
            Announced::Object(object) => {
                policy::vouched_by(announcer, fetch_announced(object, data)).await
            }
            other => {
                let kind = match &other {
                    Announced::Other(v) => v.get("type").cloned().unwrap_or_default(),
                    _ => serde_json::Value::Null,
                };
                tracing::info!(%announcer, %kind, "announced activity of an unhandled kind ignored");
                Ok(())
            }
        };
    };
    let (inner_id, inner_actor) = (inner_id.clone(), inner_actor.clone());
    if !policy::is_foreign(data, &inner_id, &inner_actor)? {
        tracing::debug!(%inner_id, "our own activity passed on by a collective elsewhere");
        return Ok(());
    }
    policy::followed_here(data, collective.row.id).await?;
    policy::from_own_server(&inner_id, &inner_actor)?;
    {
        let mut conn = data.db.get().await?;
        if received::seen(&mut conn.conn(), inner_id.as_str()).await? {
            return Ok(());
        }
    }
    let via = Via::Announced(announcer.clone());
    let handled = async {
        match inner {
            Announced::CreateOrUpdate(a) => create_update::receive(a, data, &via).await,
            Announced::Delete(a) => delete::receive(a, data, &via).await,
            Announced::Like(a) => like::receive(a, data, &via).await,
            Announced::UndoLike(a) => like::undo(a, data, &via).await,
            Announced::Object(_) | Announced::Other(_) => Ok(()),
        }
    };
    policy::vouched_by(announcer, handled).await?;
    let mut tx = data.db.begin().await?;
    received::mark(&mut tx.conn(), inner_id.as_str(), meent_db::now()).await?;
    tx.commit().await?;
    Ok(())
}

/// A bare announced object (what Mastodon-like servers understand): fetched from its own
/// server, as if its URL had been looked up, so the announcer cannot alter it.
async fn fetch_announced(
    object: PageOrNote,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    let id = object.id().clone();
    if data.urls().is_local(&id) {
        return Ok(());
    }
    match object {
        PageOrNote::Page(_) => {
            ObjectId::<ApDilemma>::from(id).dereference(data).await?;
        }
        PageOrNote::Note(_) => {
            ObjectId::<ApNote>::from(id).dereference(data).await?;
        }
    }
    Ok(())
}
