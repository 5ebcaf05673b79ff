//! Catching up on a collective's recent dilemmas when we start following it.

use crate::{FederationError, objects::ApDilemma};
use activitypub_federation::{
    config::Data,
    fetch::{fetch_object_http, object_id::ObjectId},
};
use meent_app::AppContext;
use meent_db::queries::collectives::CollectiveRow;
use serde::Deserialize;
use serde_json::Value;
use url::Url;

/// At most this many items are taken from an outbox.
const MAX_ITEMS: usize = 20;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Outbox {
    #[serde(default)]
    ordered_items: Vec<Value>,
}

/// The object an outbox item is about: a `Create` (Meent before 0.2, Mastodon) carries it
/// one level down, a community's `Announce(Create(Page))` (Lemmy, Meent) two; a bare object
/// is its own. An announced activity given only by its id is left out (it would cost a
/// fetch per item to learn what it is).
fn created_object(item: &Value) -> &Value {
    let object = item.get("object").unwrap_or(item);
    match object.get("type").and_then(Value::as_str) {
        Some("Create") => object.get("object").unwrap_or(object),
        _ => object,
    }
}

/// Reads `collective`'s outbox and fetches each dilemma created there from its origin (the
/// outbox's copy is not trusted; the fetch is). Items of other kinds are skipped.
pub(super) async fn from_outbox(
    collective: &CollectiveRow,
    data: &Data<AppContext>,
) -> Result<usize, FederationError> {
    let Some(outbox) = collective.outbox_url.as_deref() else {
        return Ok(0);
    };
    let outbox: Outbox = fetch_object_http(&Url::parse(outbox)?, data).await?.object;
    let mut stored = 0;
    for item in outbox.ordered_items.iter().take(MAX_ITEMS) {
        let object = created_object(item);
        let is_page = object.get("type").and_then(Value::as_str) == Some("Page");
        let Some(id) = object
            .get("id")
            .and_then(Value::as_str)
            .and_then(|s| Url::parse(s).ok())
        else {
            continue;
        };
        if is_page
            && ObjectId::<ApDilemma>::from(id)
                .dereference(&data.reset_request_count())
                .await
                .is_ok()
        {
            stored += 1;
        }
    }
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::created_object;
    use serde_json::json;

    #[test]
    fn pages_are_found_in_every_outbox_shape() {
        let page = json!({ "type": "Page", "id": "https://l.example/post/1" });
        let create = json!({ "type": "Create", "object": page.clone() });
        let announce = json!({ "type": "Announce", "object": create.clone() });
        assert_eq!(created_object(&announce), &page);
        assert_eq!(created_object(&create), &page);
        assert_eq!(created_object(&page), &page);
        let by_id = json!({ "type": "Announce", "object": "https://l.example/activities/1" });
        assert_eq!(created_object(&by_id)["type"], serde_json::Value::Null);
    }
}
