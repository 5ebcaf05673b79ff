//! Koppelen (issue 18): a support organisation's coordinator on S invites a collective on B
//! to answer a dilemma of A; B's coordinator is told and answers; A and S show the
//! invitation answered. A forged invitation is refused.

use meent_domain::{CollectiveKind, Role};
use meent_testkit::{FakePeer, TestInstance, eventually, fake_peer::activity, start_many};
use reqwest::Method;
use serde_json::json;

fn q(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The dilemma `url` as known on `on`, once it is.
pub(crate) async fn known_as(on: &TestInstance, token: &str, url: &str) -> i64 {
    eventually("the dilemma is known", || async {
        let (_, body) = on
            .get(&format!("/api/v1/search?q={}", q(url)), Some(token))
            .await
            .ok()?;
        body["resolved"]["dilemma"]["id"].as_i64()
    })
    .await
}

pub(crate) async fn answered_on(on: &TestInstance, id: i64, invited: &str, want: bool, what: &str) {
    eventually(what, || async {
        let (_, list) = on
            .get(&format!("/api/v1/dilemmas/{id}/invitations"), None)
            .await
            .ok()?;
        list.as_array()?
            .iter()
            .any(|i| i["invited"] == invited && i["answered"] == want)
            .then_some(())
    })
    .await
}

#[tokio::test]
async fn a_collective_elsewhere_is_invited_told_and_answers() -> anyhow::Result<()> {
    let mut instances = start_many(3).await?;
    let b = instances.pop().expect("B");
    let a = instances.pop().expect("A");
    let s = instances.pop().expect("S");
    let lsa = s
        .create_collective_of_kind("lsa", true, CollectiveKind::SupportOrganisation)
        .await?;
    let (_, sanne) = s
        .create_member("sanne", Some((&lsa, Role::Coordinator)))
        .await?;
    let (_, piet) = crate::support::collective_with_member(&s, "buurt", "piet").await;
    let (_, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    let buren = b.create_collective("buren", true).await?;
    let (bram_row, bram) = b
        .create_member("bram", Some((&buren, Role::Coordinator)))
        .await?;
    meent_app::accounts::set_password(b.ctx(), &bram_row, "een lange zin als wachtwoord")
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    crate::support::follow_accepted(&s, &sanne, &a.handle("huis")).await;

    let (status, dilemma) = a
        .send(
            Method::POST,
            "/api/v1/collectives/huis/dilemmas",
            &anna,
            Some(json!({ "title": "Wie beheert de sleutel?", "body": "Tips?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{dilemma}");
    let url = dilemma["url"].as_str().expect("url").to_owned();
    let a_id = dilemma["id"].as_i64().expect("id");
    let s_id = known_as(&s, &sanne, &url).await;

    // A member who coordinates nothing cannot invite; the support organisation's can.
    let target = json!({ "target": b.handle("buren") });
    let (status, _) = s
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{s_id}/invitations"),
            &piet,
            Some(target.clone()),
        )
        .await?;
    assert_eq!(status, 403);
    let (status, invitation) = s
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{s_id}/invitations"),
            &sanne,
            Some(target.clone()),
        )
        .await?;
    assert_eq!(status, 201, "{invitation}");
    assert_eq!(invitation["invited"], buren.ap_id.as_str());
    assert_eq!(invitation["answered"], false);
    // Its note is served at its id, as it was sent.
    let note: serde_json::Value = reqwest::Client::new()
        .get(invitation["url"].as_str().expect("url"))
        .header("Accept", "application/activity+json")
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    assert_eq!(note["type"], "Note", "{note}");
    assert_eq!(note["invitesTo"], url.as_str());
    assert_eq!(note["tag"][0]["href"], buren.ap_id.as_str());
    assert_eq!(note["attributedTo"], s.url("/u/sanne").as_str());
    let (status, _) = s
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{s_id}/invitations"),
            &sanne,
            Some(target),
        )
        .await?;
    assert_eq!(status, 409, "invited once");

    // B's coordinator is told; A shows the invitation, not answered yet.
    eventually("bram is told of the invitation", || async {
        meent_app::notifications::read_latest(b.ctx(), &bram_row)
            .await
            .ok()?
            .iter()
            .any(|n| n.kind == "invitation")
            .then_some(())
    })
    .await;
    answered_on(&a, a_id, &buren.ap_id, false, "A shows buren invited").await;

    // Bram answers for buren; A and S show the invitation answered.
    let b_id = known_as(&b, &bram, &url).await;
    let (status, solution) = b
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{b_id}/solutions"),
            &bram,
            Some(json!({ "body": "Wij gebruiken een sleutelkluis.", "from_experience": true, "speaks_for": "buren" })),
        )
        .await?;
    assert_eq!(status, 201, "{solution}");
    answered_on(
        &a,
        a_id,
        &buren.ap_id,
        true,
        "A shows the invitation answered",
    )
    .await;
    answered_on(
        &s,
        s_id,
        &buren.ap_id,
        true,
        "S shows the invitation answered",
    )
    .await;

    // A forged invitation (its note attributed to someone else) is refused.
    let peer = FakePeer::start().await?;
    let mo = peer.add_person("mo")?;
    let note = json!({
        "type": "Note",
        "id": peer.url("/notes/inv"),
        "attributedTo": peer.url("/u/someone"),
        "to": [a.url("/u/anna")],
        "tag": { "type": "Mention", "href": a.url("/u/anna") },
        "invitesTo": url,
        "content": "<p>kom helpen</p>",
    });
    let create = activity("Create", &peer.url("/create/inv"), &mo.id, note);
    assert_eq!(peer.post_signed(&mo, &a.url("/inbox"), &create).await?, 403);
    Ok(())
}
