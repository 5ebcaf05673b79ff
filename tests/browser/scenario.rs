//! Issue 4's browser scenario: set up A, post a dilemma; on B, follow A's collective and
//! answer it; back on A, accept the answer and see it marked — and B sees it solved.

use crate::{
    driver::Browser,
    steps::{set_up, write_dilemma},
};
use meent_testkit::start_many;

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; .ci/run runs it"]
async fn a_dilemma_is_posted_followed_answered_and_accepted_in_the_browser() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b_inst = instances.pop().expect("B");
    let a_inst = instances.pop().expect("A");

    let mut anna = Browser::start("scenario-a", "nl").await?;
    set_up(
        &mut anna,
        &a_inst,
        ("Buurtkamer Oost", "buurtkamer"),
        ("Anna de Vries", "anna"),
    )
    .await?;
    let dilemma = write_dilemma(
        &mut anna,
        &a_inst,
        "Wie mag de sleutel van de buurtkamer hebben?",
        "We hebben drie sleutels en twintig vrijwilligers. Hoe regelen jullie dat?",
    )
    .await?;
    assert!(
        anna.text("h1").await?.contains("sleutel van de buurtkamer"),
        "the published dilemma is shown"
    );

    let mut bram = Browser::start("scenario-b", "nl").await?;
    set_up(
        &mut bram,
        &b_inst,
        ("Huurders West", "huurderswest"),
        ("Bram Jansen", "bram"),
    )
    .await?;
    bram.visit(&b_inst.url("/follow"), "follow").await?;
    bram.fill("#target", &a_inst.handle("buurtkamer")).await?;
    bram.click("form[action='/follow'] button[type=submit]")
        .await?;
    bram.shot("followed").await?;

    // The dilemma reaches B; Bram opens it from his home page and answers it.
    let link = bram
        .until(
            &b_inst.url("/"),
            "ul.dilemmas a",
            "A's dilemma on B's home page",
        )
        .await?;
    bram.shot("home-with-dilemma").await?;
    link.click().await?;
    bram.find("#solution-body").await?;
    bram.shot("dilemma-on-b").await?;
    let on_b = bram.client.current_url().await?;
    bram.fill(
        "#solution-body",
        "Wij hebben een sleutelkluis met een code die elke maand verandert.",
    )
    .await?;
    bram.click("form[action$='/solutions'] button[type=submit]")
        .await?;
    bram.shot("answered").await?;

    // Bram attaches the plan that made it work to his answer, through the page's form.
    let dir = tempfile::tempdir()?;
    let pdf = dir.path().join("sleutelplan.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    )?;
    bram.click_in_place("article.solution details.document-add summary")
        .await?;
    bram.find("article.solution input[type=file]")
        .await?
        .send_keys(&pdf.display().to_string())
        .await?;
    bram.fill("article.solution input[name=title]", "Sleutelplan")
        .await?;
    bram.click("article.solution form[action$='/documents'] button[type=submit]")
        .await?;
    bram.shot("document-attached").await?;
    anna.until(
        &dilemma,
        "article.solution ul.documents li",
        "Bram's document on A",
    )
    .await?;
    anna.shot("document-on-a").await?;
    assert!(
        anna.text("article.solution ul.documents li")
            .await?
            .contains("Sleutelplan"),
        "A shows the document's title"
    );

    // Back on A: the answer arrives, Anna accepts it and sees it marked.
    anna.until(
        &dilemma,
        "form[action$='/accept'] button[value=true]",
        "B's answer on A",
    )
    .await?;
    anna.shot("answer-arrived").await?;
    anna.click("form[action$='/accept'] button[value=true]")
        .await?;
    anna.shot("accepted").await?;
    let badge = anna
        .text("article.solution.accepted .accepted-badge")
        .await?;
    assert_eq!(badge, "Geaccepteerd");
    assert!(
        anna.text("span.status").await?.contains("Opgelost"),
        "the dilemma is solved on A"
    );

    // B learns of the acceptance too.
    bram.until(
        &on_b,
        "article.solution.accepted",
        "the acceptance reaches B",
    )
    .await?;
    bram.shot("solved-on-b").await?;
    assert!(bram.text("span.status").await?.contains("Opgelost"));

    // Bram removes the document through the pages; A no longer shows it.
    bram.visit(&on_b, "before-removing-document").await?;
    bram.click("article.solution a[href^='/documents/'][href$='/delete']")
        .await?;
    bram.shot("remove-document-asked").await?;
    bram.click("button.danger").await?;
    bram.shot("document-removed").await?;
    anna.until_gone(
        &dilemma,
        "article.solution ul.documents li",
        "A no longer has the document",
    )
    .await?;
    anna.shot("document-gone-on-a").await?;
    bram.visit(&on_b, "after-removing-document").await?;

    // Bram removes his answer through the pages, after a page that says what goes; A no
    // longer shows it and the dilemma is open again there.
    bram.click("article.solution a[href$='/delete']").await?;
    bram.shot("remove-solution-asked").await?;
    assert_eq!(bram.text("h1").await?, "Deze oplossing verwijderen?");
    bram.click("button.danger").await?;
    bram.shot("solution-removed").await?;
    anna.until(&dilemma, "span.status-open", "A no longer has the answer")
        .await?;
    anna.shot("answer-removed-on-a").await?;
    assert!(
        anna.client
            .find(fantoccini::Locator::Css("article.solution"))
            .await
            .is_err(),
        "A shows no solution"
    );

    // And stops following A's collective from "Wie je volgt".
    bram.visit(&b_inst.url("/follow"), "following").await?;
    bram.click("form[action='/follow/stop'] button[type=submit]")
        .await?;
    bram.shot("unfollowed").await?;
    assert!(bram.text(".notice").await?.contains("niet meer"));

    anna.close().await?;
    bram.close().await?;
    Ok(())
}
