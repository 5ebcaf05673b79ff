//! How received content is shown (issue 19): a post from a Lemmy-like server that says its
//! language carries it as `lang` on the page, so a screen reader on the English interface
//! reads the Dutch text in Dutch; a language tag that is not one is left out.

use meent_testkit::{
    FakePeer, eventually,
    fake_peer::{activity, page},
    start,
};
use reqwest::header;
use serde_json::json;

#[tokio::test]
async fn received_text_carries_its_own_language() -> anyhow::Result<()> {
    let a = start().await?;
    let (_, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    let peer = FakePeer::start().await?;
    let (p, group) = (peer.add_person("p")?, peer.add_group("tuin")?);
    crate::support::follow_fake_group(&a, &anna, &peer, &group, &peer.url("/accept/1")).await?;
    let posts = [
        (
            "/post/1",
            "Wie beheert de sleutel?",
            json!({ "identifier": "nl", "name": "Nederlands" }),
        ),
        (
            "/post/2",
            "Tag that is not one",
            json!({ "identifier": "x\" onclick=\"y", "name": "?" }),
        ),
    ];
    for (n, (path, title, language)) in posts.iter().enumerate() {
        let mut post = page(&peer.url(path), &p, &group.id, title, "Tekst");
        post["language"] = language.clone();
        let create = activity("Create", &peer.url(&format!("/create/{n}")), &p.id, post);
        assert_eq!(peer.post_signed(&p, &a.url("/inbox"), &create).await?, 200);
    }
    let ids = eventually("both posts are stored", || async {
        let (_, list) = a.get("/api/v1/dilemmas?limit=10", Some(&anna)).await.ok()?;
        let list = list.as_array()?;
        let id = |t: &str| list.iter().find(|d| d["title"] == t)?["id"].as_i64();
        Some((id(posts[0].1)?, id(posts[1].1)?))
    })
    .await;

    let english = |path: String| {
        a.http
            .get(a.url(&path))
            .header(header::ACCEPT_LANGUAGE, "en")
            .send()
    };
    let html = english(format!("/d/{}", ids.0)).await?.text().await?;
    assert!(
        html.contains(r#"<html lang="en">"#),
        "the interface is English"
    );
    assert!(
        html.contains(r#"<h1 id="dilemma-title" lang="nl">Wie beheert de sleutel?</h1>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<div class="content" lang="nl">"#),
        "{html}"
    );
    let html = english(format!("/d/{}", ids.1)).await?.text().await?;
    assert!(
        html.contains(r#"<h1 id="dilemma-title">Tag that is not one</h1>"#),
        "no lang from a tag that is not one: {html}"
    );
    assert!(!html.contains("onclick"), "{html}");
    Ok(())
}

#[tokio::test]
async fn an_answer_for_a_collective_is_shown_as_theirs_and_so_is_the_solving() -> anyhow::Result<()>
{
    let a = start().await?;
    let huis = a.create_collective("huis", true).await?;
    let (_, cora) = a
        .create_member("cora", Some((&huis, meent_domain::Role::Coordinator)))
        .await?;
    let (status, d) = a
        .send(
            reqwest::Method::POST,
            "/api/v1/collectives/huis/dilemmas",
            &cora,
            Some(json!({ "title": "Wie beheert de sleutel?", "body": "Wie?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let (d_id, d_url): (i64, url::Url) = (
        d["id"].as_i64().expect("id"),
        d["url"].as_str().expect("url").parse()?,
    );

    // A plain ActivityPub server: a person answers for their own group, and another claims
    // a group on a third server.
    let peer = FakePeer::start().await?;
    let (p, tuin) = (peer.add_person("p")?, peer.add_group("tuin")?);
    let third = FakePeer::start().await?;
    let elsewhere = third.add_group("elders")?;
    let answers = [
        ("/note/1", "Een sleutelkluis.", &tuin.id),
        ("/note/2", "Een rooster.", &elsewhere.id),
    ];
    for (n, (path, text, speaks_for)) in answers.iter().enumerate() {
        let mut answer = meent_testkit::fake_peer::note(&peer.url(path), &p, &d_url, &d_url, text);
        answer["speaksFor"] = json!(speaks_for);
        let create = activity("Create", &peer.url(&format!("/create/{n}")), &p.id, answer);
        assert_eq!(peer.post_signed(&p, &a.url("/inbox"), &create).await?, 200);
    }
    let thread = eventually("both answers are stored", || async {
        let (_, t) = a
            .get(&format!("/api/v1/dilemmas/{d_id}"), None)
            .await
            .ok()?;
        (t["solutions"].as_array()?.len() == 2).then_some(t)
    })
    .await;
    let by_url = |u: &url::Url| {
        thread["solutions"]
            .as_array()
            .and_then(|s| s.iter().find(|x| x["url"] == u.as_str()).cloned())
            .expect("the answer")
    };
    let for_tuin = by_url(&peer.url("/note/1"));
    assert_eq!(for_tuin["speaks_for_name"], "tuin", "{for_tuin}");
    let claimed = by_url(&peer.url("/note/2"));
    assert!(
        claimed["speaks_for"].is_null(),
        "not for a group elsewhere: {claimed}"
    );
    assert_eq!(
        third.get_count("/c/elders"),
        0,
        "nothing fetched from the third server"
    );

    let (status, accepted) = a
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/dilemmas/{d_id}/accept"),
            &cora,
            Some(json!({ "solution_ids": [for_tuin["id"]] })),
        )
        .await?;
    assert_eq!(status, 200, "{accepted}");
    let html = a
        .http
        .get(a.url(&format!("/d/{d_id}")))
        .send()
        .await?
        .text()
        .await?;
    assert!(html.contains("opgelost door tuin"), "{html}");
    assert!(
        html.contains("gevraagd door "),
        "not 'door <asker>' beside 'Opgelost': {html}"
    );
    assert!(
        html.contains(r#"<span class="speaks-for">namens <a href=""#),
        "{html}"
    );
    Ok(())
}

/// A dilemma of collective `huis` on `a`, answered by gina on a fake Mastodon-like server
/// with one Note per `(path, text)`, each changed by `shape` (its index, the Note) before it
/// is sent. Returns the dilemma's id, the server and the thread once every answer is stored.
async fn answered_from_elsewhere(
    a: &meent_testkit::TestInstance,
    title: &str,
    answers: &[(&str, &str)],
    shape: impl Fn(usize, &mut serde_json::Value),
) -> anyhow::Result<(i64, FakePeer, serde_json::Value)> {
    let (_, anna) = crate::support::collective_with_member(a, "huis", "anna").await;
    let (status, d) = a
        .send(
            reqwest::Method::POST,
            "/api/v1/collectives/huis/dilemmas",
            &anna,
            Some(json!({ "title": title, "body": "Wie?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let (d_id, d_url): (i64, url::Url) = (
        d["id"].as_i64().expect("id"),
        d["url"].as_str().expect("url").parse()?,
    );
    let peer = FakePeer::start().await?;
    let gina = peer.add_person("gina")?;
    for (n, (path, text)) in answers.iter().enumerate() {
        let mut note = meent_testkit::fake_peer::note(&peer.url(path), &gina, &d_url, &d_url, text);
        shape(n, &mut note);
        let create = activity("Create", &peer.url(&format!("/create/{n}")), &gina.id, note);
        assert_eq!(
            peer.post_signed(&gina, &a.url("/inbox"), &create).await?,
            200
        );
    }
    let thread = eventually("every answer is stored", || async {
        let (_, t) = a
            .get(&format!("/api/v1/dilemmas/{d_id}"), None)
            .await
            .ok()?;
        (t["solutions"].as_array()?.len() == answers.len()).then_some(t)
    })
    .await;
    Ok((d_id, peer, thread))
}

/// The field `field` of the answer with id `path` on `peer`, in `thread`.
fn field_of(
    thread: &serde_json::Value,
    peer: &FakePeer,
    path: &str,
    field: &str,
) -> serde_json::Value {
    thread["solutions"]
        .as_array()
        .and_then(|s| s.iter().find(|x| x["url"] == peer.url(path).as_str()))
        .map(|x| x[field].clone())
        .expect("the answer")
}

#[tokio::test]
async fn a_content_warning_from_a_mastodon_like_server_folds_the_answer() -> anyhow::Result<()> {
    let a = start().await?;
    // As Mastodon sends a status (tests/fixtures/mastodon/create_note.json): `summary` is
    // the warning and `sensitive` says there is one; `summary: null` is none.
    let warnings = [
        (json!("Over een ruzie met de verhuurder"), true),
        (json!(null), false),
        (json!(null), true),
    ];
    let (d_id, peer, thread) = answered_from_elsewhere(
        &a,
        "Ruzie over de sleutel",
        &[
            ("/statuses/1", "Het liep hoog op."),
            ("/statuses/2", "Alleen een tip."),
            ("/statuses/3", "Zonder woorden."),
        ],
        |n, note| {
            note["summary"] = warnings[n].0.clone();
            note["sensitive"] = json!(warnings[n].1);
        },
    )
    .await?;
    let warning_of = |path: &str| field_of(&thread, &peer, path, "content_warning");
    assert_eq!(
        warning_of("/statuses/1"),
        "Over een ruzie met de verhuurder"
    );
    assert!(warning_of("/statuses/2").is_null());
    assert_eq!(warning_of("/statuses/3"), "⚠");

    let html = a
        .http
        .get(a.url(&format!("/d/{d_id}")))
        .send()
        .await?
        .text()
        .await?;
    assert!(
        html.contains("<details class=\"content-warning\"><summary>Let op, gevoelige inhoud: Over een ruzie met de verhuurder</summary><div class=\"content\"><p>Het liep hoog op.</p>"),
        "{html}"
    );
    assert!(html.contains("<summary>Let op, gevoelige inhoud</summary><div class=\"content\"><p>Zonder woorden.</p>"), "{html}");
    assert!(
        !html.contains("gevoelige inhoud</summary><div class=\"content\"><p>Alleen een tip."),
        "{html}"
    );
    Ok(())
}

#[tokio::test]
async fn an_answer_carries_the_language_its_server_says_it_is_in() -> anyhow::Result<()> {
    let a = start().await?;
    // Mastodon names the language by the one key of `contentMap`
    // (tests/fixtures/mastodon/create_note.json); Lemmy by `language`
    // (tests/fixtures/lemmy-live/10_Create_Note.json); a third says nothing.
    let said = [
        (
            "contentMap",
            json!({"nl": "<p>Bij ons de penningmeester.</p>"}),
        ),
        (
            "language",
            json!({"identifier": "nl", "name": "Nederlands"}),
        ),
        (
            "language",
            json!({"identifier": "und", "name": "Undetermined"}),
        ),
    ];
    let (d_id, peer, thread) = answered_from_elsewhere(
        &a,
        "Wie heeft de sleutel?",
        &[
            ("/statuses/1", "Bij ons de penningmeester."),
            ("/comment/2", "Wij hebben een kluisje."),
            ("/statuses/3", "No idea."),
        ],
        |n, note| note[said[n].0] = said[n].1.clone(),
    )
    .await?;
    let language_of = |path: &str| field_of(&thread, &peer, path, "language");
    assert_eq!(language_of("/statuses/1"), "nl");
    assert_eq!(language_of("/comment/2"), "nl");
    assert!(language_of("/statuses/3").is_null());

    // On the English interface, the Dutch answers are marked Dutch for screen readers.
    let html = a
        .http
        .get(a.url(&format!("/d/{d_id}")))
        .header("Accept-Language", "en")
        .send()
        .await?
        .text()
        .await?;
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(
        html.contains("<div class=\"content\" lang=\"nl\"><p>Bij ons de penningmeester.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"content\" lang=\"nl\"><p>Wij hebben een kluisje.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"content\"><p>No idea.</p>"),
        "{html}"
    );
    Ok(())
}
