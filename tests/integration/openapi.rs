//! The OpenAPI document is valid OpenAPI 3 and describes every JSON endpoint.

use meent_testkit::start;
use serde_json::Value;

#[tokio::test]
async fn openapi_document_lists_every_json_endpoint() -> anyhow::Result<()> {
    let a = start().await?;
    let resp = a.http.get(a.url("/api/openapi.json")).send().await?;
    assert_eq!(resp.status(), 200);
    let doc: Value = resp.json().await?;
    assert!(
        doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")),
        "{}",
        doc["openapi"]
    );
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    // The document must deserialize as OpenAPI, not just be JSON.
    let _: utoipa::openapi::OpenApi = serde_json::from_value(doc.clone())?;

    let expected = [
        ("get", "/api/v1/instance"),
        ("get", "/api/v1/admin/instances"),
        ("get", "/api/v1/collectives"),
        ("get", "/api/v1/collectives/{name}"),
        ("get", "/api/v1/collectives/{name}/members"),
        ("get", "/api/v1/collectives/{name}/followers"),
        ("get", "/api/v1/collectives/{name}/follow-requests"),
        (
            "post",
            "/api/v1/collectives/{name}/follow-requests/{id}/approve",
        ),
        (
            "post",
            "/api/v1/collectives/{name}/follow-requests/{id}/reject",
        ),
        ("get", "/api/v1/members"),
        ("get", "/api/v1/members/{name}"),
        ("get", "/api/v1/me"),
        ("get", "/api/v1/me/follows"),
        ("post", "/api/v1/me/follows"),
        ("delete", "/api/v1/me/follows"),
        ("get", "/api/v1/themes"),
        ("get", "/api/v1/dilemmas"),
        ("post", "/api/v1/collectives/{name}/dilemmas"),
        ("get", "/api/v1/dilemmas/{id}"),
        ("put", "/api/v1/dilemmas/{id}"),
        ("delete", "/api/v1/dilemmas/{id}"),
        ("post", "/api/v1/dilemmas/{id}/accept"),
        ("post", "/api/v1/dilemmas/{id}/close"),
        ("post", "/api/v1/dilemmas/{id}/reopen"),
        ("post", "/api/v1/dilemmas/{id}/like"),
        ("delete", "/api/v1/dilemmas/{id}/like"),
        ("post", "/api/v1/dilemmas/{id}/solutions"),
        ("post", "/api/v1/replies/{id}/comments"),
        ("put", "/api/v1/replies/{id}"),
        ("delete", "/api/v1/replies/{id}"),
        ("post", "/api/v1/replies/{id}/like"),
        ("delete", "/api/v1/replies/{id}/like"),
        ("post", "/api/v1/solutions/{id}/confirmations"),
        (
            "delete",
            "/api/v1/solutions/{id}/confirmations/{collective}",
        ),
        ("get", "/api/v1/search"),
        ("post", "/api/v1/search/similar"),
        ("get", "/api/v1/search/network"),
        ("get", "/api/v1/dilemmas/{id}/similar"),
        ("post", "/api/v1/dilemmas/{id}/documents"),
        ("post", "/api/v1/solutions/{id}/documents"),
        ("post", "/api/v1/collectives/{name}/sessions"),
        ("get", "/api/v1/collectives/{name}/sessions"),
        ("get", "/api/v1/sessions/{id}"),
        ("put", "/api/v1/sessions/{id}"),
        ("delete", "/api/v1/sessions/{id}"),
        ("post", "/api/v1/sessions/{id}/registrations"),
        ("delete", "/api/v1/sessions/{id}/registrations/{collective}"),
        ("post", "/api/v1/sessions/{id}/outcome"),
        ("post", "/api/v1/dilemmas/{id}/invitations"),
        ("get", "/api/v1/dilemmas/{id}/invitations"),
        ("get", "/api/v1/collectives/{name}/desk"),
        ("get", "/api/v1/collectives/{name}/desk/network"),
        ("post", "/api/v1/collectives/{name}/programmes"),
        ("get", "/api/v1/collectives/{name}/programmes"),
        ("get", "/api/v1/programmes/{id}"),
        ("put", "/api/v1/programmes/{id}"),
        ("delete", "/api/v1/programmes/{id}"),
        ("post", "/api/v1/programmes/{id}/followers"),
        ("delete", "/api/v1/programmes/{id}/followers/{collective}"),
        ("put", "/api/v1/programmes/{id}/steps/{position}/progress"),
        ("get", "/api/v1/dilemmas/{id}/suggestions"),
        ("get", "/api/v1/me/expertise"),
        ("put", "/api/v1/me/expertise"),
    ];
    let paths = doc["paths"].as_object().expect("paths");
    for (method, path) in expected {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} is not documented"
        );
    }
    let documented: usize = paths
        .values()
        .map(|p| p.as_object().map_or(0, |o| o.len()))
        .sum();
    assert_eq!(
        documented,
        expected.len(),
        "the document lists endpoints this test does not know"
    );

    // Each documented GET without parameters or auth answers with JSON.
    let (status, body) = a.get("/api/v1/instance", None).await?;
    assert_eq!(status, 200);
    assert_eq!(body["software"], "meent");
    a.stop().await;
    Ok(())
}

