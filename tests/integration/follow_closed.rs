//! A closed collective keeps followers pending until a coordinator approves; a rejected
//! follower stays unfollowed; only coordinators decide.

use crate::support::{follow_id_of, follow_state_becomes, handles_at};
use meent_domain::Role;
use meent_testkit::{eventually, start_many};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn closed_collective_approves_and_rejects_remote_followers() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b = instances.pop().unwrap();
    let a = instances.pop().unwrap();

    let kern = a.create_collective("kerngroep", false).await?;
    let (_, cora) = a
        .create_member("cora", Some((&kern, Role::Coordinator)))
        .await?;
    let (_, mia) = a.create_member("mia", Some((&kern, Role::Member))).await?;
    let (_, bob) = b.create_member("bob", None).await?;
    let (_, carol) = b.create_member("carol", None).await?;
    let requests = "/api/v1/collectives/kerngroep/follow-requests";
    let followers = "/api/v1/collectives/kerngroep/followers";

    for token in [&bob, &carol] {
        let (status, body) = b
            .send(
                Method::POST,
                "/api/v1/me/follows",
                token,
                Some(json!({ "target": a.handle("kerngroep") })),
            )
            .await?;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["state"], "pending");
    }
    let bob_handle = format!("bob@{}", b.domain);
    let carol_handle = format!("carol@{}", b.domain);
    eventually("both requests wait on A", || async {
        let pending = handles_at(&a, requests, &cora).await;
        (pending.contains(&bob_handle) && pending.contains(&carol_handle)).then_some(())
    })
    .await;
    assert!(handles_at(&a, followers, &cora).await.is_empty());
    follow_state_becomes(
        &b,
        &bob,
        &kern.ap_id,
        |s| s == Some("pending"),
        "bob's follow pending",
    )
    .await;

    // A plain member may neither see nor decide on requests.
    let (status, _) = a.get(requests, Some(&mia)).await?;
    assert_eq!(status, 403);
    let bob_follow = follow_id_of(&a, requests, &cora, &bob_handle).await;
    let (status, _) = a
        .send(
            Method::POST,
            &format!("{requests}/{bob_follow}/approve"),
            &mia,
            None,
        )
        .await?;
    assert_eq!(status, 403);

    // The coordinator approves bob and rejects carol.
    let (status, body) = a
        .send(
            Method::POST,
            &format!("{requests}/{bob_follow}/approve"),
            &cora,
            None,
        )
        .await?;
    assert_eq!(status, 204, "{body}");
    let carol_follow = follow_id_of(&a, requests, &cora, &carol_handle).await;
    let (status, body) = a
        .send(
            Method::POST,
            &format!("{requests}/{carol_follow}/reject"),
            &cora,
            None,
        )
        .await?;
    assert_eq!(status, 204, "{body}");

    follow_state_becomes(
        &b,
        &bob,
        &kern.ap_id,
        |s| s == Some("accepted"),
        "bob accepted on B",
    )
    .await;
    follow_state_becomes(
        &b,
        &carol,
        &kern.ap_id,
        |s| s.is_none(),
        "carol's follow gone on B",
    )
    .await;
    assert_eq!(
        handles_at(&a, followers, &cora).await,
        vec![bob_handle.clone()]
    );
    assert!(handles_at(&a, requests, &cora).await.is_empty());

    b.stop().await;
    a.stop().await;
    Ok(())
}
