//! Where a learning programme's `Create`, `Update` or `Delete` goes: to the owning
//! collective's followers (not on Lemmy servers, which take an `Article` from a Group for
//! nothing they can show and refuse it) and to the collectives that follow the programme.

use super::plan::{Lookups, Planned, inbox_of, with_context};
use crate::{FederationError, objects::ApProgramme, protocol::objects::PUBLIC};
use activitypub_federation::{config::Data, traits::Object};
use meent_app::AppContext;
use meent_db::queries::{collectives, programme_followers, programmes};
use meent_domain::Verb;
use serde_json::json;
use std::collections::HashSet;
use url::Url;

pub(super) async fn programme(
    data: &Data<AppContext>,
    lookups: &mut Lookups,
    id: &Url,
    verb: Verb,
    actor: &Url,
    object: &Url,
) -> Result<Vec<Planned>, FederationError> {
    let Some(row) = ({
        let mut conn = data.db.get().await?;
        programmes::by_ap_id(&mut conn.conn(), object.as_str()).await?
    }) else {
        return Ok(Vec::new());
    };
    let collective = lookups.collective(data, actor).await?;
    let followers = collective.followers_url.clone().unwrap_or_default();
    let object_doc = match verb {
        Verb::Delete => json!({ "type": "Tombstone", "id": object }),
        // Deleted since it was queued: its Delete follows.
        _ if row.deleted => return Ok(Vec::new()),
        _ => serde_json::to_value(ApProgramme::new(row.clone())?.into_json(data).await?)?,
    };
    let kind = match verb {
        Verb::Create => "Create",
        Verb::Update => "Update",
        Verb::Delete => "Delete",
    };
    let followed_by = lookups.follower_inboxes(data, &collective).await?;
    let mut inboxes: Vec<Url> = lookups
        .running(data, &followed_by, |s| s != Some("lemmy"))
        .await?;
    let following: Vec<String> = {
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        let mut out = Vec::new();
        for f in programme_followers::of_programme(c, row.id).await? {
            if let Some(col) = collectives::by_id(c, f.collective_id)
                .await?
                .filter(|c| !c.local)
            {
                out.push(col.ap_id);
            }
        }
        out
    };
    for actor in following {
        if let Some(inbox) = inbox_of(data, &actor).await? {
            inboxes.push(inbox);
        }
    }
    let mut seen = HashSet::new();
    inboxes.retain(|i| seen.insert(i.clone()));
    Ok(vec![Planned {
        signer: actor.clone(),
        payload: with_context(json!({
            "type": kind,
            "id": id,
            "actor": actor,
            "to": [PUBLIC],
            "cc": [followers],
            "object": object_doc,
        })),
        inboxes,
    }])
}
