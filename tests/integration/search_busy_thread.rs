//! A thread with more solutions than are indexed: the counts cover every solution, and the
//! accepted one is indexed first however late it came.

use meent_domain::Role;
use meent_testkit::{eventually, start};
use reqwest::Method;
use serde_json::{Value, json};

/// Solutions indexed per dilemma (`MAX_SOLUTIONS_INDEXED` in the search crate).
const INDEXED: usize = 100;

/// The one hit for `q` on `on`, if there is exactly one.
async fn only_hit(on: &meent_testkit::TestInstance, q: &str) -> Option<Value> {
    let (status, body) = on
        .get(&format!("/api/v1/search?q={q}"), None)
        .await
        .expect("searching");
    assert_eq!(status, 200, "{body}");
    match body["hits"].as_array().map(Vec::as_slice) {
        Some([hit]) => Some(hit.clone()),
        _ => None,
    }
}

#[tokio::test]
async fn a_busy_thread_counts_every_solution_and_indexes_the_accepted_one_first()
-> anyhow::Result<()> {
    let a = start().await?;
    let kern = a.create_collective("kern", true).await?;
    let (_, mia) = a
        .create_member("mia", Some((&kern, Role::Coordinator)))
        .await?;
    let (status, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/kern/dilemmas",
            &mia,
            Some(
                json!({ "title": "Sleutelbeheer", "body": "Wie beheert de sleutels?",
                         "themes": ["keys_and_access"], "language": "nl" }),
            ),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let id = d["id"].as_i64().expect("dilemma id");
    // INDEXED + 1 ordinary solutions, the last of them with a word of its own, then the
    // one that will be accepted, with another.
    let mut last = 0;
    for n in 0..=INDEXED + 1 {
        let body = match n {
            n if n == INDEXED => "Wij plaatsten zonnepanelen op het dak.".to_owned(),
            n if n == INDEXED + 1 => "Een sleutelkluis met een rooster werkte.".to_owned(),
            n => format!("Oplossing {n}: overleg met de beheerder."),
        };
        let (status, s) = a
            .send(
                Method::POST,
                &format!("/api/v1/dilemmas/{id}/solutions"),
                &mia,
                Some(json!({ "body": body })),
            )
            .await?;
        assert_eq!(status, 201, "{s}");
        last = s["id"].as_i64().expect("solution id");
    }
    let (status, body) = a
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{id}/accept"),
            &mia,
            Some(json!({ "solution_ids": [last] })),
        )
        .await?;
    assert!((200..300).contains(&status), "{status} {body}");

    // The accepted solution's words find the dilemma, and the counts are complete.
    let hit = eventually("the accepted solution is indexed", || async {
        only_hit(&a, "sleutelkluis")
            .await
            .filter(|h| h["accepted"] == 1)
    })
    .await;
    assert_eq!(hit["solutions"], json!(INDEXED + 2));
    assert_eq!(hit["accepted_solutions"].as_array().map(Vec::len), Some(1));
    // Solutions beyond the first INDEXED (the accepted one first, then the oldest) are
    // counted but their text is not indexed.
    assert!(only_hit(&a, "zonnepanelen").await.is_none());
    assert!(only_hit(&a, "beheerder").await.is_some());
    Ok(())
}
