//! The delivery engine against followers that behave as real servers do: one that goes
//! down for a minute, one that answers slowly, one that refuses connections, and two
//! server processes of one instance sharing the queue. The followers are fake servers
//! (`FakePeer`), so every delivery is counted at the receiving inbox, by activity id.

use meent_db::queries::{deliveries, instances};
use meent_domain::Role;
use meent_testkit::{FakeActor, FakePeer, TestInstance, eventually, fake_peer, start_with};
use reqwest::Method;
use serde_json::{Value, json};
use std::{collections::HashMap, time::Duration};

/// The dilemma ids (`Page` ids) that reached `peer`, in whatever activity carried them.
fn dilemmas_at(peer: &FakePeer) -> std::collections::HashSet<String> {
    peer.inbox_posts()
        .iter()
        .filter_map(|b| {
            let object = &b["object"];
            let page = if object["type"] == "Create" {
                &object["object"]
            } else {
                object
            };
            (page["type"] == "Page").then(|| page["id"].as_str().map(str::to_owned))?
        })
        .collect()
}

/// Posts `n` public dilemmas to `collective` on `a` as `token`'s member.
async fn post_dilemmas(
    a: &TestInstance,
    token: &str,
    collective: &str,
    n: usize,
) -> anyhow::Result<()> {
    for i in 0..n {
        let (status, body) = a
            .send(
                Method::POST,
                &format!("/api/v1/collectives/{collective}/dilemmas"),
                token,
                Some(
                    json!({ "title": format!("Dilemma nummer {i}"), "body": "Wie weet raad?",
                             "themes": ["keys_and_access"], "visibility": "public" }),
                ),
            )
            .await?;
        anyhow::ensure!(status == 201, "posting: {status} {body}");
    }
    Ok(())
}

/// An instance with a collective `buurt` and a member who writes in it.
async fn sender(
    adjust: impl FnOnce(&mut meent_server::Config),
) -> anyhow::Result<(TestInstance, String)> {
    let a = start_with(adjust).await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    Ok((a, mia))
}

fn assert_each_once(seen: &HashMap<String, usize>, expected: usize, who: &str) {
    let repeated: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        repeated.is_empty(),
        "{who} received activities more than once: {repeated:?}"
    );
    assert_eq!(seen.len(), expected, "{who}: distinct activities received");
}

#[tokio::test]
async fn a_follower_down_for_a_minute_gets_everything_soon_after_it_is_back() -> anyhow::Result<()>
{
    const N: usize = 200;
    let (a, mia) = sender(|_| {}).await?;
    let mut b = FakePeer::start().await?;
    a.fake_follower(&b, "bea", "buurt").await?;

    b.go_down().await;
    let down_since = std::time::Instant::now();
    post_dilemmas(&a, &mia, "buurt", N).await?;
    // The outage itself lasts a minute: that is the scenario, not a wait for a condition.
    tokio::time::sleep(Duration::from_secs(60).saturating_sub(down_since.elapsed())).await;
    {
        let mut conn = a.ctx().db.get().await?;
        let health = instances::get(&mut conn.conn(), &b.domain())
            .await?
            .expect("B is tracked");
        // Hundreds of failed deliveries, but only a few failed rounds: not dead.
        assert!(health.dead_since.is_none(), "{health:?}");
        // One failure per round (about one round per 2 s of test back-off), not one per
        // delivery (which would be hundreds).
        assert!(health.failures <= 40, "{health:?}");
    }
    b.come_back()?;
    // Within 30 s of coming back (the test's back-off is at most 2 s per round).
    eventually("all dilemmas reach B after its outage", || async {
        (dilemmas_at(&b).len() == N).then_some(())
    })
    .await;
    eventually("A's queue for B is empty", || async {
        let mut conn = a.ctx().db.get().await.ok()?;
        (deliveries::count_for_host(&mut conn.conn(), &b.domain())
            .await
            .ok()?
            == 0)
            .then_some(())
    })
    .await;
    // Each dilemma goes out as Announce(Create(Page)) and as Announce(Page).
    assert_each_once(&b.arrivals(), 2 * N, "B");
    a.stop().await;
    b.stop().await;
    Ok(())
}

