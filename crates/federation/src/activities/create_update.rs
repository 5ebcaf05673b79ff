use super::{
    origin,
    policy::{self, Via},
};
use crate::{
    FederationError,
    objects::{ApDilemma, ApNote, dilemma::audience_of, note},
    protocol::{activities::CreateOrUpdate, objects::PageOrNote},
};
use activitypub_federation::{config::Data, traits::Object};
use meent_app::{AppContext, use_cases::remote::Forward};

/// A dilemma or note created or changed elsewhere, sent by its actor (`Via::Direct`: one of
/// our collectives may then have to pass it on) or passed on by a collective.
pub(super) async fn receive(
    activity: CreateOrUpdate,
    data: &Data<AppContext>,
    via: &Via,
) -> Result<(), FederationError> {
    let actor = &activity.actor;
    let object_id = activity.object.id().clone();
    if data.urls().is_local(&object_id) {
        return Err(FederationError::Refused(
            "what was written on this instance is changed only here",
        ));
    }
    policy::from_own_server(&object_id, actor)?;
    let stored = policy::stored_object(data, &object_id).await?;
    match &stored {
        Some(stored) => policy::may_change(stored, actor, via)?,
        None => policy::sent_by_author(actor, activity.object.attributed_to())?,
    }
    let mut object = activity.object.clone();
    let mut announcer = None;
    if let Via::Announced(by) = via {
        match &stored {
            Some(stored) => policy::in_announcers_thread(by, &stored.collective)?,
            // A new dilemma names its thread; a new note's thread is found from what it
            // replies to while it is stored (`note::store`).
            None => {
                if let PageOrNote::Page(page) = &object {
                    let claimed =
                        audience_of(page.audience.as_ref(), &page.to, &page.cc, data).await?;
                    policy::in_announcers_thread(by, claimed.id())?;
                }
            }
        }
        if policy::needs_origin(by, actor) {
            object = origin::current(&object_id, data).await?;
            if stored.is_none() {
                policy::sent_by_author(actor, object.attributed_to())?;
            }
        }
        announcer = Some(by);
    }
    let forward = match via {
        Via::Direct => Some(Forward {
            activity: super::received::as_received(&activity.id, &activity)?,
        }),
        Via::Announced(_) => None,
    };
    match object {
        PageOrNote::Page(page) => {
            ApDilemma::verify(&page, actor, data).await?;
            ApDilemma::from_json(*page, data).await?;
        }
        PageOrNote::Note(n) => {
            ApNote::verify(&n, actor, data).await?;
            note::store(*n, data, forward, *via == Via::Direct, announcer).await?;
        }
    }
    Ok(())
}
