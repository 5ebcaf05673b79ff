//! What other servers and browsers see of a collective: the Group document, WebFinger,
//! NodeInfo and host-meta, and HTML on the same URL.

use meent_testkit::start;
use serde_json::Value;

#[tokio::test]
async fn a_collective_is_a_group_lemmy_accepts_and_a_page_for_browsers() -> anyhow::Result<()> {
    let a = start().await?;
    a.create_collective("buurtkamer", true).await?;
    let url = a.url("/c/buurtkamer");

    for accept in [
        "application/activity+json",
        "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
    ] {
        let resp = a
            .http
            .get(url.clone())
            .header("Accept", accept)
            .send()
            .await?;
        assert_eq!(resp.status(), 200);
        assert!(
            resp.headers()["content-type"]
                .to_str()?
                .starts_with("application/activity+json")
        );
        let group: Value = resp.json().await?;
        assert_eq!(group["type"], "Group");
        assert_eq!(group["id"], url.as_str());
        assert_eq!(group["preferredUsername"], "buurtkamer");
        assert_eq!(group["name"], "Collectief buurtkamer");
        // Lemmy then refuses its users' posts into the collective at once (item 7 of
        // issue 17), instead of leaving them "pending" after Meent's 403.
        assert_eq!(group["postingRestrictedToMods"], true);
        for key in ["inbox", "outbox", "followers"] {
            assert!(
                group[key]
                    .as_str()
                    .is_some_and(|u| u.starts_with(a.base.as_str())),
                "{key}"
            );
        }
        assert_eq!(group["publicKey"]["owner"], url.as_str());
        assert!(
            group["publicKey"]["publicKeyPem"]
                .as_str()
                .unwrap()
                .contains("BEGIN PUBLIC KEY")
        );
        assert_eq!(group["endpoints"]["sharedInbox"], a.url("/inbox").as_str());
        assert_eq!(group["manuallyApprovesFollowers"], false);
        // Fields Lemmy's own Group has are read back by our parser too.
        let parsed: meent_federation::protocol::actors::Group = serde_json::from_value(group)?;
        assert_eq!(parsed.preferred_username, "buurtkamer");
    }

    let resp = a
        .http
        .get(url.clone())
        .header("Accept", "text/html")
        .send()
        .await?;
    assert_eq!(resp.status(), 200);
    assert!(
        resp.headers()["content-type"]
            .to_str()?
            .starts_with("text/html")
    );
    let html = resp.text().await?;
    assert!(
        html.contains("<h1 id=\"collective-title\">Collectief buurtkamer</h1>"),
        "{html}"
    );

    let resp = a
        .http
        .get(a.url("/c/niemand"))
        .header("Accept", "application/activity+json")
        .send()
        .await?;
    assert_eq!(resp.status(), 404);
    let resp = a.http.get(a.url("/c/niemand")).send().await?;
    assert_eq!(resp.status(), 404);
    a.stop().await;
    Ok(())
}

#[tokio::test]
async fn webfinger_finds_collectives_and_members_and_refuses_nonsense() -> anyhow::Result<()> {
    let a = start().await?;
    a.create_collective("buurtkamer", true).await?;
    a.create_member("anna", None).await?;
    let wf = |resource: &str| {
        let mut u = a.url("/.well-known/webfinger");
        u.query_pairs_mut().append_pair("resource", resource);
        u
    };

    let resp = a
        .http
        .get(wf(&format!("acct:buurtkamer@{}", a.domain)))
        .send()
        .await?;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await?;
    assert_eq!(body["subject"], format!("acct:buurtkamer@{}", a.domain));
    let self_link = body["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["rel"] == "self")
        .expect("a self link");
    assert_eq!(self_link["href"], a.url("/c/buurtkamer").as_str());
    assert_eq!(self_link["type"], "application/activity+json");
    assert_eq!(
        self_link["properties"]["https://www.w3.org/ns/activitystreams#type"],
        "Group"
    );

    let body: Value = a
        .http
        .get(wf(&format!("acct:anna@{}", a.domain)))
        .send()
        .await?
        .json()
        .await?;
    let person = body["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["rel"] == "self")
        .unwrap();
    assert_eq!(
        person["properties"]["https://www.w3.org/ns/activitystreams#type"],
        "Person"
    );

    assert_eq!(
        a.http
            .get(wf(&format!("acct:niemand@{}", a.domain)))
            .send()
            .await?
            .status(),
        404
    );
    assert_eq!(
        a.http
            .get(wf("acct:buurtkamer@elders.example"))
            .send()
            .await?
            .status(),
        404
    );
    assert_eq!(a.http.get(wf("geen-handle")).send().await?.status(), 400);
    assert_eq!(
        a.http
            .get(a.url("/.well-known/webfinger"))
            .send()
            .await?
            .status(),
        400
    );
    a.stop().await;
    Ok(())
}

#[tokio::test]
async fn nodeinfo_host_meta_and_the_instance_actor() -> anyhow::Result<()> {
    let a = start().await?;
    a.create_member("anna", None).await?;
    let links: Value = a
        .http
        .get(a.url("/.well-known/nodeinfo"))
        .send()
        .await?
        .json()
        .await?;
    let href = links["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["rel"] == "http://nodeinfo.diaspora.software/ns/schema/2.1")
        .and_then(|l| l["href"].as_str())
        .expect("a NodeInfo 2.1 link")
        .to_owned();
    let info: Value = a.http.get(href).send().await?.json().await?;
    assert_eq!(info["version"], "2.1");
    assert_eq!(info["software"]["name"], "meent");
    assert_eq!(info["protocols"][0], "activitypub");
    assert_eq!(info["usage"]["users"]["total"], 1);
    // Anyone may register here (with approval, the default): open, as Mastodon counts it.
    assert_eq!(info["openRegistrations"], true);
    let closed = meent_testkit::start_with(|c| {
        c.instance.registration = meent_domain::RegistrationMode::Invite
    })
    .await?;
    let info: Value = closed
        .http
        .get(closed.url("/nodeinfo/2.1"))
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(info["openRegistrations"], false, "invitation only");
    closed.stop().await;

    let xml = a
        .http
        .get(a.url("/.well-known/host-meta"))
        .send()
        .await?
        .text()
        .await?;
    assert!(
        xml.contains("/.well-known/webfinger?resource={uri}"),
        "{xml}"
    );

    let actor: Value = a
        .http
        .get(a.url("/actor"))
        .header("Accept", "application/activity+json")
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(actor["type"], "Application");
    let outbox = actor["outbox"].as_str().expect("an outbox").to_owned();
    let resp = a
        .http
        .get(outbox)
        .header("Accept", "application/activity+json")
        .send()
        .await?;
    assert_eq!(resp.status(), 200);
    assert!(actor["publicKey"]["publicKeyPem"].is_string());

    let person: Value = a
        .http
        .get(a.url("/u/anna"))
        .header("Accept", "application/activity+json")
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(person["type"], "Person");
    assert_eq!(person["outbox"], a.url("/u/anna/outbox").as_str());
    a.stop().await;
    Ok(())
}