#[tokio::test]
async fn every_activity_reaches_a_healthy_follower_exactly_once() -> anyhow::Result<()> {
    const N: usize = 400;
    let (a, mia) = sender(|_| {}).await?;
    let h = FakePeer::start().await?;
    a.fake_follower(&h, "hans", "buurt").await?;
    post_dilemmas(&a, &mia, "buurt", N).await?;
    eventually("all dilemmas reach H", || async {
        (dilemmas_at(&h).len() == N && h.arrivals().len() == 2 * N).then_some(())
    })
    .await;
    eventually("A's queue is empty", || async {
        let mut conn = a.ctx().db.get().await.ok()?;
        (deliveries::count(&mut conn.conn()).await.ok()? == 0).then_some(())
    })
    .await;
    assert_each_once(&h.arrivals(), 2 * N, "H");
    a.stop().await;
    h.stop().await;
    Ok(())
}

#[tokio::test]
async fn a_slow_and_a_dead_follower_do_not_hold_up_a_healthy_one() -> anyhow::Result<()> {
    const N: usize = 600;
    // The slow follower answers in 20 s, within the timeout: it is slow, not failing.
    let (a, mia) = sender(|c| {
        c.federation.request_timeout_secs = 30;
        c.federation.lease_secs = 600;
    })
    .await?;
    let healthy = FakePeer::start().await?;
    let slow = FakePeer::start().await?;
    let mut dead = FakePeer::start().await?;
    a.fake_follower(&healthy, "hanna", "buurt").await?;
    a.fake_follower(&slow, "sem", "buurt").await?;
    a.fake_follower(&dead, "dirk", "buurt").await?;
    slow.set_inbox_delay(Duration::from_secs(20));
    dead.go_down().await;

    post_dilemmas(&a, &mia, "buurt", N).await?;
    eventually("all dilemmas reach the healthy follower", || async {
        (healthy.arrivals().len() == 2 * N).then_some(())
    })
    .await;
    assert_each_once(&healthy.arrivals(), 2 * N, "the healthy follower");
    // Meanwhile the slow one is still being served, at its own pace, and the dead one waits
    // in back-off: failed rounds, not failed deliveries, are counted.
    let slow_so_far = slow.inbox_posts().len();
    assert!(
        slow_so_far < 2 * N,
        "the slow follower cannot have had everything yet"
    );
    let mut conn = a.ctx().db.get().await?;
    let c = &mut conn.conn();
    let d = instances::get(c, &dead.domain()).await?.expect("tracked");
    assert!(d.retry_at.is_some() && d.dead_since.is_none(), "{d:?}");
    assert!(d.failures < 40, "{d:?}");
    assert_eq!(
        deliveries::count_for_host(c, &dead.domain()).await?,
        (2 * N) as i64
    );
    drop(conn);
    a.stop().await;
    for p in [healthy, slow, dead] {
        p.stop().await;
    }
    Ok(())
}

#[tokio::test]
async fn an_activity_from_a_peer_in_back_off_resumes_its_queue_at_once() -> anyhow::Result<()> {
    // Back-off of an hour: only the incoming activity can explain a delivery within the test.
    let (a, mia) = sender(|c| {
        c.federation.retry_base_secs = 3600;
        c.federation.retry_max_secs = 3600;
    })
    .await?;
    let mut b = FakePeer::start().await?;
    let bea = a.fake_follower(&b, "bea", "buurt").await?;
    b.go_down().await;
    post_dilemmas(&a, &mia, "buurt", 3).await?;
    eventually("A puts B in back-off", || async {
        let mut conn = a.ctx().db.get().await.ok()?;
        instances::get(&mut conn.conn(), &b.domain())
            .await
            .ok()??
            .retry_at
            .is_some()
            .then_some(())
    })
    .await;
    b.come_back()?;
    assert!(dilemmas_at(&b).is_empty());
    // Bea likes the collective's first post... anything signed will do: a Like of the actor.
    let like = fake_peer::activity(
        "Like",
        &b.url("/likes/1"),
        &bea.id,
        json!(a.url("/c/buurt").as_str()),
    );
    let status = b.post_signed(&bea, &a.url("/inbox"), &like).await?;
    assert!((200..300).contains(&status), "{status}");
    eventually("B's queue resumes", || async {
        (dilemmas_at(&b).len() == 3).then_some(())
    })
    .await;
    a.stop().await;
    b.stop().await;
    Ok(())
}

