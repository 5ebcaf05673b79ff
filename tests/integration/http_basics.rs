//! What any HTTP client may expect (issue 19): `HEAD` is answered wherever `GET` is, with
//! the same status, type and length and no body; the site has an icon at the address
//! browsers ask for.

use meent_testkit::start;
use reqwest::{Method, header};
use serde_json::json;

#[tokio::test]
async fn head_is_answered_wherever_get_is() -> anyhow::Result<()> {
    let a = start().await?;
    let (_, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    let (status, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/huis/dilemmas",
            &anna,
            Some(json!({ "title": "Sleutel", "body": "Wie?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let id = d["id"].as_i64().expect("id");
    let webfinger = format!("/.well-known/webfinger?resource=acct:huis@{}", a.domain);
    let paths = [
        "/".to_owned(),
        "/c/huis".to_owned(),
        format!("/d/{id}"),
        "/search?q=sleutel".to_owned(),
        "/static/meent.css".to_owned(),
        "/favicon.ico".to_owned(),
        "/c/huis/feed.atom".to_owned(),
        format!("/api/v1/dilemmas/{id}"),
        webfinger,
        "/nodeinfo/2.1".to_owned(),
        "/d/999999".to_owned(),
    ];
    for path in paths {
        let get = a.http.get(a.url(&path)).send().await?;
        let (get_status, get_type) = (
            get.status(),
            get.headers().get(header::CONTENT_TYPE).cloned(),
        );
        let get_body = get.bytes().await?;
        let head = a.http.head(a.url(&path)).send().await?;
        assert_eq!(head.status(), get_status, "HEAD {path}");
        assert_eq!(
            head.headers().get(header::CONTENT_TYPE).cloned(),
            get_type,
            "HEAD {path}"
        );
        if let Some(length) = head.headers().get(header::CONTENT_LENGTH) {
            assert_eq!(length.to_str()?, get_body.len().to_string(), "HEAD {path}");
        }
        assert!(head.bytes().await?.is_empty(), "HEAD {path} has no body");
    }
    // An actor asked for as ActivityPub JSON, too.
    let accept = "application/activity+json";
    let get = a
        .http
        .get(a.url("/c/huis"))
        .header(header::ACCEPT, accept)
        .send()
        .await?;
    let head = a
        .http
        .head(a.url("/c/huis"))
        .header(header::ACCEPT, accept)
        .send()
        .await?;
    assert_eq!(head.status(), get.status());
    assert_eq!(
        head.headers().get(header::CONTENT_TYPE),
        get.headers().get(header::CONTENT_TYPE)
    );
    Ok(())
}

#[tokio::test]
async fn the_site_has_an_icon() -> anyhow::Result<()> {
    let a = start().await?;
    let html = a.http.get(a.url("/")).send().await?.text().await?;
    assert!(
        html.contains(r#"<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">"#),
        "{html}"
    );
    for path in ["/static/favicon.svg", "/favicon.ico"] {
        let icon = a.http.get(a.url(path)).send().await?;
        assert_eq!(icon.status(), 200, "{path}");
        assert_eq!(
            icon.headers()[header::CONTENT_TYPE],
            "image/svg+xml",
            "{path}"
        );
        assert!(icon.text().await?.starts_with("<svg"), "{path}");
    }
    Ok(())
}
