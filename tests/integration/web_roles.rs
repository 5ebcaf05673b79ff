//! Actions that need a role refuse everyone else, in the browser as in the API.

use crate::web_support::{register, set_up, write_dilemma};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actions_that_need_a_role_refuse_others() -> anyhow::Result<()> {
    let inst = meent_testkit::start_with(|c| {
        c.instance.registration = meent_domain::RegistrationMode::Open;
    })
    .await?;
    let mut admin = set_up(&inst).await;
    let mut ria = register(&inst, "ria").await;
    let id = write_dilemma(&mut ria, "Ria's dilemma").await;
    let mut bob = register(&inst, "bob").await;
    let answered = bob
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

    // A second collective with a member of its own, who is no member of buurtkamer.
    let other = inst.create_collective("anderen", true).await?;
    let (outsider_row, _) = inst
        .create_member("olga", Some((&other, meent_domain::Role::Member)))
        .await?;
    meent_app::accounts::set_password(inst.ctx(), &outsider_row, crate::web_support::PASSWORD)
        .await?;
    let mut olga = meent_testkit::WebClient::new(&inst.base)?;
    olga.get("/login").await?;
    let login = olga
        .post(
            "/login",
            &[("name", "olga"), ("password", crate::web_support::PASSWORD)],
        )
        .await?;
    assert_eq!(login.status, 303, "{}", login.body);

    // Accept by a non-member of the dilemma's collective.
    let accept = [("solution", solution.as_str()), ("accepted", "true")];
    let refused = olga.post(&format!("/d/{id}/accept"), &accept).await?;
    assert_eq!(refused.status, 403, "{}", refused.body);
    // ... and by a member who is neither the author nor a coordinator.
    let refused = bob.post(&format!("/d/{id}/accept"), &accept).await?;
    assert_eq!(refused.status, 403);

    // Edit of someone else's dilemma: neither the form nor the change.
    assert_eq!(bob.get(&format!("/d/{id}/edit")).await?.status, 403);
    let edit = [
        ("title", "Overgenomen"),
        ("body", "x"),
        ("theme", "keys_and_access"),
        ("language", "nl"),
        ("visibility", "public"),
        ("action", "publish"),
    ];
    assert_eq!(bob.post(&format!("/d/{id}/edit"), &edit).await?.status, 403);
    assert_eq!(
        olga.post(&format!("/d/{id}/edit"), &edit).await?.status,
        403
    );
    let page = admin.get(&format!("/d/{id}")).await?;
    assert!(page.body.contains("Ria&#x27;s dilemma") || page.body.contains("Ria's dilemma"));
    assert!(!page.body.contains("Overgenomen"));

    // Approving a follower (and managing members) by a non-coordinator.
    let (follower, _) = inst.create_member("volger", None).await?;
    let closed = inst.create_collective("dicht", false).await?;
    meent_app::follows::follow(inst.ctx(), &follower, &closed).await?;
    let (admin_row, _) = (
        meent_app::members::local_by_name(inst.ctx(), "beheer").await?,
        (),
    );
    let requests = meent_app::follows::pending_requests(inst.ctx(), &admin_row, &closed).await?;
    let follow_id = requests[0].0.id.to_string();
    let approve = [("approve", "true")];
    let path = format!("/manage/dicht/followers/{follow_id}");
    assert_eq!(bob.post(&path, &approve).await?.status, 403);
    assert_eq!(olga.post(&path, &approve).await?.status, 403);
    assert_eq!(bob.get("/manage").await?.status, 403);
    let role = [("role", "coordinator")];
    let bob_id = meent_app::members::local_by_name(inst.ctx(), "bob")
        .await?
        .id;
    assert_eq!(
        bob.post(&format!("/manage/buurtkamer/members/{bob_id}"), &role)
            .await?
            .status,
        403,
        "a member cannot make themselves coordinator"
    );
    let still = meent_app::follows::pending_requests(inst.ctx(), &admin_row, &closed).await?;
    assert_eq!(still.len(), 1, "the request is still pending");

    // The administrator may: the author's page shows the acceptance afterwards.
    assert_eq!(admin.post(&path, &approve).await?.status, 303);
    assert_eq!(
        admin
            .post(&format!("/d/{id}/accept"), &accept)
            .await?
            .status,
        303
    );
    assert!(
        ria.get(&format!("/d/{id}"))
            .await?
            .body
            .contains("accepted-badge")
    );
    inst.stop().await;
    Ok(())
}
