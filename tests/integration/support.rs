//! Small shared steps of the scenarios.

use meent_db::queries::collectives::CollectiveRow;
use meent_domain::Role;
use meent_testkit::{TestInstance, eventually};

/// The `state` of `member_token`'s follow of `handle` on `on`, once `pred` holds for it
/// (`None` = no such follow).
pub async fn follow_state_becomes(
    on: &TestInstance,
    member_token: &str,
    collective_url: &str,
    pred: impl Fn(Option<&str>) -> bool,
    what: &str,
) {
    eventually(what, || async {
        let (status, body) = on
            .get("/api/v1/me/follows", Some(member_token))
            .await
            .ok()?;
        assert_eq!(status, 200, "{body}");
        let state = body.as_array()?.iter().find_map(|f| {
            (f["collective"]["url"] == collective_url)
                .then(|| f["state"].as_str().map(str::to_owned))
        });
        let state = state.flatten();
        pred(state.as_deref()).then_some(())
    })
    .await
}

/// The handles listed at `path` (followers or follow requests) on `on`.
pub async fn handles_at(on: &TestInstance, path: &str, token: &str) -> Vec<String> {
    let (status, body) = on.get(path, Some(token)).await.expect("request");
    assert_eq!(status, 200, "{path}: {body}");
    body.as_array()
        .expect("a list")
        .iter()
        .filter_map(|f| f["member"]["handle"].as_str().map(str::to_owned))
        .collect()
}

/// The follow id of `handle` in the list at `path`.
pub async fn follow_id_of(on: &TestInstance, path: &str, token: &str, handle: &str) -> i64 {
    let (_, body) = on.get(path, Some(token)).await.expect("request");
    body.as_array()
        .and_then(|a| a.iter().find(|f| f["member"]["handle"] == handle))
        .and_then(|f| f["follow_id"].as_i64())
        .unwrap_or_else(|| panic!("{handle} not in {path}: {body}"))
}

/// `token`'s member on `on` follows the collective `target` (a handle or URL) through the
/// API; returns once the follow is accepted (the collectives in these tests are open).
pub async fn follow_accepted(on: &TestInstance, token: &str, target: &str) {
    let (status, body) = on
        .send(
            reqwest::Method::POST,
            "/api/v1/me/follows",
            token,
            Some(serde_json::json!({ "target": target })),
        )
        .await
        .expect("request");
    assert_eq!(status, 201, "{body}");
    eventually("the follow is accepted", || async {
        let (_, list) = on.get("/api/v1/me/follows", Some(token)).await.ok()?;
        list.as_array()?
            .iter()
            .any(|f| f["state"] == "accepted")
            .then_some(())
    })
    .await;
}

/// A new open collective `collective` on `on` with one member `member`; returns the
/// collective and the member's API token.
pub async fn collective_with_member(
    on: &TestInstance,
    collective: &str,
    member: &str,
) -> (CollectiveRow, String) {
    let col = on
        .create_collective(collective, true)
        .await
        .expect("collective");
    let (_, token) = on
        .create_member(member, Some((&col, Role::Member)))
        .await
        .expect("member");
    (col, token)
}

/// `token`'s member on `a` follows the fake server's group `group`, which accepts as its
/// server would (an Accept with id `accept_id`); returns once the follow is accepted.
pub async fn follow_fake_group(
    a: &TestInstance,
    token: &str,
    peer: &meent_testkit::FakePeer,
    group: &meent_testkit::FakeActor,
    accept_id: &url::Url,
) -> anyhow::Result<()> {
    let (status, body) = a
        .send(
            reqwest::Method::POST,
            "/api/v1/me/follows",
            token,
            Some(serde_json::json!({ "target": group.id })),
        )
        .await?;
    anyhow::ensure!(status == 201 || status == 200, "{status} {body}");
    let follow = eventually("A sends its Follow to the group", || async {
        peer.inbox_posts()
            .into_iter()
            .find(|b| b["type"] == "Follow" && b["object"] == group.id.as_str())
    })
    .await;
    let accept = meent_testkit::fake_peer::activity("Accept", accept_id, &group.id, follow);
    let status = peer.post_signed(group, &a.url("/inbox"), &accept).await?;
    anyhow::ensure!(status == 200, "Accept answered {status}");
    follow_state_becomes(
        a,
        token,
        group.id.as_str(),
        |s| s == Some("accepted"),
        "the follow of the group is accepted",
    )
    .await;
    Ok(())
}

/// The NodeInfo a real peer served (tests/fixtures/<dir>/), at `peer`: `links` at
/// /.well-known/nodeinfo pointing to `document` at /nodeinfo/<version>.
fn serve_recorded_nodeinfo(
    peer: &meent_testkit::FakePeer,
    dir: &str,
    version: &str,
) -> anyhow::Result<()> {
    let read = |name: &str| -> anyhow::Result<serde_json::Value> {
        let path = format!("{}/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
        Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
    };
    let mut links = read("well_known_nodeinfo.json")?;
    let href = peer.url(&format!("/nodeinfo/{version}"));
    links["links"][0]["href"] = serde_json::json!(href.as_str());
    // Offered as application/json only, as GoToSocial does (406 to activity+json).
    peer.serve_json_only(&peer.url("/.well-known/nodeinfo"), links);
    peer.serve_json_only(&href, read(&format!("nodeinfo_{version}.json"))?);
    Ok(())
}

/// Serves the NodeInfo a real Lemmy 1.0.0-beta.1 served (tests/fixtures/lemmy-live).
pub fn serve_lemmy_nodeinfo(peer: &meent_testkit::FakePeer) -> anyhow::Result<()> {
    serve_recorded_nodeinfo(peer, "lemmy-live", "2.1")
}

/// Serves the NodeInfo a real GoToSocial 0.19.2 served (tests/fixtures/gotosocial-live).
pub fn serve_gotosocial_nodeinfo(peer: &meent_testkit::FakePeer) -> anyhow::Result<()> {
    serve_recorded_nodeinfo(peer, "gotosocial-live", "2.0")
}

/// `documents` with each base URL replaced by a fixed one, UUIDs and times masked, and in a
/// fixed order (deliveries arrive in any order).
pub fn stable_documents(
    documents: &[serde_json::Value],
    bases: &[(&str, &str)],
) -> anyhow::Result<Vec<serde_json::Value>> {
    let uuid = regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")?;
    let time =
        regex::Regex::new(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")?;
    let mut texts = documents
        .iter()
        .map(|d| {
            let mut text = serde_json::to_string(d)?;
            for (from, to) in bases {
                text = text.replace(from, to);
            }
            let text = uuid.replace_all(&text, "<uuid>");
            Ok(time.replace_all(&text, "<time>").into_owned())
        })
        .collect::<anyhow::Result<Vec<String>>>()?;
    texts.sort();
    texts.dedup();
    texts.iter().map(|t| Ok(serde_json::from_str(t)?)).collect()
}
