//! The activity as it arrived, kept for the length of its handling, so that what a local
//! collective passes on to its followers is the sender's document with every field, not
//! Meent's re-serialisation of the fields it parsed; and whether its id has been recorded
//! as received already, inside the transaction that stored what it brought; and the
//! person who sent it, looked up once although the signature check and the object's
//! `attributedTo` both name them.

use crate::objects::ApMember;
use activitypub_federation::traits::Object;
use actix_web::web::Bytes;
use serde::Serialize;
use serde_json::Value;
use std::{
    future::Future,
    sync::{
        Mutex,
        atomic::{AtomicBool, Ordering},
    },
};
use url::Url;

struct Received {
    raw: Bytes,
    id: String,
    recorded: AtomicBool,
    /// The last person read or refreshed while handling this activity.
    member: Mutex<Option<ApMember>>,
}

tokio::task_local! {
    static RECEIVED: Received;
}

/// Runs the handling of `raw` (the inbox's body, the activity `id`) with it at hand. Only a
/// forward reads it again, so most activities are parsed once. Also returns whether the
/// handling recorded `id` as received itself (see [`id_to_record`]).
pub(crate) async fn handling<F: Future>(raw: Bytes, id: String, work: F) -> (F::Output, bool) {
    let received = Received {
        raw,
        id,
        recorded: AtomicBool::new(false),
        member: Mutex::new(None),
    };
    RECEIVED
        .scope(received, async {
            let output = work.await;
            let recorded = RECEIVED.with(|r| r.recorded.load(Ordering::SeqCst));
            (output, recorded)
        })
        .await
}

/// The id of the activity being handled, for a use-case to record as received in the
/// transaction that stores what it brought; [`recorded`] is called once that has committed,
/// so that the inbox does not record it again.
pub(crate) fn id_to_record() -> Option<String> {
    RECEIVED
        .try_with(|r| (!r.recorded.load(Ordering::SeqCst)).then(|| r.id.clone()))
        .ok()
        .flatten()
}

/// Says that the activity's id was recorded with what it brought.
pub(crate) fn recorded() {
    let _ = RECEIVED.try_with(|r| r.recorded.store(true, Ordering::SeqCst));
}

/// The person `id` if already read while handling this activity. Only within one activity's
/// handling, so nothing is kept stale beyond it.
pub(crate) fn known_member(id: &Url) -> Option<ApMember> {
    RECEIVED
        .try_with(|r| {
            let member = r.member.lock().unwrap_or_else(|p| p.into_inner());
            member.as_ref().filter(|m| m.id() == id).cloned()
        })
        .ok()
        .flatten()
}

/// Keeps `member` at hand for the rest of this activity's handling (see [`known_member`]).
pub(crate) fn remember_member(member: &ApMember) {
    let _ = RECEIVED.try_with(|r| {
        *r.member.lock().unwrap_or_else(|p| p.into_inner()) = Some(member.clone());
    });
}

/// The activity to pass on: as received when `parsed` (whose id is `id`) is the activity
/// that arrived, otherwise (one embedded in another, or outside an inbox) as parsed. The
/// parsed form is serialised only when it is needed.
pub(crate) fn as_received<T: Serialize>(id: &Url, parsed: &T) -> Result<Value, serde_json::Error> {
    let raw = RECEIVED
        .try_with(|r| {
            (r.id == id.as_str())
                .then(|| serde_json::from_slice::<Value>(&r.raw).ok())
                .flatten()
        })
        .ok()
        .flatten()
        // The id the inbox read first, checked again in the parsed document.
        .filter(|raw| raw.get("id").and_then(Value::as_str) == Some(id.as_str()));
    match raw {
        Some(raw) => Ok(raw),
        None => serde_json::to_value(parsed),
    }
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
        let id = Url::parse("https://b.example/a/1").expect("url");
        let other_id = Url::parse("https://b.example/a/2").expect("url");
        let ((same, different), recorded) = handling(body, "https://b.example/a/1".into(), async {
            assert_eq!(id_to_record().as_deref(), Some("https://b.example/a/1"));
            recorded();
            assert_eq!(id_to_record(), None);
            (as_received(&id, &parsed), as_received(&other_id, &other))
        })
        .await;
        assert!(recorded);
        assert_eq!(same.expect("same"), raw);
        assert_eq!(different.expect("other"), other);
        assert_eq!(as_received(&id, &parsed).expect("outside"), parsed);
    }
}
