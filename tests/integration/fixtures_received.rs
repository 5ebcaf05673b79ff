//! Activities recorded from Lemmy and Mastodon, received by an instance: each becomes a
//! dilemma, solution, like or deletion where that makes sense. The senders' servers do not
//! exist here, so the actors and collectives they refer to are stored first, as a fetch
//! would have stored them; then each activity goes through the same handler the inbox
//! calls after checking the signature.

use activitypub_federation::{config::Data, traits::Activity};
use meent_app::AppContext;
use meent_db::queries::{
    collectives::{self, CollectiveForm},
    dilemmas::{self, DilemmaForm},
    follows, likes,
    members::{self, MemberForm},
    replies,
};
use meent_federation::{FederationSettings, activities::InboxActivity};
use meent_testkit::{TestInstance, fixture, start};
use serde_json::Value;
use std::time::Duration;

pub(crate) async fn data_of(a: &TestInstance) -> anyhow::Result<Data<AppContext>> {
    let settings = FederationSettings {
        debug: true,
        request_timeout: Duration::from_secs(2),
        backfill: Default::default(),
    };
    Ok(meent_federation::build(a.ctx().clone(), &settings)
        .await?
        .to_request_data())
}

fn activity(path: &str) -> InboxActivity {
    let value: Value = serde_json::from_str(&fixture(path)).expect("json");
    let value = value.get("activity").cloned().unwrap_or(value);
    serde_json::from_value(value).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(crate) async fn seed_person(a: &TestInstance, url: &str) -> anyhow::Result<i64> {
    let now = meent_db::now();
    let mut tx = a.ctx().db.begin().await?;
    let row = members::upsert_remote(
        &mut tx.conn(),
        &MemberForm {
            ap_id: url.into(),
            local: false,
            name: url.rsplit('/').next().unwrap_or("x").into(),
            display_name: "x".into(),
            summary: String::new(),
            inbox_url: format!("{url}/inbox"),
            shared_inbox_url: None,
            public_key: "unused".into(),
            private_key: None,
            last_refreshed_at: now,
            updated_at: now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(row.id)
}

pub(crate) async fn seed_collective(a: &TestInstance, url: &str) -> anyhow::Result<i64> {
    let now = meent_db::now();
    let mut tx = a.ctx().db.begin().await?;
    let row = collectives::upsert_remote(
        &mut tx.conn(),
        &CollectiveForm {
            ap_id: url.into(),
            local: false,
            name: url.rsplit('/').next().unwrap_or("x").into(),
            display_name: "x".into(),
            summary: String::new(),
            kind: String::new(),
            municipality: None,
            neighbourhood: None,
            languages: String::new(),
            open: true,
            inbox_url: format!("{url}/inbox"),
            shared_inbox_url: None,
            outbox_url: None,
            followers_url: None,
            public_key: "unused".into(),
            private_key: None,
            last_refreshed_at: now,
            updated_at: now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(row.id)
}

/// Stores `ap_id` as a public dilemma by `author` in `collective`, as an announce of its
/// collective would have stored it.
async fn seed_dilemma(
    a: &TestInstance,
    ap_id: &str,
    collective: i64,
    author: i64,
) -> anyhow::Result<i64> {
    let now = meent_db::now();
    let mut tx = a.ctx().db.begin().await?;
    let row = dilemmas::upsert(
        &mut tx.conn(),
        &DilemmaForm {
            ap_id: ap_id.into(),
            local: false,
            collective_id: collective,
            author_id: author,
            title: "test post".into(),
            source: String::new(),
            content: "<p>test body</p>".into(),
            language: "ko".into(),
            visibility: "public".into(),
            status: "open".into(),
            themes: String::new(),
            hashtags: String::new(),
            facets: "{}".into(),
            published: now,
            updated: None,
            context_url: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(row.id)
}

#[tokio::test]
async fn lemmy_and_mastodon_activities_become_dilemmas_solutions_likes_and_deletions()
-> anyhow::Result<()> {
    let a = start().await?;
    let data = data_of(&a).await?;
    let main_https = seed_collective(&a, "https://enterprise.lemmy.ml/c/main").await?;
    let main_http = seed_collective(&a, "http://enterprise.lemmy.ml/c/main").await?;
    let alpha = seed_person(&a, "http://ds9.lemmy.ml/u/lemmy_alpha").await?;
    seed_person(&a, "http://enterprise.lemmy.ml/u/lemmy_beta").await?;
    seed_person(&a, "https://mastodon.madrid/users/felix").await?;
    // Someone here follows the community, so what it announces is wanted.
    let (mia, _) = a.create_member("mia", None).await?;
    let mut tx = a.ctx().db.begin().await?;
    follows::upsert(
        &mut tx.conn(),
        mia.id,
        main_http,
        "accepted",
        "http://x.example/f/1",
        meent_db::now(),
    )
    .await?;
    tx.commit().await?;

    // Lemmy: a post sent straight to us by its author, in a community on another server,
    // is refused; it counts only when the community passes it on.
    let refused = activity("lemmy/create_page.json").receive(&data).await;
    assert!(
        refused.is_err(),
        "a post into another server's community arrives only through it"
    );
    let mut conn = a.ctx().db.get().await?;
    assert!(
        dilemmas::by_ap_id(&mut conn.conn(), "http://ds9.lemmy.ml/post/1")
            .await?
            .is_none()
    );
    drop(conn);

    // An announced post (Announce(Create(Page))) by a member of the community's own server
    // is stored.
    activity("lemmy/announce_create_page.json")
        .receive(&data)
        .await?;
    let mut conn = a.ctx().db.get().await?;
    let announced = dilemmas::by_ap_id(&mut conn.conn(), "http://enterprise.lemmy.ml/post/7")
        .await?
        .expect("the announced Page is stored as a dilemma");
    assert_eq!(announced.collective_id, main_http);
    drop(conn);

    // A comment on a stored post becomes a solution, a vote on it a like.
    let dilemma = seed_dilemma(&a, "http://ds9.lemmy.ml/post/1", main_https, alpha).await?;
    activity("lemmy/create_comment.json").receive(&data).await?;
    let mut conn = a.ctx().db.get().await?;
    let solution = replies::by_ap_id(&mut conn.conn(), "http://ds9.lemmy.ml/comment/1")
        .await?
        .expect("the comment is stored as a solution");
    assert_eq!(
        (solution.kind.as_str(), solution.dilemma_id),
        ("solution", dilemma)
    );
    drop(conn);

    activity("lemmy/like_note.json").receive(&data).await?;
    let mut conn = a.ctx().db.get().await?;
    assert_eq!(
        likes::count(&mut conn.conn(), "http://ds9.lemmy.ml/comment/1").await?,
        1
    );
    drop(conn);
    assert!(matches!(
        activity("lemmy/undo_like_note.json"),
        InboxActivity::UndoLike(_)
    ));
    // Lemmy's Undo carries the Like with a new id: the vote is found by who cast it on what.
    activity("lemmy/undo_like_note.json").receive(&data).await?;
    let mut conn = a.ctx().db.get().await?;
    assert_eq!(
        likes::count(&mut conn.conn(), "http://ds9.lemmy.ml/comment/1").await?,
        0,
        "Lemmy's undone vote still counts"
    );
    drop(conn);

    // Its author deleting the post deletes the dilemma.
    activity("lemmy/delete_page.json").receive(&data).await?;
    let mut conn = a.ctx().db.get().await?;
    let gone = dilemmas::by_ap_id(&mut conn.conn(), "http://ds9.lemmy.ml/post/1")
        .await?
        .expect("row kept");
    assert!(gone.deleted && gone.content.is_empty());
    drop(conn);

    // Mastodon: the documents parse; a like and a delete of things unknown here are
    // acknowledged without storing anything.
    assert!(matches!(
        activity("mastodon/create_note.json"),
        InboxActivity::CreateOrUpdate(_)
    ));
    activity("mastodon/like_page.json").receive(&data).await?;
    let mut conn = a.ctx().db.get().await?;
    assert_eq!(
        likes::count(&mut conn.conn(), "https://ds9.lemmy.ml/post/147").await?,
        0
    );
    drop(conn);
    assert!(matches!(
        activity("mastodon/delete.json"),
        InboxActivity::Delete(_)
    ));
    // What is stored here: dilemmas not deleted, and the solution's state.
    let stored = || async {
        let mut conn = a.ctx().db.get().await.expect("connection");
        let c = &mut conn.conn();
        let live = meent_db::queries::search::count_dilemmas(c)
            .await
            .expect("count");
        let solution = replies::by_ap_id(c, "http://ds9.lemmy.ml/comment/1")
            .await
            .expect("query")
            .map(|r| r.deleted);
        (live, solution)
    };
    let before = stored().await;
    activity("mastodon/delete.json").receive(&data).await?;
    assert_eq!(
        before,
        stored().await,
        "a Delete of something unknown here changed something"
    );

    a.stop().await;
    Ok(())
}

#[tokio::test]
async fn a_real_lemmy_comment_is_stored_as_a_solution_to_its_dilemma() -> anyhow::Result<()> {
    let a = start().await?;
    let data = data_of(&a).await?;
    let collective = seed_collective(&a, "http://collective-a:8700/c/dilemmas").await?;
    let alice = seed_person(&a, "http://collective-a:8700/u/alice").await?;
    seed_person(&a, "http://lemmy-alpha:8541/u/lemmy_alpha").await?;
    let now = meent_db::now();
    let mut tx = a.ctx().db.begin().await?;
    let dilemma = dilemmas::upsert(
        &mut tx.conn(),
        &DilemmaForm {
            ap_id: "http://collective-a:8700/post/53087caf-072a-4f72-9d91-04ee7357efa5".into(),
            local: false,
            collective_id: collective,
            author_id: alice,
            title: "Delen we een tractor?".into(),
            source: String::new(),
            content: String::new(),
            language: "nl".into(),
            visibility: "public".into(),
            status: "open".into(),
            themes: "volunteers_and_organisation".into(),
            hashtags: String::new(),
            facets: "{}".into(),
            published: now,
            updated: None,
            context_url: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;

    activity("lemmy-live/01_Create_Note.json")
        .receive(&data)
        .await?;
    let mut conn = a.ctx().db.get().await?;
    let solution = replies::by_ap_id(&mut conn.conn(), "http://lemmy-alpha:8541/comment/1")
        .await?
        .expect("stored");
    assert_eq!(
        (solution.kind.as_str(), solution.dilemma_id),
        ("solution", dilemma.id)
    );
    assert!(
        solution.content.contains("<strong>good</strong>"),
        "{}",
        solution.content
    );
    assert_eq!(solution.source, "A shared tractor is a **good** idea.");
    a.stop().await;
    Ok(())
}
