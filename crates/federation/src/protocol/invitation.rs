//! An invitation to answer a dilemma: a `Note` addressed to the invited person or
//! collective, mentioning them, with `meent:invitesTo` the dilemma — Mastodon-like servers
//! show it as a mention.

use super::objects::{Mention, deserialize_mentions};
use activitypub_federation::{kinds::object::NoteType, protocol::helpers::deserialize_one_or_many};
use serde::{Deserialize, Serialize};
use url::Url;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationNote {
    #[serde(rename = "type")]
    pub kind: NoteType,
    pub id: Url,
    #[serde(deserialize_with = "super::objects::deserialize_first")]
    pub attributed_to: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(default, deserialize_with = "deserialize_mentions")]
    pub tag: Vec<Mention>,
    /// The dilemma they are asked to answer.
    pub invites_to: Url,
}

/// The `Create` of an invitation, by its author.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateInvitation {
    #[serde(rename = "type")]
    pub kind: activitypub_federation::kinds::activity::CreateType,
    pub id: Url,
    pub actor: Url,
    pub object: InvitationNote,
}
