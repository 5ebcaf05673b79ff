//! A Mastodon-like follower of a collective (GoToSocial), played by a fake server that serves
//! the NodeInfo a real GoToSocial 0.19.2 served (tests/fixtures/gotosocial-live) and signs
//! its fetches as GoToSocial does: `(request-target) host date`, no Digest, a key id that is
//! a path. What it receives is checked against `conformance::microblog` (GoToSocial's own
//! inbox rules): edits and deletions directly from the author, boosts only of posts.

use super::support::{serve_gotosocial_nodeinfo, stable_documents};
use meent_domain::Role;
use meent_federation::conformance::microblog;
use meent_testkit::{FakeActor, FakePeer, TestInstance, eventually, start};
use reqwest::Method;
use serde_json::{Value, json};

const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";
use url::Url;

/// A collective `buurt` with member mia, followed by gina on a fake GoToSocial.
async fn followed_by_gotosocial() -> anyhow::Result<(TestInstance, String, FakePeer, FakeActor)> {
    let a = start().await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let gts = FakePeer::start().await?;
    serve_gotosocial_nodeinfo(&gts)?;
    let gina = a.fake_follower(&gts, "gina", "buurt").await?;
    eventually("A knows the follower runs GoToSocial", || async {
        let mut conn = a.ctx().db.get().await.ok()?;
        meent_db::queries::instances::get(&mut conn.conn(), &gts.domain())
            .await
            .ok()??
            .software
            .filter(|s| s == "gotosocial")
    })
    .await;
    Ok((a, mia, gts, gina))
}

async fn send(
    a: &TestInstance,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> anyhow::Result<Value> {
    let (status, body) = a.send(method, path, token, body).await?;
    anyhow::ensure!((200..300).contains(&status), "{path}: {status} {body}");
    Ok(body)
}

/// The first activity at the fake server's inboxes that `wanted` picks, with its key id.
async fn received(
    gts: &FakePeer,
    what: &str,
    wanted: impl Fn(&Value) -> bool,
) -> (Value, Option<String>) {
    eventually(what, || async {
        gts.requests()
            .into_iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("inbox"))
            .find_map(|r| r.body.filter(|b| wanted(b)).map(|b| (b, r.key_id)))
    })
    .await
}

