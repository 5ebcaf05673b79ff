//! Everything a collective sends to a Lemmy follower, checked against what Lemmy requires
//! (`meent_federation::conformance::lemmy`, mirroring Lemmy 1.0.0-beta.1's protocol types):
//! a dilemma, its edit, an answer, a comment, a like, its acceptance, the deletion of the
//! answer and of the dilemma. The follower is a fake server, so every delivery is seen.

use super::support::{serve_lemmy_nodeinfo, stable_documents};
use meent_domain::Role;
use meent_federation::conformance::lemmy;
use meent_testkit::{FakePeer, eventually, start};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn every_activity_a_lemmy_follower_receives_is_one_lemmy_accepts() -> anyhow::Result<()> {
    let a = start().await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let (_, jan) = a.create_member("jan", None).await?;
    let lemmy_host = FakePeer::start().await?;
    serve_lemmy_nodeinfo(&lemmy_host)?;
    a.fake_follower(&lemmy_host, "lemmy_alpha", "buurt").await?;
    // A learns from NodeInfo that the follower runs Lemmy (and so sends it no bare Page).
    eventually("A knows the follower runs Lemmy", || async {
        let mut conn = a.ctx().db.get().await.ok()?;
        meent_db::queries::instances::get(&mut conn.conn(), &lemmy_host.domain())
            .await
            .ok()??
            .software
            .filter(|s| s == "lemmy")
    })
    .await;

    let send = |method: Method, path: String, token: String, body: Option<Value>| {
        let a = &a;
        async move {
            let (status, body) = a.send(method, &path, &token, body).await?;
            anyhow::ensure!((200..300).contains(&status), "{path}: {status} {body}");
            anyhow::Ok(body)
        }
    };
    let d = send(
        Method::POST,
        "/api/v1/collectives/buurt/dilemmas".into(),
        mia.clone(),
        Some(json!({ "title": "Wie beheert de sleutel?", "body": "Drie sleutels, twintig vrijwilligers.",
                     "themes": ["keys_and_access"], "language": "nl" })),
    )
    .await?;
    let id = d["id"].as_i64().expect("id");
    // A Create is rendered when it is delivered: the edit waits until it has arrived, or a
    // slow delivery (seen on PostgreSQL beside the whole suite) would carry the edited text.
    eventually("the new dilemma reaches the Lemmy follower", || async {
        lemmy_host
            .inbox_posts()
            .iter()
            .any(|b| b["object"]["type"] == "Create" && b["object"]["object"]["id"] == d["url"])
            .then_some(())
    })
    .await;
    send(
        Method::PUT,
        format!("/api/v1/dilemmas/{id}"),
        mia.clone(),
        Some(
            json!({ "title": "Wie beheert de sleutels?", "body": "Drie sleutels.",
                     "themes": ["keys_and_access"], "language": "nl" }),
        ),
    )
    .await?;
    let s = send(
        Method::POST,
        format!("/api/v1/dilemmas/{id}/solutions"),
        jan.clone(),
        Some(json!({ "body": "Een sleutelkluis met code." })),
    )
    .await?;
    let sid = s["id"].as_i64().expect("solution id");
    send(
        Method::POST,
        format!("/api/v1/replies/{sid}/comments"),
        mia.clone(),
        Some(json!({ "body": "Hoe vaak wissel je de code?" })),
    )
    .await?;
    send(
        Method::POST,
        format!("/api/v1/replies/{sid}/like"),
        mia.clone(),
        None,
    )
    .await?;
    send(
        Method::POST,
        format!("/api/v1/dilemmas/{id}/accept"),
        mia.clone(),
        Some(json!({ "solution_ids": [sid] })),
    )
    .await?;
    // A vote from a second Lemmy is passed on to the first, as public as the thread (a
    // vote carries no addressing of its own), and not back to the second.
    let other_lemmy = FakePeer::start().await?;
    let voter = other_lemmy.add_person("lemmy_beta")?;
    let mut vote = meent_testkit::fake_peer::activity(
        "Like",
        &other_lemmy.url("/activities/like/1"),
        &voter.id,
        json!(d["url"]),
    );
    if let Value::Object(map) = &mut vote {
        map.remove("to");
        map.remove("cc");
    }
    let status = other_lemmy
        .post_signed(&voter, &a.url("/inbox"), &vote)
        .await?;
    anyhow::ensure!((200..300).contains(&status), "vote: {status}");
    eventually("the vote is passed on to the first Lemmy", || async {
        lemmy_host
            .inbox_posts()
            .iter()
            .any(|b| b["object"]["actor"] == voter.id.as_str())
            .then_some(())
    })
    .await;
    send(
        Method::DELETE,
        format!("/api/v1/replies/{sid}"),
        jan.clone(),
        None,
    )
    .await?;
    // Deleting the accepted solution reopens the dilemma: that Update (in the name of who
    // deleted it) is rendered when it is delivered, so it has to arrive before the dilemma
    // is deleted, or it would be sent as nothing.
    let jan_url = a.url("/u/jan");
    eventually(
        "the reopening after the deletion reaches the Lemmy follower",
        || async {
            lemmy_host
                .inbox_posts()
                .iter()
                .any(|b| {
                    b["object"]["type"] == "Update" && b["object"]["actor"] == jan_url.as_str()
                })
                .then_some(())
        },
    )
    .await;
    send(
        Method::DELETE,
        format!("/api/v1/dilemmas/{id}"),
        mia.clone(),
        None,
    )
    .await?;

    // Wait until the last one (the dilemma's Delete) has arrived.
    eventually(
        "the dilemma's deletion reaches the Lemmy follower",
        || async {
            lemmy_host
                .inbox_posts()
                .iter()
                .any(|b| b["object"]["type"] == "Delete" && b["object"]["object"]["id"] == d["url"])
                .then_some(())
        },
    )
    .await;
    let received = lemmy_host.inbox_posts();
    let mut kinds = Vec::new();
    for body in &received {
        let kind = format!(
            "{}({})",
            body["type"].as_str().unwrap_or_default(),
            body["object"]["type"].as_str().unwrap_or_default()
        );
        lemmy::check(body).map_err(|e| anyhow::anyhow!("{kind}: {e}\n{body:#}"))?;
        kinds.push(kind);
    }
    for expected in [
        "Announce(Create)",
        "Announce(Update)",
        "Announce(Like)",
        "Announce(Delete)",
    ] {
        assert!(
            kinds.iter().any(|k| k == expected),
            "no {expected} in {kinds:?}"
        );
    }
    assert!(
        other_lemmy.inbox_posts().is_empty(),
        "the vote went back to the server it came from"
    );
    // What was sent, exactly, with addresses, ids and times made stable: a change to any
    // document Meent sends shows in review as a change to this snapshot.
    let stable = stable_documents(
        &received,
        &[
            (a.url("/").as_str(), "https://meent.test/"),
            (lemmy_host.url("/").as_str(), "https://lemmy.test/"),
            (other_lemmy.url("/").as_str(), "https://lemmy2.test/"),
        ],
    )?;
    insta::assert_json_snapshot!("sent_to_a_lemmy_follower", stable);
    a.stop().await;
    lemmy_host.stop().await;
    other_lemmy.stop().await;
    Ok(())
}

