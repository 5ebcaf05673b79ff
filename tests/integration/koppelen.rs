//! Koppelen end to end (issue 18, first acceptance check): A posts a dilemma; S's support
//! organisation sees it on its desk, gets B's collective suggested because B solved a
//! similar dilemma (an accepted solution, which S learned of by following B), and a person
//! on B who declared matching expertise; S invites B; B's coordinator is told on B and
//! answers; the dilemma on A and on S shows the invitation answered. A collective that
//! solved nothing similar is not suggested.

use crate::invitations::{answered_on, known_as};
use meent_domain::{CollectiveKind, Role};
use meent_testkit::{TestInstance, eventually, start_many};
use reqwest::Method;
use serde_json::{Value, json};

async fn ok(
    on: &TestInstance,
    method: Method,
    path: &str,
    token: &str,
    body: Value,
) -> anyhow::Result<Value> {
    let (status, body) = on.send(method, path, token, Some(body)).await?;
    anyhow::ensure!((200..300).contains(&status), "{path}: {status} {body}");
    Ok(body)
}

fn q(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn the_desk_suggests_who_solved_a_similar_dilemma_and_the_invitation_is_answered()
-> anyhow::Result<()> {
    let mut instances = start_many(3).await?;
    let b = instances.pop().expect("B");
    let a = instances.pop().expect("A");
    let s = instances.pop().expect("S");

    let lsa = s
        .create_collective_of_kind("lsa", true, CollectiveKind::SupportOrganisation)
        .await?;
    let (sanne_row, sanne) = s
        .create_member("sanne", Some((&lsa, Role::Coordinator)))
        .await?;
    meent_app::accounts::set_password(s.ctx(), &sanne_row, crate::web_support::PASSWORD)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let (_, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    let buren = b.create_collective("buren", true).await?;
    let (bram_row, bram) = b
        .create_member("bram", Some((&buren, Role::Coordinator)))
        .await?;
    meent_app::accounts::set_password(b.ctx(), &bram_row, "een lange zin als wachtwoord")
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    // A jurist on B declares expertise; another collective on B solved something else.
    let (_, bert) = b
        .create_member("bert", Some((&buren, Role::Member)))
        .await?;
    ok(
        &b,
        Method::PUT,
        "/api/v1/me/expertise",
        &bert,
        json!({ "themes": ["keys_and_access"], "description": "jurist, huurrecht" }),
    )
    .await?;
    let (status, body) = b
        .send(
            Method::PUT,
            "/api/v1/me/expertise",
            &bert,
            Some(json!({ "themes": ["no_such_theme"] })),
        )
        .await?;
    assert_eq!(status, 400, "{body}");
    let (_, tuin_token) = crate::support::collective_with_member(&b, "tuin", "tom").await;

    // B solved a similar dilemma (accepted); tuin solved an unrelated one.
    let solved = ok(
        &b,
        Method::POST,
        "/api/v1/collectives/buren/dilemmas",
        &bram,
        json!({ "title": "Wie mag de sleutel van het buurthuis beheren?",
                "body": "De sleutel van het buurthuis ligt bij één bewoner. Hoe regelen we sleutelbeheer eerlijk?",
                "themes": ["keys_and_access"] }),
    )
    .await?;
    let answer = ok(
        &b,
        Method::POST,
        &format!("/api/v1/dilemmas/{}/solutions", solved["id"]),
        &bram,
        json!({ "body": "Een sleutelkluis bij de deur, met een rooster van sleutelbeheerders.",
                "from_experience": true }),
    )
    .await?;
    ok(
        &b,
        Method::POST,
        &format!("/api/v1/dilemmas/{}/accept", solved["id"]),
        &bram,
        json!({ "solution_ids": [answer["id"]] }),
    )
    .await?;
    let garden = ok(
        &b,
        Method::POST,
        "/api/v1/collectives/tuin/dilemmas",
        &tuin_token,
        json!({ "title": "Wie giet de moestuin in de zomer?",
                "body": "Een gietrooster voor de moestuin in de vakantie.", "themes": ["volunteers_and_organisation"] }),
    )
    .await?;
    let garden_answer = ok(
        &b,
        Method::POST,
        &format!("/api/v1/dilemmas/{}/solutions", garden["id"]),
        &tuin_token,
        json!({ "body": "Een gietrooster op het prikbord." }),
    )
    .await?;
    ok(
        &b,
        Method::POST,
        &format!("/api/v1/dilemmas/{}/accept", garden["id"]),
        &tuin_token,
        json!({ "solution_ids": [garden_answer["id"]] }),
    )
    .await?;

    // A third collective on B solved it too; S does not follow it (it is found elsewhere).
    let (_, kees) = crate::support::collective_with_member(&b, "sleutelclub", "kees").await;
    let club = ok(
        &b,
        Method::POST,
        "/api/v1/collectives/sleutelclub/dilemmas",
        &kees,
        json!({ "title": "Wie beheert de sleutel van het buurthuis als iedereen er een wil?",
                "body": "Sleutelbeheer van ons buurthuis: te veel sleutels in omloop.",
                "themes": ["keys_and_access"] }),
    )
    .await?;
    let club_answer = ok(
        &b,
        Method::POST,
        &format!("/api/v1/dilemmas/{}/solutions", club["id"]),
        &kees,
        json!({ "body": "Een elektronisch slot met codes per vrijwilliger." }),
    )
    .await?;
    ok(
        &b,
        Method::POST,
        &format!("/api/v1/dilemmas/{}/accept", club["id"]),
        &kees,
        json!({ "solution_ids": [club_answer["id"]] }),
    )
    .await?;

    // S follows huis (for its desk) and buren and tuin (it learns what they solved).
    crate::support::follow_accepted(&s, &sanne, &a.handle("huis")).await;
    crate::support::follow_accepted(&s, &sanne, &b.handle("buren")).await;
    crate::support::follow_accepted(&s, &sanne, &b.handle("tuin")).await;
    let solved_on_s = known_as(&s, &sanne, solved["url"].as_str().expect("url")).await;
    eventually("S knows buren's dilemma is solved", || async {
        let (_, d) = s
            .get(&format!("/api/v1/dilemmas/{solved_on_s}"), Some(&sanne))
            .await
            .ok()?;
        (d["dilemma"]["status"] == "solved").then_some(())
    })
    .await;
    known_as(&s, &sanne, garden["url"].as_str().expect("url")).await;
    // S has met bert (a pasted handle), with what he declared.
    let (status, found) = s
        .get(
            &format!("/api/v1/search?q={}", q(&b.handle("bert"))),
            Some(&sanne),
        )
        .await?;
    assert_eq!(status, 200, "{found}");

    // A posts a dilemma; it is on S's desk.
    let dilemma = ok(
        &a,
        Method::POST,
        "/api/v1/collectives/huis/dilemmas",
        &anna,
        json!({ "title": "Wie beheert de sleutel van ons buurthuis?",
                "body": "De gemeente wil één sleutelhouder voor het buurthuis. Moet er een jurist bij komen?",
                "themes": ["keys_and_access"] }),
    )
    .await?;
    let url = dilemma["url"].as_str().expect("url").to_owned();
    let a_id = dilemma["id"].as_i64().expect("id");
    eventually("S's desk shows A's dilemma", || async {
        let (_, desk) = s
            .get("/api/v1/collectives/lsa/desk", Some(&sanne))
            .await
            .ok()?;
        desk.as_array()?
            .iter()
            .any(|d| d["dilemma"]["url"] == url.as_str())
            .then_some(())
    })
    .await;
    let s_id = known_as(&s, &sanne, &url).await;

    // Suggestions: buren (solved a similar dilemma), not tuin; bert (jurist, keys).
    let (status, body) = a
        .send(
            Method::GET,
            &format!("/api/v1/dilemmas/{a_id}/suggestions"),
            &crate::support::collective_with_member(&a, "ander", "otto")
                .await
                .1,
            None,
        )
        .await?;
    assert_eq!(
        status, 403,
        "a member of another collective sees none: {body}"
    );
    let suggestions = eventually("S suggests buren", || async {
        let (status, body) = s
            .get(
                &format!("/api/v1/dilemmas/{s_id}/suggestions"),
                Some(&sanne),
            )
            .await
            .ok()?;
        (status == 200 && !body["collectives"].as_array()?.is_empty()).then_some(body)
    })
    .await;
    let collectives = suggestions["collectives"].as_array().expect("collectives");
    assert_eq!(
        collectives[0]["collective"]["url"],
        buren.ap_id.as_str(),
        "{suggestions}"
    );
    assert_eq!(collectives[0]["solved"][0]["dilemma_id"], solved_on_s);
    assert_eq!(collectives[0]["invited"], false);
    assert!(
        collectives
            .iter()
            .all(|c| c["collective"]["url"] != b.url("/c/tuin").as_str()),
        "tuin solved nothing similar: {suggestions}"
    );
    let people = suggestions["people"].as_array().expect("people");
    let bert_suggested = people
        .iter()
        .find(|p| p["member"]["url"] == b.url("/u/bert").as_str())
        .unwrap_or_else(|| panic!("bert is suggested: {suggestions}"));
    assert_eq!(bert_suggested["themes"], json!(["keys_and_access"]));
    assert_eq!(bert_suggested["expertise"], "jurist, huurrecht");

    assert!(
        collectives
            .iter()
            .all(|c| c["collective"]["url"] != b.url("/c/sleutelclub").as_str()),
        "S does not know sleutelclub: {suggestions}"
    );
    // Asked for, the instances S knows are asked too: B answers with sleutelclub.
    let (status, wider) = s
        .get(
            &format!("/api/v1/dilemmas/{s_id}/suggestions?scope=network"),
            Some(&sanne),
        )
        .await?;
    assert_eq!(status, 200, "{wider}");
    let remote = wider["network"].as_array().expect("network");
    let club_url = b.url("/c/sleutelclub");
    let found = remote
        .iter()
        .find(|n| n["collective_url"] == club_url.as_str())
        .unwrap_or_else(|| panic!("sleutelclub is suggested from B: {wider}"));
    assert_eq!(found["solved"][0]["url"], club["url"]);
    assert!(
        remote
            .iter()
            .all(|n| n["collective_url"] != b.url("/c/tuin").as_str()),
        "{wider}"
    );
    let (status, _) = s
        .get(
            &format!("/api/v1/dilemmas/{s_id}/suggestions?scope=everywhere"),
            Some(&sanne),
        )
        .await?;
    assert_eq!(status, 400);

    // The dilemma's page on S offers them; one click invites buren.
    let mut sanne_web = crate::web_support::log_in(&s, "sanne").await;
    let page = sanne_web.get(&format!("/d/{s_id}")).await?;
    assert!(page.body.contains("Wie kan helpen?"), "{}", page.body);
    let asked = sanne_web.get(&format!("/d/{s_id}?suggest=network")).await?;
    assert!(
        asked
            .body
            .contains(&format!("name=\"target\" value=\"{club_url}\"")),
        "the page offers sleutelclub when asked: {}",
        asked.body
    );
    assert!(
        page.body
            .contains(&format!("name=\"target\" value=\"{}\"", buren.ap_id)),
        "a one-click invitation of buren: {}",
        page.body
    );
    let invited = sanne_web
        .post(
            &format!("/d/{s_id}/invitations"),
            &[("target", buren.ap_id.as_str())],
        )
        .await?;
    assert_eq!(invited.status, 303, "{}", invited.body);
    let (_, again) = s
        .get(
            &format!("/api/v1/dilemmas/{s_id}/suggestions"),
            Some(&sanne),
        )
        .await?;
    assert_eq!(again["collectives"][0]["invited"], true, "{again}");
    eventually("bram is told of the invitation on B", || async {
        meent_app::notifications::read_latest(b.ctx(), &bram_row)
            .await
            .ok()?
            .iter()
            .any(|n| n.kind == "invitation")
            .then_some(())
    })
    .await;
    let b_id = known_as(&b, &bram, &url).await;
    ok(
        &b,
        Method::POST,
        &format!("/api/v1/dilemmas/{b_id}/solutions"),
        &bram,
        json!({ "body": "Wij werken met een sleutelkluis en een rooster.",
                "from_experience": true, "speaks_for": "buren" }),
    )
    .await?;
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
    Ok(())
}
