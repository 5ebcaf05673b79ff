//! Followers-only dilemmas reach approved followers only; internal ones never leave.

use meent_db::queries::dilemmas;
use meent_domain::Role;
use meent_testkit::{TestInstance, eventually, start_many};
use reqwest::Method;
use serde_json::json;

async fn known(on: &TestInstance, url: &str) -> Option<dilemmas::DilemmaRow> {
    let mut conn = on.ctx().db.get().await.ok()?;
    dilemmas::by_ap_id(&mut conn.conn(), url).await.ok()?
}

#[tokio::test]
async fn followers_only_reaches_followers_and_internal_stays_home() -> anyhow::Result<()> {
    let mut instances = start_many(3).await?;
    let c = instances.pop().unwrap();
    let b = instances.pop().unwrap();
    let a = instances.pop().unwrap();
    let kern = a.create_collective("kern", true).await?;
    let (_, mia) = a.create_member("mia", Some((&kern, Role::Member))).await?;
    let (_, bob) = b.create_member("bob", None).await?;
    crate::support::follow_accepted(&b, &bob, &a.handle("kern")).await;

    let post = |title: &str, visibility: &str| json!({ "title": title, "body": "…", "themes": ["care_and_support"], "visibility": visibility });
    let (_, internal) = a
        .send(
            Method::POST,
            "/api/v1/collectives/kern/dilemmas",
            &mia,
            Some(post("Intern", "internal")),
        )
        .await?;
    let (_, followers) = a
        .send(
            Method::POST,
            "/api/v1/collectives/kern/dilemmas",
            &mia,
            Some(post("Voor volgers", "followers")),
        )
        .await?;
    // A public one posted last: once it has arrived, everything sent before it has too.
    let (_, public) = a
        .send(
            Method::POST,
            "/api/v1/collectives/kern/dilemmas",
            &mia,
            Some(post("Openbaar", "public")),
        )
        .await?;
    let url = |v: &serde_json::Value| v["url"].as_str().unwrap().to_owned();

    eventually("B receives the public dilemma", || async {
        known(&b, &url(&public)).await
    })
    .await;
    // Deliveries are not ordered: wait for this one too.
    let on_b = eventually("B receives the followers-only dilemma", || async {
        known(&b, &url(&followers)).await
    })
    .await;
    assert_eq!(on_b.visibility, "followers");
    // Once A's queue is empty, whatever it sent has arrived: what is missing was not sent.
    eventually("A's queue empties", || async {
        let mut conn = a.ctx().db.get().await.ok()?;
        (meent_db::queries::deliveries::count(&mut conn.conn())
            .await
            .ok()?
            == 0)
            .then_some(())
    })
    .await;
    assert!(
        known(&b, &url(&internal)).await.is_none(),
        "an internal dilemma left A"
    );
    assert!(
        known(&c, &url(&followers)).await.is_none(),
        "a non-follower received it"
    );

    // Followers-only: served to a request signed by the follower's server, not to another
    // server, and an unsigned request is asked to sign (401).
    let settings = meent_federation::FederationSettings {
        debug: true,
        request_timeout: std::time::Duration::from_secs(5),
        backfill: Default::default(),
    };
    let followers_url = url::Url::parse(&url(&followers))?;
    let from_b = meent_federation::build(b.ctx().clone(), &settings)
        .await?
        .to_request_data();
    let (status, body) = meent_federation::fetch::signed_get(&from_b, &followers_url).await?;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Voor volgers"), "{body}");
    let from_c = meent_federation::build(c.ctx().clone(), &settings)
        .await?
        .to_request_data();
    let (status, _) = meent_federation::fetch::signed_get(&from_c, &followers_url).await?;
    assert!(
        status == 403 || status == 404,
        "a non-follower's server got {status}"
    );
    let unsigned = a
        .http
        .get(followers_url.clone())
        .header("Accept", "application/activity+json")
        .send()
        .await?;
    assert!(
        unsigned.status() == 401 || unsigned.status() == 404,
        "unsigned got {}",
        unsigned.status()
    );

    // Internal: never served; followers-only: not to an unsigned request.
    for v in [&internal, &followers] {
        let id = v["id"].as_i64().unwrap();
        for path in [format!("/d/{id}"), format!("/d/{id}/context")] {
            let resp = a
                .http
                .get(a.url(&path))
                .header("Accept", "application/activity+json")
                .send()
                .await?;
            assert!(
                resp.status() == 404 || resp.status() == 401,
                "{path}: {}",
                resp.status()
            );
        }
    }
    // The public thread's context lists only public things.
    let id = public["id"].as_i64().unwrap();
    let context: serde_json::Value = a
        .http
        .get(a.url(&format!("/d/{id}/context")))
        .header("Accept", "application/activity+json")
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(context["orderedItems"], json!([url(&public)]));

    // A public dilemma made internal afterwards is withdrawn from B, as if deleted.
    let public_id = public["id"].as_i64().unwrap();
    let (status, body) = a
        .send(
            Method::PUT,
            &format!("/api/v1/dilemmas/{public_id}"),
            &mia,
            Some(post("Openbaar, nu intern", "internal")),
        )
        .await?;
    assert_eq!(status, 200, "{body}");
    eventually("B withdraws the dilemma made internal", || async {
        known(&b, &url(&public)).await.filter(|d| d.deleted)
    })
    .await;
    let withdrawn = known(&b, &url(&public))
        .await
        .expect("the row stays, deleted");
    assert!(
        !withdrawn.title.contains("intern"),
        "the internal version's text never left A: {withdrawn:?}"
    );

    for i in [a, b, c] {
        i.stop().await;
    }
    Ok(())
}

#[tokio::test]
async fn a_new_follower_backfills_recent_public_dilemmas_from_the_outbox() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b = instances.pop().unwrap();
    let a = instances.pop().unwrap();
    let kern = a.create_collective("kern", true).await?;
    let (_, mia) = a.create_member("mia", Some((&kern, Role::Member))).await?;
    let mut posted = Vec::new();
    for (title, visibility) in [
        ("Eerder", "public"),
        ("Binnenskamers", "internal"),
        ("Ook eerder", "public"),
    ] {
        let (status, d) = a
            .send(
                Method::POST,
                "/api/v1/collectives/kern/dilemmas",
                &mia,
                Some(json!({ "title": title, "body": "…", "themes": ["care_and_support"], "visibility": visibility })),
            )
            .await?;
        assert_eq!(status, 201, "{d}");
        posted.push(d["url"].as_str().unwrap().to_owned());
    }
    // The outbox lists the public ones only.
    let outbox: serde_json::Value = a
        .http
        .get(a.url("/c/kern/outbox"))
        .header("Accept", "application/activity+json")
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(outbox["totalItems"], 2, "{outbox}");

    let (_, bob) = b.create_member("bob", None).await?;
    let (status, _) = b
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &bob,
            Some(json!({ "target": a.handle("kern") })),
        )
        .await?;
    assert_eq!(status, 201);
    eventually("B backfills both public dilemmas", || async {
        (known(&b, &posted[0]).await.is_some() && known(&b, &posted[2]).await.is_some())
            .then_some(())
    })
    .await;
    assert!(
        known(&b, &posted[1]).await.is_none(),
        "an internal dilemma was backfilled"
    );
    a.stop().await;
    b.stop().await;
    Ok(())
}
