//! Thread backfill (FEP-f228): an instance that learns of a dilemma after its thread
//! happened fetches the rest of the thread from the dilemma's `context` collection, each
//! answer from the server it was written on.
//!
//! A posts a public dilemma; B follows A and answers it; a member of A answers too and
//! comments on B's answer. Then C follows A (the outbox backfill brings the dilemma) and D,
//! following nobody, opens the dilemma by pasting its URL into search. Both must end up with
//! the whole thread. B's answer is listed in A's collection under B's id, so C and D fetch
//! it from B, which serves its members' answers to a remote collective's public dilemma.

use meent_domain::Role;
use meent_testkit::{TestInstance, eventually, start_many};
use reqwest::Method;
use serde_json::{Value, json};

/// The urls of the solutions and comments `on` shows for dilemma `id` (public API, no
/// token), once it shows the dilemma at all.
async fn thread_urls(on: &TestInstance, id: i64) -> Option<(Vec<String>, Vec<String>)> {
    let (status, thread) = on.get(&format!("/api/v1/dilemmas/{id}"), None).await.ok()?;
    if status != 200 {
        return None;
    }
    let urls = |key: &str| -> Vec<String> {
        let mut urls: Vec<String> = thread[key]
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|r| r["url"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        urls.sort();
        urls
    };
    Some((urls("solutions"), urls("comments")))
}

/// The local number, on `on`, of the dilemma with ActivityPub id `url`, once it is listed.
async fn listed(on: &TestInstance, url: &str, what: &str) -> i64 {
    eventually(what, || async {
        let (_, list) = on.get("/api/v1/dilemmas?limit=100", None).await.ok()?;
        list.as_array()?
            .iter()
            .find(|d| d["url"] == url)
            .and_then(|d| d["id"].as_i64())
    })
    .await
}

/// The thread on `on` comes to hold exactly `solutions` and `comments` (urls, sorted).
async fn shows_whole_thread(
    on: &TestInstance,
    id: i64,
    solutions: &[String],
    comments: &[String],
    who: &str,
) {
    eventually(&format!("{who} shows the whole thread"), || async {
        let (s, c) = thread_urls(on, id).await?;
        (s == solutions && c == comments).then_some(())
    })
    .await;
}

async fn post(on: &TestInstance, path: &str, token: &str, body: Value) -> Value {
    let (status, created) = on
        .send(Method::POST, path, token, Some(body))
        .await
        .expect("request");
    assert_eq!(status, 201, "{path}: {created}");
    created
}

fn url_of(v: &Value) -> String {
    v["url"].as_str().expect("a url").to_owned()
}

#[tokio::test]
async fn a_late_instance_fetches_the_whole_thread_from_the_context_collection() -> anyhow::Result<()>
{
    let mut instances = start_many(4).await?;
    let d = instances.pop().expect("four instances");
    let c = instances.pop().expect("four instances");
    let b = instances.pop().expect("four instances");
    let a = instances.pop().expect("four instances");

    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let (_, anna) = a
        .create_member("anna", Some((&buurt, Role::Member)))
        .await?;
    let (_, bob) = crate::support::collective_with_member(&b, "bcol", "bob").await;
    let (_, carl) = crate::support::collective_with_member(&c, "ccol", "carl").await;
    let (_, dirk) = d.create_member("dirk", None).await?;

    // The thread happens while only B follows A.
    crate::support::follow_accepted(&b, &bob, &a.handle("buurt")).await;
    let posted = post(
        &a,
        "/api/v1/collectives/buurt/dilemmas",
        &mia,
        json!({
            "title": "Hoe verdelen we de sleutels van de moestuin?",
            "body": "Twintig tuinders, drie sleutels. Wie houdt ze bij?",
            "themes": ["keys_and_access"],
        }),
    )
    .await;
    let dilemma_url = url_of(&posted);
    let a_id = posted["id"].as_i64().expect("an id");
    let on_b = listed(&b, &dilemma_url, "B receives the dilemma").await;
    let bobs = post(
        &b,
        &format!("/api/v1/dilemmas/{on_b}/solutions"),
        &bob,
        json!({ "body": "Een sleutelkastje met een code, die elk seizoen verandert.", "from_experience": true }),
    )
    .await;
    let bobs_url = url_of(&bobs);
    assert!(
        bobs_url.starts_with(b.url("/").as_str()),
        "B's answer has B's id: {bobs_url}"
    );
    let annas = post(
        &a,
        &format!("/api/v1/dilemmas/{a_id}/solutions"),
        &anna,
        json!({ "body": "Wij geven ze aan de drie tuinders die het dichtst bij wonen." }),
    )
    .await;
    // A comments on B's answer once A has it.
    let bobs_on_a = eventually("A receives B's answer", || async {
        let (_, thread) = a
            .get(&format!("/api/v1/dilemmas/{a_id}"), None)
            .await
            .ok()?;
        thread["solutions"]
            .as_array()?
            .iter()
            .find(|s| s["url"] == bobs_url.as_str())
            .and_then(|s| s["id"].as_i64())
    })
    .await;
    let comment = post(
        &a,
        &format!("/api/v1/replies/{bobs_on_a}/comments"),
        &mia,
        json!({ "body": "Hoe vaak moesten jullie de code doorgeven?" }),
    )
    .await;
    let mut solutions = vec![bobs_url.clone(), url_of(&annas)];
    solutions.sort();
    let comments = vec![url_of(&comment)];
    shows_whole_thread(&a, a_id, &solutions, &comments, "A").await;

    // C follows A only now: the outbox brings the dilemma, its context the rest.
    crate::support::follow_accepted(&c, &carl, &a.handle("buurt")).await;
    let on_c = listed(&c, &dilemma_url, "C receives the dilemma from A's outbox").await;
    shows_whole_thread(&c, on_c, &solutions, &comments, "C").await;

    // B's answer on C came from B, by its own id and author.
    let (_, thread) = c.get(&format!("/api/v1/dilemmas/{on_c}"), None).await?;
    let bobs_on_c = thread["solutions"]
        .as_array()
        .and_then(|s| s.iter().find(|x| x["url"] == bobs_url.as_str()))
        .cloned()
        .expect("B's answer on C");
    assert_eq!(bobs_on_c["author"]["url"], json!(b.url("/u/bob").as_str()));
    assert_eq!(bobs_on_c["from_experience"], true);

    // D follows nobody and opens the dilemma by its URL in search.
    let mut search = d.url("/api/v1/search");
    search.query_pairs_mut().append_pair("q", &dilemma_url);
    let path = format!("/api/v1/search?{}", search.query().unwrap_or_default());
    let (status, found) = d.get(&path, Some(&dirk)).await?;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["resolved"]["kind"], "dilemma", "{found}");
    let on_d = found["resolved"]["dilemma"]["id"]
        .as_i64()
        .expect("the dilemma's number on D");
    shows_whole_thread(&d, on_d, &solutions, &comments, "D").await;

    for i in [a, b, c, d] {
        i.stop().await;
    }
    Ok(())
}
