//! The web pages against an attacker (issue 15): where a login or language change may send
//! the browser, and the security headers of every page.

use crate::web_support::{PASSWORD, set_up, write_dilemma};
use meent_testkit::WebClient;

/// A fresh visitor logs in as `beheer` with `next` as the target; the visitor and the answer.
async fn log_in_then(
    inst: &meent_testkit::TestInstance,
    next: &str,
) -> anyhow::Result<(WebClient, meent_testkit::Page)> {
    let mut visitor = WebClient::new(&inst.base)?;
    visitor.get("/login").await?;
    let page = visitor
        .post(
            "/login",
            &[("name", "beheer"), ("password", PASSWORD), ("next", next)],
        )
        .await?;
    Ok((visitor, page))
}

#[tokio::test]
async fn after_login_and_language_change_only_paths_here_are_followed() -> anyhow::Result<()> {
    let inst = meent_testkit::start().await?;
    let _ = set_up(&inst).await;
    // The attack of the report: a tab that browsers drop turns "/\t/host" into "//host".
    for (next, expected) in [
        ("/d/1?x=1", "/d/1?x=1"),
        ("//127.0.0.1:8799/pwned", "/"),
        ("/\\127.0.0.1:8799/pwned", "/"),
        ("https://127.0.0.1:8799/pwned", "/"),
    ] {
        let (mut visitor, page) = log_in_then(&inst, next).await?;
        assert_eq!(page.status, 303, "{next}: {}", page.body);
        assert_eq!(page.location(), Some(expected), "{next}");
        let page = visitor
            .post("/language", &[("lang", "en"), ("next", next)])
            .await?;
        assert_eq!(page.location(), Some(expected), "language, {next}");
    }
    // Control characters: refused, no session started, no 500.
    for next in ["/\t/127.0.0.1:8799/pwned", "/d/1\r\nSet-Cookie: x=1"] {
        let (mut visitor, page) = log_in_then(&inst, next).await?;
        assert_eq!(page.status, 400, "{next:?}");
        assert!(
            page.headers
                .get("set-cookie")
                .is_none_or(|c| { !c.to_str().unwrap_or_default().starts_with("meent_session") })
        );
        let page = visitor
            .post("/language", &[("lang", "en"), ("next", next)])
            .await?;
        assert_eq!(page.status, 400, "language, {next:?}");
    }
    inst.stop().await;
    Ok(())
}

#[tokio::test]
async fn every_page_carries_the_security_headers() -> anyhow::Result<()> {
    let inst = meent_testkit::start().await?;
    let mut admin = set_up(&inst).await;
    let id = write_dilemma(&mut admin, "Wie mag de sleutel hebben?").await;
    let mut visitor = WebClient::new(&inst.base)?;
    let paths = [
        "/".to_owned(),
        "/login".to_owned(),
        "/register".to_owned(),
        "/search?q=sleutel".to_owned(),
        format!("/d/{id}"),
        "/c/buurtkamer".to_owned(),
        "/no-such-page".to_owned(),
    ];
    for path in &paths {
        let page = visitor.get(path).await?;
        let header = |name: &str| {
            page.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let csp = header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        // Images only from here: an image in a received answer is never loaded from its
        // server.
        assert!(csp.contains("img-src 'self' data:"), "{path}: {csp}");
        assert_eq!(
            header("x-content-type-options").as_deref(),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(header("x-frame-options").as_deref(), Some("DENY"), "{path}");
        assert!(header("referrer-policy").is_some(), "{path}");
    }
    inst.stop().await;
    Ok(())
}
