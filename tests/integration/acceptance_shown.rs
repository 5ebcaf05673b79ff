//! An accepted solution is visible where `meent:status` means nothing: a Lemmy follower and
//! a GoToSocial follower get the dilemma's text with a line saying it is solved, linking the
//! accepted solution (Lemmy shows `source`, GoToSocial `content`); a second Meent shows the
//! status itself and stores the member's text without that line; reopened, the line goes.

use super::support::{follow_accepted, serve_gotosocial_nodeinfo, serve_lemmy_nodeinfo};
use meent_db::queries::dilemmas;
use meent_domain::Role;
use meent_federation::conformance::{lemmy, microblog};
use meent_testkit::{FakePeer, TestInstance, eventually, start_many};
use reqwest::Method;
use serde_json::{Value, json};

async fn send(a: &TestInstance, path: &str, token: &str, body: Value) -> anyhow::Result<Value> {
    let (status, body) = a.send(Method::POST, path, token, Some(body)).await?;
    anyhow::ensure!((200..300).contains(&status), "{path}: {status} {body}");
    Ok(body)
}

/// The last Page at `peer` inside an Update (announced by the collective, or with `direct`
/// sent by the author) whose status is `status`, with the activity that carried it.
async fn page_with_status(
    peer: &FakePeer,
    what: &str,
    status: &str,
    direct: bool,
) -> (Value, Value) {
    eventually(what, || async {
        peer.inbox_posts().into_iter().rev().find_map(|b| {
            let update = match (direct, b["type"].as_str()) {
                (false, Some("Announce")) => b["object"].clone(),
                (true, Some("Update")) => b.clone(),
                _ => return None,
            };
            (update["type"] == "Update" && update["object"]["status"] == status)
                .then(|| (b.clone(), update["object"].clone()))
        })
    })
    .await
}

#[tokio::test]
async fn lemmy_and_gotosocial_read_that_a_dilemma_is_solved() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b = instances.pop().expect("b");
    let a = instances.pop().expect("a");
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a
        .create_member("mia", Some((&buurt, Role::Coordinator)))
        .await?;
    let (_, jan) = a.create_member("jan", Some((&buurt, Role::Member))).await?;
    let lemmy_host = FakePeer::start().await?;
    serve_lemmy_nodeinfo(&lemmy_host)?;
    a.fake_follower(&lemmy_host, "lemmy_alpha", "buurt").await?;
    let gts = FakePeer::start().await?;
    serve_gotosocial_nodeinfo(&gts)?;
    a.fake_follower(&gts, "gina", "buurt").await?;
    let (_, bob) = b.create_member("bob", None).await?;
    follow_accepted(&b, &bob, &a.handle("buurt")).await;

    let d = send(
        &a,
        "/api/v1/collectives/buurt/dilemmas",
        &mia,
        json!({ "title": "Wie beheert de sleutel?", "body": "Drie sleutels, *twintig* vrijwilligers.",
                "themes": ["keys_and_access"], "language": "nl" }),
    )
    .await?;
    let id = d["id"].as_i64().expect("id");
    let page_id = d["url"].as_str().expect("url").to_owned();
    let s = send(
        &a,
        &format!("/api/v1/dilemmas/{id}/solutions"),
        &jan,
        json!({ "body": "Een sleutelkastje met code." }),
    )
    .await?;
    let solution_url = s["url"].as_str().expect("url").to_owned();
    send(
        &a,
        &format!("/api/v1/dilemmas/{id}/accept"),
        &mia,
        json!({ "solution_ids": [s["id"]] }),
    )
    .await?;

    // Lemmy: the announced Update's post says it in its Markdown, which Lemmy shows.
    let (announce, page) =
        page_with_status(&lemmy_host, "Lemmy gets the solved post", "solved", false).await;
    lemmy::check(&announce).map_err(anyhow::Error::msg)?;
    let source = page["source"]["content"].as_str().unwrap_or_default();
    assert!(
        source.starts_with("Drie sleutels, *twintig* vrijwilligers."),
        "{source}"
    );
    assert!(
        source.ends_with(&format!(
            "**Opgelost** — [geaccepteerde oplossing]({solution_url})"
        )),
        "{source}"
    );
    // GoToSocial: the author's own Update, whose HTML says it.
    let (update, page) =
        page_with_status(&gts, "GoToSocial gets the solved post", "solved", true).await;
    microblog::check(&update, a.url("/u/mia").as_str(), None).map_err(anyhow::Error::msg)?;
    let content = page["content"].as_str().unwrap_or_default();
    assert!(content.contains("<strong>Opgelost</strong>"), "{content}");
    assert!(content.contains(&solution_url), "{content}");

    // B, another Meent: solved, and the member's text as written.
    let on_b = eventually("B stores the dilemma solved", || async {
        let mut conn = b.ctx().db.get().await.ok()?;
        dilemmas::by_ap_id(&mut conn.conn(), &page_id)
            .await
            .ok()?
            .filter(|d| d.status == "solved")
    })
    .await;
    assert!(!on_b.content.contains("Opgelost"), "{}", on_b.content);
    assert_eq!(on_b.source, "Drie sleutels, *twintig* vrijwilligers.");

    // Reopened (no accepted solution left): the line is gone.
    send(
        &a,
        &format!("/api/v1/dilemmas/{id}/accept"),
        &mia,
        json!({ "solution_ids": [] }),
    )
    .await?;
    let (_, page) =
        page_with_status(&lemmy_host, "Lemmy gets the reopened post", "open", false).await;
    let source = page["source"]["content"].as_str().unwrap_or_default();
    assert_eq!(source, "Drie sleutels, *twintig* vrijwilligers.");

    a.stop().await;
    b.stop().await;
    lemmy_host.stop().await;
    gts.stop().await;
    Ok(())
}
