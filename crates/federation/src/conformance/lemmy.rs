//! What Lemmy requires of the activities it receives, as read from Lemmy 1.0.0-beta.1's own
//! protocol types (`crates/apub/{activities,objects}/src/protocol`) and confirmed against a
//! running Lemmy. Lemmy deserialises an incoming activity into strict structs: a field its
//! type does not make optional must be present, or the whole activity is refused with
//! "data did not match any variant of untagged enum …". The structs below are written here
//! to mirror exactly that required-ness (they are not Lemmy's code); `check` runs an
//! activity Meent sends through them, plus the addressing rule Lemmy applies afterwards.

use super::{Addressed, one_or_many, public_in};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

/// `{identifier, name}`: Lemmy requires both once `language` is present.
#[derive(Deserialize)]
#[allow(dead_code)]
struct LanguageTag {
    identifier: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Page {
    #[serde(rename = "type")]
    kind: PageKind,
    id: Url,
    attributed_to: Value,
    #[serde(default, deserialize_with = "one_or_many")]
    to: Vec<Url>,
    #[serde(default, deserialize_with = "one_or_many")]
    cc: Vec<Url>,
    name: Option<String>,
    content: Option<String>,
    media_type: Option<MediaType>,
    published: Option<chrono::DateTime<chrono::Utc>>,
    updated: Option<chrono::DateTime<chrono::Utc>>,
    language: Option<LanguageTag>,
    audience: Option<Url>,
    /// A Page with `inReplyTo` is not a post to Lemmy.
    in_reply_to: Option<Value>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
enum PageKind {
    Page,
    Article,
    Note,
    Video,
    Event,
}

#[derive(Deserialize)]
#[allow(dead_code)]
enum MediaType {
    #[serde(rename = "text/html")]
    Html,
    #[serde(rename = "text/markdown")]
    Markdown,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Note {
    #[serde(rename = "type")]
    kind: NoteKind,
    id: Url,
    attributed_to: Url,
    /// Required: no default in Lemmy's type.
    #[serde(deserialize_with = "one_or_many")]
    to: Vec<Url>,
    #[serde(default, deserialize_with = "one_or_many")]
    cc: Vec<Url>,
    content: String,
    in_reply_to: Url,
    media_type: Option<MediaType>,
    published: Option<chrono::DateTime<chrono::Utc>>,
    updated: Option<chrono::DateTime<chrono::Utc>>,
    language: Option<LanguageTag>,
    audience: Option<Url>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
enum NoteKind {
    Note,
}

/// `Create`/`Update` of a post or a comment: `to` and `cc` are both required.
#[derive(Deserialize)]
#[allow(dead_code)]
struct CreateOrUpdate<T> {
    actor: Url,
    #[serde(deserialize_with = "one_or_many")]
    to: Vec<Url>,
    object: T,
    #[serde(deserialize_with = "one_or_many")]
    cc: Vec<Url>,
    #[serde(rename = "type")]
    kind: String,
    id: Url,
    audience: Option<Url>,
}

/// `Delete` of a post or comment: `to` required, `cc` optional; Lemmy checks Public in `to`.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Delete {
    actor: Url,
    #[serde(deserialize_with = "one_or_many")]
    to: Vec<Url>,
    object: Value,
    #[serde(rename = "type")]
    kind: String,
    id: Url,
    audience: Option<Url>,
    #[serde(default, deserialize_with = "one_or_many")]
    cc: Vec<Url>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Vote {
    actor: Url,
    object: Url,
    #[serde(rename = "type")]
    kind: String,
    id: Url,
    audience: Option<Url>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct UndoVote {
    actor: Url,
    object: Value,
    #[serde(rename = "type")]
    kind: String,
    id: Url,
}

/// `Announce` by a community: `to` and `cc` required.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Announce {
    actor: Url,
    #[serde(deserialize_with = "one_or_many")]
    to: Vec<Url>,
    object: Value,
    #[serde(deserialize_with = "one_or_many")]
    cc: Vec<Url>,
    #[serde(rename = "type")]
    kind: String,
    id: Url,
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, v: &Value) -> Result<T, String> {
    serde_json::from_value(v.clone()).map_err(|e| format!("Lemmy refuses this {what}: {e}"))
}

/// Whether Lemmy would accept `activity` as Meent sends it; the reason if not.
pub fn check(activity: &Value) -> Result<(), String> {
    let kind = activity["type"].as_str().unwrap_or_default();
    match kind {
        "Announce" => {
            let announce = parse::<Announce>("Announce", activity)?;
            // A collective is a public community to Lemmy, whose Announces must be public.
            if !public_in(&announce.to) && !public_in(&announce.cc) {
                return Err("object_is_not_public: an Announce without Public".into());
            }
            let inner = &activity["object"];
            if inner.is_string() {
                return Ok(());
            }
            match inner["type"].as_str().unwrap_or_default() {
                // The bare form Mastodon-like servers need; Lemmy answers 400.
                "Page" | "Note" | "Article" => {
                    Err("CannotReceivePage: Lemmy refuses an announced bare object".into())
                }
                _ => check_announced(inner),
            }
        }
        "Create" | "Update" => check_create_or_update(activity),
        "Delete" => check_delete(activity),
        "Like" | "Dislike" => parse::<Vote>("vote", activity).map(|_| ()),
        "Undo" => parse::<UndoVote>("Undo", activity).map(|_| ()),
        "Follow" | "Accept" | "Reject" => Ok(()),
        other => Err(format!("Lemmy has no use for a {other:?}")),
    }
}

/// An activity inside a community's `Announce`.
fn check_announced(inner: &Value) -> Result<(), String> {
    match inner["type"].as_str().unwrap_or_default() {
        "Create" | "Update" => check_create_or_update(inner),
        "Delete" => check_delete(inner),
        "Like" | "Dislike" => parse::<Vote>("announced vote", inner).map(|_| ()),
        "Undo" => parse::<UndoVote>("announced Undo", inner).map(|_| ()),
        other => Err(format!("Lemmy does not take an announced {other:?}")),
    }
}

fn check_create_or_update(activity: &Value) -> Result<(), String> {
    let addressed = match activity["object"]["type"].as_str().unwrap_or_default() {
        "Note" => {
            let a: CreateOrUpdate<Note> = parse("Create/Update of a comment", activity)?;
            Addressed { to: a.to, cc: a.cc }
        }
        _ => {
            let a: CreateOrUpdate<Page> = parse("Create/Update of a post", activity)?;
            if a.object.in_reply_to.is_some() {
                return Err("a Page with inReplyTo is not a post to Lemmy".into());
            }
            Addressed { to: a.to, cc: a.cc }
        }
    };
    if !public_in(&addressed.to) && !public_in(&addressed.cc) {
        return Err("object_is_not_public: Public is in neither to nor cc".into());
    }
    Ok(())
}

fn check_delete(activity: &Value) -> Result<(), String> {
    let d: Delete = parse("Delete", activity)?;
    // Lemmy passes only `to` to its visibility check for deletions.
    if !public_in(&d.to) {
        return Err("object_is_not_public: a Delete must have Public in to".into());
    }
    Ok(())
}
