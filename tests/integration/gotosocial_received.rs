//! What a real GoToSocial 0.19.2 sent a Meent instance (tests/fixtures/gotosocial-live,
//! recorded at a TLS proxy in front of Meent; see tests/fixtures/ORIGIN.md), received by an
//! instance in the recorded order: a reply becomes a solution, its edit and deletion apply,
//! favourites count as likes and their undo removes them, a boost and its undo change
//! nothing. The recorded ids of Meent's own objects are rewritten to this instance's.

use activitypub_federation::{config::Data, traits::Activity};
use meent_app::AppContext;
use meent_db::queries::{
    likes,
    members::{self, MemberForm},
    replies,
};
use meent_domain::Role;
use meent_federation::{FederationSettings, activities::InboxActivity};
use meent_testkit::{TestInstance, fixture, start};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

const GINA: &str = "http://gts-a/users/gina";
const REPLY: &str = "http://gts-a/users/gina/statuses/01M94GKJVA7Y4FR89QM7T914N8";

async fn data_of(a: &TestInstance) -> anyhow::Result<Data<AppContext>> {
    let settings = FederationSettings {
        debug: true,
        request_timeout: Duration::from_secs(2),
        backfill: Default::default(),
    };
    Ok(meent_federation::build(a.ctx().clone(), &settings)
        .await?
        .to_request_data())
}

/// The recorded activity `name` with the recorded Meent's ids replaced by `ours`.
fn recorded(name: &str, ours: &[(&str, &str)]) -> InboxActivity {
    let mut text = fixture(&format!("gotosocial-live/{name}"));
    for (recorded, here) in ours {
        text = text.replace(&format!("\"{recorded}\""), &format!("\"{here}\""));
    }
    let value: Value = serde_json::from_str(&text).expect("json");
    serde_json::from_value(value).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// gina as a fetch of her actor would have stored her.
async fn seed_gina(a: &TestInstance) -> anyhow::Result<()> {
    let now = meent_db::now();
    let mut tx = a.ctx().db.begin().await?;
    members::upsert_remote(
        &mut tx.conn(),
        &MemberForm {
            ap_id: GINA.into(),
            local: false,
            name: "gina".into(),
            display_name: "Gina (gts-a)".into(),
            summary: String::new(),
            inbox_url: format!("{GINA}/inbox"),
            shared_inbox_url: None,
            public_key: "unused".into(),
            private_key: None,
            last_refreshed_at: now,
            updated_at: now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn stored_reply(a: &TestInstance) -> anyhow::Result<Option<replies::ReplyRow>> {
    let mut conn = a.ctx().db.get().await?;
    Ok(replies::by_ap_id(&mut conn.conn(), REPLY).await?)
}

async fn like_count(a: &TestInstance, object: &str) -> anyhow::Result<i64> {
    let mut conn = a.ctx().db.get().await?;
    Ok(likes::count(&mut conn.conn(), object).await?)
}

#[tokio::test]
async fn what_a_real_gotosocial_sent_becomes_a_solution_likes_and_a_deletion() -> anyhow::Result<()>
{
    let a = start().await?;
    let data = data_of(&a).await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a
        .create_member("mia", Some((&buurt, Role::Coordinator)))
        .await?;
    let (_, jan) = a.create_member("jan", Some((&buurt, Role::Member))).await?;
    seed_gina(&a).await?;
    let (status, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/buurt/dilemmas",
            &mia,
            Some(
                json!({ "title": "Wie mag de sleutel hebben?", "body": "Drie sleutels.",
                         "themes": ["keys_and_access"] }),
            ),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let page = d["url"].as_str().expect("url").to_owned();
    let (status, s) = a
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{}/solutions", d["id"]),
            &jan,
            Some(json!({ "body": "Een sleutelplan.", "from_experience": true })),
        )
        .await?;
    assert_eq!(status, 201, "{s}");
    let jans = s["url"].as_str().expect("url").to_owned();
    let (mia_url, jan_url, buurt_url) = (a.url("/u/mia"), a.url("/u/jan"), a.url("/c/buurt"));
    let ours = [
        ("https://meent-g/d/1", page.as_str()),
        ("https://meent-g/r/3", jans.as_str()),
        ("https://meent-g/u/mia", mia_url.as_str()),
        ("https://meent-g/u/jan", jan_url.as_str()),
        ("https://meent-g/c/buurt", buurt_url.as_str()),
    ];
    // gina's reply to the boosted dilemma (mentioning mia, as GoToSocial's reply form does).
    recorded("create_reply.json", &ours).receive(&data).await?;
    let reply = stored_reply(&a).await?.expect("the reply is stored");
    assert_eq!(reply.kind, "solution");
    assert!(
        reply.content.contains("bij de voordeur"),
        "{}",
        reply.content
    );
    recorded("update_reply.json", &ours).receive(&data).await?;
    let reply = stored_reply(&a).await?.expect("still there");
    assert!(
        reply.content.contains("bij de achterdeur"),
        "{}",
        reply.content
    );

    // A favourite of jan's solution, its undo, and a favourite of the dilemma.
    recorded("like_reply.json", &ours).receive(&data).await?;
    assert_eq!(like_count(&a, &jans).await?, 1);
    recorded("undo_like.json", &ours).receive(&data).await?;
    assert_eq!(like_count(&a, &jans).await?, 0);
    recorded("like_page.json", &ours).receive(&data).await?;
    assert_eq!(like_count(&a, &page).await?, 1);

    // A boost by a person and its undo: acknowledged, nothing changes.
    recorded("announce_page.json", &ours).receive(&data).await?;
    recorded("undo_announce.json", &ours).receive(&data).await?;
    assert_eq!(like_count(&a, &page).await?, 1);

    // gina deletes her reply.
    recorded("delete_reply.json", &ours).receive(&data).await?;
    let gone = stored_reply(&a).await?.is_none_or(|r| r.deleted);
    assert!(gone, "the reply is deleted");
    a.stop().await;
    Ok(())
}