#[tokio::test]
async fn two_server_processes_share_the_queue_and_one_may_die() -> anyhow::Result<()> {
    const N: usize = 100;
    // A short lease, so that what the killed process held comes back within the test.
    let (a, mia) = sender(|c| {
        c.federation.request_timeout_secs = 2;
        c.federation.lease_secs = 10;
    })
    .await?;
    let h = FakePeer::start().await?;
    a.fake_follower(&h, "hans", "buurt").await?;
    // Slow enough that both processes have deliveries in flight when one is killed.
    h.set_inbox_delay(Duration::from_millis(30));
    let (second, _dir) = a.second_server().await?;
    post_dilemmas(&a, &mia, "buurt", N).await?;
    eventually("half of the activities arrive", || async {
        (h.arrivals().len() >= N).then_some(())
    })
    .await;
    let before_kill = h.arrivals();
    assert!(
        before_kill.values().all(|n| *n == 1),
        "two processes sent the same activity: {before_kill:?}"
    );
    second.stop(false).await;
    let arrived_at_kill = h.inbox_posts().len();
    eventually("the rest arrive after the lease expires", || async {
        (h.arrivals().len() == 2 * N).then_some(())
    })
    .await;
    // Only what the killed process was sending at that moment can arrive twice (it may have
    // reached the inbox without the process learning so); nothing else.
    let seen = h.arrivals();
    let repeated = seen.values().filter(|n| **n > 1).count();
    let claim = 4 * 8;
    assert!(
        repeated <= claim,
        "{repeated} repeats; at most one claim ({claim}) was in flight ({arrived_at_kill} had arrived at the kill)"
    );
    a.stop().await;
    h.stop().await;
    Ok(())
}

#[tokio::test]
async fn a_flood_of_follows_from_one_actor_is_answered_429() -> anyhow::Result<()> {
    const LIMIT: u32 = 30;
    let (a, _) = sender(|c| {
        c.federation.inbox_per_actor = LIMIT;
        c.federation.inbox_window_secs = 3600;
    })
    .await?;
    let v = FakePeer::start().await?;
    let flooder = v.add_person("vloed")?;
    let other = v.add_person("ander")?;
    let inbox = a.url("/c/buurt/inbox");
    let follow = |n: u32, who: &FakeActor| {
        fake_peer::activity(
            "Follow",
            &v.url(&format!("/follows/{}/{n}", who.name)),
            &who.id,
            json!(a.url("/c/buurt").as_str()),
        )
    };
    let mut statuses = Vec::new();
    for n in 0..LIMIT + 20 {
        statuses.push(
            v.post_signed(&flooder, &inbox, &follow(n, &flooder))
                .await?,
        );
    }
    let accepted = statuses.iter().filter(|s| (200..300).contains(*s)).count();
    assert_eq!(accepted, LIMIT as usize, "{statuses:?}");
    assert!(
        statuses[LIMIT as usize..].iter().all(|s| *s == 429),
        "{statuses:?}"
    );
    // Nothing of a refused one was kept: its id can be sent again later and counts then.
    let mut conn = a.ctx().db.get().await?;
    let refused_id = follow(LIMIT + 1, &flooder)["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(!meent_db::queries::received::seen(&mut conn.conn(), &refused_id).await?);
    drop(conn);
    // The 429 says when to come back, and another actor is not affected.
    let response = reqwest::Client::new()
        .post(inbox.clone())
        .header("content-type", "application/activity+json")
        .body("{}")
        .send()
        .await?;
    assert_ne!(
        response.status(),
        429,
        "unsigned requests are refused for their own reasons"
    );
    let status = v.post_signed(&other, &inbox, &follow(0, &other)).await?;
    assert!((200..300).contains(&status), "another actor: {status}");
    a.stop().await;
    v.stop().await;
    Ok(())
}

/// The admin listing shows a tracked instance's state.
fn listed<'a>(list: &'a Value, host: &str) -> &'a Value {
    list.as_array()
        .and_then(|l| l.iter().find(|i| i["host"] == host))
        .unwrap_or_else(|| panic!("{host} not listed: {list}"))
}

