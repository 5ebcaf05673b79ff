//! Durable delivery: activities queued for a peer that is down survive a crash of the
//! sender and all arrive, once each, when the peer comes back.

use meent_db::queries::{deliveries, dilemmas, instances};
use meent_domain::Role;
use meent_testkit::{TestInstance, eventually, start_many};
use reqwest::Method;
use serde_json::json;

async fn remote_dilemmas(on: &TestInstance) -> usize {
    let mut conn = on.ctx().db.get().await.expect("connection");
    let list = dilemmas::list(
        &mut conn.conn(),
        dilemmas::ListFilter {
            collective_id: None,
            status: None,
            visibilities: &["public"],
            limit: 1000,
            offset: 0,
        },
    )
    .await
    .expect("list");
    list.iter().filter(|d| !d.local).count()
}

#[tokio::test]
async fn queued_activities_survive_a_crash_and_arrive_once() -> anyhow::Result<()> {
    const N: usize = 200;
    let mut instances = start_many(2).await?;
    let b = instances.pop().unwrap();
    let a = instances.pop().unwrap();
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let (_, bob) = b.create_member("bob", None).await?;
    crate::support::follow_accepted(&b, &bob, &a.handle("buurt")).await;

    // B goes down; A queues N dilemmas for it (each announced twice: as Create and as Page).
    let b_down = b.halt(false).await;
    for i in 0..N {
        let (status, body) = a
            .send(
                Method::POST,
                "/api/v1/collectives/buurt/dilemmas",
                &mia,
                Some(json!({ "title": format!("Dilemma {i}"), "body": "…", "themes": ["keys_and_access"] })),
            )
            .await?;
        assert_eq!(status, 201, "{body}");
    }
    // Failing, B goes into back-off; the deliveries wait, none is dropped.
    let b_host = b_down.domain().to_owned();
    eventually(
        "A has B in back-off, with every delivery still queued",
        || async {
            let mut conn = a.ctx().db.get().await.ok()?;
            let c = &mut conn.conn();
            let later = meent_db::now() + chrono::Duration::days(1);
            let queued = deliveries::due(c, later, 10_000).await.ok()?.len();
            let backing_off = instances::get(c, &b_host).await.ok()??.retry_at.is_some();
            (queued == 2 * N && backing_off).then_some(())
        },
    )
    .await;

    // A crashes and comes back on the same database; then B comes back.
    let a = a.halt(true).await.start().await?;
    let b = b_down.start().await?;
    // Four hundred deliveries and as many stored dilemmas: on PostgreSQL beside the rest of
    // the suite this took longer than the usual 30 seconds (seen in CI).
    let patience = std::time::Duration::from_secs(120);
    meent_testkit::eventually_within("all dilemmas reach B", patience, || async {
        (remote_dilemmas(&b).await == N).then_some(())
    })
    .await;
    eventually("A's queue empties", || async {
        let mut conn = a.ctx().db.get().await.ok()?;
        (deliveries::count(&mut conn.conn()).await.ok()? == 0).then_some(())
    })
    .await;
    assert_eq!(
        remote_dilemmas(&b).await,
        N,
        "a dilemma was lost, or stored twice (B deduplicates by activity id, so repeated \
         deliveries are counted at a fake inbox instead: delivery_engine.rs)"
    );
    let mut conn = a.ctx().db.get().await?;
    let health = instances::get(&mut conn.conn(), &b_host)
        .await?
        .expect("tracked");
    assert!(
        health.retry_at.is_none() && health.failures == 0,
        "{health:?}"
    );
    drop(conn);

    a.stop().await;
    b.stop().await;
    Ok(())
}
