//! The activity as it arrived, kept for the length of its handling, so that what a local
//! collective passes on to its followers is the sender's document with every field, not
//! Meent's re-serialisation of the fields it parsed.

use actix_web::web::Bytes;
use serde::Serialize;
use serde_json::Value;
use std::future::Future;

tokio::task_local! {
    static RECEIVED: Bytes;
}

/// Runs the handling of `raw` (the inbox's body) with it at hand. Only a forward reads it
/// again, so most activities are parsed once.
pub(crate) async fn handling<F: Future>(raw: Bytes, work: F) -> F::Output {
    RECEIVED.scope(raw, work).await
}

/// The activity to pass on: as received when `parsed` is the activity that arrived (same
/// id), otherwise (one embedded in another, or outside an inbox) as parsed.
pub(crate) fn as_received<T: Serialize>(parsed: &T) -> Result<Value, serde_json::Error> {
    let parsed = serde_json::to_value(parsed)?;
    let raw = RECEIVED
        .try_with(|raw| serde_json::from_slice::<Value>(raw).ok())
        .ok()
        .flatten()
        .filter(|raw| raw.get("id").is_some_and(|id| Some(id) == parsed.get("id")));
    Ok(raw.unwrap_or(parsed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[tokio::test]
    async fn the_received_document_is_passed_on_whole() {
        let raw = json!({ "id": "https://b.example/a/1", "type": "Create", "extra": [1, 2] });
        let body = Bytes::from(raw.to_string());
        let parsed = json!({ "id": "https://b.example/a/1", "type": "Create" });
        let other = json!({ "id": "https://b.example/a/2", "type": "Like" });
        let (same, different) =
            handling(body, async { (as_received(&parsed), as_received(&other)) }).await;
        assert_eq!(same.expect("same"), raw);
        assert_eq!(different.expect("other"), other);
        assert_eq!(as_received(&parsed).expect("outside"), parsed);
    }
}
