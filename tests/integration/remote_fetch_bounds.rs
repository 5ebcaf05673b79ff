//! What other servers can make this instance fetch, and what an anonymous visitor can
//! (issue 14): looking up another server (a pasted URL or handle, network search, following)
//! needs a signed-in member; a remote dilemma's thread backfill fetches no more than the
//! configured number of items, however long the collection its server lists.

use crate::support::follow_state_becomes;
use meent_testkit::{
    FakePeer, eventually,
    fake_peer::{activity, collection, page},
    start_with,
};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn an_anonymous_visitor_cannot_make_the_instance_fetch_anything() -> anyhow::Result<()> {
    let v = FakePeer::start().await?;
    let vg = v.add_group("vg")?;
    let hub = v.url("/");
    let a = start_with(|c| c.search.hubs = vec![hub.to_string()]).await?;
    let target = urlencode(vg.id.as_str());

    // A pasted URL in search, by API and page; a network search; following.
    let (status, body) = a.get(&format!("/api/v1/search?q={target}"), None).await?;
    assert_eq!(status, 401, "{body}");
    assert!(body["error"].is_string(), "{body}");
    let mut search_page = a.url("/search");
    search_page
        .query_pairs_mut()
        .append_pair("q", vg.id.as_str());
    let page = a.http.get(search_page).send().await?;
    let status = page.status();
    let html = page.text().await?;
    assert_eq!(status, 401, "{html}");
    assert!(html.contains("/login?next="), "the page offers to log in");
    let (status, body) = a
        .get("/api/v1/search?q=sleutel&scope=network", None)
        .await?;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["network_needs_sign_in"], true);
    let (status, _) = a
        .send(
            Method::POST,
            "/api/v1/me/follows",
            "no-token",
            Some(json!({ "target": vg.id })),
        )
        .await?;
    assert_eq!(status, 401);
    assert_eq!(v.requests().len(), 0, "{:?}", v.requests());

    // A member's lookups do reach the other server.
    let (_, token) = a.create_member("mia", None).await?;
    let (status, body) = a
        .get(&format!("/api/v1/search?q={target}"), Some(&token))
        .await?;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["resolved"]["collective"]["url"],
        vg.id.as_str(),
        "{body}"
    );
    let fetched = v.get_count("/c/vg");
    assert!(fetched >= 1);
    let (status, body) = a
        .get("/api/v1/search?q=sleutel&scope=network", Some(&token))
        .await?;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["network_needs_sign_in"], false);
    assert_eq!(v.get_count("/api/v1/search/network"), 1);

    a.stop().await;
    v.stop().await;
    Ok(())
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn a_thread_of_ten_thousand_items_is_backfilled_only_up_to_the_limit() -> anyhow::Result<()> {
    const LIMIT: usize = 25;
    let a = start_with(|c| {
        c.federation.backfill_items_per_dilemma = LIMIT;
        // One backfill at a time for a host: when the second dilemma's thread is read, the
        // first one's backfill is over.
        c.federation.backfill_per_host = 1;
    })
    .await?;
    let v = FakePeer::start().await?;
    let (vg, p) = (v.add_group("vg")?, v.add_person("p")?);
    let (_, token) = a.create_member("mia", None).await?;
    let (status, _) = a
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &token,
            Some(json!({ "target": vg.id })),
        )
        .await?;
    assert!(status == 200 || status == 201);
    let follow = eventually("A sends its Follow", || async {
        v.inbox_posts().into_iter().find(|b| b["type"] == "Follow")
    })
    .await;
    let inbox = a.url("/inbox");
    let accept = activity("Accept", &v.url("activities/accept/1"), &vg.id, follow);
    assert_eq!(v.post_signed(&vg, &inbox, &accept).await?, 200);
    follow_state_becomes(
        &a,
        &token,
        vg.id.as_str(),
        |s| s == Some("accepted"),
        "accepted",
    )
    .await;

    // VG's dilemma whose thread lists 10,000 answers (none of which exist).
    let big = v.url("post/big");
    let context = v.url("post/big/context");
    let items: Vec<_> = (0..10_000)
        .map(|i| json!(v.url(&format!("comment/{i}"))))
        .collect();
    v.serve(&context, collection(&context, &items));
    let mut dilemma = page(&big, &p, &vg.id, "Een lange draad", "Heel veel antwoorden.");
    dilemma["context"] = json!(context);
    v.serve(&big, dilemma.clone());
    let create = activity("Create", &v.url("activities/create/1"), &p.id, dilemma);
    let announce = activity("Announce", &v.url("activities/announce/1"), &vg.id, create);
    assert_eq!(v.post_signed(&vg, &inbox, &announce).await?, 200);

    // A second dilemma on the same host, announced after the first.
    let small = v.url("post/small");
    let small_context = v.url("post/small/context");
    v.serve(&small_context, collection(&small_context, &[]));
    let mut second = page(&small, &p, &vg.id, "Een korte draad", "Geen antwoorden.");
    second["context"] = json!(small_context);
    v.serve(&small, second.clone());
    let create = activity("Create", &v.url("activities/create/2"), &p.id, second);
    let announce = activity("Announce", &v.url("activities/announce/2"), &vg.id, create);
    assert_eq!(v.post_signed(&vg, &inbox, &announce).await?, 200);
    eventually("the second thread is read, after the first", || async {
        (v.get_count("/post/small/context") >= 1).then_some(())
    })
    .await;
    let fetched = v.get_count("/comment/");
    assert!(
        fetched > 0 && fetched <= LIMIT,
        "{fetched} items fetched, limit {LIMIT}"
    );
    println!("backfill of 10,000 listed items: {fetched} fetched (limit {LIMIT})");

    a.stop().await;
    v.stop().await;
    Ok(())
}
