//! What an outbox entry becomes on the wire: which documents, signed by whom, to which
//! inboxes. Activities in a local collective's thread are announced by the collective to
//! its approved followers (FEP-1b12); those in a remote collective's thread are sent to it.

use super::{limited, render};
use crate::{
    FederationError,
    conformance::microblog,
    objects::{ApDilemma, ApMeeting, ApNote},
    protocol::{context::meent_context, objects::PUBLIC},
};
use activitypub_federation::{config::Data, traits::Object};
use meent_app::AppContext;
use meent_db::queries::{
    collectives::{self, CollectiveRow},
    dilemmas, follows, instances, meeting_registrations, meetings,
    members::{self, MemberRow},
    replies,
};
use meent_domain::{FollowState, OutboundActivity, Verb};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet, hash_map::Entry};
use url::Url;

/// One document to sign as `signer` and send to each of `inboxes`.
pub(super) struct Planned {
    pub signer: Url,
    pub payload: Value,
    pub inboxes: Vec<Url>,
}

pub(super) fn with_context(mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        map.insert("@context".into(), meent_context().clone());
    }
    value
}

/// A `Like`, or with `undo` the `Undo` of it, as sent (without `@context`). Lemmy and
/// Mastodon send votes without addressing; so do we.
pub fn like_document(
    id: &Url,
    like_id: &Url,
    actor: &Url,
    object: &Url,
    audience: &Url,
    undo: bool,
) -> Value {
    let like = json!({ "type": "Like", "id": like_id, "actor": actor, "object": object, "audience": audience });
    if undo {
        json!({ "type": "Undo", "id": id, "actor": actor, "object": like, "audience": audience })
    } else {
        like
    }
}

/// The shared inbox (or inbox) of an actor we know, by id.
pub(super) async fn inbox_of(
    data: &Data<AppContext>,
    actor: &str,
) -> Result<Option<Url>, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let inbox = match members::by_ap_id(c, actor).await? {
        Some(m) => Some(m.shared_inbox_url.unwrap_or(m.inbox_url)),
        None => collectives::by_ap_id(c, actor)
            .await?
            .map(|g| g.shared_inbox_url.unwrap_or(g.inbox_url)),
    };
    Ok(inbox.and_then(|i| Url::parse(&i).ok()))
}

/// What planning a batch of outbox rows looks up again and again: in a busy thread every
/// answer names the same collective, whose followers are the same. Kept for one batch only,
/// so a follower approved meanwhile is planned for from the next batch on.
#[derive(Default)]
pub(super) struct Lookups {
    collectives: HashMap<Url, CollectiveRow>,
    followers: HashMap<i64, Vec<MemberRow>>,
    software: Option<HashMap<String, String>>,
}

impl Lookups {
    /// A collective we know, by its ActivityPub id.
    pub(super) async fn collective(
        &mut self,
        data: &Data<AppContext>,
        id: &Url,
    ) -> Result<CollectiveRow, FederationError> {
        if let Some(row) = self.collectives.get(id) {
            return Ok(row.clone());
        }
        let row = {
            let mut conn = data.db.get().await?;
            collectives::by_ap_id(&mut conn.conn(), id.as_str())
                .await?
                .ok_or(FederationError::NotFound("collective"))?
        };
        self.collectives.insert(id.clone(), row.clone());
        Ok(row)
    }

    /// The software the server of `inbox` is known to run (`None`: not known).
    async fn software(
        &mut self,
        data: &Data<AppContext>,
        inbox: &Url,
    ) -> Result<Option<String>, FederationError> {
        if self.software.is_none() {
            let mut conn = data.db.get().await?;
            self.software = Some(instances::software_by_host(&mut conn.conn()).await?);
        }
        let host = super::fanout::instance_key(inbox);
        Ok(self.software.as_ref().and_then(|m| m.get(&host)).cloned())
    }

    /// Those of `inboxes` whose server's software passes `wanted`.
    pub(super) async fn running(
        &mut self,
        data: &Data<AppContext>,
        inboxes: &[Url],
        wanted: impl Fn(Option<&str>) -> bool,
    ) -> Result<Vec<Url>, FederationError> {
        let mut chosen = Vec::new();
        for inbox in inboxes {
            if wanted(self.software(data, inbox).await?.as_deref()) {
                chosen.push(inbox.clone());
            }
        }
        Ok(chosen)
    }

