//! Learning programmes (issue 18) across three instances and a plain ActivityPub follower:
//! S (a support organisation) builds a programme of three steps pointing at a dilemma on
//! A, a solution on B and a session on S; a server that knows nothing of Meent receives an
//! `Article` whose `content` lists the steps as links; a collective on B follows it and
//! marks step 1 done, and S's curator sees that progress. Hostile messages (progress from
//! a non-follower, a forged change of the programme) change nothing.

use chrono::{Datelike, NaiveDate, Utc};
use meent_domain::{CollectiveKind, Role};
use meent_testkit::{FakePeer, TestInstance, eventually, start_many};
use reqwest::Method;
use serde_json::{Value, json};

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

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

/// The programme `url` as known on `on` (resolved by pasting its URL): its number there.
async fn programme_on(on: &TestInstance, token: &str, url: &str) -> anyhow::Result<i64> {
    let (status, body) = on
        .get(&format!("/api/v1/search?q={}", urlencode(url)), Some(token))
        .await?;
    anyhow::ensure!(status == 200, "{status} {body}");
    anyhow::ensure!(body["resolved"]["kind"] == "programme", "{body}");
    body["resolved"]["programme"]["id"]
        .as_i64()
        .ok_or_else(|| anyhow::anyhow!("no id: {body}"))
}

/// The programme `id` on `on` as `token` sees it, once `want` holds.
async fn programme_becomes(
    on: &TestInstance,
    token: &str,
    id: i64,
    what: &str,
    want: impl Fn(&Value) -> bool,
) -> Value {
    eventually(what, || async {
        let (status, body) = on
            .get(&format!("/api/v1/programmes/{id}"), Some(token))
            .await
            .ok()?;
        (status == 200 && want(&body)).then_some(body)
    })
    .await
}