#[tokio::test]
async fn a_gotosocial_follower_gets_edits_and_deletions_from_the_author() -> anyhow::Result<()> {
    let (a, mia, gts, gina) = followed_by_gotosocial().await?;
    let mia_id = a.url("/u/mia");
    let buurt_id = a.url("/c/buurt");
    let d = send(
        &a,
        Method::POST,
        "/api/v1/collectives/buurt/dilemmas",
        &mia,
        Some(
            json!({ "title": "Wie beheert de sleutel?", "body": "Drie sleutels.",
                     "themes": ["keys_and_access"], "language": "nl" }),
        ),
    )
    .await?;
    let id = d["id"].as_i64().expect("id");
    let page_id = d["url"].as_str().expect("url").to_owned();

    // New: the collective boosts the bare Page, which GoToSocial shows.
    let (boost, key) = received(&gts, "the boost of the Page", |b| {
        b["type"] == "Announce" && b["object"]["type"] == "Page"
    })
    .await;
    microblog::check(&boost, buurt_id.as_str(), None).map_err(anyhow::Error::msg)?;
    assert!(key.is_some_and(|k| k.starts_with(buurt_id.as_str())));

    // Edited: an Update of the Page from mia herself.
    send(
        &a,
        Method::PUT,
        &format!("/api/v1/dilemmas/{id}"),
        &mia,
        Some(
            json!({ "title": "Wie beheert de sleutels?", "body": "Drie sleutels.",
                     "themes": ["keys_and_access"], "language": "nl" }),
        ),
    )
    .await?;
    let (update, key) = received(&gts, "mia's own Update", |b| {
        b["type"] == "Update" && b["object"]["id"] == page_id.as_str()
    })
    .await;
    microblog::check(&update, mia_id.as_str(), None).map_err(anyhow::Error::msg)?;
    assert_eq!(update["actor"], mia_id.as_str());
    assert_eq!(update["object"]["name"], "Wie beheert de sleutels?");
    assert!(key.is_some_and(|k| k.starts_with(mia_id.as_str())));
    // The announced Update, which GoToSocial fetches by its id, is served.
    let (announced, _) = received(&gts, "the announced Update", |b| {
        b["type"] == "Announce" && b["object"]["type"] == "Update"
    })
    .await;
    let update_id = Url::parse(announced["object"]["id"].as_str().expect("id"))?;
    let (status, body) = gts.get_signed_like_gotosocial(&gina, &update_id).await?;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Wie beheert de sleutels?"), "{body}");

    // A solution: the collective boosts the bare Note (GoToSocial drops the announced
    // Create, and a Create from mia, whom gina does not follow, as "not relevant").
    let solution = send(
        &a,
        Method::POST,
        &format!("/api/v1/dilemmas/{id}/solutions"),
        &mia,
        Some(json!({ "body": "Een sleutelkastje met code.", "from_experience": true })),
    )
    .await?;
    let solution_id = solution["url"].as_str().expect("url").to_owned();
    let (boost, key) = received(&gts, "the boost of the solution", |b| {
        b["type"] == "Announce" && b["object"]["type"] == "Note"
    })
    .await;
    microblog::check(&boost, buurt_id.as_str(), None).map_err(anyhow::Error::msg)?;
    assert_eq!(boost["object"]["id"], solution_id.as_str());
    assert_eq!(boost["object"]["inReplyTo"], page_id.as_str());
    assert!(key.is_some_and(|k| k.starts_with(buurt_id.as_str())));

    // Deleted: a Delete from mia, the author (GoToSocial ignores one from anyone else).
    send(
        &a,
        Method::DELETE,
        &format!("/api/v1/dilemmas/{id}"),
        &mia,
        None,
    )
    .await?;
    let (delete, key) = received(&gts, "mia's own Delete", |b| {
        b["type"] == "Delete"
            && b["actor"] == mia_id.as_str()
            && b["object"]["id"] == page_id.as_str()
    })
    .await;
    // Its answer, boosted to them on its own, is deleted by its author too.
    let (answer_deleted, _) = received(&gts, "the Delete of the answer", |b| {
        b["type"] == "Delete" && b["object"]["id"] == solution_id.as_str()
    })
    .await;
    microblog::check(&answer_deleted, mia_id.as_str(), Some(mia_id.as_str()))
        .map_err(anyhow::Error::msg)?;
    microblog::check(&delete, mia_id.as_str(), Some(mia_id.as_str()))
        .map_err(anyhow::Error::msg)?;
    assert_eq!(delete["object"]["id"], page_id.as_str());
    assert!(key.is_some_and(|k| k.starts_with(mia_id.as_str())));
    let (announced, _) = received(&gts, "the announced Delete", |b| {
        b["type"] == "Announce" && b["object"]["type"] == "Delete"
    })
    .await;
    let delete_id = Url::parse(announced["object"]["id"].as_str().expect("id"))?;
    let (status, body) = gts.get_signed_like_gotosocial(&gina, &delete_id).await?;
    assert_eq!(status, 200, "{body}");

    // Every boost it got names a post, never an activity it would fetch and drop.
    for body in gts.inbox_posts() {
        if body["type"] == "Announce" && body["object"]["type"] == "Page" {
            microblog::check(&body, buurt_id.as_str(), None).map_err(anyhow::Error::msg)?;
        }
    }
    // What a GoToSocial follower was sent, exactly (review shows every change).
    let stable = stable_documents(
        &gts.inbox_posts(),
        &[
            (a.url("/").as_str(), "https://meent.test/"),
            (gts.url("/").as_str(), "https://gts.test/"),
        ],
    )?;
    insta::assert_json_snapshot!("sent_to_a_gotosocial_follower", stable);
    a.stop().await;
    gts.stop().await;
    Ok(())
}

