//! A healthy follower's delivery time, alone and beside a slow and a dead follower
//! (issue 16: the ratio must stay ≤ 1.2).
//!
//! An instance's collective gets fake followers (`FakePeer`, each its own host); a member
//! posts 600 public dilemmas through the API, and the clock runs from the first post until
//! the healthy follower has received every activity (two per dilemma). First run: the
//! healthy follower alone. Second run, on a fresh instance: beside it a follower that
//! answers every delivery after 20 s and one whose port refuses connections. Each run
//! posts the same way, so the ratio compares the delivery engine, not the posting.
//! Run with `cargo run --release -p meent-bench --bin delivery_fairness`.

use meent_domain::Role;
use meent_testkit::FakePeer;
use std::time::{Duration, Instant};

const POSTS: usize = 600;
const TARGET_RATIO: f64 = 1.2;

/// Seconds until the healthy follower has every activity, with `others` beside it.
async fn run(with_others: bool) -> anyhow::Result<f64> {
    let a = meent_testkit::start_with(|c| {
        c.http.workers = 1;
        // The slow follower is slow, not failing: it answers within the timeout.
        c.federation.request_timeout_secs = 30;
        c.federation.lease_secs = 600;
    })
    .await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, token) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let healthy = FakePeer::start().await?;
    a.fake_follower(&healthy, "hanna", "buurt").await?;
    let mut others = Vec::new();
    if with_others {
        let slow = FakePeer::start().await?;
        a.fake_follower(&slow, "sem", "buurt").await?;
        slow.set_inbox_delay(Duration::from_secs(20));
        let mut dead = FakePeer::start().await?;
        a.fake_follower(&dead, "dirk", "buurt").await?;
        dead.go_down().await;
        others.push(slow);
        others.push(dead);
    }

    let started = Instant::now();
    for i in 0..POSTS {
        let (status, body) = a
            .send(
                reqwest::Method::POST,
                "/api/v1/collectives/buurt/dilemmas",
                &token,
                Some(
                    serde_json::json!({ "title": format!("Dilemma {i}"), "body": "…",
                                         "themes": ["keys_and_access"] }),
                ),
            )
            .await?;
        anyhow::ensure!(status == 201, "posting failed: {body}");
    }
    let posted = started.elapsed().as_secs_f64();
    let deadline = started + Duration::from_secs(300);
    loop {
        let arrived = healthy.arrivals().len();
        if arrived >= 2 * POSTS {
            break;
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "only {arrived} of {} activities in 300 s",
            2 * POSTS
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let repeats = healthy.arrivals().values().filter(|n| **n > 1).count();
    println!(
        "{}: posted in {posted:.1} s, all {} activities at the healthy follower after {elapsed:.1} s ({repeats} received twice)",
        if with_others {
            "beside a slow and a dead follower"
        } else {
            "alone"
        },
        2 * POSTS
    );
    a.stop().await;
    healthy.stop().await;
    for p in others {
        p.stop().await;
    }
    Ok(elapsed)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let alone = run(false).await?;
    let beside = run(true).await?;
    let ratio = beside / alone;
    println!(
        "delivery_fairness: healthy follower {beside:.1} s beside a slow and a dead one, {alone:.1} s alone: ratio {ratio:.2} (target ≤ {TARGET_RATIO}) — {}",
        if ratio <= TARGET_RATIO {
            "PASS"
        } else {
            "MISS"
        }
    );
    Ok(())
}
