use super::{create_update, delete, like};
use crate::{
    FederationError,
    objects::{ApCollective, ApDilemma, ApNote},
    protocol::{
        activities::{Announce, CreateOrUpdate, Delete, Like, UndoLike},
        objects::PageOrNote,
    },
};
use activitypub_federation::{
    config::Data, fetch::object_id::ObjectId, protocol::verification::verify_domains_match,
};
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

/// Whether `collective` is the collective the object's thread belongs to.
fn addressed_to(collective: &Url, audience: Option<&Url>, to: &[Url], cc: &[Url]) -> bool {
    audience == Some(collective) || to.contains(collective) || cc.contains(collective)
}

/// A followed collective passes on an activity in one of its threads. Its signature covers
/// the Announce; the activity inside is trusted because the collective is the audience of
/// what it announces (as Lemmy does), and only then. A bare object is fetched from its own
/// server instead of trusted.
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
    let inner: Announced = serde_json::from_value(announce.object)?;
    let inner_id = match &inner {
        Announced::CreateOrUpdate(a) => Some(a.id.clone()),
        Announced::Delete(a) => Some(a.id.clone()),
        Announced::UndoLike(a) => Some(a.id.clone()),
        Announced::Like(a) => Some(a.id.clone()),
        _ => None,
    };
    if let Some(id) = &inner_id {
        let mut conn = data.db.get().await?;
        if received::seen(&mut conn.conn(), id.as_str()).await? {
            return Ok(());
        }
    }
    match inner {
        Announced::CreateOrUpdate(a) => {
            verify_domains_match(&a.id, &a.actor)?;
            let (audience, to, cc) = match &a.object {
                PageOrNote::Page(p) => (p.audience.as_ref(), &p.to, &p.cc),
                PageOrNote::Note(n) => (n.audience.as_ref(), &n.to, &n.cc),
            };
            if !addressed_to(&announce.actor, audience, to, cc) {
                return Err(FederationError::Refused(
                    "a collective announced an object of another thread",
                ));
            }
            create_update::receive(a, data, false).await?;
        }
        Announced::Delete(a) => {
            verify_domains_match(&a.id, &a.actor)?;
            delete::receive(a, data, false).await?;
        }
        Announced::Like(a) => {
            verify_domains_match(&a.id, &a.actor)?;
            like::receive(a, data, false).await?;
        }
        Announced::UndoLike(a) => {
            verify_domains_match(&a.id, &a.actor)?;
            like::undo(a, data, false).await?;
        }
        Announced::Object(object) => {
            // Fetched from its origin, so the announcer cannot alter it.
            let id = object.id().clone();
            match object {
                PageOrNote::Page(_) => {
                    ObjectId::<ApDilemma>::from(id).dereference(data).await?;
                }
                PageOrNote::Note(_) => {
                    ObjectId::<ApNote>::from(id).dereference(data).await?;
                }
            }
        }
        Announced::Other(other) => {
            tracing::info!(collective = %collective.row.ap_id, kind = %other.get("type").unwrap_or(&serde_json::Value::Null), "announced activity of an unhandled kind ignored");
        }
    }
    if let Some(id) = inner_id {
        let mut tx = data.db.begin().await?;
        received::mark(&mut tx.conn(), id.as_str(), meent_db::now()).await?;
        tx.commit().await?;
    }
    Ok(())
}
