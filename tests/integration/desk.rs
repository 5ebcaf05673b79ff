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

/// One result as another instance answers a network search (`GET /api/v1/search/network`),
/// in the shape documented in docs/federation.md §19.
fn answered(
    peer: &FakePeer,
    n: u32,
    title: &str,
    (status, visibility): (&str, &str),
    theme: &str,
    solutions: i64,
    published: &str,
) -> Value {
    json!({
        "dilemma": {
            "id": 900 + n, "ap_id": peer.url(&format!("/post/{n}")), "local": true,
            "title": title, "language": "nl", "status": status, "visibility": visibility,
            "themes": [theme], "hashtags": [], "municipality": "Utrecht",
            "collective_id": 1, "collective_name": "tuin",
            "collective_display_name": "Tuinclub", "collective_ap_id": peer.url("/c/tuin"),
            "collective_kind": "residents_initiative", "solutions": solutions, "accepted": 0,
            "confirmations": 0, "accepted_solutions": [], "published": published
        },
        "score": 1.0, "title_html": title, "snippet_html": "", "snippet_from_solution": false
    })
}

fn wider_titles(wider: &Value) -> Vec<String> {
    wider["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["title"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn the_desk_looks_elsewhere_and_keeps_only_open_public_dilemmas() -> anyhow::Result<()> {
    // Another server that answers network searches with whatever it likes: it ignores the
    // filters it is asked with and sends a solved and an internal dilemma among open ones.
    let peer = FakePeer::start().await?;
    peer.serve(
        &peer.url("/api/v1/search/network"),
        json!({ "instance": peer.domain(), "hits": [
            answered(&peer, 1, "Wie bewaart de sleutel?", ("open", "public"), "keys_and_access", 0, "2026-10-01T10:00:00"),
            answered(&peer, 2, "Budget voor de tuin", ("open", "public"), "budgets_and_subsidies", 1, "2026-09-01T10:00:00"),
            answered(&peer, 3, "Al opgelost", ("solved", "public"), "keys_and_access", 2, "2026-08-01T10:00:00"),
            answered(&peer, 4, "Alleen voor leden", ("open", "internal"), "keys_and_access", 0, "2026-07-01T10:00:00"),
        ]}),
    );
    let hub = peer.url("/").to_string();
    let s = meent_testkit::start_with(|c| c.search.hubs = vec![hub]).await?;
    let lsa = s
        .create_collective_of_kind("lsa", true, CollectiveKind::SupportOrganisation)
        .await?;
    let (_, sanne) = s
        .create_member("sanne", Some((&lsa, Role::Coordinator)))
        .await?;
    let (_, piet) = s.create_member("piet", Some((&lsa, Role::Member))).await?;
    // A collective here that the organisation does not follow: not on the desk, but found.
    let (_, bob) = crate::support::collective_with_member(&s, "buurt", "bob").await;
    post(
        &s,
        &bob,
        "buurt",
        "Wie beheert het buurthuis?",
        "keys_and_access",
    )
    .await;

    let (status, desk) = s.get("/api/v1/collectives/lsa/desk", Some(&sanne)).await?;
    assert_eq!(status, 200, "{desk}");
    assert!(titles(&desk).is_empty(), "nothing followed: {desk}");
    let wider = eventually("the index has the local dilemma", || async {
        let (_, wider) = s
            .get("/api/v1/collectives/lsa/desk/network", Some(&sanne))
            .await
            .ok()?;
        (wider_titles(&wider).len() == 3).then_some(wider)
    })
    .await;
    // Never answered first, the oldest first; then the answered one.
    assert_eq!(
        wider_titles(&wider),
        vec![
            "Wie bewaart de sleutel?".to_owned(),
            "Wie beheert het buurthuis?".to_owned(),
            "Budget voor de tuin".to_owned(),
        ],
        "{wider}"
    );
    assert_eq!(wider["items"][0]["origin"], peer.domain(), "{wider}");
    assert!(wider["items"][0]["id"].is_null(), "no id here: {wider}");
    assert_eq!(wider["items"][1]["origin"], s.domain.as_str(), "{wider}");
    assert!(wider["items"][1]["id"].is_i64(), "{wider}");

    let (_, keys) = s
        .get(
            "/api/v1/collectives/lsa/desk/network?theme=keys_and_access",
            Some(&sanne),
        )
        .await?;
    assert_eq!(
        wider_titles(&keys),
        vec![
            "Wie bewaart de sleutel?".to_owned(),
            "Wie beheert het buurthuis?".to_owned(),
        ],
        "the other server's answer is filtered here too: {keys}"
    );
    let (status, _) = s
        .get("/api/v1/collectives/lsa/desk/network", Some(&piet))
        .await?;
    assert_eq!(status, 403, "for coordinators");
    Ok(())
}
