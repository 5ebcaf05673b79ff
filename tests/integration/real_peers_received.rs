//! What a real GoToSocial 0.19.2 and a real Lemmy 1.0.0-beta.1 sent a Meent instance
//! (tests/fixtures/gotosocial-live and lemmy-live, recorded at a proxy in front of Meent;
//! see tests/fixtures/ORIGIN.md), received by an instance in the recorded order through the
//! handler the inbox calls after checking the signature. The recorded ids of Meent's own
//! objects are rewritten to this instance's.

use super::fixtures_received::{data_of, seed_collective, seed_person};
use activitypub_federation::traits::Activity;
use meent_db::queries::{dilemmas, follows, likes, replies};
use meent_domain::Role;
use meent_federation::activities::InboxActivity;
use meent_testkit::{TestInstance, fixture, start};
use reqwest::Method;
use serde_json::{Value, json};

const GINA: &str = "http://gts-a/users/gina";
const REPLY: &str = "http://gts-a/users/gina/statuses/01M94GKJVA7Y4FR89QM7T914N8";

/// The recorded activity `path` with the recorded Meent's ids replaced by `ours`.
fn recorded(path: &str, ours: &[(&str, &str)]) -> InboxActivity {
    let mut text = fixture(path);
    for (recorded, here) in ours {
        text = text.replace(&format!("\"{recorded}\""), &format!("\"{here}\""));
    }
    let value: Value = serde_json::from_str(&text).expect("json");
    serde_json::from_value(value).unwrap_or_else(|e| panic!("{path}: {e}"))
}

async fn stored_reply(a: &TestInstance, ap_id: &str) -> anyhow::Result<Option<replies::ReplyRow>> {
    let mut conn = a.ctx().db.get().await?;
    Ok(replies::by_ap_id(&mut conn.conn(), ap_id).await?)
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
    seed_person(&a, GINA).await?;
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
    recorded("gotosocial-live/create_reply.json", &ours)
        .receive(&data)
        .await?;
    let reply = stored_reply(&a, REPLY).await?.expect("the reply is stored");
    assert_eq!(reply.kind, "solution");
    assert!(
        reply.content.contains("bij de voordeur"),
        "{}",
        reply.content
    );
    recorded("gotosocial-live/update_reply.json", &ours)
        .receive(&data)
        .await?;
    let reply = stored_reply(&a, REPLY).await?.expect("still there");
    assert!(
        reply.content.contains("bij de achterdeur"),
        "{}",
        reply.content
    );

    // A favourite of jan's solution, its undo, and a favourite of the dilemma.
    recorded("gotosocial-live/like_reply.json", &ours)
        .receive(&data)
        .await?;
    assert_eq!(like_count(&a, &jans).await?, 1);
    recorded("gotosocial-live/undo_like.json", &ours)
        .receive(&data)
        .await?;
    assert_eq!(like_count(&a, &jans).await?, 0);
    recorded("gotosocial-live/like_page.json", &ours)
        .receive(&data)
        .await?;
    assert_eq!(like_count(&a, &page).await?, 1);

    // A boost by a person and its undo: acknowledged, nothing changes.
    recorded("gotosocial-live/announce_page.json", &ours)
        .receive(&data)
        .await?;
    recorded("gotosocial-live/undo_announce.json", &ours)
        .receive(&data)
        .await?;
    assert_eq!(like_count(&a, &page).await?, 1);

    // gina deletes her reply.
    recorded("gotosocial-live/delete_reply.json", &ours)
        .receive(&data)
        .await?;
    let gone = stored_reply(&a, REPLY).await?.is_none_or(|r| r.deleted);
    assert!(gone, "the reply is deleted");
    a.stop().await;
    Ok(())
}

const ALPHA: &str = "http://lemmy-a/u/lemmy_alpha";
const LEMMYTEST: &str = "http://lemmy-a/c/lemmytest";

