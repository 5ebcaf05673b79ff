//! Registration in each mode, approval, invitations, password changes and notifications.

use crate::web_support::{PASSWORD, set_up, write_dilemma};
use meent_domain::RegistrationMode;
use meent_testkit::WebClient;

async fn try_register(
    inst: &meent_testkit::TestInstance,
    name: &str,
    extra: &[(&str, &str)],
) -> anyhow::Result<(WebClient, meent_testkit::Page)> {
    let mut client = WebClient::new(&inst.base)?;
    client.get("/register").await?;
    let mut fields = vec![
        ("display_name", name),
        ("name", name),
        ("password", PASSWORD),
        ("password_again", PASSWORD),
    ];
    fields.extend_from_slice(extra);
    let page = client.post("/register", &fields).await?;
    Ok((client, page))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_wait_for_approval_by_default() -> anyhow::Result<()> {
    let inst = meent_testkit::start().await?;
    let mut admin = set_up(&inst).await;
    let (mut sam, page) = try_register(&inst, "sam", &[("collective", "buurtkamer")]).await?;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("Een coördinator van je collectief keurt het goed")
    );
    let login = sam
        .post("/login", &[("name", "sam"), ("password", PASSWORD)])
        .await?;
    assert_eq!(login.status, 401);
    assert!(login.body.contains("wacht nog op goedkeuring"));

    let manage = admin.get("/manage").await?;
    assert!(manage.body.contains("@sam"), "{}", manage.body);
    let sam_id = meent_app::members::local_by_name(inst.ctx(), "sam")
        .await?
        .id;
    let approved = admin
        .post(
            &format!("/manage/registrations/{sam_id}"),
            &[("approve", "true")],
        )
        .await?;
    assert_eq!(approved.status, 303);
    let login = sam
        .post("/login", &[("name", "sam"), ("password", PASSWORD)])
        .await?;
    assert_eq!(login.status, 303);
    // Approved into the collective asked for: Sam can write for it.
    let id = write_dilemma(&mut sam, "Sam's vraag").await;
    assert!(id > 0);

    // A refused registration frees the name.
    let (_, page) = try_register(&inst, "tim", &[("collective", "buurtkamer")]).await?;
    assert_eq!(page.status, 200);
    let tim_id = meent_app::members::local_by_name(inst.ctx(), "tim")
        .await?
        .id;
    let refused = admin
        .post(
            &format!("/manage/registrations/{tim_id}"),
            &[("approve", "false")],
        )
        .await?;
    assert_eq!(refused.status, 303);
    let (_, again) = try_register(&inst, "tim", &[("collective", "buurtkamer")]).await?;
    assert_eq!(again.status, 200, "{}", again.body);

    // Wrong password and unknown name get the same message.
    let mut visitor = WebClient::new(&inst.base)?;
    visitor.get("/login").await?;
    let wrong = visitor
        .post(
            "/login",
            &[("name", "beheer"), ("password", "fout fout fout")],
        )
        .await?;
    let unknown = visitor
        .post("/login", &[("name", "niemand"), ("password", PASSWORD)])
        .await?;
    assert_eq!(
        (wrong.status, unknown.status),
        (401.try_into()?, 401.try_into()?)
    );
    assert!(wrong.body.contains("klopt niet") && unknown.body.contains("klopt niet"));
    inst.stop().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_are_needed_and_used_once() -> anyhow::Result<()> {
    let inst =
        meent_testkit::start_with(|c| c.instance.registration = RegistrationMode::Invite).await?;
    let mut admin = set_up(&inst).await;
    let (_, without) = try_register(&inst, "ida", &[("collective", "buurtkamer")]).await?;
    assert_eq!(without.status, 422);
    assert!(without.body.contains("uitnodiging"));

    let made = admin.post("/manage/buurtkamer/invites", &[]).await?;
    assert_eq!(made.status, 200);
    let start = made
        .body
        .find("register?invite=")
        .expect("an invitation link")
        + 16;
    let code: String = made.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    // The link's page names the collective and does not say anyone must approve.
    let mut visitor = meent_testkit::WebClient::new(&inst.base)?;
    let invited = visitor.get(&format!("/register?invite={code}")).await?;
    assert!(
        invited
            .body
            .contains("Je bent uitgenodigd voor Buurtkamer Oost."),
        "{}",
        invited.body
    );
    assert!(!invited.body.contains("keurt"), "{}", invited.body);
    let (mut ida, page) = try_register(&inst, "ida", &[("invite", code.as_str())]).await?;
    assert_eq!(page.status, 303, "{}", page.body);
    assert!(
        write_dilemma(&mut ida, "Ida's vraag").await > 0,
        "joined the collective"
    );
    let (_, reused) = try_register(&inst, "jan", &[("invite", code.as_str())]).await?;
    assert_eq!(reused.status, 422);
    assert!(reused.body.contains("onbekend of al gebruikt"));
    let used = visitor.get(&format!("/register?invite={code}")).await?;
    assert!(
        !used.body.contains("Je bent uitgenodigd"),
        "a used code names nothing"
    );
    inst.stop().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_change_and_notifications() -> anyhow::Result<()> {
    let inst =
        meent_testkit::start_with(|c| c.instance.registration = RegistrationMode::Open).await?;
    let mut admin = set_up(&inst).await;
    let id = write_dilemma(&mut admin, "Wie beheert de sleutels?").await;
    let mut other_device = WebClient::new(&inst.base)?;
    other_device.get("/login").await?;
    let login = other_device
        .post("/login", &[("name", "beheer"), ("password", PASSWORD)])
        .await?;
    assert_eq!(login.status, 303);

    let wrong = admin
        .post(
            "/settings/password",
            &[
                ("current", "niet goed"),
                ("password", "nieuw wachtwoord hier"),
                ("password_again", "nieuw wachtwoord hier"),
            ],
        )
        .await?;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("huidige wachtwoord klopt niet"));
    let changed = admin
        .post(
            "/settings/password",
            &[
                ("current", PASSWORD),
                ("password", "nieuw wachtwoord hier"),
                ("password_again", "nieuw wachtwoord hier"),
            ],
        )
        .await?;
    assert_eq!(changed.status, 303);
    // This session stays; the other device is logged out; the new password works.
    assert_eq!(admin.get("/settings").await?.status, 200);
    assert_eq!(other_device.get("/settings").await?.status, 303);
    let mut fresh = WebClient::new(&inst.base)?;
    fresh.get("/login").await?;
    let relogin = fresh
        .post(
            "/login",
            &[("name", "beheer"), ("password", "nieuw wachtwoord hier")],
        )
        .await?;
    assert_eq!(relogin.status, 303);

    // A new solution to the admin's dilemma is a notification; the author's choice counts.
    let mut ria = crate::web_support::register(&inst, "ria").await;
    ria.post(
        &format!("/d/{id}/solutions"),
        &[("body", "Een sleutelkastje.")],
    )
    .await?;
    let home = admin.get("/").await?;
    assert!(home.body.contains("1 nieuw"), "unread count in the menu");
    let list = admin.get("/notifications").await?;
    assert!(
        list.body.contains("ria gaf een oplossing voor je dilemma"),
        "{}",
        list.body
    );
    assert!(
        !admin.get("/").await?.body.contains("1 nieuw"),
        "read once shown"
    );
    admin.post("/settings", &[("language", "nl")]).await?; // all notifications off
    let second = ria
        .post(&format!("/d/{id}/solutions"), &[("body", "Nog een idee.")])
        .await?;
    assert_eq!(second.status, 303, "the second solution is posted");
    let thread = admin.get(&format!("/d/{id}")).await?;
    assert!(thread.body.contains("Nog een idee."), "and shown");
    // ... but with notifications off, nothing new is counted or listed.
    assert!(!admin.get("/").await?.body.contains("nieuw</span>"));
    let list = admin.get("/notifications").await?;
    assert_eq!(
        list.body
            .matches("ria gaf een oplossing voor je dilemma")
            .count(),
        1,
        "{}",
        list.body
    );
    inst.stop().await;
    Ok(())
}
