//! Removing and undoing through the pages (issue 19 §3): a solution and a dilemma are
//! removed in two steps (a page that says what goes, then the button), and the servers that
//! had them — here a plain ActivityPub follower — get a `Delete`; a follow of a collective
//! on another server is stopped from "Wie je volgt" and that server gets an `Undo`.

use crate::web_support::{PASSWORD, log_in};
use meent_domain::Role;
use meent_testkit::{FakePeer, eventually, start};
use reqwest::Method;
use serde_json::{Value, json};

/// A `kind` activity about `object` that reached `peer`, sent directly or announced by
/// the collective (then inside an `Announce`), with the object as an id or embedded.
fn posts_of(peer: &FakePeer, kind: &str, object: &str) -> Option<Value> {
    let about =
        |a: &Value| a["type"] == kind && (a["object"] == object || a["object"]["id"] == object);
    peer.inbox_posts()
        .into_iter()
        .find(|p| about(p) || (p["type"] == "Announce" && about(&p["object"])))
}

#[tokio::test]
async fn a_solution_and_a_dilemma_are_removed_and_a_remote_follow_stopped() -> anyhow::Result<()> {
    let a = start().await?;
    let huis = a.create_collective("huis", true).await?;
    let (anna_row, anna) = a
        .create_member("anna", Some((&huis, Role::Coordinator)))
        .await?;
    meent_app::accounts::set_password(a.ctx(), &anna_row, PASSWORD).await?;
    let buren = a.create_collective("buren", true).await?;
    let (ria_row, ria_token) = a.create_member("ria", Some((&huis, Role::Member))).await?;
    meent_app::members::join(a.ctx(), &ria_row, &buren, Role::Member).await?;
    meent_app::accounts::set_password(a.ctx(), &ria_row, PASSWORD).await?;
    let peer = FakePeer::start().await?;
    a.fake_follower(&peer, "gina", "huis").await?;
    let tuin = peer.add_group("tuin")?;
    crate::support::follow_fake_group(&a, &anna, &peer, &tuin, &peer.url("/accept/1")).await?;

    let (status, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/huis/dilemmas",
            &anna,
            Some(json!({ "title": "Wie beheert de sleutel?", "body": "Wie?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let (d_id, d_url) = (
        d["id"].as_i64().expect("id"),
        d["url"].as_str().expect("url").to_owned(),
    );
    let (status, s) = a
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{d_id}/solutions"),
            &anna,
            Some(json!({ "body": "Een sleutelkluis met code." })),
        )
        .await?;
    assert_eq!(status, 201, "{s}");
    let (s_id, s_url) = (
        s["id"].as_i64().expect("id"),
        s["url"].as_str().expect("url").to_owned(),
    );

    // Ria's other collective confirms it, then withdraws that through the page.
    let (status, confirmed) = a
        .send(
            Method::POST,
            &format!("/api/v1/solutions/{s_id}/confirmations"),
            &ria_token,
            Some(json!({ "collective": "buren", "account": "Werkte bij ons ook." })),
        )
        .await?;
    assert_eq!(status, 201, "{confirmed}");
    let c_url = confirmed["url"].as_str().expect("url").to_owned();
    let mut ria = log_in(&a, "ria").await;
    let page = ria.get(&format!("/d/{d_id}")).await?;
    assert!(page.body.contains("Bevestiging intrekken"), "{}", page.body);
    let withdrawn = ria
        .post(
            &format!("/r/{s_id}/confirm/withdraw"),
            &[("collective", "buren")],
        )
        .await?;
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.body);
    let (_, thread) = a.get(&format!("/api/v1/dilemmas/{d_id}"), None).await?;
    assert_eq!(thread["solutions"][0]["confirmations"], 0, "{thread}");
    eventually("the follower is sent the confirmation's Delete", || async {
        posts_of(&peer, "Delete", &c_url)
    })
    .await;

    // She values the solution, and takes that back with the same button.
    let liked = ria
        .post(&format!("/r/{s_id}/like"), &[("like", "true")])
        .await?;
    assert_eq!(liked.status, 303, "{}", liked.body);
    let page = ria.get(&format!("/d/{d_id}")).await?;
    assert!(page.body.contains("Waardering intrekken"), "{}", page.body);
    let (_, thread) = a.get(&format!("/api/v1/dilemmas/{d_id}"), None).await?;
    assert_eq!(thread["solutions"][0]["likes"], 1, "{thread}");
    ria.post(&format!("/r/{s_id}/like"), &[("like", "false")])
        .await?;
    let (_, thread) = a.get(&format!("/api/v1/dilemmas/{d_id}"), None).await?;
    assert_eq!(thread["solutions"][0]["likes"], 0, "{thread}");
    let page = ria.get(&format!("/d/{d_id}")).await?;
    assert!(!page.body.contains("Waardering intrekken"), "{}", page.body);

    // Someone else sees no way to remove them, and is refused if they try.
    let page = ria.get(&format!("/d/{d_id}")).await?;
    assert!(
        !page.body.contains(&format!("/r/{s_id}/delete")),
        "{}",
        page.body
    );
    assert_eq!(ria.get(&format!("/d/{d_id}/delete")).await?.status, 403);
    assert_eq!(
        ria.post(&format!("/r/{s_id}/delete"), &[]).await?.status,
        403
    );

    // The solution: the page says what goes, the button removes it here and there.
    let mut web = log_in(&a, "anna").await;
    let page = web.get(&format!("/d/{d_id}")).await?;
    assert!(
        page.body.contains(&format!("href=\"/r/{s_id}/delete\"")),
        "{}",
        page.body
    );
    let asked = web.get(&format!("/r/{s_id}/delete")).await?;
    assert!(
        asked.body.contains("Deze oplossing verwijderen?"),
        "{}",
        asked.body
    );
    assert!(
        asked.body.contains("Een sleutelkluis met code."),
        "{}",
        asked.body
    );
    let (_, thread) = a.get(&format!("/api/v1/dilemmas/{d_id}"), None).await?;
    assert_eq!(
        thread["solutions"].as_array().map(Vec::len),
        Some(1),
        "asking removed nothing"
    );
    let done = web.post(&format!("/r/{s_id}/delete"), &[]).await?;
    assert_eq!(done.status, 303, "{}", done.body);
    let (_, thread) = a.get(&format!("/api/v1/dilemmas/{d_id}"), None).await?;
    assert_eq!(thread["solutions"], json!([]), "{thread}");
    eventually("the follower is sent the solution's Delete", || async {
        posts_of(&peer, "Delete", &s_url)
    })
    .await;

    // The remote follow, from "Wie je volgt".
    let list = web.get("/follow").await?;
    assert!(list.body.contains("Niet meer volgen"), "{}", list.body);
    let (_, follows) = a.get("/api/v1/me/follows", Some(&anna)).await?;
    let tuin_here = follows
        .as_array()
        .and_then(|l| {
            l.iter()
                .find(|f| f["collective"]["url"] == tuin.id.as_str())
        })
        .and_then(|f| f["collective"]["id"].as_i64())
        .expect("the follow of tuin");
    let stopped = web
        .post("/follow/stop", &[("collective", &tuin_here.to_string())])
        .await?;
    assert_eq!(stopped.status, 303, "{}", stopped.body);
    let undo = eventually(
        "the group's server is sent an Undo of the Follow",
        || async {
            peer.inbox_posts()
                .into_iter()
                .find(|p| p["type"] == "Undo" && p["object"]["type"] == "Follow")
        },
    )
    .await;
    assert_eq!(undo["object"]["object"], tuin.id.as_str(), "{undo}");
    let list = web.get("/follow").await?;
    assert!(!list.body.contains("Niet meer volgen"), "{}", list.body);

    // The dilemma.
    let asked = web.get(&format!("/d/{d_id}/delete")).await?;
    assert!(
        asked.body.contains("Dit dilemma verwijderen?"),
        "{}",
        asked.body
    );
    let done = web.post(&format!("/d/{d_id}/delete"), &[]).await?;
    assert_eq!(done.status, 303, "{}", done.body);
    let (status, _) = a.get(&format!("/api/v1/dilemmas/{d_id}"), None).await?;
    assert_eq!(status, 404);
    eventually("the follower is sent the dilemma's Delete", || async {
        posts_of(&peer, "Delete", &d_url)
    })
    .await;
    Ok(())
}