/// Input the framework cannot read is answered like every other error: JSON in the
/// documented shape (`{"error": …}`), never the framework's plain text.
#[tokio::test]
async fn unreadable_input_gets_the_documented_json_error() -> anyhow::Result<()> {
    let a = start().await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, token) = a
        .create_member("mia", Some((&buurt, meent_domain::Role::Coordinator)))
        .await?;
    let cases: Vec<(reqwest::RequestBuilder, u16)> = vec![
        (a.http.get(a.base.join("/api/v1/dilemmas?limit=veel")?), 400),
        (a.http.get(a.url("/api/v1/dilemmas/abc")), 404),
        (a.http.get(a.url("/api/v1/bestaat-niet")), 404),
        (
            a.http
                .post(a.url("/api/v1/collectives/buurt/dilemmas"))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body("{\"title\": "),
            400,
        ),
        (
            a.http
                .post(a.url("/api/v1/collectives/buurt/dilemmas"))
                .bearer_auth(&token)
                .header("content-type", "text/plain")
                .body("hallo"),
            415,
        ),
        // A host that is not a valid international domain name: the person's to fix, not
        // a failure of another server (was 502).
        (
            a.http
                .post(a.url("/api/v1/me/follows"))
                .bearer_auth(&token)
                .json(&serde_json::json!({ "target": "@buurt@xn--a.example" })),
            400,
        ),
    ];
    for (request, expected) in cases {
        let response = request.send().await?;
        let what = response.url().to_string();
        assert_eq!(response.status().as_u16(), expected, "{what}");
        let kind = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(kind.starts_with("application/json"), "{what}: {kind}");
        let body: Value = response.json().await?;
        assert!(body["error"].is_string(), "{what}: {body}");
    }
    a.stop().await;
    Ok(())
}

/// Timestamps are RFC 3339 with their offset, as the document's `date-time` says; and every
/// response in the document has the description OpenAPI requires.
#[tokio::test]
async fn timestamps_carry_their_offset_and_responses_are_described() -> anyhow::Result<()> {
    let a = start().await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, token) = a
        .create_member("mia", Some((&buurt, meent_domain::Role::Coordinator)))
        .await?;
    let (status, d) = a
        .send(
            reqwest::Method::POST,
            "/api/v1/collectives/buurt/dilemmas",
            &token,
            Some(serde_json::json!({ "title": "Wie mag de sleutel?", "body": "Hoe?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let published = d["published"].as_str().expect("published");
    chrono::DateTime::parse_from_rfc3339(published)
        .unwrap_or_else(|e| panic!("{published} is not RFC 3339: {e}"));
    let doc: Value = a
        .http
        .get(a.url("/api/openapi.json"))
        .send()
        .await?
        .json()
        .await?;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("operations") {
            for (status, response) in operation["responses"].as_object().expect("responses") {
                assert!(
                    response["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{method} {path} {status} has no description"
                );
            }
        }
    }
    a.stop().await;
    Ok(())
}

/// What schemathesis (`.ci/api-fuzz`) found, kept as regressions: each request as it sent
/// it, and the answer the document promises.
#[tokio::test]
async fn requests_the_api_fuzzer_found_get_their_documented_answer() -> anyhow::Result<()> {
    let a = meent_testkit::start().await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a
        .create_member("mia", Some((&buurt, meent_domain::Role::Member)))
        .await?;
    let http = reqwest::Client::new();
    let status_of = |r: reqwest::Response| r.status().as_u16();

    // A date beyond what the index can hold overflowed inside tantivy (500).
    for query in [
        "since=3422-02-17",
        "until=0001-01-01",
        "since=9999-12-31&q=a",
    ] {
        let (status, body) = a
            .get(&format!("/api/v1/search?{query}"), Some(&mia))
            .await?;
        assert_eq!(status, 200, "{query}: {body}");
    }
    // An empty text filter is no filter, as an HTML form sends it; an empty date is refused.
    let (status, body) = a.get("/api/v1/dilemmas?status=", None).await?;
    assert_eq!(status, 200, "{body}");
    let (status, body) = a
        .get("/api/v1/search?theme=&status=&q=x", Some(&mia))
        .await?;
    assert_eq!(status, 200, "{body}");
    let (status, body) = a.get("/api/v1/search?until=", Some(&mia)).await?;
    assert_eq!((status, body["error"].is_string()), (400, true), "{body}");
    // A network search names its words.
    let (status, body) = a.get("/api/v1/search/network", None).await?;
    assert_eq!((status, body["error"].is_string()), (400, true), "{body}");
    // Without a token, writing is 401 before the body is read.
    let response = http
        .post(a.url("/api/v1/collectives/buurt/dilemmas"))
        .header("content-type", "application/json")
        .body(r#"{"title": "", "body": "", "themes": [], "visibility": ""}"#)
        .send()
        .await?;
    assert_eq!(status_of(response), 401);
    // A draft is an object, not an array.
    let response = http
        .post(a.url("/api/v1/search/similar"))
        .header("content-type", "application/json")
        .body("[]")
        .send()
        .await?;
    assert_eq!(status_of(response), 400);
    // A handle whose host is not a host name: refused as the person's to fix, not a 500.
    let (status, body) = a
        .send(
            reqwest::Method::POST,
            "/api/v1/me/follows",
            &mia,
            Some(serde_json::json!({ "target": "w\u{1fd6f}U\u{df}\u{5}\u{c5}]\u{24a7a}\u{df}\u{1}@I\u{d2}" })),
        )
        .await?;
    assert!(status == 400 || status == 404, "{status} {body}");
    assert!(body["error"].is_string(), "{body}");
    a.stop().await;
    Ok(())
}
