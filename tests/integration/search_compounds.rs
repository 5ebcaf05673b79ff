//! Search finds what residents type (issue 19 §6), by the API: Dutch compounds and their
//! parts find each other both ways, a theme's words find its dilemmas, highlighted titles
//! keep their punctuation and snippets show no Markdown.

use meent_domain::Role;
use meent_testkit::{TestInstance, eventually, start_with};
use reqwest::Method;
use serde_json::{Value, json};

async fn post(on: &TestInstance, token: &str, title: &str, body: &str, theme: &str) {
    let (status, created) = on
        .send(
            Method::POST,
            "/api/v1/collectives/kern/dilemmas",
            token,
            Some(json!({ "title": title, "body": body, "themes": [theme],
                         "language": "nl", "visibility": "public" })),
        )
        .await
        .expect("posting a dilemma");
    assert_eq!(status, 201, "{created}");
}

/// The search answer for `q`, once it has a hit titled `title` (the index follows the
/// database shortly after).
async fn hit_for(on: &TestInstance, q: &str, title: &str) -> Value {
    let mut url = on.url("/api/v1/search");
    url.query_pairs_mut().append_pair("q", q);
    let path = format!("/api/v1/search?{}", url.query().unwrap_or_default());
    eventually(&format!("{q:?} finds {title:?}"), || async {
        let (status, body) = on.get(&path, None).await.ok()?;
        if status != 200 {
            return None;
        }
        body["hits"]
            .as_array()?
            .iter()
            .find(|h| h["title"] == title)
            .cloned()
    })
    .await
}

async fn titles(on: &TestInstance, q: &str) -> Vec<String> {
    let mut url = on.url("/api/v1/search");
    url.query_pairs_mut().append_pair("q", q);
    let path = format!("/api/v1/search?{}", url.query().unwrap_or_default());
    let (status, body) = on.get(&path, None).await.expect("searching");
    assert_eq!(status, 200, "{body}");
    body["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["title"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn compounds_and_their_parts_find_each_other_by_the_api() -> anyhow::Result<()> {
    // Searching again and again as a visitor while the index catches up must not meet the
    // anonymous-search throttle.
    let a = start_with(|c| c.limits.anonymous_searches = 100_000).await?;
    let kern = a.create_collective("kern", true).await?;
    let (_, mia) = a.create_member("mia", Some((&kern, Role::Member))).await?;
    let theme = "care_and_support";
    post(&a, &mia, "Op", "Het bewonersbudget is op.", theme).await;
    post(
        &a,
        &mia,
        "Verdelen",
        "Wij verdelen het budget eerlijk.",
        theme,
    )
    .await;
    post(&a, &mia, "Potten", "Drie budgetpotjes voor de tuin.", theme).await;
    post(&a, &mia, "Eén pot", "Eén budgetpotje is genoeg.", theme).await;
    post(
        &a,
        &mia,
        "Wie regelt het?",
        "Het sleutelbeheer loopt mis.",
        theme,
    )
    .await;
    post(&a, &mia, "Kwijt", "Wie heeft de sleutel?", theme).await;
    post(&a, &mia, "Klein", "Het huis is te klein.", theme).await;
    post(&a, &mia, "Krap", "De huisvesting is krap.", theme).await;
    post(
        &a,
        &mia,
        "Geld: voor wie, en waarvoor?",
        "**Vet** gezegd: [de begroting](https://x.example/b) klopt niet.\n\n# Kop\n\n- een lijst",
        "budgets_and_subsidies",
    )
    .await;

    for (q, title) in [
        ("budget", "Op"),
        ("bewonersbudget", "Verdelen"),
        ("budgetpotjes", "Eén pot"),
        ("budgetpotje", "Potten"),
        ("sleutel", "Wie regelt het?"),
        ("sleutelbeheer", "Kwijt"),
        ("subsidie", "Geld: voor wie, en waarvoor?"),
    ] {
        hit_for(&a, q, title).await;
    }
    // All are indexed by now: what must not be found is not.
    assert_eq!(titles(&a, "huis").await, vec!["Klein"]);
    assert_eq!(titles(&a, "huisvesting").await, vec!["Krap"]);

    let hit = hit_for(&a, "begroting", "Geld: voor wie, en waarvoor?").await;
    assert_eq!(hit["title_html"], "Geld: voor wie, en waarvoor?", "{hit}");
    let snippet = hit["snippet_html"].as_str().unwrap_or_default();
    assert!(snippet.contains("<b>begroting</b>"), "{hit}");
    for mark in ["*", "#", "](", "x.example", "- "] {
        assert!(!snippet.contains(mark), "{mark:?} in {snippet}");
    }
    let hit = hit_for(&a, "sleutelbeheer", "Wie regelt het?").await;
    assert!(
        hit["snippet_html"]
            .as_str()
            .unwrap_or_default()
            .contains("<b>sleutelbeheer</b>"),
        "{hit}"
    );
    let hit = hit_for(&a, "wie", "Geld: voor wie, en waarvoor?").await;
    assert_eq!(
        hit["title_html"], "Geld: voor <b>wie</b>, en waarvoor?",
        "{hit}"
    );
    a.stop().await;
    Ok(())
}