    /// A local collective's approved followers on other instances.
    async fn remote_followers(
        &mut self,
        data: &Data<AppContext>,
        collective: &CollectiveRow,
    ) -> Result<&[MemberRow], FederationError> {
        if let Entry::Vacant(slot) = self.followers.entry(collective.id) {
            let mut conn = data.db.get().await?;
            let followers = follows::followers_of(
                &mut conn.conn(),
                collective.id,
                FollowState::Accepted.as_str(),
            )
            .await?
            .into_iter()
            .map(|(_, m)| m)
            .filter(|m| !m.local)
            .collect();
            slot.insert(followers);
        }
        Ok(self
            .followers
            .get(&collective.id)
            .map(Vec::as_slice)
            .unwrap_or_default())
    }

    /// The distinct inboxes of a local collective's approved followers on other instances.
    pub(super) async fn follower_inboxes(
        &mut self,
        data: &Data<AppContext>,
        collective: &CollectiveRow,
    ) -> Result<Vec<Url>, FederationError> {
        let mut seen = HashSet::new();
        Ok(self
            .remote_followers(data, collective)
            .await?
            .iter()
            .filter_map(delivery_inbox)
            .filter(|url| seen.insert(url.clone()))
            .collect())
    }
}

/// Where what a collective sends reaches `member`: its server's shared inbox if it has one.
fn delivery_inbox(member: &MemberRow) -> Option<Url> {
    Url::parse(
        member
            .shared_inbox_url
            .as_deref()
            .unwrap_or(&member.inbox_url),
    )
    .ok()
}

/// The current document of a local object, or a Tombstone when it is gone.
async fn object_json(
    data: &Data<AppContext>,
    object: &Url,
) -> Result<(Value, bool), FederationError> {
    if let Some(d) = ApDilemma::read_from_id(object.clone(), data).await? {
        if d.is_deleted() {
            return Ok((json!({ "type": "Tombstone", "id": object }), true));
        }
        return Ok((serde_json::to_value(d.into_json(data).await?)?, true));
    }
    match ApNote::read_from_id(object.clone(), data).await? {
        Some(n) if n.is_deleted() => Ok((json!({ "type": "Tombstone", "id": object }), false)),
        Some(n) => Ok((serde_json::to_value(n.into_json(data).await?)?, false)),
        // Deleted confirmations leave no row.
        None => Ok((json!({ "type": "Tombstone", "id": object }), false)),
    }
}

/// The stored author of the stored object `object`.
async fn stored_author(
    data: &Data<AppContext>,
    object: &Url,
) -> Result<Option<MemberRow>, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let author_id = match dilemmas::by_ap_id(c, object.as_str()).await? {
        Some(d) => Some(d.author_id),
        None => replies::by_ap_id(c, object.as_str())
            .await?
            .map(|r| r.author_id),
    };
    let Some(author_id) = author_id else {
        return Ok(None);
    };
    Ok(members::by_id(c, author_id).await?)
}

/// The author of the stored object `object` when it is a member of this instance: the only
/// one whose `Delete` microblogs honour (`conformance::microblog`).
async fn local_author(
    data: &Data<AppContext>,
    object: &Url,
) -> Result<Option<Url>, FederationError> {
    Ok(stored_author(data, object)
        .await?
        .filter(|m| m.local)
        .and_then(|m| Url::parse(&m.ap_id).ok()))
}

/// The answers (solutions and comments) to the stored dilemma `dilemma` written by members
/// of this instance, with their authors.
async fn local_answers(
    data: &Data<AppContext>,
    dilemma: &Url,
) -> Result<Vec<(Url, Url)>, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let Some(d) = dilemmas::by_ap_id(c, dilemma.as_str()).await? else {
        return Ok(Vec::new());
    };
    let mut answers = Vec::new();
    for reply in replies::of_dilemma(c, d.id).await? {
        let Some(author) = members::by_id(c, reply.author_id)
            .await?
            .filter(|m| m.local)
        else {
            continue;
        };
        if let (Ok(answer), Ok(author)) = (Url::parse(&reply.ap_id), Url::parse(&author.ap_id)) {
            answers.push((answer, author));
        }
    }
    Ok(answers)
}

/// Whether the thread `object` belongs to is public, read from what is stored (a deleted
/// object's row keeps its thread), for addressing a `Delete`: its Tombstone says nothing.
async fn thread_is_public(data: &Data<AppContext>, object: &Url) -> Result<bool, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let dilemma = match dilemmas::by_ap_id(c, object.as_str()).await? {
        Some(d) => Some(d),
        None => match replies::by_ap_id(c, object.as_str()).await? {
            Some(r) => dilemmas::by_id(c, r.dilemma_id).await?,
            None => None,
        },
    };
    Ok(dilemma.is_some_and(|d| d.visibility == "public"))
}

