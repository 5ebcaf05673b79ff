//! Sessions as `Event`s (FEP-8a8e, as Mobilizon writes them) and registrations as `Join` /
//! `Leave`, answered by `Accept`, `TentativeAccept` (waiting list) or `Reject`.

use super::{actors::Source, time::whole_seconds};
use activitypub_federation::{
    kinds::{
        activity::{JoinType, LeaveType},
        object::EventType,
    },
    protocol::helpers::deserialize_one_or_many,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// A place as Mobilizon sends it: a name and perhaps a postal address.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A schema.org `PostalAddress` (Mobilizon); read for its street and locality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Value>,
}

impl Place {
    /// The place in one line: its name, street and locality as far as given.
    pub fn one_line(&self) -> String {
        let address = |key: &str| {
            self.address
                .as_ref()
                .and_then(|a| a.get(key))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        [
            self.name.clone(),
            address("streetAddress"),
            address("addressLocality"),
        ]
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .fold(Vec::<String>::new(), |mut parts, p| {
            if !parts.contains(&p) {
                parts.push(p);
            }
            parts
        })
        .join(", ")
    }
}

/// A session. Mobilizon's terms (`timezone`, `isOnline`, `joinMode`, the attendee counts)
/// let event software show it; `context` is its (first) dilemma and `dilemmas` all of them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub id: Url,
    /// The organising collective (Mobilizon: the group).
    #[serde(deserialize_with = "super::objects::deserialize_first")]
    pub attributed_to: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(
        default,
        deserialize_with = "deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cc: Vec<Url>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    pub start_time: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<DateTime<Utc>>,
    /// An IANA time-zone name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Place>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_online: Option<bool>,
    /// Meent's own: `online`, `physical` or `hybrid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_mode: Option<String>,
    /// Mobilizon: `free` (anyone gets a place while there are places).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_mode: Option<String>,
    /// Mobilizon writes 0 for "no limit".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_attendee_capacity: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_attendee_capacity: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Url>,
    #[serde(
        default,
        deserialize_with = "deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub dilemmas: Vec<Url>,
    /// What came out of it (`meent:outcome`), once its organiser wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_seconds"
    )]
    pub published: Option<DateTime<Utc>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_seconds"
    )]
    pub updated: Option<DateTime<Utc>>,
}

/// A session's outcome: conclusions (HTML) and the collectives that took part.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    #[serde(default)]
    pub content: String,
    #[serde(
        default,
        deserialize_with = "deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub participants: Vec<Url>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_seconds"
    )]
    pub published: Option<DateTime<Utc>>,
}

/// `Create` or `Update` of a session, sent by its organising collective.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateOrUpdateEvent {
    #[serde(rename = "type")]
    pub kind: super::activities::CreateOrUpdateType,
    pub id: Url,
    pub actor: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(
        default,
        deserialize_with = "deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cc: Vec<Url>,
    pub object: Event,
}

/// A registration: `actor` joins the session `object`, for the collective `speaksFor`
/// (absent from Mobilizon, whose people register for themselves).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Join {
    #[serde(rename = "type")]
    pub kind: JoinType,
    pub id: Url,
    pub actor: Url,
    #[serde(
        default,
        deserialize_with = "deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<Url>,
    pub object: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaks_for: Option<Url>,
}

/// A registration withdrawn: `actor` leaves the session `object`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Leave {
    #[serde(rename = "type")]
    pub kind: LeaveType,
    pub id: Url,
    pub actor: Url,
    #[serde(
        default,
        deserialize_with = "deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<Url>,
    pub object: Url,
}

/// The kinds of answer to a `Join`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum JoinAnswerType {
    Accept,
    TentativeAccept,
    Reject,
}

impl From<JoinAnswerType> for meent_domain::JoinAnswer {
    fn from(t: JoinAnswerType) -> Self {
        match t {
            JoinAnswerType::Accept => meent_domain::JoinAnswer::Accept,
            JoinAnswerType::TentativeAccept => meent_domain::JoinAnswer::TentativeAccept,
            JoinAnswerType::Reject => meent_domain::JoinAnswer::Reject,
        }
    }
}

/// The organiser's answer to a registration, with the `Join` inside (as Mobilizon sends
/// it). A place comes with the meeting link, which the public `Event` does not show.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinAnswerActivity {
    #[serde(rename = "type")]
    pub kind: JoinAnswerType,
    pub id: Url,
    pub actor: Url,
    #[serde(
        default,
        deserialize_with = "deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<Url>,
    pub object: Join,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_link: Option<String>,
}
