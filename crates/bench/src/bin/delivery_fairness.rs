//! A healthy follower's delivery time, alone and beside a slow and a dead follower
//! (issue 16: the ratio must stay ≤ 1.2).
//!
//! An instance's collective gets fake followers (`FakePeer`, each its own host). While the
//! followers are down, a member posts 600 public dilemmas through the API, so that every
//! delivery (two per dilemma and follower) is queued before the clock starts; posting is
//! not what is measured. Then the healthy follower (and the slow one) come back and send a
//! signed activity, which resumes their queues at once, and the clock runs until the
//! healthy follower has received all 1,200 activities. First run: the healthy follower
//! alone. Second run, on a fresh instance: beside it a follower that answers every delivery
//! after 20 s and one whose port refuses connections.
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
    let mut healthy = FakePeer::start().await?;
    let hanna = a.fake_follower(&healthy, "hanna", "buurt").await?;
    let mut followers = 1;
    let mut slow = None;
    let mut dead = None;
    if with_others {
        let mut s = FakePeer::start().await?;
        let sem = a.fake_follower(&s, "sem", "buurt").await?;
        s.set_inbox_delay(Duration::from_secs(20));
        s.go_down().await;
        slow = Some((s, sem));
        let mut d = FakePeer::start().await?;
        a.fake_follower(&d, "dirk", "buurt").await?;
        d.go_down().await;
        dead = Some(d);
        followers = 3;
    }
    healthy.go_down().await;

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
    let queued = (2 * POSTS * followers) as i64;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let mut conn = a.ctx().db.get().await?;
        if meent_db::queries::deliveries::count(&mut conn.conn()).await? >= queued {
            break;
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the deliveries were not all queued"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // Back: a signed activity from each returning follower resumes its queue at once.
    let started = Instant::now();
    let wake = |peer: &FakePeer, who: &meent_testkit::FakeActor, n: &str| {
        meent_testkit::fake_peer::activity(
            "Like",
            &peer.url(&format!("/likes/{n}")),
            &who.id,
            serde_json::json!(a.url("/c/buurt").as_str()),
        )
    };
    healthy.come_back()?;
    healthy
        .post_signed(&hanna, &a.url("/inbox"), &wake(&healthy, &hanna, "h"))
        .await?;
    if let Some((s, sem)) = slow.as_mut() {
        s.come_back()?;
        s.post_signed(sem, &a.url("/inbox"), &wake(s, sem, "s"))
            .await?;
    }
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
        "{}: all {} activities at the healthy follower {elapsed:.2} s after it came back ({repeats} received twice)",
        if with_others {
            "beside a slow and a dead follower"
        } else {
            "alone"
        },
        2 * POSTS
    );
    a.stop().await;
    healthy.stop().await;
    if let Some((s, _)) = slow {
        s.stop().await;
    }
    if let Some(d) = dead {
        d.stop().await;
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
