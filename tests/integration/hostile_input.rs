//! Hostile documents: HTML is cleaned before storing, oversized and forged ones are refused,
//! unknown kinds are acknowledged and ignored.

use meent_db::queries::replies;
use meent_domain::Role;
use meent_testkit::{TestInstance, eventually, sign_post, start_many};
use reqwest::Method;
use serde_json::{Value, json};

async fn post_signed(
    a: &TestInstance,
    key_id: &str,
    key: &str,
    body: Value,
) -> anyhow::Result<u16> {
    let body = serde_json::to_vec(&body)?;
    let url = a.url("/inbox");
    let signed = sign_post(&url, &body, key_id, key)?;
    let mut req = a.http.post(url).body(body);
    for (k, v) in signed.headers.iter().filter(|(k, _)| k != "host") {
        req = req.header(k, v);
    }
    Ok(req.send().await?.status().as_u16())
}

#[tokio::test]
async fn hostile_documents_are_cleaned_or_refused() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b = instances.pop().unwrap();
    let a = instances.pop().unwrap();
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let (bob, bob_token) = b.create_member("bob", None).await?;
    let key = bob.private_key.as_ref().expect("key").expose().to_owned();
    let key_id = format!("{}#main-key", bob.ap_id);
    let (_, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/buurt/dilemmas",
            &mia,
            Some(json!({ "title": "Sleutels", "body": "…", "themes": ["keys_and_access"] })),
        )
        .await?;
    let dilemma_url = d["url"].as_str().unwrap().to_owned();
    // A learns of bob.
    b.send(
        Method::POST,
        "/api/v1/me/follows",
        &bob_token,
        Some(json!({ "target": buurt.ap_id })),
    )
    .await?;
    let note = |id: &str, content: &str| {
        json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "type": "Create",
            "id": format!("{}activities/create/{id}", b.base),
            "actor": bob.ap_id,
            "to": [buurt.ap_id, "https://www.w3.org/ns/activitystreams#Public"],
            "object": {
                "type": "Note",
                "id": format!("{}r/hostile-{id}", b.base),
                "attributedTo": bob.ap_id,
                "to": [buurt.ap_id, "https://www.w3.org/ns/activitystreams#Public"],
                "audience": buurt.ap_id,
                "inReplyTo": dilemma_url,
                "content": content,
            }
        })
    };

    // Scripts, event handlers, javascript: links, iframes and styles are removed.
    let dirty = r#"<p style="color:red" onclick="x()">Sleutelkluis<script>alert(1)</script><img src="x.png" onerror="alert(1)"><a href="javascript:alert(1)">klik</a><iframe src="https://e.example"></iframe></p>"#;
    assert_eq!(post_signed(&a, &key_id, &key, note("1", dirty)).await?, 200);
    let stored = eventually("the note is stored", || async {
        let mut conn = a.ctx().db.get().await.ok()?;
        replies::by_ap_id(&mut conn.conn(), &format!("{}r/hostile-1", b.base))
            .await
            .ok()?
    })
    .await;
    for bad in [
        "<script",
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
        "style=",
    ] {
        assert!(
            !stored.content.contains(bad),
            "{bad} survived: {}",
            stored.content
        );
    }
    assert!(stored.content.contains("Sleutelkluis"));

    // 5 MiB of content is refused before it is read.
    let huge = "a".repeat(5 * 1024 * 1024);
    assert_eq!(post_signed(&a, &key_id, &key, note("2", &huge)).await?, 413);

    // A Note whose id is on another host than its actor is refused.
    let mut forged = note("3", "<p>namens een ander</p>");
    forged["object"]["id"] = json!("http://elders.example/r/3");
    let status = post_signed(&a, &key_id, &key, forged).await?;
    assert!(status == 400 || status == 403, "forged note gave {status}");
    let mut conn = a.ctx().db.get().await?;
    assert!(
        replies::by_ap_id(&mut conn.conn(), "http://elders.example/r/3")
            .await?
            .is_none()
    );
    drop(conn);

    // A Create of a kind Meent does not know is acknowledged and ignored.
    let mut question = note("4", "Poll?");
    question["object"]["type"] = json!("Question");
    assert_eq!(post_signed(&a, &key_id, &key, question).await?, 200);
    let mut conn = a.ctx().db.get().await?;
    assert!(
        replies::by_ap_id(&mut conn.conn(), &format!("{}r/hostile-4", b.base))
            .await?
            .is_none()
    );
    drop(conn);

    // A person's Announce (Mastodon's boost) is acknowledged and ignored.
    let boost = json!({
        "type": "Announce",
        "id": format!("{}activities/announce/boost-1", b.base),
        "actor": bob.ap_id,
        "object": dilemma_url,
    });
    assert_eq!(post_signed(&a, &key_id, &key, boost).await?, 200);

    // An answer to a thread the sender may not see is refused, even with the right id.
    let (_, hidden) = a
        .send(
            Method::POST,
            "/api/v1/collectives/buurt/dilemmas",
            &mia,
            Some(json!({ "title": "Intern", "body": "…", "themes": ["keys_and_access"], "visibility": "internal" })),
        )
        .await?;
    let mut sneaky = note("5", "<p>Ik lees mee</p>");
    sneaky["object"]["inReplyTo"] = hidden["url"].clone();
    let status = post_signed(&a, &key_id, &key, sneaky).await?;
    assert_eq!(
        status, 404,
        "an answer to an internal dilemma gave {status}"
    );
    let mut conn = a.ctx().db.get().await?;
    assert!(
        replies::by_ap_id(&mut conn.conn(), &format!("{}r/hostile-5", b.base))
            .await?
            .is_none()
    );
    drop(conn);

    a.stop().await;
    b.stop().await;
    Ok(())
}
