//! Every kind of form refuses a request without a valid CSRF token, and changes nothing.

use crate::web_support::{PASSWORD, register, set_up, write_dilemma};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_refuses_a_missing_or_wrong_token() -> anyhow::Result<()> {
    let inst = meent_testkit::start_with(|c| {
        c.instance.registration = meent_domain::RegistrationMode::Open;
    })
    .await?;
    let mut admin = set_up(&inst).await;
    let id = write_dilemma(&mut admin, "Een dilemma om op te reageren").await;
    let mut ria = register(&inst, "ria").await;
    let answered = ria
        .post(
            &format!("/d/{id}/solutions"),
            &[("body", "Zo deden wij het.")],
        )
        .await?;
    let solution = answered
        .location()
        .and_then(|l| l.rsplit('-').next())
        .expect("solution anchor")
        .to_owned();
    let d = format!("/d/{id}");
    let r = format!("/r/{solution}");
    let forms: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            "/setup".into(),
            vec![
                ("collective_display_name", "X"),
                ("collective_name", "x"),
                ("kind", "core_group"),
                ("display_name", "X"),
                ("name", "xx"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        ),
        (
            "/login".into(),
            vec![("name", "beheer"), ("password", PASSWORD)],
        ),
        ("/logout".into(), vec![]),
        (
            "/register".into(),
            vec![
                ("display_name", "Mallory"),
                ("name", "mallory"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
                ("collective", "buurtkamer"),
            ],
        ),
        ("/language".into(), vec![("lang", "en"), ("next", "/")]),
        ("/settings".into(), vec![("language", "en")]),
        (
            "/settings/password".into(),
            vec![
                ("current", PASSWORD),
                ("password", "een ander lang wachtwoord"),
                ("password_again", "een ander lang wachtwoord"),
            ],
        ),
        (
            "/write".into(),
            vec![
                ("title", "Vervalst"),
                ("body", "x"),
                ("theme", "keys_and_access"),
                ("language", "nl"),
                ("visibility", "public"),
                ("action", "publish"),
            ],
        ),
        (
            format!("{d}/edit"),
            vec![
                ("title", "Vervalst"),
                ("body", "x"),
                ("theme", "keys_and_access"),
                ("language", "nl"),
                ("visibility", "public"),
                ("action", "publish"),
            ],
        ),
        (format!("{d}/solutions"), vec![("body", "Vervalst")]),
        (format!("{d}/like"), vec![("like", "true")]),
        (
            format!("{d}/accept"),
            vec![("solution", solution.as_str()), ("accepted", "true")],
        ),
        (format!("{d}/status"), vec![("closed", "true")]),
        (format!("{r}/comments"), vec![("body", "Vervalst")]),
        (format!("{r}/like"), vec![("like", "true")]),
        (
            format!("{r}/confirm"),
            vec![("collective", "buurtkamer"), ("account", "Vervalst")],
        ),
        ("/follow".into(), vec![("target", "@buurtkamer@localhost")]),
        ("/c/buurtkamer/follow".into(), vec![("follow", "true")]),
        (
            "/manage/buurtkamer/followers/1".into(),
            vec![("approve", "true")],
        ),
        (
            "/manage/buurtkamer/members/2".into(),
            vec![("role", "coordinator")],
        ),
        ("/manage/buurtkamer/invites".into(), vec![]),
        ("/manage/registrations/2".into(), vec![("approve", "true")]),
    ];
    let before = admin.get(&d).await?.body;
    for (path, fields) in &forms {
        // The administrator is logged in: only the token is missing.
        let missing = admin.post_raw(path, fields).await?;
        assert_eq!(
            missing.status, 403,
            "{path} without a token: {}",
            missing.body
        );
        assert!(
            missing.body.contains("Formulier niet verwerkt"),
            "{path}: {}",
            missing.body
        );
        let mut wrong: Vec<(&str, &str)> = vec![(
            "csrf",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        )];
        wrong.extend_from_slice(fields);
        let forged = admin.post_raw(path, &wrong).await?;
        assert_eq!(
            forged.status, 403,
            "{path} with another token: {}",
            forged.body
        );
    }
    // Nothing changed: the page looks the same and the session still works.
    let after = admin.get(&d).await?;
    assert_eq!(after.status, 200);
    assert_eq!(
        before, after.body,
        "a refused form changed the dilemma page"
    );
    // Nor anything the other forms would have changed.
    for name in ["mallory", "xx"] {
        let (status, _) = inst.get(&format!("/api/v1/members/{name}"), None).await?;
        assert_eq!(status, 404, "{name} was created");
    }
    let (_, list) = inst.get("/api/v1/dilemmas?limit=10", None).await?;
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    let (_, members) = inst
        .get("/api/v1/collectives/buurtkamer/members", None)
        .await?;
    let roles: Vec<(String, String)> = members
        .as_array()
        .expect("a list")
        .iter()
        .map(|m| {
            let name = m["member"]["name"].as_str().unwrap_or_default().to_owned();
            (name, m["role"].as_str().unwrap_or_default().to_owned())
        })
        .collect();
    assert!(
        roles
            .iter()
            .all(|(name, role)| name == "beheer" || role == "member"),
        "a role changed: {roles:?}"
    );
    // The password is unchanged and the administrator's session still works.
    crate::web_support::log_in(&inst, "beheer").await;
    assert_eq!(admin.get("/settings").await?.status, 200);
    let login = meent_testkit::WebClient::new(&inst.base)?
        .post_raw("/login", &[("name", "beheer"), ("password", PASSWORD)])
        .await?;
    assert_eq!(login.status, 403);
    inst.stop().await;
    Ok(())
}