/// A `Create`, `Update` or `Delete` of a local object as every receiver gets it (inside the
/// collective's `Announce`, or sent to a remote collective), with the object as it is now.
pub(crate) struct ObjectActivity {
    pub document: Value,
    /// The object as rendered (a Tombstone for a Delete).
    pub object: Value,
    pub is_page: bool,
    pub public: bool,
}

/// The activity `id` about `object`; `None` for a Create or Update of an object deleted
/// since (its Delete follows).
pub(crate) async fn object_activity(
    data: &Data<AppContext>,
    id: &Url,
    verb: Verb,
    actor: &Url,
    object: &Url,
    audience: &Url,
) -> Result<Option<ObjectActivity>, FederationError> {
    let (object_doc, is_page) = object_json(data, object).await?;
    if verb != Verb::Delete && object_doc["type"] == "Tombstone" {
        return Ok(None);
    }
    let public = match verb {
        Verb::Delete => thread_is_public(data, object).await?,
        _ => object_doc
            .get("to")
            .and_then(Value::as_array)
            .is_some_and(|to| to.iter().any(|t| t == PUBLIC)),
    };
    let (kind, object_value) = match verb {
        Verb::Create => ("Create", object_doc.clone()),
        Verb::Update => ("Update", object_doc.clone()),
        Verb::Delete => ("Delete", json!({ "type": "Tombstone", "id": object })),
    };
    // Lemmy requires `cc` on a Create/Update and Public in a public Delete's `to`
    // (`conformance::lemmy`).
    let to = match object_doc.get("to") {
        Some(to) if verb != Verb::Delete => to.clone(),
        _ if public => json!([PUBLIC, audience]),
        _ => json!([audience]),
    };
    let cc = object_doc
        .get("cc")
        .filter(|cc| cc.as_array().is_some_and(|a| !a.is_empty()))
        .cloned()
        .unwrap_or(json!([audience]));
    let document = json!({
        "type": kind,
        "id": id,
        "actor": actor,
        "to": to,
        "cc": cc,
        "audience": audience,
        "object": object_value,
    });
    Ok(Some(ObjectActivity {
        document,
        object: object_doc,
        is_page,
        public,
    }))
}

fn announce(
    data: &Data<AppContext>,
    collective: &CollectiveRow,
    object: Value,
    public: bool,
) -> Value {
    let followers = collective.followers_url.clone().unwrap_or_default();
    let to = if public {
        json!([PUBLIC])
    } else {
        json!([followers])
    };
    with_context(json!({
        "type": "Announce",
        "id": data.urls().new_activity("announce"),
        "actor": collective.ap_id,
        "to": to,
        "cc": [followers],
        "object": object,
        // GoToSocial warns about an Announce without it.
        "published": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }))
}