#[tokio::test]
async fn gotosocials_signed_fetch_of_a_followers_only_dilemma_is_answered() -> anyhow::Result<()> {
    let (a, mia, gts, gina) = followed_by_gotosocial().await?;
    let d = send(
        &a,
        Method::POST,
        "/api/v1/collectives/buurt/dilemmas",
        &mia,
        Some(
            json!({ "title": "Alleen voor volgers", "body": "Huurverhoging.",
                     "themes": ["care_and_support"], "visibility": "followers" }),
        ),
    )
    .await?;
    let page = Url::parse(d["url"].as_str().expect("url"))?;
    // GoToSocial takes a post addressed to neither Public nor its author's followers for a
    // direct message, shown only to those it mentions, and no boost of it: gina gets mia's
    // own Create, addressed to her and mentioning her.
    let mia_id = a.url("/u/mia");
    let (create, key) = received(&gts, "mia's Create addressed to gina", |b| {
        b["type"] == "Create" && b["object"]["id"] == page.as_str()
    })
    .await;
    microblog::check(&create, mia_id.as_str(), None).map_err(anyhow::Error::msg)?;
    assert!(key.is_some_and(|k| k.starts_with(mia_id.as_str())));
    for addressing in [&create["to"], &create["object"]["to"]] {
        assert!(
            addressing
                .as_array()
                .is_some_and(|to| to.contains(&json!(gina.id))),
            "{create}"
        );
    }
    let mention =
        json!({ "type": "Mention", "href": gina.id, "name": format!("@gina@{}", gts.domain()) });
    assert!(
        create["object"]["tag"]
            .as_array()
            .is_some_and(|tags| tags.contains(&mention)),
        "{create}"
    );
    assert!(!create.to_string().contains(PUBLIC), "{create}");
    // Its edit comes the same way: addressed to gina, mentioning her (an Update without the
    // mention would take her mention away, and with it the post).
    let id = d["id"].as_i64().expect("id");
    send(
        &a,
        Method::PUT,
        &format!("/api/v1/dilemmas/{id}"),
        &mia,
        Some(
            json!({ "title": "Alleen voor volgers", "body": "Huurverhoging van 5%.",
                     "themes": ["care_and_support"], "visibility": "followers" }),
        ),
    )
    .await?;
    let (update, _) = received(&gts, "mia's Update addressed to gina", |b| {
        b["type"] == "Update" && b["actor"] == mia_id.as_str()
    })
    .await;
    microblog::check(&update, mia_id.as_str(), None).map_err(anyhow::Error::msg)?;
    assert!(
        update["object"]["tag"]
            .as_array()
            .is_some_and(|tags| tags.contains(&mention)),
        "{update}"
    );
    // And no boost of it, which it would fetch and store without the mention (seen with a
    // real GoToSocial 0.19.2: the Page came first and the direct message then went unseen).
    let boosts = gts
        .inbox_posts()
        .into_iter()
        .filter(|b| b["type"] == "Announce" && b["object"]["type"] == "Page")
        .count();
    assert_eq!(boosts, 0);
    // GoToSocial fetches the Page, signed without a Digest.
    let (status, body) = gts.get_signed_like_gotosocial(&gina, &page).await?;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Alleen voor volgers"), "{body}");
    // Unsigned: asked to sign. Signed by a server without followers: not there.
    let unsigned = reqwest::Client::new()
        .get(page.clone())
        .header("accept", "application/activity+json")
        .send()
        .await?
        .status();
    assert_eq!(unsigned, 401);
    let other = FakePeer::start().await?;
    let stranger = other.add_person("vreemde")?;
    let (status, body) = other.get_signed_like_gotosocial(&stranger, &page).await?;
    assert_eq!(status, 404, "{body}");
    // Signed with another key in gina's name: refused.
    let gina_key = format!("{}/main-key", gina.id);
    let (status, _) = other.get_signed(&stranger, &page, &gina_key).await?;
    assert_eq!(status, 401);
    // gina's own key, but a signature that covers no time: it could be replayed for ever.
    let (status, body) = gts.get_signed_undated(&gina, &page).await?;
    assert_eq!(status, 401, "{body}");
    a.stop().await;
    gts.stop().await;
    other.stop().await;
    Ok(())
}

#[tokio::test]
async fn the_instance_actor_has_a_name_and_a_webfinger_answer() -> anyhow::Result<()> {
    let a = start().await?;
    let actor_url = a.url("/actor");
    let actor: Value = reqwest::Client::new()
        .get(actor_url.clone())
        .header("accept", "application/activity+json")
        .send()
        .await?
        .json()
        .await?;
    // No port in the name: GoToSocial reads `host:port` as a URL and finds no user.
    let name = actor["preferredUsername"]
        .as_str()
        .expect("name")
        .to_owned();
    assert_eq!(name, actor_url.host_str().expect("host"));
    let domain = a.ctx().instance.domain.clone();
    for resource in [format!("acct:{name}@{domain}"), actor_url.to_string()] {
        let mut webfinger = a.url("/.well-known/webfinger");
        webfinger
            .query_pairs_mut()
            .append_pair("resource", &resource);
        let jrd: Value = reqwest::Client::new()
            .get(webfinger)
            .send()
            .await?
            .json()
            .await?;
        let href = jrd["links"]
            .as_array()
            .and_then(|l| l.iter().find(|l| l["rel"] == "self"))
            .map(|l| l["href"].clone());
        assert_eq!(href, Some(json!(actor_url.as_str())), "{resource}: {jrd}");
    }
    a.stop().await;
    Ok(())
}

/// Serves a WebFinger answer for `actor` (the fake server answers one per host).
fn serve_webfinger(peer: &FakePeer, actor: &FakeActor) {
    peer.serve(
        &peer.url("/.well-known/webfinger"),
        json!({
            "subject": format!("acct:{}@{}", actor.name, peer.domain()),
            "links": [{ "rel": "self", "type": "application/activity+json", "href": actor.id }],
        }),
    );
}

