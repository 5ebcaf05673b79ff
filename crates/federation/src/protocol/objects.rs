//! Dilemmas (`Page`) and solutions, comments and confirmations (`Note`), with Meent's own
//! fields in the `meent` namespace. Software that does not know them still sees a titled
//! post with replies.

use super::{
    actors::Source,
    attachment::{Attachment, deserialize_attachments},
};
use activitypub_federation::{
    kinds::object::{NoteType, PageType},
    protocol::helpers::deserialize_one_or_many,
};
use chrono::{DateTime, Utc};
use meent_domain::ContextFacets;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use url::Url;

pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

/// Lemmy sends `language` as `{identifier, name}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LanguageTag {
    pub identifier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A `Hashtag` (themes and free hashtags) or a `Mention` (a person the text names) in a
/// dilemma's `tag`: both have a `name`; a mention's `href` is the person's id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Tag {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<Url>,
}

impl Tag {
    pub fn is_hashtag(&self) -> bool {
        self.kind == "Hashtag"
    }

    /// The person a `Mention` names.
    pub fn mentioned(&self) -> Option<&Url> {
        self.href.as_ref().filter(|_| self.kind == "Mention")
    }
}

/// Keeps only well-formed `Hashtag`s and `Mention`s (at most
/// [`meent_domain::mention::MAX_MENTIONS`], each with its `href`) from a `tag` list of any
/// shape; other kinds of tag are dropped.
pub fn deserialize_tags<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Tag>, D::Error> {
    let raw: Value = Value::deserialize(d)?;
    let items = match raw {
        Value::Array(items) => items,
        Value::Null => vec![],
        one => vec![one],
    };
    let mut mentions = 0;
    Ok(items
        .into_iter()
        .filter_map(|v| serde_json::from_value::<Tag>(v).ok())
        .filter(|t| {
            if t.mentioned().is_some() {
                mentions += 1;
                mentions <= meent_domain::mention::MAX_MENTIONS
            } else {
                t.is_hashtag()
            }
        })
        .collect())
}

/// A `Mention` in `tag`: the person's id and their handle as written (`@name@host`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Mention {
    #[serde(rename = "type")]
    pub kind: String,
    pub href: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Keeps only well-formed `Mention`s from a `tag` list of any shape.
pub fn deserialize_mentions<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Mention>, D::Error> {
    let raw: Value = Value::deserialize(d)?;
    let items = match raw {
        Value::Array(items) => items,
        Value::Null => vec![],
        one => vec![one],
    };
    Ok(items
        .into_iter()
        .filter_map(|v| serde_json::from_value::<Mention>(v).ok())
        .filter(|m| m.kind == "Mention")
        .take(meent_domain::mention::MAX_MENTIONS)
        .collect())
}

/// Context facets as far as they are understood: a value Meent does not know (a new legal
/// form, say) drops that value only; the other facets and the object are kept.
pub fn deserialize_facets<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<ContextFacets>, D::Error> {
    let Value::Object(raw) = Value::deserialize(d)? else {
        return Ok(None);
    };
    // Each key is read on its own, so one unknown value cannot spoil the rest.
    let mut facets = ContextFacets::default();
    for (key, value) in raw {
        let one = Value::Object([(key, value)].into_iter().collect());
        if let Ok(part) = serde_json::from_value::<ContextFacets>(one) {
            facets.municipality = facets
                .municipality
                .or(part.municipality.map(|m| m.chars().take(100).collect()));
            facets.building_owner = facets.building_owner.or(part.building_owner);
            facets.legal_form = facets.legal_form.or(part.legal_form);
            facets.collective_size = facets.collective_size.or(part.collective_size);
            facets.budget_range = facets.budget_range.or(part.budget_range);
        }
    }
    Ok(Some(facets))
}

/// `attributedTo` may be one URL or a list (Mastodon-style); the first is the author.
pub fn deserialize_first<'de, D: Deserializer<'de>>(d: D) -> Result<Url, D::Error> {
    let all = deserialize_one_or_many(d)?;
    all.into_iter()
        .next()
        .ok_or_else(|| serde::de::Error::custom("attributedTo is empty"))
}

