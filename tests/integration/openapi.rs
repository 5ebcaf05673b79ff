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
        ("get", "/api/v1/search"),
        ("post", "/api/v1/search/similar"),
        ("get", "/api/v1/search/network"),
        ("get", "/api/v1/dilemmas/{id}/similar"),
        ("post", "/api/v1/dilemmas/{id}/documents"),
        ("post", "/api/v1/solutions/{id}/documents"),
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
