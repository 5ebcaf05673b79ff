//! A fresh instance leads its first visitor through set-up to a first posted dilemma.

use crate::web_support::{PASSWORD, set_up, write_dilemma};
use meent_testkit::WebClient;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_start_leads_to_a_first_dilemma() -> anyhow::Result<()> {
    let inst = meent_testkit::start().await?;
    let mut visitor = WebClient::new(&inst.base)?;
    let home = visitor.get("/").await?;
    assert_eq!(home.status, 303);
    assert_eq!(home.location(), Some("/setup"));
    let setup = visitor.get("/setup").await?;
    assert_eq!(setup.status, 200);
    assert!(setup.body.contains("Meent instellen"), "{}", setup.body);

    // A refusal shows the form again with a message and what was typed, never the password.
    let refused = visitor
        .post(
            "/setup",
            &[
                ("collective_display_name", "Buurtkamer Oost"),
                ("collective_name", "buurtkamer"),
                ("kind", "tenants_committee"),
                ("display_name", "Bea"),
                ("name", "beheer"),
                ("password", "kort"),
                ("password_again", "kort"),
            ],
        )
        .await?;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Het wachtwoord is te kort"));
    assert!(refused.body.contains("value=\"Buurtkamer Oost\""));

    let mut admin = set_up(&inst).await;
    let write = admin.get("/write?welcome=1").await?;
    assert_eq!(write.status, 200);
    assert!(write.body.contains("Schrijf nu je eerste dilemma"));

    // A preview shows the rendered text and keeps the form filled in.
    let preview = admin
        .post(
            "/write",
            &[
                ("title", "Wie mag de sleutel hebben?"),
                ("body", "Het **buurthuis** heeft één sleutel."),
                ("theme", "keys_and_access"),
                ("language", "nl"),
                ("visibility", "public"),
                ("action", "preview"),
            ],
        )
        .await?;
    assert_eq!(preview.status, 200);
    assert!(preview.body.contains("<strong>buurthuis</strong>"));
    assert!(
        preview
            .body
            .contains("value=\"Wie mag de sleutel hebben?\"")
    );

    let id = write_dilemma(&mut admin, "Wie mag de sleutel van het buurthuis hebben?").await;
    let page = admin.get(&format!("/d/{id}")).await?;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("Wie mag de sleutel van het buurthuis hebben?")
    );
    assert!(page.body.contains("\"@type\":\"QAPage\""), "QAPage JSON-LD");
    let feed = admin.get("/").await?;
    assert!(
        feed.body.contains(&format!("/d/{id}")),
        "the home feed lists it"
    );

    // Set-up happens once.
    let again = WebClient::new(&inst.base)?.get("/setup").await?;
    assert_eq!(again.status, 303);
    let mut late = WebClient::new(&inst.base)?;
    late.get("/login").await?;
    let second = late
        .post(
            "/setup",
            &[
                ("collective_display_name", "Overname"),
                ("collective_name", "overname"),
                ("kind", "core_group"),
                ("display_name", "Eve"),
                ("name", "eve"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        )
        .await?;
    assert_eq!(second.status, 422);
    assert!(second.body.contains("al ingesteld"));

    // Logging out ends the session.
    let out = admin.post("/logout", &[]).await?;
    assert_eq!(out.status, 303);
    assert_eq!(
        admin.get("/write").await?.status,
        303,
        "back to the login page"
    );
    inst.stop().await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accepted_answer_is_in_the_qapage_data() -> anyhow::Result<()> {
    let inst = meent_testkit::start_with(|c| {
        c.instance.registration = meent_domain::RegistrationMode::Open;
    })
    .await?;
    let mut admin = set_up(&inst).await;
    let id = write_dilemma(&mut admin, "Hoe komen we aan budget?").await;
    let mut other = crate::web_support::register(&inst, "ria").await;
    let answered = other
        .post(
            &format!("/d/{id}/solutions"),
            &[(
                "body",
                "Vraag het </script><script>alert(1)</script> ontmoetingsbudget aan.",
            )],
        )
        .await?;
    assert_eq!(answered.status, 303, "{}", answered.body);
    let anchor = answered.location().expect("location").to_owned();
    let solution: String = anchor.rsplit('-').next().expect("solution id").to_owned();
    let accepted = admin
        .post(
            &format!("/d/{id}/accept"),
            &[("solution", solution.as_str()), ("accepted", "true")],
        )
        .await?;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    let page = admin.get(&format!("/d/{id}")).await?;
    assert!(page.body.contains("Opgelost"));
    assert!(page.body.contains("\"acceptedAnswer\""));
    assert!(page.body.contains("accepted-badge"));
    // Text inside the JSON-LD cannot end its script element.
    assert!(!page.body.contains("</script><script>alert(1)"));
    inst.stop().await;
    Ok(())
}
