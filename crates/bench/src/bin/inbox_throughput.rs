//! Signed `Create(Note)` activities accepted and stored per second by one inbox, on SQLite
//! (SPEC §6: ≥ 2,000/s on 2 cores).
//!
//! Instance A holds a public dilemma; instance B holds the sender, a member whose key signs
//! every request (signing is done before the clock starts: it is the sender's cost). Each
//! activity is a new answer to the dilemma. The clock runs from the first request to the
//! last response; every answer must then be stored exactly once.
//! Run with `cargo run --release -p meent-bench --bin inbox_throughput`.

use futures::{StreamExt, stream};
use meent_db::queries::{dilemmas, replies};
use meent_domain::Role;
use meent_testkit::{sign_post, start_with};
use serde_json::json;
use std::time::Instant;

const ACTIVITIES: usize = 4000;
const CONCURRENCY: usize = 64;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = start_with(|c| {
        c.http.workers = 2;
        // The indexer polls as in production, not as fast as the test helpers make it.
        c.search.poll_interval_ms = meent_server::config::SearchConfig::default().poll_interval_ms;
        // For finding where the time goes: the search indexer's share.
        if std::env::var_os("BENCH_NO_INDEXER").is_some() {
            c.search.poll_interval_ms = 3_600_000;
        } else if let Some(ms) = std::env::var("BENCH_INDEX_POLL_MS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            c.search.poll_interval_ms = ms;
        }
    })
    .await?;
    let b = start_with(|c| c.http.workers = 1).await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let (bob, _) = b.create_member("bob", None).await?;
    let key = bob
        .private_key
        .as_ref()
        .map(|k| k.expose().to_owned())
        .unwrap_or_default();
    let key_id = format!("{}#main-key", bob.ap_id);
    let (status, d) = a
        .send(
            reqwest::Method::POST,
            "/api/v1/collectives/buurt/dilemmas",
            &mia,
            Some(json!({ "title": "Sleutels", "body": "…", "themes": ["keys_and_access"] })),
        )
        .await?;
    anyhow::ensure!(status == 201, "posting failed: {d}");
    let dilemma_url = d["url"].as_str().unwrap_or_default().to_owned();
    let inbox = a.url("/inbox");

    let activity = |i: usize| {
        serde_json::to_vec(&json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "type": "Create",
            "id": format!("{}activities/create/bench-{i}", b.base),
            "actor": bob.ap_id,
            "to": [buurt.ap_id, "https://www.w3.org/ns/activitystreams#Public"],
            "object": {
                "type": "Note",
                "id": format!("{}r/bench-{i}", b.base),
                "attributedTo": bob.ap_id,
                "to": [buurt.ap_id, "https://www.w3.org/ns/activitystreams#Public"],
                "audience": buurt.ap_id,
                "inReplyTo": dilemma_url,
                "content": format!("<p>Antwoord {i}: wij gebruiken een sleutelkluis met een rooster.</p>"),
            }
        }))
    };
    // Warm-up (A fetches bob once), then sign everything before the clock starts.
    let signing = Instant::now();
    let mut requests = Vec::with_capacity(ACTIVITIES + 1);
    for i in 0..=ACTIVITIES {
        let body = activity(i)?;
        let signed = sign_post(&inbox, &body, &key_id, &key)?;
        requests.push((body, signed.headers));
    }
    let http = reqwest::Client::new();
    let send = |(body, headers): (Vec<u8>, Vec<(String, String)>)| {
        let mut req = http.post(inbox.clone()).body(body);
        for (k, v) in headers.iter().filter(|(k, _)| k != "host") {
            req = req.header(k, v);
        }
        async move { req.send().await.map(|r| r.status().as_u16()).unwrap_or(0) }
    };
    // A marker for attaching a profiler to the timed part alone.
    // Signing is fixed CPU work (RSA in the same library as the server's verification), so
    // its time tells how fast this machine is right now: shared virtual cores vary.
    println!(
        "{} requests signed in {:.1} s (this machine's speed now); sending",
        requests.len(),
        signing.elapsed().as_secs_f64()
    );
    let mut iter = requests.into_iter();
    if let Some(first) = iter.next() {
        anyhow::ensure!(send(first).await == 200, "warm-up request refused");
    }

    let started = Instant::now();
    let cpu_before = meent_bench::process_cpu_seconds();
    let statuses: Vec<u16> = stream::iter(iter)
        .map(send)
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = meent_bench::process_cpu_seconds() - cpu_before;
    let accepted = statuses.iter().filter(|s| **s == 200).count();
    anyhow::ensure!(
        accepted == ACTIVITIES,
        "{} of {ACTIVITIES} accepted",
        accepted
    );

    let mut conn = a.ctx().db.get().await?;
    let c = &mut conn.conn();
    let d = dilemmas::by_ap_id(c, &dilemma_url)
        .await?
        .ok_or_else(|| anyhow::anyhow!("dilemma gone"))?;
    let stored = replies::of_dilemma(c, d.id).await?.len();
    drop(conn);
    anyhow::ensure!(
        stored == ACTIVITIES + 1,
        "{stored} answers stored, expected {}",
        ACTIVITIES + 1
    );
    println!("{ACTIVITIES} activities in {elapsed:.2} s, {CONCURRENCY} at a time, all stored once");
    // CPU of the whole process (server and sending client) while the clock ran: how busy the
    // two cores were, and what one activity costs.
    println!(
        "CPU {cpu:.2} s ({:.0}% of 2 cores), {:.2} ms per activity",
        100.0 * cpu / (2.0 * elapsed),
        1000.0 * cpu / ACTIVITIES as f64
    );
    meent_bench::report(
        "signed Create(Note) accepted and stored",
        ACTIVITIES as f64 / elapsed,
        "per s",
        2000.0,
        false,
    );
    a.stop().await;
    b.stop().await;
    Ok(())
}