#[tokio::test]
async fn housekeeping_prunes_what_it_should_and_keeps_the_rest() -> anyhow::Result<()> {
    let (a, mia) = sender(|_| {}).await?;
    let mut d = FakePeer::start().await?;
    a.fake_follower(&d, "dirk", "buurt").await?;
    d.go_down().await;
    post_dilemmas(&a, &mia, "buurt", 5).await?;
    let (_, admin) = a.create_admin("beheer").await?;
    eventually(
        "A puts D in back-off with its deliveries queued",
        || async {
            let mut conn = a.ctx().db.get().await.ok()?;
            let c = &mut conn.conn();
            let queued = deliveries::count_for_host(c, &d.domain()).await.ok()?;
            let i = instances::get(c, &d.domain()).await.ok()??;
            (queued == 10 && i.retry_at.is_some()).then_some(())
        },
    )
    .await;
    let settings = meent_app::housekeeping::HousekeepingSettings::default();
    let cursor = eventually("the index has read every change", || async {
        let mut conn = a.ctx().db.get().await.ok()?;
        let last = meent_db::queries::search::last_change_id(&mut conn.conn())
            .await
            .ok()?;
        let cursor = a.instance.search_cursor();
        (cursor == last && last > 0).then_some(cursor)
    })
    .await;

    // Today nothing is old enough: everything stays.
    let now = meent_db::now();
    let report = meent_app::housekeeping::run(a.ctx(), &settings, cursor, now).await?;
    assert_eq!(report, Default::default(), "nothing is pruned today");

    // D has been dead for ten days; forty days from now, everything read and sent is old.
    {
        let mut tx = a.ctx().db.begin().await?;
        let c = &mut tx.conn();
        let mut state = instances::get(c, &d.domain()).await?.expect("tracked");
        state.dead_since = Some(now - chrono::Duration::days(10));
        instances::save_failing(
            c,
            &d.domain(),
            instances::Failing {
                failures: state.failures,
                failing_since: now - chrono::Duration::days(11),
                dead_since: state.dead_since,
                retry_at: now + chrono::Duration::hours(6),
            },
            now,
        )
        .await?;
        tx.commit().await?;
    }
    let later = now + chrono::Duration::days(40);
    let report = meent_app::housekeeping::run(a.ctx(), &settings, cursor, later).await?;
    assert!(report.received_pruned >= 1, "{report:?}");
    assert!(report.changes_pruned >= 4, "{report:?}");
    assert_eq!(report.given_up, vec![(d.domain(), 10)], "{report:?}");
    // The outbox rows are pruned only once nothing waits for them: the ten were given up in
    // the same run, after the outbox step, so they go next time.
    let again = meent_app::housekeeping::run(a.ctx(), &settings, cursor, later).await?;
    assert!(again.outbox_pruned >= 5, "{again:?}");
    let mut conn = a.ctx().db.get().await?;
    let c = &mut conn.conn();
    assert_eq!(deliveries::count_for_host(c, &d.domain()).await?, 0);
    // The newest change stays (ids are never reused), and the dilemmas are all still there.
    assert!(
        meent_db::queries::search::first_change_id(c)
            .await?
            .is_some()
    );
    drop(conn);
    let (status, list) = a.get("/api/v1/dilemmas?limit=10", None).await?;
    assert_eq!((status, list.as_array().map(Vec::len)), (200, Some(5)));
    // The administrator sees that deliveries were given up.
    let (status, list) = a.get("/api/v1/admin/instances", Some(&admin)).await?;
    assert_eq!(status, 200, "{list}");
    let dead = listed(&list, &d.domain());
    assert_eq!(dead["state"], "dead");
    assert_eq!(dead["given_up"], 10);
    assert_eq!(dead["queued"], 0);
    let (status, _) = a.get("/api/v1/admin/instances", Some(&mia)).await?;
    assert_eq!(status, 403, "only administrators");
    a.stop().await;
    Ok(())
}