#[tokio::test]
async fn what_a_real_lemmy_sent_becomes_solutions_votes_and_remote_dilemmas() -> anyhow::Result<()>
{
    let a = start().await?;
    let data = data_of(&a).await?;
    let tuin = a.create_collective("tuin", true).await?;
    let (mia_row, mia) = a
        .create_member("mia", Some((&tuin, Role::Coordinator)))
        .await?;
    seed_person(&a, ALPHA).await?;
    let community = seed_collective(&a, LEMMYTEST).await?;
    // mia follows the community, so what it announces is wanted here.
    let mut tx = a.ctx().db.begin().await?;
    follows::upsert(
        &mut tx.conn(),
        mia_row.id,
        community,
        "accepted",
        "http://meent-a/f/1",
        meent_db::now(),
    )
    .await?;
    tx.commit().await?;
    let (status, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/tuin/dilemmas",
            &mia,
            Some(
                json!({ "title": "Wie beheert de sleutel?", "body": "Een eerlijke regeling.",
                         "themes": ["keys_and_access"] }),
            ),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let page = d["url"].as_str().expect("url").to_owned();
    let tuin_url = a.url("/c/tuin");
    let ours = [
        ("http://meent-a/d/1", page.as_str()),
        ("http://meent-a/c/tuin", tuin_url.as_str()),
    ];
    let receive = |name: &str| recorded(&format!("lemmy-live/{name}.json"), &ours);

    // A comment on the dilemma is a solution; a reply to it, a comment; its edit applies.
    receive("10_Create_Note").receive(&data).await?;
    let solution = stored_reply(&a, "http://lemmy-a/comment/6")
        .await?
        .expect("stored");
    assert_eq!(solution.kind, "solution");
    receive("11_Create_Note_reply").receive(&data).await?;
    let reply = stored_reply(&a, "http://lemmy-a/comment/7")
        .await?
        .expect("stored");
    assert_eq!(reply.kind, "comment");
    receive("12_Update_Note").receive(&data).await?;
    let solution = stored_reply(&a, "http://lemmy-a/comment/6")
        .await?
        .expect("still there");
    assert!(
        solution.content.contains("heel goed"),
        "{}",
        solution.content
    );

    // An upvote and its undo, which names the vote by a new id (issue 17, item 3).
    receive("13_Like_Page").receive(&data).await?;
    assert_eq!(like_count(&a, &page).await?, 1);
    receive("14_Undo_Like_Page").receive(&data).await?;
    assert_eq!(like_count(&a, &page).await?, 0);
    // A downvote and its undo: no like, nothing refused.
    receive("15_Dislike_Note").receive(&data).await?;
    receive("16_Undo_Dislike_Note").receive(&data).await?;
    assert_eq!(like_count(&a, "http://lemmy-a/comment/6").await?, 0);
    receive("17_Delete_Note").receive(&data).await?;
    let reply = stored_reply(&a, "http://lemmy-a/comment/7").await?;
    assert!(reply.is_none_or(|r| r.deleted), "the reply is deleted");

    // A post in the followed community, its edit, a comment, its deletion; Lemmy also
    // announces the bare Page, for microblogs, which changes nothing here.
    let post = "http://lemmy-a/post/25";
    let stored_post = || async {
        let mut conn = a.ctx().db.get().await?;
        anyhow::Ok(dilemmas::by_ap_id(&mut conn.conn(), post).await?)
    };
    receive("18_Announce_Create_Page").receive(&data).await?;
    let dilemma = stored_post().await?.expect("the post is a remote dilemma");
    assert_eq!(
        (dilemma.collective_id, dilemma.language.as_str()),
        (community, "nl")
    );
    receive("19_Announce_Page").receive(&data).await?;
    receive("20_Announce_Update_Page").receive(&data).await?;
    receive("21_Announce_Page_after_update")
        .receive(&data)
        .await?;
    let dilemma = stored_post().await?.expect("still there");
    assert!(
        dilemma.source.contains("bij de gemeente"),
        "{}",
        dilemma.source
    );
    receive("22_Announce_Create_Note").receive(&data).await?;
    let answer = stored_reply(&a, "http://lemmy-a/comment/8")
        .await?
        .expect("stored");
    assert_eq!(answer.dilemma_id, dilemma.id);
    receive("23_Announce_Delete_Page").receive(&data).await?;
    let gone = stored_post().await?.is_none_or(|d| d.deleted);
    assert!(gone, "the post is deleted");
    a.stop().await;
    Ok(())
}
