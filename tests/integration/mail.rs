//! E-mail against a real SMTP server on loopback (the testkit's `SmtpSink`, a separate
//! SMTP implementation): what Meent's SMTP client sends over the wire is parsed back with a
//! MIME parser. Confirmation links, password reset, approval mails, a daily digest, the
//! one-click unsubscribe of RFC 8058, and mail queued while the SMTP server is down sent
//! once after it comes up, with a restart of Meent in between.

use crate::web_support::{PASSWORD, set_up};
use mail_parser::MessageParser;
use meent_domain::RegistrationMode;
use meent_testkit::{
    ReceivedMail, SmtpSink, TestInstance, WebClient, eventually, free_port, start_with,
};
use std::time::Duration;

/// A mail, parsed: subject, plain text part, HTML part and the raw text.
struct Mail {
    subject: String,
    text: String,
    html: String,
    raw: String,
    unsubscribe: Option<String>,
    unsubscribe_post: Option<String>,
}

fn parse(m: &ReceivedMail) -> Mail {
    let msg = MessageParser::default()
        .parse(&m.data)
        .expect("a parseable message");
    Mail {
        subject: msg.subject().unwrap_or_default().to_owned(),
        text: msg.body_text(0).unwrap_or_default().into_owned(),
        html: msg.body_html(0).unwrap_or_default().into_owned(),
        raw: m.text(),
        unsubscribe: msg
            .header_raw("List-Unsubscribe")
            .map(|v| v.trim().to_owned()),
        unsubscribe_post: msg
            .header_raw("List-Unsubscribe-Post")
            .map(|v| v.trim().to_owned()),
    }
}

