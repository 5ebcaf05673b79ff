//! Asking an object's own server. A collective that passes on an activity of someone on
//! another server cannot vouch for it (FEP-1b12): what counts then is what that person's
//! server says, never the copy inside the Announce.

use crate::{FederationError, protocol::objects::PageOrNote};
use activitypub_federation::{config::Data, fetch::fetch_object_http};
use meent_app::AppContext;
use serde_json::Value;
use url::Url;

/// The object `id` as its own server serves it now (the library checks that the document
/// it gets is the one asked for).
pub(super) async fn current(
    id: &Url,
    data: &Data<AppContext>,
) -> Result<PageOrNote, FederationError> {
    Ok(fetch_object_http(id, data).await?.object)
}

fn parsed(body: &str) -> Option<Value> {
    serde_json::from_str(body).ok()
}

/// An id, whether written as a string or as an object carrying it.
fn id_of(value: Option<&Value>) -> Option<&str> {
    match value? {
        Value::String(s) => Some(s),
        Value::Object(map) => map.get("id").and_then(Value::as_str),
        _ => None,
    }
}

/// That `id` is gone at its own server: it answers 404, 410 or a `Tombstone`. A Delete
/// passed on for someone elsewhere is honoured only then.
pub(super) async fn confirm_gone(id: &Url, data: &Data<AppContext>) -> Result<(), FederationError> {
    let fetched = data.resolver()?.fetch_signed(id).await?;
    match fetched.status {
        404 | 410 => Ok(()),
        200..=299
            if parsed(&fetched.body)
                .as_ref()
                .and_then(|v| v.get("type"))
                .and_then(Value::as_str)
                == Some("Tombstone") =>
        {
            Ok(())
        }
        200..=299 => Err(FederationError::Refused(
            "the object is still there on its own server",
        )),
        _ => Err(FederationError::Refused(
            "the object's own server did not confirm that it is gone",
        )),
    }
}

/// That the activity `id` is, on its own server, a `kind` by `actor` of `object`: for a
/// vote passed on for someone elsewhere, which has no object of its own to fetch.
pub(super) async fn confirm_activity(
    id: &Url,
    kind: &str,
    actor: &Url,
    object: &Url,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    let fetched = data.resolver()?.fetch_signed(id).await?;
    let doc = (200..300)
        .contains(&fetched.status)
        .then(|| parsed(&fetched.body))
        .flatten();
    let confirmed = doc.as_ref().is_some_and(|doc| {
        let inner = doc.get("object");
        // An Undo names the Like it undoes; the liked object is inside that.
        let named = match kind {
            "Undo" => id_of(inner.and_then(|like| like.get("object"))),
            _ => id_of(inner),
        };
        doc.get("type").and_then(Value::as_str) == Some(kind)
            && id_of(doc.get("id")) == Some(id.as_str())
            && id_of(doc.get("actor")) == Some(actor.as_str())
            && named == Some(object.as_str())
    });
    if !confirmed {
        return Err(FederationError::Refused(
            "the activity's own server does not confirm it",
        ));
    }
    Ok(())
}