#[tokio::test]
async fn only_collectives_are_followed_and_lemmy_handles_name_them() -> anyhow::Result<()> {
    let a = start().await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    // A person, as GoToSocial serves one: a clear 400, nothing followed.
    let gts = FakePeer::start().await?;
    let gina = gts.add_person("gina")?;
    serve_webfinger(&gts, &gina);
    let (status, body) = a
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &mia,
            Some(json!({ "target": format!("@gina@{}", gts.domain()) })),
        )
        .await?;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.contains("only collectives can be followed")),
        "{body}"
    );
    let (_, follows) = a.get("/api/v1/me/follows", Some(&mia)).await?;
    assert_eq!(follows.as_array().map(Vec::len), Some(0), "{follows}");
    // A community in Lemmy's own notation.
    let lemmy = FakePeer::start().await?;
    let tuin = lemmy.add_group("tuin")?;
    serve_webfinger(&lemmy, &tuin);
    let (status, body) = a
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &mia,
            Some(json!({ "target": format!("!tuin@{}", lemmy.domain()) })),
        )
        .await?;
    assert!(status == 201 || status == 200, "{status} {body}");
    eventually("the Follow reaches the community", || async {
        lemmy
            .inbox_posts()
            .into_iter()
            .find(|b| b["type"] == "Follow" && b["object"] == tuin.id.as_str())
    })
    .await;
    a.stop().await;
    gts.stop().await;
    lemmy.stop().await;
    Ok(())
}

#[tokio::test]
async fn a_like_of_a_gotosocial_answer_reaches_its_author() -> anyhow::Result<()> {
    let (a, mia, gts, gina) = followed_by_gotosocial().await?;
    let mia_id = a.url("/u/mia");
    let d = send(
        &a,
        Method::POST,
        "/api/v1/collectives/buurt/dilemmas",
        &mia,
        Some(
            json!({ "title": "Wie beheert de sleutel?", "body": "Drie sleutels.",
                     "themes": ["keys_and_access"] }),
        ),
    )
    .await?;
    let page = Url::parse(d["url"].as_str().expect("url"))?;
    // gina answers, as GoToSocial sends a reply: to the author's inbox.
    let note_id = gts.url("/users/gina/statuses/1");
    let reply = meent_testkit::fake_peer::note(&note_id, &gina, &page, &page, "Een kastje.");
    let create = meent_testkit::fake_peer::activity(
        "Create",
        &gts.url("/users/gina/statuses/1/activity"),
        &gina.id,
        reply,
    );
    let status = gts
        .post_signed(&gina, &a.url("/u/mia/inbox"), &create)
        .await?;
    assert!((200..300).contains(&status), "{status}");
    let path = format!("/api/v1/dilemmas/{}", d["id"]);
    let solution_id = eventually("gina's answer is stored", || async {
        let (_, thread) = a.send(Method::GET, &path, &mia, None).await.ok()?;
        thread["solutions"][0]["id"].as_i64()
    })
    .await;

    // GoToSocial drops an announced Like and takes one only at the author's own inbox.
    send(
        &a,
        Method::POST,
        &format!("/api/v1/replies/{solution_id}/like"),
        &mia,
        None,
    )
    .await?;
    let at_gina = |kind: &'static str| {
        let gina_inbox = format!("{}/inbox", gina.id.path());
        let gts = &gts;
        async move {
            eventually("mia's own activity at gina's inbox", || async {
                gts.requests().into_iter().find_map(|r| {
                    let body = r.body?;
                    (r.method == "POST" && r.path == gina_inbox && body["type"] == kind)
                        .then_some((body, r.key_id))
                })
            })
            .await
        }
    };
    let (like, key) = at_gina("Like").await;
    microblog::check(&like, mia_id.as_str(), None).map_err(anyhow::Error::msg)?;
    assert_eq!(like["object"], note_id.as_str());
    assert!(key.is_some_and(|k| k.starts_with(mia_id.as_str())));
    send(
        &a,
        Method::DELETE,
        &format!("/api/v1/replies/{solution_id}/like"),
        &mia,
        None,
    )
    .await?;
    let (undo, _) = at_gina("Undo").await;
    assert_eq!(
        (undo["actor"].as_str(), undo["object"]["type"].as_str()),
        (Some(mia_id.as_str()), Some("Like"))
    );
    assert_eq!(undo["object"]["object"], note_id.as_str());
    a.stop().await;
    gts.stop().await;
    Ok(())
}
