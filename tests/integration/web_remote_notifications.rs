//! Notifications across instances (issue 4 §5): a dilemma's author is told of a solution
//! sent from elsewhere, and a member whose answer to another instance's dilemma is
//! accepted there is told so on their own instance.

use crate::web_support::{PASSWORD, log_in};
use meent_domain::Role;
use meent_testkit::{eventually, start_many};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn an_acceptance_elsewhere_is_a_notification_here() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b = instances.pop().expect("B");
    let a = instances.pop().expect("A");
    let buurt = a.create_collective("buurt", true).await?;
    let (mia_row, mia) = a
        .create_member("mia", Some((&buurt, Role::Coordinator)))
        .await?;
    meent_app::accounts::set_password(a.ctx(), &mia_row, PASSWORD).await?;
    let bcol = b.create_collective("bcol", true).await?;
    let (bob, bob_token) = b.create_member("bob", Some((&bcol, Role::Member))).await?;
    meent_app::accounts::set_password(b.ctx(), &bob, PASSWORD).await?;

    crate::support::follow_accepted(&b, &bob_token, &a.handle("buurt")).await;
    let (status, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/buurt/dilemmas",
            &mia,
            Some(
                json!({ "title": "Wie beheert de sleutels?", "body": "Te weinig sleutels.",
                         "themes": ["keys_and_access"], "language": "nl",
                         "visibility": "public" }),
            ),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let (a_id, url) = (d["id"].as_i64().expect("id"), d["url"].clone());
    let b_id = eventually("the dilemma reaches B", || async {
        let (_, list) = b.get("/api/v1/dilemmas?limit=100", None).await.ok()?;
        list.as_array()?
            .iter()
            .find(|x| x["url"] == url)?
            .get("id")?
            .as_i64()
    })
    .await;
    let (status, answer) = b
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{b_id}/solutions"),
            &bob_token,
            Some(json!({ "body": "Een sleutelkluis met code." })),
        )
        .await?;
    assert_eq!(status, 201, "{answer}");
    let on_a = eventually("the answer reaches A", || async {
        let (_, t) = a
            .get(&format!("/api/v1/dilemmas/{a_id}"), None)
            .await
            .ok()?;
        t["solutions"].as_array()?.first()?.get("id")?.as_i64()
    })
    .await;
    // The dilemma's author on A is told of the answer from B, under its author's name.
    let mut mia_web = log_in(&a, "mia").await;
    let page = mia_web.get("/notifications").await?;
    assert!(
        page.body.contains("bob gaf een oplossing voor je dilemma"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(&format!(
            "href=\"/d/{a_id}#solution-{on_a}\">Wie beheert de sleutels?</a>"
        )),
        "the notification names its dilemma: {}",
        page.body
    );

    let (status, accepted) = a
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{a_id}/accept"),
            &mia,
            Some(json!({ "solution_ids": [on_a] })),
        )
        .await?;
    assert_eq!(status, 200, "{accepted}");

    let mut web = log_in(&b, "bob").await;
    let page = web
        .get_until("/notifications", "Bob is told of the acceptance", |p| {
            p.body.contains("accepteerde je oplossing")
        })
        .await;
    assert!(page.body.contains("mia"), "{}", page.body);
    assert!(
        page.body.contains(">Wie beheert de sleutels?</a>"),
        "named on B as B stores it: {}",
        page.body
    );
    Ok(())
}