#[tokio::test]
async fn a_programme_across_three_instances_is_followed_and_its_progress_reaches_the_curator()
-> anyhow::Result<()> {
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
    let (_, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    let (_, bram) = crate::support::collective_with_member(&b, "buren", "bram").await;
    // A server that knows nothing of Meent follows the support organisation.
    let plain = FakePeer::start().await?;
    let follower = s.fake_follower(&plain, "pim", "lsa").await?;

    let dilemma = ok(
        &a,
        Method::POST,
        "/api/v1/collectives/huis/dilemmas",
        &anna,
        json!({ "title": "Wie beheert de sleutel van het buurthuis?",
                "body": "De gemeente wil één sleutelhouder.", "themes": ["keys_and_access"] }),
    )
    .await?;
    let dilemma_url = dilemma["url"].as_str().expect("url").to_owned();
    let own = ok(
        &b,
        Method::POST,
        "/api/v1/collectives/buren/dilemmas",
        &bram,
        json!({ "title": "Hoe verdelen we de sleutels?", "body": "Met een rooster?",
                "themes": ["keys_and_access"] }),
    )
    .await?;
    let solution = ok(
        &b,
        Method::POST,
        &format!("/api/v1/dilemmas/{}/solutions", own["id"]),
        &bram,
        json!({ "body": "Een sleutelkastje met code, en een rooster op de deur." }),
    )
    .await?;
    let solution_url = solution["url"].as_str().expect("url").to_owned();
    let day = NaiveDate::from_ymd_opt(Utc::now().year() + 1, 3, 10).expect("a date");
    let session = ok(
        &s,
        Method::POST,
        "/api/v1/collectives/lsa/sessions",
        &sanne,
        json!({ "title": "Sleutelavond", "mode": "online",
                "starts_at": format!("{day}T19:30"), "ends_at": format!("{day}T21:00"),
                "meeting_link": "https://meet.example/sleutel", "dilemmas": [dilemma_url] }),
    )
    .await?;
    let session_url = session["url"].as_str().expect("url").to_owned();

    // Only a coordinator of a support organisation curates; a target must be findable.
    let steps = json!([
        { "text": "Lees hoe huis het sleutelprobleem beschrijft.", "target": dilemma_url },
        { "text": "Kijk hoe buren het oploste.", "target": solution_url },
        { "text": "Praat mee op de sleutelavond.", "target": session_url },
    ]);
    let (status, body) = a
        .send(
            Method::POST,
            "/api/v1/collectives/huis/programmes",
            &anna,
            Some(json!({ "title": "Sleutels", "steps": steps })),
        )
        .await?;
    assert_eq!(
        status, 403,
        "a residents' collective curates no programmes: {body}"
    );
    let (status, body) = s
        .send(
            Method::POST,
            "/api/v1/collectives/lsa/programmes",
            &sanne,
            Some(json!({ "title": "Sleutels", "steps": [
                { "text": "Nergens heen", "target": "javascript:alert(1)" }] })),
        )
        .await?;
    assert_eq!(status, 400, "{body}");
    let programme = ok(
        &s,
        Method::POST,
        "/api/v1/collectives/lsa/programmes",
        &sanne,
        json!({ "title": "Sleutelbeheer in drie stappen",
                "description": "Voor collectieven die **een ruimte** beheren.",
                "themes": ["keys_and_access"], "steps": steps }),
    )
    .await?;
    let programme_url = programme["url"].as_str().expect("url").to_owned();
    let id_on_s = programme["id"].as_i64().expect("id");

    // The plain follower gets an Article it can show: each step a link in `content`.
    let article = eventually("the plain follower receives the programme", || async {
        plain.inbox_posts().into_iter().find_map(|b| {
            (b["type"] == "Create" && b["object"]["type"] == "Article").then(|| b["object"].clone())
        })
    })
    .await;
    assert_eq!(article["id"], programme_url.as_str());
    assert_eq!(article["name"], "Sleutelbeheer in drie stappen");
    assert_eq!(article["attributedTo"], s.url("/c/lsa").as_str());
    let content = article["content"].as_str().expect("content");
    for target in [&dilemma_url, &solution_url, &session_url] {
        assert!(
            content.contains(&format!("<a href=\"{target}\">")),
            "{target} is a link in {content}"
        );
    }
    assert!(content.contains("Kijk hoe buren het oploste."), "{content}");
    assert!(content.contains("<strong>een ruimte</strong>"), "{content}");
    assert_eq!(
        article["steps"].as_array().map(Vec::len),
        Some(3),
        "{article}"
    );
    assert_eq!(article["steps"][1]["href"], solution_url.as_str());
    assert!(
        article["to"].as_array().is_some_and(|to| to
            .iter()
            .any(|t| t == "https://www.w3.org/ns/activitystreams#Public")),
        "{article}"
    );

    // S shows the steps by their titles, as stored there (fetched when the programme was made).
    let detail = programme_becomes(&s, &sanne, id_on_s, "S shows the steps", |_| true).await;
    let kinds: Vec<&str> = detail["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|st| st["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["dilemma", "solution", "session"], "{detail}");
    assert_eq!(
        detail["steps"][0]["title"],
        "Wie beheert de sleutel van het buurthuis?"
    );

    // B opens it by its address and its collective follows it; S accepts.
    let id_on_b = programme_on(&b, &bram, &programme_url).await?;
    let on_b = programme_becomes(&b, &bram, id_on_b, "B has the steps", |p| {
        p["steps"].as_array().map(Vec::len) == Some(3)
    })
    .await;
    assert_eq!(on_b["steps"][2]["target"], session_url.as_str());
    // B fetches what the steps point at (A's dilemma, S's session) to name them.
    programme_becomes(&b, &bram, id_on_b, "B names every step", |p| {
        p["steps"]
            .as_array()
            .is_some_and(|s| s.iter().all(|st| st["title"].is_string()))
    })
    .await;
    // Programmes are in the search index of each instance that has them, with a type
    // filter, and never among the dilemmas.
    for (on, what) in [(&s, "S finds the programme"), (&b, "B finds the programme")] {
        let found = eventually(what, || async {
            let (_, body) = on
                .get("/api/v1/search?q=ruimte&type=programme", None)
                .await
                .ok()?;
            (body["programme_total"] == 1).then_some(body)
        })
        .await;
        assert_eq!(found["programmes"][0]["url"], programme_url.as_str());
        assert_eq!(found["programmes"][0]["steps"], 3);
        assert_eq!(found["hits"], json!([]));
    }
    let (_, both) = s.get("/api/v1/search?q=hoe", None).await?;
    assert_eq!(
        both["programmes"][0]["url"],
        programme_url.as_str(),
        "{both}"
    );
    assert!(
        both["hits"]
            .as_array()
            .is_some_and(|h| !h.is_empty() && h.iter().all(|h| h["url"] != programme_url.as_str())),
        "{both}"
    );
    let (_, dilemmas) = s.get("/api/v1/search?q=hoe&type=dilemma", None).await?;
    assert_eq!(dilemmas["programmes"], json!([]), "{dilemmas}");
    let (_, open_only) = s.get("/api/v1/search?q=hoe&status=open", None).await?;
    assert_eq!(
        open_only["programmes"],
        json!([]),
        "a dilemma-only filter: {open_only}"
    );
    let (status, _) = s.get("/api/v1/search?q=x&type=nothing", None).await?;
    assert_eq!(status, 400);

    ok(
        &b,
        Method::POST,
        &format!("/api/v1/programmes/{id_on_b}/followers"),
        &bram,
        json!({ "collective": "buren" }),
    )
    .await?;
    let (status, _) = b
        .send(
            Method::POST,
            &format!("/api/v1/programmes/{id_on_b}/followers"),
            &bram,
            Some(json!({ "collective": "buren" })),
        )
        .await?;
    assert_eq!(status, 409, "followed twice");
    programme_becomes(&b, &bram, id_on_b, "B's follow is accepted", |p| {
        p["followers"][0]["accepted"] == true
    })
    .await;

    // Step 1 done on B: S's curator sees it, with the notes.
    ok(
        &b,
        Method::PUT,
        &format!("/api/v1/programmes/{id_on_b}/steps/1/progress"),
        &bram,
        json!({ "collective": "buren", "done": true, "notes": "Besproken op de ledenavond." }),
    )
    .await?;
    let (status, body) = b
        .send(
            Method::PUT,
            &format!("/api/v1/programmes/{id_on_b}/steps/4/progress"),
            &bram,
            Some(json!({ "collective": "buren", "done": true })),
        )
        .await?;
    assert_eq!(status, 400, "there is no step 4: {body}");
    let seen = programme_becomes(&s, &sanne, id_on_s, "S sees buren's progress", |p| {
        p["followers"]
            .as_array()
            .and_then(|f| {
                f.iter()
                    .find(|f| f["collective"]["url"] == b.url("/c/buren").as_str())
            })
            .is_some_and(|f| f["progress"][0]["done"] == true)
    })
    .await;
    let buren = seen["followers"]
        .as_array()
        .and_then(|f| {
            f.iter()
                .find(|f| f["collective"]["url"] == b.url("/c/buren").as_str())
        })
        .expect("buren follows");
    assert_eq!(buren["progress"][0]["position"], 1);
    assert_eq!(buren["progress"][0]["notes"], "Besproken op de ledenavond.");
    assert_eq!(buren["progress"].as_array().map(Vec::len), Some(1));
    // Someone not curating sees no one else's progress.
    let (_, anonymous) = s
        .get(&format!("/api/v1/programmes/{id_on_s}"), None)
        .await?;
    assert_eq!(anonymous["followers"], json!([]), "{anonymous}");

    // The curator changes step 1: B, which follows the programme, gets the Update.
    let mut changed = steps.clone();
    changed[0]["text"] = json!("Lees eerst het dilemma van huis, met de reacties.");
    ok(
        &s,
        Method::PUT,
        &format!("/api/v1/programmes/{id_on_s}"),
        &sanne,
        json!({ "title": "Sleutelbeheer in drie stappen", "themes": ["keys_and_access"],
                "steps": changed }),
    )
    .await?;
    programme_becomes(&b, &bram, id_on_b, "B gets the changed step", |p| {
        p["steps"][0]["text"] == "Lees eerst het dilemma van huis, met de reacties."
    })
    .await;

    // Hostile: a person elsewhere (not a collective, not a follower) records progress, and
    // claims to change the programme. Both refused; nothing changes.
    let progress = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Add",
        "id": plain.url("/add/1"),
        "actor": follower.id,
        "to": [s.url("/c/lsa").as_str()],
        "object": { "type": "StepProgress", "step": 2, "done": true, "content": "nep" },
        "target": programme_url,
    });
    let status = plain
        .post_signed(&follower, &s.url("/inbox"), &progress)
        .await?;
    assert!(
        (400..500).contains(&status),
        "progress from a person: {status}"
    );
    // A collective elsewhere that does not follow the programme records nothing either.
    let stranger = plain.add_group("vreemd")?;
    let mut from_group = progress.clone();
    from_group["id"] = json!(plain.url("/add/2"));
    from_group["actor"] = json!(stranger.id);
    let status = plain
        .post_signed(&stranger, &s.url("/inbox"), &from_group)
        .await?;
    assert!(
        (400..500).contains(&status),
        "progress from a non-follower: {status}"
    );
    let mut forged = article.clone();
    forged["name"] = json!("Overgenomen");
    let update =
        meent_testkit::fake_peer::activity("Update", &plain.url("/update/1"), &follower.id, forged);
    let status = plain
        .post_signed(&follower, &s.url("/inbox"), &update)
        .await?;
    assert!((400..500).contains(&status), "a forged update: {status}");
    let (_, after) = s
        .get(&format!("/api/v1/programmes/{id_on_s}"), Some(&sanne))
        .await?;
    assert_eq!(after["programme"]["title"], "Sleutelbeheer in drie stappen");
    let buren = after["followers"]
        .as_array()
        .and_then(|f| {
            f.iter()
                .find(|f| f["collective"]["url"] == b.url("/c/buren").as_str())
        })
        .expect("buren follows");
    assert_eq!(
        buren["progress"].as_array().map(Vec::len),
        Some(1),
        "{after}"
    );

    // B stops following: S no longer lists it.
    let (status, _) = b
        .send(
            Method::DELETE,
            &format!("/api/v1/programmes/{id_on_b}/followers/buren"),
            &bram,
            None,
        )
        .await?;
    assert_eq!(status, 204);
    programme_becomes(&s, &sanne, id_on_s, "S no longer lists buren", |p| {
        p["followers"] == json!([])
    })
    .await;

    // Deleted by its curator: gone from S's page and search; the plain follower is told.
    let (status, _) = s
        .send(
            Method::DELETE,
            &format!("/api/v1/programmes/{id_on_s}"),
            &sanne,
            None,
        )
        .await?;
    assert_eq!(status, 204);
    eventually("S's index no longer has the programme", || async {
        let (_, body) = s
            .get("/api/v1/search?q=ruimte&type=programme", None)
            .await
            .ok()?;
        (body["programme_total"] == 0).then_some(())
    })
    .await;
    let (status, _) = s
        .get(&format!("/api/v1/programmes/{id_on_s}"), None)
        .await?;
    assert_eq!(status, 404);
    eventually("the plain follower receives the Delete", || async {
        plain
            .inbox_posts()
            .iter()
            .any(|b| b["type"] == "Delete" && b["object"]["id"] == programme_url.as_str())
            .then_some(())
    })
    .await;
    Ok(())
}
