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
        let object = item.get("object").unwrap_or(item);
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
