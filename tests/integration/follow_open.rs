//! A member on B follows A's open collective by handle; Undo reverses it on both sides.

use crate::support::{follow_state_becomes, handles_at};
use meent_domain::Role;
use meent_testkit::{eventually, start_many};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn follow_and_unfollow_an_open_collective_across_instances() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b = instances.pop().unwrap();
    let a = instances.pop().unwrap();

    let buurt = a.create_collective("buurtkamer", true).await?;
    let (_, cora) = a
        .create_member("cora", Some((&buurt, Role::Coordinator)))
        .await?;
    let (_, bob) = b.create_member("bob", None).await?;
    let bob_handle = format!("bob@{}", b.domain);

    let (status, body) = b
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &bob,
            Some(json!({ "target": a.handle("buurtkamer") })),
        )
        .await?;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["collective"]["url"], buurt.ap_id);
    assert_eq!(body["collective"]["local"], false);

    // A accepts at once (open) and lists bob; B learns of the Accept.
    let followers = "/api/v1/collectives/buurtkamer/followers";
    eventually("A lists bob among the followers", || async {
        handles_at(&a, followers, &cora)
            .await
            .contains(&bob_handle)
            .then_some(())
    })
    .await;
    follow_state_becomes(
        &b,
        &bob,
        &buurt.ap_id,
        |s| s == Some("accepted"),
        "B shows the follow accepted",
    )
    .await;

    // The ActivityPub followers collection counts bob too.
    let resp = a
        .http
        .get(a.url("/c/buurtkamer/followers"))
        .header("Accept", "application/activity+json")
        .send()
        .await?;
    let collection: serde_json::Value = resp.json().await?;
    assert_eq!(collection["totalItems"], 1, "{collection}");

    // Undo: gone on B at once, on A once the Undo arrives.
    let (status, body) = b
        .send(
            Method::DELETE,
            &format!("/api/v1/me/follows?target=%40buurtkamer%40{}", a.domain),
            &bob,
            None,
        )
        .await?;
    assert_eq!(status, 204, "{body}");
    follow_state_becomes(
        &b,
        &bob,
        &buurt.ap_id,
        |s| s.is_none(),
        "B no longer lists the follow",
    )
    .await;
    eventually("A no longer lists bob", || async {
        (!handles_at(&a, followers, &cora).await.contains(&bob_handle)).then_some(())
    })
    .await;

    // Following by URL works as well as by handle.
    let (status, body) = b
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &bob,
            Some(json!({ "target": buurt.ap_id })),
        )
        .await?;
    assert_eq!(status, 201, "{body}");
    eventually("A lists bob again after a follow by URL", || async {
        handles_at(&a, followers, &cora)
            .await
            .contains(&bob_handle)
            .then_some(())
    })
    .await;

    b.stop().await;
    a.stop().await;
    Ok(())
}

#[tokio::test]
async fn following_an_unknown_collective_or_instance_fails_clearly() -> anyhow::Result<()> {
    let a = meent_testkit::start().await?;
    let (_, bob) = a.create_member("bob", None).await?;
    // A name that does not exist here.
    let (status, _) = a
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &bob,
            Some(json!({ "target": a.handle("niemand") })),
        )
        .await?;
    assert_eq!(status, 404);
    // Not a handle at all.
    let (status, _) = a
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &bob,
            Some(json!({ "target": "zomaar tekst" })),
        )
        .await?;
    assert_eq!(status, 400);
    // An instance that does not answer.
    let (status, body) = a
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &bob,
            Some(json!({ "target": "@x@localhost:9" })),
        )
        .await?;
    assert!(status == 502 || status == 404, "{status} {body}");
    // No token.
    let (status, _) = a.get("/api/v1/me/follows", None).await?;
    assert_eq!(status, 401);
    a.stop().await;
    Ok(())
}
