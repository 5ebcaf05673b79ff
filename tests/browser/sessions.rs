//! Issue 18 in the browser: a support organisation's coordinator organises a session about
//! a dilemma through the web form; a member on another instance opens it by pasting its
//! address and registers their collective through the session's page; the organiser writes
//! the outcome through the page. Then the coordinator builds a learning programme through
//! the pages, the member on the other instance follows it and marks a step done, and the
//! curator sees that progress.

use crate::{
    driver::Browser,
    steps::{set_up, write_dilemma},
};
use chrono::Datelike;
use meent_domain::CollectiveKind;
use meent_testkit::start_many;
use serde_json::json;

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; .ci/run runs it"]
async fn a_session_is_organised_and_registered_for_through_the_pages() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b_inst = instances.pop().expect("B");
    let s_inst = instances.pop().expect("S");

    let mut sanne = Browser::start("sessions-s", "nl").await?;
    set_up(
        &mut sanne,
        &s_inst,
        ("Buurthuis Noord", "noord"),
        ("Sanne Bakker", "sanne"),
    )
    .await?;
    // The support organisation, which Sanne coordinates too.
    let lsa = s_inst
        .create_collective_of_kind("lsa", true, CollectiveKind::SupportOrganisation)
        .await?;
    let me = meent_app::members::local_by_name(s_inst.ctx(), "sanne").await?;
    meent_app::members::join(s_inst.ctx(), &me, &lsa, meent_domain::Role::Coordinator).await?;
    let dilemma = write_dilemma(
        &mut sanne,
        &s_inst,
        "Wie beheert de sleutel van het buurthuis?",
        "De gemeente wil één sleutelhouder.",
    )
    .await?;
    // The dilemma page offers to organise a session about it.
    sanne.visit(&dilemma, "dilemma-with-offer").await?;
    sanne
        .click(".sessions-box a[href^='/c/lsa/sessions/new']")
        .await?;
    sanne.shot("session-form").await?;
    sanne.fill("#title", "Sleutelavond").await?;
    sanne
        .fill("#description", "We bespreken het sleutelbeheer.")
        .await?;
    sanne.find("#mode-hybrid").await?.click().await?;
    let year = chrono::Utc::now().year() + 1;
    // A datetime-local field is typed differently per locale: set as the form sends it.
    sanne
        .client
        .execute(
            "document.querySelector('#starts_at').value = arguments[0];\
             document.querySelector('#ends_at').value = arguments[1];",
            vec![
                json!(format!("{year}-01-14T19:30")),
                json!(format!("{year}-01-14T21:00")),
            ],
        )
        .await?;
    sanne.fill("#place", "Buurthuis Noord").await?;
    sanne
        .fill("#meeting_link", "https://meet.example/sleutel")
        .await?;
    sanne.fill("#capacity", "2").await?;
    sanne
        .click("form[action='/c/lsa/sessions'] button[type=submit]")
        .await?;
    sanne.shot("session-created").await?;
    let session = sanne.client.current_url().await?;
    anyhow::ensure!(
        session.path().starts_with("/m/"),
        "created led to {session}"
    );
    assert_eq!(sanne.text("h1").await?, "Sleutelavond");
    let when = sanne.text("dl").await?;
    assert!(when.contains("14-01-") && when.contains("19:30"), "{when}");

    // On B, Bram opens it by its address and registers his collective through the page.
    let mut bram = Browser::start("sessions-b", "nl").await?;
    set_up(
        &mut bram,
        &b_inst,
        ("Huurders West", "huurderswest"),
        ("Bram Jansen", "bram"),
    )
    .await?;
    let mut search = b_inst.url("/search");
    search.query_pairs_mut().append_pair("q", session.as_str());
    bram.visit(&search, "session-opened").await?;
    assert_eq!(bram.text("h1").await?, "Sleutelavond");
    let on_b = bram.client.current_url().await?;
    bram.click("button[name=action][value=register]").await?;
    bram.until(
        &on_b,
        "li.registration-accepted",
        "B shows Huurders West registered",
    )
    .await?;
    bram.shot("registered").await?;
    assert!(
        bram.text("dl")
            .await?
            .contains("https://meet.example/sleutel"),
        "with a place, the meeting link is shown"
    );

    // S shows the registration; Sanne writes the outcome with a proposed solution.
    sanne
        .until(
            &session,
            "li.registration-accepted",
            "S shows the registration",
        )
        .await?;
    // Sanne changes the session through its form, filled in as it is; B follows.
    sanne.click("a[href$='/edit']").await?;
    assert_eq!(
        sanne.find("#title").await?.prop("value").await?.as_deref(),
        Some("Sleutelavond")
    );
    assert_eq!(
        sanne
            .find("#starts_at")
            .await?
            .prop("value")
            .await?
            .as_deref(),
        Some(format!("{year}-01-14T19:30").as_str())
    );
    sanne
        .fill("#title", "Sleutelavond in de nieuwe zaal")
        .await?;
    sanne
        .fill("#meeting_link", "https://meet.example/sleutel-nieuw")
        .await?;
    sanne.shot("session-edit").await?;
    sanne
        .click("form[action$='/edit'] button[type=submit]")
        .await?;
    assert_eq!(sanne.text("h1").await?, "Sleutelavond in de nieuwe zaal");
    bram.until(
        &on_b,
        "a[href='https://meet.example/sleutel-nieuw']",
        "B shows the changed session",
    )
    .await?;
    assert_eq!(bram.text("h1").await?, "Sleutelavond in de nieuwe zaal");
    sanne.visit(&session, "session-changed").await?;
    sanne
        .fill("#conclusions", "Een sleutelkluis met rooster werkt.")
        .await?;
    sanne
        .fill("#candidate", "Sleutelkluis met maandelijkse code.")
        .await?;
    sanne
        .click("form[action$='/outcome'] button[type=submit]")
        .await?;
    sanne.shot("outcome").await?;
    assert!(sanne.text(".outcome").await?.contains("Huurders West"));
    bram.until(&on_b, ".outcome", "B shows the outcome").await?;
    sanne.visit(&dilemma, "dilemma-with-candidate").await?;
    assert!(
        sanne.text("main").await?.contains("uit bijeenkomst"),
        "the proposed solution is marked"
    );

    // Sanne builds a learning programme through the pages: the dilemma, then the session.
    sanne
        .visit(&s_inst.url("/c/lsa"), "collective-with-programmes")
        .await?;
    sanne.click("a[href='/c/lsa/programmes/new']").await?;
    sanne.shot("programme-form").await?;
    sanne
        .fill("#title", "Sleutelbeheer in twee stappen")
        .await?;
    sanne
        .fill("#description", "Voor collectieven die een ruimte beheren.")
        .await?;
    sanne.find("#theme-keys_and_access").await?.click().await?;
    sanne.fill("#step_text-1", "Lees het dilemma.").await?;
    sanne.fill("#step_target-1", dilemma.as_str()).await?;
    sanne
        .fill("#step_text-2", "Praat mee op de sleutelavond.")
        .await?;
    sanne.fill("#step_target-2", session.as_str()).await?;
    sanne
        .click("form[action='/c/lsa/programmes'] button[type=submit]")
        .await?;
    sanne.shot("programme-created").await?;
    let programme = sanne.client.current_url().await?;
    anyhow::ensure!(
        programme.path().starts_with("/p/"),
        "created led to {programme}"
    );
    assert_eq!(sanne.text("h1").await?, "Sleutelbeheer in twee stappen");
    let steps = sanne.text("ol.steps").await?;
    assert!(
        steps.contains("Wie beheert de sleutel van het buurthuis?")
            && steps.contains("Sleutelavond"),
        "each step names what it points at: {steps}"
    );

    // Bram opens it on B, follows it for his collective and marks step 1 done.
    let mut search = b_inst.url("/search");
    search
        .query_pairs_mut()
        .append_pair("q", programme.as_str());
    bram.visit(&search, "programme-opened").await?;
    assert_eq!(bram.text("h1").await?, "Sleutelbeheer in twee stappen");
    let programme_on_b = bram.client.current_url().await?;
    bram.click("button[name=action][value=follow]").await?;
    bram.until(
        &programme_on_b,
        "#step-1 form.progress",
        "B can record progress",
    )
    .await?;
    bram.find("#step-1 input[name=done]").await?.click().await?;
    bram.fill("#step-1 input[name=notes]", "Besproken op de ledenavond.")
        .await?;
    bram.click("#step-1 form.progress button[type=submit]")
        .await?;
    bram.shot("progress-recorded").await?;

    // Sanne sees Huurders West's progress on the programme's page.
    sanne
        .until(
            &programme,
            "tr.follower td.step-done",
            "S shows step 1 done",
        )
        .await?;
    let progress = sanne.text("table").await?;
    assert!(
        progress.contains("Huurders West") && progress.contains("Besproken op de ledenavond."),
        "{progress}"
    );
    sanne.close().await?;
    bram.close().await?;
    Ok(())
}
