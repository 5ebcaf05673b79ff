//! Learning programmes as `Article`s: `content` lists the steps as links, so software
//! that does not know Meent shows something sensible, and `steps` (`meent:steps`) carries
//! them as data. Following one is a `Follow` by a collective; progress on a step is an `Add`
//! of a `StepProgress` to the programme, sent to its owner.

use super::{activities::CreateOrUpdateType, time::whole_seconds};
use activitypub_federation::{
    kinds::{activity::AddType, object::ArticleType},
    protocol::helpers::deserialize_one_or_many,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

/// One step: its text (`name`) and what it points at (`href`), as an ActivityStreams `Link`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    pub href: Url,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    #[serde(rename = "type")]
    pub kind: ArticleType,
    pub id: Url,
    /// The owning collective.
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
    /// The description followed by the steps as an ordered list of links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// Meent's own: the description alone (HTML), so a Meent receiver need not take the
    /// list of steps apart again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    #[serde(default)]
    pub steps: Vec<Step>,
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

/// `Create` or `Update` of a programme, sent by its owning collective.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateOrUpdateArticle {
    #[serde(rename = "type")]
    pub kind: CreateOrUpdateType,
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
    pub object: Article,
}

/// How far a collective is with one step of a programme.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StepProgress {
    #[serde(rename = "type")]
    pub kind: StepProgressType,
    /// The step's place in the programme, from 1.
    pub step: i64,
    pub done: bool,
    /// Notes (plain text).
    #[serde(default)]
    pub content: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub enum StepProgressType {
    #[default]
    StepProgress,
}

/// A collective (`actor`) adds its progress on a step to the programme `target`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddProgress {
    #[serde(rename = "type")]
    pub kind: AddType,
    pub id: Url,
    pub actor: Url,
    #[serde(
        default,
        deserialize_with = "deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<Url>,
    pub object: StepProgress,
    pub target: Url,
}