/// The first address in `text` starting with `prefix` (on the instance).
fn link(text: &str, inst: &TestInstance, prefix: &str) -> String {
    let start = inst.base.join(prefix).expect("url").to_string();
    let at = text
        .find(&start)
        .unwrap_or_else(|| panic!("no {start} in:\n{text}"));
    text[at..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The path (and query) of an address on the instance.
fn path_of(url: &str) -> String {
    let u = url::Url::parse(url).expect("url");
    u.path().to_owned()
}

async fn mails_to(sink: &SmtpSink, address: &str, n: usize) -> Vec<Mail> {
    let found = eventually(&format!("{n} mail(s) to {address}"), || async {
        let got = sink.mails_to(address);
        (got.len() >= n).then_some(got)
    })
    .await;
    found.iter().map(parse).collect()
}

async fn with_mail(mode: RegistrationMode) -> anyhow::Result<(TestInstance, SmtpSink)> {
    let sink = SmtpSink::start()?;
    let port = sink.addr.port();
    let inst = start_with(|c| {
        c.instance.registration = mode;
        SmtpSink::configure(port, c);
    })
    .await?;
    Ok((inst, sink))
}

async fn register_with_email(
    inst: &TestInstance,
    name: &str,
    email: &str,
) -> anyhow::Result<(WebClient, meent_testkit::Page)> {
    register_in(name, email, WebClient::new(&inst.base)?).await
}

/// Registers through `client` (whose browser language becomes the account's).
async fn register_in(
    name: &str,
    email: &str,
    mut client: WebClient,
) -> anyhow::Result<(WebClient, meent_testkit::Page)> {
    let form = client.get("/register").await?;
    assert!(form.body.contains("name=\"email\""), "{}", form.body);
    let page = client
        .post(
            "/register",
            &[
                ("display_name", name),
                ("name", name),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
                ("collective", "buurtkamer"),
                ("email", email),
            ],
        )
        .await?;
    Ok((client, page))
}

/// Follows the confirmation link in the newest mail to `address`.
async fn confirm(inst: &TestInstance, sink: &SmtpSink, address: &str) -> anyhow::Result<()> {
    let mails = mails_to(sink, address, 1).await;
    let confirm = mails
        .iter()
        .rev()
        .find(|m| m.text.contains("/mail/confirm/"))
        .expect("a confirmation mail");
    let url = link(&confirm.text, inst, "/mail/confirm/");
    let mut anyone = WebClient::new(&inst.base)?;
    let page = anyone.get(&path_of(&url)).await?;
    assert_eq!(page.status, 200, "{}", page.body);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_is_confirmed_and_a_forgotten_password_reset() -> anyhow::Result<()> {
    let (inst, sink) = with_mail(RegistrationMode::Open).await?;
    set_up(&inst).await;
    let (mut anna, page) = register_with_email(&inst, "anna", "anna@example.test").await?;
    assert_eq!(page.status, 303, "{}", page.body);

    // The confirmation mail: plain text and HTML alternatives, the link in both, and no
    // unsubscribe header (the person asked for it).
    let mails = mails_to(&sink, "anna@example.test", 1).await;
    let m = &mails[0];
    assert!(m.raw.contains("multipart/alternative"), "{}", m.raw);
    assert!(m.raw.contains("text/plain"), "{}", m.raw);
    assert!(
        m.subject.contains("Bevestig je e-mailadres"),
        "{}",
        m.subject
    );
    let url = link(&m.text, &inst, "/mail/confirm/");
    assert!(m.html.contains(&url), "{}", m.html);
    assert!(m.unsubscribe.is_none());
    let settings = anna.get("/settings").await?;
    assert!(
        settings.body.contains("Nog niet bevestigd"),
        "{}",
        settings.body
    );
    // Saving the unconfirmed address again sends a fresh link (the first may be lost): the
    // newest works, the earlier one no longer does.
    let again = anna
        .post("/settings/email", &[("email", "anna@example.test")])
        .await?;
    assert_eq!(again.status, 303, "{}", again.body);
    let first = url;
    let mails = mails_to(&sink, "anna@example.test", 2).await;
    let url = link(&mails[1].text, &inst, "/mail/confirm/");
    assert_ne!(first, url);
    let mut anyone = WebClient::new(&inst.base)?;
    assert_eq!(anyone.get(&path_of(&first)).await?.status, 404);

    // Confirming works once.
    let page = anyone.get(&path_of(&url)).await?;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("bevestigd"), "{}", page.body);
    let again = anyone.get(&path_of(&url)).await?;
    assert_eq!(again.status, 404, "{}", again.body);
    let settings = anna.get("/settings").await?;
    assert!(settings.body.contains("Bevestigd."), "{}", settings.body);

    // A forgotten password, asked for by address; an unknown name gets the same answer.
    let mut visitor = WebClient::new(&inst.base)?;
    visitor.get("/password/forgot").await?;
    let unknown = visitor
        .post("/password/forgot", &[("who", "niemand")])
        .await?;
    let known = visitor
        .post("/password/forgot", &[("who", "anna@example.test")])
        .await?;
    assert_eq!(unknown.status, 200);
    assert_eq!(known.status, 200);
    assert_eq!(
        unknown.body, known.body,
        "the answer must not tell who exists"
    );
    let mails = mails_to(&sink, "anna@example.test", 3).await;
    let reset = &mails[2];
    assert!(
        reset.subject.contains("nieuw wachtwoord"),
        "{}",
        reset.subject
    );
    let url = link(&reset.text, &inst, "/password/reset/");
    let form = visitor.get(&path_of(&url)).await?;
    assert_eq!(form.status, 200, "{}", form.body);
    let new_password = "een ander lang wachtwoord voor anna";
    let done = visitor
        .post(
            &path_of(&url),
            &[("password", new_password), ("password_again", new_password)],
        )
        .await?;
    assert_eq!(done.status, 200, "{}", done.body);

    // The old password stops working, the new one works, the session ended, the link is
    // used up.
    let mut fresh = WebClient::new(&inst.base)?;
    fresh.get("/login").await?;
    let old = fresh
        .post("/login", &[("name", "anna"), ("password", PASSWORD)])
        .await?;
    assert_eq!(old.status, 401);
    let new = fresh
        .post("/login", &[("name", "anna"), ("password", new_password)])
        .await?;
    assert_eq!(new.status, 303);
    let ended = anna.get("/settings").await?;
    assert!(!ended.body.contains("name=\"email\""), "{}", ended.body);
    let used = visitor.get(&path_of(&url)).await?;
    assert_eq!(used.status, 404);
    assert_eq!(sink.mails_to("anna@example.test").len(), 3);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approval_is_asked_for_and_told_by_mail() -> anyhow::Result<()> {
    let (inst, sink) = with_mail(RegistrationMode::Approval).await?;
    let mut admin = set_up(&inst).await;
    admin.get("/settings").await?;
    let saved = admin
        .post("/settings/email", &[("email", "beheer@example.test")])
        .await?;
    assert_eq!(saved.status, 303, "{}", saved.body);
    confirm(&inst, &sink, "beheer@example.test").await?;

    let (_, page) = register_with_email(&inst, "sam", "sam@example.test").await?;
    assert_eq!(page.status, 200, "{}", page.body);
    confirm(&inst, &sink, "sam@example.test").await?;

    // The coordinator hears someone waits, with a way to stop such mail.
    let to_admin = mails_to(&sink, "beheer@example.test", 2).await;
    let waits = to_admin
        .iter()
        .find(|m| m.subject.contains("wacht op goedkeuring"))
        .expect("a mail about the waiting registration");
    assert!(waits.text.contains("Buurtkamer Oost"), "{}", waits.text);
    assert!(waits.text.contains("/manage"), "{}", waits.text);
    assert!(waits.unsubscribe.is_some());

    let sam_id = meent_app::members::local_by_name(inst.ctx(), "sam")
        .await?
        .id;
    admin.get("/manage").await?;
    let approved = admin
        .post(
            &format!("/manage/registrations/{sam_id}"),
            &[("approve", "true")],
        )
        .await?;
    assert_eq!(approved.status, 303);
    let to_sam = mails_to(&sink, "sam@example.test", 2).await;
    let told = to_sam
        .iter()
        .find(|m| m.subject.contains("goedgekeurd"))
        .expect("an approval mail");
    assert!(told.text.contains("Buurtkamer Oost"), "{}", told.text);
    assert!(told.text.contains("/login"), "{}", told.text);
    Ok(())
}

/// Follows collective `name` as the client's member (open collectives accept at once).
async fn follow(client: &mut WebClient, name: &str) -> anyhow::Result<()> {
    client.get(&format!("/c/{name}")).await?;
    let page = client
        .post(&format!("/c/{name}/follow"), &[("follow", "true")])
        .await?;
    assert_eq!(page.status, 303, "{}", page.body);
    Ok(())
}

/// A public dilemma written for `collective` by a member of it, through the API.
async fn dilemma_of(
    inst: &TestInstance,
    collective: &meent_db::queries::collectives::CollectiveRow,
    member: &str,
    title: &str,
) -> anyhow::Result<()> {
    let (_, token) = inst
        .create_member(member, Some((collective, meent_domain::Role::Member)))
        .await?;
    let (status, body) = inst
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/collectives/{}/dilemmas", collective.name),
            &token,
            Some(serde_json::json!({
                "title": title,
                "body": "Hoe pakten jullie dit aan?",
                "themes": ["keys_and_access"],
                "visibility": "public",
            })),
        )
        .await?;
    assert_eq!(status, 201, "{body}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_digest_gathers_dilemmas_of_two_collectives_and_unsubscribes_in_one_click()
-> anyhow::Result<()> {
    let (inst, sink) = with_mail(RegistrationMode::Open).await?;
    set_up(&inst).await;
    let wijkraad = inst.create_collective("wijkraad", true).await?;
    let huurders = inst.create_collective("huurders", true).await?;
    let (mut anna, _) = register_with_email(&inst, "anna", "anna@example.test").await?;
    confirm(&inst, &sink, "anna@example.test").await?;
    anna.get("/settings").await?;
    let chosen = anna
        .post("/settings/mail", &[("mail_new_dilemma", "daily")])
        .await?;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    follow(&mut anna, "wijkraad").await?;
    follow(&mut anna, "huurders").await?;

    dilemma_of(
        &inst,
        &wijkraad,
        "wim",
        "Wie beheert de sleutel van het buurthuis?",
    )
    .await?;
    dilemma_of(
        &inst,
        &huurders,
        "hanna",
        "Hoe krijgen we het bewonersbudget?",
    )
    .await?;

    // Nothing yet: the daily digest waits for its hour. A day later it is one mail.
    let now = meent_db::now();
    assert_eq!(
        meent_app::mail::digest::compose_due(inst.ctx(), now).await?,
        0
    );
    let tomorrow = now + chrono::Duration::days(1);
    assert_eq!(
        meent_app::mail::digest::compose_due(inst.ctx(), tomorrow).await?,
        1
    );
    let mails = mails_to(&sink, "anna@example.test", 2).await;
    let digest = &mails[1];
    assert!(
        digest.subject.contains("dagelijkse overzicht"),
        "{}",
        digest.subject
    );
    for expected in [
        "Wie beheert de sleutel van het buurthuis?",
        "Hoe krijgen we het bewonersbudget?",
        "wijkraad",
        "huurders",
    ] {
        assert!(
            digest
                .text
                .to_lowercase()
                .contains(&expected.to_lowercase()),
            "{expected} missing in:\n{}",
            digest.text
        );
        assert!(
            digest
                .html
                .to_lowercase()
                .contains(&expected.to_lowercase()),
            "{expected} missing in the HTML part"
        );
    }
    assert!(digest.text.contains("/d/"), "each dilemma is linked");
    // Composing again mails nothing twice.
    assert_eq!(
        meent_app::mail::digest::compose_due(inst.ctx(), tomorrow).await?,
        0
    );

    // RFC 8058: a List-Unsubscribe address and the one-click POST header.
    assert_eq!(
        digest.unsubscribe_post.as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let header = digest.unsubscribe.clone().expect("List-Unsubscribe");
    let url = header.trim_start_matches('<').trim_end_matches('>');
    // Visiting the link (as a mail program's link checker would) changes nothing ...
    let mut checker = WebClient::new(&inst.base)?;
    let shown = checker.get(&path_of(url)).await?;
    assert_eq!(shown.status, 200, "{}", shown.body);
    // ... the POST a mail program sends, without cookies or form token, unsubscribes.
    let response = reqwest::Client::new()
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    let settings = anna.get("/settings").await?;
    let select = settings
        .body
        .split("id=\"mail_new_dilemma\"")
        .nth(1)
        .expect("the new-dilemma choice");
    let select = &select[..select.find("</select>").unwrap_or(select.len())];
    assert!(
        select.contains("value=\"off\" selected"),
        "new dilemmas are no longer mailed: {select}"
    );
    dilemma_of(&inst, &wijkraad, "wanda", "Nog een vraag over de sleutel").await?;
    let day_after = tomorrow + chrono::Duration::days(1);
    assert_eq!(
        meent_app::mail::digest::compose_due(inst.ctx(), day_after).await?,
        0
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_queued_while_the_smtp_server_is_down_is_sent_once_after_a_restart()
-> anyhow::Result<()> {
    let port = free_port()?;
    let inst = start_with(|c| {
        c.instance.registration = RegistrationMode::Open;
        SmtpSink::configure(port, c);
    })
    .await?;
    set_up(&inst).await;
    let (_, page) = register_with_email(&inst, "anna", "anna@example.test").await?;
    assert_eq!(page.status, 303, "{}", page.body);

    // The SMTP server is down: the mail is tried, fails, and stays queued.
    let ctx = inst.ctx().clone();
    eventually("a failed attempt", || {
        let ctx = ctx.clone();
        async move {
            let mut conn = ctx.db.get().await.ok()?;
            let due = meent_db::queries::mail_outbox::next_due(&mut conn.conn())
                .await
                .ok()??;
            (due > meent_db::now()).then_some(())
        }
    })
    .await;
    let stopped = inst.halt(true).await;

    let sink = SmtpSink::start_on(port)?;
    let inst = stopped.start().await?;
    let mails = mails_to(&sink, "anna@example.test", 1).await;
    assert!(
        mails[0].subject.contains("Bevestig"),
        "{}",
        mails[0].subject
    );

    // Sent once: marked sent, and no second copy however long the sender keeps going.
    let ctx = inst.ctx().clone();
    eventually("the mail marked sent", || {
        let ctx = ctx.clone();
        async move {
            let mut conn = ctx.db.get().await.ok()?;
            let unsent = meent_db::queries::mail_outbox::count_unsent(&mut conn.conn())
                .await
                .ok()?;
            (unsent == 0).then_some(())
        }
    })
    .await;
    // A further round of the sender (it polls every second) finds nothing to send.
    let settings = meent_app::mail::sender::SenderSettings {
        from: "t@sink.test".parse()?,
        lease: chrono::Duration::seconds(20),
        retry_base: chrono::Duration::seconds(1),
        retry_max: chrono::Duration::seconds(1),
        batch: 20,
    };
    let transport = lettre_transport(port);
    let report =
        meent_app::mail::sender::send_due(inst.ctx(), &transport, &settings, meent_db::now())
            .await?;
    assert_eq!(report.sent, 0);
    tokio::time::timeout(Duration::from_secs(1), async {}).await?;
    assert_eq!(sink.mails_to("anna@example.test").len(), 1);
    Ok(())
}

fn lettre_transport(port: u16) -> lettre::AsyncSmtpTransport<lettre::Tokio1Executor> {
    lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(port)
        .build()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_is_in_the_members_language() -> anyhow::Result<()> {
    let (inst, sink) = with_mail(RegistrationMode::Open).await?;
    set_up(&inst).await;
    let english = WebClient::with_language(&inst.base, "en-GB,en;q=0.9")?;
    let (_, page) = register_in("emma", "emma@example.test", english).await?;
    assert_eq!(page.status, 303, "{}", page.body);
    let mails = mails_to(&sink, "emma@example.test", 1).await;
    assert!(
        mails[0].subject.starts_with("Confirm your e-mail address"),
        "{}",
        mails[0].subject
    );
    assert!(
        mails[0].text.starts_with("Hello emma,"),
        "{}",
        mails[0].text
    );
    assert!(
        mails[0].html.contains("<html lang=\"en\">"),
        "{}",
        mails[0].html
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_mail_settings_the_features_hide() -> anyhow::Result<()> {
    let inst = start_with(|c| c.instance.registration = RegistrationMode::Open).await?;
    let mut admin = set_up(&inst).await;
    let mut visitor = WebClient::new(&inst.base)?;
    let register = visitor.get("/register").await?;
    assert!(!register.body.contains("name=\"email\""));
    let login = visitor.get("/login").await?;
    assert!(!login.body.contains("/password/forgot"));
    assert_eq!(visitor.get("/password/forgot").await?.status, 404);
    let settings = admin.get("/settings").await?;
    assert!(!settings.body.contains("/settings/email"));
    let refused = admin
        .post("/settings/email", &[("email", "a@example.test")])
        .await?;
    assert_eq!(refused.status, 404);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_dilemmas_chosen_at_once_are_mailed_once_and_idle_rounds_write_nothing()
-> anyhow::Result<()> {
    let (inst, sink) = with_mail(RegistrationMode::Open).await?;
    set_up(&inst).await;
    let wijkraad = inst.create_collective("wijkraad", true).await?;
    let (mut anna, _) = register_with_email(&inst, "anna", "anna@example.test").await?;
    confirm(&inst, &sink, "anna@example.test").await?;
    anna.get("/settings").await?;
    anna.post("/settings/mail", &[("mail_new_dilemma", "immediate")])
        .await?;
    follow(&mut anna, "wijkraad").await?;
    let member = meent_app::members::local_by_name(inst.ctx(), "anna").await?;
    let account = || async {
        meent_app::accounts::account_of(inst.ctx(), &member)
            .await
            .expect("account")
    };

    // Rounds with nothing to mail change nothing: no write per member per round.
    let before = account().await;
    for _ in 0..3 {
        assert_eq!(
            meent_app::mail::digest::compose_due(inst.ctx(), meent_db::now()).await?,
            0
        );
    }
    assert_eq!(account().await, before);

    // A new dilemma of a followed collective: one mail, at once, and only once.
    dilemma_of(
        &inst,
        &wijkraad,
        "wim",
        "Wie heeft de sleutel van de schuur?",
    )
    .await?;
    let mails = mails_to(&sink, "anna@example.test", 2).await;
    assert!(
        mails[1].subject.contains("Nieuwe dilemma's"),
        "{}",
        mails[1].subject
    );
    assert!(
        mails[1]
            .text
            .contains("Wie heeft de sleutel van de schuur?")
    );
    assert_eq!(
        meent_app::mail::digest::compose_due(inst.ctx(), meent_db::now()).await?,
        0
    );
    assert_eq!(sink.mails_to("anna@example.test").len(), 2);
    Ok(())
}