pub(super) async fn plan(
    activity: &OutboundActivity,
    data: &Data<AppContext>,
    lookups: &mut Lookups,
) -> Result<Vec<Planned>, FederationError> {
    match activity {
        OutboundActivity::Object {
            id,
            verb,
            actor,
            object,
            audience,
        } => {
            let mut planned = object_plan(data, lookups, id, verb, actor, object, audience).await?;
            mention_copies(data, lookups, &mut planned).await?;
            Ok(planned)
        }
        OutboundActivity::Like {
            id,
            like_id,
            actor,
            object,
            audience,
            undo,
        } => {
            let collective = lookups.collective(data, audience).await?;
            let doc = like_document(id, like_id, actor, object, audience, *undo);
            if collective.local {
                // Lemmy announces votes to the community's followers; so do we.
                let mut planned = vec![Planned {
                    signer: Url::parse(&collective.ap_id)?,
                    payload: announce(data, &collective, doc.clone(), true),
                    inboxes: lookups.follower_inboxes(data, &collective).await?,
                }];
                // Microblogs drop an announced Like, and take one only at the inbox of the
                // liked post's author (GoToSocial 0.19's `federatingdb/like.go`): a like of
                // an answer written there goes to its author too.
                if let Some(author) = stored_author(data, object).await?.filter(|m| !m.local)
                    && let Ok(inbox) = Url::parse(&author.inbox_url)
                    && !lookups
                        .running(data, std::slice::from_ref(&inbox), |s| {
                            s.is_some_and(microblog::is_microblog)
                        })
                        .await?
                        .is_empty()
                {
                    planned.push(Planned {
                        signer: actor.clone(),
                        payload: with_context(doc),
                        inboxes: vec![inbox],
                    });
                }
                return Ok(planned);
            }
            let inboxes = inbox_of(data, audience.as_str())
                .await?
                .into_iter()
                .collect();
            Ok(vec![Planned {
                signer: actor.clone(),
                payload: with_context(doc),
                inboxes,
            }])
        }
        OutboundActivity::Forward {
            collective,
            activity,
            ..
        } => {
            let row = lookups.collective(data, collective).await?;
            // Passed on only to followers elsewhere, and not back to the server it came
            // from (it has it; Lemmy refuses its own activities announced back).
            let origin = activity
                .get("actor")
                .and_then(Value::as_str)
                .and_then(|a| Url::parse(a).ok())
                .map(|a| super::fanout::instance_key(&a));
            let inboxes: Vec<Url> = lookups
                .follower_inboxes(data, &row)
                .await?
                .into_iter()
                .filter(|i| Some(super::fanout::instance_key(i)) != origin)
                .collect();
            if inboxes.is_empty() {
                return Ok(Vec::new());
            }
            let addressed = |field: &str| activity.get(field).and_then(Value::as_array);
            let public = match (addressed("to"), addressed("cc")) {
                (None, None) => {
                    // Votes come without addressing: as public as their thread (Lemmy
                    // refuses an Announce of a vote in a public community addressed to
                    // followers only).
                    let object = activity.get("object").and_then(|o| {
                        o.as_str()
                            .map(str::to_owned)
                            .or_else(|| o.get("object")?.as_str().map(str::to_owned))
                    });
                    match object.and_then(|o| Url::parse(&o).ok()) {
                        Some(object) => thread_is_public(data, &object).await?,
                        None => false,
                    }
                }
                (to, cc) => [to, cc]
                    .into_iter()
                    .flatten()
                    .any(|list| list.iter().any(|t| t == PUBLIC)),
            };
            let mut inner = activity.clone();
            if let Value::Object(map) = &mut inner {
                map.remove("@context");
            }
            Ok(vec![Planned {
                signer: collective.clone(),
                payload: announce(data, &row, inner, public),
                inboxes,
            }])
        }
        OutboundActivity::Meeting {
            id,
            verb,
            actor,
            object,
        } => meeting(data, lookups, id, *verb, actor, object).await,
        OutboundActivity::Programme {
            id,
            verb,
            actor,
            object,
        } => super::programme_plan::programme(data, lookups, id, *verb, actor, object).await,
        OutboundActivity::UpdateCollective { id, actor } => {
            update_collective(data, lookups, id, actor).await
        }
        OutboundActivity::Invite {
            invited, audience, ..
        } => {
            // To the invited, and to the dilemma's collective when it is elsewhere.
            let mut inboxes = Vec::new();
            for actor in [invited, audience] {
                if !data.urls().is_local(actor)
                    && let Some(inbox) = inbox_of(data, actor.as_str()).await?
                    && !inboxes.contains(&inbox)
                {
                    inboxes.push(inbox);
                }
            }
            Ok(vec![Planned {
                signer: activity.actor().clone(),
                payload: render(activity)?,
                inboxes,
            }])
        }
        follow_kind => {
            let inboxes = inbox_of(data, follow_kind.recipient().as_str())
                .await?
                .into_iter()
                .collect();
            Ok(vec![Planned {
                signer: follow_kind.actor().clone(),
                payload: render(follow_kind)?,
                inboxes,
            }])
        }
    }
}

/// A local collective's changed profile: an `Update` with the `Group` as it is now, to its
/// followers (not on Lemmy servers, which take a community's Update only from a
/// moderator; they read the Group again when it is older than a day).
async fn update_collective(
    data: &Data<AppContext>,
    lookups: &mut Lookups,
    id: &Url,
    actor: &Url,
) -> Result<Vec<Planned>, FederationError> {
    let collective = lookups.collective(data, actor).await?;
    let followers = collective.followers_url.clone().unwrap_or_default();
    let followed_by = lookups.follower_inboxes(data, &collective).await?;
    let inboxes: Vec<Url> = lookups
        .running(data, &followed_by, |s| s != Some("lemmy"))
        .await?;
    let group = activitypub_federation::traits::Object::into_json(
        crate::objects::ApCollective::new(collective)?,
        data,
    )
    .await?;
    Ok(vec![Planned {
        signer: actor.clone(),
        payload: with_context(json!({
            "type": "Update",
            "id": id,
            "actor": actor,
            "to": [PUBLIC],
            "cc": [followers],
            "object": serde_json::to_value(group)?,
        })),
        inboxes,
    }])
}

