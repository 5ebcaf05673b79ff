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