/// A dilemma.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    #[serde(rename = "type")]
    pub kind: PageType,
    pub id: Url,
    #[serde(deserialize_with = "deserialize_first")]
    pub attributed_to: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(
        default,
        deserialize_with = "deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cc: Vec<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Url>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(
        default,
        deserialize_with = "deserialize_tags",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tag: Vec<Tag>,
    /// Attached documents (see `attachment.rs`).
    #[serde(
        default,
        deserialize_with = "deserialize_attachments",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub attachment: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::time::whole_seconds"
    )]
    pub published: Option<DateTime<Utc>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::time::whole_seconds"
    )]
    pub updated: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageTag>,
    /// `open`, `solved` or `closed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_solutions: Vec<Url>,
    /// Theme ids from Meent's fixed list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    #[serde(
        default,
        deserialize_with = "deserialize_facets",
        skip_serializing_if = "Option::is_none"
    )]
    pub facets: Option<ContextFacets>,
}

/// A solution (replying to a dilemma), a comment (replying to a solution or comment) or a
/// confirmation (replying to a solution, with `confirms`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    #[serde(rename = "type")]
    pub kind: NoteType,
    pub id: Url,
    #[serde(deserialize_with = "deserialize_first")]
    pub attributed_to: Url,
    #[serde(default, deserialize_with = "deserialize_one_or_many")]
    pub to: Vec<Url>,
    #[serde(
        default,
        deserialize_with = "deserialize_one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cc: Vec<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Url>,
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// A content warning, as Mastodon-like servers send it (with `sensitive`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
    /// The language Lemmy says a comment is in (received only).
    #[serde(default, skip_serializing)]
    pub language: Option<Value>,
    /// The content per language, as Mastodon-like servers send it (received only; read
    /// for the language its one key names).
    #[serde(default, skip_serializing)]
    pub content_map: Option<Value>,
    pub in_reply_to: Url,
    /// Attached documents (see `attachment.rs`).
    #[serde(
        default,
        deserialize_with = "deserialize_attachments",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub attachment: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Url>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::time::whole_seconds"
    )]
    pub published: Option<DateTime<Utc>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::time::whole_seconds"
    )]
    pub updated: Option<DateTime<Utc>>,
    /// Whether the answer comes from the collective's own experience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<bool>,
    /// The collective the author answers for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaks_for: Option<Url>,
    /// Set on a confirmation: the solution that worked for the author's collective too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirms: Option<Url>,
    /// Set on a solution proposed at a session (a candidate from its outcome): the session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_session: Option<Url>,
    /// The people it mentions (`Mention`s; other tags are ignored).
    #[serde(
        default,
        deserialize_with = "deserialize_mentions",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tag: Vec<Mention>,
    #[serde(
        default,
        deserialize_with = "deserialize_facets",
        skip_serializing_if = "Option::is_none"
    )]
    pub facets: Option<ContextFacets>,
}

/// Either kind of object in a dilemma's thread.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PageOrNote {
    Page(Box<Page>),
    Note(Box<Note>),
}

impl PageOrNote {
    pub fn id(&self) -> &Url {
        match self {
            PageOrNote::Page(p) => &p.id,
            PageOrNote::Note(n) => &n.id,
        }
    }

    pub fn attributed_to(&self) -> &Url {
        match self {
            PageOrNote::Page(p) => &p.attributed_to,
            PageOrNote::Note(n) => &n.attributed_to,
        }
    }
}

/// Whether a `to`/`cc` pair makes an object public.
pub fn is_public(to: &[Url], cc: &[Url]) -> bool {
    to.iter()
        .chain(cc)
        .any(|u| u.as_str() == PUBLIC || u.as_str() == "as:Public" || u.as_str() == "Public")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_facet_value_drops_only_itself() {
        let page: Page = serde_json::from_value(serde_json::json!({
            "type": "Page",
            "id": "https://elders.example/d/1",
            "attributedTo": "https://elders.example/u/a",
            "to": [PUBLIC],
            "name": "Sleutels",
            "facets": { "legalForm": "empire", "municipality": "Utrecht" }
        }))
        .expect("the page still parses");
        let facets = page.facets.expect("the known facets are kept");
        assert_eq!(facets.legal_form, None);
        assert_eq!(facets.municipality.as_deref(), Some("Utrecht"));
        let page: Page = serde_json::from_value(serde_json::json!({
            "type": "Page",
            "id": "https://elders.example/d/2",
            "attributedTo": "https://elders.example/u/a",
            "name": "Sleutels",
            "facets": { "legalForm": "foundation" }
        }))
        .expect("parses");
        assert_eq!(
            page.facets.and_then(|f| f.legal_form),
            Some(meent_domain::facets::LegalForm::Foundation)
        );
    }
}