/// A session created, changed or cancelled by its organising collective: sent to the
/// collective's followers (not on Lemmy servers, which take an `Event` for a post and
/// refuse one from a Group), to the collectives of the dilemmas it is about, and to the
/// people who registered elsewhere.
async fn meeting(
    data: &Data<AppContext>,
    lookups: &mut Lookups,
    id: &Url,
    verb: Verb,
    actor: &Url,
    object: &Url,
) -> Result<Vec<Planned>, FederationError> {
    let Some(row) = ({
        let mut conn = data.db.get().await?;
        meetings::by_ap_id(&mut conn.conn(), object.as_str()).await?
    }) else {
        return Ok(Vec::new());
    };
    let collective = lookups.collective(data, actor).await?;
    let followers = collective.followers_url.clone().unwrap_or_default();
    let object_doc = match verb {
        Verb::Delete => json!({ "type": "Tombstone", "id": object }),
        // Changed since it was queued: sent as it is now; a cancelled one gets its Delete.
        _ if row.deleted => return Ok(Vec::new()),
        _ => serde_json::to_value(ApMeeting::new(row.clone())?.into_json(data).await?)?,
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
    let mut others: Vec<String> = Vec::new();
    {
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        for dilemma in meetings::dilemmas_of(c, row.id).await? {
            if let Some(d) = dilemmas::by_ap_id(c, &dilemma).await?
                && let Some(col) = collectives::by_id(c, d.collective_id)
                    .await?
                    .filter(|c| !c.local)
            {
                others.push(col.ap_id);
            }
        }
        for r in meeting_registrations::of_meeting(c, row.id).await? {
            if let Some(m) = members::by_id(c, r.member_id).await?.filter(|m| !m.local) {
                others.push(m.ap_id);
            }
        }
    }
    for actor in others {
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

/// An activity in a dilemma's thread (see `plan`).
async fn object_plan(
    data: &Data<AppContext>,
    lookups: &mut Lookups,
    id: &Url,
    verb: &Verb,
    actor: &Url,
    object: &Url,
    audience: &Url,
) -> Result<Vec<Planned>, FederationError> {
    let collective = lookups.collective(data, audience).await?;
    // Rendered at fan-out: an object deleted since its Create or Update was queued
    // is not sent as an Update of a Tombstone (Lemmy refuses one); its Delete follows.
    let Some(ObjectActivity {
        document: inner,
        object: object_doc,
        is_page,
        public,
    }) = object_activity(data, id, *verb, actor, object, audience).await?
    else {
        return Ok(Vec::new());
    };
    let kind = inner["type"].as_str().unwrap_or("Update").to_owned();
    if !collective.local {
        let inboxes = inbox_of(data, audience.as_str())
            .await?
            .into_iter()
            .collect();
        return Ok(vec![Planned {
            signer: actor.clone(),
            payload: with_context(inner),
            inboxes,
        }]);
    }
    let inboxes = lookups.follower_inboxes(data, &collective).await?;
    let signer = Url::parse(&collective.ap_id)?;
    let mut planned = vec![Planned {
        signer: signer.clone(),
        payload: announce(data, &collective, inner.clone(), public),
        inboxes: inboxes.clone(),
    }];
    // Mastodon-like servers (GoToSocial) show only an announced bare Page; Lemmy
    // refuses one (`CannotReceivePage`), so Lemmy servers are not sent it.
    if *verb == Verb::Create && is_page {
        // Not microblogs when followers-only: they cannot show a boost of it, but
        // would store the fetched Page without the mention that lets their follower
        // see it, before the author's own Create arrives.
        let for_page = lookups
            .running(data, &inboxes, |s| {
                s != Some("lemmy") && (public || !s.is_some_and(microblog::is_microblog))
            })
            .await?;
        if !for_page.is_empty() {
            planned.push(Planned {
                signer: signer.clone(),
                payload: announce(data, &collective, object_doc.clone(), public),
                inboxes: for_page,
            });
        }
    }
    let microblogs = lookups
        .running(data, &inboxes, |s| s.is_some_and(microblog::is_microblog))
        .await?;
    if microblogs.is_empty() {
        return Ok(planned);
    }
    // A public solution, comment or confirmation reaches microblogs only as the
    // collective's boost of the bare Note: they drop the announced Create, and a
    // Create straight from its author, whom they do not follow, is "not relevant".
    if *verb == Verb::Create && !is_page && public {
        planned.push(Planned {
            signer: signer.clone(),
            payload: announce(data, &collective, object_doc.clone(), public),
            inboxes: microblogs.clone(),
        });
    }
    // A public dilemma's answers were boosted to microblogs one by one; when it is
    // deleted they go too, each deleted by its author, the only one whose Delete
    // they honour (else they stay there, answers to nothing).
    if *verb == Verb::Delete && is_page && public {
        for (answer, author) in local_answers(data, object).await? {
            planned.push(Planned {
                signer: author.clone(),
                payload: with_context(json!({
                    "type": "Delete",
                    "id": data.urls().new_activity("Delete"),
                    "actor": author,
                    "to": [PUBLIC],
                    "object": { "type": "Tombstone", "id": answer },
                })),
                inboxes: microblogs.clone(),
            });
        }
    }
    // Microblogs ignore announced edits and deletions: they get them directly, from
    // the author, the only one whose Delete they honour (`conformance::microblog`).
    let Some(author) = local_author(data, object).await? else {
        return Ok(planned);
    };
    let mut direct = inner;
    direct["actor"] = json!(author);
    if public || *verb == Verb::Delete {
        if *verb != Verb::Create {
            direct["id"] = json!(data.urls().new_activity(&kind));
            planned.push(Planned {
                signer: author,
                payload: with_context(direct),
                inboxes: microblogs,
            });
        }
        return Ok(planned);
    }
    // Followers-only: they would take it for a direct message to nobody, so each
    // follower there gets its own copy (`limited`).
    let wanted: HashSet<Url> = microblogs.into_iter().collect();
    for follower in lookups.remote_followers(data, &collective).await? {
        if !delivery_inbox(follower).is_some_and(|i| wanted.contains(&i)) {
            continue;
        }
        let Ok(own_inbox) = Url::parse(&follower.inbox_url) else {
            continue;
        };
        let mut copy = limited::addressed_to(&direct, follower);
        copy["id"] = json!(data.urls().new_activity(&kind));
        planned.push(Planned {
            signer: author.clone(),
            payload: with_context(copy),
            inboxes: vec![own_inbox],
        });
    }
    Ok(planned)
}

/// People mentioned in a Create or Update of a note or dilemma whose inbox gets none of
/// `planned` are sent it too, from its author, as Mastodon does: their server shows them
/// the mention. (Not a dilemma to Lemmy: it takes posts only from a community.)
async fn mention_copies(
    data: &Data<AppContext>,
    lookups: &mut Lookups,
    planned: &mut Vec<Planned>,
) -> Result<(), FederationError> {
    let Some(first) = planned.first() else {
        return Ok(());
    };
    // The member's own Create/Update: the first planned document, or inside the Announce.
    // Looked at by reference: most activities here are no notes with mentions, and this
    // runs for every one of them at fan-out.
    let activity = if first.payload["type"] == "Announce" {
        &first.payload["object"]
    } else {
        &first.payload
    };
    let is_page = activity["object"]["type"] == "Page";
    if !matches!(activity["type"].as_str(), Some("Create" | "Update"))
        || !(is_page || activity["object"]["type"] == "Note")
        || activity["object"]["tag"].is_null()
    {
        return Ok(());
    }
    let activity = activity.clone();
    let Some(author) = activity["actor"].as_str().and_then(|a| Url::parse(a).ok()) else {
        return Ok(());
    };
    let reached: HashSet<Url> = planned.iter().flat_map(|p| p.inboxes.clone()).collect();
    let mut inboxes = Vec::new();
    for tag in activity["object"]["tag"].as_array().into_iter().flatten() {
        let Some(href) = tag["href"].as_str().filter(|_| tag["type"] == "Mention") else {
            continue;
        };
        if let Ok(url) = Url::parse(href)
            && !data.urls().is_local(&url)
            && let Some(inbox) = inbox_of(data, href).await?
            && !reached.contains(&inbox)
            && !inboxes.contains(&inbox)
        {
            inboxes.push(inbox);
        }
    }
    if is_page {
        inboxes = lookups
            .running(data, &inboxes, |s| s != Some("lemmy"))
            .await?;
    }
    if !inboxes.is_empty() {
        planned.push(Planned {
            signer: author,
            payload: with_context(activity),
            inboxes,
        });
    }
    Ok(())
}
