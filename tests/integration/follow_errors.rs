//! What a newcomer reads when following goes wrong (issue 19 §5): a name the other server
//! does not know (its WebFinger answers 404) is "not found", a person is "not a
//! collective" — not "the server does not answer properly", which sends people to wait
//! for a server that is fine. The other servers here are fake peers.

use crate::web_support::{PASSWORD, log_in};
use meent_testkit::{FakePeer, start};
use serde_json::json;

/// A WebFinger answer for `acct` pointing at `actor`, as Mastodon and Lemmy send it.
fn jrd(acct: &str, actor: &url::Url) -> serde_json::Value {
    json!({
        "subject": format!("acct:{acct}"),
        "links": [{ "rel": "self", "type": "application/activity+json", "href": actor }]
    })
}

#[tokio::test]
async fn following_a_stranger_or_a_person_says_what_is_wrong() -> anyhow::Result<()> {
    let a = start().await?;
    let (mia, _) = a.create_member("mia", None).await?;
    meent_app::accounts::set_password(a.ctx(), &mia, PASSWORD).await?;
    let mut web = log_in(&a, "mia").await;

    // A server that knows nobody: its WebFinger answers 404.
    let empty = FakePeer::start().await?;
    let page = web
        .post(
            "/follow",
            &[("target", &format!("@niemand@{}", empty.domain()))],
        )
        .await?;
    assert_eq!(page.status, 422, "{}", page.body);
    assert!(
        page.body.contains("Dat collectief is niet gevonden."),
        "{}",
        page.body
    );
    assert!(!page.body.contains("antwoordt niet goed"), "{}", page.body);

    // A person on a server that answers properly.
    let peer = FakePeer::start().await?;
    let mo = peer.add_person("mo")?;
    let acct = format!("mo@{}", peer.domain());
    peer.serve(&peer.url("/.well-known/webfinger"), jrd(&acct, &mo.id));
    let page = web
        .post("/follow", &[("target", &format!("@{acct}"))])
        .await?;
    assert_eq!(page.status, 422, "{}", page.body);
    assert!(
        page.body
            .contains("Dat is het account van een persoon, geen collectief."),
        "{}",
        page.body
    );
    // By its address too.
    let page = web.post("/follow", &[("target", mo.id.as_str())]).await?;
    assert!(
        page.body
            .contains("Dat is het account van een persoon, geen collectief."),
        "{}",
        page.body
    );
    Ok(())
}
