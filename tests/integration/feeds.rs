//! Atom feeds (issue 19): per collective, theme, municipality and search, read back and
//! validated with `atom_syndication`; a dilemma that turns internal leaves them, a new one
//! comes first, and a feed holds the newest fifty.

use atom_syndication::Feed;
use meent_testkit::{TestInstance, eventually, start};
use reqwest::Method;
use serde_json::json;

async fn post(on: &TestInstance, token: &str, title: &str, theme: &str, visibility: &str) -> i64 {
    let (status, body) = on
        .send(
            Method::POST,
            "/api/v1/collectives/huis/dilemmas",
            token,
            Some(json!({
                "title": title, "body": "Wie weet raad?", "themes": [theme],
                "facets": { "municipality": "Utrecht" }, "visibility": visibility
            })),
        )
        .await
        .expect("request");
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().expect("id")
}

/// The feed at `path`, parsed (a feed that does not parse fails the test).
async fn feed(on: &TestInstance, path: &str) -> Feed {
    let url = on.base.join(path).expect("url");
    let response = on.http.get(url).send().await.expect("feed");
    if response.status() != 200 {
        let status = response.status();
        panic!(
            "{path}: {status} {}",
            response.text().await.unwrap_or_default()
        );
    }
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap_or("")
        .to_owned();
    assert!(kind.starts_with("application/atom+xml"), "{kind}");
    let text = response.text().await.expect("body");
    text.parse::<Feed>()
        .unwrap_or_else(|e| panic!("{path} is not a valid Atom feed ({e}): {text}"))
}

fn titles(f: &Feed) -> Vec<String> {
    f.entries()
        .iter()
        .map(|e| e.title().value.clone())
        .collect()
}

async fn titles_become(on: &TestInstance, path: &str, want: &[&str]) -> Feed {
    eventually(&format!("{path} lists {want:?}"), || async {
        let f = feed(on, path).await;
        (titles(&f) == want).then_some(f)
    })
    .await
}

#[tokio::test]
async fn feeds_list_public_dilemmas_and_follow_changes() -> anyhow::Result<()> {
    let a = start().await?;
    let (_, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    let sleutel = post(
        &a,
        &anna,
        "Sleutel van het buurthuis",
        "keys_and_access",
        "public",
    )
    .await;
    post(
        &a,
        &anna,
        "Subsidie voor het buurtfeest",
        "budgets_and_subsidies",
        "public",
    )
    .await;
    post(
        &a,
        &anna,
        "Een interne zaak over sleutels",
        "keys_and_access",
        "internal",
    )
    .await;

    let f = titles_become(
        &a,
        "/c/huis/feed.atom",
        &["Subsidie voor het buurtfeest", "Sleutel van het buurthuis"],
    )
    .await;
    let entry = &f.entries()[1];
    assert_eq!(entry.id(), a.url(&format!("/d/{sleutel}")).as_str());
    assert_eq!(
        entry.links()[0].href(),
        a.url(&format!("/d/{sleutel}")).as_str()
    );
    assert_eq!(entry.categories()[0].term(), "keys_and_access");
    assert_eq!(
        entry.summary().map(|s| s.value.as_str()),
        Some("Open · 0 oplossingen"),
        "status and solutions"
    );
    assert_eq!(entry.authors()[0].name(), "Collectief huis");
    titles_become(
        &a,
        "/themes/keys_and_access/feed.atom",
        &["Sleutel van het buurthuis"],
    )
    .await;
    titles_become(
        &a,
        "/municipalities/Utrecht/feed.atom",
        &["Subsidie voor het buurtfeest", "Sleutel van het buurthuis"],
    )
    .await;
    titles_become(
        &a,
        "/search/feed.atom?q=sleutel",
        &["Sleutel van het buurthuis"],
    )
    .await;

    // The pages name their feeds.
    let html = a.http.get(a.url("/c/huis")).send().await?.text().await?;
    assert!(
        html.contains(
            r#"<link rel="alternate" type="application/atom+xml" href="/c/huis/feed.atom""#
        ),
        "{html}"
    );
    let html = a
        .http
        .get(a.base.join("/search?q=sleutel&theme=keys_and_access")?)
        .send()
        .await?
        .text()
        .await?;
    for href in [
        "/search/feed.atom?q=sleutel&#38;theme=keys_and_access",
        "/themes/keys_and_access/feed.atom",
    ] {
        assert!(
            html.contains(&format!("type=\"application/atom+xml\" href=\"{href}\"")),
            "{href}: {html}"
        );
    }

    // Turned internal: it leaves every feed; a new one comes first.
    let (status, body) = a
        .send(
            Method::PUT,
            &format!("/api/v1/dilemmas/{sleutel}"),
            &anna,
            Some(json!({
                "title": "Sleutel van het buurthuis", "body": "Wie weet raad?",
                "themes": ["keys_and_access"], "visibility": "internal"
            })),
        )
        .await?;
    assert_eq!(status, 200, "{body}");
    titles_become(&a, "/themes/keys_and_access/feed.atom", &[]).await;
    post(
        &a,
        &anna,
        "Nieuwe vraag over de tuin",
        "budgets_and_subsidies",
        "public",
    )
    .await;
    titles_become(
        &a,
        "/c/huis/feed.atom",
        &["Nieuwe vraag over de tuin", "Subsidie voor het buurtfeest"],
    )
    .await;

    // Unknown ones are not found, as a page.
    for path in ["/themes/geen_thema/feed.atom", "/c/niemand/feed.atom"] {
        let status = a.http.get(a.url(path)).send().await?.status();
        assert_eq!(status, 404, "{path}");
    }
    Ok(())
}

#[tokio::test]
async fn a_feed_holds_the_newest_fifty() -> anyhow::Result<()> {
    let a = start().await?;
    let (_, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    for n in 1..=55 {
        post(
            &a,
            &anna,
            &format!("Vraag {n}"),
            "keys_and_access",
            "public",
        )
        .await;
    }
    let newest: Vec<String> = (6..=55).rev().map(|n| format!("Vraag {n}")).collect();
    let want: Vec<&str> = newest.iter().map(String::as_str).collect();
    let f = titles_become(&a, "/c/huis/feed.atom", &want).await;
    let dates: Vec<_> = f.entries().iter().map(|e| *e.updated()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(
        f.updated(),
        &dates[0],
        "the feed is as new as its newest entry"
    );
    Ok(())
}
