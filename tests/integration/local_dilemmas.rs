//! Dilemmas on one instance, through the API: who may post, see, answer, accept, confirm,
//! like, edit and delete. (Federation of dilemmas is tested separately.)

use meent_domain::Role;
use meent_testkit::{TestInstance, start};
use reqwest::Method;
use serde_json::{Value, json};

fn dilemma(title: &str, visibility: &str) -> Value {
    json!({
        "title": title,
        "body": "Wie mag de **sleutel** van het buurthuis hebben?\n\n<script>alert(1)</script>",
        "themes": ["keys_and_access", "working_with_the_municipality"],
        "hashtags": ["#Sleutelbeheer", "buurthuis"],
        "facets": { "municipality": "Utrecht", "buildingOwner": "municipality", "legalForm": "foundation" },
        "visibility": visibility,
    })
}

async fn post(a: &TestInstance, path: &str, token: &str, body: Value) -> (u16, Value) {
    a.send(Method::POST, path, token, Some(body))
        .await
        .expect("request")
}

#[tokio::test]
async fn dilemma_lifecycle_and_permissions() -> anyhow::Result<()> {
    let a = start().await?;
    let buurt = a.create_collective("buurt", true).await?;
    let andere = a.create_collective("andere", true).await?;
    let (_, cora) = a
        .create_member("cora", Some((&buurt, Role::Coordinator)))
        .await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let (_, otto) = a
        .create_member("otto", Some((&andere, Role::Member)))
        .await?;
    let (_, vera) = a.create_member("vera", None).await?;

    // Posting: members of the collective only, with valid input.
    let (status, _) = post(
        &a,
        "/api/v1/collectives/buurt/dilemmas",
        &vera,
        dilemma("x", "public"),
    )
    .await;
    assert_eq!(status, 403, "a non-member posted");
    let mut bad = dilemma("Sleutels", "public");
    bad["themes"] = json!(["cooking"]);
    assert_eq!(
        post(&a, "/api/v1/collectives/buurt/dilemmas", &mia, bad)
            .await
            .0,
        400
    );
    assert_eq!(
        post(
            &a,
            "/api/v1/collectives/buurt/dilemmas",
            &mia,
            dilemma("  ", "public")
        )
        .await
        .0,
        400
    );
    let (status, d) = post(
        &a,
        "/api/v1/collectives/buurt/dilemmas",
        &mia,
        dilemma("Wie beheert de sleutel?", "public"),
    )
    .await;
    assert_eq!(status, 201, "{d}");
    let id = d["id"].as_i64().unwrap();
    assert_eq!(d["status"], "open");
    assert_eq!(d["url"], a.url(&format!("/d/{id}")).as_str());
    assert_eq!(d["hashtags"], json!(["sleutelbeheer", "buurthuis"]));
    assert_eq!(d["facets"]["buildingOwner"], "municipality");
    let content = d["content"].as_str().unwrap();
    assert!(
        content.contains("<strong>sleutel</strong>") && !content.contains("script"),
        "{content}"
    );

    // Visibility.
    let (_, internal) = post(
        &a,
        "/api/v1/collectives/buurt/dilemmas",
        &mia,
        dilemma("Intern", "internal"),
    )
    .await;
    let (_, volgers) = post(
        &a,
        "/api/v1/collectives/buurt/dilemmas",
        &mia,
        dilemma("Voor volgers", "followers"),
    )
    .await;
    let internal = format!("/api/v1/dilemmas/{}", internal["id"]);
    let volgers = format!("/api/v1/dilemmas/{}", volgers["id"]);
    assert_eq!(a.get(&internal, None).await?.0, 404);
    assert_eq!(a.get(&internal, Some(&otto)).await?.0, 404);
    assert_eq!(a.get(&internal, Some(&cora)).await?.0, 200);
    assert_eq!(a.get(&volgers, Some(&otto)).await?.0, 404);
    let (status, _) = post(
        &a,
        "/api/v1/me/follows",
        &otto,
        json!({ "target": a.handle("buurt") }),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(
        a.get(&volgers, Some(&otto)).await?.0,
        200,
        "an approved follower sees followers-only"
    );
    let (_, public_list) = a.get("/api/v1/dilemmas", None).await?;
    assert_eq!(
        public_list.as_array().unwrap().len(),
        1,
        "only the public one is listed: {public_list}"
    );
    let (_, own_list) = a
        .get("/api/v1/dilemmas?collective=buurt", Some(&mia))
        .await?;
    assert_eq!(own_list.as_array().unwrap().len(), 3);

    // Answers and comments.
    let path = format!("/api/v1/dilemmas/{id}/solutions");
    let (status, by_otto) = post(&a, &path, &otto, json!({ "body": "Wij hebben een sleutelplan.", "from_experience": true, "speaks_for": "andere" })).await;
    assert_eq!(status, 201, "{by_otto}");
    assert_eq!(by_otto["speaks_for"], andere.ap_id);
    assert_eq!(
        post(
            &a,
            &path,
            &vera,
            json!({ "body": "x", "speaks_for": "andere" })
        )
        .await
        .0,
        403,
        "spoke for a collective not hers"
    );
    let (_, by_vera) = post(
        &a,
        &path,
        &vera,
        json!({ "body": "Vraag de gemeente om een sleutelkluis." }),
    )
    .await;
    let (otto_sol, vera_sol) = (
        by_otto["id"].as_i64().unwrap(),
        by_vera["id"].as_i64().unwrap(),
    );
    let (status, comment) = post(
        &a,
        &format!("/api/v1/replies/{otto_sol}/comments"),
        &mia,
        json!({ "body": "Hoe houden jullie bij wie hem heeft?" }),
    )
    .await;
    assert_eq!(status, 201, "{comment}");
    assert_eq!(comment["parent_id"], otto_sol);

    // Acceptance: the author or a coordinator only.
    let accept = format!("/api/v1/dilemmas/{id}/accept");
    assert_eq!(
        post(&a, &accept, &otto, json!({ "solution_ids": [otto_sol] }))
            .await
            .0,
        403
    );
    assert_eq!(
        post(
            &a,
            &accept,
            &mia,
            json!({ "solution_ids": [comment["id"]] })
        )
        .await
        .0,
        400,
        "a comment accepted"
    );
    let (status, solved) = post(&a, &accept, &mia, json!({ "solution_ids": [otto_sol] })).await;
    assert_eq!(
        (status, solved["status"].as_str()),
        (200, Some("solved")),
        "{solved}"
    );

    // Confirmation by another collective; not by the dilemma's own.
    let confirm = format!("/api/v1/solutions/{vera_sol}/confirmations");
    let (status, c) = post(&a, &confirm, &otto, json!({ "collective": "andere", "account": "Werkte bij ons ook.", "facets": { "legalForm": "association" } })).await;
    assert_eq!(status, 201, "{c}");
    assert_eq!(
        post(
            &a,
            &confirm,
            &mia,
            json!({ "collective": "buurt", "account": "ja" })
        )
        .await
        .0,
        400
    );
    assert_eq!(
        post(
            &a,
            &confirm,
            &vera,
            json!({ "collective": "andere", "account": "ja" })
        )
        .await
        .0,
        403
    );

    // Likes count once per member.
    let like = format!("/api/v1/dilemmas/{id}/like");
    assert_eq!(post(&a, &like, &vera, json!(null)).await.1["likes"], 1);
    assert_eq!(post(&a, &like, &vera, json!(null)).await.1["likes"], 1);
    assert_eq!(
        a.send(Method::DELETE, &like, &vera, None).await?.1["likes"],
        0
    );

    // The thread: accepted first, then most confirmed.
    let (_, thread) = a.get(&format!("/api/v1/dilemmas/{id}"), None).await?;
    let order: Vec<i64> = thread["solutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(order, vec![otto_sol, vera_sol], "{thread}");
    assert_eq!(thread["solutions"][0]["accepted"], true);
    assert_eq!(thread["solutions"][1]["confirmations"], 1);
    assert_eq!(thread["comments"].as_array().unwrap().len(), 1);

    // Editing, closing, reopening, deleting.
    let edit = format!("/api/v1/dilemmas/{id}");
    assert_eq!(
        a.send(Method::PUT, &edit, &otto, Some(dilemma("Anders", "public")))
            .await?
            .0,
        403
    );
    let (status, edited) = a
        .send(
            Method::PUT,
            &edit,
            &cora,
            Some(dilemma("Wie beheert de sleutels?", "public")),
        )
        .await?;
    assert_eq!(
        (status, edited["title"].as_str()),
        (200, Some("Wie beheert de sleutels?"))
    );
    assert_eq!(edited["status"], "solved", "an edit kept the status");
    assert_eq!(
        post(
            &a,
            &format!("/api/v1/dilemmas/{id}/close"),
            &mia,
            json!(null)
        )
        .await
        .1["status"],
        "closed"
    );
    assert_eq!(
        post(
            &a,
            &format!("/api/v1/dilemmas/{id}/reopen"),
            &mia,
            json!(null)
        )
        .await
        .1["status"],
        "solved"
    );
    assert_eq!(
        a.send(
            Method::DELETE,
            &format!("/api/v1/replies/{vera_sol}"),
            &otto,
            None
        )
        .await?
        .0,
        403
    );
    assert_eq!(
        a.send(
            Method::DELETE,
            &format!("/api/v1/replies/{vera_sol}"),
            &vera,
            None
        )
        .await?
        .0,
        204
    );
    assert_eq!(a.send(Method::DELETE, &edit, &mia, None).await?.0, 204);
    assert_eq!(a.get(&edit, Some(&mia)).await?.0, 404);

    a.stop().await;
    Ok(())
}

/// An edit that leaves out `visibility` (a client sending only what changed) keeps it: a
/// followers-only dilemma never turns public unasked. Seen while testing against real
/// peers: such an edit made it public.
#[tokio::test]
async fn an_edit_without_visibility_keeps_it() -> anyhow::Result<()> {
    let a = start().await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let (status, d) = post(
        &a,
        "/api/v1/collectives/buurt/dilemmas",
        &mia,
        dilemma("Huurverhoging", "followers"),
    )
    .await;
    assert_eq!(status, 201, "{d}");
    let mut edit = dilemma("Huurverhoging van dit jaar", "followers");
    edit.as_object_mut().map(|m| m.remove("visibility"));
    let path = format!("/api/v1/dilemmas/{}", d["id"]);
    let (status, edited) = a.send(Method::PUT, &path, &mia, Some(edit)).await?;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(
        (edited["title"].as_str(), edited["visibility"].as_str()),
        (Some("Huurverhoging van dit jaar"), Some("followers"))
    );
    // A new dilemma without it is public, as before.
    let mut new = dilemma("Sleutels", "public");
    new.as_object_mut().map(|m| m.remove("visibility"));
    let (status, created) = post(&a, "/api/v1/collectives/buurt/dilemmas", &mia, new).await;
    assert_eq!(
        (status, created["visibility"].as_str()),
        (201, Some("public"))
    );
    a.stop().await;
    Ok(())
}
