//! Issue 4's accessibility audit: axe-core, injected into the page, finds no serious or
//! critical violation on the home, dilemma, write and collective pages, in Dutch and in
//! English, for a signed-in member.

use crate::{
    driver::Browser,
    steps::{set_up, write_dilemma},
};
use meent_testkit::{SmtpSink, eventually, start_with};
use serde_json::Value;
use std::path::PathBuf;

/// axe-core's script: `MEENT_AXE_JS`, or where `.ci/run` installs it.
fn axe_script() -> anyhow::Result<String> {
    let path = std::env::var_os("MEENT_AXE_JS")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/meent/axe/node_modules/axe-core/axe.min.js"))
        })
        .ok_or_else(|| anyhow::anyhow!("set MEENT_AXE_JS to axe.min.js"))?;
    std::fs::read_to_string(&path).map_err(|e| {
        anyhow::anyhow!(
            "axe-core not found at {} ({e}); install it with \
             `npm install --prefix ~/.cache/meent/axe axe-core@4` or run .ci/run",
            path.display()
        )
    })
}

/// Runs axe on the open page; returns its serious and critical violations, described.
async fn audit(b: &Browser, axe: &str) -> anyhow::Result<Vec<String>> {
    b.client.execute(axe, vec![]).await?;
    let result: Value = b
        .run_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
                .then(r => done(r.violations))
                .catch(e => done({ error: String(e) }));",
        )
        .await?;
    if let Some(e) = result.get("error") {
        anyhow::bail!("axe failed: {e}");
    }
    let violations = result
        .as_array()
        .ok_or_else(|| anyhow::anyhow!("axe gave no list of violations: {result}"))?;
    let minor: Vec<&str> = violations
        .iter()
        .filter(|v| !matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .filter_map(|v| v["id"].as_str())
        .collect();
    if !minor.is_empty() {
        println!("moderate or minor findings (not failing): {minor:?}");
    }
    Ok(violations
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .map(|v| {
            let targets: Vec<String> = v["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| n["target"].to_string())
                .collect();
            format!(
                "{} ({}): {} — {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or(""),
                targets.join(", ")
            )
        })
        .collect())
}

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and axe-core; .ci/run runs it"]
async fn the_main_pages_have_no_serious_accessibility_violations_in_both_languages()
-> anyhow::Result<()> {
    let axe = axe_script()?;
    // With mail on: the settings page's e-mail part and the mail pages are audited too.
    let sink = SmtpSink::start()?;
    let inst = start_with(|c| SmtpSink::configure(sink.addr.port(), c)).await?;
    let mut b = Browser::start("accessibility", "nl").await?;
    // The audit itself works: a page without a language and an image without text fails.
    b.client
        .goto("data:text/html,<html><body><img src='x.png'><p>x</p></body></html>")
        .await?;
    let bad = audit(&b, &axe).await?;
    assert!(
        bad.iter().any(|v| v.starts_with("image-alt"))
            && bad.iter().any(|v| v.starts_with("html-has-lang")),
        "axe does not find known violations: {bad:?}"
    );
    set_up(
        &mut b,
        &inst,
        ("Buurtkamer Oost", "buurtkamer"),
        ("Anna de Vries", "anna"),
    )
    .await?;
    let dilemma = write_dilemma(
        &mut b,
        &inst,
        "Wie mag de sleutel van de buurtkamer hebben?",
        "We hebben **drie sleutels** en twintig vrijwilligers.\n\n- Wie beheert ze?\n- Wat als er een kwijt is?",
    )
    .await?;
    b.fill(
        "#solution-body",
        "Een sleutelkluis met een code die elke maand verandert.",
    )
    .await?;
    b.click("form[action$='/solutions'] button[type=submit]")
        .await?;

    // A session about the dilemma, organised by a support organisation the signed-in
    // administrator may act for: its page and the organiser's form are audited too.
    let lsa = inst
        .create_collective_of_kind(
            "lsa",
            true,
            meent_domain::CollectiveKind::SupportOrganisation,
        )
        .await?;
    let (sanne, _) = inst
        .create_member("sanne", Some((&lsa, meent_domain::Role::Coordinator)))
        .await?;
    let reader = meent_app::use_cases::access::Reader::of(inst.ctx(), sanne).await?;
    // Sanne knows about keys: the dilemma's page suggests her (the suggestions are audited).
    meent_app::use_cases::expertise::set_mine(
        inst.ctx(),
        &reader,
        &["keys_and_access".to_owned()],
        "sleutelbeheer, penningmeester",
    )
    .await?;
    let starts = chrono::Utc::now().naive_utc() + chrono::Duration::days(30);
    let session = meent_app::use_cases::meetings::create(
        inst.ctx(),
        &reader,
        "lsa",
        meent_app::use_cases::meetings::MeetingInput {
            title: "Sleutelbeheer: wie heeft ervaring?".into(),
            description: "We bespreken **samen** het dilemma.".into(),
            mode: meent_domain::MeetingMode::Hybrid,
            starts_at: starts,
            ends_at: starts + chrono::Duration::hours(2),
            time_zone: String::new(),
            place: "Buurthuis De Meent".into(),
            meeting_link: Some("https://meet.example/sleutel".into()),
            capacity: Some(3),
            dilemmas: vec![dilemma.to_string()],
        },
    )
    .await?;
    // A learning programme through the dilemma and the session: its page (the curator's
    // view, with the progress table) and the curator's form.
    let programme = meent_app::use_cases::programmes::create(
        inst.ctx(),
        &reader,
        "lsa",
        meent_app::use_cases::programmes::ProgrammeInput {
            title: "Sleutelbeheer in twee stappen".into(),
            description: "Voor collectieven die **een ruimte** beheren.".into(),
            themes: vec!["keys_and_access".into()],
            steps: vec![
                meent_app::use_cases::programmes::StepInput {
                    text: "Lees het dilemma.".into(),
                    target: dilemma.to_string(),
                },
                meent_app::use_cases::programmes::StepInput {
                    text: "Praat mee op de bijeenkomst.".into(),
                    target: session.ap_id.clone(),
                },
            ],
        },
    )
    .await?;
    // Anna's confirmed address, a password reset link and an unsubscribe link: the pages
    // those mails lead to.
    let anna = meent_app::members::local_by_name(inst.ctx(), "anna").await?;
    meent_app::email::set_address(inst.ctx(), &anna, "anna@example.test").await?;
    let mail_link = |prefix: &'static str, nth: usize| {
        let sink = &sink;
        async move {
            let text = eventually("a mail", || async {
                let mail = sink.mails().get(nth).cloned()?;
                let parsed = mail_parser::MessageParser::default().parse(&mail.data)?;
                parsed.body_text(0).map(|t| t.into_owned())
            })
            .await;
            let at = text.find(prefix).expect("a link in the mail");
            text[at..]
                .split(|c: char| c.is_whitespace() || c == '"' || c == '<')
                .next()
                .unwrap_or_default()
                .to_owned()
        }
    };
    let confirm = mail_link("/mail/confirm/", 0).await;
    meent_app::email::confirm_address(inst.ctx(), confirm.trim_start_matches("/mail/confirm/"))
        .await?;
    meent_app::email::request_password_reset(inst.ctx(), "anna").await?;
    let reset = mail_link("/password/reset/", 1).await;
    let key = meent_app::accounts::account_of(inst.ctx(), &anna)
        .await?
        .mail_key
        .unwrap_or_default();
    // The audited dilemma page has the suggestions box (Sanne), not an empty one.
    b.visit(&dilemma, "dilemma-with-suggestions").await?;
    b.find("ul.suggestions li.suggestion").await?;
    let pages = [
        ("home", inst.url("/")),
        ("programme", inst.url(&format!("/p/{}", programme.id))),
        ("programme-form", inst.url("/c/lsa/programmes/new")),
        ("desk", inst.url("/c/lsa/desk")),
        ("desk-elsewhere", inst.url("/c/lsa/desk?network=1")),
        ("session", inst.url(&format!("/m/{}", session.id))),
        ("session-edit", inst.url(&format!("/m/{}/edit", session.id))),
        (
            "session-form",
            inst.base
                .join(&format!("/c/lsa/sessions/new?dilemma={dilemma}"))?,
        ),
        ("dilemma", dilemma.clone()),
        (
            "remove-dilemma",
            inst.base.join(&format!("{}/delete", dilemma.path()))?,
        ),
        ("write", inst.url("/write")),
        ("collective", inst.url("/c/buurtkamer")),
        ("admin-collective-new", inst.url("/admin/collectives/new")),
        (
            "admin-collective-edit",
            inst.url("/admin/collectives/buurtkamer"),
        ),
        // Beyond the four the issue names: the other pages a member uses.
        ("search", inst.base.join("/search?q=sleutel")?),
        ("member", inst.url("/u/anna")),
        ("follow", inst.url("/follow")),
        ("notifications", inst.url("/notifications")),
        ("settings", inst.url("/settings")),
        ("expertise", inst.url("/settings/expertise")),
        ("manage", inst.url("/manage")),
        // The pages mail leads to.
        ("forgot-password", inst.url("/password/forgot")),
        ("reset-password", inst.base.join(&reset)?),
        (
            "unsubscribe",
            inst.base.join(&format!("/mail/unsubscribe/{key}/daily"))?,
        ),
        ("mail-link-used", inst.url("/mail/confirm/0123456789abcdef")),
    ];
    let mut found = Vec::new();
    for lang in ["nl", "en"] {
        if lang == "en" {
            // The footer's language switch, as a visitor would use it.
            b.click("footer form button[value=en]").await?;
        }
        for (name, url) in &pages {
            b.visit(url, &format!("{lang}-{name}")).await?;
            let html_lang = b
                .find("html")
                .await?
                .attr("lang")
                .await?
                .unwrap_or_default();
            assert_eq!(html_lang, lang, "{name} is not in {lang}");
            for v in audit(&b, &axe).await? {
                found.push(format!("{lang} {name}: {v}"));
            }
        }
    }
    b.close().await?;
    assert!(
        found.is_empty(),
        "serious or critical accessibility violations:\n{}",
        found.join("\n")
    );
    Ok(())
}
