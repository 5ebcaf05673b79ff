//! Sessions (bijeenkomsten, issue 18) across three instances: S (a support organisation)
//! organises a session about A's dilemma with one place; A and B register from their own
//! instances; A gets the place, B waits; A withdraws and B moves up — each instance shows
//! the same state. The `.ics` is read back with the `icalendar` crate.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use icalendar::{Calendar, Component};
use meent_domain::{CollectiveKind, Role};
use meent_testkit::{TestInstance, eventually, start_many};
use reqwest::Method;
use serde_json::{Value, json};

/// A winter and a summer day next year: 19:30 in Amsterdam is 18:30 and 17:30 UTC.
fn next_year(month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(Utc::now().year() + 1, month, 14).expect("a date")
}

fn at(date: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("a time"))
}

/// The session `url` as known on `on` (resolved by pasting its URL), its number there.
async fn session_on(on: &TestInstance, token: &str, url: &str) -> anyhow::Result<i64> {
    let (status, body) = on
        .get(&format!("/api/v1/search?q={}", urlencode(url)), Some(token))
        .await?;
    anyhow::ensure!(status == 200, "{status} {body}");
    anyhow::ensure!(body["resolved"]["kind"] == "session", "{body}");
    body["resolved"]["session"]["id"]
        .as_i64()
        .ok_or_else(|| anyhow::anyhow!("no id: {body}"))
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The state of `collective_url`'s registration as `on` shows it, once `want` holds.
async fn registration_becomes(
    on: &TestInstance,
    id: i64,
    collective_url: &str,
    want: Option<&str>,
    what: &str,
) -> Value {
    eventually(what, || async {
        let (_, body) = on.get(&format!("/api/v1/sessions/{id}"), None).await.ok()?;
        let state = body["registrations"]
            .as_array()?
            .iter()
            .find(|r| r["collective_url"] == collective_url)
            .and_then(|r| r["state"].as_str().map(str::to_owned));
        (state.as_deref() == want).then_some(body)
    })
    .await
}

async fn registration_as_seen_by(
    on: &TestInstance,
    token: &str,
    id: i64,
    collective_url: &str,
    want: &str,
    what: &str,
) -> Value {
    eventually(what, || async {
        let (_, body) = on
            .get(&format!("/api/v1/sessions/{id}"), Some(token))
            .await
            .ok()?;
        body["registrations"]
            .as_array()?
            .iter()
            .any(|r| r["collective_url"] == collective_url && r["state"] == want)
            .then_some(body)
    })
    .await
}

#[tokio::test]
async fn a_session_with_one_place_fills_waits_and_moves_up_across_three_instances()
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
    let (huis, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    let (buren, bram) = crate::support::collective_with_member(&b, "buren", "bram").await;

    let (status, dilemma) = a
        .send(
            Method::POST,
            "/api/v1/collectives/huis/dilemmas",
            &anna,
            Some(json!({
                "title": "Wie beheert de sleutel van het buurthuis?",
                "body": "De gemeente wil één sleutelhouder.",
                "themes": ["keys_and_access"],
            })),
        )
        .await?;
    assert_eq!(status, 201, "{dilemma}");
    let dilemma_url = dilemma["url"].as_str().expect("url").to_owned();

    // Only a coordinator of a support organisation organises; a resident collective cannot.
    let winter = next_year(1);
    let body = json!({
        "title": "Sleutelbeheer: wie heeft ervaring?",
        "description": "We bespreken het dilemma van **huis**.",
        "mode": "hybrid",
        "starts_at": at(winter, 19, 30).format("%Y-%m-%dT%H:%M").to_string(),
        "ends_at": at(winter, 21, 0).format("%Y-%m-%dT%H:%M").to_string(),
        "place": "Buurthuis De Meent, Utrecht",
        "meeting_link": "https://meet.example/sleutel",
        "capacity": 1,
        "dilemmas": [dilemma_url],
    });
    let (status, refused) = a
        .send(
            Method::POST,
            "/api/v1/collectives/huis/sessions",
            &anna,
            Some(body.clone()),
        )
        .await?;
    assert_eq!(status, 403, "{refused}");
    let (status, session) = s
        .send(
            Method::POST,
            "/api/v1/collectives/lsa/sessions",
            &sanne,
            Some(body),
        )
        .await?;
    assert_eq!(status, 201, "{session}");
    assert_eq!(session["local_start"], format!("{winter}T19:30"));
    assert_eq!(session["starts_at"], format!("{winter}T18:30:00Z"));
    let url = session["url"].as_str().expect("url").to_owned();
    let s_id = session["id"].as_i64().expect("id");

    // The Event as any peer fetches it: Mobilizon's terms, the dilemma as context, no link.
    let event: Value = s
        .http
        .get(&url)
        .header("Accept", "application/activity+json")
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(event["type"], "Event", "{event}");
    assert_eq!(event["context"], dilemma_url.as_str());
    assert_eq!(event["timezone"], "Europe/Amsterdam");
    assert_eq!(event["startTime"], format!("{winter}T18:30:00Z"));
    assert_eq!(event["maximumAttendeeCapacity"], 1);
    assert_eq!(event["attributedTo"], lsa.ap_id.as_str());
    assert!(
        !event.to_string().contains("meet.example"),
        "the meeting link is for registered collectives only: {event}"
    );

    // A's dilemma page knows of it: S sent it to the dilemma's collective.
    let a_dilemma = dilemma["id"].as_i64().expect("id");
    let a_id = eventually("A stores the session about its dilemma", || async {
        let (_, body) = a
            .get(
                &format!("/api/v1/search?q={}", urlencode(&url)),
                Some(&anna),
            )
            .await
            .ok()?;
        body["resolved"]["session"]["id"].as_i64()
    })
    .await;
    let page = a
        .http
        .get(a.url(&format!("/d/{a_dilemma}")))
        .send()
        .await?
        .text()
        .await?;
    assert!(
        page.contains(&format!("/m/{a_id}")),
        "the dilemma page links the session"
    );

    // A registers first and gets the place; B comes second and waits.
    let (status, reg) = a
        .send(
            Method::POST,
            &format!("/api/v1/sessions/{a_id}/registrations"),
            &anna,
            Some(json!({ "collective": "huis" })),
        )
        .await?;
    assert_eq!(status, 201, "{reg}");
    assert_eq!(reg["state"], "pending");
    registration_becomes(
        &s,
        s_id,
        &huis.ap_id,
        Some("accepted"),
        "S gives huis the place",
    )
    .await;
    let on_a = registration_as_seen_by(
        &a,
        &anna,
        a_id,
        &huis.ap_id,
        "accepted",
        "A shows huis accepted",
    )
    .await;
    assert_eq!(
        on_a["meeting_link"], "https://meet.example/sleutel",
        "{on_a}"
    );

    let b_id = session_on(&b, &bram, &url).await?;
    let (status, reg) = b
        .send(
            Method::POST,
            &format!("/api/v1/sessions/{b_id}/registrations"),
            &bram,
            Some(json!({ "collective": "buren" })),
        )
        .await?;
    assert_eq!(status, 201, "{reg}");
    registration_becomes(
        &s,
        s_id,
        &buren.ap_id,
        Some("waiting"),
        "S puts buren on the waiting list",
    )
    .await;
    let on_b = registration_as_seen_by(
        &b,
        &bram,
        b_id,
        &buren.ap_id,
        "waiting",
        "B shows buren waiting",
    )
    .await;
    assert_eq!(
        on_b["meeting_link"],
        Value::Null,
        "no link on the waiting list: {on_b}"
    );

    // Registering twice is refused, and only for one's own collective.
    let (status, _) = b
        .send(
            Method::POST,
            &format!("/api/v1/sessions/{b_id}/registrations"),
            &bram,
            Some(json!({ "collective": "buren" })),
        )
        .await?;
    assert_eq!(status, 409);

    // A withdraws: buren moves up, on S and on B; A shows its registration withdrawn.
    let (status, body) = a
        .send(
            Method::DELETE,
            &format!("/api/v1/sessions/{a_id}/registrations/huis"),
            &anna,
            None,
        )
        .await?;
    assert_eq!(status, 204, "{body}");
    registration_as_seen_by(
        &a,
        &anna,
        a_id,
        &huis.ap_id,
        "cancelled",
        "A shows huis withdrawn",
    )
    .await;
    registration_becomes(
        &s,
        s_id,
        &huis.ap_id,
        Some("cancelled"),
        "S sees huis withdraw",
    )
    .await;
    let on_s =
        registration_becomes(&s, s_id, &buren.ap_id, Some("accepted"), "S moves buren up").await;
    assert_eq!(on_s["participants"], 1, "{on_s}");
    let on_b = registration_as_seen_by(
        &b,
        &bram,
        b_id,
        &buren.ap_id,
        "accepted",
        "B shows buren accepted",
    )
    .await;
    assert_eq!(
        on_b["meeting_link"], "https://meet.example/sleutel",
        "{on_b}"
    );

    // A day before, the members of collectives with a place are reminded, once: on B
    // (buren has the place), not on A (withdrawn), and not two days before.
    let starts = at(winter, 18, 30);
    // Notifications are for members with a web account.
    let bram_row = meent_app::members::local_by_name(b.ctx(), "bram").await?;
    meent_app::accounts::set_password(b.ctx(), &bram_row, "een lange zin als wachtwoord")
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let remind = meent_app::use_cases::meetings::send_reminders;
    assert_eq!(remind(b.ctx(), starts - Duration::days(2)).await?, 0);
    assert_eq!(remind(a.ctx(), starts - Duration::hours(23)).await?, 0);
    assert_eq!(remind(b.ctx(), starts - Duration::hours(23)).await?, 1);
    assert_eq!(remind(b.ctx(), starts - Duration::hours(22)).await?, 0);
    let told = meent_app::notifications::read_latest(b.ctx(), &bram_row).await?;
    assert!(
        told.iter()
            .any(|n| n.kind == "session_reminder" && n.meeting_id == Some(b_id)),
        "{told:?}"
    );

    // The .ics of the session (on S and as B serves its copy) has the right UTC start.
    for (on, id) in [(&s, s_id), (&b, b_id)] {
        let ics = on
            .http
            .get(on.url(&format!("/m/{id}/calendar.ics")))
            .send()
            .await?;
        assert_eq!(ics.status(), 200);
        let calendar: Calendar = ics.text().await?.parse().map_err(anyhow::Error::msg)?;
        let events: Vec<_> = calendar.events().collect();
        assert_eq!(events.len(), 1);
        let start = events[0]
            .get_start()
            .and_then(|s| match s {
                icalendar::DatePerhapsTime::DateTime(t) => t.try_into_utc(),
                _ => None,
            })
            .expect("a start time");
        assert_eq!(start.naive_utc(), at(winter, 18, 30));
        assert_eq!(
            events[0].get_summary(),
            Some("Sleutelbeheer: wie heeft ervaring?")
        );
    }
    Ok(())
}

#[tokio::test]
async fn half_past_seven_in_summer_is_half_past_five_utc_in_the_calendar_feed() -> anyhow::Result<()>
{
    let s = meent_testkit::start().await?;
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
            Some(json!({ "title": "Hoe organiseren we een leerkring?", "body": "Tips?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{dilemma}");
    let summer = next_year(7);
    for (day, title) in [(0, "Zomeravond"), (1, "Tweede avond")] {
        let date = summer + Duration::days(day);
        let (status, body) = s
            .send(
                Method::POST,
                "/api/v1/collectives/lsa/sessions",
                &sanne,
                Some(json!({
                    "title": title,
                    "mode": "online",
                    "starts_at": at(date, 19, 30).format("%Y-%m-%dT%H:%M").to_string(),
                    "ends_at": at(date, 21, 0).format("%Y-%m-%dT%H:%M").to_string(),
                    "dilemmas": [dilemma["url"]],
                })),
            )
            .await?;
        assert_eq!(status, 201, "{body}");
    }
    let feed = s.http.get(s.url("/c/lsa/calendar.ics")).send().await?;
    assert_eq!(feed.status(), 200);
    assert!(
        feed.headers()["content-type"]
            .to_str()?
            .starts_with("text/calendar")
    );
    let calendar: Calendar = feed.text().await?.parse().map_err(anyhow::Error::msg)?;
    let starts: Vec<_> = calendar
        .events()
        .filter_map(|e| match e.get_start()? {
            icalendar::DatePerhapsTime::DateTime(t) => t.try_into_utc(),
            _ => None,
        })
        .map(|t| t.naive_utc())
        .collect();
    assert_eq!(
        starts,
        vec![at(summer, 17, 30), at(summer + Duration::days(1), 17, 30)]
    );

    // A time that does not exist (the clocks skip 02:30 on the last Sunday of March) and an
    // end before the start are refused with the documented error, and store nothing.
    let (status, body) = s
        .send(
            Method::POST,
            "/api/v1/collectives/lsa/sessions",
            &sanne,
            Some(json!({
                "title": "Te laat",
                "mode": "online",
                "starts_at": at(summer, 21, 0).format("%Y-%m-%dT%H:%M").to_string(),
                "ends_at": at(summer, 19, 0).format("%Y-%m-%dT%H:%M").to_string(),
                "dilemmas": [dilemma["url"]],
            })),
        )
        .await?;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.contains("ends after")),
        "{body}"
    );
    let (_, list) = s.get("/api/v1/collectives/lsa/sessions", None).await?;
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    Ok(())
}
