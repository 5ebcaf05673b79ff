//! A peer that refuses what it is sent (answers 400, as Lemmy answered 13 of 21 deliveries
//! before its rules were followed) is seen by the administrator: counted per peer, with the
//! last refusal and the peer's own reason, in the API and under Beheer, and not retried.

use super::web_support::set_up;
use meent_domain::Role;
use meent_testkit::{FakePeer, eventually, start};
use reqwest::Method;
use serde_json::{Value, json};

const LEMMY_ERROR: &str = r#"{"error":"unknown","message":"Invalid(CannotReceivePage)"}"#;

#[tokio::test]
async fn a_refusing_peer_is_shown_to_the_administrator() -> anyhow::Result<()> {
    let a = start().await?;
    let mut admin_web = set_up(&a).await;
    let (_, admin) = a.create_admin("root").await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let peer = FakePeer::start().await?;
    a.fake_follower(&peer, "lemmy_alpha", "buurt").await?;
    peer.refuse_posts(400, LEMMY_ERROR);

    for title in ["Eerste vraag", "Tweede vraag", "Derde vraag"] {
        let (status, body) = a
            .send(
                Method::POST,
                "/api/v1/collectives/buurt/dilemmas",
                &mia,
                Some(json!({ "title": title, "body": "…", "themes": ["care_and_support"] })),
            )
            .await?;
        assert_eq!(status, 201, "{body}");
    }
    // Every activity refused (three dilemmas, each announced twice: as Create and bare).
    let listed = eventually("the refusals are counted", || async {
        let (_, list) = a.get("/api/v1/admin/instances", Some(&admin)).await.ok()?;
        list.as_array()?
            .iter()
            .find(|i| i["host"] == peer.domain() && i["refusals"].as_i64() >= Some(6))
            // The refused rows go in the same round; read once that round has ended (a
            // round still sending may hold rows counted a moment later).
            .filter(|i| i["queued"] == 0)
            .cloned()
    })
    .await;
    assert!(
        listed["last_refusal"]
            .as_str()
            .is_some_and(|r| r.starts_with("400 ") && r.contains("CannotReceivePage")),
        "{listed}"
    );
    assert!(listed["last_refusal_at"].is_string(), "{listed}");
    // A refusal is final: nothing stays queued (waited for above) and nothing is resent.
    // Each was sent once: a 400 is not retried.
    let announces = peer
        .inbox_posts()
        .into_iter()
        .filter(|b: &Value| b["type"] == "Announce")
        .count();
    assert_eq!(announces, 6);

    // Under Beheer, the administrator reads the peer, its refusals and its reason.
    let page = admin_web.get("/manage").await?;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&peer.domain()), "{}", page.body);
    assert!(page.body.contains("CannotReceivePage"), "{}", page.body);
    // A member who is not an administrator sees no such table.
    let (_, list) = a.get("/api/v1/admin/instances", Some(&mia)).await?;
    assert!(list.get("error").is_some(), "{list}");
    a.stop().await;
    peer.stop().await;
    Ok(())
}
