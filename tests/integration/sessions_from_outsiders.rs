//! Sessions with parties that are not Meent: a Mobilizon event (the recorded JSON) opened
//! and registered for, answered the way Mobilizon answers (an Accept naming the Join by id);
//! and hostile peers that answer registrations they do not organise, register other
//! servers' collectives, or rewrite a session they do not own.

use meent_domain::{CollectiveKind, Role};
use meent_testkit::{FakePeer, eventually, fake_peer::activity, start};
use reqwest::Method;
use serde_json::{Value, json};

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The recorded Mobilizon event, served by `peer` as organised by `group`.
fn mobilizon_event(peer: &FakePeer, group: &url::Url) -> anyhow::Result<(url::Url, Value)> {
    let path = format!(
        "{}/fixtures/mobilizon/event.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut event: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let id = peer.url("/events/b81c0531-a57c-497d-93ba-af0f8b255498");
    event["id"] = json!(id);
    event["url"] = json!(id);
    event["attributedTo"] = json!(group);
    event["actor"] = json!(group);
    event["cc"] = json!([]);
    event["contacts"] = json!([]);
    event["location"]["id"] = json!(peer.url("/address/e4c95383"));
    // Next year, so that it can still be registered for.
    let year = chrono::Datelike::year(&chrono::Utc::now()) + 1;
    event["startTime"] = json!(format!("{year}-12-11T19:00:00+00:00"));
    event["endTime"] = json!(format!("{year}-12-11T21:00:00+00:00"));
    peer.serve(&id, event.clone());
    Ok((id, event))
}

#[tokio::test]
async fn a_mobilizon_event_is_shown_and_registered_for_as_mobilizon_answers() -> anyhow::Result<()>
{
    let a = start().await?;
    let peer = FakePeer::start().await?;
    let group = peer.add_group("devon_caledonian_society")?;
    let stranger = peer.add_group("someone_else")?;
    let (event_id, _) = mobilizon_event(&peer, &group.id)?;
    let (huis, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;

    // Pasting its URL fetches and stores it, read the way Mobilizon writes it.
    let (status, found) = a
        .get(
            &format!("/api/v1/search?q={}", urlencode(event_id.as_str())),
            Some(&anna),
        )
        .await?;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["resolved"]["kind"], "session", "{found}");
    let session = &found["resolved"]["session"];
    assert_eq!(session["title"], "Caledonian scottish dance class");
    assert_eq!(session["time_zone"], "Europe/London");
    assert_eq!(session["mode"], "physical");
    assert_eq!(
        session["place"],
        "The Kenn Centre, Devon Expressway, Teignbridge"
    );
    assert_eq!(
        session["capacity"],
        Value::Null,
        "0 is Mobilizon's 'no limit'"
    );
    assert!(
        session["starts_at"]
            .as_str()
            .is_some_and(|s| s.ends_with("-12-11T19:00:00Z"))
    );
    let id = session["id"].as_i64().expect("id");
    let page = a.http.get(a.url(&format!("/m/{id}"))).send().await?;
    assert_eq!(page.status(), 200);
    assert!(page.text().await?.contains("The Kenn Centre"));

    // Registering sends a Join to the organiser.
    let (status, reg) = a
        .send(
            Method::POST,
            &format!("/api/v1/sessions/{id}/registrations"),
            &anna,
            Some(json!({ "collective": "huis" })),
        )
        .await?;
    assert_eq!(status, 201, "{reg}");
    let join = eventually("the Join reaches the organiser", || async {
        peer.inbox_posts()
            .into_iter()
            .find(|p| p["type"] == "Join" && p["object"] == event_id.as_str())
    })
    .await;
    assert_eq!(join["speaksFor"], huis.ap_id.as_str());
    let join_id: url::Url = join["id"].as_str().expect("join id").parse()?;

    // Someone else on that server answers it: refused, nothing changes.
    let forged = activity(
        "Accept",
        &peer.url("/accept/forged"),
        &stranger.id,
        json!(join_id),
    );
    let status = peer
        .post_signed(&stranger, &a.url("/inbox"), &forged)
        .await?;
    assert_eq!(status, 403);
    let (_, detail) = a
        .get(&format!("/api/v1/sessions/{id}"), Some(&anna))
        .await?;
    assert_eq!(detail["registrations"][0]["state"], "pending", "{detail}");

    // The organiser accepts, naming the Join by its id only (as Mobilizon does).
    let accept = activity("Accept", &peer.url("/accept/1"), &group.id, json!(join_id));
    let status = peer.post_signed(&group, &a.url("/inbox"), &accept).await?;
    assert_eq!(status, 200);
    let (_, detail) = a
        .get(&format!("/api/v1/sessions/{id}"), Some(&anna))
        .await?;
    assert_eq!(detail["registrations"][0]["state"], "accepted", "{detail}");

    // Someone other than the organiser cannot rewrite the session either.
    let mut changed = peer_event(&peer, &event_id)?;
    changed["name"] = json!("Overgenomen");
    let update = activity("Update", &peer.url("/update/forged"), &stranger.id, changed);
    let status = peer
        .post_signed(&stranger, &a.url("/inbox"), &update)
        .await?;
    assert_eq!(status, 403);
    let (_, detail) = a.get(&format!("/api/v1/sessions/{id}"), None).await?;
    assert_eq!(
        detail["meeting"]["title"],
        "Caledonian scottish dance class"
    );
    Ok(())
}

fn peer_event(peer: &FakePeer, id: &url::Url) -> anyhow::Result<Value> {
    let path = format!(
        "{}/fixtures/mobilizon/event.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut event: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    event["id"] = json!(id);
    event["attributedTo"] = json!(peer.url("/c/devon_caledonian_society"));
    Ok(event)
}

#[tokio::test]
async fn a_peer_cannot_register_another_servers_collective_and_a_plain_person_registers_as_themselves()
-> anyhow::Result<()> {
    let s = start().await?;
    let lsa = s
        .create_collective_of_kind("lsa", true, CollectiveKind::SupportOrganisation)
        .await?;
    let (_, sanne) = s
        .create_member("sanne", Some((&lsa, Role::Coordinator)))
        .await?;
    let (status, dilemma) = s
        .send(
            Method::POST,
            "/api/v1/collectives/lsa/dilemmas",
            &sanne,
            Some(json!({ "title": "Leerkring opzetten", "body": "Hoe?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{dilemma}");
    let year = chrono::Datelike::year(&chrono::Utc::now()) + 1;
    let (status, session) = s
        .send(
            Method::POST,
            "/api/v1/collectives/lsa/sessions",
            &sanne,
            Some(json!({
                "title": "Leerkring",
                "mode": "online",
                "starts_at": format!("{year}-02-01T19:30"),
                "ends_at": format!("{year}-02-01T21:00"),
                "meeting_link": "https://meet.example/kring",
                "capacity": 1,
                "dilemmas": [dilemma["url"]],
            })),
        )
        .await?;
    assert_eq!(status, 201, "{session}");
    let event_id = session["url"].as_str().expect("url").to_owned();
    let s_id = session["id"].as_i64().expect("id");

    let peer = FakePeer::start().await?;
    let person = peer.add_person("mo")?;
    let elsewhere = "https://other.example/c/buren";
    let join = |id: &str, speaks_for: Option<&str>| {
        let mut j = json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "type": "Join",
            "id": peer.url(id),
            "actor": person.id,
            "object": event_id,
        });
        if let Some(c) = speaks_for {
            j["speaksFor"] = json!(c);
        }
        j
    };
    // A collective on another server than the person's: refused, nothing stored.
    let status = peer
        .post_signed(&person, &s.url("/inbox"), &join("/join/1", Some(elsewhere)))
        .await?;
    assert_eq!(status, 403);
    let (_, detail) = s.get(&format!("/api/v1/sessions/{s_id}"), None).await?;
    assert_eq!(detail["registrations"], json!([]), "{detail}");

    // A person from software without collectives (Mobilizon) registers as themselves, gets
    // the one place, and is told so with the link (an Accept with the Join inside).
    let status = peer
        .post_signed(&person, &s.url("/inbox"), &join("/join/2", None))
        .await?;
    assert_eq!(status, 200);
    let accept = eventually("S accepts the person", || async {
        peer.inbox_posts()
            .into_iter()
            .find(|p| p["type"] == "Accept")
    })
    .await;
    assert_eq!(accept["actor"], lsa.ap_id.as_str());
    assert_eq!(accept["object"]["id"], peer.url("/join/2").as_str());
    assert_eq!(accept["meetingLink"], "https://meet.example/kring");
    let (_, detail) = s.get(&format!("/api/v1/sessions/{s_id}"), None).await?;
    assert_eq!(
        detail["registrations"][0]["collective_url"],
        person.id.as_str()
    );
    assert_eq!(detail["participants"], 1);

    // The organiser moves the meeting to another link: the person with the place is told
    // the new one (the public `Event` never carries it).
    let (status, changed) = s
        .send(
            Method::PUT,
            &format!("/api/v1/sessions/{s_id}"),
            &sanne,
            Some(json!({
                "title": "Leerkring",
                "mode": "online",
                "starts_at": format!("{year}-02-01T19:30"),
                "ends_at": format!("{year}-02-01T21:00"),
                "meeting_link": "https://meet.example/kring-2",
                "capacity": 1,
                "dilemmas": [dilemma["url"]],
            })),
        )
        .await?;
    assert_eq!(status, 200, "{changed}");
    let again = eventually("the new link is sent", || async {
        peer.inbox_posts()
            .into_iter()
            .find(|p| p["type"] == "Accept" && p["meetingLink"] == "https://meet.example/kring-2")
    })
    .await;
    assert_eq!(again["object"]["id"], peer.url("/join/2").as_str());
    let update = eventually(
        "the Event's Update reaches the registered person",
        || async {
            peer.inbox_posts()
                .into_iter()
                .find(|p| p["type"] == "Update")
        },
    )
    .await;
    assert!(
        !update.to_string().contains("kring-2"),
        "the link stays out of the public Event: {update}"
    );

    // An answer from elsewhere claiming to come from the session (and to speak for its
    // organiser) is kept as an answer, without that label.
    let dilemma_url: url::Url = dilemma["url"].as_str().expect("url").parse()?;
    let mut claim = meent_testkit::fake_peer::note(
        &peer.url("/notes/1"),
        &person,
        &dilemma_url,
        &dilemma_url,
        "Volgens de bijeenkomst moet het zo.",
    );
    claim["fromSession"] = json!(event_id);
    claim["speaksFor"] = json!(lsa.ap_id);
    let create = activity("Create", &peer.url("/create/1"), &person.id, claim);
    let status = peer.post_signed(&person, &s.url("/inbox"), &create).await?;
    assert_eq!(status, 200);
    let d_id = dilemma["id"].as_i64().expect("id");
    let (_, thread) = s.get(&format!("/api/v1/dilemmas/{d_id}"), None).await?;
    let stored = &thread["solutions"][0];
    assert_eq!(stored["url"], peer.url("/notes/1").as_str(), "{thread}");
    assert_eq!(stored["from_session"], Value::Null, "{thread}");
    assert_eq!(
        stored["speaks_for"],
        Value::Null,
        "not for a collective elsewhere: {thread}"
    );

    // Leaving frees the place.
    let leave = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Leave",
        "id": peer.url("/leave/1"),
        "actor": person.id,
        "object": event_id,
    });
    let status = peer.post_signed(&person, &s.url("/inbox"), &leave).await?;
    assert_eq!(status, 200);
    let (_, detail) = s.get(&format!("/api/v1/sessions/{s_id}"), None).await?;
    assert_eq!(detail["registrations"][0]["state"], "cancelled", "{detail}");
    assert_eq!(detail["participants"], 0);
    Ok(())
}
