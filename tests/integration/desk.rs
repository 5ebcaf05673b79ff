//! A support organisation's desk (issue 18): the open dilemmas of the collectives its
//! members follow on other instances (a Meent and a server that is not), longest without an
//! answer first, filterable by theme.

use meent_domain::{CollectiveKind, Role};
use meent_testkit::{
    FakePeer, TestInstance, eventually,
    fake_peer::{activity, page},
    start_many,
};
use reqwest::Method;
use serde_json::{Value, json};

async fn post(
    on: &TestInstance,
    token: &str,
    collective: &str,
    title: &str,
    theme: &str,
) -> String {
    let (status, body) = on
        .send(
            Method::POST,
            &format!("/api/v1/collectives/{collective}/dilemmas"),
            token,
            Some(json!({ "title": title, "body": "Wie weet raad?", "themes": [theme] })),
        )
        .await
        .expect("request");
    assert_eq!(status, 201, "{body}");
    body["url"].as_str().expect("url").to_owned()
}

fn titles(desk: &Value) -> Vec<String> {
    desk.as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["dilemma"]["title"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn the_desk_lists_open_dilemmas_longest_unanswered_first() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let a = instances.pop().expect("A");
    let s = instances.pop().expect("S");
    let lsa = s
        .create_collective_of_kind("lsa", true, CollectiveKind::SupportOrganisation)
        .await?;
    let (_, sanne) = s
        .create_member("sanne", Some((&lsa, Role::Coordinator)))
        .await?;
    let (_, piet) = s.create_member("piet", Some((&lsa, Role::Member))).await?;
    let (_, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    crate::support::follow_accepted(&s, &sanne, &a.handle("huis")).await;
    // A community on a server that is not Meent, with a question from weeks ago (its
    // `published` as that server sends it).
    let peer = FakePeer::start().await?;
    let (p, group) = (peer.add_person("p")?, peer.add_group("tuin")?);
    crate::support::follow_fake_group(&s, &sanne, &peer, &group, &peer.url("/accept/1")).await?;
    let old = page(
        &peer.url("/post/1"),
        &p,
        &group.id,
        "Oude vraag over de moestuin",
        "Wie?",
    );
    let create = activity("Create", &peer.url("/create/1"), &p.id, old);
    assert_eq!(peer.post_signed(&p, &s.url("/inbox"), &create).await?, 200);

    let sleutel = post(
        &a,
        &anna,
        "huis",
        "Sleutel van het buurthuis",
        "keys_and_access",
    )
    .await;
    post(
        &a,
        &anna,
        "huis",
        "Subsidie voor het buurtfeest",
        "budgets_and_subsidies",
    )
    .await;
    // The oldest question gets an answer from A's own member.
    let a_id = {
        let (_, list) = a
            .get("/api/v1/dilemmas?collective=huis", Some(&anna))
            .await?;
        list.as_array()
            .and_then(|l| l.iter().find(|d| d["url"] == sleutel.as_str()))
            .and_then(|d| d["id"].as_i64())
            .expect("the dilemma")
    };
    let (status, body) = a
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{a_id}/solutions"),
            &anna,
            Some(json!({ "body": "Een sleutelkluis.", "from_experience": true })),
        )
        .await?;
    assert_eq!(status, 201, "{body}");

    let expected = vec![
        "Oude vraag over de moestuin".to_owned(),
        "Subsidie voor het buurtfeest".to_owned(),
        "Sleutel van het buurthuis".to_owned(),
    ];
    let desk = eventually("S's desk has the three, the answered one last", || async {
        let (_, desk) = s
            .get("/api/v1/collectives/lsa/desk", Some(&sanne))
            .await
            .ok()?;
        (titles(&desk) == expected && desk[2]["answers"] == 1).then_some(desk)
    })
    .await;
    assert_eq!(desk[2]["answers"], 1, "{desk}");
    let (_, keys) = s
        .get(
            "/api/v1/collectives/lsa/desk?theme=keys_and_access",
            Some(&sanne),
        )
        .await?;
    assert_eq!(titles(&keys), vec!["Sleutel van het buurthuis".to_owned()]);
    let (status, _) = s.get("/api/v1/collectives/lsa/desk", Some(&piet)).await?;
    assert_eq!(status, 403, "for coordinators");
    Ok(())
}
