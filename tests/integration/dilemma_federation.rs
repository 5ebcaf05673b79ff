//! A dilemma travels: posted on A, answered from B, announced by A to C, accepted on A
//! (B and C see it solved) and confirmed from C (A counts it).

use meent_domain::Role;
use meent_testkit::{TestInstance, eventually, start_many};
use reqwest::Method;
use serde_json::{Value, json};

/// The local number, on `on`, of the dilemma with ActivityPub id `url`, once it arrived.
async fn arrived(on: &TestInstance, url: &str, what: &str) -> i64 {
    eventually(what, || async {
        let (_, list) = on.get("/api/v1/dilemmas?limit=100", None).await.ok()?;
        list.as_array()?
            .iter()
            .find(|d| d["url"] == url)
            .and_then(|d| d["id"].as_i64())
    })
    .await
}

async fn thread(on: &TestInstance, id: i64) -> Value {
    let (status, body) = on
        .get(&format!("/api/v1/dilemmas/{id}"), None)
        .await
        .expect("request");
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_dilemma_is_answered_accepted_and_confirmed_across_three_instances() -> anyhow::Result<()>
{
    let mut instances = start_many(3).await?;
    let c = instances.pop().unwrap();
    let b = instances.pop().unwrap();
    let a = instances.pop().unwrap();

    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let (_, cora) = a
        .create_member("cora", Some((&buurt, Role::Coordinator)))
        .await?;
    let (b_col, bob) = crate::support::collective_with_member(&b, "bcol", "bob").await;
    let (_, carl) = crate::support::collective_with_member(&c, "ccol", "carl").await;
    crate::support::follow_accepted(&b, &bob, &a.handle("buurt")).await;
    crate::support::follow_accepted(&c, &carl, &a.handle("buurt")).await;

    // A member of A posts a public dilemma; both followers' instances receive it.
    let (status, posted) = a
        .send(
            Method::POST,
            "/api/v1/collectives/buurt/dilemmas",
            &mia,
            Some(json!({
                "title": "Wie mag de sleutel van het buurthuis hebben?",
                "body": "De gemeente wil één sleutelhouder. Hoe regelen jullie dat?",
                "themes": ["keys_and_access"],
            })),
        )
        .await?;
    assert_eq!(status, 201, "{posted}");
    let url = posted["url"].as_str().unwrap().to_owned();
    let a_id = posted["id"].as_i64().unwrap();
    let b_id = arrived(&b, &url, "B receives the dilemma").await;
    let c_id = arrived(&c, &url, "C receives the dilemma").await;
    let on_b = thread(&b, b_id).await;
    assert_eq!(on_b["dilemma"]["title"], posted["title"]);
    assert_eq!(on_b["dilemma"]["themes"], json!(["keys_and_access"]));
    assert_eq!(on_b["collective"]["url"], buurt.ap_id);

    // A member on B answers; A stores it and announces it, so C gets it too.
    let (status, solution) = b
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{b_id}/solutions"),
            &bob,
            Some(json!({ "body": "Wij werken met een sleutelkluis en een rooster.", "from_experience": true, "speaks_for": "bcol" })),
        )
        .await?;
    assert_eq!(status, 201, "{solution}");
    let solution_url = solution["url"].as_str().unwrap().to_owned();
    let find = |t: &Value| {
        t["solutions"]
            .as_array()
            .and_then(|s| s.iter().find(|x| x["url"] == solution_url).cloned())
    };
    let on_a = eventually("A receives the solution", || async {
        find(&thread(&a, a_id).await)
    })
    .await;
    assert_eq!(on_a["from_experience"], true);
    assert_eq!(on_a["speaks_for"], b_col.ap_id);
    let on_c = eventually("C receives the solution through A's announce", || async {
        find(&thread(&c, c_id).await)
    })
    .await;

    // A's coordinator accepts it; B and C see the dilemma solved with that solution.
    let (status, accepted) = a
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{a_id}/accept"),
            &cora,
            Some(json!({ "solution_ids": [on_a["id"]] })),
        )
        .await?;
    assert_eq!(
        (status, accepted["status"].as_str()),
        (200, Some("solved")),
        "{accepted}"
    );
    for (name, on, id) in [("B", &b, b_id), ("C", &c, c_id)] {
        eventually(&format!("{name} shows the dilemma solved"), || async {
            let t = thread(on, id).await;
            let sol = find(&t)?;
            (t["dilemma"]["status"] == "solved" && sol["accepted"] == true).then_some(())
        })
        .await;
    }

    // A member on C confirms the solution for C's collective; A counts one confirmation.
    let (status, confirmation) = c
        .send(
            Method::POST,
            &format!("/api/v1/solutions/{}/confirmations", on_c["id"]),
            &carl,
            Some(json!({ "collective": "ccol", "account": "Bij ons werkte de sleutelkluis ook.", "facets": { "legalForm": "association" } })),
        )
        .await?;
    assert_eq!(status, 201, "{confirmation}");
    eventually("A counts one confirmation", || async {
        (find(&thread(&a, a_id).await)?["confirmations"] == 1).then_some(())
    })
    .await;
    // What C wrote, and for whom, is shown on every instance, not only counted.
    for (name, on, id) in [("A", &a, a_id), ("B", &b, b_id), ("C", &c, c_id)] {
        let shown = eventually(&format!("{name} shows C's account"), || async {
            let sol = find(&thread(on, id).await)?;
            (sol["confirmed_by"].as_array()?.len() == 1).then_some(sol)
        })
        .await;
        assert_eq!(
            shown["confirmed_by"][0]["account"], "<p>Bij ons werkte de sleutelkluis ook.</p>\n",
            "{name}: {shown}"
        );
        assert_eq!(
            shown["confirmed_by"][0]["collective"], "Collectief ccol",
            "{name}"
        );
        assert_eq!(
            shown["speaks_for_name"], "Collectief bcol",
            "{name}: {shown}"
        );
    }
    // C withdraws it: every instance forgets it.
    let (status, body) = c
        .send(
            Method::DELETE,
            &format!("/api/v1/solutions/{}/confirmations/ccol", on_c["id"]),
            &carl,
            None,
        )
        .await?;
    assert_eq!(status, 204, "{body}");
    for (name, on, id) in [("A", &a, a_id), ("B", &b, b_id), ("C", &c, c_id)] {
        eventually(&format!("{name} forgets the confirmation"), || async {
            let sol = find(&thread(on, id).await)?;
            (sol["confirmations"] == 0 && sol["confirmed_by"] == json!([])).then_some(())
        })
        .await;
    }

    // A like from B reaches A, which passes it on to C; taking it back undoes it.
    let (status, _) = b
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{b_id}/like"),
            &bob,
            None,
        )
        .await?;
    assert_eq!(status, 200);
    for (name, on, id) in [("A", &a, a_id), ("C", &c, c_id)] {
        eventually(&format!("{name} counts bob's like"), || async {
            (thread(on, id).await["likes"] == 1).then_some(())
        })
        .await;
    }
    let (status, _) = b
        .send(
            Method::DELETE,
            &format!("/api/v1/dilemmas/{b_id}/like"),
            &bob,
            None,
        )
        .await?;
    assert_eq!(status, 200);
    for (name, on, id) in [("A", &a, a_id), ("C", &c, c_id)] {
        eventually(&format!("{name} no longer counts the like"), || async {
            (thread(on, id).await["likes"] == 0).then_some(())
        })
        .await;
    }

    for i in [a, b, c] {
        i.stop().await;
    }
    Ok(())
}
