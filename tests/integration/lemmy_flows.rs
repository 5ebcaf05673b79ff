//! Flows with a Lemmy user, as a real Lemmy 1.0.0-beta.1 ran them against Meent (the fake
//! server sends what Lemmy sent: a comment, and its deletion by its author).

use meent_domain::Role;
use meent_testkit::{
    FakePeer, eventually,
    fake_peer::{activity, note},
    start,
};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn when_lemmy_deletes_the_accepted_solution_the_dilemma_is_open_again() -> anyhow::Result<()>
{
    let a = start().await?;
    let tuin = a.create_collective("tuin", true).await?;
    let (_, mia) = a
        .create_member("mia", Some((&tuin, Role::Coordinator)))
        .await?;
    let lemmy = FakePeer::start().await?;
    let alpha = lemmy.add_person("lemmy_alpha")?;
    let watcher = FakePeer::start().await?;
    a.fake_follower(&watcher, "volger", "tuin").await?;

    let (status, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/tuin/dilemmas",
            &mia,
            Some(
                json!({ "title": "Hoe verdelen we de moestuinbakken?", "body": "Twaalf bakken.",
                         "themes": ["volunteers_and_organisation"] }),
            ),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let id = d["id"].as_i64().expect("id");
    let dilemma_url = url::Url::parse(d["url"].as_str().expect("url"))?;

    // Lemmy's comment, as it sends one: to the community and Public, in reply to the post.
    let comment_url = lemmy.url("/comment/2");
    let mut comment = note(
        &comment_url,
        &alpha,
        &dilemma_url,
        &dilemma_url,
        "Wij loten elk voorjaar.",
    );
    comment["to"] = json!([
        a.url("/c/tuin").as_str(),
        "https://www.w3.org/ns/activitystreams#Public"
    ]);
    comment["audience"] = json!(a.url("/c/tuin").as_str());
    lemmy.serve(&comment_url, comment.clone());
    let create = activity(
        "Create",
        &lemmy.url("/activities/create/1"),
        &alpha.id,
        comment,
    );
    assert_eq!(
        lemmy.post_signed(&alpha, &a.url("/inbox"), &create).await?,
        200
    );

    let sid = eventually("the comment is a solution", || async {
        let (_, t) = a.get(&format!("/api/v1/dilemmas/{id}"), None).await.ok()?;
        t["solutions"][0]["id"].as_i64()
    })
    .await;
    let (status, body) = a
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{id}/accept"),
            &mia,
            Some(json!({ "solution_ids": [sid] })),
        )
        .await?;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "solved");

    // Its author deletes it on Lemmy.
    let mut delete = activity(
        "Delete",
        &lemmy.url("/activities/delete/1"),
        &alpha.id,
        json!(comment_url.as_str()),
    );
    delete["audience"] = json!(a.url("/c/tuin").as_str());
    lemmy.forget(&comment_url);
    assert_eq!(
        lemmy.post_signed(&alpha, &a.url("/inbox"), &delete).await?,
        200
    );

    let (_, thread) = a.get(&format!("/api/v1/dilemmas/{id}"), None).await?;
    assert_eq!(thread["dilemma"]["status"], "open", "{thread}");
    assert_eq!(thread["solutions"].as_array().map(Vec::len), Some(0));
    // The followers learn it too: an Update of the dilemma with its status open.
    eventually(
        "the followers are told the dilemma is open again",
        || async {
            watcher
                .inbox_posts()
                .iter()
                .any(|b| {
                    b["object"]["type"] == "Update" && b["object"]["object"]["status"] == "open"
                })
                .then_some(())
        },
    )
    .await;
    a.stop().await;
    lemmy.stop().await;
    watcher.stop().await;
    Ok(())
}
