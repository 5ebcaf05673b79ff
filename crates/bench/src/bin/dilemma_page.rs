//! The dilemma page with 50 solutions (SPEC §6: rendered with p95 ≤ 5 ms).
//!
//! Starts one instance in this process on SQLite, gives a dilemma 50 solutions from members
//! of five collectives (with comments, likes, confirmations and an accepted one), then
//! requests its HTML page over loopback, as a signed-in member would, and times each
//! request from sending to the last byte. Run with
//! `cargo run --release -p meent-bench --bin dilemma_page`.

use meent_domain::Role;
use reqwest::Method;
use serde_json::json;
use std::time::Instant;

const SOLUTIONS: usize = 50;
const RUNS: usize = 300;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let a = meent_testkit::start_with(|c| c.http.workers = 2).await?;
    let buurt = a.create_collective("buurtkamer", true).await?;
    let (_, cora) = a
        .create_member("cora", Some((&buurt, Role::Coordinator)))
        .await?;
    let (status, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/buurtkamer/dilemmas",
            &cora,
            Some(json!({
                "title": "Wie mag de sleutel van het buurthuis hebben?",
                "body": "We hebben **drie sleutels** en twintig vrijwilligers. Wie beheert ze, \
                         en wat spreken we af als er een kwijt is?",
                "themes": ["keys_and_access", "running_a_community_building"],
                "hashtags": ["sleutelbeheer"],
                "language": "nl",
                "visibility": "public",
                "facets": { "municipality": "Utrecht", "legalForm": "association" }
            })),
        )
        .await?;
    anyhow::ensure!(status == 201, "posting the dilemma: {d}");
    let id = d["id"].as_i64().unwrap_or_default();

    let mut tokens = Vec::new();
    for c in 0..5 {
        let collective = a.create_collective(&format!("collectief{c}"), true).await?;
        let (_, token) = a
            .create_member(&format!("lid{c}"), Some((&collective, Role::Member)))
            .await?;
        tokens.push((format!("collectief{c}"), token));
    }
    let mut solution_ids = Vec::new();
    for i in 0..SOLUTIONS {
        let (_, token) = &tokens[i % tokens.len()];
        let (status, s) = a
            .send(
                Method::POST,
                &format!("/api/v1/dilemmas/{id}/solutions"),
                token,
                Some(json!({
                    "body": format!("Oplossing {i}: wij werken met een **sleutelkluis** en een \
                                     rooster. De code verandert elke maand; de beheerder houdt \
                                     een lijst bij van wie de code heeft."),
                    "from_experience": i % 2 == 0
                })),
            )
            .await?;
        anyhow::ensure!(status == 201, "answering: {s}");
        let sid = s["id"].as_i64().unwrap_or_default();
        solution_ids.push(sid);
        let (status, c) = a
            .send(
                Method::POST,
                &format!("/api/v1/replies/{sid}/comments"),
                &cora,
                Some(json!({ "body": "Hoe houden jullie de lijst bij?" })),
            )
            .await?;
        anyhow::ensure!(status == 201, "commenting: {c}");
    }
    for (i, sid) in solution_ids.iter().enumerate().take(10) {
        let (name, token) = &tokens[(i + 1) % tokens.len()];
        a.send(
            Method::POST,
            &format!("/api/v1/solutions/{sid}/confirmations"),
            token,
            Some(json!({ "collective": name, "account": "Bij ons werkte dit ook." })),
        )
        .await?;
        a.send(
            Method::POST,
            &format!("/api/v1/replies/{sid}/like"),
            token,
            None,
        )
        .await?;
    }
    a.send(
        Method::POST,
        &format!("/api/v1/dilemmas/{id}/accept"),
        &cora,
        Some(json!({ "solution_ids": [solution_ids[3]] })),
    )
    .await?;

    // Signed in as the coordinator: the page with every button.
    meent_app::accounts::set_password(
        a.ctx(),
        &meent_app::members::local_by_name(a.ctx(), "cora").await?,
        "een lange zin als wachtwoord",
    )
    .await?;
    let mut web = meent_testkit::WebClient::new(&a.base)?;
    web.get("/login").await?;
    let login = web
        .post(
            "/login",
            &[
                ("name", "cora"),
                ("password", "een lange zin als wachtwoord"),
            ],
        )
        .await?;
    anyhow::ensure!(login.status == 303, "logging in: {}", login.status);

    let path = format!("/d/{id}");
    let page = web.get(&path).await?;
    anyhow::ensure!(
        page.status == 200 && page.body.matches("class=\"solution").count() == SOLUTIONS,
        "the page does not show {SOLUTIONS} solutions"
    );
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let page = web.get(&path).await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        anyhow::ensure!(page.status == 200, "status {}", page.status);
    }
    times.sort_by(f64::total_cmp);
    let p50 = times[RUNS / 2];
    let p95 = times[RUNS * 95 / 100];
    println!(
        "dilemma page with {SOLUTIONS} solutions: p50 {p50:.2} ms, {} bytes",
        page.body.len()
    );
    meent_bench::report(
        &format!("dilemma page with {SOLUTIONS} solutions p95"),
        p95,
        "ms",
        5.0,
        true,
    );
    a.stop().await;
    Ok(())
}
