//! Outboxes between Meent and Lemmy: Lemmy reads a community's outbox only as the
//! community's `Announce(Create(Page))`s (with `cc` on the Create), so a Lemmy follower of a
//! collective backfilled nothing from Meent's bare `Create`s; and Meent read only items
//! whose object is a Page, so a Lemmy community's older posts never arrived.

use super::support::follow_fake_group;
use meent_db::queries::dilemmas;
use meent_domain::Role;
use meent_federation::conformance::lemmy;
use meent_testkit::{FakePeer, eventually, start};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn meents_outbox_is_one_lemmy_backfills_from() -> anyhow::Result<()> {
    let a = start().await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    for (title, visibility) in [
        ("Sleutelbeheer", "public"),
        ("Alleen voor volgers", "followers"),
        ("Wijkbudget aanvragen", "public"),
    ] {
        let (status, body) = a
            .send(
                Method::POST,
                "/api/v1/collectives/buurt/dilemmas",
                &mia,
                Some(
                    json!({ "title": title, "body": "…", "themes": ["care_and_support"],
                             "visibility": visibility, "language": "nl" }),
                ),
            )
            .await?;
        assert_eq!(status, 201, "{body}");
    }
    let outbox: Value = a
        .http
        .get(a.url("/c/buurt/outbox"))
        .header("accept", "application/activity+json")
        .send()
        .await?
        .json()
        .await?;
    let items = outbox["orderedItems"].as_array().expect("items");
    assert_eq!(items.len(), 2, "public dilemmas only: {outbox}");
    assert_eq!(outbox["totalItems"], 2);
    for item in items {
        assert_eq!(item["type"], "Announce", "{item}");
        assert_eq!(item["object"]["type"], "Create", "{item}");
        assert_eq!(item["object"]["object"]["type"], "Page", "{item}");
        lemmy::check(item).map_err(anyhow::Error::msg)?;
    }
    a.stop().await;
    Ok(())
}

#[tokio::test]
async fn a_lemmy_communitys_older_posts_arrive_when_it_is_followed() -> anyhow::Result<()> {
    let a = start().await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let lemmy = FakePeer::start().await?;
    let community = lemmy.add_group("testcom")?;
    // The community declares its language as Lemmy does (with "und" beside it).
    let mut group = community.document();
    group["language"] = json!([{ "identifier": "und", "name": "Undetermined" },
                               { "identifier": "nl", "name": "Nederlands" }]);
    lemmy.serve(&community.id, group);
    lemmy.add_person("nutomic")?;
    // Lemmy's own outbox, moved to the fake server's address.
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/lemmy/group_outbox.json"
    ))?;
    let base = lemmy.url("/").to_string();
    let moved = raw
        .replace("https://ds9.lemmy.ml/", &base)
        .replace("http://ds9.lemmy.ml/", &base);
    let outbox: Value = serde_json::from_str(&moved)?;
    lemmy.serve(&community.outbox, outbox.clone());
    let mut pages = Vec::new();
    for item in outbox["orderedItems"].as_array().expect("items") {
        let mut page = item["object"]["object"].clone();
        // What Lemmy sends for a post whose author chose no language.
        page["language"] = json!({ "identifier": "und", "name": "Undetermined" });
        let id = url::Url::parse(page["id"].as_str().expect("id"))?;
        lemmy.serve(&id, page);
        pages.push(id);
    }
    follow_fake_group(
        &a,
        &mia,
        &lemmy,
        &community,
        &lemmy.url("/activities/accept/1"),
    )
    .await?;
    for id in &pages {
        let stored = eventually(
            "the community's older post arrives as a dilemma",
            || async {
                let mut conn = a.ctx().db.get().await.ok()?;
                dilemmas::by_ap_id(&mut conn.conn(), id.as_str())
                    .await
                    .ok()?
            },
        )
        .await;
        // "und" from Lemmy: the community's one language says what it is.
        assert_eq!(stored.language, "nl", "{id}");
    }
    a.stop().await;
    lemmy.stop().await;
    Ok(())
}
