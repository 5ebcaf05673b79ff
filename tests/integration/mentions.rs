//! Mentions (`@name@host`, issue 18): written on one instance, linked and told on the
//! mentioned person's own; received from a Mastodon-like server (a `tag` that is one
//! `Mention` object, as GoToSocial 0.19 sends it), told too.

use meent_domain::Role;
use meent_testkit::{FakePeer, eventually, fake_peer::activity, start_many};
use reqwest::Method;
use serde_json::json;

async fn with_account(
    on: &meent_testkit::TestInstance,
    name: &str,
) -> anyhow::Result<meent_db::queries::members::MemberRow> {
    let member = meent_app::members::local_by_name(on.ctx(), name).await?;
    meent_app::accounts::set_password(on.ctx(), &member, "een lange zin als wachtwoord")
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(member)
}

async fn kinds_told(
    on: &meent_testkit::TestInstance,
    member: &meent_db::queries::members::MemberRow,
) -> Vec<String> {
    meent_app::notifications::read_latest(on.ctx(), member)
        .await
        .map(|rows| rows.into_iter().map(|n| n.kind).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_mention_on_another_instance_is_linked_and_told() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b = instances.pop().expect("B");
    let a = instances.pop().expect("A");
    let (huis, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    a.create_member("cora", Some((&huis, Role::Member))).await?;
    let anna_row = with_account(&a, "anna").await?;
    let cora_row = with_account(&a, "cora").await?;
    let (_, bram) = crate::support::collective_with_member(&b, "buren", "bram").await;
    crate::support::follow_accepted(&b, &bram, &a.handle("huis")).await;

    let (status, dilemma) = a
        .send(
            Method::POST,
            "/api/v1/collectives/huis/dilemmas",
            &anna,
            Some(json!({ "title": "Wie beheert de sleutel?", "body": "Tips?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{dilemma}");
    let url = dilemma["url"].as_str().expect("url").to_owned();
    let on_b = eventually("B receives the dilemma", || async {
        let (_, body) = b
            .get(
                &format!(
                    "/api/v1/search?q={}",
                    url::form_urlencoded::byte_serialize(url.as_bytes()).collect::<String>()
                ),
                Some(&bram),
            )
            .await
            .ok()?;
        body["resolved"]["dilemma"]["id"].as_i64()
    })
    .await;

    let text = format!(
        "Vraag het @cora@{a_dom}, zij heeft de sleutelkluis geregeld. En @niemand@{a_dom}.",
        a_dom = a.domain
    );
    let (status, solution) = b
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{on_b}/solutions"),
            &bram,
            Some(json!({ "body": text, "from_experience": false })),
        )
        .await?;
    assert_eq!(status, 201, "{solution}");
    // Linked where it was written; someone unknown stays plain text.
    let content = solution["content"].as_str().expect("content");
    assert!(
        content.contains(&format!("href=\"{}\"", a.url("/u/cora"))),
        "{content}"
    );
    assert!(
        content.contains(&format!("@niemand@{}", a.domain)) && !content.contains("niemand</a>"),
        "{content}"
    );

    // On A: cora is told she was mentioned; anna of the new solution only (once).
    eventually("cora is told of the mention", || async {
        kinds_told(&a, &cora_row)
            .await
            .contains(&"mention".to_owned())
            .then_some(())
    })
    .await;
    let anna_told = kinds_told(&a, &anna_row).await;
    assert_eq!(anna_told, vec!["solution".to_owned()], "{anna_told:?}");

    // The Note as A serves... as B serves it: the Mention tagged and cora in cc.
    let note: serde_json::Value = b
        .http
        .get(solution["url"].as_str().expect("url"))
        .header("Accept", "application/activity+json")
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(note["tag"][0]["type"], "Mention", "{note}");
    assert_eq!(note["tag"][0]["href"], a.url("/u/cora").as_str(), "{note}");
    assert!(
        note["cc"]
            .as_array()
            .is_some_and(|cc| cc.iter().any(|c| c == a.url("/u/cora").as_str())),
        "{note}"
    );
    Ok(())
}

#[tokio::test]
async fn a_mention_from_a_mastodon_like_server_is_told() -> anyhow::Result<()> {
    let mut instances = start_many(1).await?;
    let a = instances.pop().expect("A");
    let (huis, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    a.create_member("cora", Some((&huis, Role::Member))).await?;
    let cora_row = with_account(&a, "cora").await?;
    let (status, dilemma) = a
        .send(
            Method::POST,
            "/api/v1/collectives/huis/dilemmas",
            &anna,
            Some(json!({ "title": "Wie beheert de sleutel?", "body": "Tips?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{dilemma}");
    let dilemma_url: url::Url = dilemma["url"].as_str().expect("url").parse()?;

    let peer = FakePeer::start().await?;
    let gina = peer.add_person("gina")?;
    let mut reply = meent_testkit::fake_peer::note(
        &peer.url("/statuses/1"),
        &gina,
        &dilemma_url,
        &dilemma_url,
        "@cora weet hoe het zit.",
    );
    // As GoToSocial 0.19.2 sends it (tests/fixtures/gotosocial-live/create_reply.json):
    // `tag` one object, the mentioned person in `cc`.
    reply["tag"] = json!({ "href": a.url("/u/cora"), "name": format!("@cora@{}", a.domain), "type": "Mention" });
    reply["cc"] = json!([a.url("/u/cora")]);
    let create = activity("Create", &peer.url("/statuses/1/activity"), &gina.id, reply);
    let status = peer
        .post_signed(&gina, &a.url("/u/cora/inbox"), &create)
        .await?;
    assert_eq!(status, 200);
    let told = kinds_told(&a, &cora_row).await;
    assert_eq!(told, vec!["mention".to_owned()], "{told:?}");

    // A Mention of someone on another server is not ours to tell.
    let mut other = meent_testkit::fake_peer::note(
        &peer.url("/statuses/2"),
        &gina,
        &dilemma_url,
        &dilemma_url,
        "@x weet het.",
    );
    other["tag"] = json!([{ "href": peer.url("/u/x"), "name": "@x@elders", "type": "Mention" }]);
    let create = activity("Create", &peer.url("/statuses/2/activity"), &gina.id, other);
    assert_eq!(
        peer.post_signed(&gina, &a.url("/inbox"), &create).await?,
        200
    );
    assert_eq!(
        kinds_told(&a, &cora_row).await,
        vec!["mention".to_owned()],
        "only the first mention, of cora"
    );
    Ok(())
}

/// A dilemma's text that mentions people: linked where it is written, the mentioned member
/// here told once (not again when an edit keeps the mention), the mentioned person on a
/// plain ActivityPub server sent the author's own Create with the Mention, as Mastodon
/// expects it; and a post from a community elsewhere that mentions a member here tells them.
#[tokio::test]
async fn a_mention_in_a_dilemma_is_linked_sent_and_told() -> anyhow::Result<()> {
    let mut instances = start_many(1).await?;
    let a = instances.pop().expect("A");
    let (huis, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    a.create_member("cora", Some((&huis, Role::Member))).await?;
    let cora_row = with_account(&a, "cora").await?;
    let peer = FakePeer::start().await?;
    let gina = peer.add_person("gina")?;
    // A knows gina (looked up by her URL, as pasting it in the search does).
    let (status, found) = a
        .get(
            &format!(
                "/api/v1/search?q={}",
                url::form_urlencoded::byte_serialize(gina.id.as_str().as_bytes())
                    .collect::<String>()
            ),
            Some(&anna),
        )
        .await?;
    assert_eq!(status, 200, "{found}");

    let body = format!(
        "Wie weet raad? @cora@{a_dom} regelde iets, en @gina@{p_dom} ook.",
        a_dom = a.domain,
        p_dom = peer.domain()
    );
    let (status, dilemma) = a
        .send(
            Method::POST,
            "/api/v1/collectives/huis/dilemmas",
            &anna,
            Some(json!({ "title": "Wie beheert de sleutel?", "body": body, "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{dilemma}");
    let content = dilemma["content"].as_str().expect("content");
    assert!(
        content.contains("href=\"/u/cora\"") && content.contains(&format!("href=\"{}\"", gina.id)),
        "{content}"
    );
    assert_eq!(kinds_told(&a, &cora_row).await, vec!["mention".to_owned()]);

    // gina's server follows nothing here: it gets anna's own Create of the Page, which
    // tags gina and has her in `cc`.
    let create = eventually("gina's server is sent the dilemma", || async {
        peer.requests()
            .into_iter()
            .filter(|r| r.method == "POST" && r.path == gina.inbox.path())
            .filter_map(|r| r.body)
            .find(|b| b["type"] == "Create" && b["object"]["type"] == "Page")
    })
    .await;
    let page = &create["object"];
    assert_eq!(create["actor"], a.url("/u/anna").as_str(), "{create}");
    let tags = page["tag"].as_array().expect("tags");
    assert!(
        tags.iter()
            .any(|t| t["type"] == "Mention" && t["href"] == gina.id.as_str()),
        "{page}"
    );
    assert!(
        tags.iter().any(|t| t["type"] == "Hashtag"),
        "themes stay hashtags: {page}"
    );
    assert!(
        page["cc"]
            .as_array()
            .is_some_and(|cc| cc.iter().any(|c| c == gina.id.as_str())),
        "{page}"
    );

    // An edit that keeps the mention tells nobody again.
    let id = dilemma["id"].as_i64().expect("id");
    let (status, edited) = a
        .send(
            Method::PUT,
            &format!("/api/v1/dilemmas/{id}"),
            &anna,
            Some(json!({ "title": "Wie beheert de sleutel?", "body": format!("{body} Graag snel."), "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(kinds_told(&a, &cora_row).await, vec!["mention".to_owned()]);

    // A post in a community elsewhere that A follows, mentioning cora (one `Mention`
    // object among other tags, as Mastodon-like servers send them): cora is told once,
    // not again when the post is updated.
    let (p, group) = (peer.add_person("p")?, peer.add_group("tuin")?);
    crate::support::follow_fake_group(&a, &anna, &peer, &group, &peer.url("/accept/1")).await?;
    let mut post = meent_testkit::fake_peer::page(
        &peer.url("/post/1"),
        &p,
        &group.id,
        "Wie kent de wethouder?",
        "@cora weet het misschien.",
    );
    post["tag"] = json!([
        { "type": "Hashtag", "name": "#buurt", "href": peer.url("/tags/buurt") },
        { "type": "Mention", "href": a.url("/u/cora"), "name": format!("@cora@{}", a.domain) },
        { "type": "Emoji", "name": ":x:" }
    ]);
    let create = activity("Create", &peer.url("/create/1"), &p.id, post.clone());
    assert_eq!(peer.post_signed(&p, &a.url("/inbox"), &create).await?, 200);
    assert_eq!(
        kinds_told(&a, &cora_row).await,
        vec!["mention".to_owned(), "mention".to_owned()]
    );
    post["updated"] = json!("2026-11-21T10:00:00Z");
    let update = activity("Update", &peer.url("/update/1"), &p.id, post);
    assert_eq!(peer.post_signed(&p, &a.url("/inbox"), &update).await?, 200);
    assert_eq!(kinds_told(&a, &cora_row).await.len(), 2);
    Ok(())
}