/// The rules themselves, against documents as Meent sent them before they were fixed: each
/// is refused for the reason a real Lemmy gave.
#[test]
fn the_lemmy_rules_refuse_what_lemmy_refused() {
    let page = json!({
        "type": "Page", "id": "https://meent.example/d/1",
        "attributedTo": "https://meent.example/u/mia",
        "to": ["https://www.w3.org/ns/activitystreams#Public"], "name": "Sleutel",
        "content": "<p>x</p>", "mediaType": "text/html",
        "language": { "identifier": "nl" }
    });
    let create = |page: Value, cc: Option<Value>| {
        let mut c = json!({
            "type": "Create", "id": "https://meent.example/activities/create/1",
            "actor": "https://meent.example/u/mia",
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "object": page
        });
        if let Some(cc) = cc {
            c["cc"] = cc;
        }
        json!({
            "type": "Announce", "id": "https://meent.example/activities/announce/1",
            "actor": "https://meent.example/c/buurt",
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "cc": ["https://meent.example/c/buurt/followers"],
            "object": c
        })
    };
    let err = lemmy::check(&create(page.clone(), Some(json!([])))).expect_err("no language name");
    assert!(err.contains("name"), "{err}");
    let mut named = page.clone();
    named["language"]["name"] = json!("Nederlands");
    let err = lemmy::check(&create(named.clone(), None)).expect_err("no cc");
    assert!(err.contains("cc"), "{err}");
    assert!(lemmy::check(&create(named, Some(json!([])))).is_ok());

    let delete = json!({
        "type": "Announce", "id": "https://meent.example/activities/announce/2",
        "actor": "https://meent.example/c/buurt",
        "to": ["https://meent.example/c/buurt/followers"], "cc": [],
        "object": { "type": "Delete", "id": "https://meent.example/activities/delete/1",
                    "actor": "https://meent.example/u/mia",
                    "to": ["https://meent.example/c/buurt"],
                    "object": { "type": "Tombstone", "id": "https://meent.example/d/1" } }
    });
    let err = lemmy::check(&delete).expect_err("not public");
    assert!(err.contains("object_is_not_public"), "{err}");
}
