//! Forged, unsigned, oversized and malformed inbox requests are refused with clear statuses
//! and change nothing; a correctly signed one is accepted once, even when resent.

use crate::support::handles_at;
use meent_db::queries::{follows, received};
use meent_domain::Role;
use meent_testkit::{TestInstance, eventually, sign_post, start_many};
use reqwest::Method;
use rsa::pkcs8::{EncodePrivateKey, LineEnding};
use serde_json::json;

/// What an inbox request could change on A.
#[derive(Debug, PartialEq)]
struct Snapshot {
    received: i64,
    tweede_followers: usize,
    tweede_pending: usize,
}

async fn snapshot(a: &TestInstance, tweede_id: i64) -> Snapshot {
    let mut conn = a.ctx().db.get().await.expect("connection");
    let c = &mut conn.conn();
    Snapshot {
        received: received::count(c).await.expect("count"),
        tweede_followers: follows::followers_of(c, tweede_id, "accepted")
            .await
            .expect("list")
            .len(),
        tweede_pending: follows::followers_of(c, tweede_id, "pending")
            .await
            .expect("list")
            .len(),
    }
}

async fn post(
    a: &TestInstance,
    path: &str,
    body: Vec<u8>,
    headers: &[(String, String)],
) -> anyhow::Result<u16> {
    let mut req = a.http.post(a.url(path)).body(body);
    for (k, v) in headers {
        if k != "host" {
            req = req.header(k, v);
        }
    }
    Ok(req.send().await?.status().as_u16())
}

#[tokio::test]
async fn inbox_refuses_bad_requests_without_changing_anything() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b = instances.pop().unwrap();
    let a = instances.pop().unwrap();
    let buurt = a.create_collective("buurt", true).await?;
    let tweede = a.create_collective("tweede", true).await?;
    let (_, cora) = a
        .create_member("cora", Some((&tweede, Role::Coordinator)))
        .await?;
    let (bob, bob_token) = b.create_member("bob", None).await?;
    let bob_key = bob
        .private_key
        .as_ref()
        .expect("local members have keys")
        .expose()
        .to_owned();
    let key_id = format!("{}#main-key", bob.ap_id);

    // Warm-up: A learns of bob through a real follow, so later requests need no fetch.
    let (status, _) = b
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &bob_token,
            Some(json!({ "target": buurt.ap_id })),
        )
        .await?;
    assert_eq!(status, 201);
    // Done when the follow is stored and its id recorded as received: the inbox records it
    // after the handling has committed, so the snapshot below must not come in between.
    eventually("A accepts bob's follow of buurt", || async {
        let mut conn = a.ctx().db.get().await.ok()?;
        let c = &mut conn.conn();
        (follows::count_followers(c, buurt.id).await.ok()? == 1
            && received::count(c).await.ok()? == 1)
            .then_some(())
    })
    .await;

    let inbox = "/c/tweede/inbox";
    let inbox_url = a.url(inbox);
    let follow = |n: u32| {
        serde_json::to_vec(&json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{}activities/follow/test-{n}", b.base),
            "type": "Follow",
            "actor": bob.ap_id,
            "object": tweede.ap_id,
        }))
        .expect("json")
    };
    let before = snapshot(&a, tweede.id).await;

    // No signature at all.
    let body = follow(1);
    let mut unsigned = sign_post(&inbox_url, &body, &key_id, &bob_key)?.headers;
    unsigned.retain(|(k, _)| k != "signature");
    assert_eq!(post(&a, inbox, body, &unsigned).await?, 401, "unsigned");

    // Signed with a key that is not bob's.
    let stranger = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 2048)?
        .to_pkcs8_pem(LineEnding::LF)?
        .to_string();
    let body = follow(2);
    let forged = sign_post(&inbox_url, &body, &key_id, &stranger)?;
    assert_eq!(
        post(&a, inbox, body, &forged.headers).await?,
        401,
        "forged signature"
    );

    // A Signature header that is not a signature.
    let body = follow(6);
    let mut mangled = sign_post(&inbox_url, &body, &key_id, &bob_key)?.headers;
    for (k, v) in mangled.iter_mut() {
        if k == "signature" {
            *v = "keyId=\"nonsense\"".into();
        }
    }
    assert_eq!(
        post(&a, inbox, body, &mangled).await?,
        401,
        "unparseable signature"
    );

    // Correctly signed, but the body is not the one the Digest names.
    let signed = sign_post(&inbox_url, &follow(3), &key_id, &bob_key)?;
    let status = post(&a, inbox, follow(4), &signed.headers).await?;
    assert!(
        status == 400 || status == 401,
        "digest mismatch gave {status}"
    );

    // Over the 1 MiB limit.
    let mut huge = b"{\"id\":\"".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 1024 * 1024 + 1));
    huge.extend(b"\"}");
    let signed = sign_post(&inbox_url, &huge, &key_id, &bob_key)?;
    assert_eq!(
        post(&a, inbox, huge, &signed.headers).await?,
        413,
        "oversized body"
    );

    // Not JSON, correctly signed.
    let garbage = b"{this is not json".to_vec();
    let signed = sign_post(&inbox_url, &garbage, &key_id, &bob_key)?;
    assert_eq!(
        post(&a, inbox, garbage, &signed.headers).await?,
        400,
        "malformed JSON"
    );

    assert_eq!(
        snapshot(&a, tweede.id).await,
        before,
        "a refused request changed the database"
    );

    // The same Follow, correctly signed, is accepted; resent, it has no further effect.
    let body = follow(5);
    let signed = sign_post(&inbox_url, &body, &key_id, &bob_key)?;
    assert_eq!(
        post(&a, inbox, body.clone(), &signed.headers).await?,
        200,
        "valid follow"
    );
    let signed = sign_post(&inbox_url, &body, &key_id, &bob_key)?;
    assert_eq!(
        post(&a, inbox, body, &signed.headers).await?,
        200,
        "resent follow"
    );
    let after = snapshot(&a, tweede.id).await;
    assert_eq!(after.tweede_followers, before.tweede_followers + 1);
    assert_eq!(
        after.received,
        before.received + 1,
        "the resent activity was stored twice"
    );
    let bob_handle = format!("bob@{}", b.domain);
    assert!(
        handles_at(&a, "/api/v1/collectives/tweede/followers", &cora)
            .await
            .contains(&bob_handle)
    );

    b.stop().await;
    a.stop().await;
    Ok(())
}

#[tokio::test]
async fn activities_of_unknown_kinds_are_acknowledged_and_ignored() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b = instances.pop().unwrap();
    let a = instances.pop().unwrap();
    let tweede = a.create_collective("tweede", true).await?;
    let (bob, _) = b.create_member("bob", None).await?;
    let key = bob.private_key.as_ref().expect("key").expose().to_owned();
    let body = serde_json::to_vec(&json!({
        "id": format!("{}activities/dance/1", b.base),
        "type": "Dance",
        "actor": bob.ap_id,
        "object": tweede.ap_id,
    }))?;
    let url = a.url("/inbox");
    let signed = sign_post(&url, &body, &format!("{}#main-key", bob.ap_id), &key)?;
    assert_eq!(post(&a, "/inbox", body, &signed.headers).await?, 200);
    let snap = snapshot(&a, tweede.id).await;
    assert_eq!((snap.tweede_followers, snap.tweede_pending), (0, 0));
    b.stop().await;
    a.stop().await;
    Ok(())
}
